package pdf

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"peacebuilding/internal/config"
	"peacebuilding/internal/site"
	"peacebuilding/internal/sitetest"
)

func TestTargetsPrintEachPartOfABookletInParts(t *testing.T) {
	cfg := &config.Config{BaseURL: "https://example.org/b/", DefaultLanguage: "en", Languages: []config.Language{{Code: "en", Title: "T"}}}
	var pages []*site.Page
	for _, slug := range []string{"a", "b", "c"} {
		pages = append(pages, &site.Page{Lang: "en", Kind: site.KindCountry, Slug: slug, URL: "en/countries/" + slug + "/"})
	}
	for _, tc := range []struct {
		size int
		want []string
	}{
		{3, []string{"en/pdf/countries/a.pdf", "en/pdf/countries/b.pdf", "en/pdf/countries/c.pdf", "en/pdf/booklet.pdf en/print/index.html https://example.org/b/en/print/"}},
		{2, []string{"en/pdf/countries/a.pdf", "en/pdf/countries/b.pdf", "en/pdf/countries/c.pdf",
			"en/pdf/booklet-1.pdf en/print/1/index.html https://example.org/b/en/print/1/",
			"en/pdf/booklet-2.pdf en/print/2/index.html https://example.org/b/en/print/2/"}},
	} {
		cfg.BookletPartSize = tc.size
		var got []string
		for _, tg := range Targets(&site.Site{Config: cfg, Pages: pages}) {
			if tg.MaxPages == 0 {
				got = append(got, tg.Out+" "+tg.Src+" "+tg.Canonical)
			} else {
				got = append(got, tg.Out)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("part size %d: targets\n%q\nwant\n%q", tc.size, got, tc.want)
		}
	}
}

// Each size a brief may be printed at, and the print without its list of pages referred
// to, has its rule in the style sheet, for the browser to print the page as the PDF is
// printed (render.PDF.PrintClass).
func TestEveryFitScaleHasAPrintRule(t *testing.T) {
	css, err := os.ReadFile(filepath.Join(sitetest.RepoRoot(), "assets", "style.css"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Fits {
		rule := fmt.Sprintf(".print-scale-%.0f main { zoom: %g; }", f.Scale*100, f.Scale)
		if f.Scale != 1 && !strings.Contains(string(css), rule) {
			t.Errorf("assets/style.css lacks %s", rule)
		}
	}
	if rule := ".print-no-refs :is(.print-refs-h, .print-refs) { display: none; }"; !strings.Contains(string(css), rule) {
		t.Errorf("assets/style.css lacks %s", rule)
	}
}
