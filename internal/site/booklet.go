package site

import "strconv"

// BookletPart is one page of a language's print booklet, which holds every country brief
// and then every theme brief of the language, in section order, and closes with Japan's
// future efforts, as the source does.
type BookletPart struct {
	Number int    // from 1
	URL    string // "en/print/" for a booklet in one part, else "en/print/2/"
	// Countries and Themes are the briefs of this part, in booklet order; either may be
	// empty in a booklet in parts.
	Countries, Themes []*Page
	// Closing is the page that closes the booklet (ClosingKey), in its last part; nil in
	// the other parts and in a language without the page.
	Closing *Page
}

// Last is the part's last page: its closing page, or else its last brief; nil in a part
// without pages (the contents page of a booklet in parts). The part's colophon follows it.
func (p BookletPart) Last() *Page {
	switch {
	case p.Closing != nil:
		return p.Closing
	case len(p.Themes) > 0:
		return p.Themes[len(p.Themes)-1]
	case len(p.Countries) > 0:
		return p.Countries[len(p.Countries)-1]
	}
	return nil
}

// ClosingKey is the key of the page that closes the print booklet: the briefs refer to
// Japan's future efforts, which a booklet without it would leave a reader unable to find.
const ClosingKey = "future"

// Briefs are the pages the part shows, in order: its countries, its themes and the
// closing page.
func (b BookletPart) Briefs() []*Page {
	out := make([]*Page, 0, len(b.Countries)+len(b.Themes)+1)
	out = append(append(out, b.Countries...), b.Themes...)
	if b.Closing != nil {
		out = append(out, b.Closing)
	}
	return out
}

// ClosesBooklet reports whether p is the page that closes its language's print booklet.
func (p *Page) ClosesBooklet() bool { return p.Kind == KindStandalone && p.Key == ClosingKey }

// Booklet splits the print booklet of lang into parts of at most Config.BookletPartSize
// briefs (the closing page comes after them, in the last). A booklet within that size is one part at lang/print/. A larger one is parts
// at lang/print/1/, lang/print/2/, ..., and lang/print/ lists them: one page of
// thousands of briefs would be a document of tens of megabytes, which a browser can
// hardly open and no one prints.
func (s *Site) Booklet(lang string) []BookletPart {
	countries, themes := s.Section(lang, KindCountry), s.Section(lang, KindTheme)
	closing := s.Lookup(lang, ClosingKey)
	if closing != nil && !closing.ClosesBooklet() {
		closing = nil
	}
	size := s.Config.BookletPartSize
	if size < 1 || len(countries)+len(themes) <= size {
		return []BookletPart{{Number: 1, URL: lang + "/print/", Countries: countries, Themes: themes, Closing: closing}}
	}
	var parts []BookletPart
	for start := 0; start < len(countries)+len(themes); start += size {
		end := min(start+size, len(countries)+len(themes))
		n := len(parts) + 1
		parts = append(parts, BookletPart{
			Number:    n,
			URL:       lang + "/print/" + strconv.Itoa(n) + "/",
			Countries: countries[min(start, len(countries)):min(end, len(countries))],
			Themes:    themes[max(start-len(countries), 0):max(end-len(countries), 0)],
		})
	}
	parts[len(parts)-1].Closing = closing
	return parts
}
