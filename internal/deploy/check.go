package deploy

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"
)

// Response is one answer of the site to the check, its body decoded.
type Response struct {
	URL      string
	Status   int
	Header   http.Header
	Body     []byte // decoded from Content-Encoding
	Encoding string // Content-Encoding as sent: "br", "gzip" or ""
}

// Report is what Check found.
type Report struct {
	Responses map[string]*Response // by URL
	Problems  []string             // sorted, each naming its URL
}

// Options adjust Check.
type Options struct {
	Client *http.Client // default: one that follows no redirect
	// Workers is how many requests are under way at once (default 8).
	Workers int
	// HostSetsNoHeaders leaves out the checks of Cache-Control and the security headers,
	// for a host that lets a site set neither (GitHub Pages): reported, they would fail
	// every deployment there and hide the problems a publisher can fix.
	HostSetsNoHeaders bool
	// Site, when set, is the address the site is built for and published at (its
	// baseURL: "https://example.org/briefing/"), when the crawl fetches a copy of it at
	// another (a staging or local server): canonical, alternate, sitemap and sharing URLs
	// must name Site, and the pages they name are fetched from the copy.
	Site string
}

// Check crawls the site published at start (its home URL, "https://example.org/" or
// "http://127.0.0.1:8080/briefing/") as a reader's browser meets it: every page, every
// file a page links or loads under start, the sitemap, robots.txt, the search index, and
// a missing page in each language folder. It asks for compressed answers (br, gzip) and
// reports, for each URL: an answer other than 200 (a redirect too: a link should lead to
// the final URL), a wrong content type, a missing or wrong Cache-Control (Immutable for
// fingerprinted assets, revalidated for the rest), a missing security header or a
// Content-Security-Policy that allows inline script or style (neither with
// Options.HostSetsNoHeaders), a compressible answer sent
// uncompressed, an inline script or style (which the policy blocks), a resource loaded
// from another host or over http from an https site, and canonical, alternate, sitemap,
// og:url and og:image URLs on another host than start's (a baseURL that is not where the
// site is served).
// A missing page must answer 404 with the site's 404 page and the same headers.
func Check(ctx context.Context, start string, opts Options) (*Report, error) {
	base, err := siteURL(start)
	if err != nil {
		return nil, err
	}
	site := base
	if opts.Site != "" {
		if site, err = siteURL(opts.Site); err != nil {
			return nil, fmt.Errorf("-site: %v", err)
		}
	}
	c := &crawler{
		ctx:       ctx,
		base:      base,
		site:      site,
		client:    opts.Client,
		noHeaders: opts.HostSetsNoHeaders,
		seen:      map[string]bool{},
		from:      map[string]string{},
		elsewhere: map[placeKind]*sample{},
		report:    &Report{Responses: map[string]*Response{}},
		queue:     make(chan string, 1<<16),
	}
	if c.client == nil {
		c.client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	// An address that cannot be fetched at all (no server, a certificate refused, plain
	// HTTP at an https:// address) fails every request alike: one error, not one per URL.
	if _, err := c.get(base.String()); err != nil {
		if strings.Contains(err.Error(), "server gave HTTP response to HTTPS client") {
			plain := *base
			plain.Scheme = "http"
			return nil, fmt.Errorf("%s: the server answers in plain HTTP, not HTTPS: check %s, or serve the site over HTTPS", base, &plain)
		}
		return nil, err
	}
	workers := cmp.Or(opts.Workers, 8)
	for _, p := range []string{"", "sitemap.xml", "robots.txt"} {
		c.add(base.String()+p, "")
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for u := range c.queue {
				c.visit(u)
				c.pending.Done()
			}
		})
	}
	// A missing page in each language folder and at the root: the 404 page, with status 404.
	c.pending.Wait()
	var langs []string
	for u := range c.report.Responses {
		if rel, ok := strings.CutPrefix(u, base.String()); ok {
			if l, _, ok := strings.Cut(rel, "/"); ok && langRe.MatchString(l) && strings.HasSuffix(rel, "/") && strings.Count(rel, "/") == 1 {
				langs = append(langs, l)
			}
		}
	}
	slices.Sort(langs)
	for _, l := range append([]string{""}, langs...) {
		u := base.String() + path.Join(l, "no-such-page-deploy-check") + "/"
		c.missing(u)
	}
	c.pending.Wait()
	close(c.queue)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c.reportElsewhere()
	slices.Sort(c.report.Problems)
	c.report.Problems = slices.Compact(c.report.Problems)
	if c.notFound >= 10 && 2*c.notFound >= len(c.report.Responses) {
		// A site built for another address: one line to say so, first, before the list.
		c.report.Problems = slices.Insert(c.report.Problems, 0, fmt.Sprintf(
			"%d of the %d URLs checked answer 404: is the site served at the address it was built for? To serve it at %s, build it with -baseurl %s (or that baseURL in config.toml)", c.notFound, len(c.report.Responses), base, base))
	}
	return c.report, nil
}

