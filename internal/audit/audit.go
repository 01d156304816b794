// Package audit checks a built site the way its readers meet it. It runs after every build,
// on the files in memory, before anything is published, and on any built folder with
// `build audit DIR`.
//
// It checks:
//   - every internal href and src leads to a file of the output, and every #fragment
//     (percent-encoded UTF-8 included) to an id on the target page;
//   - every HTML page has lang, a title, a meta description and one canonical link (the
//     404 page none: it is served at every missing URL);
//   - hreflang alternates point at existing pages that are not fallback copies, carry the
//     language they claim, and are reciprocal;
//   - sitemap.xml lists exactly the published pages (self-canonical, not noindex, not
//     404.html) with the same alternates as the pages themselves;
//   - nothing points at another host than baseURL's, except deliberate external links
//     (written in Markdown, class="ext") and the absolute canonical and alternate links;
//   - every page but the 404 and noindex pages has its OpenGraph and X card tags, a
//     1200 x 630 PNG share image, theme-color and apple-touch-icon, and a home page its
//     JSON-LD WebSite with a SearchAction (social.go);
//   - every search page has its index, whole, and its results lead to pages of the output
//     (search.go).
//
// Every problem names the output file and, where it can, the content file and line or
// the layout that produced it.
package audit

import (
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"

	"peacebuilding/internal/parallel"
	"peacebuilding/internal/publish"
)

// Options say what the audited files are.
type Options struct {
	// BaseURL is the address the site is published at, ending in "/":
	// "https://example.org/briefing/".
	BaseURL string
	// Dir is put in front of output paths in messages: "public".
	Dir string
	// Sources, when known, says which content file each output page comes from and where
	// its Markdown links are written (see Sources).
	Sources map[string]Source
}

// Source is where an output page comes from.
type Source struct {
	// File is the content file of the page: "content/en/countries/cambodia.md"; "" for a
	// generated page.
	File string
	// Links maps where a Markdown link leads, as a site-root-relative URL with its
	// #fragment, percent-decoded ("en/themes/ddr/#afghanistan"; an external URL as
	// written), to the file and line that wrote it: "content/en/countries/cambodia.md:14".
	// Keyed by target rather than by href, it serves pages that show other pages' bodies at
	// their own URL, where the same link is written differently.
	Links map[string]string
}

// Check audits files, the complete output of a build. It returns every problem found,
// joined, ordered by output file.
func Check(files []publish.File, opts Options) error {
	var s Summaries
	s.files = make([]summary, len(files))
	parallel.For(len(files), func() func(int) {
		return func(i int) { s.files[i] = s.summarize(files[i]) }
	})
	return s.Check(opts)
}

// Summaries is what the audit keeps of a build's output files, gathered as they are made,
// so that a build can audit its output without holding every file in memory at once: of
// an HTML page what its checks read, of sitemap.xml its URLs and alternates, of robots.txt
// its Sitemap: lines, of any other file its path. A build keeps it until its last file is
// made, so it keeps little: its strings are stored once for all files (see symtab).
//
// The zero value is empty and ready. Add may be called from several goroutines at once;
// Check once every Add has returned.
type Summaries struct {
	syms  symtab
	mu    sync.Mutex
	files []summary // in the order added
}

// summary is what the audit keeps of one output file.
type summary struct {
	path    string
	page    *page           // HTML files
	sitemap *sitemapSummary // sitemap.xml
	robots  []string        // robots.txt: the value of each Sitemap: line
	search  *searchMeta     // <lang>/search/meta.json
	png     *pngSize        // a .png file
}

// Add reads f for Check. It copies what it keeps, so f.Data may be reused after it returns.
func (s *Summaries) Add(f publish.File) {
	sum := s.summarize(f)
	s.mu.Lock()
	s.files = append(s.files, sum)
	s.mu.Unlock()
}

// Len is the number of files added.
func (s *Summaries) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.files)
}

func (s *Summaries) summarize(f publish.File) summary {
	sum := summary{path: f.Path}
	switch {
	case strings.HasSuffix(f.Path, ".html"):
		sum.page = parsePage(&s.syms, f.Path, f.Data)
	case f.Path == sitemapName:
		sum.sitemap = summarizeSitemap(&s.syms, f.Data)
	case f.Path == robotsName:
		sum.robots = sitemapLines(f.Data)
	case strings.HasSuffix(f.Path, "/"+searchMetaName):
		sum.search = summarizeSearchMeta(f.Data)
	case strings.HasSuffix(f.Path, ".png"):
		sum.png = summarizePNG(f.Data)
	}
	return sum
}

