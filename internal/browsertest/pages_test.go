package browsertest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestEveryPageInBrowser loads every page of the site in headless Chromium, in a few tabs
// at once (each page again in a tab with JavaScript off; a page's translation is checked
// where the click on its language switch left the tab), and checks what a reader meets: no
// console error or failed request, a working language switch, no horizontal scrolling on a
// small phone or a desktop, the skip link and visible focus for keyboard users, and the
// page without JavaScript; at 390 px, stacked tables, tap targets of 24 px and Japanese
// numbers and names kept whole on a line; at 1280 px, the menu marking the current section,
// the "On this page" links landing on their headings and the headings linking to
// themselves (reader_test.go).
func TestEveryPageInBrowser(t *testing.T) {
	startBrowser(t)
	if len(site.pages) < 2*len(site.langs) {
		t.Fatalf("the build has %d HTML pages; the site cannot be that small", len(site.pages))
	}
	type pair struct{ tb, noScript *tab }
	open := func(t *testing.T) pair { return pair{newTab(t, false), newTab(t, true)} }
	inTabsGrouped(t, translations(site.pages), open, func(t *testing.T, p pair, page string) { checkPage(t, p.tb, p.noScript, page) })
}

// translations groups the pages by their path after the language folder ("en/about/" with
// "ja/about/"), in the order of pages, so that one tab checks a page and then its
// translations: the click on a page's language switch loads the next page of its group,
// whose checks start there instead of loading it again.
func translations(pages []string) [][]string {
	var groups [][]string
	at := map[string]int{}
	for _, page := range pages {
		rest := page
		if lang, r, ok := strings.Cut(page, "/"); ok && slices.Contains(site.langs, lang) {
			rest = r
		}
		if i, ok := at[rest]; ok && rest != page {
			groups[i] = append(groups[i], page)
			continue
		}
		at[rest] = len(groups)
		groups = append(groups, []string{page})
	}
	return groups
}

// narrowWidths are the viewport widths where the page must not scroll sideways: a small
// phone (320 px, the WCAG reflow width) and a common one (375 px).
var narrowWidths = []int64{320, 375}

func checkPage(t *testing.T, tb, noScript *tab, page string) {
	url, wantStatus := site.url(page), int64(200)
	if page == "404.html" {
		url, wantStatus = site.notFoundURL(), 404
	}
	tb.page(t)
	// A page that the previous page's language switch led to is checked as the click left
	// it: that check saw it load with status 200 and reported its errors.
	if tb.switched != page {
		if got := tb.open(t, url); got != wantStatus {
			t.Fatalf("GET %s: status %d, want %d", url, got, wantStatus)
		}
	}

	// The widths go from the desktop's down to the phones' and back once: each change lays
	// the page out again.
	tb.viewport(t, 1280)
	t.Run("keyboard", func(t *testing.T) { checkKeyboard(t, tb) })
	t.Run("no horizontal scroll", func(t *testing.T) {
		for _, w := range narrowWidths {
			tb.viewport(t, w)
			checkNoHorizontalScroll(t, tb, w)
		}
	})
	t.Run("phone", func(t *testing.T) { checkPhone(t, tb, page) })
	t.Run("where am I", func(t *testing.T) {
		tb.viewport(t, 1280)
		checkNoHorizontalScroll(t, tb, 1280)
		checkCurrentSection(t, tb, url)
		checkOnThisPage(t, tb, page)
		checkHeadingLinks(t, tb, page)
		checkFilters(t, tb, page)
		checkTimelineLabels(t, tb, page)
	})
	t.Run("text in its language", func(t *testing.T) {
		checkTextLanguage(t, tb)
		checkHeadingFaces(t, tb)
	})
	t.Run("chart labels fit", func(t *testing.T) { checkChartText(t, tb) })
	t.Run("no console error or failed request", func(t *testing.T) {
		for _, e := range tb.takeErrors() {
			if wantStatus == 404 && isOwn404(e, url) {
				continue
			}
			t.Error(e)
		}
	})
	t.Run("language switch", func(t *testing.T) {
		if page == "index.html" || page == "404.html" {
			checkLanguageChoice(t, tb)
		} else {
			checkLanguageSwitch(t, tb, page)
		}
	})
	t.Run("without JavaScript", func(t *testing.T) { checkWithoutScript(t, noScript, url, wantStatus) })
}