type crawler struct {
	ctx       context.Context
	base      *url.URL
	site      *url.URL // Options.Site, or base
	client    *http.Client
	noHeaders bool // Options.HostSetsNoHeaders
	queue     chan string
	pending   sync.WaitGroup
	mu        sync.Mutex
	seen      map[string]bool
	from      map[string]string // the page that first linked each URL queued
	// notFound counts the files of the site that answered 404 (not the missing pages
	// asked for on purpose).
	notFound int
	// elsewhere holds, by kind (canonical link, og:image…) and place, the URLs that name
	// the site at another address than its own: a site built for another address has
	// several on every page, and one finding of each kind says it (reportElsewhere).
	elsewhere map[placeKind]*sample
	// homeCanonical is the canonical link of the home page: the address the site was
	// built for.
	homeCanonical string
	report        *Report
}

// placeKind is a kind of URL that names the site (canonical link, og:image…), and where
// it leads: another host, or outside the address given with Options.Site.
type placeKind struct {
	what, host string
	outside    bool // on the site's host, outside its address
}

// sample is the first (by page, then URL) of the URLs of a placeKind, and their count.
type sample struct {
	page, url string
	n         int
}

// siteURL parses the address of a site: http or https, no query or fragment, its path
// ending in a slash, its host in lower case without the scheme's default port, as links
// are compared with it.
func siteURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q is not an http or https URL", s)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%q: a site's address has no query or fragment", s)
	}
	u.Host = normalHost(u)
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u, nil
}

// normalHost is u's host in lower case, without the scheme's default port.
func normalHost(u *url.URL) string {
	host := strings.ToLower(u.Host)
	if port := u.Port(); port == "80" && u.Scheme == "http" || port == "443" && u.Scheme == "https" {
		host = strings.ToLower(u.Hostname())
		if strings.Contains(host, ":") {
			host = "[" + host + "]" // an IPv6 address
		}
	}
	return host
}

// elsewhereURL records a URL of what on the page at u that names the site at another
// address: on another host, or, with Options.Site, outside the site's address.
func (c *crawler) elsewhereURL(u, what string, t *url.URL, outside bool) {
	k := placeKind{what: what, host: t.Host, outside: outside}
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.elsewhere[k]
	if s == nil {
		s = &sample{page: u, url: t.String()}
		c.elsewhere[k] = s
	} else if u < s.page || u == s.page && t.String() < s.url {
		s.page, s.url = u, t.String()
	}
	s.n++
}

// reportElsewhere reports each kind of URL that names the site at another address once,
// at its first page, with the count of the others: the same findings whichever order
// the crawl met the pages in. Each says what to do: with -site, the pages were built for
// another address than the one it names; without it, either baseURL is wrong or the crawl
// is of a copy, which -site checks.
func (c *crawler) reportElsewhere() {
	for k, s := range c.elsewhere {
		more := ""
		if s.n > 1 {
			more = fmt.Sprintf(" (and %d more like it)", s.n-1)
		}
		// The address the site was built for: the home page's canonical link.
		builtFor := c.homeCanonical
		if builtFor == "" && !k.outside {
			t, _ := url.Parse(s.url)
			builtFor = t.Scheme + "://" + t.Host + c.site.Path
		}
		rebuild := "build them with -baseurl " + c.site.String()
		if builtFor != "" {
			rebuild = fmt.Sprintf("the pages were built for %s: build them with -baseurl %s (or, if %s is the address, check with -site %s)", builtFor, c.site, builtFor, builtFor)
		}
		switch {
		case k.outside:
			c.problem("%s: %s outside the site's address %s: %s%s; %s", s.page, k.what, c.site, s.url, more, rebuild)
		case c.site != c.base:
			c.problem("%s: %s on another host than the site's (%s): %s%s; %s", s.page, k.what, c.site.Host, s.url, more, rebuild)
		default:
			c.problem("%s: %s on another host than the site's (%s): %s%s; is baseURL the address the site is served at? (to check a copy of the site served elsewhere: deploy-check -site %s %s)", s.page, k.what, c.site.Host, s.url, more, builtFor, c.base)
		}
	}
}

