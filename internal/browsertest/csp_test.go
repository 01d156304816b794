package browsertest

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"peacebuilding/internal/nginxtest"
	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/publish"
)

var layoutRe = regexp.MustCompile(`<body class="layout-([a-z0-9-]+)"`)

// TestContentSecurityPolicyThroughNginx loads a page of each layout, a search in each
// language and a missing page in each language folder from Debian's nginx running
// deploy/nginx.conf, whose Content-Security-Policy allows no inline script or style, in
// Chromium, which reports each violation as a console error: no page may have any error.
// A page with an inline script and style, served with the same policy, must report its
// violations first, so that a Chromium that stopped reporting them fails the test.
//
// A separate entry point from the other browser tests (which serve the site with net/http,
// without the policy): it builds its own copy of the site, for nginx's address.
func TestContentSecurityPolicyThroughNginx(t *testing.T) {
	exe := nginxtest.Find(t)
	tb := newTab(t, false)
	ports, err := nginxtest.FreePorts(1)
	if err != nil {
		t.Fatal(err)
	}
	www := t.TempDir()
	srv := nginxtest.Site{Root: www, Prefix: prefix, Port: ports[0]}
	res, err := pipeline.Build(os.DirFS(site.root), pipeline.Options{BaseURL: srv.URL()})
	if err != nil {
		t.Fatal(err)
	}
	if err := publish.Write(filepath.Join(www, strings.Trim(prefix, "/")), res.Files); err != nil {
		t.Fatal(err)
	}
	// The probe names the site's icon: without one, Chromium asks for the origin's
	// /favicon.ico after the page has loaded, and that late 404 was counted against the
	// next page.
	probe := filepath.Join(www, "csp-probe", "index.html")
	os.MkdirAll(filepath.Dir(probe), 0o755)
	if err := os.WriteFile(probe, []byte(`<!doctype html><html lang="en"><title>probe</title><link rel="icon" href="`+prefix+`favicon.ico"><style>p{color:red}</style><script>document.title="ran"</script><p>probe</p></html>`), 0o644); err != nil {
		t.Fatal(err)
	}
	stop, err := nginxtest.Start(exe, site.root, []nginxtest.Site{srv})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	origin := strings.TrimSuffix(srv.URL(), prefix)

	t.Run("probe", func(t *testing.T) {
		tb.page(t)
		tb.open(t, origin+"/csp-probe/")
		errs := strings.Join(tb.takeErrors(), "\n")
		for _, what := range []string{"script", "style"} {
			if !strings.Contains(errs, "Content Security Policy") || !strings.Contains(errs, what) {
				t.Fatalf("an inline %s served with the policy reported no violation; the errors were:\n%s", what, errs)
			}
		}
		if title := eval[string](t, tb, "document.title"); title == "ran" {
			t.Fatal("the inline script ran: nginx sent no Content-Security-Policy")
		}
	})

	// One page of each layout in each language: what a page may load and run comes from its
	// layout (Markdown's raw HTML is dropped), and internal/deploy's TestNginx finds an
	// inline script, style or handler in the HTML of every page.
	var pages []string
	seen := map[string]bool{}
	for _, f := range res.Files {
		if !strings.HasSuffix(f.Path, ".html") || f.Path == "404.html" {
			continue
		}
		m := layoutRe.FindSubmatch(f.Data)
		lang, _, _ := strings.Cut(f.Path, "/")
		if m == nil || seen[lang+" "+string(m[1])] {
			continue
		}
		seen[lang+" "+string(m[1])] = true
		pages = append(pages, srv.URL()+strings.TrimSuffix(f.Path, "index.html"))
	}
	slices.Sort(pages)
	t.Logf("%d pages, one of each layout in each language", len(pages))
	if len(pages) < 10 {
		t.Fatalf("%d layouts found in the site's pages: %v", len(pages), pages)
	}
	for _, u := range pages {
		tb.page(t)
		tb.open(t, u)
		for _, e := range tb.takeErrors() {
			t.Errorf("%s: %s", u, e)
		}
	}
	for _, lang := range site.langs {
		missing := srv.URL() + lang + "/no-such-page/"
		tb.page(t)
		if status := tb.open(t, missing); status != 404 {
			t.Errorf("%s: status %d, want 404", missing, status)
		}
		for _, e := range tb.takeErrors() {
			if !isOwn404(e, missing) {
				t.Errorf("%s: %s", missing, e)
			}
		}
		q := map[string]string{"en": "landmines", "ja": "武器"}[lang]
		if q == "" {
			continue
		}
		tb.page(t)
		tb.open(t, srv.URL()+lang+"/search/?q="+url.QueryEscape(q))
		if hits := search2(t, tb, q); len(hits) == 0 {
			t.Errorf("%s search %q: no results through nginx", lang, q)
		}
		for _, e := range tb.takeErrors() {
			t.Errorf("%s search %q: %s", lang, q, e)
		}
	}
}
