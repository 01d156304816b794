package site

import (
	"slices"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/markdown"
)

// A Memo carries the costly parts of a build over to the next one, for the preview
// server's rebuild after an edit: the Markdown conversion of each page and the source
// hash of each file. Everything else of the model is rebuilt from the files each time,
// so the result is the model Build makes.
//
// A page's conversion depends on its Markdown, the language of its text (fallback or
// not), and, for each cross-link, whether the target page exists, is a fallback and in
// which language its text is: the URL of a page follows from its language and key, which
// also name the memo's entry, and nothing else of the site enters the resolver's answers
// (see resolver.Resolve). The conversion is reused when all of these are as before. A
// source hash is reused for the same *content.File, which is never changed once loaded.
//
// The zero Memo is ready to use. Builds with one Memo must not run at the same time.
type Memo struct {
	pages  map[pageKey]*conversion
	hashes map[*content.File]string
	langs  []string // the languages of the config the conversions were made with
	gen    int
	// shape is the pages of the last build, in order, and sameShape whether this
	// build's are the same (see reshape).
	shape     []pageShape
	sameShape bool
	// links are the lists of links of each page of the last build that made them, as
	// indexes of its pages (themes, backlinks, related), and linkInputs what they were
	// made from.
	links      [][3][]int32
	linkInputs []linkInput
	linksGen   int // the build that made or reused links
	// inherit is the last build's memo of inherit's values.
	inherit *inheritMemo
}

// inheritMemo carries the values inherit gives each page over to the next build: they
// follow from the page's file and master file, the config, and the theme pages that
// exist (which validate checks a country's themes against). A page is at the same index
// when the pages are those of the previous build (sameShape).
type inheritMemo struct {
	cfg    *config.Config
	themes []string
	pages  []*Page    // by index: the page of the build that inherited
	errs   [][]error  // what inherit reported for it
	warns  [][]string // and warned of
	gen    int
	prev   *inheritMemo // the previous build's, if its pages are this build's
}

// inheritance returns the memo of inherit's values for a build of n pages with the given
// config and theme slugs, or nil without a Memo.
func (m *Memo) inheritance(cfg *config.Config, themes []string, n int) *inheritMemo {
	if m == nil {
		return nil
	}
	in := &inheritMemo{cfg: cfg, themes: themes, pages: make([]*Page, n), errs: make([][]error, n), warns: make([][]string, n), gen: m.gen}
	if prev := m.inherit; prev != nil && m.sameShape && prev.gen == m.gen-1 && prev.cfg == cfg && slices.Equal(prev.themes, themes) {
		in.prev = prev
		prev.prev = nil // one build back is enough
	}
	m.inherit = in
	return in
}

// reuse gives page i the values of the previous build's page i if it has the same files,
// and returns the problems inherit found then and what it warned of.
func (in *inheritMemo) reuse(i int, p *Page) ([]error, []string, bool) {
	if in == nil {
		return nil, nil, false
	}
	prev := in.prev
	if prev == nil || prev.pages[i] == nil {
		return nil, nil, false
	}
	o := prev.pages[i]
	if o.File != p.File || o.Master != p.Master {
		return nil, nil, false
	}
	p.Title, p.Summary, p.Weight, p.Region, p.ISO = o.Title, o.Summary, o.Weight, o.Region, o.ISO
	p.Facts, p.Events, p.Figures, p.Corrections, p.CorrectionsLang = o.Facts, o.Events, o.Figures, o.Corrections, o.CorrectionsLang
	in.pages[i], in.errs[i], in.warns[i] = p, prev.errs[i], prev.warns[i]
	return prev.errs[i], prev.warns[i], true
}

// remember notes the values inherit gave page i, the problems it found and its warnings.
func (in *inheritMemo) remember(i int, p *Page, errs []error, warns []string) {
	if in != nil {
		in.pages[i], in.errs[i], in.warns[i] = p, slices.Clone(errs), slices.Clone(warns)
	}
}

