package site

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// relatedByScan is the definition of Related: every other country that shares a theme,
// by most shared themes, then those of p's region, then by weight; the first relatedMax.
func relatedByScan(p *Page, countries []*Page) []*Page {
	type scored struct {
		page   *Page
		shared int
	}
	var cands []scored
	for _, q := range countries {
		n := 0
		for _, t := range q.Themes {
			if slices.Contains(p.Themes, t) {
				n++
			}
		}
		if q != p && n > 0 {
			cands = append(cands, scored{q, n})
		}
	}
	slices.SortStableFunc(cands, func(a, b scored) int {
		near := func(q *Page) int {
			if q.Region.Slug == p.Region.Slug {
				return 0
			}
			return 1
		}
		return cmp.Or(cmp.Compare(b.shared, a.shared), cmp.Compare(near(a.page), near(b.page)), byWeight(a.page, b.page))
	})
	var out []*Page
	for i := 0; i < len(cands) && i < relatedMax; i++ {
		out = append(out, cands[i].page)
	}
	return out
}

// TestRelateMatchesScan compares relate with the definition on random sites, small and
// large, with few themes (many ties) and many.
func TestRelateMatchesScan(t *testing.T) {
	for _, tc := range []struct {
		name              string
		countries, themes int
		maxThemes         int
	}{
		{"one country", 1, 3, 3},
		{"two countries", 2, 2, 2},
		{"few themes, many ties", 60, 3, 3},
		{"real site shape", 14, 16, 7},
		{"large", 400, 40, 6},
		{"some without themes", 50, 10, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(tc.countries), uint64(tc.themes)))
			themes := make([]*Page, tc.themes)
			for i := range themes {
				themes[i] = &Page{Kind: KindTheme, Slug: fmt.Sprintf("t%d", i)}
			}
			countries := make([]*Page, tc.countries)
			for i := range countries {
				p := &Page{Kind: KindCountry, Slug: fmt.Sprintf("c%03d", i), Weight: 10 * r.IntN(5)}
				p.Region.Slug = fmt.Sprintf("r%d", r.IntN(3))
				for range r.IntN(tc.maxThemes + 1) {
					if th := themes[r.IntN(len(themes))]; !slices.Contains(p.Themes, th) {
						p.Themes = append(p.Themes, th)
					}
				}
				countries[i] = p
			}
			slices.SortStableFunc(countries, byWeight)
			relate(countries)
			for _, p := range countries {
				if want := relatedByScan(p, countries); !slices.Equal(p.Related, want) {
					t.Errorf("relate: %s has related %v, want %v", p.Slug, slugs(p.Related), slugs(want))
				}
			}
		})
	}
}

func slugs(pages []*Page) []string {
	var out []string
	for _, p := range pages {
		out = append(out, p.Slug)
	}
	return out
}
