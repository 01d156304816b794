package pipeline_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"

	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/site"
	"peacebuilding/internal/sitetest"
)

// The pictures are read back from the built, minified pages and compared with the content
// model: what the maps link, what the charts draw, what the timeline marks.

// subPathBase is a base URL with a sub-path: every link of a picture must resolve under it.
const subPathBase = "https://example.org/briefing/"

type builtSite struct {
	res   *pipeline.Result
	files map[string][]byte
}

func buildSubPath(t *testing.T) builtSite {
	t.Helper()
	res, err := pipeline.Build(os.DirFS(sitetest.RepoRoot()), pipeline.Options{BaseURL: subPathBase})
	if err != nil {
		t.Fatalf("building the real site: %v", err)
	}
	b := builtSite{res: res, files: map[string][]byte{}}
	for _, f := range res.Files {
		b.files[f.Path] = f.Data
	}
	return b
}

// A picture is an inline <svg> with the classes of its enclosing <figure>, decoded as XML.
type picture struct {
	figure string // the first class of the enclosing figure: "world-map", "locator", "chart"
	raw    []byte // the <svg> element as published
	root   *node
}

type node struct {
	name     string
	attrs    map[string]string
	children []*node
	text     string
}

func (n *node) all(name string) []*node {
	var out []*node
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
		out = append(out, c.all(name)...)
	}
	return out
}

func (n *node) child(name string) *node {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

func decodeSVG(data []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.text += string(tok)
		}
	}
	if len(root.children) != 1 {
		return nil, fmt.Errorf("%d root elements", len(root.children))
	}
	return root.children[0], nil
}

// pageParts reads a published page: its pictures, in order, and the texts of the elements
// of the given class (the figure values of the figures list), in order.
func pageParts(t *testing.T, data []byte, textClass string) (pics []picture, texts []string) {
	t.Helper()
	l := htmllex.NewLexer(parse.NewInputBytes(data))
	var figures []string // classes of the open <figure> elements
	var tag string
	var class string
	// The text of an element of textClass, nested elements included (a figure value holds
	// <span class="nobr">): depth counts the elements open inside it.
	capturing, depth, text := false, 0, ""
	for {
		tt, raw := l.Next()
		switch tt {
		case htmllex.ErrorToken:
			if l.Err() != io.EOF {
				t.Fatalf("lexing: %v", l.Err())
			}
			return pics, texts
		case htmllex.StartTagToken:
			tag, class = string(l.Text()), ""
		case htmllex.AttributeToken:
			if string(l.Text()) == "class" {
				class = strings.Trim(string(l.AttrVal()), `"'`)
			}
		case htmllex.StartTagCloseToken:
			if tag == "figure" {
				kind, _, _ := strings.Cut(class, " ") // "locator locator-alone": a locator
				figures = append(figures, kind)
			}
			switch {
			case capturing:
				depth++
			case textClass != "" && class == textClass:
				capturing, depth, text = true, 1, ""
			}
		case htmllex.EndTagToken:
			if string(l.Text()) == "figure" && len(figures) > 0 {
				figures = figures[:len(figures)-1]
			}
			if capturing {
				if depth--; depth == 0 {
					texts = append(texts, text)
					capturing = false
				}
			}
		case htmllex.TextToken:
			if capturing {
				text += html.UnescapeString(string(raw))
			}
		case htmllex.SVGToken:
			if len(figures) == 0 {
				continue
			}
			root, err := decodeSVG(raw)
			if err != nil {
				t.Fatalf("an <svg> in a %q figure is not well-formed: %v", figures[len(figures)-1], err)
			}
			pics = append(pics, picture{figure: figures[len(figures)-1], raw: slices.Clone(raw), root: root})
		}
	}
}

// describedSVG checks that an SVG has a non-empty <title> and <desc>, and that the ids its
// aria-labelledby or aria-describedby name are its own.
func describedSVG(t *testing.T, where string, svg *node) {
	t.Helper()
	title, desc := svg.child("title"), svg.child("desc")
	if title == nil || strings.TrimSpace(title.text) == "" || desc == nil || strings.TrimSpace(desc.text) == "" {
		t.Errorf("%s: an <svg> without a <title> and a <desc>", where)
		return
	}
	for _, attr := range []string{"aria-labelledby", "aria-describedby"} {
		for _, id := range strings.Fields(svg.attrs[attr]) {
			if id != title.attrs["id"] && id != desc.attrs["id"] {
				t.Errorf("%s: %s names %q, which is not the svg's title or desc", where, attr, id)
			}
		}
	}
}

