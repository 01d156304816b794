package render

import (
	"bytes"
	"encoding/xml"
	"slices"

	"peacebuilding/internal/site"
)

// Sitemap lists every published page: content pages that are not fallbacks, and the
// generated pages of each language, each with xhtml:link alternates for its translations
// and x-default. Fallback copies and the status page are left out on purpose.
func Sitemap(s *site.Site) []byte {
	type link struct {
		XMLName  xml.Name `xml:"xhtml:link"`
		Rel      string   `xml:"rel,attr"`
		Hreflang string   `xml:"hreflang,attr"`
		Href     string   `xml:"href,attr"`
	}
	type entry struct {
		XMLName xml.Name `xml:"url"`
		Loc     string   `xml:"loc"`
		Links   []link
	}
	var entries []entry
	base := s.Config.BaseURL
	add := func(url string, versions map[string]string) {
		e := entry{Loc: base + url}
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
		add(p.URL, versions)
	}
	booklets := map[string][]site.BookletPart{}
	for _, l := range s.Config.Languages {
		booklets[l.Code] = s.Booklet(l.Code)
	}
	for _, l := range s.Config.Languages {
		for _, g := range generated {
			versions := map[string]string{}
			for _, o := range s.Config.Languages {
				versions[o.Code] = o.Code + "/" + g.layout + "/"
			}
			add(l.Code+"/"+g.layout+"/", versions)
		}
		// The parts of a booklet in parts, each with the part of the same number in
		// the other languages (as bookletPartView links them).
		if parts := booklets[l.Code]; len(parts) > 1 {
			for _, part := range parts {
				versions := map[string]string{}
				for _, o := range s.Config.Languages {
					if other := booklets[o.Code]; len(other) >= part.Number {
						versions[o.Code] = other[part.Number-1].URL
					}
				}
				add(part.URL, versions)
			}
		}
	}
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
