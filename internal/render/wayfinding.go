package render

import "peacebuilding/internal/site"

// Where am I: the breadcrumbs of a page and its neighbours in its section.

// Crumb is one step of a page's breadcrumbs.
type Crumb struct {
	Name string
	URL  string // site-root-relative, with a #fragment for a region; "" for the page itself
}

// Crumbs are the breadcrumbs of a content page other than the home page, from the
// language's home page to the page itself: Home › Countries › Asia › Cambodia, Home ›
// Themes › DDR, Home › About this site. None on other pages. countries and themes are the
// index pages of the sections, which the layout names (so that internal/incremental knows
// a brief shows them).
func (v *View) Crumbs(countries, themes *site.Page) ([]Crumb, error) {
	p := v.Page
	if p == nil || p.Kind == site.KindHome || v.Path != p.URL {
		return nil, nil
	}
	home, err := v.T("home")
	if err != nil {
		return nil, err
	}
	crumbs := []Crumb{{Name: home, URL: v.Lang + "/"}}
	if p.Kind == site.KindCountry || p.Kind == site.KindTheme {
		index := countries
		if p.Kind == site.KindTheme {
			index = themes
		}
		if index != nil {
			crumbs = append(crumbs, Crumb{Name: index.Title, URL: index.URL})
			if p.Kind == site.KindCountry && p.Region.Slug != "" {
				crumbs = append(crumbs, Crumb{Name: p.Region.Name(v.Lang), URL: index.URL + "#region-" + p.Region.Slug})
			}
		}
	}
	return append(crumbs, Crumb{Name: p.Title}), nil
}

// Prev and Next are the briefs before and after this one in its section's order (the
// order of the indexes), or nil at either end and on pages that are not briefs.
func (v *View) Prev() *site.Page {
	if v.Page == nil {
		return nil
	}
	return v.Page.Prev
}

// Next: see Prev.
func (v *View) Next() *site.Page {
	if v.Page == nil {
		return nil
	}
	return v.Page.Next
}