// textLanguageJS lists the blocks of text (a paragraph, a list item, a heading, a cell...)
// whose own text is written in the other language's script from the lang they are under:
// Japanese under lang="en", English under lang="ja", by the rule and the ranges of
// markdown.scriptCount (Japanese: at least half as many Japanese characters as Latin
// letters; English: no Japanese character and a dozen Latin letters or more). A block's
// own text leaves out the blocks inside it, which are checked themselves (a loose list's
// paragraphs), what an element inside it marks with its own lang, and web addresses,
// which the Markdown converter does not count either.
const textLanguageJS = `(() => {
	const japanese = /[\u3040-\u30ff\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/g, latin = /[A-Za-z]/g;
	const blocks = "p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd, caption, figcaption, summary, title";
	const wrong = [];
	for (const el of document.querySelectorAll(blocks)) {
		if (el.closest("script, style, [hidden]")) continue;
		let text = "";
		const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let n; (n = walk.nextNode()); ) {
			if (n.parentElement.closest(blocks + ", [lang]") === el) text += n.data;
		}
		text = text.replace(/(?:https?:\/\/|www\.)\S+/g, "");
		const lang = (el.closest("[lang]") || document.documentElement).lang;
		const ja = (text.match(japanese) || []).length, en = (text.match(latin) || []).length;
		if ((lang.startsWith("en") && ja > 0 && 2 * ja >= en) || (lang.startsWith("ja") && ja === 0 && en >= 12)) {
			wrong.push(lang + ": <" + el.tagName.toLowerCase() + "> " + text.trim().slice(0, 80));
		}
	}
	return wrong;
})()`

// checkTextLanguage fails on text marked with the wrong language: a screen reader would
// read it with the wrong voice, and a browser draw kanji under lang="en" in a Chinese
// font's forms.
func checkTextLanguage(t *testing.T, tb *tab) {
	for _, w := range eval[[]string](t, tb, textLanguageJS) {
		t.Errorf("text in the other language without its lang attribute, under %s", w)
	}
}

// headingFacesJS lists the headings of a page's main part set in another face than its
// title (h1), where both are in the page's language: the rule that keeps an editor's note's
// English quotation in the note's face once matched every element of an English page
// inside the note, and set its heading in the serif of the text.
const headingFacesJS = `(() => {
	const h1 = document.querySelector("main h1");
	if (!h1) return [];
	const face = getComputedStyle(h1).fontFamily, lang = h1.closest("[lang]").lang;
	return [...document.querySelectorAll("main :is(h2, h3)")]
		.filter(h => !h.closest("[hidden]") && h.closest("[lang]").lang === lang && getComputedStyle(h).fontFamily !== face)
		.map(h => "<" + h.tagName.toLowerCase() + "> " + h.textContent.trim().slice(0, 60) + ": " + getComputedStyle(h).fontFamily.slice(0, 40));
})()`

// checkHeadingFaces fails on a heading of the page's language in another face than the
// page's title.
func checkHeadingFaces(t *testing.T, tb *tab) {
	for _, w := range eval[[]string](t, tb, headingFacesJS) {
		t.Errorf("a heading in another face than the page's title: %s", w)
	}
}

// chartTextJS lists the lines of the bar charts that the browser draws past the chart's
// right edge, where the chart's box cuts them off: the layout wraps them by an estimate of
// their width (render.textWidth), which this checks against the font the reader gets.
const chartTextJS = `[...document.querySelectorAll("figure.chart svg")].flatMap(svg => {
	const right = svg.viewBox.baseVal.width;
	return [...svg.querySelectorAll("text")]
		.filter(t => { const b = t.getBBox(); return b.x + b.width > right + 0.5; })
		.map(t => t.textContent + " (" + Math.round(t.getBBox().x + t.getBBox().width) + " of " + right + ")");
})`

// checkChartText fails on a chart line cut off at the chart's edge.
func checkChartText(t *testing.T, tb *tab) {
	for _, line := range eval[[]string](t, tb, chartTextJS) {
		t.Errorf("a chart's line runs past its right edge: %s", line)
	}
}

