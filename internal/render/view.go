package render

import (
	"cmp"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/numbers"
	"peacebuilding/internal/site"
)

// View is what a layout sees: one output page.
type View struct {
	r      *Renderer
	Site   *site.Site
	Page   *site.Page // nil on generated pages
	Layout string
	Lang   string // the language of the page's interface
	Path   string // the page URL relative to the site root: "en/countries/cambodia/"
	Title  string
	// Description is the meta description: the page summary.
	Description string
	// Canonical is the absolute URL search engines should index for this page.
	Canonical string
	// Alternates are the hreflang links: the page in each language that has a real
	// translation, and x-default. Empty on fallback pages.
	Alternates []Alternate
	// Switch leads to the same page in each other language.
	Switch []Alternate
	// Data is layout-specific: the status report, for example.
	Data any
	// Booklet is what a page of the print booklet shows; nil on other pages.
	Booklet *Booklet
	// rootPaths makes links root-relative (under the base path) instead of relative: the
	// 404 page is served at whatever URL was missing, so relative links would break.
	rootPaths bool
}

// Booklet is what one page of a language's print booklet shows (see site.Site.Booklet):
// the whole booklet, one of its parts, or the contents of a booklet in parts.
type Booklet struct {
	// Part is the part this page shows: the only one of a booklet in one part, and the
	// zero BookletPart on the contents page of a booklet in parts.
	Part site.BookletPart
	// Parts are every part of the language's booklet.
	Parts []site.BookletPart
}

// PDF is a printed page as the site publishes it.
type PDF struct {
	Path string // relative to the site root: "en/pdf/countries/cambodia.pdf"
	Size int64  // in bytes
	// Scale is the size the PDF prints its page at when build pdf printed it smaller to
	// save a sheet (0.96); 0 for the full size.
	Scale float64
	// NoRefs says that build pdf left out the list of the pages the text refers to, to
	// save a sheet (pdf.Fit).
	NoRefs bool
}

// PrintClass is the classes that have a browser print the page as the PDF is printed
// ("print-scale-96", "print-no-refs"), so that it fits the sheets the PDF fits; "" at
// the full size with everything.
func (p *PDF) PrintClass() string {
	var classes []string
	if p.Scale != 0 && p.Scale != 1 {
		classes = append(classes, fmt.Sprintf("print-scale-%.0f", p.Scale*100))
	}
	if p.NoRefs {
		classes = append(classes, "print-no-refs")
	}
	return strings.Join(classes, " ")
}

// PDF returns the published PDF of the page, or nil when the site has none (a site built
// without build pdf).
func (v *View) PDF() *PDF {
	if p, ok := v.r.PDFs[v.Path]; ok {
		return &p
	}
	return nil
}

// SizeNumber and SizeUnit write the file's size as file managers do (units of 1,000
// bytes): in whole kilobytes up to 999 KB, then in megabytes with one decimal ("2.6",
// "MB"): a booklet of 2,648 KB reads as 2.6 MB.
func (p *PDF) SizeNumber() string {
	if kb := p.kb(); kb < 1000 {
		return strconv.FormatInt(kb, 10)
	}
	return strconv.FormatFloat(float64(p.Size)/1e6, 'f', 1, 64)
}

// SizeUnit is the unit of SizeNumber: "KB" or "MB".
func (p *PDF) SizeUnit() string {
	if p.kb() < 1000 {
		return "KB"
	}
	return "MB"
}

// kb is the size in kilobytes, at least 1.
func (p *PDF) kb() int64 { return max(1, (p.Size+500)/1000) }

// InParts reports whether the booklet is printed in more than one part.
func (b *Booklet) InParts() bool { return len(b.Parts) > 1 }

// Alternate is one language version of a page.
type Alternate struct {
	Lang, Name string
	Href       string // relative to the current page
	Abs        string // absolute, for <link rel=alternate>
	Fallback   bool
}

// NoIndex reports whether search engines are asked not to index the page (see noIndex).
func (v *View) NoIndex() bool { return noIndex(v.Layout) }

// noIndex reports whether the pages of layout are left out of search engines and the
// sitemap: the status page is for the team, a search page is a form whose results a
// search engine should not list, and the printable booklet repeats every brief, whose
// own pages are the ones to find.
func noIndex(layout string) bool {
	return layout == "status" || layout == "search" || layout == "print"
}

