package site

import "slices"

// relatedMax is how many related countries a country page lists.
const relatedMax = 3

// link connects pages of one language: a country's themes, a theme's countries (its
// backlinks, generated from the countries' themes) and the countries that share most themes
// (of its region first among equals).
func (b *builder) link() {
	if b.memo.relink(b.site) {
		return
	}
	defer b.memo.linked(b.site)
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
		relate(b.site.Section(l.Code, KindCountry))
	}
}

// relate sets the Related countries of each of countries (one language's, by weight): the
// relatedMax others that share most themes with it, ties by region (its own first), then
// by weight. Each country's themes
// are counted through an index from theme to countries, so a country costs the number of
// countries that share a theme with it, not the number of all countries: for n countries
// and themes that grow with the site, the whole is linear in n rather than quadratic.
func relate(countries []*Page) {
	// A country's rank is its index in countries; each theme lists its countries by rank.
	byTheme := map[*Page][]int32{}
	for i, p := range countries {
		for _, t := range p.Themes {
			byTheme[t] = append(byTheme[t], int32(i))
		}
	}
	shared := make([]int32, len(countries)) // per rank, for the country at hand; zero between
	var touched []int32
	for i, p := range countries {
		touched = touched[:0]
		for _, t := range p.Themes {
			for _, q := range byTheme[t] {
				if shared[q] == 0 {
					touched = append(touched, q)
				}
				shared[q]++
			}
		}
		// The best relatedMax by most shared themes, then by rank: touched is unordered, so
		// keep a small sorted list.
		var best [relatedMax]int32
		n := 0
		// Of countries that share as many themes, those of the same region first: the
		// neighbours a brief's text points to (Sudan: DR Congo and Burundi before Cambodia).
		near := func(q int32) bool { return countries[q].Region.Slug == p.Region.Slug }
		better := func(a, b int32) bool {
			if shared[a] != shared[b] {
				return shared[a] > shared[b]
			}
			if near(a) != near(b) {
				return near(a)
			}
			return a < b
		}
		for _, q := range touched {
			if q == int32(i) {
				continue
			}
			if n == relatedMax && !better(q, best[n-1]) {
				continue
			}
			j := min(n, relatedMax-1)
			for j > 0 && better(q, best[j-1]) {
				best[j] = best[j-1]
				j--
			}
			best[j] = q
			n = min(n+1, relatedMax)
		}
		for _, q := range best[:n] {
			p.Related = append(p.Related, countries[q])
		}
		for _, q := range touched {
			shared[q] = 0
		}
	}
}

// neighbours sets the Prev and Next of every country and theme: its neighbours in its
// section's order, which only weights and slugs decide.
func (b *builder) neighbours() {
	for _, l := range b.site.Config.Languages {
		for _, kind := range []Kind{KindCountry, KindTheme} {
			pages := b.site.Section(l.Code, kind)
			for i, p := range pages {
				p.Prev, p.Next = nil, nil
				if i > 0 {
					p.Prev = pages[i-1]
				}
				if i+1 < len(pages) {
					p.Next = pages[i+1]
				}
			}
		}
	}
}