// add queues u once; from is the page that links it ("" for the start).
func (c *crawler) add(u, from string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen[u] {
		return
	}
	c.seen[u] = true
	if from != "" {
		c.from[u] = from
	}
	c.pending.Add(1)
	select {
	case c.queue <- u:
	default:
		// The queue is full (a site of tens of thousands of files): queue it from another
		// goroutine rather than block a worker that the queue waits on.
		go func() { c.queue <- u }()
	}
}

func (c *crawler) problem(format string, args ...any) {
	c.mu.Lock()
	c.report.Problems = append(c.report.Problems, fmt.Sprintf(format, args...))
	c.mu.Unlock()
}

// get fetches u asking for compression, and decodes the body.
func (c *crawler) get(u string) (*Response, error) {
	req, err := http.NewRequestWithContext(c.ctx, "GET", u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept-Encoding", "br, gzip")
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	r := &Response{URL: u, Status: resp.StatusCode, Header: resp.Header, Encoding: resp.Header.Get("Content-Encoding")}
	var body io.Reader = resp.Body
	switch r.Encoding {
	case "":
	case "gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, fmt.Errorf("%s: gzip: %v", u, err)
		}
		body = zr
	case "br":
		body = brotli.NewReader(resp.Body)
	default:
		return nil, fmt.Errorf("%s: unknown Content-Encoding %q", u, r.Encoding)
	}
	if r.Body, err = io.ReadAll(io.LimitReader(body, 256<<20)); err != nil {
		return nil, fmt.Errorf("%s: %v", u, err)
	}
	c.mu.Lock()
	c.report.Responses[u] = r
	c.mu.Unlock()
	return r, nil
}

// visit fetches u, checks its answer and queues what it links.
func (c *crawler) visit(u string) {
	r, err := c.get(u)
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			c.problem("%s: %v", u, err)
		}
		return
	}
	if r.Status != http.StatusOK {
		c.mu.Lock()
		from := c.from[u]
		c.mu.Unlock()
		if from != "" {
			from = " (linked from " + from + ")"
		}
		if loc := r.Header.Get("Location"); loc != "" {
			c.problem("%s: status %d, redirects to %s%s (a link should lead to the final URL)", u, r.Status, loc, from)
		} else {
			c.problem("%s: status %d%s", u, r.Status, from)
		}
		if r.Status == http.StatusNotFound {
			c.mu.Lock()
			c.notFound++
			c.mu.Unlock()
		}
		return
	}
	p := strings.TrimPrefix(u, c.base.String())
	c.checkHeaders(u, p, r)
	switch {
	case isHTML(p):
		c.page(u, r.Body)
	case p == "sitemap.xml":
		for _, m := range locRe.FindAllSubmatch(r.Body, -1) {
			c.link(u, string(m[1]), "sitemap entry", false)
		}
	}
}

// missing checks the answer to a URL of no page: the site's 404 page, status 404, with the
// security headers (its script runs under the same policy) unless HostSetsNoHeaders.
func (c *crawler) missing(u string) {
	r, err := c.get(u)
	if err != nil {
		c.problem("%s: %v", u, err)
		return
	}
	if r.Status != http.StatusNotFound {
		c.problem("%s (a missing page): status %d, want 404", u, r.Status)
		return
	}
	if !bytes.Contains(r.Body, []byte(`layout-404`)) {
		c.problem("%s (a missing page): the answer is not the site's 404 page", u)
	}
	if ct := r.Header.Get("Content-Type"); !ContentTypeOK("404.html", ct) {
		c.problem("%s (a missing page): Content-Type %q, want %s", u, ct, WantContentType("404.html"))
	}
	c.checkSecurity(u, r)
	c.page(u, r.Body) // its links must work from any missing URL
}