// isOwn404 reports whether a recorded error is the 404 status of the not-found page itself,
// which is what that page is for.
func isOwn404(e, url string) bool {
	return e == fmt.Sprintf("request %s: status 404", url) ||
		(strings.Contains(e, "status of 404") && strings.HasSuffix(e, " "+url))
}

// focusInfo describes the focused element.
type focusInfo struct {
	Tag, Class, ID, Href string
	OutlineStyle         string
	OutlineWidth         float64
	OutlineColor         string
	// OutlineContrast is the contrast ratio of the outline's colour against the first
	// background colour behind the element (WCAG 2: 3:1 at least for a focus indicator).
	OutlineContrast float64
	InViewport      bool
	AfterMainStart  bool // inside main, or after it in document order
}

const focusJS = `(() => {
	const a = document.activeElement || document.body;
	const s = getComputedStyle(a), r = a.getBoundingClientRect(), m = document.querySelector("main");
	const rgb = c => (c.match(/[0-9.]+/g) || []).map(Number);
	const lum = c => {
		const [R, G, B] = rgb(c).slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
		return 0.2126 * R + 0.7152 * G + 0.0722 * B;
	};
	let bg = "rgb(255, 255, 255)";
	for (let e = a.parentElement; e; e = e.parentElement) {
		const c = getComputedStyle(e).backgroundColor, v = rgb(c);
		if (v.length === 3 || (v.length === 4 && v[3] > 0)) { bg = c; break; }
	}
	const [hi, lo] = [lum(s.outlineColor), lum(bg)].sort((x, y) => y - x);
	return {
		Tag: a.tagName, Class: a.getAttribute("class") || "", ID: a.id, Href: a.getAttribute("href") || "",
		OutlineStyle: s.outlineStyle, OutlineWidth: parseFloat(s.outlineWidth) || 0, OutlineColor: s.outlineColor,
		OutlineContrast: (hi + 0.05) / (lo + 0.05),
		InViewport: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
		AfterMainStart: !!m && (m.contains(a) || !!(m.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING)),
	};
})()`

// waitMainFocusJS waits (for a few frames at most) until the fragment navigation of the
// skip link has moved focus, and returns the focused element's tag and id.
const waitMainFocusJS = `new Promise(done => {
	let frames = 0;
	(function check() {
		const a = document.activeElement;
		if ((a && a.id === "main") || ++frames > 60) done(a ? a.tagName + "#" + a.id : "");
		else requestAnimationFrame(check);
	})();
})`

// visibleOutline reports whether the focused element draws an outline a reader can see.
func (f focusInfo) visibleOutline() bool {
	return f.OutlineStyle != "none" && f.OutlineWidth >= 1 && f.OutlineColor != "rgba(0, 0, 0, 0)" && f.OutlineColor != "transparent" && f.OutlineContrast >= 3
}

func (f focusInfo) String() string {
	return fmt.Sprintf("<%s class=%q id=%q href=%q> (outline %s %gpx %s, contrast %.1f:1)", strings.ToLower(f.Tag), f.Class, f.ID, f.Href, f.OutlineStyle, f.OutlineWidth, f.OutlineColor, f.OutlineContrast)
}

func press(t *testing.T, tb *tab, key string) {
	t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(key)); err != nil {
		t.Fatalf("pressing %q: %v", key, err)
	}
}

// checkKeyboard: the first Tab reaches the skip link, which is visible with an outline;
// Enter on it moves focus to main; the next link that Tab reaches shows an outline.
func checkKeyboard(t *testing.T, tb *tab) {
	press(t, tb, "\t")
	f := eval[focusInfo](t, tb, focusJS)
	if !strings.EqualFold(f.Tag, "A") || !strings.Contains(" "+f.Class+" ", " skip ") || f.Href != "#main" {
		t.Fatalf("first Tab stop is %v, want the skip link <a class=\"skip\" href=\"#main\">", f)
	}
	if !f.InViewport {
		t.Errorf("the focused skip link is outside the viewport: %v", f)
	}
	if !f.visibleOutline() {
		t.Errorf("the focused skip link has no visible outline: %v", f)
	}
	press(t, tb, "\r")
	if got := eval[string](t, tb, waitMainFocusJS); got != "MAIN#main" {
		t.Fatalf("after Enter on the skip link, focus is on %q, want MAIN#main", got)
	}
	// The next Tab stops come from main onwards; find the first link among them (a link
	// of an inline SVG, such as the world map, has the tag name "a", not "A").
	for range 20 {
		press(t, tb, "\t")
		f = eval[focusInfo](t, tb, focusJS)
		if strings.EqualFold(f.Tag, "A") {
			break
		}
	}
	if !strings.EqualFold(f.Tag, "A") {
		t.Fatalf("no link reached with Tab after main; focus is on %v", f)
	}
	if !f.AfterMainStart {
		t.Errorf("Tab after the skip link went back before main, to %v", f)
	}
	if !f.visibleOutline() {
		t.Errorf("a focused link has no visible outline: %v", f)
	}
}