// resolve resolves a link of the page at pageURL (site-root-relative) against the
// sub-path base and returns the site-root-relative URL it leads to, or an error if it
// leaves the site.
func resolve(pageURL, href string) (string, error) {
	base, _ := url.Parse(subPathBase + pageURL)
	u, err := url.Parse(href)
	if err != nil {
		return "", err
	}
	abs := base.ResolveReference(u).String()
	rel, ok := strings.CutPrefix(abs, subPathBase)
	if !ok {
		return "", fmt.Errorf("%q leads out of %s: %s", href, subPathBase, abs)
	}
	return rel, nil
}

// Each world map links exactly the countries the briefs name with iso, each shape to its
// own brief, and each link leads to a page of the site under the sub-path.
func TestWorldMapLinksAreTheBriefsCountries(t *testing.T) {
	b := buildSubPath(t)
	for _, lang := range []string{"en", "ja"} {
		want := map[string]string{} // code -> URL of its brief
		for _, p := range b.res.Site.Section(lang, site.KindCountry) {
			for _, code := range p.ISO {
				want[code] = p.URL
			}
		}
		if len(want) < len(wantCountries) {
			t.Fatalf("%s: %d countries named by iso, want at least one per brief (%d)", lang, len(want), len(wantCountries))
		}
		for _, pageURL := range []string{lang + "/", lang + "/countries/", lang + "/print/"} {
			pics, _ := pageParts(t, b.files[pageURL+"index.html"], "")
			var maps []picture
			for _, p := range pics {
				if p.figure == "world-map" && p.root.attrs["class"] == "map" { // not the legend's swatches
					maps = append(maps, p)
				}
			}
			if len(maps) != 1 {
				t.Errorf("%s: %d world maps, want 1", pageURL, len(maps))
				continue
			}
			m := maps[0]
			describedSVG(t, pageURL+" world map", m.root)
			if n := len(m.raw); n > 120<<10 {
				t.Errorf("%s: the world map is %d bytes, want under 120 KB", pageURL, n)
			}
			got := map[string]string{}   // code -> the brief its link leads to
			links := map[string]string{} // brief -> the codes of its link
			for _, a := range m.root.all("a") {
				codes, href := a.attrs["data-iso"], a.attrs["href"]
				target, err := resolve(pageURL, href)
				if err != nil {
					t.Errorf("%s: the link of %s: %v", pageURL, codes, err)
					continue
				}
				if _, ok := b.files[target+"index.html"]; !ok {
					t.Errorf("%s: the link of %s, %q, leads to %s, which the site does not have", pageURL, codes, href, target)
				}
				// One link per brief, its shapes together: one Tab stop, one name.
				if other, dup := links[target]; dup {
					t.Errorf("%s: %s and %s are two links to %s", pageURL, other, codes, target)
				}
				links[target] = codes
				for code := range strings.FieldsSeq(codes) {
					if _, dup := got[code]; dup {
						t.Errorf("%s: %s is linked twice", pageURL, code)
					}
					got[code] = target
				}
				if title := a.child("title"); title == nil || a.attrs["aria-label"] == "" {
					t.Errorf("%s: the link of %s has no name (title and aria-label)", pageURL, codes)
				}
			}
			if links[lang+"/countries/sudan/"] != "SDN SSD" {
				t.Errorf("%s: Sudan's link is %q, want one link of its two shapes, SDN SSD", pageURL, links[lang+"/countries/sudan/"])
			}
			for code, u := range want {
				if got[code] != u {
					t.Errorf("%s: %s links to %q, want its brief %q", pageURL, code, got[code], u)
				}
			}
			for code := range got {
				if _, ok := want[code]; !ok {
					t.Errorf("%s: %s is linked, but no brief names it", pageURL, code)
				}
			}
			// One dot per brief: a brief of two of today's countries (Sudan as of 2007)
			// has two shapes but one marker.
			briefs := map[string]int{}
			for _, a := range m.root.all("a") {
				for _, c := range a.all("path") {
					if c.attrs["class"] == "marker" {
						briefs[got[strings.Fields(a.attrs["data-iso"])[0]]]++
					}
				}
			}
			if n := len(b.res.Site.Section(lang, site.KindCountry)); len(briefs) != n {
				t.Errorf("%s: markers on %d briefs' shapes, want one on each of the %d briefs", pageURL, len(briefs), n)
			}
			for u, n := range briefs {
				if n != 1 {
					t.Errorf("%s: the brief %s has %d markers, want 1", pageURL, u, n)
				}
			}
		}
	}
}