// langRe matches a language code, the name of a language's folder: en, ja, zh-hant.
var langRe = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]+)*$`)

var locRe = regexp.MustCompile(`<loc>([^<]+)</loc>`)

func isHTML(p string) bool { return p == "" || strings.HasSuffix(p, "/") || path.Ext(p) == ".html" }

// checkHeaders checks the content type, caching, security headers and compression of the
// answer r to u, the file p of the site.
func (c *crawler) checkHeaders(u, p string, r *Response) {
	if ct := r.Header.Get("Content-Type"); !ContentTypeOK(p, ct) {
		c.problem("%s: Content-Type %q, want %s", u, ct, WantContentType(p))
	}
	c.checkCaching(u, p, r)
	c.checkSecurity(u, r)
	name := p
	if isHTML(p) && path.Ext(p) != ".html" {
		name = path.Join(p, "index.html")
	}
	if r.Encoding == "" && compressible[path.Ext(name)] && len(r.Body) >= 1024 {
		c.problem("%s: %d bytes sent uncompressed to a client that accepts br and gzip", u, len(r.Body))
	}
}

// checkCaching checks the Cache-Control of the answer r to u, the file p of the site.
func (c *crawler) checkCaching(u, p string, r *Response) {
	if c.noHeaders {
		return
	}
	cc := strings.ToLower(r.Header.Get("Cache-Control"))
	if Fingerprinted(p) {
		if !strings.Contains(cc, "immutable") || maxAge(cc) < 31536000 {
			c.problem("%s: a fingerprinted asset with Cache-Control %q, want %q", u, cc, Immutable)
		}
	} else if !revalidates(cc) {
		c.problem("%s: Cache-Control %q, want %q (or max-age=0, must-revalidate): it is not fingerprinted, a new build changes it", u, cc, Revalidate)
	}
}

// compressible are the types worth compressing: text.
var compressible = map[string]bool{".html": true, ".css": true, ".js": true, ".json": true, ".xml": true, ".svg": true, ".txt": true}

// revalidates reports whether cc makes a cache ask the server before each use.
func revalidates(cc string) bool {
	if strings.Contains(cc, "immutable") {
		return false
	}
	return strings.Contains(cc, "no-cache") || strings.Contains(cc, "no-store") ||
		(maxAge(cc) == 0 && strings.Contains(cc, "max-age") && strings.Contains(cc, "must-revalidate"))
}

// maxAge is the max-age of cc, or -1.
func maxAge(cc string) int {
	for _, d := range strings.Split(cc, ",") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(d), "max-age="); ok {
			if n, err := strconv.Atoi(v); err == nil {
				return n
			}
		}
	}
	return -1
}

func (c *crawler) checkSecurity(u string, r *Response) {
	if c.noHeaders {
		return
	}
	for _, h := range SecurityHeaders {
		v := r.Header.Get(h.Name)
		if v == "" {
			c.problem("%s: no %s header", u, h.Name)
			continue
		}
		if h.Name == "X-Content-Type-Options" && !strings.EqualFold(v, "nosniff") {
			c.problem("%s: X-Content-Type-Options %q, want nosniff", u, v)
		}
		if h.Name == "Content-Security-Policy" {
			for _, bad := range []string{"'unsafe-inline'", "'unsafe-eval'", "*"} {
				if slices.Contains(strings.Fields(v), bad) || strings.Contains(v, bad+";") {
					c.problem("%s: the Content-Security-Policy allows %s", u, bad)
				}
			}
		}
	}
}

// page checks the HTML of the page at u and queues the files it links on the site.
func (c *crawler) page(u string, body []byte) {
	l := htmllex.NewLexer(parse.NewInputBytes(body))
	var tag string
	var attrs [][2]string
	for {
		tt, _ := l.Next()
		switch tt {
		case htmllex.ErrorToken:
			return
		case htmllex.StartTagToken:
			tag, attrs = string(l.Text()), attrs[:0]
		case htmllex.AttributeToken:
			attrs = append(attrs, [2]string{strings.ToLower(string(l.AttrKey())), html.UnescapeString(strings.Trim(string(l.AttrVal()), `"'`))})
		case htmllex.StartTagCloseToken, htmllex.StartTagVoidToken:
			c.element(u, tag, attrs)
		}
	}
}

// element checks one start tag of the page at u.
func (c *crawler) element(u, tag string, attrs [][2]string) {
	get := func(k string) (string, bool) {
		for _, a := range attrs {
			if a[0] == k {
				return a[1], true
			}
		}
		return "", false
	}
	for _, a := range attrs {
		if a[0] == "style" || strings.HasPrefix(a[0], "on") {
			c.problem("%s: an inline %s attribute on <%s>, which the Content-Security-Policy blocks", u, a[0], tag)
		}
	}
	switch tag {
	case "style":
		c.problem("%s: an inline <style>, which the Content-Security-Policy blocks", u)
	case "script":
		src, ok := get("src")
		typ, _ := get("type")
		if !ok && typ != "application/ld+json" {
			c.problem("%s: an inline <script>, which the Content-Security-Policy blocks", u)
		}
		if ok {
			c.link(u, src, "script", true)
			if strings.Contains(path.Base(src), "search.") {
				c.searchIndex(u)
			}
		}
	case "link":
		href, _ := get("href")
		rel, _ := get("rel")
		switch rel {
		case "canonical", "alternate":
			c.link(u, href, rel+" link", false)
		default:
			c.link(u, href, "<link rel="+rel+">", true)
		}
	case "meta":
		// The addresses a link preview fetches, written from baseURL like the canonical.
		property, _ := get("property")
		if name, _ := get("name"); property == "" {
			property = name
		}
		if content, ok := get("content"); ok && (property == "og:url" || property == "og:image" || property == "twitter:image") {
			c.link(u, content, property, false)
		}
	case "a", "area":
		if href, ok := get("href"); ok {
			c.link(u, href, "link", false)
		}
	case "img", "iframe", "source", "audio", "video", "embed":
		if src, ok := get("src"); ok {
			c.link(u, src, "<"+tag+">", true)
		}
	case "form":
		if action, ok := get("action"); ok {
			c.link(u, action, "form action", false)
		}
	}
}

