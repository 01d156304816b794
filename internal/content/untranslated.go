package content

import "unicode"

// StillLatinShare is the share of Latin letters from which a translation into a language
// not written in Latin letters counts as a copy of its source not yet translated. English
// takes two to three times as many letters as Japanese for the same content (2,511 Latin
// letters in the English Cambodia brief, 890 Japanese ones in its translation), so a page
// half translated, or three-quarters, can still be mostly Latin letters: it is a
// translation under way. A copy of the English with its title and summary translated,
// where a translator starts (build check -new), is above 0.95.
const StillLatinShare = 0.9

// NotYetTranslated reports whether f, a Japanese translation, is still a copy of its
// source: its title, summary and body nearly all Latin letters. The translator check
// reports it as still English, and the site shows the source's page in its place, as for
// a translation not yet written, rather than English text presented as Japanese.
func NotYetTranslated(f *File) bool {
	if f.Lang != "ja" {
		return false
	}
	return LatinShare(f.Front.Title+"\n"+f.Front.Summary+"\n"+f.Body) >= StillLatinShare
}

// LatinShare is the share of Latin letters among the letters of s.
func LatinShare(s string) float64 {
	latin, all := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			all++
			if IsLatinLetter(r) {
				latin++
			}
		}
	}
	if all == 0 {
		return 0
	}
	return float64(latin) / float64(all)
}

// IsLatinLetter reports whether r is a letter of the Latin script's blocks (Basic Latin to
// Latin Extended-B).
func IsLatinLetter(r rune) bool { return r < 0x250 && unicode.IsLetter(r) }
