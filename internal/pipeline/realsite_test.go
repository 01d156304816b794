package pipeline_test

import (
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/site"
	"peacebuilding/internal/sitetest"
)

// The briefing must cover every country and theme of the source document.
var (
	wantCountries = []string{"cambodia", "timor-leste", "sri-lanka", "philippines", "afghanistan", "iraq", "bosnia-and-herzegovina", "colombia", "sudan", "dr-congo", "sierra-leone", "liberia", "burundi"}
	wantThemes    = []string{"consolidation-of-peace", "local-ownership", "human-security", "small-arms", "mine-action", "ddr", "peacekeeping", "oda", "elections-and-police", "rule-of-law", "refugees-and-humanitarian-aid", "reconstruction", "education-sport-reconciliation", "human-resource-development", "ticad-and-africa", "international-fora"}
	wantPages     = []string{"_index", "countries/_index", "themes/_index", "about", "future", "sources"}
)

func buildReal(t *testing.T) *pipeline.Result {
	t.Helper()
	res, err := pipeline.Build(os.DirFS(sitetest.RepoRoot()), pipeline.Options{})
	if err != nil {
		t.Fatalf("building the real site: %v", err)
	}
	return res
}

func TestRealSiteIsComplete(t *testing.T) {
	res := buildReal(t)
	if len(res.Warnings) > 0 {
		t.Errorf("the real site builds with %d warnings:\n%s", len(res.Warnings), strings.Join(res.Warnings, "\n"))
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	var keys []string
	for _, c := range wantCountries {
		keys = append(keys, "countries/"+c)
	}
	for _, th := range wantThemes {
		keys = append(keys, "themes/"+th)
	}
	keys = append(keys, wantPages...)
	asOf := map[string]string{"en": "as of early 2007", "ja": "2007年初め現在"}
	for _, lang := range []string{"en", "ja"} {
		for _, key := range keys {
			p := res.Site.Lookup(lang, key)
			if p == nil {
				t.Errorf("no page %s in %s", key, lang)
				continue
			}
			html, ok := files[p.URL+"index.html"]
			if !ok {
				t.Errorf("the built site has no %sindex.html", p.URL)
				continue
			}
			if !strings.Contains(html, asOf[lang]) {
				t.Errorf("%s does not say that its information is %s", p.URL, asOf[lang])
			}
			if n := outgoing(p); n < 2 {
				t.Errorf("%s links to %d other content pages in its text, want at least 2", p.File.Name, n)
			}
		}
	}
}

// outgoing counts the distinct other content pages that p's body links to.
func outgoing(p *site.Page) int {
	seen := map[string]bool{}
	from := &url.URL{Path: "/" + p.URL}
	for _, l := range p.Links {
		u, err := url.Parse(l.URL)
		if err != nil || l.External {
			continue
		}
		if to := from.ResolveReference(u).Path; to != from.Path {
			seen[to] = true
		}
	}
	return len(seen)
}

func TestEveryEnglishPageIsTranslated(t *testing.T) {
	res := buildReal(t)
	for _, p := range res.Site.Pages {
		if p.Lang != "ja" {
			continue
		}
		if p.Fallback {
			t.Errorf("content/en/%s.md has no Japanese translation (content/ja/%s.md)", p.Key, p.Key)
			continue
		}
		for what, text := range map[string]string{"title": p.Title, "body": p.File.Body} {
			if ja, all := japaneseShare(text); ja*2 < all {
				t.Errorf("%s: the %s has %d Japanese letters out of %d; a translation should be mostly Japanese", p.File.Name, what, ja, all)
			}
		}
	}
}

// japaneseShare counts the letters of s in Japanese script (kana and kanji) and all letters.
// Markdown link destinations are left out: they are file names, not text.
func japaneseShare(s string) (ja, all int) {
	inDest := false
	prev := rune(0)
	for _, r := range s {
		switch {
		case prev == ']' && r == '(':
			inDest = true
		case inDest && r == ')':
			inDest = false
		case inDest:
		case unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) || r == 'ー':
			ja++
			all++
		case unicode.IsLetter(r):
			all++
		}
		prev = r
	}
	return ja, all
}