// Each country brief that names a country has one locator map, highlighting its shape,
// within the size limit; in the booklet too.
func TestLocatorMapsOnEveryBrief(t *testing.T) {
	b := buildSubPath(t)
	for _, lang := range []string{"en", "ja"} {
		countries := b.res.Site.Section(lang, site.KindCountry)
		var booklet int
		pics, _ := pageParts(t, b.files[lang+"/print/index.html"], "")
		for _, p := range pics {
			if p.figure == "locator" {
				booklet++
			}
		}
		if booklet != len(countries) {
			t.Errorf("%s/print/: %d locator maps, want one per country brief (%d)", lang, booklet, len(countries))
		}
		for _, p := range countries {
			pics, _ := pageParts(t, b.files[p.URL+"index.html"], "")
			var locs []picture
			for _, pic := range pics {
				if pic.figure == "locator" {
					locs = append(locs, pic)
				}
			}
			if len(p.ISO) == 0 {
				if len(locs) != 0 {
					t.Errorf("%s: a locator map but no iso", p.URL)
				}
				continue
			}
			if len(locs) != 1 {
				t.Errorf("%s: %d locator maps, want 1", p.URL, len(locs))
				continue
			}
			l := locs[0]
			describedSVG(t, p.URL+" locator", l.root)
			if n := len(l.raw); n > 25<<10 {
				t.Errorf("%s: the locator map is %d bytes, want under 25 KB", p.URL, n)
			}
			var focus int
			for _, path := range l.root.all("path") {
				if path.attrs["class"] == "focus" && path.attrs["d"] != "" {
					focus++
				}
			}
			if focus != 1 {
				t.Errorf("%s: %d highlighted shapes, want 1", p.URL, focus)
			}
			// A small country's ring stands around it: every point of the highlighted shape
			// near the ring's centre is inside the ring (Timor's island crossed a ring too
			// small for it, and read as a "no entry" sign).
			for _, c := range l.root.all("circle") {
				if c.attrs["class"] != "marker" {
					continue
				}
				cx, cy, r := number(t, c.attrs["cx"]), number(t, c.attrs["cy"]), number(t, c.attrs["r"])
				for _, path := range l.root.all("path") {
					if path.attrs["class"] != "focus" {
						continue
					}
					for _, pt := range pathPoints(t, path.attrs["d"]) {
						if d := math.Hypot(pt[0]-cx, pt[1]-cy); d < 3*r && d > r-2 {
							t.Errorf("%s: the ring of radius %g at (%g, %g) does not stand clear of the shape's point (%.1f, %.1f)", p.URL, r, cx, cy, pt[0], pt[1])
							break
						}
					}
				}
			}
			if !strings.Contains(l.root.child("title").text, p.Title) {
				t.Errorf("%s: the locator's title %q does not name the brief %q", p.URL, l.root.child("title").text, p.Title)
			}
			// Without the facts box to hold it, the map is captioned with the region and says
			// why there is no box; a brief of several of today's countries (Sudan) says so
			// under its map.
			caption := regexp.MustCompile(`<figcaption>[^<]*` + regexp.QuoteMeta(p.Region.Name(lang)) + `[^<]*` + regexp.QuoteMeta(uiString(t, lang, "locator_no_facts")) + `</figcaption></figure>`)
			if p.Facts == nil && p.Region.Slug != "" && !caption.Match(b.files[p.URL+"index.html"]) {
				t.Errorf("%s: no facts box, and the locator map has no caption naming the region %q and saying that the source gives no basic data", p.URL, p.Region.Name(lang))
			}
			borders := regexp.MustCompile(`<figcaption>[^<]*` + regexp.QuoteMeta(uiString(t, lang, "locator_borders")) + `[^<]*</figcaption></figure>`)
			if got := borders.Match(b.files[p.URL+"index.html"]); got != (len(p.ISO) > 1) {
				t.Errorf("%s: %d countries of today on its map, and a caption saying so: %v", p.URL, len(p.ISO), got)
			}
		}
	}
}

