package audit

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/sitetest"
)

// TestHostingCrawl serves a build with a real static server (net/http's FileServer on
// 127.0.0.1) at a sub-path, at a domain root, and at a sub-path that baseURL does not
// know, and crawls it from its root page, following every href and src on the same host.
// Every request must answer 200 (a redirect counts as broken: it means a link lacks its
// final slash), and the crawl must reach every HTML file of the output.
func TestHostingCrawl(t *testing.T) {
	sites := []struct {
		name string
		fsys fs.FS
	}{
		{"fixture", sitetest.FS(t, "testdata/sites/basic")},
		{"real site", os.DirFS(sitetest.RepoRoot())},
	}
	mounts := []struct {
		name, mount string
		// configured: baseURL is the server's address under the mount. Otherwise the
		// site keeps config.toml's baseURL, and only relative links can work: the 404
		// page, whose links are root-relative to baseURL's path, is left out.
		configured bool
	}{
		{"sub-path", "/briefing/", true},
		{"domain root", "/", true},
		{"unconfigured sub-path", "/mirror/site/", false},
	}
	for _, s := range sites {
		for _, m := range mounts {
			t.Run(s.name+"/"+m.name, func(t *testing.T) {
				l, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					t.Fatal(err)
				}
				origin := "http://" + l.Addr().String()
				opts := pipeline.Options{}
				if m.configured {
					opts.BaseURL = origin + m.mount
				}
				res, err := pipeline.Build(s.fsys, opts)
				if err != nil {
					t.Fatalf("Build: %v", err)
				}
				out := filepath.Join(t.TempDir(), "public")
				if err := publish.Write(out, res.Files); err != nil {
					t.Fatal(err)
				}
				srv := &http.Server{Handler: mountSite(m.mount, out)}
				go srv.Serve(l)
				t.Cleanup(func() { srv.Close() })

				start := []string{origin + m.mount}
				if m.configured {
					// A host serves 404.html for any missing URL; its links must work from there.
					start = append(start, origin+m.mount+"en/countries/no-such-country/")
				}
				reached, broken := crawl(t, origin, start)
				for _, b := range broken {
					t.Error(b)
				}
				for _, f := range res.Files {
					if !strings.HasSuffix(f.Path, ".html") || reached[f.Path] || (f.Path == "404.html" && !m.configured) {
						continue
					}
					t.Errorf("the crawl from %s did not reach %s", start[0], f.Path)
				}
				t.Logf("reached %d files from %s", len(reached), start[0])
			})
		}
	}
}

// mountSite serves the folder dir at mount, as static hosts do: index.html for folders,
// and 404.html with status 404 for anything missing.
func mountSite(mount, dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	notFound, _ := os.ReadFile(filepath.Join(dir, "404.html"))
	site := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("X-Served-File", "404.html")
			w.WriteHeader(http.StatusNotFound)
			w.Write(notFound)
			return
		}
		files.ServeHTTP(w, r)
	})
	mux := http.NewServeMux()
	mux.Handle(mount, http.StripPrefix(strings.TrimSuffix(mount, "/"), site))
	return mux
}

// crawl fetches every URL reachable from start on origin. It returns the output files it
// reached (by the path under the mount) and a description of every broken link.
func crawl(t *testing.T, origin string, start []string) (reached map[string]bool, broken []string) {
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	reached = map[string]bool{}
	from := map[string]string{}
	queue := slices.Clone(start)
	seen := map[string]bool{}
	for _, u := range start {
		seen[u] = true
		from[u] = "(start)"
	}
	mount := strings.TrimPrefix(start[0], origin)
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		resp, err := client.Get(u)
		if err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
		served := resp.Header.Get("X-Served-File")
		switch {
		case resp.StatusCode == http.StatusNotFound && served == "404.html" && slices.Contains(start[1:], u):
			reached["404.html"] = true // the missing URL asked for on purpose
		case resp.StatusCode != http.StatusOK:
			broken = append(broken, fmt.Sprintf("%s (linked from %s): HTTP %d %s", u, from[u], resp.StatusCode, resp.Header.Get("Location")))
			continue
		default:
			file := strings.TrimPrefix(strings.TrimPrefix(u, origin), mount)
			if file == "" || strings.HasSuffix(file, "/") {
				file += "index.html"
			}
			reached[file] = true
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		base, _ := url.Parse(u)
		var syms symtab
		var vals []string
		parsePage(&syms, "", body).eachRef(&syms, func(r ref) { vals = append(vals, r.val) })
		for _, val := range vals {
			ref, err := url.Parse(val)
			if err != nil {
				broken = append(broken, fmt.Sprintf("%s: bad URL %q", u, val))
				continue
			}
			abs := base.ResolveReference(ref)
			abs.Fragment, abs.RawFragment = "", ""
			next := abs.String()
			if abs.Scheme+"://"+abs.Host != origin || seen[next] {
				continue // another host (external links, config.toml's baseURL), or known
			}
			seen[next] = true
			from[next] = u
			queue = append(queue, next)
		}
	}
	return reached, broken
}

// TestCrawlFindsBrokenLinks checks the crawler itself on a tiny tree: a missing page, a
// folder link without its final slash (a redirect) and a link above the mount are broken.
func TestCrawlFindsBrokenLinks(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"index.html":   `<a href="a/">a</a> <a href="b">b</a> <a href="c/">c</a> <a href="../elsewhere/">up</a> <a href="https://example.org/">ext</a>`,
		"a/index.html": `<link rel="stylesheet" href="../style.css"><a href="../">home</a>`,
		"b/index.html": `b`,
		"style.css":    `body{}`,
		"404.html":     `not found`,
	} {
		name = filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(name), 0o755)
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: mountSite("/site/", dir)}
	go srv.Serve(l)
	defer srv.Close()
	origin := "http://" + l.Addr().String()
	reached, broken := crawl(t, origin, []string{origin + "/site/"})
	want := []string{
		origin + "/elsewhere/ (linked from " + origin + "/site/): HTTP 404 ",
		origin + "/site/b (linked from " + origin + "/site/): HTTP 301 b/",
		origin + "/site/c/ (linked from " + origin + "/site/): HTTP 404 ",
	}
	slices.Sort(broken)
	if !slices.Equal(broken, want) {
		t.Errorf("crawl found broken links\n%s\nwant\n%s", strings.Join(broken, "\n"), strings.Join(want, "\n"))
	}
	var got []string
	for f := range reached {
		got = append(got, f)
	}
	slices.Sort(got)
	if want := []string{"a/index.html", "index.html", "style.css"}; !slices.Equal(got, want) {
		t.Errorf("crawl reached %q, want %q", got, want)
	}
}