type scrollInfo struct {
	ScrollWidth, ClientWidth int
	Wide                     []string // elements that stick out of the page, when it scrolls
	// Overrun are words kept on one line (.nobr: a number with its unit, a name) that run
	// out of their box into the next one, which no sideways scroll shows: a figure's value
	// wider than its tile overprints the tile beside it.
	Overrun []string
}

// scrollJS measures the page and, when it is wider than the viewport, names the elements
// that stick out (skipping those inside a scrolling box such as .table-wrap, which scroll
// on their own without moving the page).
const scrollJS = `(() => {
	const d = document.documentElement, cw = d.clientWidth, wide = [];
	if (d.scrollWidth > cw) {
		const clipped = el => {
			for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
				const o = getComputedStyle(p).overflowX;
				if (o !== "visible") return true;
			}
			return false;
		};
		for (const el of document.body.querySelectorAll("*")) {
			const r = el.getBoundingClientRect();
			if (r.right > cw + 0.5 && !clipped(el)) {
				wide.push("<" + el.tagName.toLowerCase() + (el.className ? " class=" + JSON.stringify(String(el.className)) : "") + "> right edge " + Math.round(r.right) + "px: " + JSON.stringify((el.textContent || "").trim().slice(0, 50)));
				if (wide.length === 5) break;
			}
		}
	}
	const overrun = [];
	for (const el of document.querySelectorAll(".nobr")) {
		const box = el.parentElement.closest("li, td, th, dd, p, figure, div");
		if (!box || el.getClientRects().length === 0) continue;
		const r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
		if (r.right > b.right + 0.5) {
			overrun.push(JSON.stringify(el.textContent) + " runs " + Math.round(r.right - b.right) + "px out of its <" + box.tagName.toLowerCase() + ">");
		}
	}
	return {ScrollWidth: d.scrollWidth, ClientWidth: cw, Wide: wide, Overrun: overrun};
})()`

func checkNoHorizontalScroll(t *testing.T, tb *tab, width int64) {
	t.Helper()
	s := eval[scrollInfo](t, tb, scrollJS)
	if s.ScrollWidth > s.ClientWidth {
		t.Errorf("at %d px the page scrolls sideways: scrollWidth %d > clientWidth %d; wide elements:\n\t%s", width, s.ScrollWidth, s.ClientWidth, strings.Join(s.Wide, "\n\t"))
	}
	for _, o := range s.Overrun {
		t.Errorf("at %d px text kept on one line overprints its neighbour: %s", width, o)
	}
}

type switchLink struct{ Href, Lang string }

const switchJS = `Array.from(document.querySelectorAll(".lang-switch a")).map(a => ({Href: a.href, Lang: a.hreflang}))`

