package deploy

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// TestCheckFindsProblems serves a small site the way a careless host would and checks that
// Check names each problem: the crawl against nginx (TestNginx) passing means something
// only if these are found.
func TestCheckFindsProblems(t *testing.T) {
	srv := carelessHost()
	defer srv.Close()
	rep, err := Check(context.Background(), srv.URL+"/site/", Options{})
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(rep.Problems, "\n")
	base := srv.URL + "/site/"
	for _, want := range append(headerProblems(base), otherProblems(srv.URL)...) {
		if !strings.Contains(all, want) {
			t.Errorf("no problem %q in:\n%s", want, all)
		}
	}
	if strings.Contains(all, "other.example") {
		t.Errorf("a link to another site (not a resource) is reported:\n%s", all)
	}
}

// With HostSetsNoHeaders (GitHub Pages), the same careless host's headers go unreported
// and every other problem is still found.
func TestCheckHostSetsNoHeaders(t *testing.T) {
	srv := carelessHost()
	defer srv.Close()
	rep, err := Check(context.Background(), srv.URL+"/site/", Options{HostSetsNoHeaders: true})
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(rep.Problems, "\n")
	for _, want := range otherProblems(srv.URL) {
		if !strings.Contains(all, want) {
			t.Errorf("no problem %q in:\n%s", want, all)
		}
	}
	for _, unwanted := range []string{"Cache-Control", "Content-Security-Policy header", "the Content-Security-Policy allows", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"} {
		if strings.Contains(all, unwanted) {
			t.Errorf("a problem with %q reported for a host that sets no headers:\n%s", unwanted, all)
		}
	}
}

// headerProblems are what Check finds in carelessHost's Cache-Control and security headers.
func headerProblems(base string) []string {
	return []string{
		base + ": no Content-Security-Policy header",
		base + ": no X-Content-Type-Options header",
		base + ": no Referrer-Policy header",
		base + ": no Permissions-Policy header",
		base + `: Cache-Control "public, max-age=31536000, immutable", want "no-cache"`,
		base + `assets/style.0123456789.css: a fingerprinted asset with Cache-Control "max-age=600"`,
	}
}

// otherProblems are the rest of what Check finds on carelessHost, served at srvURL.
func otherProblems(srvURL string) []string {
	base := srvURL + "/site/"
	return []string{
		base + ": an inline <script>",
		base + ": an inline style attribute on <body>",
		base + ": script from another host: https://cdn.example/x.js",
		base + ": canonical link on another host than the site's",
		base + ": og:image on another host than the site's (" + strings.TrimPrefix(srvURL, "http://") + "): https://elsewhere.example/site/assets/share-en.png",
		"bytes sent uncompressed to a client that accepts br and gzip",
		base + "en/: an inline <style>",
		base + "missing/: status 404 (linked from " + base + ")",
		base + `assets/style.0123456789.css: Content-Type "text/plain", want text/css`,
		base + "no-such-page-deploy-check/ (a missing page): the answer is not the site's 404 page",
	}
}

// carelessHost serves a small site under /site/ with a problem of every kind Check finds.
func carelessHost() *httptest.Server {
	big := strings.Repeat("<p>text</p>", 200)
	pages := map[string]string{
		"/site/": `<!doctype html><html lang="en"><head><link rel="canonical" href="https://elsewhere.example/site/">` +
			`<meta property="og:image" content="https://elsewhere.example/site/assets/share-en.png">` +
			`<link rel="stylesheet" href="assets/style.0123456789.css"><script>alert(1)</script>` +
			`<script src="https://cdn.example/x.js"></script></head><body style="color:red">` +
			`<a href="en/">en</a><a href="missing/">gone</a><a href="https://other.example/">out</a>` + big + `</body></html>`,
		"/site/en/":                         `<!doctype html><html><body class="layout-page"><style>p{}</style></body></html>`,
		"/site/assets/style.0123456789.css": `p{color:red}`,
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if r.URL.Path == "/site/sitemap.xml" || r.URL.Path == "/site/robots.txt" {
			body, ok = "", true
		}
		if !ok {
			w.WriteHeader(http.StatusNotFound) // no 404 page, no headers
			return
		}
		if strings.HasSuffix(r.URL.Path, ".css") {
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Set("Cache-Control", "max-age=600")
		} else if strings.HasSuffix(r.URL.Path, "/") {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		w.Write([]byte(body))
	}))
}