// searchIndex queues the index of the search page at u, which its script fetches:
// meta.json, then every shard and text file that meta.json implies, and the readings.
func (c *crawler) searchIndex(u string) {
	meta := resolve(u, "meta.json")
	r, err := c.get(meta)
	if err != nil || r.Status != http.StatusOK {
		c.add(meta, u) // reported by visit
		return
	}
	c.mu.Lock()
	c.seen[meta] = true
	c.mu.Unlock()
	c.checkHeaders(meta, strings.TrimPrefix(meta, c.base.String()), r)
	var m struct {
		Shards int
		Chunks []float64 // the passages of each text file (a number as minified: 34e3)
		Reads  bool      // read.json: the readings of the glossary's terms
	}
	if err := json.Unmarshal(r.Body, &m); err != nil || len(m.Chunks) == 0 {
		c.problem("%s: not a search index: %v", meta, err)
		return
	}
	for i := range m.Shards {
		c.add(resolve(u, fmt.Sprintf("s/%d.json", i)), meta)
	}
	for i := range m.Chunks {
		c.add(resolve(u, fmt.Sprintf("t/%d.json", i)), meta)
	}
	if m.Reads {
		c.add(resolve(u, "read.json"), meta)
	}
}

func resolve(base, ref string) string {
	b, _ := url.Parse(base)
	r, err := b.Parse(ref)
	if err != nil {
		return ""
	}
	return r.String()
}

// link checks the URL ref written on the page at u, and queues it when it is on the
// site. resource: the page loads it (a script, a stylesheet, an image), rather than
// leading to it.
func (c *crawler) link(u, ref, what string, resource bool) {
	if ref == "" || strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, "mailto:") {
		return
	}
	t, err := url.Parse(ref)
	if err != nil {
		c.problem("%s: %s %q: %v", u, what, ref, err)
		return
	}
	page, _ := url.Parse(u)
	t = page.ResolveReference(t)
	t.Fragment = ""
	if t.Scheme != "http" && t.Scheme != "https" {
		return
	}
	t.Host = normalHost(t)
	// Canonical, alternate, sitemap and sharing URLs name where the site is published,
	// written from its baseURL.
	names := what == "canonical link" || what == "alternate link" || what == "sitemap entry" || strings.HasPrefix(what, "og:") || strings.HasPrefix(what, "twitter:")
	if what == "canonical link" && u == c.base.String() {
		c.mu.Lock()
		c.homeCanonical = t.String()
		c.mu.Unlock()
	}
	if names && c.site != c.base {
		// They name the site where it is published; the crawl fetches them from the copy.
		if rest, ok := strings.CutPrefix(t.String(), c.site.String()); ok && t.Host == c.site.Host {
			t, _ = url.Parse(c.base.String() + rest)
		} else if t.Host == c.site.Host || t.Host == c.base.Host {
			c.elsewhereURL(u, what, t, true)
			return
		}
	}
	if t.Host != c.base.Host {
		switch {
		case resource:
			c.problem("%s: %s from another host: %s", u, what, t)
		case names:
			c.elsewhereURL(u, what, t, false)
		case what != "link":
			c.problem("%s: %s on another host than the site's (%s): %s", u, what, c.site.Host, t)
		}
		return
	}
	if page.Scheme == "https" && t.Scheme == "http" {
		c.problem("%s: %s over http from an https page: %s", u, what, t)
		return
	}
	if !strings.HasPrefix(t.Path, c.base.Path) {
		c.problem("%s: %s outside the site's path %s: %s", u, what, c.base.Path, t)
		return
	}
	if what == "form action" {
		t.RawQuery = ""
	}
	if t.RawQuery != "" {
		c.problem("%s: %s with a query string: %s", u, what, t)
		return
	}
	c.add(t.String(), u)
}
