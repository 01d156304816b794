package browsertest

import (
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/publish"
)

// prefix is the sub-path the site is served under, so that the browser sees what a host
// serving the site below its root serves: relative links and the 404 page's absolute
// asset paths both have to work there.
const prefix = "/briefing/"

// site is the built and served site, set up once by TestMain.
var site *servedSite

type servedSite struct {
	root  string   // the project folder
	dir   string   // the output folder, as publish.Write left it
	base  string   // "http://127.0.0.1:PORT/briefing/"
	pages []string // output paths of the HTML pages, sorted: "en/countries/cambodia/index.html"
	langs []string // language codes in config order
}

// url returns the address of an output page: "en/about/index.html" -> base + "en/about/".
func (s *servedSite) url(page string) string {
	return s.base + strings.TrimSuffix(page, "index.html")
}

// notFoundURL is a page that does not exist, one folder deep, so that the 404 page is
// served away from the folder it was written for.
func (s *servedSite) notFoundURL() string { return s.base + "en/no-such-page/" }

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	s, stop, err := buildAndServe()
	if err != nil {
		fmt.Fprintf(os.Stderr, "browsertest: %v\n", err)
		return 1
	}
	site = s
	code := m.Run()
	closeBrowser()
	stop()
	return code
}

// buildAndServe builds the project into a temporary folder with a base URL on a free
// loopback port, and serves it there.
func buildAndServe() (*servedSite, func(), error) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return nil, nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	base := "http://" + ln.Addr().String() + prefix
	tmp, err := os.MkdirTemp("", "browsertest-")
	if err != nil {
		ln.Close()
		return nil, nil, err
	}
	stop := func() {
		ln.Close()
		os.RemoveAll(tmp)
	}
	res, err := pipeline.Build(os.DirFS(root), pipeline.Options{BaseURL: base})
	if err != nil {
		stop()
		return nil, nil, fmt.Errorf("building the site: %v", err)
	}
	dir := filepath.Join(tmp, "public")
	if err := publish.Write(dir, res.Files); err != nil {
		stop()
		return nil, nil, err
	}
	s := &servedSite{root: root, dir: dir, base: base, langs: res.Site.Config.LanguageCodes()}
	for _, f := range res.Files {
		if path.Ext(f.Path) == ".html" {
			s.pages = append(s.pages, f.Path)
		}
	}
	slices.Sort(s.pages)
	srv := &http.Server{Handler: hostHandler(dir)}
	go srv.Serve(ln)
	return s, func() { srv.Close(); stop() }, nil
}

// hostHandler serves dir under prefix the way a static host does: folders by their
// index.html, a folder without its slash redirected to it, and any missing file answered
// with the site's 404.html and status 404.
func hostHandler(dir string) http.Handler {
	files := http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, prefix) {
			http.NotFound(w, r)
			return
		}
		name := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+strings.TrimPrefix(r.URL.Path, prefix))))
		if info, err := os.Stat(name); err == nil && info.IsDir() {
			_, err = os.Stat(filepath.Join(name, "index.html"))
			if err == nil {
				files.ServeHTTP(w, r)
				return
			}
		} else if err == nil {
			files.ServeHTTP(w, r)
			return
		}
		data, err := os.ReadFile(filepath.Join(dir, "404.html"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", mime.TypeByExtension(".html"))
		w.WriteHeader(http.StatusNotFound)
		w.Write(data)
	})
}

// requireTools reports whether REQUIRE_TOOLS=1 is set: then a missing tool is a failure.
func requireTools() bool { return os.Getenv("REQUIRE_TOOLS") == "1" }

// missingTool ends a test whose tool is not installed: a skip that says why, or, with
// REQUIRE_TOOLS=1, a failure, so that a check that did not run never counts as passed.
func missingTool(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if requireTools() {
		t.Fatalf("%s (REQUIRE_TOOLS=1: the tool is required)", msg)
	}
	t.Skip(msg)
}

var errNotFound = errors.New("not found")

// nodeModule returns the path of a file of an installed npm package, or errNotFound.
func nodeModule(root, file string) (string, error) {
	p := filepath.Join(root, "node_modules", filepath.FromSlash(file))
	if _, err := os.Stat(p); err != nil {
		return "", errNotFound
	}
	return p, nil
}
