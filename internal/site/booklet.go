package site

import "strconv"

// BookletPart is one page of a language's print booklet, which holds every country brief
// and then every theme brief of the language, in section order.
type BookletPart struct {
	Number int    // from 1
	URL    string // "en/print/" for a booklet in one part, else "en/print/2/"
	// Countries and Themes are the briefs of this part, in booklet order; either may be
	// empty in a booklet in parts.
	Countries, Themes []*Page
}

// Booklet splits the print booklet of lang into parts of at most Config.BookletPartSize
// briefs. A booklet within that size is one part at lang/print/. A larger one is parts
// at lang/print/1/, lang/print/2/, ..., and lang/print/ lists them: one page of
// thousands of briefs would be a document of tens of megabytes, which a browser can
// hardly open and no one prints.
func (s *Site) Booklet(lang string) []BookletPart {
	countries, themes := s.Section(lang, KindCountry), s.Section(lang, KindTheme)
	size := s.Config.BookletPartSize
	if size < 1 || len(countries)+len(themes) <= size {
		return []BookletPart{{Number: 1, URL: lang + "/print/", Countries: countries, Themes: themes}}
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
	return parts
}