// A site served at another address than it was built for answers 404 to most of its
// links: one line says so first, naming the address to build for.
func TestCheckSaysWhenMostLinksAnswer404(t *testing.T) {
	var links strings.Builder
	for i := range 12 {
		fmt.Fprintf(&links, `<a href="/briefing/p%d/">p</a>`, i)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html lang="en"><body>` + links.String() + `</body></html>`))
	}))
	defer srv.Close()
	rep, err := Check(context.Background(), srv.URL+"/", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) == 0 || !strings.Contains(rep.Problems[0], "answer 404: is the site served at the address it was built for? To serve it at "+srv.URL+"/, build it with -baseurl "+srv.URL+"/") {
		t.Errorf("the first problem is not the hint about the address:\n%s", strings.Join(rep.Problems, "\n"))
	}
}

// An https:// address served in plain HTTP is one error, naming the http:// address.
func TestCheckHTTPSServedAsHTTP(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	https := "https://" + strings.TrimPrefix(srv.URL, "http://") + "/site/"
	_, err := Check(context.Background(), https, Options{})
	if want := ": the server answers in plain HTTP, not HTTPS: check " + srv.URL + "/site/"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Check(%s) = %v, want an error with %q", https, err, want)
	}
}

// An address that cannot be fetched at all is one error, not a report of every URL.
func TestCheckUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	addr := srv.URL
	srv.Close() // nothing listens there now
	if rep, err := Check(context.Background(), addr+"/", Options{}); err == nil {
		t.Errorf("Check of a closed port: no error, a report of %d problems", len(rep.Problems))
	}
}

// builtFor serves under /site/ a small site built for https://example.org/site/: its
// canonical links, its share image and its sitemap name that address; one page is
// reached only from the sitemap.
func builtFor() *httptest.Server {
	page := func(self, body string) string {
		return `<!doctype html><html lang="en"><head><link rel="canonical" href="https://example.org/site/` + self + `">` +
			`<meta property="og:image" content="https://example.org/site/share.png"></head><body>` + body + `</body></html>`
	}
	pages := map[string]string{
		"/site/":                 page("", `<a href="en/">en</a>`),
		"/site/en/":              page("en/", `<a href="../">home</a>`),
		"/site/only-in-sitemap/": page("only-in-sitemap/", ""),
		"/site/sitemap.xml":      `<urlset><url><loc>https://example.org/site/</loc></url><url><loc>https://example.org/site/only-in-sitemap/</loc></url></urlset>`,
		"/site/robots.txt":       "",
		"/site/share.png":        "png",
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		switch {
		case strings.HasSuffix(r.URL.Path, "/"):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		case strings.HasSuffix(r.URL.Path, ".xml"):
			w.Header().Set("Content-Type", "application/xml")
		case strings.HasSuffix(r.URL.Path, ".png"):
			w.Header().Set("Content-Type", "image/png")
		default:
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		}
		w.Write([]byte(body))
	}))
}