// checkLanguageSwitch follows each language-switch link with a click and checks that it
// leads to the same page in the other language: the same path after the language folder,
// and the same #fragment.
func checkLanguageSwitch(t *testing.T, tb *tab, page string) {
	from := site.url(page)
	lang, rest, ok := strings.Cut(strings.TrimSuffix(page, "index.html"), "/")
	if !ok {
		t.Fatalf("page %s is not in a language folder", page)
	}
	links := eval[[]switchLink](t, tb, switchJS)
	var others []string
	for _, l := range site.langs {
		if l != lang {
			others = append(others, l)
		}
	}
	if len(links) != len(others) {
		t.Fatalf("the language switch has %d links %v, want one for each of %v", len(links), links, others)
	}
	// The switch carries the address's #fragment (a section's id is the same in both
	// languages), which the checks before this one may have set; not the skip link's. On
	// a brief, it may lead to a section of "On this page" that the checks before scrolled
	// down into instead (which one: TestLanguageSwitchKeepsThePlace); any other fragment
	// must be the address's.
	hash := eval[string](t, tb, `location.hash === "#main" ? "" : location.hash`)
	sections := eval[[]string](t, tb, `Array.from(document.querySelectorAll(".brief > .toc a[href^='#']"), a => a.hash)`)
	for i, l := range links {
		want := site.base + l.Lang + "/" + rest + hash
		if at, fragment, _ := strings.Cut(l.Href, "#"); at == site.base+l.Lang+"/"+rest && slices.Contains(sections, "#"+fragment) {
			want = l.Href
		}
		if l.Lang == lang || l.Href != want {
			t.Errorf("language switch link to %q leads to %s, want %s", l.Lang, l.Href, want)
			continue
		}
		if i > 0 {
			tb.open(t, from)
		}
		resp, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(".lang-switch a[hreflang=%q]", l.Lang))))
		if err != nil {
			t.Fatalf("clicking the %s link of the language switch: %v", l.Lang, err)
		}
		got := eval[struct{ URL, Lang string }](t, tb, `({URL: location.href, Lang: document.documentElement.lang})`)
		if resp.Status != 200 || got.URL != want || got.Lang != l.Lang {
			t.Errorf("clicking the %s link of the language switch: status %d at %s with <html lang=%q>, want 200 at %s with lang %q", l.Lang, resp.Status, got.URL, got.Lang, want, l.Lang)
			continue
		}
		// The next page's checks start where the click left it, as the reader would, but
		// from the top: one opened at the section the reader scrolled to is opened again.
		tb.switched = ""
		if got.URL == site.base+l.Lang+"/"+rest+hash {
			tb.switched = l.Lang + "/" + rest + "index.html"
		}
	}
	for _, e := range tb.takeErrors() {
		t.Errorf("after the language switch: %s", e)
	}
}

// checkLanguageChoice: the root chooser and the 404 page have no switch; they offer each
// language's home page instead.
func checkLanguageChoice(t *testing.T, tb *tab) {
	links := eval[[]switchLink](t, tb, `Array.from(document.querySelectorAll("main a[hreflang]")).map(a => ({Href: a.href, Lang: a.hreflang}))`)
	for _, l := range site.langs {
		want := site.base + l + "/"
		found := false
		for _, a := range links {
			found = found || (a.Lang == l && a.Href == want)
		}
		if !found {
			t.Errorf("no link to the %s home page %s among %v", l, want, links)
		}
	}
}

type noScriptInfo struct {
	ScriptRan    bool // a probe script ran: JavaScript was not off, and the check means nothing
	Main         bool
	MainVisible  bool
	MainText     int
	Links        int // visible links on the page
	NavLinks     int // visible links in a nav
	DeadControls []string
}

const noScriptJS = `(() => {
	const probe = document.createElement("script");
	probe.textContent = "window.__browsertestProbe = 1";
	document.head.appendChild(probe);
	const visible = el => {
		const r = el.getBoundingClientRect(), s = getComputedStyle(el);
		return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none" && parseFloat(s.opacity) > 0;
	};
	const m = document.querySelector("main");
	return {
		ScriptRan: window.__browsertestProbe === 1,
		Main: !!m,
		MainVisible: !!m && visible(m),
		MainText: m ? m.innerText.trim().length : 0,
		Links: Array.from(document.querySelectorAll("a[href]")).filter(visible).length,
		NavLinks: Array.from(document.querySelectorAll("nav a[href]")).filter(visible).length,
		// A control of a form the browser submits (the search box) works without script.
		DeadControls: Array.from(document.querySelectorAll("button, input, select, textarea")).filter(el => visible(el) && !el.closest("form[action]")).map(el => el.outerHTML.slice(0, 80)),
	};
})()`