const (
	sitemapName  = "sitemap.xml"
	robotsName   = "robots.txt"
	notFoundName = "404.html"
)

// Check audits the files added, the complete output of a build. It returns every problem
// found, joined, ordered by output file.
func (s *Summaries) Check(opts Options) error {
	res, err := newResolver(opts.BaseURL)
	if err != nil {
		return err
	}
	a := &auditor{opts: opts, resolver: res, syms: &s.syms, files: map[string]*summary{}, pages: map[string]*checked{}}
	// In path order; of two files with the same path, the one added last counts.
	slices.SortStableFunc(s.files, func(x, y summary) int { return strings.Compare(x.path, y.path) })
	var problems reporter
	problems.dir = opts.Dir
	for i := range s.files {
		f := &s.files[i]
		if _, dup := a.files[f.path]; dup {
			problems.report(f.path, "", "written twice by the build: two pages claim the same URL")
		}
		a.files[f.path] = f
		a.paths = append(a.paths, f.path)
	}
	a.paths = slices.Compact(a.paths)
	var pages []*checked
	for _, p := range a.paths {
		if pg := a.files[p].page; pg != nil {
			c := &checked{page: pg, url: pg.url()}
			a.pages[p] = c
			pages = append(pages, c)
		}
	}
	// Each page is checked on its own, on every core: first its head and its links, which
	// resolves its canonical link, then its hreflang alternates, which reads the canonical
	// links of others.
	heads := make([]reporter, len(pages))
	alternates := make([]reporter, len(pages))
	parallel.For(len(pages), func() func(int) {
		return func(i int) {
			heads[i].dir = opts.Dir
			a.resolveCanonical(pages[i])
			a.checkHead(&heads[i], pages[i])
			a.checkSocial(&heads[i], pages[i])
			a.checkRefs(&heads[i], pages[i])
		}
	})
	parallel.For(len(pages), func() func(int) {
		return func(i int) {
			alternates[i].dir = opts.Dir
			a.checkAlternates(&alternates[i], pages[i])
		}
	})
	for i := range pages {
		problems.list = append(problems.list, heads[i].list...)
	}
	for i := range pages {
		problems.list = append(problems.list, alternates[i].list...)
	}
	a.checkSitemap(&problems)
	a.checkRobots(&problems)
	a.checkSearch(&problems)
	slices.SortStableFunc(problems.list, func(x, y problem) int { return cmp.Compare(x.file, y.file) })
	errs := make([]error, len(problems.list))
	for i, p := range problems.list {
		errs[i] = errors.New(p.msg)
	}
	return errors.Join(errs...)
}

type auditor struct {
	opts Options
	*resolver
	syms  *symtab
	files map[string]*summary
	paths []string // sorted output paths
	pages map[string]*checked
}

// checked is a page being checked, with its canonical link resolved once for the checks
// that follow it from other pages.
type checked struct {
	*page
	url       string
	canonical *checked // the page its one canonical link names, if any
}

// resolveCanonical resolves the canonical link of p.
func (a *auditor) resolveCanonical(p *checked) {
	if p.canonicals == 1 {
		p.canonical, _ = a.internalPage(a.resolve(p.url, a.syms.str(p.page.canonical)))
	}
}

// resolvedAlternate is an hreflang link of a page and where it leads.
type resolvedAlternate struct {
	hreflang, href string
	target         target
	err            error
	page           *checked // see internalPage
	file           string
}

// alternates resolves the hreflang links of p. They are resolved where they are read,
// rather than kept for every page: resolving a plain link costs less than keeping it.
func (a *auditor) alternates(p *checked) []resolvedAlternate {
	alts := make([]resolvedAlternate, len(p.page.alternates))
	for i, alt := range p.page.alternates {
		r := &alts[i]
		r.hreflang, r.href = a.syms.str(alt.hreflang), a.syms.str(alt.href)
		r.target, r.err = a.resolve(p.url, r.href)
		r.page, r.file = a.internalPage(r.target, r.err)
	}
	return alts
}

type problem struct{ file, msg string }

// reporter collects problems.
type reporter struct {
	dir  string // Options.Dir
	list []problem
}

