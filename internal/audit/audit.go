// Package audit checks a built site the way its readers meet it. It runs after every build,
// on the files in memory, before anything is published, and on any built folder with
// `build audit DIR`.
//
// It checks:
//   - every internal href and src leads to a file of the output, and every #fragment
//     (percent-encoded UTF-8 included) to an id on the target page;
//   - every HTML page has lang, a title, a meta description and one canonical link;
//   - hreflang alternates point at existing pages that are not fallback copies, carry the
//     language they claim, and are reciprocal;
//   - sitemap.xml lists exactly the published pages (self-canonical, not noindex, not
//     404.html) with the same alternates as the pages themselves;
//   - nothing points at another host than baseURL's, except deliberate external links
//     (written in Markdown, class="ext") and the absolute canonical and alternate links.
//
// Every problem names the output file and, where it can, the content file and line or
// the layout that produced it.
package audit

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

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
	sums := make([]Summary, len(files))
	for i, f := range files {
		sums[i] = Summarize(f)
	}
	return CheckSummaries(sums, opts)
}

// Summary is what the audit keeps of one output file: the parsed page of an HTML file, the
// bytes of sitemap.xml and robots.txt, the path alone of any other file. It lets a build
// audit its output without holding every file in memory at once.
type Summary struct {
	path string
	page *page  // HTML files
	data []byte // sitemap.xml and robots.txt
}

// Summarize reads f for CheckSummaries. It copies what it keeps, so f.Data may be reused
// after it returns, and it may be called from several goroutines at once.
func Summarize(f publish.File) Summary {
	s := Summary{path: f.Path}
	switch {
	case strings.HasSuffix(f.Path, ".html"):
		s.page = parsePage(f.Path, f.Data)
	case f.Path == sitemapName || f.Path == robotsName:
		s.data = bytes.Clone(f.Data)
	}
	return s
}

const (
	sitemapName = "sitemap.xml"
	robotsName  = "robots.txt"
)

// CheckSummaries is Check on the summaries of the files, in the same order.
func CheckSummaries(files []Summary, opts Options) error {
	base, err := url.Parse(opts.BaseURL)
	if err != nil || base.Scheme == "" || base.Host == "" || !strings.HasSuffix(base.Path, "/") {
		return fmt.Errorf("audit: base URL %q must be absolute and end in /", opts.BaseURL)
	}
	a := &auditor{opts: opts, base: base, files: map[string]Summary{}, pages: map[string]*page{}}
	for _, f := range files {
		if _, dup := a.files[f.path]; dup {
			a.report(f.path, "", "written twice by the build: two pages claim the same URL")
		}
		a.files[f.path] = f
		a.paths = append(a.paths, f.path)
	}
	slices.Sort(a.paths)
	a.paths = slices.Compact(a.paths)
	for _, p := range a.paths {
		if pg := a.files[p].page; pg != nil {
			a.pages[p] = pg
		}
	}
	for _, p := range a.paths {
		if pg := a.pages[p]; pg != nil {
			a.checkHead(pg)
			a.checkRefs(pg)
		}
	}
	for _, p := range a.paths {
		if pg := a.pages[p]; pg != nil {
			a.checkAlternates(pg)
		}
	}
	a.checkSitemap()
	a.checkRobots()
	slices.SortStableFunc(a.problems, func(x, y problem) int { return cmp.Compare(x.file, y.file) })
	errs := make([]error, len(a.problems))
	for i, p := range a.problems {
		errs[i] = errors.New(p.msg)
	}
	return errors.Join(errs...)
}

type auditor struct {
	opts     Options
	base     *url.URL
	files    map[string]Summary
	paths    []string // sorted output paths
	pages    map[string]*page
	problems []problem
}

type problem struct{ file, msg string }

// report records a problem of the output file at path; where says what produced it.
func (a *auditor) report(path, where, format string, args ...any) {
	name := path
	if a.opts.Dir != "" {
		name = a.opts.Dir + "/" + path
	}
	msg := name + ": " + fmt.Sprintf(format, args...)
	if where != "" {
		msg += " (" + where + ")"
	}
	a.problems = append(a.problems, problem{file: path, msg: msg})
}