// uiString is the UI string key of lang, as i18n/<lang>.toml of the real site has it.
func uiString(t *testing.T, lang, key string) string {
	t.Helper()
	var strs map[string]string
	if _, err := toml.DecodeFile(filepath.Join(sitetest.RepoRoot(), "i18n", lang+".toml"), &strs); err != nil {
		t.Fatal(err)
	}
	s, ok := strs[key]
	if !ok {
		t.Fatalf("i18n/%s.toml has no %s", lang, key)
	}
	return s
}

// bar is what a chart shows of one figure.
type bar struct {
	unit, approx string
	value        float64
	text         string
	head         string // the lines of the head above the label, joined
}

// chartBars reads the charts of a page: per chart, its unit and bars. It fails the test if
// a chart mixes units, lacks a title or desc, or is over the size limit, and checks that
// each bar's length is in proportion to its value.
func chartBars(t *testing.T, where string, pics []picture) (units []string, charts [][]bar) {
	t.Helper()
	for _, pic := range pics {
		if pic.figure != "chart" {
			continue
		}
		describedSVG(t, where+" chart", pic.root)
		if n := len(pic.raw); n > 15<<10 {
			t.Errorf("%s: a chart is %d bytes, want under 15 KB", where, n)
		}
		unit := pic.root.attrs["data-unit"]
		var bars []bar
		var widths, values []float64
		for _, g := range pic.root.all("g") {
			if g.attrs["class"] != "bar" {
				continue
			}
			v, err := strconv.ParseFloat(g.attrs["data-value"], 64)
			if err != nil {
				t.Errorf("%s: a bar's data-value: %v", where, err)
			}
			var text, head string
			var w float64
			for _, c := range g.children {
				switch {
				case c.name == "text" && c.attrs["class"] == "value":
					text = c.text
				case c.name == "text" && c.attrs["class"] == "head":
					head += c.text
				case c.name == "rect":
					rw, _ := strconv.ParseFloat(c.attrs["width"], 64)
					w += rw
				}
			}
			if g.attrs["data-unit"] != unit {
				t.Errorf("%s: a bar in %s in the chart of %s: a chart mixes units", where, g.attrs["data-unit"], unit)
			}
			bars = append(bars, bar{unit: g.attrs["data-unit"], approx: g.attrs["data-approx"], value: v, text: text, head: head})
			widths, values = append(widths, w), append(values, v)
		}
		// Bar lengths are in proportion to the values: the longest bar is the largest value.
		wmax, vmax := slices.Max(widths), slices.Max(values)
		for i := range widths {
			want := wmax * values[i] / vmax
			if math.Abs(widths[i]-want) > 0.6 && !(widths[i] <= 2 && want < 2) {
				t.Errorf("%s: chart of %s: bar %d is %g long, want %g (value %g of largest %g)", where, unit, i+1, widths[i], want, values[i], vmax)
			}
		}
		units = append(units, unit)
		charts = append(charts, bars)
	}
	return units, charts
}

// wantCharts groups the figures of pages by unit, each unit's figures in page order: the
// charts may come in any order of units, but their bars come in this order. A unit of one
// figure has no chart.
// On the figures page (merged), a figure that several briefs report alike is one bar.
func wantCharts(pages []*site.Page, merged bool) map[string][]site.Figure {
	want := map[string][]site.Figure{}
	for _, p := range pages {
		for _, f := range p.Figures {
			if merged && slices.Contains(want[f.Unit], f) {
				continue
			}
			want[f.Unit] = append(want[f.Unit], f)
		}
	}
	for unit, figs := range want {
		if len(figs) < 2 {
			delete(want, unit)
		}
	}
	return want
}

