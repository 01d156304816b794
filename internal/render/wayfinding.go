package render

import (
	"slices"

	"peacebuilding/internal/site"
)

// Where am I: the breadcrumbs of a page and its neighbours in its section.

// Crumb is one step of a page's breadcrumbs.
type Crumb struct {
	Name string
	URL  string // site-root-relative, with a #fragment for a region; "" for the page itself
}

// Crumbs are the breadcrumbs of a content page other than the home page, from the
// language's home page to the page itself: Home › Countries › Asia › Cambodia, Home ›
// Themes › DDR, Home › About this site. None on other pages.
func (v *View) Crumbs() ([]Crumb, error) {
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
		if index := v.Link(p.Section + "/_index"); index != nil {
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
func (v *View) Prev() *site.Page { return v.neighbour(-1) }

// Next: see Prev.
func (v *View) Next() *site.Page { return v.neighbour(+1) }

func (v *View) neighbour(step int) *site.Page {
	p := v.Page
	if p == nil || (p.Kind != site.KindCountry && p.Kind != site.KindTheme) {
		return nil
	}
	pages := v.Site.Section(v.Lang, p.Kind)
	i := slices.Index(pages, p)
	if i < 0 || i+step < 0 || i+step >= len(pages) {
		return nil
	}
	return pages[i+step]
}
