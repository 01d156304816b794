package site

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"peacebuilding/internal/parallel"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"peacebuilding/internal/markdown"
	"peacebuilding/internal/tomlx"
)

// convert renders every page's Markdown body, in parallel with one converter per worker,
// then checks the #fragments of cross-links against the headings of their targets, which
// are only known once every page is converted.
func (b *builder) convert() {
	pages := b.site.Pages
	problems := make([][]error, len(pages))
	warnings := make([][]string, len(pages))
	convs := make([]*conversion, len(pages))
	fresh := make([]bool, len(pages))
	if b.dropText {
		// From here on the model reads no file's front matter, and each conversion reads
		// its body from the file again (readBodies): a site of thousands of files need
		// not hold their text through the conversions, the longest phase of the model. A
		// file not read from a project (content.Parse alone, in tests) keeps its body,
		// which nothing could read again.
		for _, key := range b.keys {
			for _, f := range b.byKey[key] {
				if f.BodySetAside() {
					f.Release()
				}
			}
		}
	}
	parallel.For(len(pages), func() func(int) {
		conv := markdown.New()
		return func(i int) {
			problems[i], warnings[i], convs[i], fresh[i] = b.convertPage(conv, pages[i])
		}
	})
	b.memo.store(pages, convs, fresh)
	for i := range pages {
		b.errs = append(b.errs, problems[i]...)
		b.site.Warnings = append(b.site.Warnings, warnings[i]...)
	}
	b.checkFragments(convs)
	b.refs(convs)
}

// crossLink is a link of a page's body to a page of the site, as the model keeps it until
// every page is converted, for the fragment check and Refs: at 10,000 country briefs per
// language the conversions' links, each with its resolved address, were 20 MB of the live
// heap when the last page was converted.
type crossLink struct {
	page     string // the target's key
	fragment string // "" for none
	dest     string // as written, for the fragment check's message; "" without a fragment
	line     int32  // of the body, from 1
}

// crossLinks keeps, of a body's links, those that lead to a page of the site.
func crossLinks(links []markdown.Link) []crossLink {
	n := 0
	for _, l := range links {
		if l.Target.Page != "" {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]crossLink, 0, n)
	for _, l := range links {
		if l.Target.Page == "" {
			continue
		}
		c := crossLink{page: l.Target.Page, fragment: l.Target.Fragment, line: int32(l.Line)}
		if c.fragment != "" {
			c.dest = l.Dest
		}
		out = append(out, c)
	}
	return out
}

// refs sets each page's Refs from the cross-links of convs, the conversions of the
// site's pages.
func (b *builder) refs(convs []*conversion) {
	for i, p := range b.site.Pages {
		p.Refs = nil
		for _, l := range convs[i].links {
			if l.page == p.Key {
				continue
			}
			if to := b.site.Lookup(p.Lang, l.page); to != nil && !slices.Contains(p.Refs, to) {
				p.Refs = append(p.Refs, to)
			}
		}
	}
}

// convertPage converts p's body, or takes it from the memo; it returns the problems, the
// conversion and whether it is new.
func (b *builder) convertPage(conv *markdown.Converter, p *Page) (errs []error, warnings []string, c *conversion, fresh bool) {
	body, err := p.File.ReadBody() // set aside by a one-off build (readBodies)
	if err != nil {
		return []error{err}, nil, &conversion{}, false
	}
	c, fresh = b.memo.convert(conv, p, body, &resolver{site: b.site, page: p})
	p.body, p.Headings, p.Links = b.spill.put(c.body), c.headings, c.kept
	if p.body.spill != nil {
		c.body = nil // in the file now: the conversion is kept for its links only
	}
	// A fallback page converts another language's file again; its problems were reported
	// when that file was converted for its own language.
	if p.Fallback {
		return nil, nil, c, fresh
	}
	for _, pr := range c.problems {
		// Lines of the body, counted from its first line, become lines of the file.
		line := p.File.BodyLine - 1 + pr.Line
		if pr.Also > 0 {
			pr.Msg += fmt.Sprintf(" (also on line %d)", p.File.BodyLine-1+pr.Also)
		}
		if pr.Warning {
			warnings = append(warnings, fmt.Sprintf("%s:%d: %s", p.File.Name, line, pr.Msg))
		} else {
			errs = append(errs, p.File.Errorf(line, "%s", pr.Msg))
		}
	}
	return errs, warnings, c, fresh
}

// checkFragments checks the #fragment of every cross-link of convs, the conversions of
// the site's pages, against the headings of its target.
func (b *builder) checkFragments(convs []*conversion) {
	for i, p := range b.site.Pages {
		if p.Fallback {
			continue
		}
		for _, l := range convs[i].links {
			if l.fragment == "" {
				continue
			}
			target := b.site.Lookup(p.Lang, l.page)
			if !slices.ContainsFunc(target.Headings, func(h markdown.Heading) bool { return h.ID == l.fragment }) {
				b.fail(p.File.Errorf(p.File.BodyLine-1+int(l.line), "link %q: %s has no heading with id %q%s", l.dest, target.File.Name, l.fragment, headingHint(target)))
			}
		}
	}
}

func headingHint(p *Page) string {
	var ids []string
	for _, h := range p.Headings {
		ids = append(ids, h.ID)
	}
	if len(ids) == 0 {
		return " (it has no headings)"
	}
	return " (its ids: " + strings.Join(ids, ", ") + ")"
}

// resolver resolves the links of one page, in the page's language.
type resolver struct {
	site *Site
	page *Page
	// lookups, when not nil, records every page looked up, for the Memo.
	lookups *[]lookup
}

