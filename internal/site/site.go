// Package site turns the content files of every language into the site model: one page per
// content key and language, with its URL, inherited language-neutral values, translations,
// fallbacks, cross-links, backlinks and the generated indexes. The model is built once and
// not changed afterwards; package render reads it.
//
// Rules that need more than one file live here: a translation may not contradict the
// default language's values; themes and regions must exist; cross-links and their
// #fragments must lead to real pages and headings; no two files may claim one URL.
package site

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"path"
	"slices"
	"strings"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/markdown"
	"peacebuilding/internal/numbers"
)

// Kind is the kind of a page.
type Kind int

const (
	KindHome       Kind = iota // content/<lang>/_index.md
	KindSection                // content/<lang>/<section>/_index.md
	KindCountry                // content/<lang>/countries/<slug>.md
	KindTheme                  // content/<lang>/themes/<slug>.md
	KindStandalone             // content/<lang>/<slug>.md
)

// Reserved are the slugs of generated pages, which a stand-alone page may not take.
var Reserved = []string{"timeline", "figures", "glossary", "print", "status", "assets"}

// Units and Approx are the allowed values of a figure's unit and approx.
var (
	Units  = []string{"people", "usd", "jpy", "items", "weapons", "percent"}
	Approx = []string{"", "about", "nearly", "over", "up-to"}
)

// Site is the whole model.
type Site struct {
	Config   *config.Config
	Glossary *glossary.Glossary
	// Pages of every language, in a fixed order: language, then key.
	Pages    []*Page
	Warnings []string
	byKey    map[pageKey]*Page
	// untranslated are the translations not yet translated (content.NotYetTranslated),
	// whose pages show their source's file.
	untranslated []*content.File
	// sections are the results of Section, made once when the model is finished: the
	// layouts ask for them on many pages (a booklet part's world map, the page's count of
	// booklet parts), and sorting thousands of pages each time made a build of n pages
	// take time in n².
	sections map[sectionKey][]*Page
}

type sectionKey struct {
	lang string
	kind Kind
}

// Page is one page of one language.
type Page struct {
	Lang    string
	Kind    Kind
	Key     string // "countries/cambodia", "_index", "countries/_index", "about"
	Section string
	Slug    string
	URL     string // relative to the site root: "en/countries/cambodia/"

	// File is the content file whose text the page shows; Master is the file of the
	// language-neutral values (the default language's, when it has the page).
	File, Master *content.File
	// Fallback marks a page shown in this language with another language's text.
	Fallback bool
	// Stale marks a translation whose recorded source_hash differs from its source's, or
	// that records none (see Unmarked), as the translation check counts it.
	Stale bool

	Title, Summary string
	Weight         int
	Region         config.Region
	ISO            []string // a country's ISO 3166-1 alpha-3 codes, which its maps draw (package geo)
	Facts          *Facts
	Events         []Event
	Figures        []Figure
	Corrections    []content.Correction
	// CorrectionsLang is the language of the corrections' texts when it is not the
	// page's: a stale translation with another number of them shows its master's.
	CorrectionsLang string
	body            storedBody // see Body
	Headings        []markdown.Heading
	Links           []Link
	// Refs are the other pages the body links to, in this language, in the order of
	// their first link: a printed brief lists them with their addresses, which paper
	// cannot follow.
	Refs []*Page

	Themes       []*Page // a country's themes, in this language
	Backlinks    []*Page // a theme's countries
	Related      []*Page // countries sharing most themes with this one
	Translations []*Page // the same key in the other languages, in language order
	// Prev and Next are the briefs before and after a country or theme in its section,
	// in the order of the indexes; nil at the ends and on other pages.
	Prev, Next *Page
}

// Body is the page's converted Markdown. It is read back and unpacked at each call (see
// packedHTML and spill): call it once per use.
func (p *Page) Body() template.HTML { return p.body.html() }

