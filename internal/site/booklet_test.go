package site

import (
	"fmt"
	"slices"
	"testing"

	"peacebuilding/internal/config"
)

func TestBookletParts(t *testing.T) {
	var pages []*Page
	for i := range 7 {
		pages = append(pages, &Page{Lang: "en", Kind: KindCountry, Slug: fmt.Sprintf("c%d", i)})
	}
	for i := range 3 {
		pages = append(pages, &Page{Lang: "en", Kind: KindTheme, Slug: fmt.Sprintf("t%d", i)})
	}
	future := &Page{Lang: "en", Kind: KindStandalone, Key: ClosingKey, Slug: "future"}
	pages = append(pages, &Page{Lang: "ja", Kind: KindCountry, Slug: "c0"}, &Page{Lang: "en", Kind: KindStandalone, Slug: "about"}, future)
	slugs := func(ps []*Page) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Slug)
		}
		return out
	}
	for _, tc := range []struct {
		size int
		want []string // per part: URL, countries, themes, the closing page (ClosingKey) or -
	}{
		{10, []string{"en/print/ [c0 c1 c2 c3 c4 c5 c6] [t0 t1 t2] future"}},
		{100, []string{"en/print/ [c0 c1 c2 c3 c4 c5 c6] [t0 t1 t2] future"}},
		{4, []string{"en/print/1/ [c0 c1 c2 c3] [] -", "en/print/2/ [c4 c5 c6] [t0] -", "en/print/3/ [] [t1 t2] future"}},
		{7, []string{"en/print/1/ [c0 c1 c2 c3 c4 c5 c6] [] -", "en/print/2/ [] [t0 t1 t2] future"}},
		{9, []string{"en/print/1/ [c0 c1 c2 c3 c4 c5 c6] [t0 t1] -", "en/print/2/ [] [t2] future"}},
	} {
		s := &Site{Config: &config.Config{BookletPartSize: tc.size}, Pages: pages, byKey: map[pageKey]*Page{{"en", ClosingKey}: future}}
		var got []string
		for i, part := range s.Booklet("en") {
			if part.Number != i+1 {
				t.Errorf("size %d: part %d is numbered %d", tc.size, i+1, part.Number)
			}
			closing := "-"
			if part.Closing != nil {
				closing = part.Closing.Slug
			}
			got = append(got, fmt.Sprintf("%s %v %v %s", part.URL, slugs(part.Countries), slugs(part.Themes), closing))
			want := slices.Concat(part.Countries, part.Themes)
			if part.Closing != nil {
				want = append(want, part.Closing)
			}
			if b := part.Briefs(); !slices.Equal(b, want) {
				t.Errorf("size %d: part %d's briefs are %v", tc.size, part.Number, slugs(b))
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("size %d: parts\n%q\nwant\n%q", tc.size, got, tc.want)
		}
	}
}