// origin says what produced a page: its content file and layout.
func (a *auditor) origin(p *page) string {
	var parts []string
	if src := a.opts.Sources[p.path]; src.File != "" {
		parts = append(parts, "page of "+src.File)
	}
	if p.layout != "" {
		parts = append(parts, "layouts/"+p.layout+".html")
	}
	return strings.Join(parts, ", ")
}

// linkOrigin says where the link val of page p, resolved to t (or err), was written: the
// Markdown file and line when it is a link of a content body, else the page's origin.
func (a *auditor) linkOrigin(p *page, val string, t target, err error) string {
	key := val
	if err == nil && t.internal {
		key = LinkKey(strings.TrimPrefix(t.abs.Path, a.base.Path), t.fragment)
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

// target is where a URL leads.
type target struct {
	abs      *url.URL
	internal bool   // on the site: same scheme and host, under the base path
	file     string // the output file it is served from, for internal targets
	written  bool   // written as an absolute URL (scheme or host)
	fragment string // decoded
}

// resolve resolves val as seen from page p.
func (a *auditor) resolve(p *page, val string) (target, error) {
	u, err := url.Parse(val)
	if err != nil {
		return target{}, fmt.Errorf("%q is not a valid URL", val)
	}
	from := *a.base
	from.Path += p.url
	from.RawPath = ""
	abs := from.ResolveReference(u)
	t := target{abs: abs, written: u.Scheme != "" || u.Host != "", fragment: abs.Fragment}
	if abs.Scheme == a.base.Scheme && strings.EqualFold(abs.Host, a.base.Host) && strings.HasPrefix(abs.Path, a.base.Path) {
		t.internal = true
		t.file = strings.TrimPrefix(abs.Path, a.base.Path)
		if t.file == "" || strings.HasSuffix(t.file, "/") {
			t.file += "index.html"
		}
	}
	return t, nil
}

func (a *auditor) checkHead(p *page) {
	where := a.origin(p)
	if strings.TrimSpace(p.lang) == "" {
		a.report(p.path, where, "<html> has no lang attribute")
	}
	switch {
	case p.titles == 0:
		a.report(p.path, where, "no <title>")
	case p.titles > 1:
		a.report(p.path, where, "%d <title> elements", p.titles)
	case strings.TrimSpace(p.title) == "":
		a.report(p.path, where, "<title> is empty")
	}
	switch {
	case p.descriptions == 0:
		a.report(p.path, where, "no <meta name=\"description\">")
	case p.descriptions > 1:
		a.report(p.path, where, "%d meta descriptions", p.descriptions)
	case strings.TrimSpace(p.description) == "":
		a.report(p.path, where, "meta description is empty")
	}
	switch len(p.canonicals) {
	case 0:
		a.report(p.path, where, "no <link rel=\"canonical\">")
	case 1:
	default:
		a.report(p.path, where, "%d canonical links", len(p.canonicals))
	}
	for _, id := range p.dupIDs {
		a.report(p.path, where, "id %q is used twice: a link to #%s is ambiguous", id, id)
	}
}

// checkRefs checks every href and src of p.
func (a *auditor) checkRefs(p *page) {
	for _, r := range p.refs {
		t, err := a.resolve(p, r.val)
		where := a.linkOrigin(p, r.val, t, err)
		desc := fmt.Sprintf("<%s %s=%q>", r.tag, r.attr, r.val)
		if strings.TrimSpace(r.val) == "" {
			a.report(p.path, where, "%s is empty", desc)
			continue
		}
		if err != nil {
			a.report(p.path, where, "%s: %v", desc, err)
			continue
		}
		headLink := r.tag == "link" && (slices.Contains(r.rel, "canonical") || slices.Contains(r.rel, "alternate"))
		switch {
		case t.abs.Scheme != "http" && t.abs.Scheme != "https":
			if !(r.ext && t.abs.Scheme == "mailto") {
				a.report(p.path, where, "%s: %s: URLs are not allowed", desc, t.abs.Scheme)
			}
			continue
		case !t.internal && r.ext:
			continue // a deliberate external link, written in Markdown
		case !t.internal:
			if headLink {
				a.report(p.path, where, "%s points at %s, not at the site's base URL %s", desc, t.abs.Host, a.opts.BaseURL)
			} else {
				a.report(p.path, where, "%s leads to another host (%s); only links written in content files (class=\"ext\") may leave the site", desc, t.abs.Host)
			}
			continue
		case headLink && !t.written:
			a.report(p.path, where, "%s must be an absolute URL under %s", desc, a.opts.BaseURL)
		case !headLink && !r.ext && t.written:
			a.report(p.path, where, "%s is an absolute URL of the site; write it relative, so that the site works at any address", desc)
		}
		a.checkTarget(p, desc, where, t)
	}
}

// checkTarget checks that an internal target exists, and its fragment too.
func (a *auditor) checkTarget(p *page, desc, where string, t target) {
	if _, ok := a.files[t.file]; !ok {
		if _, dir := a.files[path.Join(t.file, "index.html")]; dir {
			a.report(p.path, where, "%s leads to the folder %s/ without its final slash", desc, t.file)
		} else {
			a.report(p.path, where, "%s leads to %s, which the output does not have", desc, t.file)
		}
		return
	}
	if t.fragment == "" {
		return
	}
	tp := a.pages[t.file]
	switch {
	case tp == nil:
		a.report(p.path, where, "%s: %s is not an HTML page and has no #%s", desc, t.file, t.fragment)
	case !tp.ids[t.fragment]:
		a.report(p.path, where, "%s: %s has no id %q", desc, t.file, t.fragment)
	}
}

// internalPage resolves an absolute URL under the base URL to the HTML page it names.
func (a *auditor) internalPage(p *page, href string) (*page, string) {
	t, err := a.resolve(p, href)
	if err != nil || !t.internal || !t.written {
		return nil, ""
	}
	return a.pages[t.file], t.file
}

// canonical returns the page p names as canonical, or nil.
func (a *auditor) canonical(p *page) *page {
	if len(p.canonicals) != 1 {
		return nil
	}
	c, _ := a.internalPage(p, p.canonicals[0])
	return c
}

// checkAlternates checks p's hreflang links: each leads to an existing page that is its own
// canonical (not a fallback copy), in the language it claims, that links back to p.
func (a *auditor) checkAlternates(p *page) {
	if len(p.alternates) == 0 {
		return
	}
	where := a.origin(p)
	if c := a.canonical(p); c != nil && c != p {
		a.report(p.path, where, "has hreflang alternates but is canonicalised to %s: a copy may not claim translations", c.path)
	}
	self, langs := false, map[string]bool{}
	var targets []*page
	for _, alt := range p.alternates {
		if langs[alt.hreflang] {
			a.report(p.path, where, "hreflang %q is given twice", alt.hreflang)
		}
		langs[alt.hreflang] = true
		q, file := a.internalPage(p, alt.href)
		switch {
		case q == nil && file == "":
			a.report(p.path, where, "hreflang %q: %q is not an absolute URL under %s", alt.hreflang, alt.href, a.opts.BaseURL)
			continue
		case q == nil:
			a.report(p.path, where, "hreflang %q leads to %s, which the output does not have", alt.hreflang, file)
			continue
		}
		if q == p {
			self = true
		}
		if c := a.canonical(q); c != q {
			a.report(p.path, where, "hreflang %q leads to %s, which is not its own canonical page (a fallback copy?)", alt.hreflang, q.path)
		}
		if alt.hreflang != "x-default" && q.lang != alt.hreflang {
			a.report(p.path, where, "hreflang %q leads to %s, whose language is %q", alt.hreflang, q.path, q.lang)
		}
		// x-default is no language: a link back must name p's language.
		back := slices.ContainsFunc(q.alternates, func(b alternate) bool {
			r, _ := a.internalPage(q, b.href)
			return r == p && b.hreflang != "x-default"
		})
		if !back && q != p {
			a.report(p.path, where, "hreflang %q leads to %s, which has no hreflang link back to this page", alt.hreflang, q.path)
		}
		if alt.hreflang != "x-default" {
			targets = append(targets, q)
		}
	}
	if !self {
		a.report(p.path, where, "its hreflang alternates do not include the page itself")
	}
	for _, alt := range p.alternates {
		if q, _ := a.internalPage(p, alt.href); alt.hreflang == "x-default" && q != nil && !slices.Contains(targets, q) {
			a.report(p.path, where, "hreflang \"x-default\" leads to %s, which is none of the page's language versions", q.path)
		}
	}
}

// published reports whether search engines should find p: it is its own canonical page,
// not noindex, and not the 404 page.
func (a *auditor) published(p *page) bool {
	return p.path != "404.html" && !p.noindex && a.canonical(p) == p
}

// sitemap is the part of sitemap.xml the audit reads.
type sitemap struct {
	URLs []struct {
		Loc   string `xml:"loc"`
		Links []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
}

// checkSitemap compares sitemap.xml with the pages: it lists each published page once,
// nothing else, and the same alternates as the page's hreflang links.
func (a *auditor) checkSitemap() {
	const name = sitemapName
	f, ok := a.files[name]
	data := f.data
	if !ok {
		a.report(name, "", "the output has no sitemap.xml")
		return
	}
	var sm sitemap
	if err := xml.Unmarshal(data, &sm); err != nil {
		a.report(name, "", "not valid XML: %v", err)
		return
	}
	root := a.pages["index.html"]
	if root == nil {
		root = &page{path: "index.html"}
	}
	listed := map[*page]bool{}
	for _, u := range sm.URLs {
		p, file := a.internalPage(root, u.Loc)
		switch {
		case file == "":
			a.report(name, "", "<loc>%s</loc> is not an absolute URL under %s", u.Loc, a.opts.BaseURL)
			continue
		case p == nil:
			a.report(name, "", "<loc>%s</loc> leads to %s, which the output does not have", u.Loc, file)
			continue
		case listed[p]:
			a.report(name, "", "<loc>%s</loc> is listed twice", u.Loc)
		case !a.published(p):
			a.report(name, "", "<loc>%s</loc> lists %s, which is not published (a fallback copy, noindex or the 404 page)", u.Loc, p.path)
		}
		listed[p] = true
		var want, got []string
		for _, alt := range p.alternates {
			want = append(want, alt.hreflang+" "+a.targetFile(p, alt.href))
		}
		for _, l := range u.Links {
			if l.Rel == "alternate" {
				got = append(got, l.Hreflang+" "+a.targetFile(root, l.Href))
			}
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(want, got) {
			a.report(name, "", "<loc>%s</loc>: its alternates [%s] differ from the hreflang links of %s [%s]", u.Loc, strings.Join(got, ", "), p.path, strings.Join(want, ", "))
		}
	}
	for _, file := range a.paths {
		if p := a.pages[file]; p != nil && a.published(p) && !listed[p] {
			a.report(name, "", "%s is published (its own canonical page, not noindex) but not listed", file)
		}
	}
}

// targetFile is the output file an absolute site URL names, or the URL itself.
func (a *auditor) targetFile(p *page, href string) string {
	if t, err := a.resolve(p, href); err == nil && t.internal {
		return t.file
	}
	return href
}

// checkRobots checks that robots.txt, when there is one, names the sitemap by its
// absolute URL under the base URL.
func (a *auditor) checkRobots() {
	const name = robotsName
	f, ok := a.files[name]
	if !ok {
		return
	}
	data := f.data
	want := a.opts.BaseURL + "sitemap.xml"
	found := false
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "Sitemap:"); ok {
			found = true
			if strings.TrimSpace(v) != want {
				a.report(name, "", "Sitemap: %s, want %s", strings.TrimSpace(v), want)
			}
		}
	}
	if !found {
		a.report(name, "", "no Sitemap: line (want Sitemap: %s)", want)
	}
}

// Compare orders summaries by path, as Check's files are.
func (s Summary) Compare(t Summary) int { return strings.Compare(s.path, t.path) }