// report records a problem of the output file at path; where says what produced it.
func (r *reporter) report(path, where, format string, args ...any) {
	name := path
	if r.dir != "" {
		name = r.dir + "/" + path
	}
	msg := name + ": " + fmt.Sprintf(format, args...)
	if where != "" {
		msg += " (" + where + ")"
	}
	r.list = append(r.list, problem{file: path, msg: msg})
}

// origin says what produced a page: its content file and layout.
func (a *auditor) origin(p *page) string {
	var parts []string
	if src := a.opts.Sources[p.path]; src.File != "" {
		parts = append(parts, "page of "+src.File)
	}
	if p.layout != 0 {
		parts = append(parts, "layouts/"+a.syms.str(p.layout)+".html")
	}
	return strings.Join(parts, ", ")
}

// linkOrigin says where the link val of page p, resolved to t (or err), was written: the
// Markdown file and line when it is a link of a content body, else the page's origin.
func (a *auditor) linkOrigin(p *page, val string, t target, err error) string {
	key := val
	if err == nil && t.internal {
		key = LinkKey(strings.TrimPrefix(t.path, a.base.Path), t.fragment)
	}
	if at, ok := a.opts.Sources[p.path].Links[key]; ok {
		return "written at " + at
	}
	return a.origin(p)
}

// LinkKey is the key of Source.Links for a link to the site-root-relative path (decoded)
// and fragment (decoded, "" for none).
func LinkKey(path, fragment string) string {
	if fragment == "" {
		return path
	}
	return path + "#" + fragment
}

func (a *auditor) checkHead(out *reporter, p *checked) {
	where := a.origin(p.page)
	if strings.TrimSpace(a.syms.str(p.lang)) == "" {
		out.report(p.path, where, "<html> has no lang attribute")
	}
	switch {
	case p.titles == 0:
		out.report(p.path, where, "no <title>")
	case p.titles > 1:
		out.report(p.path, where, "%d <title> elements", p.titles)
	case p.titleBlank:
		out.report(p.path, where, "<title> is empty")
	}
	switch {
	case p.descriptions == 0:
		out.report(p.path, where, "no <meta name=\"description\">")
	case p.descriptions > 1:
		out.report(p.path, where, "%d meta descriptions", p.descriptions)
	case p.descriptionBlank:
		out.report(p.path, where, "meta description is empty")
	}
	switch {
	case p.path == notFoundName:
		// Served at every missing URL: it is no page of its own to index.
		if p.canonicals > 0 {
			out.report(p.path, where, "has a canonical link: the 404 page is served at every missing URL and must not name one")
		}
	case p.canonicals == 0:
		out.report(p.path, where, "no <link rel=\"canonical\">")
	case p.canonicals > 1:
		out.report(p.path, where, "%d canonical links", p.canonicals)
	}
	for _, s := range p.dupIDs {
		id := a.syms.str(s)
		out.report(p.path, where, "id %q is used twice: a link to #%s is ambiguous", id, id)
	}
	if p.unclosed != "" {
		out.report(p.path, where, "%s: what follows it is inside it", p.unclosed)
	}
}

// checkRefs checks every href and src of p.
func (a *auditor) checkRefs(out *reporter, p *checked) {
	p.eachRef(a.syms, func(r ref) {
		t, err := a.resolve(p.url, r.val)
		// Most links are fine: what a problem says is made only for a problem.
		report := func(format string, args ...any) {
			out.report(p.path, a.linkOrigin(p.page, r.val, t, err), format, args...)
		}
		if strings.TrimSpace(r.val) == "" {
			report("%s is empty", r.desc())
			return
		}
		if err != nil {
			report("%s: %v", r.desc(), err)
			return
		}
		switch {
		case t.scheme != "http" && t.scheme != "https":
			if !(r.kind.ext && t.scheme == "mailto") {
				report("%s: %s: URLs are not allowed", r.desc(), t.scheme)
			}
			return
		case !t.internal && r.kind.ext:
			return // a deliberate external link, written in Markdown
		case !t.internal:
			if r.kind.headLink {
				report("%s points at %s, not at the site's base URL %s", r.desc(), t.host, a.opts.BaseURL)
			} else {
				report("%s leads to another host (%s); only links written in content files (class=\"ext\") may leave the site", r.desc(), t.host)
			}
			return
		case r.kind.headLink && !t.written:
			report("%s must be an absolute URL under %s", r.desc(), a.opts.BaseURL)
		case !r.kind.headLink && !r.kind.ext && t.written:
			report("%s is an absolute URL of the site; write it relative, so that the site works at any address", r.desc())
		}
		a.checkTarget(report, r, t)
	})
}