// checkWithoutScript loads the page in a tab with JavaScript off: the content and links
// must be there, and no control that needs JavaScript may be shown.
func checkWithoutScript(t *testing.T, tb *tab, url string, wantStatus int64) {
	tb.page(t)
	if got := tb.open(t, url); got != wantStatus {
		t.Fatalf("GET %s: status %d, want %d", url, got, wantStatus)
	}
	s := eval[noScriptInfo](t, tb, noScriptJS)
	if s.ScriptRan {
		t.Fatal("a script ran in the tab with JavaScript off; the check would prove nothing")
	}
	if !s.Main || !s.MainVisible || s.MainText < 20 {
		t.Errorf("without JavaScript the main content is not visible: main %v, visible %v, %d characters of text", s.Main, s.MainVisible, s.MainText)
	}
	if s.Links == 0 {
		t.Error("without JavaScript the page shows no link")
	}
	if wantStatus == 200 && !strings.HasSuffix(url, prefix) && s.NavLinks == 0 {
		t.Error("without JavaScript the site navigation shows no link")
	}
	for _, c := range s.DeadControls {
		t.Errorf("without JavaScript the page shows a control that cannot work: %s", c)
	}
	for _, e := range tb.takeErrors() {
		if wantStatus == 404 && isOwn404(e, url) {
			continue
		}
		t.Error(e)
	}
}

// TestLanguageSwitchKeepsThePlace: followed from a section (#darfur), the language switch
// opens the translation at the same section, whose id is the same.
func TestLanguageSwitchKeepsThePlace(t *testing.T) {
	startBrowser(t)
	tb := newTab(t, false)
	tb.page(t)
	tb.open(t, site.url("en/countries/sudan/index.html")+"#darfur")
	if _, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(`.lang-switch a[hreflang="ja"]`))); err != nil {
		t.Fatalf("clicking the language switch: %v", err)
	}
	got := eval[struct{ URL, Target string }](t, tb, `({URL: location.href, Target: (document.querySelector(":target") || {}).id || ""})`)
	if want := site.base + "ja/countries/sudan/#darfur"; got.URL != want || got.Target != "darfur" {
		t.Errorf("the language switch from #darfur led to %s (target %q), want %s at its section", got.URL, got.Target, want)
	}
	// After the skip link (#main), the translation opens at its top.
	tb.open(t, site.url("en/countries/cambodia/index.html")+"#main")
	if href := eval[string](t, tb, `document.querySelector('.lang-switch a[hreflang="ja"]').href`); href != site.base+"ja/countries/cambodia/" {
		t.Errorf("the language switch after the skip link leads to %s, want the translation's top", href)
	}
	// A reader who scrolled to a section, with no #fragment or another one, is taken to
	// that section; one scrolled to the foot of the page, to its last section; on a phone
	// as on a wide screen.
	for _, c := range []struct {
		width          int64
		from, scrollTo string // scrollTo: "" for the foot of the page
		want           string
	}{
		{phoneWidth, "en/themes/peacekeeping/index.html", "africa", "ja/themes/peacekeeping/#africa"},
		{1280, "ja/countries/sudan/index.html#ddr", "africa-policy", "en/countries/sudan/#africa-policy"},
		{1280, "en/themes/peacekeeping/index.html", "", "ja/themes/peacekeeping/#backlinks-h"},
		// A section chosen in On this page, near the foot: the page scrolls to its foot,
		// where the last section's heading shows too.
		{1280, "en/countries/cambodia/index.html#themes-h", "-", "ja/countries/cambodia/#themes-h"},
	} {
		tb.page(t)
		tb.viewport(t, c.width)
		tb.open(t, site.url(c.from))
		scroll := `window.scrollTo(0, document.documentElement.scrollHeight)`
		switch c.scrollTo {
		case "-":
			scroll = ""
		case "":
		default:
			scroll = fmt.Sprintf(`document.getElementById(%q).scrollIntoView()`, c.scrollTo)
		}
		eval[bool](t, tb, `new Promise(r => { `+scroll+`; requestAnimationFrame(() => requestAnimationFrame(() => r(true))); })`)
		if _, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(`.lang-switch a[hreflang]:not([aria-current])`))); err != nil {
			t.Fatalf("clicking the language switch: %v", err)
		}
		if got, want := location(tb), site.base+c.want; got != want {
			t.Errorf("at %d px, %s scrolled to %q: the language switch led to %s, want %s", c.width, c.from, c.scrollTo, got, want)
		}
	}
}

