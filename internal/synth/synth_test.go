package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peacebuilding/internal/pipeline"
)

var regions = []string{"asia", "africa", "europe"}

func TestGenerateIsDeterministic(t *testing.T) {
	a, err := Generate(50, regions)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(50, regions)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("Generate(50) made %d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("Generate(50) differs between two calls at %s", a[i].Path)
		}
	}
}

func TestCountryNamesAreUnique(t *testing.T) {
	for _, n := range []int{1, 1000, 27000, 27001, 100000} {
		seen := map[string]int{}
		for i := range n {
			slug, _, _ := countryName(i, n)
			if j, dup := seen[slug]; dup {
				t.Fatalf("countryName(%d, %d) = %q, the same as countryName(%d, %d)", i, n, slug, j, n)
			}
			seen[slug] = i
		}
	}
}

func TestThemeNamesAreUnique(t *testing.T) {
	seen := map[string]int{}
	for i := range maxThemes {
		slug, _, _ := themeName(i)
		if j, dup := seen[slug]; dup {
			t.Fatalf("themeName(%d) = %q, the same as themeName(%d)", i, slug, j)
		}
		seen[slug] = i
	}
}

// TestSyntheticSiteBuilds writes a small synthetic site with the repository's config,
// layouts and UI strings, and builds it with the real pipeline: no error, no warning, and
// every page there.
func TestSyntheticSiteBuilds(t *testing.T) {
	const n = 60
	dir := t.TempDir()
	if err := Write(dir, n, os.DirFS("../..")); err != nil {
		t.Fatalf("Write: %v", err)
	}
	res, err := pipeline.Build(os.DirFS(dir), pipeline.Options{})
	if err != nil {
		t.Fatalf("building the synthetic site: %v", err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("building the synthetic site: %d warnings, first: %s", len(res.Warnings), res.Warnings[0])
	}
	perLang := map[string]int{}
	fallbacks, stale := 0, 0
	for _, p := range res.Site.Pages {
		perLang[p.Lang]++
		if p.Fallback {
			fallbacks++
		}
		if p.Stale {
			stale++
		}
	}
	// Countries, themes, home, two section introductions and three stand-alone pages.
	want := n + Themes(n) + 6
	for _, lang := range []string{"en", "ja"} {
		if perLang[lang] != want {
			t.Errorf("%d pages in %s, want %d", perLang[lang], lang, want)
		}
	}
	if fallbacks == 0 || stale == 0 {
		t.Errorf("%d fallback and %d stale pages; a realistic site has a few of each", fallbacks, stale)
	}
}

func TestWriteRefusesAFolderItDidNotMake(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(mine, []byte("my notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(dir, 5, os.DirFS("../.."))
	if err == nil || !strings.Contains(err.Error(), "refusing to replace") {
		t.Fatalf("Write into a folder with other files: error %v, want a refusal", err)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("Write removed a file it did not make: %v", err)
	}
}

func TestWriteReplacesItsOwnSite(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{20, 10} {
		if err := Write(dir, n, os.DirFS("../..")); err != nil {
			t.Fatalf("Write(%d): %v", n, err)
		}
	}
	entries, err := os.ReadDir(filepath.Join(dir, "content", "en", "countries"))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(entries); got != 10+1 { // and _index.md
		t.Errorf("after Write(20) then Write(10): %d files in content/en/countries, want 11", got)
	}
}

func TestWriteLeavesTheSameSiteAsItIs(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, 10, os.DirFS("../..")); err != nil {
		t.Fatal(err)
	}
	extra := filepath.Join(dir, "content", "en", "extra.txt")
	if err := os.WriteFile(extra, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, 10, os.DirFS("../..")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(extra); err != nil {
		t.Errorf("Write of the same site again rewrote the folder: %v", err)
	}
	if err := Write(dir, 11, os.DirFS("../..")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(extra); err == nil {
		t.Errorf("Write of another site kept a file of the folder")
	}
}
