package browsertest

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeSample names one page of each kind, per language (relative to the language folder).
// The root chooser and the 404 page are added once.
var axeSample = []string{
	"",                    // home
	"countries/",          // countries index
	"themes/",             // themes index
	"countries/cambodia/", // a country
	"themes/ddr/",         // a theme
	"about/",              // a stand-alone page
	"timeline/",
	"figures/",
	"glossary/",
	"print/",         // the booklet
	"search/?q=mine", // the search page with results
}

type axeResult struct {
	Passes     int
	Violations []struct {
		ID, Impact, Help string
		Nodes            []struct{ Target, Summary string }
	}
}

// axeRunJS runs axe-core with the options in %s: {} for its default rules (WCAG 2.x A and
// AA and best practices).
const axeRunJS = `axe.run(document, Object.assign({resultTypes: ["violations"]}, %s)).then(r => ({
	Passes: r.passes.length,
	Violations: r.violations.map(v => ({
		ID: v.id, Impact: v.impact || "", Help: v.help,
		Nodes: v.nodes.slice(0, 5).map(n => ({Target: n.target.join(" "), Summary: n.failureSummary || ""})),
	})),
}))`

// axeColourRules are the rules to rerun in the dark scheme. The dark scheme changes
// only colours (assets/style.css sets custom properties and nothing else under it), and
// these are the default rules that read colours: text against its background, and a link
// told from the text around it.
const axeColourRules = `{runOnly: {type: "rule", values: ["color-contrast", "link-in-text-block"]}}`

// axeNarrowRules are the rules to rerun at phone width, where boxes that fit at 1280 px
// start to scroll and a box that scrolls must be reachable from the keyboard. (Colour
// contrast, the costliest rule, does not change with the width: the colours are the same.)
const axeNarrowRules = `{runOnly: {type: "rule", values: ["scrollable-region-focusable"]}}`

// reportAxe reports each violation with the elements it was found on.
func reportAxe(t *testing.T, url, where string, res axeResult) {
	t.Helper()
	for _, v := range res.Violations {
		var nodes []string
		for _, n := range v.Nodes {
			nodes = append(nodes, n.Target+": "+strings.ReplaceAll(n.Summary, "\n", " "))
		}
		t.Errorf("%s%s: %s violation %s: %s\n\t%s", url, where, v.Impact, v.ID, v.Help, strings.Join(nodes, "\n\t"))
	}
}

// TestAxe runs axe-core on a page of each kind in each language, the root chooser and the
// 404 page (in a few tabs at once), at 1280 px and, for scrolling boxes, at 320 px, then
// its colour rules again at 1280 px in the dark colour scheme. A serious
// or critical violation fails the test; lesser ones fail it too, since the site has none
// and should keep it so.
func TestAxe(t *testing.T) {
	axePath, err := nodeModule(site.root, "axe-core/axe.min.js")
	if err != nil {
		missingTool(t, "axe-core is not installed (node_modules/axe-core/axe.min.js): run npm ci in the project folder")
	}
	src, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	startBrowser(t)
	urls := []string{site.base, site.notFoundURL()}
	for _, lang := range site.langs {
		for _, p := range axeSample {
			if page, _, _ := strings.Cut(p, "?"); !slices.Contains(site.pages, lang+"/"+page+"index.html") {
				t.Errorf("sample page %s/%s is not in the build; update axeSample", lang, p)
				continue
			}
			urls = append(urls, site.base+lang+"/"+p)
		}
	}
	names := make([]string, len(urls))
	for i, url := range urls {
		names[i] = strings.TrimPrefix(url, site.base)
		if names[i] == "" {
			names[i] = "chooser"
		}
	}
	inTabs(t, names, openTab, func(t *testing.T, tb *tab, name string) {
		url := urls[slices.Index(names, name)]
		tb.page(t)
		tb.viewport(t, 1280)
		tb.open(t, url)
		if _, q, ok := strings.Cut(url, "/search/?q="); ok {
			search2(t, tb, q) // the results listed, excerpts and marks included
		}
		if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
			t.Fatalf("loading axe-core into %s: %v", url, err)
		}
		res := eval[axeResult](t, tb, fmt.Sprintf(axeRunJS, "{}"))
		if res.Passes == 0 {
			t.Fatalf("axe-core passed no rule on %s: it did not check the page", url)
		}
		reportAxe(t, url, "", res)
		tb.viewport(t, 320)
		reportAxe(t, url, " at 320 px", eval[axeResult](t, tb, fmt.Sprintf(axeRunJS, axeNarrowRules)))
		// The dark scheme, as a reader whose system is set to dark sees it: the rules that
		// read colours again.
		tb.viewport(t, 1280)
		tb.colorScheme(t, "dark")
		if bg := eval[string](t, tb, `getComputedStyle(document.body).backgroundColor`); bg != darkBackground {
			t.Fatalf("%s in the dark scheme: body background %s, want %s: the dark scheme is not applied", url, bg, darkBackground)
		}
		dark := eval[axeResult](t, tb, fmt.Sprintf(axeRunJS, axeColourRules))
		if dark.Passes == 0 && len(dark.Violations) == 0 {
			t.Fatalf("axe-core checked no colour rule on %s in the dark scheme", url)
		}
		reportAxe(t, url, " in the dark scheme", dark)
		tb.colorScheme(t, "")
	})
}