// T returns a UI string of the page's language. A missing key fails the render.
func (v *View) T(key string) (string, error) { return v.r.T(v.Lang, key) }

// Tf formats a UI string with arguments (fmt verbs).
func (v *View) Tf(key string, args ...any) (string, error) {
	s, err := v.r.T(v.Lang, key)
	if err != nil {
		return "", err
	}
	if n := len(verbs(s)); n != len(args) {
		return "", fmt.Errorf("i18n/%s.toml:%d: %s takes %d values, the layout gives %d", v.Lang, v.r.line(v.Lang, key), key, n, len(args))
	}
	return fmt.Sprintf(s, args...), nil
}

// Rel returns a site-root-relative URL as seen from this page.
func (v *View) Rel(url string) string {
	if v.rootPaths {
		return v.Site.Config.BasePath() + url
	}
	return site.Rel(v.Path, url)
}

// For returns a copy of the view showing page p at the same place, for a layout that
// shows several pages at once (the print booklet).
func (v *View) For(p *site.Page) *View {
	c := *v
	c.Page = p
	return &c
}

// Body is the page's rendered Markdown. Shown at another URL (the print booklet shows the
// bodies of many pages at its own URL), its relative links are rewritten to lead to the same
// places from there, and its heading ids get a prefix per page, so that ids stay unique in
// the booklet and links within the body still reach them.
//
// In a Japanese text, numbers with their units and the glossary's names (bodyNames) are
// kept whole on a line (keepHTML), as in the tables; in an English one, a number and the
// word of its unit (keepUnits), and a hyphenated name (keepNamesHTML).
func (v *View) Body() template.HTML {
	if v.Page == nil {
		return ""
	}
	html := string(v.Page.Body())
	switch v.Page.TextLang() {
	case "ja":
		if v.Lang == "ja" {
			html = keepHTML(html, v.r.bodyNames(v.Site.Glossary))
		}
	case "en":
		html = keepNamesHTML(keepUnits(html))
	}
	if v.Path == v.Page.URL {
		return template.HTML(html)
	}
	prefix := strings.ReplaceAll(v.Page.Key, "/", "-") + "--"
	return template.HTML(rebase(html, v.Page.URL, v.Path, prefix))
}

// rebase rewrites html, written for the page at from, to be shown at to (both
// site-root-relative URLs): ids get prefix; links to a fragment of the page itself lead to
// the prefixed id; other relative links lead to the same page as before. Absolute links stay.
func rebase(html, from, to, prefix string) string {
	base := &url.URL{Path: "/" + from}
	var b strings.Builder
	b.Grow(len(html) + len(html)/8)
	last := 0
	for {
		start, value, end, ok := nextAttr(html, last)
		if !ok {
			break
		}
		b.WriteString(html[last:start])
		b.WriteString(rebaseAttr(html[start:end+1], html[start+1:value-2], html[value:end], base, to, prefix))
		last = end + 1
	}
	b.WriteString(html[last:])
	return b.String()
}

// nextAttr finds the first href="..." or id="..." attribute of html at or after i, as the
// regular expression ` (href|id)="([^"]*)"` would: where the space before it is, where its
// value starts, and where the closing quote is. goldmark's output always quotes with '"'
// and escapes '"' in text, so it cannot find an attribute inside text. (A scan rather than
// the expression: the booklet rebases the body of every brief, and the expression took a
// fifth of the booklet's time.)
func nextAttr(html string, i int) (start, value, end int, ok bool) {
	for {
		eq := strings.Index(html[i:], `="`)
		if eq < 0 {
			return 0, 0, 0, false
		}
		eq += i
		quote := strings.IndexByte(html[eq+2:], '"')
		if quote < 0 {
			return 0, 0, 0, false // and no attribute after it has a closing quote either
		}
		switch {
		case strings.HasSuffix(html[:eq], " href"):
			return eq - len(" href"), eq + 2, eq + 2 + quote, true
		case strings.HasSuffix(html[:eq], " id"):
			return eq - len(" id"), eq + 2, eq + 2 + quote, true
		}
		i = eq + 1
	}
}

