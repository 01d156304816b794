package deploy_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"peacebuilding/internal/deploy"
	"peacebuilding/internal/nginxtest"
	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/sitetest"
)

// TestNginx serves the real site, built with -precompress, through Debian's nginx running
// deploy/nginx.conf, under a sub-path and at a root (one nginx, two servers), and crawls
// each with Check: every answer 200 with its content type, cache and security headers
// and compressed, every HTML file of the output reached, a missing page in each language
// answered 404 with the site's 404 page. Then every compressible file is fetched as br, as
// gzip and plain, and each must decode to the file's bytes.
func TestNginx(t *testing.T) {
	exe := nginxtest.Find(t)
	ports, err := nginxtest.FreePorts(2)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	sites := []nginxtest.Site{
		{Root: filepath.Join(tmp, "sub"), Prefix: "/briefing/", Port: ports[0]},
		{Root: filepath.Join(tmp, "root", "public"), Prefix: "/", Port: ports[1]},
	}
	outs := []string{filepath.Join(tmp, "sub", "briefing"), sites[1].Root}
	files := make([][]publish.File, len(sites))
	var wg sync.WaitGroup
	errs := make([]error, len(sites))
	for i, s := range sites {
		wg.Go(func() { files[i], errs[i] = build(s.URL(), outs[i]) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	stop, err := nginxtest.Start(exe, sitetest.RepoRoot(), sites)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	for i, s := range sites {
		name := "sub-path"
		if s.Prefix == "/" {
			name = "root"
		}
		t.Run(name, func(t *testing.T) {
			rep, err := deploy.Check(context.Background(), s.URL(), deploy.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range rep.Problems {
				t.Error(p)
			}
			// Every page of the output is reached, and every file the crawl met is the file.
			byPath := map[string][]byte{}
			for _, f := range files[i] {
				byPath[f.Path] = f.Data
			}
			for _, f := range files[i] {
				if path.Ext(f.Path) != ".html" {
					continue
				}
				u := s.URL() + strings.TrimSuffix(strings.TrimSuffix(f.Path, "index.html"), "/")
				if strings.HasSuffix(f.Path, "index.html") && f.Path != "index.html" {
					u += "/"
				}
				if f.Path == "404.html" {
					continue // reached as the answer to missing pages
				}
				if _, ok := rep.Responses[u]; !ok {
					t.Errorf("the crawl did not reach %s", u)
				}
			}
			pages, notFound, compressed := 0, 0, 0
			for u, r := range rep.Responses {
				p := strings.TrimPrefix(u, s.URL())
				if r.Status == http.StatusNotFound {
					notFound++
					if !bytes.Equal(r.Body, byPath["404.html"]) {
						t.Errorf("%s: the 404 answer is not 404.html", u)
					}
					continue
				}
				if p == "" || strings.HasSuffix(p, "/") {
					p += "index.html"
					pages++
				}
				if want, ok := byPath[p]; ok && !bytes.Equal(r.Body, want) {
					t.Errorf("%s: the body (%s) differs from %s", u, r.Encoding, p)
				}
				if r.Encoding != "" {
					compressed++
				}
			}
			if notFound != 3 {
				t.Errorf("%d missing pages checked, want 3 (the root, en/, ja/)", notFound)
			}
			t.Logf("%d URLs: %d pages, %d compressed, %d missing pages; %d problems", len(rep.Responses), pages, compressed, notFound, len(rep.Problems))
			checkEncodings(t, s.URL(), files[i])
			for _, p := range []string{deploy.HeadersFile, publish.Marker} {
				if _, err := os.Stat(filepath.Join(outs[i], p)); err != nil {
					t.Fatalf("the build wrote no %s: %v", p, err)
				}
				resp, err := http.Get(s.URL() + p)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusNotFound {
					t.Errorf("%s%s: status %d, want 404: it is no page of the site", s.URL(), p, resp.StatusCode)
				}
			}
			checkExtraFiles(t, s.URL(), outs[i])
		})
	}
}

// TestNginxSubPath serves the real site, built with -precompress for /briefing/, through
// deploy/nginx-subpath.conf's location blocks inside a server that serves another site
// (its own page, index, expiry, header, 404 page and a location for style sheets), and
// crawls the briefing with Check: no problem (one Cache-Control, its own), every page
// reached, /briefing redirected. The other site keeps its own: its page and its 404 page
// without the briefing's headers.
func TestNginxSubPath(t *testing.T) {
	exe := nginxtest.Find(t)
	ports, err := nginxtest.FreePorts(1)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	mainRoot, root := filepath.Join(tmp, "main"), filepath.Join(tmp, "www")
	for name, text := range map[string]string{"index.html": "the main site", "404.html": "the main site's 404", "main.css": "p{}"} {
		if err := os.MkdirAll(mainRoot, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(mainRoot, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := "http://127.0.0.1:" + strconv.Itoa(ports[0]) + "/briefing/"
	files, err := build(base, filepath.Join(root, "briefing"))
	if err != nil {
		t.Fatal(err)
	}
	stop, err := nginxtest.StartSubPath(exe, sitetest.RepoRoot(), ports[0], mainRoot, root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	rep, err := deploy.Check(context.Background(), base, deploy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Problems {
		t.Error(p)
	}
	pages := 0
	for _, f := range files {
		if strings.HasSuffix(f.Path, "index.html") {
			pages++
			if _, ok := rep.Responses[base+strings.TrimSuffix(f.Path, "index.html")]; !ok {
				t.Errorf("the crawl did not reach %s", f.Path)
			}
		}
	}
	t.Logf("%d URLs, %d pages; %d problems", len(rep.Responses), pages, len(rep.Problems))
	checkExtraFiles(t, base, filepath.Join(root, "briefing"))
	// The address without its slash leads to the briefing, relative.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(strings.TrimSuffix(base, "/"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/briefing/" {
		t.Errorf("%s: status %d, Location %q; want 301 to /briefing/", strings.TrimSuffix(base, "/"), resp.StatusCode, resp.Header.Get("Location"))
	}
	// The other site is left as it was.
	origin := strings.TrimSuffix(base, "briefing/")
	for _, c := range []struct {
		path   string
		status int
		body   string
	}{{"", 200, "the main site"}, {"nowhere/", 404, "the main site's 404"}, {"main.css", 200, "p{}"}} {
		resp, err := http.Get(origin + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status || string(body) != c.body || resp.Header.Get("X-Main-Site") != "yes" || resp.Header.Get("Content-Security-Policy") != "" {
			t.Errorf("%s%s: status %d, body %q, X-Main-Site %q, Content-Security-Policy %q; want %d, %q, the main site's header and not the briefing's", origin, c.path, resp.StatusCode, body, resp.Header.Get("X-Main-Site"), resp.Header.Get("Content-Security-Policy"), c.status, c.body)
		}
	}
}

// checkExtraFiles lays files the build did not write into the served folder out: a page
// in a dot-folder (what a build killed while writing straight into the served folder
// leaves, .public.staging-…) must answer 404, a file under .well-known/ (a certificate's
// challenge) 200, and a style sheet without its name.gz (a build without -precompress)
// must still be sent compressed.
func checkExtraFiles(t *testing.T, base, out string) {
	css := bytes.Repeat([]byte("p{margin:0}\n"), 200)
	for name, data := range map[string][]byte{
		".public.staging-1/en/index.html": []byte("<!doctype html><title>half-built</title>"),
		".well-known/acme-challenge/tok":  []byte("tok.key"),
		"extra.css":                       css,
	} {
		file := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	for name, want := range map[string]int{".public.staging-1/en/": http.StatusNotFound, ".well-known/acme-challenge/tok": http.StatusOK} {
		resp, err := client.Get(base + name)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("%s%s: status %d, want %d", base, name, resp.StatusCode, want)
		}
	}
	req, err := http.NewRequest("GET", base+"extra.css", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Content-Encoding"); resp.StatusCode != http.StatusOK || got != "gzip" {
		t.Errorf("%sextra.css, which has no extra.css.gz: status %d, Content-Encoding %q, want 200 and gzip", base, resp.StatusCode, got)
	}
}

// checkEncodings fetches every compressible file of the site as br, as gzip and plain.
func checkEncodings(t *testing.T, base string, files []publish.File) {
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	var paths []string
	for _, f := range files {
		if publish.Compressible(f.Path, len(f.Data)) {
			paths = append(paths, f.Path)
		}
	}
	slices.Sort(paths)
	if len(paths) == 0 {
		t.Fatal("no compressible file")
	}
	for _, enc := range []string{"br", "gzip", ""} {
		for _, p := range paths[:min(len(paths), 40)] {
			req, _ := http.NewRequest("GET", base+p, nil)
			if enc != "" {
				req.Header.Set("Accept-Encoding", enc)
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if got := resp.Header.Get("Content-Encoding"); got != enc {
				t.Errorf("%s with Accept-Encoding %q: Content-Encoding %q", p, enc, got)
			}
			if !slices.Contains(resp.Header.Values("Vary"), "Accept-Encoding") {
				t.Errorf("%s with Accept-Encoding %q: no Vary: Accept-Encoding (a cache would send the compressed file to a client that cannot read it)", p, enc)
			}
		}
	}
}

// build builds the real site for baseURL into out as the build command does with
// -precompress, and returns its files.
func build(baseURL, out string) ([]publish.File, error) {
	res, err := pipeline.Build(os.DirFS(sitetest.RepoRoot()), pipeline.Options{BaseURL: baseURL})
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, err
	}
	stage, err := publish.NewStage(out, publish.StageOptions{Precompress: true})
	if err != nil {
		return nil, err
	}
	var assets []string
	for _, f := range res.Files {
		stage.Add(f)
		if deploy.Fingerprinted(f.Path) {
			assets = append(assets, f.Path)
		}
	}
	stage.Add(publish.File{Path: deploy.HeadersFile, Data: deploy.Headers(res.Site.Config.BasePath(), assets)})
	if err := stage.Commit(); err != nil {
		return nil, err
	}
	return res.Files, nil
}
