package pdf

import (
	"fmt"
	"path"

	"peacebuilding/internal/site"
)

// Target is a page of the built site to print, and what its PDF must show.
type Target struct {
	Lang string
	// Src is the page's HTML file relative to the output folder, slash-separated:
	// "en/countries/cambodia/index.html".
	Src string
	// Out is the PDF's path relative to the PDF folder: "en/cambodia.pdf".
	Out string
	// Title and Canonical are texts the PDF must contain: the page's title (the
	// language's site title for a booklet) and its canonical URL.
	Title, Canonical string
	// MaxPages is the most A4 pages the PDF may have; 0 means no limit.
	MaxPages int
}

// BriefPages is the most A4 pages a printed country brief may take.
const BriefPages = 2

// Targets lists the PDFs of a site: every country brief of every language, then the
// language's booklet (/<lang>/print/, <lang>/booklet.pdf), or each part of a booklet in
// parts (/<lang>/print/2/, <lang>/booklet-2.pdf), in language and page order.
func Targets(s *site.Site) []Target {
	var out []Target
	for _, lang := range s.Config.LanguageCodes() {
		for _, p := range s.Section(lang, site.KindCountry) {
			// A fallback page is a copy of the other language's page and names that
			// page as canonical, as the layouts do.
			canonical := p.URL
			if p.Fallback {
				if orig := s.Lookup(p.TextLang(), p.Key); orig != nil {
					canonical = orig.URL
				}
			}
			out = append(out, Target{
				Lang:      lang,
				Src:       p.URL + "index.html",
				Out:       path.Join(lang, p.Slug+".pdf"),
				Title:     p.Title,
				Canonical: s.Config.BaseURL + canonical,
				MaxPages:  BriefPages,
			})
		}
		l, _ := s.Config.Language(lang)
		parts := s.Booklet(lang)
		for _, part := range parts {
			name := "booklet.pdf"
			if len(parts) > 1 {
				name = fmt.Sprintf("booklet-%d.pdf", part.Number)
			}
			out = append(out, Target{
				Lang:      lang,
				Src:       part.URL + "index.html",
				Out:       path.Join(lang, name),
				Title:     l.Title,
				Canonical: s.Config.BaseURL + part.URL,
			})
		}
	}
	return out
}
