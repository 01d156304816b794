package pdf

import (
	"slices"
	"testing"

	"peacebuilding/internal/config"
	"peacebuilding/internal/site"
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