// SameBody reports whether p and q have the same converted body, without unpacking them.
func (p *Page) SameBody(q *Page) bool {
	return bytes.Equal(p.body.packedBytes(), q.body.packedBytes())
}

// TextLang is the language of the text the page shows.
func (p *Page) TextLang() string { return p.File.Lang }

// Unmarked reports whether the page is a translation never marked as translated from its
// source (no source_hash): a copy of the source still being translated, maybe. It is Stale
// too, but its notice cannot say that the source changed since.
func (p *Page) Unmarked() bool { return p.Stale && p.File.Front.SourceHash == "" }

// LangAttr is ` lang="en"` for a fallback page, whose title, summary and text are in
// another language than the page that shows them, and nothing for any other page: for
// the elements that show them, so that browsers pick the font and screen readers the voice
// of the text's own language.
func (p *Page) LangAttr() template.HTMLAttr {
	if !p.Fallback {
		return ""
	}
	return langAttr(p.TextLang())
}

// Anchor is the page's id in the print booklet, where the briefs of both sections share
// one page: "cambodia" for a country, "theme-ddr" for a theme. The ids of the brief's
// parts (facts-h-…, events-h-…) are made from it on its own page too, so that a country
// and a theme of the same name never share an id.
func (p *Page) Anchor() string {
	if p.Kind == KindTheme {
		return "theme-" + p.Slug
	}
	return p.Slug
}

// Link is a link of a page's body as the model keeps it, for the output audit's messages:
// where it leads and the line that writes it. The rest of what the conversion knew of it
// (the destination as written, the page and heading it names) is checked while the model
// is built, and not kept: a site has hundreds of thousands of links.
type Link struct {
	URL      string // as the HTML has it
	External bool
	Line     int // of the body, from 1
}

func keptLinks(links []markdown.Link) []Link {
	if len(links) == 0 {
		return nil
	}
	kept := make([]Link, len(links))
	for i, l := range links {
		kept[i] = Link{URL: l.Target.URL, External: l.Target.External, Line: l.Line}
	}
	return kept
}

// Facts are a country's key facts, with inherited numbers filled in.
type Facts struct {
	OfficialName       string
	Capital            string
	AreaKm2            float64
	PopulationMillions float64
	Languages          []string
	GDPPerCapitaUSD    float64 // 0: not known
	Year               int
	Source             string
}

// Event is a dated event of a page.
type Event struct {
	Date numbers.Date
	Raw  string // as written: "1991-10"
	Text string
	// Lang is the language of Text when it is not the page's: a fallback page's, or the
	// default language's while a translation's events do not match its source's (a
	// source that gained or lost an event since it was translated).
	Lang string
}

// LangAttr is ` lang="…"` when the text is in another language than the page, else "".
func (e Event) LangAttr() template.HTMLAttr { return langAttr(e.Lang) }

// Figure is a key number of Japan's contribution.
type Figure struct {
	Value  float64
	Unit   string
	Approx string
	Label  string
	Lang   string // of Label, when it is not the page's (see Event.Lang)
}

// LangAttr is ` lang="…"` when the label is in another language than the page, else "".
func (g Figure) LangAttr() template.HTMLAttr { return langAttr(g.Lang) }

func langAttr(lang string) template.HTMLAttr {
	if lang == "" {
		return ""
	}
	return template.HTMLAttr(` lang="` + lang + `"`) // a configured language code
}

// Lookup returns the page of key in lang.
func (s *Site) Lookup(lang, key string) *Page { return s.byKey[pageKey{lang, key}] }

// Files returns the content file of each page that shows its own (a fallback page shows
// another language's file and adds none), in page order, then the translations not yet
// translated, which no page shows: every file the site was built from. Those of a site
// made by BuildOnce have no text left (content.File.Release).
func (s *Site) Files() []*content.File {
	var files []*content.File
	for _, p := range s.Pages {
		if !p.Fallback {
			files = append(files, p.File)
		}
	}
	return append(files, s.untranslated...)
}