// rebaseAttr rewrites one attribute m, attr="val", for rebase.
func rebaseAttr(m, attr, val string, base *url.URL, to, prefix string) string {
	if attr == "id" {
		return ` id="` + prefix + val + `"`
	}
	u, err := url.Parse(strings.ReplaceAll(val, "&amp;", "&"))
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") {
		return m
	}
	abs := base.ResolveReference(u)
	var out string
	switch {
	case abs.Path == base.Path && u.Fragment != "":
		out = "#" + url.PathEscape(prefix) + u.EscapedFragment()
	case u.Path == "":
		return m
	default:
		out = site.Rel(to, strings.TrimPrefix(abs.EscapedPath(), "/"))
		if u.Fragment != "" {
			out += "#" + u.EscapedFragment()
		}
	}
	return ` href="` + strings.ReplaceAll(out, "&", "&amp;") + `"`
}

// Asset returns the URL of a fingerprinted asset, relative to this page.
func (v *View) Asset(name string) (string, error) {
	p, err := v.r.asset(name)
	if err != nil {
		return "", err
	}
	return v.Rel(p), nil
}

// asset returns the fingerprinted output path of an asset.
func (r *Renderer) asset(name string) (string, error) {
	p, ok := r.Assets[name]
	if !ok {
		return "", fmt.Errorf("no asset %q in assets/", name)
	}
	return p, nil
}

// Abs returns the absolute URL of a site-root-relative URL.
func (v *View) Abs(url string) string { return v.Site.Config.BaseURL + url }

// Language is the configured language of the page.
func (v *View) Language() config.Language { l, _ := v.Site.Config.Language(v.Lang); return l }

// Languages lists all languages, for the chooser.
func (v *View) Languages() []config.Language { return v.Site.Config.Languages }

// AsOf is the year of the information. The UI strings say "early %s": the source is
// dated 2007 and its latest item is of March 2007.
func (v *View) AsOf() string { return v.Site.Config.AsOf[:4] }

// Figure formats a figure in the page's language.
func (v *View) Figure(f site.Figure) string { return numbers.Figure(f.Value, f.Unit, f.Approx, v.Lang) }

// Date formats an event date in the page's language.
func (v *View) Date(e site.Event) string { return e.Date.Format(v.Lang) }

// Area formats an area in km².
func (v *View) Area(km2 float64) string { return numbers.Area(km2, v.Lang) }

// Population formats a population given in millions.
func (v *View) Population(m float64) (string, error) {
	return v.Tf("population_value", numbers.Millions(m, v.Lang))
}

// USD formats a plain amount of US dollars.
func (v *View) USD(x float64) string { return numbers.Figure(x, "usd", "", v.Lang) }

// Pages lists the pages of a kind in this language: "country", "theme", "standalone".
func (v *View) Pages(kind string) []*site.Page {
	k := map[string]site.Kind{"country": site.KindCountry, "theme": site.KindTheme, "standalone": site.KindStandalone}[kind]
	return v.Site.Section(v.Lang, k)
}

// BookletParts is the number of parts of this language's print booklet: 1 unless it is
// printed in parts (site.Site.Booklet).
func (v *View) BookletParts() int { return len(v.Site.Booklet(v.Lang)) }

// TitleOf is the title of the page of key in this language, or of a generated page's
// title UI string (key "timeline": timeline_title): what a link to it is labelled.
func (v *View) TitleOf(key string) (string, error) {
	if p := v.Link(key); p != nil {
		return p.Title, nil
	}
	return v.T(key + "_title")
}

// Link returns the page of key in this language.
func (v *View) Link(key string) *site.Page { return v.Site.Lookup(v.Lang, key) }

// RegionGroup is a region and its countries.
type RegionGroup struct {
	Region    config.Region
	Name      string
	Countries []*site.Page
}

// Regions groups this language's countries by region, in config order.
func (v *View) Regions() []RegionGroup {
	var groups []RegionGroup
	countries := v.Pages("country")
	for _, r := range v.Site.Config.Regions {
		g := RegionGroup{Region: r, Name: r.Name(v.Lang)}
		for _, c := range countries {
			if c.Region.Slug == r.Slug {
				g.Countries = append(g.Countries, c)
			}
		}
		if len(g.Countries) > 0 {
			groups = append(groups, g)
		}
	}
	return groups
}

