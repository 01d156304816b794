package site

import (
	"cmp"
	"slices"
)

// relatedMax is how many related countries a country page lists.
const relatedMax = 3

// link connects pages of one language: a country's themes, a theme's countries (its
// backlinks, generated from the countries' themes) and the countries that share most themes.
func (b *builder) link() {
	for _, p := range b.site.Pages {
		if p.Kind != KindCountry {
			continue
		}
		for _, slug := range p.Master.Front.Themes {
			if t := b.site.Lookup(p.Lang, "themes/"+slug); t != nil && !slices.Contains(p.Themes, t) {
				p.Themes = append(p.Themes, t)
				t.Backlinks = append(t.Backlinks, p)
			}
		}
	}
	for _, p := range b.site.Pages {
		slices.SortStableFunc(p.Backlinks, byWeight)
		slices.SortStableFunc(p.Themes, byWeight)
	}
	for _, l := range b.site.Config.Languages {
		countries := b.site.Section(l.Code, KindCountry)
		for _, p := range countries {
			type scored struct {
				page   *Page
				shared int
			}
			var cands []scored
			for _, q := range countries {
				if q == p {
					continue
				}
				n := 0
				for _, t := range q.Themes {
					if slices.Contains(p.Themes, t) {
						n++
					}
				}
				if n > 0 {
					cands = append(cands, scored{q, n})
				}
			}
			slices.SortStableFunc(cands, func(a, b scored) int {
				return cmp.Or(cmp.Compare(b.shared, a.shared), byWeight(a.page, b.page))
			})
			for i := 0; i < len(cands) && i < relatedMax; i++ {
				p.Related = append(p.Related, cands[i].page)
			}
		}
	}
}
