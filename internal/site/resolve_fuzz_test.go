package site

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"peacebuilding/internal/glossary"
	"peacebuilding/internal/sitetest"
)

// linkDest finds the destinations of Markdown links, to seed the fuzzer with real ones.
var linkDest = regexp.MustCompile(`\]\(([^)\s]*)\)`)

// FuzzResolve checks the cross-link resolver of the fixture site from several pages: a
// resolved link leads to a page of the site in the page's language, reached from the page's
// URL without leaving the site; an external link keeps an allowed scheme and its text.
func FuzzResolve(f *testing.F) {
	cfg, files := loadFiles(f, sitetest.FS(f, "testdata/sites/basic"))
	s, err := Build(cfg, files, &glossary.Glossary{})
	if err != nil {
		f.Fatal(err)
	}
	for _, dir := range []string{"testdata/sites/basic/content", "content"} {
		_ = filepath.WalkDir(filepath.Join(sitetest.RepoRoot(), dir), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, _ := os.ReadFile(p)
			for _, m := range linkDest.FindAllStringSubmatch(string(data), -1) {
				f.Add(m[1], 0)
			}
			return nil
		})
	}
	for _, d := range []string{"", "#", "./", "sudan.md", "../themes/ddr.md#afghanistan", "../../../etc/passwd.md",
		"../../ja/countries/cambodia.md", "%2e%2e/%2e%2e/x.md", "/abs.md", "javascript:alert(1)", "JAVASCRIPT:x",
		"https://www.mofa.go.jp/", "mailto:a@b", "//evil.example/x.md", "cambodia.md#%E9%81%B8%E6%8C%99", "a.md?q=1#f"} {
		f.Add(d, 1)
	}
	pages := s.Pages
	f.Fuzz(func(t *testing.T, dest string, which int) {
		p := pages[uint(which)%uint(len(pages))]
		target, err := (&resolver{site: s, page: p}).Resolve(dest)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("Resolve(%q) from %s: error %q spans lines", dest, p.URL, err)
			}
			return
		}
		if target.External {
			u, err := url.Parse(dest)
			if err != nil || !slices.Contains(ExternalSchemes, strings.ToLower(u.Scheme)) || target.URL != dest {
				t.Fatalf("Resolve(%q) from %s = external %q", dest, p.URL, target.URL)
			}
			return
		}
		to := s.Lookup(p.Lang, target.Page)
		if to == nil {
			t.Fatalf("Resolve(%q) from %s = page %q, which %s does not have", dest, p.URL, target.Page, p.Lang)
		}
		ref, frag, _ := strings.Cut(target.URL, "#")
		if frag != target.Fragment {
			t.Fatalf("Resolve(%q) from %s = %q with fragment %q, want %q", dest, p.URL, target.URL, frag, target.Fragment)
		}
		u, err := url.Parse(ref)
		if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(ref, "/") {
			t.Fatalf("Resolve(%q) from %s = %q: not a relative URL", dest, p.URL, target.URL)
		}
		abs := (&url.URL{Path: "/" + p.URL}).ResolveReference(u).Path
		if abs != "/"+to.URL || !strings.HasPrefix(abs, "/"+p.Lang+"/") {
			t.Fatalf("Resolve(%q) from %s = %q, which leads to %s, not to %s", dest, p.URL, target.URL, abs, to.URL)
		}
	})
}