// desc is how a problem names the link: <a href="../x/">.
func (r ref) desc() string { return fmt.Sprintf("<%s %s=%q>", r.kind.tag, r.kind.attr, r.val) }

// checkTarget checks that an internal target exists, and its fragment too.
func (a *auditor) checkTarget(report func(format string, args ...any), r ref, t target) {
	if _, ok := a.files[t.file]; !ok {
		if _, dir := a.files[path.Join(t.file, "index.html")]; dir {
			report("%s leads to the folder %s/ without its final slash", r.desc(), t.file)
		} else {
			report("%s leads to %s, which the output does not have", r.desc(), t.file)
		}
		return
	}
	if t.fragment == "" {
		return
	}
	tp := a.pages[t.file]
	switch {
	case tp == nil:
		report("%s: %s is not an HTML page and has no #%s", r.desc(), t.file, t.fragment)
	case !a.hasID(tp.page, t.fragment):
		report("%s: %s has no id %q", r.desc(), t.file, t.fragment)
	}
}

// hasID reports whether p has an element with the id.
func (a *auditor) hasID(p *page, id string) bool {
	s, ok := a.syms.lookup(id)
	return ok && p.hasID(s)
}

// internalPage is the HTML page that a link resolved to t (or err) names, and its output
// file, when the link is an absolute URL under the base URL; else nil and "".
func (a *auditor) internalPage(t target, err error) (*checked, string) {
	if err != nil || !t.internal || !t.written {
		return nil, ""
	}
	return a.pages[t.file], t.file
}

// checkAlternates checks p's hreflang links: each leads to an existing page that is its own
// canonical (not a fallback copy), in the language it claims, that links back to p.
func (a *auditor) checkAlternates(out *reporter, p *checked) {
	if len(p.page.alternates) == 0 {
		return
	}
	alternates := a.alternates(p)
	where := a.origin(p.page)
	if c := p.canonical; c != nil && c != p {
		out.report(p.path, where, "has hreflang alternates but is canonicalised to %s: a copy may not claim translations", c.path)
	}
	self, langs := false, map[string]bool{}
	var targets []*checked
	for _, alt := range alternates {
		if langs[alt.hreflang] {
			out.report(p.path, where, "hreflang %q is given twice", alt.hreflang)
		}
		langs[alt.hreflang] = true
		q, file := alt.page, alt.file
		switch {
		case q == nil && file == "":
			out.report(p.path, where, "hreflang %q: %q is not an absolute URL under %s", alt.hreflang, alt.href, a.opts.BaseURL)
			continue
		case q == nil:
			out.report(p.path, where, "hreflang %q leads to %s, which the output does not have", alt.hreflang, file)
			continue
		}
		if q == p {
			self = true
		}
		if q.canonical != q {
			out.report(p.path, where, "hreflang %q leads to %s, which is not its own canonical page (a fallback copy?)", alt.hreflang, q.path)
		}
		if lang := a.syms.str(q.lang); alt.hreflang != "x-default" && lang != alt.hreflang {
			out.report(p.path, where, "hreflang %q leads to %s, whose language is %q", alt.hreflang, q.path, lang)
		}
		// x-default is no language: a link back must name p's language.
		back := slices.ContainsFunc(a.alternates(q), func(b resolvedAlternate) bool {
			return b.page == p && b.hreflang != "x-default"
		})
		if !back && q != p {
			out.report(p.path, where, "hreflang %q leads to %s, which has no hreflang link back to this page", alt.hreflang, q.path)
		}
		if alt.hreflang != "x-default" {
			targets = append(targets, q)
		}
	}
	if !self {
		out.report(p.path, where, "its hreflang alternates do not include the page itself")
	}
	for _, alt := range alternates {
		if q := alt.page; alt.hreflang == "x-default" && q != nil && !slices.Contains(targets, q) {
			out.report(p.path, where, "hreflang \"x-default\" leads to %s, which is none of the page's language versions", q.path)
		}
	}
}

// published reports whether search engines should find p: it is its own canonical page,
// not noindex, and not the 404 page.
func (a *auditor) published(p *checked) bool {
	return p.path != notFoundName && !p.noindex && p.canonical == p
}

// sitemapSummary is what the audit keeps of sitemap.xml.
type sitemapSummary struct {
	err  error // when it is not valid XML
	urls []sitemapURL
	// alternates holds the rel="alternate" links of every URL, in order.
	alternates []alternate
}