// TestBackToTop: two screens down a long page, "Back to top" shows (on a phone, once the
// reader scrolls back up: reading down, it would cover the text), and following it brings
// the reader to the top with the focus on the content and the address unchanged (the
// timeline's filter is its #fragment); near the top it is hidden.
func TestBackToTop(t *testing.T) {
	startBrowser(t)
	tb := newTab(t, false)
	for _, w := range []int64{phoneWidth, 1280} {
		tb.page(t)
		tb.viewport(t, w)
		tb.open(t, site.url("ja/timeline/index.html")+fmt.Sprintf("?w=%d#all", w)) // a new document at each width
		type state struct {
			Hidden        bool
			Y             float64
			Focused, Hash string
		}
		const read = `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r({Hidden: document.querySelector(".to-top").hidden, Y: scrollY, Focused: document.activeElement.id, Hash: location.hash}))))`
		if s := eval[state](t, tb, read); !s.Hidden {
			t.Errorf("at %d px, at the top of the page: Back to top is shown", w)
		}
		eval[bool](t, tb, `(window.scrollTo(0, 3 * innerHeight), true)`)
		if w == phoneWidth {
			// On a phone it would stand over the text being read: it comes when the
			// reader scrolls back up.
			if s := eval[state](t, tb, read); !s.Hidden {
				t.Errorf("at %d px, reading down three screens: Back to top is shown over the text", w)
			}
			// A slow scroll: a pixel a frame.
			eval[bool](t, tb, `(async () => { for (let i = 0; i < 40; i++) { scrollBy(0, -1); await new Promise(r => requestAnimationFrame(r)); } return true; })()`)
		}
		if s := eval[state](t, tb, read); s.Hidden {
			t.Fatalf("at %d px, three screens down: Back to top is hidden", w)
		}
		if _, err := chromedp.Run(tb.ctx, chromedp.Click(chromedp.CSS(".to-top"))); err != nil {
			t.Fatalf("at %d px, clicking Back to top: %v", w, err)
		}
		if s := eval[state](t, tb, read); s.Y > 1 || s.Focused != "main" || !s.Hidden || s.Hash != "#all" {
			t.Errorf("at %d px, after Back to top: scrolled to %.0f, focus on %q, the link hidden %v, the address's %q; want the top, main, hidden, #all", w, s.Y, s.Focused, s.Hidden, s.Hash)
		}
	}
}

// TestOnThisPageFollowsTheReader: on a wide screen, the link of "On this page" of the
// section being read is marked (aria-current="location"), one at a time, and follows
// the scroll; on a phone, where the list is folded, none is.
func TestOnThisPageFollowsTheReader(t *testing.T) {
	startBrowser(t)
	tb := newTab(t, false)
	const marked = `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(Array.from(document.querySelectorAll(".toc a[aria-current]")).map(a => a.getAttribute("aria-current") + " " + a.hash)))))`
	for _, c := range []struct {
		width   int64
		section string
		want    []string
	}{
		{1280, "elections", []string{"location #elections"}},
		{1280, "un-peacekeeping", []string{"location #un-peacekeeping"}},
		{phoneWidth, "elections", nil},
		// At the foot of the page, the last section, whose heading never reaches the top
		// third of the screen; or the one chosen there, whose heading is on the screen.
		{1280, "", []string{"location #related-h"}},
		{1280, "#themes-h", []string{"location #themes-h"}},
	} {
		tb.page(t)
		tb.viewport(t, c.width)
		tb.open(t, site.url("en/countries/cambodia/index.html")+fmt.Sprintf("?w=%d", c.width))
		scroll := `window.scrollTo(0, document.documentElement.scrollHeight)`
		switch {
		case strings.HasPrefix(c.section, "#"):
			scroll = fmt.Sprintf(`location.hash = %q`, c.section) // as a click in On this page
		case c.section != "":
			scroll = fmt.Sprintf(`document.getElementById(%q).scrollIntoView()`, c.section)
		}
		eval[bool](t, tb, `(`+scroll+`, true)`)
		if got := eval[[]string](t, tb, marked); !slices.Equal(got, c.want) {
			t.Errorf("at %d px, scrolled to #%s: marked %q, want %q", c.width, c.section, got, c.want)
		}
	}
}