// A copy of a site served at another address than the one it is built for: without
// Options.Site, each kind of URL that names the site's address is one finding, with the
// count of the others and the command that checks a copy; with it, they are checked
// against the site's address and followed on the copy.
func TestCheckCopyOfASite(t *testing.T) {
	srv := builtFor()
	defer srv.Close()
	base := srv.URL + "/site/"
	rep, err := Check(context.Background(), base, Options{HostSetsNoHeaders: true})
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(rep.Problems, "\n")
	for _, want := range []string{
		"canonical link on another host than the site's (" + strings.TrimPrefix(srv.URL, "http://") + "): https://example.org/site/ (and 1 more like it); " + // of the two pages the crawl reaches
			"is baseURL the address the site is served at? (to check a copy of the site served elsewhere: deploy-check -site https://example.org/site/ " + base + ")",
		"og:image on another host than the site's (" + strings.TrimPrefix(srv.URL, "http://") + "): https://example.org/site/share.png (and 1 more like it)",
		"sitemap entry on another host than the site's (" + strings.TrimPrefix(srv.URL, "http://") + "): https://example.org/site/",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("without Site: no problem %q in:\n%s", want, all)
		}
	}
	if n := strings.Count(all, "on another host than the site's"); n != 3 { // canonical, og:image, sitemap entry
		t.Errorf("without Site: %d findings of URLs on another host, want one of each kind (3):\n%s", n, all)
	}

	// The site's address as a publisher may write it: its host in capitals, the default
	// port, no slash at the end.
	rep, err = Check(context.Background(), base, Options{HostSetsNoHeaders: true, Site: "https://Example.org:443/site"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Problems {
		if !strings.Contains(p, "no-such-page-deploy-check") { // the fixture has no 404 page
			t.Errorf("with Site: %s", p)
		}
	}
	for _, u := range []string{base + "only-in-sitemap/", base + "share.png"} {
		if rep.Responses[u] == nil {
			t.Errorf("with Site: %s, named at the site's address, was not fetched from the copy", u)
		}
	}

	// A wrong Site: each kind once, at the first page, with the count of the others.
	rep, err = Check(context.Background(), base, Options{HostSetsNoHeaders: true, Site: "https://example.org/other/"})
	if err != nil {
		t.Fatal(err)
	}
	all = strings.Join(rep.Problems, "\n")
	for _, want := range []string{
		base + ": canonical link outside the site's address https://example.org/other/: https://example.org/site/ (and 1 more like it); " +
			"the pages were built for https://example.org/site/: build them with -baseurl https://example.org/other/ (or, if https://example.org/site/ is the address, check with -site https://example.org/site/)",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("with a wrong Site: no problem %q in:\n%s", want, all)
		}
	}
	// A Site on another host than the one the pages name: built for the wrong address.
	rep, err = Check(context.Background(), base, Options{HostSetsNoHeaders: true, Site: "https://briefing.example/site/"})
	if err != nil {
		t.Fatal(err)
	}
	all = strings.Join(rep.Problems, "\n")
	if want := base + ": canonical link on another host than the site's (briefing.example): https://example.org/site/ (and 1 more like it); " +
		"the pages were built for https://example.org/site/: build them with -baseurl https://briefing.example/site/"; !strings.Contains(all, want) {
		t.Errorf("with a Site on another host: no problem %q in:\n%s", want, all)
	}
	if _, err := Check(context.Background(), base, Options{Site: "https://example.org/site/?lang=en"}); err == nil || !strings.Contains(err.Error(), "no query or fragment") {
		t.Errorf("a Site with a query: error %v, want one that says a site's address has none", err)
	}
}

// The findings of URLs that name the site elsewhere are the same from one crawl to the
// next, whichever page the workers reach first.
func TestCheckReportsTheSameFindingsEachTime(t *testing.T) {
	// A home page without a canonical link, leading to pages that each have one: which
	// of them a crawl reaches first is up to its workers.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		var body strings.Builder
		switch {
		case r.URL.Path == "/site/":
			for i := range 20 {
				fmt.Fprintf(&body, `<a href="p%d/">p</a>`, i)
			}
		case strings.HasPrefix(r.URL.Path, "/site/p"):
			fmt.Fprintf(&body, `<link rel="canonical" href="https://example.org%s">`, r.URL.Path)
		default:
			w.WriteHeader(http.StatusNotFound)
		}
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head>%s</head><body></body></html>`, body.String())
	}))
	defer srv.Close()
	var first []string
	for i := range 5 {
		rep, err := Check(context.Background(), srv.URL+"/site/", Options{HostSetsNoHeaders: true, Workers: 4})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = rep.Problems
		} else if !slices.Equal(rep.Problems, first) {
			t.Fatalf("crawl %d found\n%s\nthe first\n%s", i+1, strings.Join(rep.Problems, "\n"), strings.Join(first, "\n"))
		}
	}
}