// pageShape is what a link to a page resolves by: whether it exists, is a fallback, and
// the language of its text.
type pageShape struct {
	lang, key, textLang string
	fallback            bool
}

// reshape notes whether the pages of s, just made, are those of the previous build in
// the same order, each with the same fallback state and language. Then every link
// resolves as in the previous build, and each page is at the same index.
func (m *Memo) reshape(s *Site) {
	if m == nil {
		return
	}
	shape := make([]pageShape, len(s.Pages))
	for i, p := range s.Pages {
		shape[i] = pageShape{p.Lang, p.Key, p.TextLang(), p.Fallback}
	}
	m.sameShape = slices.Equal(shape, m.shape)
	m.shape = shape
}

// linkInput is what link reads of a country or theme page: the lists of links (themes,
// backlinks, related countries) of a language follow from those of its pages.
type linkInput struct {
	lang, key, slug, region string
	kind                    Kind
	weight                  int
	themes                  []string
}

func linkInputs(s *Site) []linkInput {
	var in []linkInput
	for _, p := range s.Pages {
		if p.Kind == KindCountry || p.Kind == KindTheme {
			in = append(in, linkInput{p.Lang, p.Key, p.Slug, p.Region.Slug, p.Kind, p.Weight, p.Master.Front.Themes})
		}
	}
	return in
}

func sameLinkInput(a, b linkInput) bool {
	return a.lang == b.lang && a.key == b.key && a.slug == b.slug && a.region == b.region && a.kind == b.kind && a.weight == b.weight && slices.Equal(a.themes, b.themes)
}

// relink gives the pages of s the lists of links of the previous build, if link would
// make the same ones: the same pages, and the country and theme pages with the same
// weights and themes (most edits change none of them). It reports whether it did.
func (m *Memo) relink(s *Site) bool {
	if m == nil {
		return false
	}
	in := linkInputs(s)
	// The indexes are those of the previous build's pages, which are this build's.
	if !m.sameShape || m.linksGen != m.gen-1 || !slices.EqualFunc(in, m.linkInputs, sameLinkInput) {
		m.linkInputs = in
		return false
	}
	m.linksGen = m.gen
	at := func(idx []int32) []*Page {
		if idx == nil {
			return nil
		}
		out := make([]*Page, len(idx))
		for i, j := range idx {
			out[i] = s.Pages[j]
		}
		return out
	}
	for i, p := range s.Pages {
		l := &m.links[i]
		p.Themes, p.Backlinks, p.Related = at(l[0]), at(l[1]), at(l[2])
	}
	return true
}

// linked remembers the lists of links of s, which link has just made.
func (m *Memo) linked(s *Site) {
	if m == nil {
		return
	}
	index := make(map[*Page]int32, len(s.Pages))
	for i, p := range s.Pages {
		index[p] = int32(i)
	}
	indexes := func(pages []*Page) []int32 {
		if pages == nil {
			return nil
		}
		out := make([]int32, len(pages))
		for i, p := range pages {
			out[i] = index[p]
		}
		return out
	}
	m.links, m.linksGen = make([][3][]int32, len(s.Pages)), m.gen
	for i, p := range s.Pages {
		m.links[i] = [3][]int32{indexes(p.Themes), indexes(p.Backlinks), indexes(p.Related)}
	}
}

// conversion is one page's converted body and what it depends on.
type conversion struct {
	src, textLang string // the Markdown converted, and the language of its file
	lookups       []lookup
	body          packedHTML
	headings      []markdown.Heading
	links         []crossLink // for checkFragments and refs
	kept          []Link      // the page's Links
	problems      []markdown.Problem
	gen           int // the build that last used it
}

// lookup is a page the resolver looked up during a conversion, and what it found.
type lookup struct {
	key      string
	found    bool
	fallback bool
	textLang string
}

func lookupOf(key string, to *Page) lookup {
	if to == nil {
		return lookup{key: key}
	}
	return lookup{key: key, found: true, fallback: to.Fallback, textLang: to.TextLang()}
}