func compareCharts(t *testing.T, where string, units []string, charts [][]bar, want map[string][]site.Figure, texts []string) {
	t.Helper()
	if len(units) != len(want) {
		t.Errorf("%s: %d charts (%q), want one per unit of its figures (%d)", where, len(units), units, len(want))
	}
	seen := map[string]bool{}
	for i, unit := range units {
		if seen[unit] {
			t.Errorf("%s: two charts of %s", where, unit)
		}
		seen[unit] = true
		figs := want[unit]
		if len(charts[i]) != len(figs) {
			t.Errorf("%s: the chart of %s has %d bars, want %d", where, unit, len(charts[i]), len(figs))
			continue
		}
		for j, f := range figs {
			got := charts[i][j]
			if got.value != f.Value || got.unit != f.Unit || got.approx != f.Approx {
				t.Errorf("%s: chart of %s, bar %d: %g %s %q, want the figure %g %s %q (%s)", where, unit, j+1, got.value, got.unit, got.approx, f.Value, f.Unit, f.Approx, f.Label)
			}
			if texts != nil && !slices.Contains(texts, got.text) {
				t.Errorf("%s: chart of %s, bar %d says %q, which the page's figures do not (%q)", where, unit, j+1, got.text, texts)
			}
		}
	}
}

// Each brief with figures has one chart per unit of two figures or more, its bars the
// brief's figures in order, each saying its value as the figures list beside it says it.
func TestBriefChartsAreTheBriefsFigures(t *testing.T) {
	b := buildSubPath(t)
	for _, lang := range []string{"en", "ja"} {
		for _, kind := range []site.Kind{site.KindCountry, site.KindTheme} {
			for _, p := range b.res.Site.Section(lang, kind) {
				pics, texts := pageParts(t, b.files[p.URL+"index.html"], "figure-value")
				units, charts := chartBars(t, p.URL, pics)
				if len(texts) != len(p.Figures) {
					t.Errorf("%s: %d figures in the list, want %d", p.URL, len(texts), len(p.Figures))
				}
				compareCharts(t, p.URL, units, charts, wantCharts([]*site.Page{p}, false), texts)
			}
		}
	}
}

// The figures page has, for each section, one chart per unit of its briefs' figures, the
// bars in the order of the briefs and their figures.
func TestFiguresPageCharts(t *testing.T) {
	b := buildSubPath(t)
	for _, lang := range []string{"en", "ja"} {
		url := lang + "/figures/"
		pics, _ := pageParts(t, b.files[url+"index.html"], "")
		units, charts := chartBars(t, url, pics)
		// The country charts come first, then the theme charts.
		countries := wantCharts(b.res.Site.Section(lang, site.KindCountry), true)
		n := len(countries)
		if len(units) < n {
			t.Fatalf("%s: %d charts, want at least %d for the countries", url, len(units), n)
		}
		compareCharts(t, url+" (countries)", units[:n], charts[:n], countries, nil)
		compareCharts(t, url+" (themes)", units[n:], charts[n:], wantCharts(b.res.Site.Section(lang, site.KindTheme), true), nil)
		var texts []string
		for _, p := range append(b.res.Site.Section(lang, site.KindCountry), b.res.Site.Section(lang, site.KindTheme)...) {
			_, t2 := pageParts(t, b.files[p.URL+"index.html"], "figure-value")
			texts = append(texts, t2...)
		}
		for i, c := range charts {
			for j, bar := range c {
				if !slices.Contains(texts, bar.text) {
					t.Errorf("%s: chart %d, bar %d says %q, which no brief's figures say", url, i+1, j+1, bar.text)
				}
			}
		}
		// A figure that several country briefs report alike (a joint sum) is one bar,
		// headed by each of them.
		reporters := map[site.Figure][]string{}
		for _, p := range b.res.Site.Section(lang, site.KindCountry) {
			for _, f := range p.Figures {
				reporters[f] = append(reporters[f], p.Title)
			}
		}
		shared := 0
		for f, titles := range reporters {
			if len(titles) < 2 {
				continue
			}
			shared++
			i := slices.Index(units[:n], f.Unit)
			if i < 0 {
				t.Errorf("%s: no chart of %s for %q", url, f.Unit, f.Label)
				continue
			}
			heads := 0
			for _, bar := range charts[i] {
				if bar.value != f.Value || bar.approx != f.Approx {
					continue
				}
				heads++
				for _, title := range titles {
					if !strings.Contains(strings.ReplaceAll(bar.head, " ", ""), strings.ReplaceAll(title, " ", "")) {
						t.Errorf("%s: the bar of %q is headed %q, without %q", url, f.Label, bar.head, title)
					}
				}
			}
			if heads != 1 {
				t.Errorf("%s: %d bars of %q, which %q report; want one", url, heads, f.Label, titles)
			}
		}
		if shared == 0 {
			t.Errorf("%s: no figure is reported by two country briefs: the check of a shared bar checks nothing", url)
		}
	}
}