// ExternalSchemes are the schemes a link may use to leave the site (the translation check
// reads them too).
var ExternalSchemes = []string{"http", "https", "mailto"}

func (r *resolver) Resolve(dest string) (markdown.Target, error) {
	if strings.TrimSpace(dest) == "" {
		return markdown.Target{}, fmt.Errorf("link has no destination")
	}
	u, err := url.Parse(dest)
	if err != nil {
		return markdown.Target{}, fmt.Errorf("link %q is not a valid URL", dest)
	}
	if u.Scheme != "" {
		if !slices.Contains(ExternalSchemes, strings.ToLower(u.Scheme)) {
			return markdown.Target{}, fmt.Errorf("link %q: %s: links are not allowed (use https://, http:// or mailto:)", dest, u.Scheme)
		}
		return markdown.Target{URL: dest, External: true}, nil
	}
	if strings.HasPrefix(dest, "/") {
		return markdown.Target{}, fmt.Errorf("link %q: write cross-links as relative links to the .md file, %s", dest, r.fileExample(u.Path))
	}
	if u.RawQuery != "" || u.ForceQuery {
		// The site is static files: a page answers every query the same.
		return markdown.Target{}, fmt.Errorf("link %q: a link within the site takes no query string (?…): link the .md file, with a #heading-id if need be", dest)
	}
	p := r.page
	if u.Path == "" { // "#fragment": this page
		return markdown.Target{URL: "#" + u.Fragment, Page: p.Key, Fragment: u.Fragment}, nil
	}
	if !strings.HasSuffix(u.Path, ".md") {
		// The address may be meant from the file's folder or from the page's own address.
		return markdown.Target{}, fmt.Errorf("link %q: link to the content file (.md), %s, not to a URL", dest,
			r.fileExample(path.Join(p.Lang, path.Dir(p.File.Path), u.Path), path.Join(p.URL, u.Path)))
	}
	dir := path.Dir(p.File.Path)
	target := path.Clean(path.Join(dir, u.Path))
	if target == ".." || strings.HasPrefix(target, "../") {
		// A common slip: linking the other language's file instead of this language's.
		if lang, rest, ok := strings.Cut(strings.TrimLeft(target, "./"), "/"); ok {
			if _, isLang := r.site.Config.Language(lang); isLang && lang != p.File.Lang {
				return markdown.Target{}, fmt.Errorf("link %q leads outside content/%s/, into content/%s/: cross-links stay in one language (link this language's %s; the language switch leads to translations)", dest, p.File.Lang, lang, shown(rest))
			}
		}
		return markdown.Target{}, fmt.Errorf("link %q leads outside content/%s/", dest, p.File.Lang)
	}
	key := strings.TrimSuffix(target, ".md")
	to := r.site.Lookup(p.Lang, key)
	if r.lookups != nil {
		*r.lookups = append(*r.lookups, lookupOf(key, to))
	}
	if to == nil {
		msg := fmt.Sprintf("link %q: there is no page content/%s/%s", dest, p.File.Lang, shown(target))
		if sug := tomlx.Suggest(path.Base(key), r.names(p.Lang, path.Dir(key))); sug != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", relFile(dir, path.Join(path.Dir(key), sug)))
		}
		return markdown.Target{}, errors.New(msg)
	}
	t := markdown.Target{URL: Rel(p.URL, to.URL), Page: to.Key, Fragment: u.Fragment} // to.Key: one string for every link to it
	if to == p {
		t.URL = "./"
	}
	if u.Fragment != "" {
		t.URL += "#" + u.Fragment
	}
	if to.Fallback {
		t.Mark = " (" + strings.ToUpper(to.TextLang()) + ")"
	}
	return t, nil
}

// shown is a path decoded from a link as a message shows it: quoted, with escapes, if it
// holds a control character (a %0A decoded), which would break the message's line.
func shown(path string) string {
	if strings.IndexFunc(path, unicode.IsControl) >= 0 {
		return strconv.Quote(path)
	}
	return path
}

// fileExample is the relative link to the content file of the first page with one of the
// addresses ("/en/themes/ddr/", "en/themes/ddr/index.html"), for a link written as an
// address: "../themes/ddr.md", or an example when no page has them.
func (r *resolver) fileExample(addresses ...string) string {
	for _, a := range addresses {
		key := strings.Trim(strings.TrimSuffix(path.Clean("/"+a), "/index.html"), "/")
		key = strings.TrimSuffix(strings.TrimPrefix(key+"/", r.page.Lang+"/"), "/")
		for _, k := range []string{key, path.Join(key, "_index")} {
			if r.site.Lookup(r.page.Lang, k) != nil {
				return relFile(path.Dir(r.page.File.Path), k)
			}
		}
	}
	return "e.g. ../themes/ddr.md"
}

// names are the file names, without .md, of the pages of lang in the content folder dir
// ("themes", "."), for a suggestion.
func (r *resolver) names(lang, dir string) []string {
	var out []string
	for _, p := range r.site.Pages {
		if p.Lang == lang && path.Dir(p.Key) == dir {
			out = append(out, path.Base(p.Key))
		}
	}
	return out
}

// relFile is the relative link from the content folder dir ("countries", ".") to the
// file of the page key ("themes/ddr"): "../themes/ddr.md".
func relFile(dir, key string) string {
	from := strings.Split(dir, "/")
	if dir == "." {
		from = nil
	}
	to := strings.Split(key+".md", "/")
	n := 0
	for n < len(from) && n < len(to)-1 && from[n] == to[n] {
		n++
	}
	return strings.Repeat("../", len(from)-n) + strings.Join(to[n:], "/")
}
