package render

import (
	"bytes"
	"html/template"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"

	"peacebuilding/internal/config"
	"peacebuilding/internal/site"
	"peacebuilding/internal/tmplexec"
)

// The site header's title and navigation, the asset links of <head> and the footer are the
// same on every page of a language in the same folder: thousands of country pages share
// one. Executing them is half the template time of a page (html/template calls each
// method through reflection), so a layout includes them with {{.Shared "name"}}, which
// executes the partial once per language and folder and copies the result afterwards.
//
// A shared partial sees a Chrome, not the View: only what is the same for all the pages
// that share it, so that a partial cannot use a page's own data and be copied onto another
// page by mistake. Its links go through Chrome.Rel, which records them: a page shares the
// copy only if none of those links leads to the page itself or below it, the one case
// where siblings' relative links differ ("./" rather than "../about/").

// Chrome is the data of a shared partial (see View.Shared).
type Chrome struct {
	v       *View
	targets []string // every URL passed to Rel
}

// Lang is the language of the pages.
func (c *Chrome) Lang() string { return c.v.Lang }

// Language is the configured language of the pages.
func (c *Chrome) Language() config.Language { return c.v.Language() }

// T returns a UI string.
func (c *Chrome) T(key string) (string, error) { return c.v.T(key) }

// Tf formats a UI string with arguments.
func (c *Chrome) Tf(key string, args ...any) (string, error) { return c.v.Tf(key, args...) }

// Keep splits a text of the pages' language into runs to keep whole (View.Keep): it
// depends on the language and the site's names, not on the page.
func (c *Chrome) Keep(text string) []Run { return c.v.Keep(text) }

// AsOf is the year of the information.
func (c *Chrome) AsOf() string { return c.v.AsOf() }

// Link returns the page of key in the pages' language.
func (c *Chrome) Link(key string) *site.Page { return c.v.Link(key) }

// Rel returns a site-root-relative URL as seen from the pages.
func (c *Chrome) Rel(url string) string {
	c.targets = append(c.targets, url)
	return c.v.Rel(url)
}

// Current is the aria-current value of a menu link to url (site-root-relative) on the
// pages: "page" on the page url itself, "true" on the pages below it (its section), ""
// elsewhere. Pages that share a copy are in one folder, so they are all below the same
// links; a page that is url itself never shares (its link leads into it), so the value is
// the same for every page that gets the copy.
func (c *Chrome) Current(url string) string {
	switch {
	case c.v.Path == url:
		return "page"
	case strings.HasPrefix(c.v.Path, url):
		return "true"
	}
	return ""
}

// Asset returns the URL of a fingerprinted asset, relative to the pages.
func (c *Chrome) Asset(name string) (string, error) {
	p, err := c.v.r.asset(name)
	if err != nil {
		return "", err
	}
	return c.Rel(p), nil
}

// sharedKey names the copies of a partial: pages of one language whose URLs are in one
// folder ("en/countries").
type sharedKey struct {
	name, lang, folder string
}

type sharedCopy struct {
	html    template.HTML
	targets []string
}

// leadsInto reports whether one of the copy's links leads to the page at url or below it.
func (c *sharedCopy) leadsInto(url string) bool {
	for _, t := range c.targets {
		if strings.HasPrefix(t, url) {
			return true
		}
	}
	return false
}

// sharedCopies are the copies made for one site model. The preview server keeps its
// renderer across rebuilds, and a rebuilt site may have other pages (an about page added,
// so a footer link more): copies are kept for the latest site only.
type sharedCopies struct {
	site   *site.Site
	copies sync.Map // sharedKey -> *sharedCopy
}

// copiesFor returns the copies of site s, starting afresh if they were of another site.
func (r *Renderer) copiesFor(s *site.Site) *sharedCopies {
	for {
		c := r.shared.Load()
		if c != nil && c.site == s {
			return c
		}
		if r.shared.CompareAndSwap(c, &sharedCopies{site: s}) {
			return r.shared.Load()
		}
	}
}

// Shared returns the shared partial name, executed for this page's language and folder
// (see Chrome).
func (v *View) Shared(name string) (template.HTML, error) {
	// Pages whose links are not relative (the 404 page) or that are files rather than
	// folders are few: they get their own.
	if v.rootPaths || !strings.HasSuffix(v.Path, "/") {
		c, err := v.r.executeShared(name, v)
		return c.html, err
	}
	key := sharedKey{name, v.Lang, path.Dir(strings.TrimSuffix(v.Path, "/"))}
	copies := v.r.copiesFor(v.Site)
	if c, ok := copies.copies.Load(key); ok && !c.(*sharedCopy).leadsInto(v.Path) {
		return c.(*sharedCopy).html, nil
	}
	c, err := v.r.executeShared(name, v)
	if err != nil {
		return "", err
	}
	if !c.leadsInto(v.Path) {
		copies.copies.LoadOrStore(key, c)
	}
	return c.html, nil
}

func (r *Renderer) executeShared(name string, v *View) (*sharedCopy, error) {
	var buf bytes.Buffer
	c := &Chrome{v: v}
	var err error
	if x := r.compiledPartials[v.Lang]; x != nil {
		err = x.Execute(&buf, name, c)
	} else {
		err = r.partials[v.Lang].ExecuteTemplate(&buf, name, c)
	}
	if err != nil {
		return nil, err
	}
	return &sharedCopy{html: template.HTML(buf.String()), targets: c.targets}, nil
}

// sharedState is the Renderer's part of Shared.
type sharedState struct {
	partials map[string]*template.Template // lang -> base.html and partials.html, for ExecuteTemplate by name
	// compiledPartials are the partials compiled by internal/tmplexec, which executes them
	// unless TemplatesEnv says html/template.
	compiledPartials map[string]*tmplexec.Template
	shared           atomic.Pointer[sharedCopies]
	keep             atomic.Pointer[keepers] // View.Keep's pattern, for the latest site
	bodyKeep         atomic.Pointer[keepers] // the names bodies keep whole, for the latest glossary
}

// sharedNames are the partials that the set of layouts includes with {{.Shared "name"}},
// which are executed on their own: they are compiled when the layouts are loaded.
func sharedNames(set *template.Template) []string {
	seen := map[string]bool{}
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n != nil {
				for _, c := range n.Cmds {
					if len(c.Args) == 2 && callsMethod(c.Args[0], "Shared") {
						if s, ok := c.Args[1].(*parse.StringNode); ok {
							seen[s.Text] = true
						}
					}
					for _, a := range c.Args {
						walk(a)
					}
				}
			}
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
		}
	}
	for _, t := range set.Templates() {
		if t.Tree != nil {
			walk(t.Tree.Root)
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// callsMethod reports whether n is .name, $.name or $v.name.
func callsMethod(n parse.Node, name string) bool {
	switch n := n.(type) {
	case *parse.FieldNode:
		return n.Ident[len(n.Ident)-1] == name
	case *parse.VariableNode:
		return len(n.Ident) > 1 && n.Ident[len(n.Ident)-1] == name
	}
	return false
}