// TestMenuLinkReachedWithTabIsShown: on a small phone, where the menu scrolls sideways
// (the English one at 320 px), each of its links that takes the focus is scrolled clear of
// the fade at the menu's ends (Glossary was left half under the fade: the browser scrolls
// only a link wholly out of view); a menu that fits (the Japanese one) shows each link
// whole.
func TestMenuLinkReachedWithTabIsShown(t *testing.T) {
	startBrowser(t)
	tb := newTab(t, false)
	const check = `(async () => {
	const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
	const nav = document.querySelector(".site-nav"), fade = 3 * parseFloat(getComputedStyle(document.documentElement).fontSize);
	const out = [], scrolls = nav.scrollWidth > nav.clientWidth;
	for (const a of nav.querySelectorAll("a")) {
		if (!scrolls) {
			// A menu that fits shows each link whole.
			const c = a.getBoundingClientRect(), n = nav.getBoundingClientRect();
			if (c.right > n.right + 1 || c.left < n.left - 1) out.push(a.textContent + " is cut off by a menu that does not scroll");
			continue;
		}
		a.focus();
		await frames();
		const c = a.getBoundingClientRect(), n = nav.getBoundingClientRect();
		const after = nav.classList.contains("more-after") ? fade : 0, before = nav.classList.contains("more-before") ? fade : 0;
		if (c.right > n.right - after + 1 || c.left < n.left + before - 1) {
			out.push(a.textContent + ": " + Math.round(c.left - n.left) + " to " + Math.round(c.right - n.left) + " px in a menu of " + Math.round(n.width) + " px, faded " + before + " and " + after + " px at its ends");
		}
	}
	return {Scrolls: scrolls, Wrong: out};
})()`
	scrolled := false
	for _, page := range []string{"en/about/index.html", "ja/about/index.html"} {
		tb.page(t)
		tb.viewport(t, 320)
		tb.open(t, site.url(page))
		res := eval[struct {
			Scrolls bool
			Wrong   []string
		}](t, tb, check)
		scrolled = scrolled || res.Scrolls
		for _, e := range res.Wrong {
			t.Errorf("%s at 320 px: %s", page, e)
		}
	}
	// The English menu, the wider, scrolls at 320 px: the check of the focus ran.
	if !scrolled {
		t.Error("no menu scrolls sideways at 320 px: the test checked no link scrolled into view")
	}
}

// TestScrollingTableIsATabStop: a table wider than its box (the Japanese countries' facts
// at 640 px, 200% zoom of a 1280 px screen, as an accessibility trial found) scrolls in
// it, and the box is then a Tab stop named like its table, from which the arrow keys
// scroll it; a box whose table fits is no stop. The box is narrowed by script so that the
// check does not depend on the widths of today's columns.
func TestScrollingTableIsATabStop(t *testing.T) {
	startBrowser(t)
	tb := newTab(t, false)
	tb.page(t)
	tb.viewport(t, 1280)
	tb.open(t, site.url("ja/countries/index.html"))
	type state struct {
		Boxes, Stops, Named int
		Wrong               []string
	}
	const read = `(async () => {
		const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
		const boxes = Array.from(document.querySelectorAll(".table-wrap"));
		const out = {Boxes: boxes.length, Stops: 0, Named: 0, Wrong: []};
		const stops = () => boxes.filter(b => b.tabIndex === 0 && b.getAttribute("role") === "region");
		// aria-labelledby is a list of ids (the countries' tables: the region's heading and
		// the table's caption), each of an element with text.
		const named = b => { const ids = (b.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean); return ids.length > 0 && ids.every(id => { const el = document.getElementById(id); return !!(el && el.textContent.trim()); }); };
		if (stops().length) out.Wrong.push("at 1280 px, where every table fits, " + stops().length + " boxes are Tab stops");
		for (const b of boxes) b.style.width = "12rem";
		window.dispatchEvent(new Event("resize"));
		await frame();
		out.Stops = stops().length;
		out.Named = stops().filter(named).length;
		for (const b of boxes) b.style.width = "";
		window.dispatchEvent(new Event("resize"));
		await frame();
		if (stops().length) out.Wrong.push("the boxes stay Tab stops once their tables fit again");
		return out;
	})()`
	s := eval[state](t, tb, read)
	if s.Boxes == 0 {
		t.Fatal("ja/countries/ has no table box")
	}
	if s.Stops != s.Boxes || s.Named != s.Boxes {
		t.Errorf("of %d table boxes narrower than their tables, %d are Tab stops and %d of them named like their tables; want all", s.Boxes, s.Stops, s.Named)
	}
	for _, w := range s.Wrong {
		t.Error(w)
	}
}