// NotYetTranslated returns the translations that are still copies of their source
// (content.NotYetTranslated), whose pages show the source's file instead.
func (s *Site) NotYetTranslated() []*content.File { return s.untranslated }

// pageKey names a page: a struct, so that a look-up builds no string.
type pageKey struct{ lang, key string }

// LangPages returns the pages of one language, in order.
func (s *Site) LangPages(lang string) []*Page {
	var out []*Page
	for _, p := range s.Pages {
		if p.Lang == lang {
			out = append(out, p)
		}
	}
	return out
}

// Section returns the pages of a section in lang, by weight then slug.
func (s *Site) Section(lang string, kind Kind) []*Page {
	if s.sections != nil {
		return slices.Clip(s.sections[sectionKey{lang, kind}]) // an append copies
	}
	var out []*Page
	for _, p := range s.Pages {
		if p.Lang == lang && p.Kind == kind {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, byWeight)
	return out
}

func byWeight(a, b *Page) int {
	return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(a.Slug, b.Slug))
}

// URLFor is the site-root-relative URL of key in lang.
func URLFor(lang, key string) string {
	switch {
	case key == "_index":
		return lang + "/"
	case strings.HasSuffix(key, "/_index"):
		return lang + "/" + strings.TrimSuffix(key, "_index")
	}
	return lang + "/" + key + "/"
}

// Rel returns the URL of to (site-root-relative) as seen from the page or file at from, so
// that the site works at a domain root and under any sub-path without configuration.
func Rel(from, to string) string {
	dir := from
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir) + "/"
		if dir == "./" {
			dir = ""
		}
	}
	// Drop the folders both share, then climb out of the rest.
	for dir != "" {
		i := strings.IndexByte(dir, '/')
		seg := dir[:i+1]
		if !strings.HasPrefix(to, seg) {
			break
		}
		dir, to = dir[i+1:], to[i+1:]
	}
	up := strings.Repeat("../", strings.Count(dir, "/"))
	if up+to == "" {
		return "./"
	}
	return up + to
}

// Build makes the site model from the loaded files. Errors are collected, in file order.
func Build(cfg *config.Config, files []*content.File, gl *glossary.Glossary) (*Site, error) {
	return build(cfg, files, gl, nil, false)
}

// BuildOnce is Build for a build that reads the files no more once the model is made: it
// sets each file's body aside once it knows what the model needs of it (readBodies), lets
// go of each file's text and front matter (content.File.Release) before converting the
// bodies, which it reads from the files again, and keeps the converted bodies in a
// temporary file (see spill): a site of thousands of pages never holds the Markdown of
// every file, nor every converted body.
func BuildOnce(cfg *config.Config, files []*content.File, gl *glossary.Glossary) (*Site, error) {
	return build(cfg, files, gl, nil, true)
}

func build(cfg *config.Config, files []*content.File, gl *glossary.Glossary, memo *Memo, dropText bool) (*Site, error) {
	s := &Site{Config: cfg, Glossary: gl, byKey: map[pageKey]*Page{}}
	b := &builder{site: s, memo: memo, dropText: dropText}
	if dropText {
		b.spill = newSpill()
	}
	b.group(files)
	b.readBodies()
	b.makePages()
	b.memo.reshape(s)
	b.inherit()
	b.oneBriefPerCountry()
	b.oneTitlePerBrief()
	b.link()
	b.neighbours()
	b.convert()
	if len(b.errs) > 0 {
		b.spill.close()
		return nil, errors.Join(b.errs...)
	}
	s.sections = map[sectionKey][]*Page{}
	for _, p := range s.Pages {
		k := sectionKey{p.Lang, p.Kind}
		s.sections[k] = append(s.sections[k], p)
	}
	for _, pages := range s.sections {
		slices.SortStableFunc(pages, byWeight)
	}
	return s, nil
}