// The time axis marks every entry of the timeline's list (an event retold by several
// briefs is one entry) on the row of each country whose brief tells it, or once, linked
// to its first brief, when only themes tell it. Every event of the content is in the list.
func TestTimelineMarksEveryEvent(t *testing.T) {
	b := buildSubPath(t)
	entryRe := regexp.MustCompile(`(?s)<li id="e-[^"]*" class="f-[^"]*">.*?</li>`)
	pageRe := regexp.MustCompile(`<a class="event-page" href="([^"]*)"`)
	for _, lang := range []string{"en", "ja"} {
		url := lang + "/timeline/"
		events := 0
		for _, kind := range []site.Kind{site.KindCountry, site.KindTheme} {
			for _, p := range b.res.Site.Section(lang, kind) {
				events += len(p.Events)
			}
		}
		var want []string
		var themeOnly [][]string // the pages of each entry that only themes tell
		told := 0
		for _, li := range entryRe.FindAllString(string(b.files[url+"index.html"]), -1) {
			var pages, countries []string
			for _, m := range pageRe.FindAllStringSubmatch(li, -1) {
				target, err := resolve(url, html.UnescapeString(m[1]))
				if err != nil {
					t.Fatal(err)
				}
				// To the brief's key dates, as the marks.
				target, fragment, _ := strings.Cut(target, "#")
				if !strings.HasPrefix(fragment, "events-h-") || !strings.Contains(string(b.files[target+"index.html"]), `id="`+fragment+`"`) {
					t.Errorf("%s: an entry links to %s#%s, not to that brief's key dates", url, target, fragment)
				}
				pages = append(pages, target)
				if strings.Contains(target, "/countries/") {
					countries = append(countries, target)
				}
			}
			told += len(pages)
			if len(countries) == 0 {
				themeOnly = append(themeOnly, pages) // marked once, on Japan's row
			}
			want = append(want, countries...)
		}
		if told != events {
			t.Errorf("%s: the list links %d events to their briefs, the content has %d", url, told, events)
		}
		pics, _ := pageParts(t, b.files[url+"index.html"], "")
		var got []string
		for _, pic := range pics {
			// Not the copy of the row labels that stays in view on a phone: hidden from
			// screen readers, which have the chart's own.
			if pic.figure != "timeline-chart" || pic.root.attrs["aria-hidden"] == "true" {
				continue
			}
			describedSVG(t, url, pic.root)
			for _, a := range pic.root.all("a") {
				target, err := resolve(url, a.attrs["href"])
				if err != nil {
					t.Errorf("%s: %v", url, err)
				}
				// To the brief's key dates, which list the event.
				target, fragment, _ := strings.Cut(target, "#")
				if page, ok := b.files[target+"index.html"]; !ok {
					t.Errorf("%s: a mark leads to %s, which the site does not have", url, target)
				} else if !strings.HasPrefix(fragment, "events-h-") || !strings.Contains(string(page), `id="`+fragment+`"`) {
					t.Errorf("%s: a mark leads to %s#%s, not to that brief's key dates", url, target, fragment)
				}
				got = append(got, target)
			}
		}
		// The marks of the entries only themes tell: one each, leading to one of its pages.
		var countryMarks []string
		for _, g := range got {
			if strings.Contains(g, "/countries/") {
				countryMarks = append(countryMarks, g)
				continue
			}
			i := slices.IndexFunc(themeOnly, func(pages []string) bool { return slices.Contains(pages, g) })
			if i < 0 {
				t.Errorf("%s: a mark leads to %s, which tells no event of the list that only themes tell", url, g)
				continue
			}
			themeOnly = slices.Delete(themeOnly, i, i+1)
		}
		if len(themeOnly) > 0 {
			t.Errorf("%s: %d entries that only themes tell have no mark, the first: %q", url, len(themeOnly), themeOnly[0])
		}
		got = countryMarks
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: the marks lead to\n%q\nwant one per entry of the list and country:\n%q", url, got, want)
		}
	}
}