// sitemapURL is a <url> of sitemap.xml.
type sitemapURL struct {
	loc        sym
	alternates int // how many of sitemapSummary.alternates are its own
}

// sitemapXML is the part of sitemap.xml the audit reads.
type sitemapXML struct {
	URLs []struct {
		Loc   string `xml:"loc"`
		Links []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
}

func summarizeSitemap(syms *symtab, data []byte) *sitemapSummary {
	var sm sitemapXML
	if err := xml.Unmarshal(data, &sm); err != nil {
		return &sitemapSummary{err: err}
	}
	s := &sitemapSummary{urls: make([]sitemapURL, len(sm.URLs))}
	for i, u := range sm.URLs {
		s.urls[i].loc = syms.symString(u.Loc)
		for _, l := range u.Links {
			if l.Rel == "alternate" {
				s.alternates = append(s.alternates, alternate{hreflang: syms.symString(l.Hreflang), href: syms.symString(l.Href)})
				s.urls[i].alternates++
			}
		}
	}
	return s
}

// checkSitemap compares sitemap.xml with the pages: it lists each published page once,
// nothing else, and the same alternates as the page's hreflang links.
func (a *auditor) checkSitemap(out *reporter) {
	const name = sitemapName
	f, ok := a.files[name]
	if !ok {
		out.report(name, "", "the output has no sitemap.xml")
		return
	}
	sm := f.sitemap
	if sm.err != nil {
		out.report(name, "", "not valid XML: %v", sm.err)
		return
	}
	// The URLs of the sitemap are resolved as seen from the root page.
	const rootURL = ""
	listed := map[*checked]bool{}
	alternates := sm.alternates
	for _, u := range sm.urls {
		links := alternates[:u.alternates]
		alternates = alternates[u.alternates:]
		loc := a.syms.str(u.loc)
		p, file := a.internalPage(a.resolve(rootURL, loc))
		switch {
		case file == "":
			out.report(name, "", "<loc>%s</loc> is not an absolute URL under %s", loc, a.opts.BaseURL)
			continue
		case p == nil:
			out.report(name, "", "<loc>%s</loc> leads to %s, which the output does not have", loc, file)
			continue
		case listed[p]:
			out.report(name, "", "<loc>%s</loc> is listed twice", loc)
		case !a.published(p):
			out.report(name, "", "<loc>%s</loc> lists %s, which is not published (a fallback copy, noindex or the 404 page)", loc, p.path)
		}
		listed[p] = true
		var want, got []string
		for _, alt := range a.alternates(p) {
			want = append(want, alt.hreflang+" "+targetFile(alt.href, alt.target, alt.err))
		}
		for _, l := range links {
			href := a.syms.str(l.href)
			t, err := a.resolve(rootURL, href)
			got = append(got, a.syms.str(l.hreflang)+" "+targetFile(href, t, err))
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(want, got) {
			out.report(name, "", "<loc>%s</loc>: its alternates [%s] differ from the hreflang links of %s [%s]", loc, strings.Join(got, ", "), p.path, strings.Join(want, ", "))
		}
	}
	for _, file := range a.paths {
		if p := a.pages[file]; p != nil && a.published(p) && !listed[p] {
			out.report(name, "", "%s is published (its own canonical page, not noindex) but not listed", file)
		}
	}
}

// targetFile is the output file that href, resolved to t (or err), names when it is on the
// site, or else href itself.
func targetFile(href string, t target, err error) string {
	if err == nil && t.internal {
		return t.file
	}
	return href
}

// sitemapLines returns the value of every Sitemap: line of robots.txt.
func sitemapLines(data []byte) []string {
	var values []string
	for line := range strings.SplitSeq(string(data), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "Sitemap:"); ok {
			values = append(values, strings.TrimSpace(v))
		}
	}
	return values
}

// checkRobots checks that robots.txt, when there is one, names the sitemap by its
// absolute URL under the base URL.
func (a *auditor) checkRobots(out *reporter) {
	const name = robotsName
	f, ok := a.files[name]
	if !ok {
		return
	}
	want := a.opts.BaseURL + "sitemap.xml"
	for _, v := range f.robots {
		if v != want {
			out.report(name, "", "Sitemap: %s, want %s", v, want)
		}
	}
	if len(f.robots) == 0 {
		out.report(name, "", "no Sitemap: line (want Sitemap: %s)", want)
	}
}