// Build is site.Build, reusing what m remembers from its previous build and remembering
// this one's.
func (m *Memo) Build(cfg *config.Config, files []*content.File, gl *glossary.Glossary) (*Site, error) {
	// Link errors name the configured languages: other languages, other conversions.
	if langs := cfg.LanguageCodes(); m.pages == nil || !slices.Equal(langs, m.langs) {
		m.pages, m.langs = map[pageKey]*conversion{}, langs
	}
	m.gen++
	old := m.hashes
	m.hashes = make(map[*content.File]string, len(files))
	for _, f := range files {
		if h, ok := old[f]; ok {
			m.hashes[f] = h
		}
	}
	s, err := build(cfg, files, gl, m, false)
	for k, c := range m.pages {
		if c.gen != m.gen {
			delete(m.pages, k) // a page that no longer exists, or a build that stopped early
		}
	}
	return s, err
}

// knownHash returns the source hash of f remembered from an earlier build, if any. The
// workers of one build call it concurrently: the map is only read here.
func (m *Memo) knownHash(f *content.File) (string, bool) {
	if m == nil {
		return "", false
	}
	h, ok := m.hashes[f]
	return h, ok
}

// rememberHash remembers the source hash of f for the next build. It is called from one
// goroutine only.
func (m *Memo) rememberHash(f *content.File, h string) {
	if m != nil {
		m.hashes[f] = h
	}
}

// convert converts body, the Markdown of p, through r, or takes the remembered conversion
// if it is still valid, marking it used. It reports whether the conversion is new (to be
// stored). The workers of one build call it concurrently for different pages: the map is
// only read here, and each entry belongs to one page.
func (m *Memo) convert(conv *markdown.Converter, p *Page, body string, r *resolver) (c *conversion, fresh bool) {
	if m != nil {
		// A conversion used in the previous build resolved its links against its pages.
		if c := m.pages[pageKey{p.Lang, p.Key}]; c != nil && c.valid(r.site, p, body, m.sameShape && c.gen == m.gen-1) {
			c.gen = m.gen
			return c, false
		}
	}
	c = &conversion{textLang: p.File.Lang}
	if m != nil {
		// What the validity of c depends on; without a memo, the text is not kept.
		c.src, r.lookups = body, &c.lookups
	}
	res := conv.Convert([]byte(body), p.File.Lang, r)
	c.body = pack(res.HTML)
	// The page keeps its headings through the build: without the room that appending
	// them left (a brief of six headings had room for eight).
	c.headings, c.links, c.problems = slices.Clone(res.Headings), crossLinks(res.Links), res.Problems
	c.kept = keptLinks(res.Links)
	return c, true
}

// valid reports whether c is the conversion of page p of s. If c was checked against the
// previous build's pages and they are the pages of s (sameShape), every link resolves as
// it did then.
func (c *conversion) valid(s *Site, p *Page, body string, sameShape bool) bool {
	if c.src != body || c.textLang != p.File.Lang {
		return false
	}
	// A link's error names what the site has besides the page it looked up (a file
	// with a name like it, the file of an address): converted again, it names what the
	// site has now. Errors are rare, and gone once fixed.
	if slices.ContainsFunc(c.problems, func(pr markdown.Problem) bool { return !pr.Warning }) {
		return false
	}
	if sameShape {
		return true
	}
	for _, l := range c.lookups {
		if lookupOf(l.key, s.Lookup(p.Lang, l.key)) != l {
			return false
		}
	}
	return true
}

// store remembers the new conversions (fresh) of convs after the workers are done.
func (m *Memo) store(pages []*Page, convs []*conversion, fresh []bool) {
	if m == nil {
		return
	}
	for i, c := range convs {
		if fresh[i] {
			c.gen = m.gen
			m.pages[pageKey{pages[i].Lang, pages[i].Key}] = c
		}
	}
}