// FactColumns says which columns of a region's facts table have at least one value: a
// column empty for the whole table is not printed (issue 14).
type FactColumns struct{ Capital, Area, Population, GDP bool }

// Any reports whether the table has a column besides the countries' names.
func (c FactColumns) Any() bool { return c.Capital || c.Area || c.Population || c.GDP }

// Count is the number of columns besides the countries' names.
func (c FactColumns) Count() int {
	n := 0
	for _, has := range []bool{c.Capital, c.Area, c.Population, c.GDP} {
		if has {
			n++
		}
	}
	return n
}

// Columns are the columns of the region's facts table that have a value.
func (g RegionGroup) Columns() FactColumns {
	var c FactColumns
	for _, p := range g.Countries {
		c = c.or(factColumnsOf(p.Facts))
	}
	return c
}

// Shows reports whether the table's columns show a value of f: a country of which the
// source gives none of them gets one cell that says so, not a row of dashes.
func (c FactColumns) Shows(f *site.Facts) bool {
	has := factColumnsOf(f)
	return c.Capital && has.Capital || c.Area && has.Area || c.Population && has.Population || c.GDP && has.GDP
}

// Dashes reports whether the region's table shows a dash: a country in a row of values
// without one of the table's columns. The note under the tables explains the dash only
// where one is shown.
func (g RegionGroup) Dashes() bool {
	c := g.Columns()
	for _, p := range g.Countries {
		if c.Shows(p.Facts) && factColumnsOf(p.Facts) != c {
			return true
		}
	}
	return false
}

// FactDashes reports whether a table of the countries index shows a dash (Dashes).
func (v *View) FactDashes() bool {
	return slices.ContainsFunc(v.Regions(), RegionGroup.Dashes)
}

// factColumnsOf are the columns that f has a value for; none for nil.
func factColumnsOf(f *site.Facts) FactColumns {
	if f == nil {
		return FactColumns{}
	}
	return FactColumns{Capital: f.Capital != "", Area: f.AreaKm2 != 0, Population: f.PopulationMillions != 0, GDP: f.GDPPerCapitaUSD != 0}
}

func (c FactColumns) or(d FactColumns) FactColumns {
	return FactColumns{c.Capital || d.Capital, c.Area || d.Area, c.Population || d.Population, c.GDP || d.GDP}
}

// Corrections lists every editor's correction of this language's pages, in page order.
func (v *View) Corrections() []CorrectionRef {
	var out []CorrectionRef
	for _, kind := range []string{"country", "theme", "standalone"} {
		for _, p := range v.Pages(kind) {
			for _, c := range p.Corrections {
				out = append(out, CorrectionRef{Page: p, Source: c.Source, Correction: c.Correction, Note: c.Note})
			}
		}
	}
	return out
}

// CorrectionLine is the editor's note of correction c of the page: the i18n string
// correction_line with the source's wording, the page's and the note, each part with the
// language it is written in when that is not the page's. The source's wording is the
// source document's, in the default language; the page's wording and the note are those
// of Page.CorrectionsLang.
func (v *View) CorrectionLine(c content.Correction) ([]Phrase, error) {
	const key = "correction_line"
	format, err := v.r.T(v.Lang, key)
	if err != nil {
		return nil, err
	}
	sourceLang := v.Site.Config.DefaultLanguage
	if sourceLang == v.Lang {
		sourceLang = ""
	}
	args := []Phrase{{c.Source, sourceLang}, {c.Correction, v.Page.CorrectionsLang}, {c.Note, v.Page.CorrectionsLang}}
	var out []Phrase
	text := func(s string) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Lang == "" {
			out[n-1].Text += s
			return
		}
		out = append(out, Phrase{Text: s})
	}
	next := 0
	for rest := format; rest != ""; {
		i := strings.IndexByte(rest, '%')
		if i < 0 || i == len(rest)-1 {
			text(rest)
			break
		}
		text(rest[:i])
		switch verb := rest[i+1]; {
		case verb == '%':
			text("%")
		case verb == 's' && next < len(args):
			if a := args[next]; a.Lang == "" {
				text(a.Text)
			} else if a.Text != "" {
				out = append(out, a)
			}
			next++
		default:
			return nil, fmt.Errorf("i18n/%s.toml:%d: %s takes three %%s, for the source's wording, the page's and the note", v.Lang, v.r.line(v.Lang, key), key)
		}
		rest = rest[i+2:]
	}
	if next != len(args) {
		return nil, fmt.Errorf("i18n/%s.toml:%d: %s takes three %%s, for the source's wording, the page's and the note", v.Lang, v.r.line(v.Lang, key), key)
	}
	return out, nil
}

