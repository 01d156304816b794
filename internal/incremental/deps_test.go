package incremental

import (
	"reflect"
	"slices"
	"testing"
	"testing/fstest"

	"peacebuilding/internal/site"
	"peacebuilding/internal/sitetest"
)

// TestSamePageKnowsEveryField fails when site.Page gets a field: samePage must compare it
// (or the value it is made from), or a rebuild would miss a change of it.
func TestSamePageKnowsEveryField(t *testing.T) {
	known := []string{
		"Lang", "Kind", "Key", "Section", "Slug", "URL", "File", "Master", "Fallback", "Stale",
		"Title", "Summary", "Weight", "Region", "ISO", "Facts", "Events", "Figures", "Corrections", "CorrectionsLang",
		"body", "Headings", "Links", "Refs", "Themes", "Backlinks", "Related", "Translations", "Prev", "Next",
	}
	typ := reflect.TypeFor[site.Page]()
	for i := range typ.NumField() {
		if name := typ.Field(i).Name; !slices.Contains(known, name) {
			t.Errorf("site.Page has a new field %s: compare it in samePage (deps.go), then add it here", name)
		}
	}
}

// TestBriefLayoutsReadOnlyTheirLinks reads the repository's layouts: if a brief layout
// read the whole site, every brief would be rendered again after every edit.
func TestBriefLayoutsReadOnlyTheirLinks(t *testing.T) {
	reads := readBriefLayouts(sitetest.FS(t, "testdata/sites/basic"))
	if reads.wide != "" {
		t.Errorf("briefs are aggregates, so a preview renders all of them after every edit: %s", reads.wide)
	}
	// The footer (a shared partial) links the stand-alone pages that exist; the menu and
	// the breadcrumbs show the titles of the section indexes.
	if want := []string{"about", "countries/_index", "future", "sources", "themes/_index"}; !slices.Equal(reads.keys, want) {
		t.Errorf("the brief layouts read the pages %q, want %q", reads.keys, want)
	}
}

func TestReadBriefLayouts(t *testing.T) {
	const base = `{{define "base.html"}}<title>{{.Title}}</title>{{template "main" .}}{{end}}`
	for _, tc := range []struct {
		name, partials, pictures, country string
		wantKeys                          []string
		wantWide                          bool
	}{
		{name: "page fields and links", country: `{{define "main"}}{{.Page.Title}}{{range .Page.Related}}{{.Title}}{{end}}{{template "notices" .}}{{end}}`,
			partials: `{{define "notices"}}{{with .Page}}{{($.Site.Lookup .TextLang .Key).URL}}{{end}}{{end}}`},
		{name: "a page by key", country: `{{define "main"}}{{with .Link "about"}}{{.URL}}{{end}}{{with $.Link "sources"}}{{end}}{{end}}`, wantKeys: []string{"about", "sources"}},
		{name: "a page by computed key", country: `{{define "main"}}{{with .Link .Page.Key}}{{.URL}}{{end}}{{end}}`, wantWide: true},
		{name: "a page by key through call", country: `{{define "main"}}{{call .Link "about"}}{{end}}`, wantWide: true},
		{name: "every country", country: `{{define "main"}}{{range .Pages "country"}}{{.Title}}{{end}}{{end}}`, wantWide: true},
		{name: "every country through a variable", country: `{{define "main"}}{{$v := .}}{{range $v.Regions}}{{end}}{{end}}`, wantWide: true},
		{name: "the site's pages", country: `{{define "main"}}{{range .Site.Pages}}{{end}}{{end}}`, wantWide: true},
		{name: "in a partial it calls", country: `{{define "main"}}{{template "list" .}}{{end}}`, partials: `{{define "list"}}{{range .Timeline}}{{end}}{{end}}`, wantWide: true},
		{name: "a page by key in a shared partial", country: `{{define "main"}}{{.Shared "footer"}}{{end}}`, partials: `{{define "footer"}}{{with .Link "about"}}{{.URL}}{{end}}{{end}}`, wantKeys: []string{"about"}},
		{name: "a shared partial by computed name", country: `{{define "main"}}{{.Shared .Layout}}{{end}}`, wantWide: true},
		{name: "in a picture it calls", country: `{{define "main"}}{{template "map" .}}{{end}}`, pictures: `{{define "map"}}{{range .Pages "country"}}{{end}}{{end}}`, wantWide: true},
		{name: "in a partial it does not call", country: `{{define "main"}}{{end}}`, partials: `{{define "list"}}{{range .Timeline}}{{end}}{{end}}`},
		{name: "a page field named like a view method", country: `{{define "main"}}{{with .Page}}{{.Title}}{{end}}{{.Page.Corrections}}{{end}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"layouts/base.html":     {Data: []byte(base)},
				"layouts/partials.html": {Data: []byte(tc.partials)},
				"layouts/pictures.html": {Data: []byte(tc.pictures)},
				"layouts/country.html":  {Data: []byte(tc.country)},
				"layouts/theme.html":    {Data: []byte(`{{define "main"}}{{end}}`)},
			}
			reads := readBriefLayouts(fsys)
			if (reads.wide != "") != tc.wantWide || !slices.Equal(reads.keys, tc.wantKeys) {
				t.Errorf("readBriefLayouts = keys %q, wide %q; want keys %q, wide %v", reads.keys, reads.wide, tc.wantKeys, tc.wantWide)
			}
		})
	}
}
