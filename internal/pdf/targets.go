package pdf

import (
	"fmt"
	"path"
	"strings"
	"time"

	"peacebuilding/internal/site"
)

// Target is a page of the built site to print, and what its PDF must show.
type Target struct {
	Lang string
	// Page is the URL of the printed page, relative to the site root: "en/countries/cambodia/".
	Page string
	// Src is the page's HTML file relative to the site root, slash-separated:
	// "en/countries/cambodia/index.html".
	Src string
	// Out is where the site publishes the PDF, relative to its root:
	// "en/pdf/countries/cambodia.pdf".
	Out string
	// Title and Canonical are texts the PDF must contain: the page's title (the
	// language's site title for a booklet) and its canonical URL.
	Title, Canonical string
	// MaxPages is the most A4 pages the PDF may have; 0 means no limit (a booklet).
	MaxPages int
	// Anchor is a brief's id in its booklet; Briefs are a booklet's briefs in order.
	Anchor string
	Briefs []*site.Page
	// Refs says that a brief prints a list of the pages its text refers to (its page's
	// Refs), which Fits may leave out.
	Refs bool
	// Alone says that the brief starts a page of its own in its booklet (Brief.Alone).
	Alone bool
	// Date, when set, is the PDF's date (Job.Date): the caller knows the pages' dates.
	Date time.Time
}

// BriefPages is the most A4 pages a printed brief may take.
const BriefPages = 2

// Booklet reports whether the target is a booklet (or a part of one).
func (t Target) Booklet() bool { return t.MaxPages == 0 }

// Targets lists the PDFs of a site: every country and theme brief of every language and
// the page that closes its booklet (site.ClosingKey: en/pdf/future.pdf), then the
// language's booklet (/<lang>/print/, <lang>/pdf/booklet.pdf), or each part of a booklet
// in parts (/<lang>/print/2/, <lang>/pdf/booklet-2.pdf), in language and booklet order.
// A brief's PDF mirrors its page's path: en/countries/cambodia/ prints to
// en/pdf/countries/cambodia.pdf.
func Targets(s *site.Site) []Target {
	var out []Target
	for _, lang := range s.Config.LanguageCodes() {
		parts := s.Booklet(lang)
		for _, part := range parts {
			for _, p := range part.Briefs() {
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
					Page:      p.URL,
					Src:       p.URL + "index.html",
					Out:       path.Join(lang, "pdf", strings.TrimPrefix(strings.TrimSuffix(p.URL, "/"), lang+"/")+".pdf"),
					Title:     p.Title,
					Canonical: s.Config.BaseURL + canonical,
					MaxPages:  BriefPages,
					Anchor:    p.Anchor(),
					Refs:      len(p.Refs) > 0,
					Alone:     p.ClosesBooklet(),
				})
			}
		}
		l, _ := s.Config.Language(lang)
		for _, part := range parts {
			name := "booklet.pdf"
			if len(parts) > 1 {
				name = fmt.Sprintf("booklet-%d.pdf", part.Number)
			}
			out = append(out, Target{
				Lang:      lang,
				Page:      part.URL,
				Src:       part.URL + "index.html",
				Out:       path.Join(lang, "pdf", name),
				Title:     l.Title,
				Canonical: s.Config.BaseURL + part.URL,
				Briefs:    part.Briefs(),
			})
		}
	}
	return out
}