// A Japanese summary keeps its numbers whole on a line, as the text does, wherever it is
// shown: 約2,000万|ドル broke at 375 px in the countries index.
func TestJapaneseSummariesKeepNumbersWhole(t *testing.T) {
	res := buildReal(t)
	kept := `<span class="nobr">約2,000万ドル</span>`
	seen := 0
	for _, f := range res.Files {
		switch f.Path {
		case "ja/countries/index.html", "ja/countries/colombia/index.html", "ja/print/index.html":
			seen++
			// The summary marks its phrases (<wbr>): the number starts one.
			if !strings.Contains(strings.ReplaceAll(string(f.Data), "<wbr>", ""), "学校・図書館の建設や文化事業に"+kept) {
				t.Errorf("%s: Colombia's summary does not keep %s whole", f.Path, kept)
			}
		}
	}
	if seen != 3 {
		t.Errorf("%d of the 3 pages that show Colombia's summary were built", seen)
	}
}

// An English word that a Japanese text keeps whole on its line (Nation-Building in the
// source's title) is marked as English too, so that a screen reader reads it in English
// (WCAG 3.1.2): the booklet's cover (each brief's printed colophon gives the short title).
func TestKeptEnglishWordsAreMarkedEnglish(t *testing.T) {
	res := buildReal(t)
	const want = `<span lang="en" class="nobr inline-lang">Nation-Building</span>`
	for _, f := range res.Files {
		if f.Path != "ja/print/index.html" {
			continue
		}
		if page := string(f.Data); !strings.Contains(page, want) {
			i := strings.Index(page, "Nation-Building")
			t.Errorf("%s does not mark Nation-Building as English: %q", f.Path, page[max(0, i-60):min(len(page), i+40)])
		}
	}
}