// The home page, with its map, stays under 400 KB with what it loads (its stylesheet).
func TestHomePageSize(t *testing.T) {
	b := buildSubPath(t)
	for _, lang := range []string{"en", "ja"} {
		total := len(b.files[lang+"/index.html"])
		for p, data := range b.files {
			if strings.HasPrefix(p, "assets/") && strings.HasSuffix(p, ".css") {
				total += len(data)
			}
		}
		if total > 400<<10 {
			t.Errorf("%s/: %d bytes with its stylesheet, want under 400 KB", lang, total)
		}
	}
}

// A chart's key explains only the marks its bars have: the Sudan brief's chart, whose one
// approximate figure is "more than", had a key to dashed ends and outlines too.
func TestChartKeysNameOnlyTheirMarks(t *testing.T) {
	b := buildSubPath(t)
	marks := map[string]map[string]string{ // lang -> sentence -> the approximations it explains
		"en": {"An arrow after a bar: more than.": "over", "A dashed end: about or nearly.": "about nearly", "An outline: up to.": "up-to"},
		"ja": {"棒の先端の矢印は「超」を示す。": "over", "棒の先端の破線は「約」又は「近く」を示す。": "about nearly", "輪郭だけの棒は「最大」を示す。": "up-to"},
	}
	key := regexp.MustCompile(`<p class="chart-marks">([^<]*)</p>`)
	// The description a screen reader announces with the chart names no mark: the key,
	// read as text after it, names the marks the chart has.
	desc := regexp.MustCompile(`<desc id="chart-[^"]*">([^<]*)</desc>`)
	markWords := map[string][]string{"en": {"arrow", "dashed", "outline"}, "ja": {"矢印", "破線", "輪郭"}}
	keys, descs := 0, 0
	for _, lang := range []string{"en", "ja"} {
		for _, kind := range []site.Kind{site.KindCountry, site.KindTheme} {
			for _, p := range b.res.Site.Section(lang, kind) {
				has := map[string]bool{}
				for _, f := range p.Figures {
					has[f.Approx] = true
				}
				page := string(b.files[p.URL+"index.html"])
				for _, d := range desc.FindAllStringSubmatch(page, -1) {
					descs++
					for _, w := range markWords[lang] {
						if strings.Contains(d[1], w) {
							t.Errorf("%s: a chart's description names a mark (%q): %s", p.URL, w, d[1])
						}
					}
				}
				for _, m := range key.FindAllStringSubmatch(page, -1) {
					keys++
					rest := m[1]
					for sentence, approx := range marks[lang] {
						if !strings.Contains(rest, sentence) {
							continue
						}
						rest = strings.Replace(rest, sentence, "", 1)
						if !slices.ContainsFunc(strings.Fields(approx), func(a string) bool { return has[a] }) {
							t.Errorf("%s: the chart's key says %q, but no figure of the brief is %s", p.URL, sentence, approx)
						}
					}
					if strings.TrimSpace(rest) != "" {
						t.Errorf("%s: the chart's key has %q, which is no mark's sentence", p.URL, rest)
					}
				}
			}
		}
	}
	if keys == 0 || descs == 0 {
		t.Fatalf("%d charts' keys and %d descriptions: the test checks nothing", keys, descs)
	}
}

// A country too small to see on its locator map is ringed: Timor-Leste, a sliver 20 px
// long and 5 high, is; Cambodia is not.
func TestLocatorRingsASmallCountry(t *testing.T) {
	b := buildSubPath(t)
	for page, want := range map[string]bool{"en/countries/timor-leste/index.html": true, "ja/countries/timor-leste/index.html": true, "en/countries/cambodia/index.html": false} {
		if got := strings.Contains(string(b.files[page]), `<circle class="marker"`); got != want {
			t.Errorf("%s: a ring on the locator map: %v, want %v", page, got, want)
		}
	}
}