type builder struct {
	site *Site
	// byKey groups the files of each key by language.
	byKey map[string]map[string]*content.File
	keys  []string
	errs  []error
	memo  *Memo // nil: convert and hash everything
	// dropText sets the files' bodies aside and releases the files before converting
	// (BuildOnce).
	dropText bool
	// spill holds the converted bodies of a one-off build; nil keeps them in memory.
	spill *spill
	// bodies are what the model reads of the files' bodies before converting them.
	bodies map[*content.File]bodyFacts
}

func (b *builder) fail(err error) { b.errs = append(b.errs, err) }

func (b *builder) group(files []*content.File) {
	b.byKey = map[string]map[string]*content.File{}
	for _, f := range files {
		k := f.Key()
		if b.byKey[k] == nil {
			b.byKey[k] = map[string]*content.File{}
			b.keys = append(b.keys, k)
		}
		b.byKey[k][f.Lang] = f
		if f.Section == "" && slices.Contains(Reserved, f.Slug) {
			b.fail(fmt.Errorf("%s: the name %q is taken by a generated page; choose another file name", f.Name, f.Slug))
		}
	}
	slices.Sort(b.keys)
	// A translation whose source was renamed or removed makes no page: the links to the
	// old name then fail in every language at once, in the same report as the file, where
	// a page made of the translation would have answered them until the file was moved.
	b.keys = slices.DeleteFunc(b.keys, func(key string) bool {
		m := b.master(key)
		if m.Lang == b.site.Config.DefaultLanguage || m.Front.SourceHash == "" {
			return false
		}
		source := path.Join("content", b.site.Config.DefaultLanguage, m.Path)
		b.fail(m.Errorf(m.Line("source_hash"), "%s", TranslatesMissing(source)))
		delete(b.byKey, key) // nor is it a theme that a country may name
		return true
	})
}

// master is the file that holds a key's language-neutral values: the default language's,
// or else the first language's that has the key.
func (b *builder) master(key string) *content.File {
	cfg := b.site.Config
	if f := b.byKey[key][cfg.DefaultLanguage]; f != nil {
		return f
	}
	for _, l := range cfg.Languages {
		if f := b.byKey[key][l.Code]; f != nil {
			return f
		}
	}
	return nil
}

func (b *builder) makePages() {
	cfg := b.site.Config
	for _, l := range cfg.Languages {
		for _, key := range b.keys {
			m := b.master(key)
			f := b.byKey[key][l.Code]
			p := &Page{Lang: l.Code, Key: key, Section: m.Section, Slug: m.Slug, URL: URLFor(l.Code, key), Master: m, File: f}
			if f != nil && f != m && b.bodies[f].untranslated {
				// A copy of the source started for translation and published before it was
				// translated (build check -new): readers get the source's page, marked as
				// in its language, as for a translation not yet written, not its text
				// presented as theirs. The translator check still reads the file.
				b.site.untranslated = append(b.site.untranslated, f)
				b.site.Warnings = append(b.site.Warnings, fmt.Sprintf("%s:%d: still in %s, not yet translated: the %s site shows the %s page in its place until it is (make check ARGS=\"%s\" says what to translate)", f.Name, b.bodies[f].textLine, m.Lang, f.Lang, m.Lang, f.Name))
				f = nil
			}
			if f == nil {
				p.File, p.Fallback = m, true
			}
			switch {
			case key == "_index":
				p.Kind = KindHome
			case m.IsIndex():
				p.Kind = KindSection
			case m.Section == "countries":
				p.Kind = KindCountry
			case m.Section == "themes":
				p.Kind = KindTheme
			default:
				p.Kind = KindStandalone
			}
			if !p.Fallback && f != m {
				p.Stale = f.Front.SourceHash == "" || f.Front.SourceHash != b.bodies[m].hash
			}
			b.site.Pages = append(b.site.Pages, p)
			b.site.byKey[pageKey{l.Code, key}] = p
		}
	}
	for _, p := range b.site.Pages {
		for _, l := range cfg.Languages {
			if l.Code != p.Lang {
				p.Translations = append(p.Translations, b.site.Lookup(l.Code, p.Key))
			}
		}
	}
}