// The figures page leads, from a list folded at its top, to the rows of each brief with
// figures (on a phone the page runs to 11,000 px): one link per such brief, in page order,
// each to the row that heads the brief's figures.
func TestFiguresPageLeadsToEachBriefsRows(t *testing.T) {
	res := buildReal(t)
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	jump := regexp.MustCompile(`(?s)<details class="figures-jump">(.*?)</details>`)
	link := regexp.MustCompile(`<a href="#(fig-[^"]+)"`)
	for _, lang := range []string{"en", "ja"} {
		page := files[lang+"/figures/index.html"]
		m := jump.FindStringSubmatch(page)
		if m == nil {
			t.Errorf("%s/figures/ has no list of the briefs to go to", lang)
			continue
		}
		var got, want []string
		for _, l := range link.FindAllStringSubmatch(m[1], -1) {
			got = append(got, l[1])
			if !regexp.MustCompile(`<th scope="rowgroup" rowspan="\d+" id="` + regexp.QuoteMeta(l[1]) + `">`).MatchString(page) {
				t.Errorf("%s/figures/: the link to #%s leads to no row of the table", lang, l[1])
			}
		}
		for _, kind := range []site.Kind{site.KindCountry, site.KindTheme} {
			for _, p := range res.Site.Section(lang, kind) {
				if len(p.Figures) > 0 {
					want = append(want, "fig-"+p.Anchor())
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s/figures/ leads to %v, want the briefs with figures %v", lang, got, want)
		}
	}
}

// An event that the source dates by its year alone is listed under its year's heading
// without the year again beside it (two readers' trials read "1998" under "1998" as a
// fault); a screen reader still hears its date, which is visually hidden.
func TestTimelineStatesAYearOnce(t *testing.T) {
	res := buildReal(t)
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	yearOnly := regexp.MustCompile(`<time datetime="(\d{4})">(.*?)</time>`)
	for _, lang := range []string{"en", "ja"} {
		page := files[lang+"/timeline/index.html"]
		found := yearOnly.FindAllStringSubmatch(page, -1)
		if len(found) == 0 {
			t.Fatalf("%s/timeline/ lists no event dated by its year alone; the real content has some", lang)
		}
		for _, m := range found {
			if !regexp.MustCompile(`^<span class="?visually-hidden"?>` + m[1] + `年?</span>$`).MatchString(m[2]) {
				t.Errorf("%s/timeline/: an event of %s shows its date as %q, want it visually hidden", lang, m[1], m[2])
			}
		}
	}
}

// A brief's title in the booklet breaks where it does on the brief's own page: between
// the phrases of a Japanese title. Kept whole as one word, the booklet's broke anywhere
// (オーナーシ|ップ at 390 px, a Japanese reader's trial).
func TestBookletTitlesBreakAsTheirBriefs(t *testing.T) {
	res := buildReal(t)
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	pageTitle := regexp.MustCompile(`<h1[^>]*>(.*?)</h1>`)
	compared := 0
	for _, lang := range []string{"en", "ja"} {
		booklet := files[lang+"/print/index.html"]
		for _, kind := range []site.Kind{site.KindCountry, site.KindTheme} {
			for _, p := range res.Site.Section(lang, kind) {
				own := pageTitle.FindStringSubmatch(files[strings.TrimPrefix(p.URL, "/")+"index.html"])
				inBooklet := regexp.MustCompile(`id="?` + regexp.QuoteMeta(p.Anchor()) + `-title"?[^>]*>(.*?)</h1>`).FindStringSubmatch(booklet)
				if own == nil || inBooklet == nil {
					t.Errorf("%s: no title on its page (%v) or in the booklet (%v)", p.URL, own != nil, inBooklet != nil)
					continue
				}
				compared++
				if own[1] != inBooklet[1] {
					t.Errorf("%s: the booklet's title is\n%s\nwant the page's\n%s", p.URL, inBooklet[1], own[1])
				}
			}
		}
	}
	if compared == 0 {
		t.Error("no brief compared")
	}
}

// A page's card on X names the site with the page, as its <title> does: X shows no
// og:site_name, and "Cambodia" alone did not say whose brief it is. The home page's is
// the site's name alone, and the language chooser's its <title>, which names both.
func TestCardTitleNamesTheSite(t *testing.T) {
	res := buildReal(t)
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	card := regexp.MustCompile(`<meta name="?twitter:title"? content="([^"]*)"`)
	for path, want := range map[string]string{
		"en/countries/cambodia/index.html": "Cambodia | Japan’s Peacebuilding Efforts",
		"ja/countries/cambodia/index.html": "カンボジア | 日本の平和構築への取組",
		"en/index.html":                    "Japan’s Peacebuilding Efforts",
		"index.html":                       "Japan’s Peacebuilding Efforts | 日本の平和構築への取組", // the chooser: its <title>
	} {
		m := card.FindStringSubmatch(files[path])
		if m == nil || m[1] != want {
			t.Errorf("%s: twitter:title %v, want %q", path, m, want)
		}
	}
}

// The booklet ends as a printed booklet does, with a colophon (奥付) after its closing
// page: the site's title, the source and the address, inside the closing page's article,
// whose named page it shares in print (outside it, the change of page name forced a page
// of its own).
func TestBookletEndsWithAColophon(t *testing.T) {
	res := buildReal(t)
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	colophon := regexp.MustCompile(`(?s)<footer class="?booklet-colophon"?>(.*?)</footer>\s*</article>\s*</div>`)
	for _, lang := range []string{"en", "ja"} {
		m := colophon.FindStringSubmatch(files[lang+"/print/index.html"])
		if m == nil {
			t.Errorf("%s/print/: no colophon at the end of the closing page's article", lang)
			continue
		}
		l, _ := res.Site.Config.Language(lang)
		if !strings.Contains(m[1], l.Title) || !strings.Contains(m[1], res.Site.Config.BaseURL+lang+"/") {
			t.Errorf("%s/print/: the colophon %q does not give the title %q and the address", lang, m[1], l.Title)
		}
	}
}
