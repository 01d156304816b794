package site

import (
	"html/template"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/markdown"
)

// A Memo carries the costly parts of a build over to the next one, for the preview
// server's rebuild after an edit: the Markdown conversion of each page and the source
// hash of each file. Everything else of the model is rebuilt from the files each time,
// which is cheap, so the result is the model Build makes.
//
// A conversion is reused only if the page's Markdown is unchanged and every link it
// resolved resolves exactly as before: the links are asked of the new model again (a map
// look-up each), so a link to a page that appeared, vanished or became a fallback since
// is converted anew. A source hash is reused for the same *content.File, which is never
// changed once loaded.
//
// The zero Memo is ready to use. Builds with one Memo must not run at the same time.
type Memo struct {
	pages  map[string]*conversion // by lang + ":" + key
	hashes map[*content.File]string
	gen    int
}

// conversion is one page's converted body and the link resolutions it depends on.
type conversion struct {
	src      string // the Markdown converted
	body     template.HTML
	headings []markdown.Heading
	links    []markdown.Link
	problems []markdown.Problem
	resolved []resolution
	gen      int // the build that last used it
}

// resolution is one call of the resolver during a conversion and its answer.
type resolution struct {
	dest   string
	target markdown.Target
	err    string
}

// Build is site.Build, reusing what m remembers from its previous build and remembering
// this one's.
func (m *Memo) Build(cfg *config.Config, files []*content.File, gl *glossary.Glossary) (*Site, error) {
	if m.pages == nil {
		m.pages = map[string]*conversion{}
	}
	m.gen++
	old := m.hashes
	m.hashes = make(map[*content.File]string, len(files))
	for _, f := range files {
		if h, ok := old[f]; ok {
			m.hashes[f] = h
		}
	}
	s, err := build(cfg, files, gl, m)
	for k, c := range m.pages {
		if c.gen != m.gen {
			delete(m.pages, k) // a page that no longer exists, or a build that stopped early
		}
	}
	return s, err
}

// sourceHash is content.SourceHash, remembered per file when there is a memo. It is
// called from one goroutine only.
func (m *Memo) sourceHash(f *content.File) string {
	if m == nil {
		return content.SourceHash(f)
	}
	h, ok := m.hashes[f]
	if !ok {
		h = content.SourceHash(f)
		m.hashes[f] = h
	}
	return h
}

// lookup returns the remembered conversion of p if it is still valid for p's Markdown and
// links, marking it used. Workers call it concurrently for different pages: the map is
// only read, and each entry belongs to one page.
func (m *Memo) lookup(p *Page, r markdown.Resolver) *conversion {
	if m == nil {
		return nil
	}
	c := m.pages[p.Lang+":"+p.Key]
	if c == nil || c.src != p.File.Body {
		return nil
	}
	for _, res := range c.resolved {
		t, err := r.Resolve(res.dest)
		if t != res.target || errString(err) != res.err {
			return nil
		}
	}
	c.gen = m.gen
	return c
}

// store remembers new conversions after the workers are done.
func (m *Memo) store(pages []*Page, convs []*conversion) {
	if m == nil {
		return
	}
	for i, c := range convs {
		if c != nil {
			c.gen = m.gen
			m.pages[pages[i].Lang+":"+pages[i].Key] = c
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// recorder passes resolutions through and writes them down.
type recorder struct {
	r        markdown.Resolver
	resolved []resolution
}

func (rec *recorder) Resolve(dest string) (markdown.Target, error) {
	t, err := rec.r.Resolve(dest)
	rec.resolved = append(rec.resolved, resolution{dest: dest, target: t, err: errString(err)})
	return t, err
}

// convert converts p's body, or takes the remembered conversion. It returns the
// conversion and whether it is new (to be stored).
func (m *Memo) convert(conv *markdown.Converter, p *Page, r markdown.Resolver) (c *conversion, fresh bool) {
	if c := m.lookup(p, r); c != nil {
		return c, false
	}
	rec := &recorder{r: r}
	res := conv.Convert([]byte(p.File.Body), rec)
	return &conversion{
		src:      p.File.Body,
		body:     template.HTML(res.HTML), // the only template.HTML: goldmark output, raw HTML dropped
		headings: res.Headings,
		links:    res.Links,
		problems: res.Problems,
		resolved: rec.resolved,
	}, true
}