// TestTimelineCaptionBreaksBetweenPhrases: the Japanese caption of the time axis, which
// wraps on a phone, goes through Keep and breaks only where a phrase starts (表示で|きます
// before); the style sheet keeps it whole between those places.
func TestTimelineCaptionBreaksBetweenPhrases(t *testing.T) {
	b := buildSubPath(t)
	caption := regexp.MustCompile(`<figcaption[^>]*>(.*?)</figcaption>`).FindStringSubmatch(string(b.files["ja/timeline/index.html"]))
	if caption == nil {
		t.Fatal("ja/timeline/ has no caption")
	}
	for _, want := range []string{"時間軸で<wbr>見る<wbr>出来事", "（横に<wbr>スクロールすると", "<wbr>表示できます"} {
		if !strings.Contains(caption[1], want) {
			t.Errorf("the caption %s lacks %s", caption[1], want)
		}
	}
	css, err := os.ReadFile(filepath.Join(sitetest.RepoRoot(), "assets", "style.css"))
	if err != nil {
		t.Fatal(err)
	}
	if keepAll := regexp.MustCompile(`:lang\(ja\) :is\([^)]*\.timeline-chart figcaption[^{]*\{ word-break: keep-all`); !keepAll.Match(css) {
		t.Error("the style sheet does not keep the caption's phrases whole (word-break: keep-all)")
	}
}

// pathPoints returns the points an SVG path's data passes through: its moves and lines,
// absolute or relative (M, m, L, l, H, h, V, v, Z, z), as the map's paths are written.
func pathPoints(t *testing.T, d string) [][2]float64 {
	t.Helper()
	tokens := regexp.MustCompile(`[MmLlHhVvZz]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?`).FindAllString(d, -1)
	var out [][2]float64
	var x, y, startX, startY float64
	cmd := "M"
	for i := 0; i < len(tokens); {
		if strings.ContainsAny(tokens[i], "MmLlHhVvZz") {
			cmd = tokens[i]
			i++
			if cmd == "z" || cmd == "Z" {
				x, y = startX, startY
			}
			continue
		}
		num := func() float64 {
			v := number(t, tokens[i])
			i++
			return v
		}
		switch cmd {
		case "M", "L":
			x, y = num(), num()
		case "m", "l":
			x, y = x+num(), y+num()
		case "H":
			x = num()
		case "h":
			x += num()
		case "V":
			y = num()
		case "v":
			y += num()
		default:
			t.Fatalf("path command %q in %q", cmd, d)
		}
		if cmd == "M" || cmd == "m" {
			startX, startY = x, y
			cmd = map[string]string{"M": "L", "m": "l"}[cmd] // pairs after a move are lines
		}
		out = append(out, [2]float64{x, y})
	}
	return out
}

// number parses a number of an SVG attribute or path.
func number(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return v
}

// TestGlossaryTermsAreRowHeaders: each glossary row's term is its row's header (a
// screen reader moving along a row, or down the "used in" column, hears the term), in
// the first cell, holding the id that search results and links lead to.
func TestGlossaryTermsAreRowHeaders(t *testing.T) {
	b := buildSubPath(t)
	for _, lang := range b.res.Site.Config.LanguageCodes() {
		page := string(b.files[lang+"/glossary/index.html"])
		_, page, _ = strings.Cut(page, "<tbody>")
		rows := regexp.MustCompile(`<tr>(<t[hd][^>]*>)`).FindAllStringSubmatch(page, -1)
		terms := len(b.res.Site.Glossary.Terms)
		if len(rows) != terms {
			t.Errorf("%s: %d term rows, want one per term (%d)", lang, len(rows), terms)
		}
		for _, r := range rows {
			if !regexp.MustCompile(`^<th scope="?row"? id="?term-`).MatchString(r[1]) {
				t.Errorf("%s: a term row starts with %s, not its row header with the term's id", lang, r[1])
				break
			}
		}
	}
}
