package render

import (
	"bytes"
	"encoding/xml"
	"io/fs"
	"slices"

	"peacebuilding/internal/site"
)

// GlossaryFile is the file of the glossary, whose date is the glossary page's.
const GlossaryFile = "data/glossary.toml"

// Dates returns the date (YYYY-MM-DD) each content file and the glossary last changed,
// by file name ("content/en/countries/cambodia.md"), for the sitemap's lastmod: from
// history (the date of the last commit of each name, from git) where it has one, else
// from the file's modification time in fsys. history may be nil; a file with neither (an
// fstest.MapFS file has no time) has no date.
func Dates(fsys fs.FS, s *site.Site, history func(names []string) map[string]string) map[string]string {
	var names []string
	seen := map[string]bool{}
	for _, p := range s.Pages {
		for _, f := range []string{p.File.Name, p.Master.Name} {
			if !seen[f] {
				seen[f] = true
				names = append(names, f)
			}
		}
	}
	names = append(names, GlossaryFile)
	dates := map[string]string{}
	if history != nil {
		for name, d := range history(names) {
			dates[name] = d
		}
	}
	for _, name := range names {
		if dates[name] != "" {
			continue
		}
		if info, err := fs.Stat(fsys, name); err == nil && !info.ModTime().IsZero() {
			dates[name] = info.ModTime().UTC().Format("2006-01-02")
		}
	}
	return dates
}

// PageDate is the date (YYYY-MM-DD) of a content page, of dates (see Dates): the later of
// its own file's and that of the file it inherits from. "" when neither has one.
func PageDate(p *site.Page, dates map[string]string) string {
	return max(dates[p.File.Name], dates[p.Master.Name])
}

// Sitemap lists every published page: content pages that are not fallbacks, and the
// generated pages of each language, each with xhtml:link alternates for its translations
// and x-default. Fallback copies and the pages kept out of search engines (noIndex: the
// status, search and booklet pages) are left out on purpose. A page's
// lastmod is the latest of dates (see Dates) of the files it shows: a content page's own
// file and the file it inherits from, every file of its language for a page made from the
// whole site (and the glossary for the glossary page), every file for the root.
func Sitemap(s *site.Site, dates map[string]string) []byte {
	type link struct {
		XMLName  xml.Name `xml:"xhtml:link"`
		Rel      string   `xml:"rel,attr"`
		Hreflang string   `xml:"hreflang,attr"`
		Href     string   `xml:"href,attr"`
	}
	type entry struct {
		XMLName xml.Name `xml:"url"`
		Loc     string   `xml:"loc"`
		LastMod string   `xml:"lastmod,omitempty"`
		Links   []link
	}
	var entries []entry
	base := s.Config.BaseURL
	latest := map[string]string{} // language -> the latest date of its files; "" -> of all
	for _, p := range s.Pages {
		for _, f := range []string{p.File.Name, p.Master.Name} {
			latest[p.Lang] = max(latest[p.Lang], dates[f])
			latest[""] = max(latest[""], dates[f])
		}
	}
	lastmod := ""
	add := func(url string, versions map[string]string) {
		e := entry{Loc: base + url, LastMod: lastmod}
		for _, l := range s.Config.Languages {
			if u, ok := versions[l.Code]; ok {
				e.Links = append(e.Links, link{Rel: "alternate", Hreflang: l.Code, Href: base + u})
			}
		}
		if u, ok := versions[s.Config.DefaultLanguage]; ok {
			e.Links = append(e.Links, link{Rel: "alternate", Hreflang: "x-default", Href: base + u})
		}
		entries = append(entries, e)
	}
	for _, p := range s.Pages {
		if p.Fallback {
			continue
		}
		versions := map[string]string{p.Lang: p.URL}
		for _, q := range p.Translations {
			if !q.Fallback {
				versions[q.Lang] = q.URL
			}
		}
		lastmod = PageDate(p, dates)
		add(p.URL, versions)
	}
	for _, l := range s.Config.Languages {
		for _, g := range generated {
			if noIndex(g.layout) {
				continue
			}
			versions := map[string]string{}
			for _, o := range s.Config.Languages {
				versions[o.Code] = o.Code + "/" + g.layout + "/"
			}
			lastmod = latest[l.Code]
			if g.layout == "glossary" {
				lastmod = max(lastmod, dates[GlossaryFile])
			}
			add(l.Code+"/"+g.layout+"/", versions)
		}
	}
	lastmod = max(latest[""], dates[GlossaryFile])
	add("", nil)
	slices.SortStableFunc(entries, func(a, b entry) int {
		if a.Loc < b.Loc {
			return -1
		}
		if a.Loc > b.Loc {
			return 1
		}
		return 0
	})
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	for _, e := range entries {
		_ = enc.Encode(e) // encoding plain strings into a buffer cannot fail
		buf.WriteByte('\n')
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}

// Robots returns robots.txt: everything may be indexed but the status page.
func Robots(s *site.Site) []byte {
	return []byte("User-agent: *\nDisallow: " + s.Config.BasePath() + "status/\n\nSitemap: " + s.Config.BaseURL + "sitemap.xml\n")
}