// Phrase is a part of a sentence; Lang is its language when it is not the page's.
type Phrase struct {
	Text, Lang string
}

// LangAttr is ` lang="…"` when the phrase is in another language than the page, else "".
func (p Phrase) LangAttr() template.HTMLAttr {
	if p.Lang == "" {
		return ""
	}
	return template.HTMLAttr(` lang="` + p.Lang + `"`) // a configured language code
}

// CorrectionRef is a correction with its page.
type CorrectionRef struct {
	Page                     *site.Page
	Source, Correction, Note string
}

// Glossary returns the glossary terms in this language's order.
func (v *View) Glossary() []glossary.Term { return v.Site.Glossary.Sorted(v.Lang) }

var funcs = template.FuncMap{
	"upper": strings.ToUpper,
	"add":   func(a, b int) int { return a + b },
	"fadd":  func(a, b float64) float64 { return a + b }, // positions in the pictures' SVG
	"join":  strings.Join,
	"list":  func(s ...string) []string { return s },
	// dict makes a map of key-value pairs, the data of a small partial.
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict: odd number of arguments")
		}
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
	"filterID":     FilterID,
	"initialID":    InitialID,
	"trimIndex":    func(key string) string { return strings.TrimSuffix(key, "/_index") },
	"needsReading": needsReading,
}

// needsReading tells whether the glossary shows a Japanese term's reading: when it has a
// kanji (明石康, 緒方イニシアティブ, 東ティモール). A term in kana and Latin letters reads as
// written. Shown only for terms mostly in kanji, readings had been missing from 30 terms
// with kanji, among them two of a pair of conference names, which read as an oversight.
func needsReading(term string) bool {
	for _, r := range term {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func (r *Renderer) pageView(s *site.Site, p *site.Page) *View {
	v := &View{r: r, Site: s, Page: p, Lang: p.Lang, Path: p.URL, Title: p.Title, Description: p.Summary}
	// A fallback page is a copy of another language's page: search engines should index
	// the original, and no hreflang may point at the copy.
	v.Canonical = s.Config.BaseURL + p.URL
	if p.Fallback {
		v.Canonical = s.Config.BaseURL + s.Lookup(p.TextLang(), p.Key).URL
	}
	versions := append([]*site.Page{p}, p.Translations...)
	slices.SortStableFunc(versions, func(a, b *site.Page) int { return cmp.Compare(langIndex(s, a.Lang), langIndex(s, b.Lang)) })
	if !p.Fallback {
		for _, q := range versions {
			if !q.Fallback {
				v.Alternates = append(v.Alternates, v.alternate(q.Lang, q.URL, false))
			}
		}
		if d := s.Lookup(s.Config.DefaultLanguage, p.Key); d != nil && !d.Fallback {
			v.Alternates = append(v.Alternates, v.alternate("x-default", d.URL, false))
		}
	}
	for _, q := range p.Translations {
		v.Switch = append(v.Switch, v.alternate(q.Lang, q.URL, q.Fallback))
	}
	return v
}

func (v *View) alternate(lang, url string, fallback bool) Alternate {
	name := lang
	if l, ok := v.Site.Config.Language(lang); ok {
		name = l.Name
	}
	return Alternate{Lang: lang, Name: name, Href: v.Rel(url), Abs: v.Site.Config.BaseURL + url, Fallback: fallback}
}

func langIndex(s *site.Site, lang string) int {
	return slices.IndexFunc(s.Config.Languages, func(l config.Language) bool { return l.Code == lang })
}

// generatedView is a page made from the whole site, present in every language.
func (r *Renderer) generatedView(s *site.Site, lang, layout, titleKey, summaryKey string) *View {
	url := lang + "/" + layout + "/"
	v := &View{r: r, Site: s, Layout: layout, Lang: lang, Path: url, Canonical: s.Config.BaseURL + url}
	v.Title, _ = r.T(lang, titleKey)
	v.Description, _ = r.T(lang, summaryKey)
	for _, l := range s.Config.Languages {
		other := l.Code + "/" + layout + "/"
		v.Alternates = append(v.Alternates, v.alternate(l.Code, other, false))
		if l.Code != lang {
			v.Switch = append(v.Switch, v.alternate(l.Code, other, false))
		}
	}
	v.Alternates = append(v.Alternates, v.alternate("x-default", s.Config.DefaultLanguage+"/"+layout+"/", false))
	return v
}

// bookletPartView is part of a booklet in parts (at part.URL). Its translations are the
// parts of the same number in the other languages that have as many parts.
func (r *Renderer) bookletPartView(s *site.Site, lang string, part site.BookletPart, booklets map[string][]site.BookletPart) *View {
	parts := booklets[lang]
	v := &View{r: r, Site: s, Layout: "print", Lang: lang, Path: part.URL, Canonical: s.Config.BaseURL + part.URL}
	v.Booklet = &Booklet{Part: part, Parts: parts}
	v.Title, _ = v.Tf("booklet_part_title", part.Number, len(parts))
	v.Description, _ = v.Tf("print_part_summary", part.Number, len(parts))
	for _, l := range s.Config.Languages {
		other := booklets[l.Code]
		if len(other) < part.Number {
			continue
		}
		url := other[part.Number-1].URL
		v.Alternates = append(v.Alternates, v.alternate(l.Code, url, false))
		if l.Code != lang {
			v.Switch = append(v.Switch, v.alternate(l.Code, url, false))
		}
	}
	if other := booklets[s.Config.DefaultLanguage]; len(other) >= part.Number {
		v.Alternates = append(v.Alternates, v.alternate("x-default", other[part.Number-1].URL, false))
	}
	return v
}

// rootView is a bilingual page outside the language folders: the chooser and the 404 page.
func (r *Renderer) rootView(s *site.Site, path, layout string) *View {
	v := &View{r: r, Site: s, Layout: layout, Lang: s.Config.DefaultLanguage, Path: path, Canonical: s.Config.BaseURL + path}
	v.Title = s.Config.Languages[0].Title
	v.Description = s.Config.Languages[0].Subtitle
	if layout == "chooser" {
		// The site's address, the link most often shared: its title and description (a
		// preview's text) in every language, as the page itself is.
		var titles, descriptions []string
		for _, l := range s.Config.Languages {
			d := l.Subtitle
			if home := s.Lookup(l.Code, "_index"); home != nil && home.Summary != "" {
				d = home.Summary
			}
			titles, descriptions = append(titles, l.Title), append(descriptions, d)
		}
		v.Title, v.Description = strings.Join(titles, " | "), strings.Join(descriptions, " ")
	}
	if path == "404.html" {
		// Served at whatever URL was missing: its links are root-relative, and it has no
		// canonical URL of its own (a canonical to /404.html would ask search engines to
		// index the error page).
		v.rootPaths = true
		v.Canonical = ""
	}
	return v
}

// In returns a copy of the view in the interface language lang, for a bilingual page (the
// 404 page) that shows the site header of each language.
func (v *View) In(lang string) *View {
	c := *v
	c.Lang = lang
	c.Switch = nil
	return &c
}

// NewView makes a view for a page that another package adds to the site, such as the
// translation status page, at path (site-root-relative) in lang. Its meta description is
// the title until the caller sets a better one: every page must have one (package audit).
func (r *Renderer) NewView(s *site.Site, layout, lang, path, title string, data any) *View {
	return &View{r: r, Site: s, Layout: layout, Lang: lang, Path: path, Title: title, Description: title, Canonical: s.Config.BaseURL + path, Data: data}
}

// TIn returns a UI string in another language (for bilingual pages).
func (v *View) TIn(lang, key string) (string, error) { return v.r.T(lang, key) }
