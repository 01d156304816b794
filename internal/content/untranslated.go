package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

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
	f.needsBody("NotYetTranslated")
	// Counted part by part: joined, the texts would be a copy of every body.
	latin, all := 0, 0
	for _, s := range []string{f.Front.Title, f.Front.Summary} {
		l, a := countLetters(s)
		latin, all = latin+l, all+a
	}
	l, a := countTextLetters(f.Body)
	latin, all = latin+l, all+a
	return all > 0 && float64(latin) >= StillLatinShare*float64(all)
}

// countTextLetters counts the letters of a Markdown body as countLetters does, but not
// those of link destinations (](../themes/ddr.md)) or heading ids ({#peace-process}),
// which are Latin in either language: counted, they made a Japanese page look less
// translated than its text is.
func countTextLetters(body string) (latin, all int) {
	for body != "" {
		i := strings.Index(body, "](")
		j := strings.Index(body, "{#")
		cut, end := i, ")"
		if i < 0 || j >= 0 && j < i {
			cut, end = j, "}"
		}
		if cut < 0 {
			cut = len(body)
		}
		l, a := countLetters(body[:cut])
		latin, all = latin+l, all+a
		body = body[cut:]
		if body == "" {
			break
		}
		if k := strings.Index(body, end); k >= 0 {
			body = body[k+1:]
		} else {
			body = ""
		}
	}
	return latin, all
}

// LatinShare is the share of Latin letters among the letters of s.
func LatinShare(s string) float64 {
	latin, all := countLetters(s)
	if all == 0 {
		return 0
	}
	return float64(latin) / float64(all)
}

// countLetters counts the letters of s, and those of them that are Latin. Every file of a
// translation is counted, by the build and by the check: ASCII, kana and the common
// kanji, nearly all of a page, are told without the Unicode tables.
func countLetters(s string) (latin, all int) {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'a' <= c|0x20 && c|0x20 <= 'z' {
				latin++
				all++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case 0x3041 <= r && r <= 0x3096, 0x309d <= r && r <= 0x309f, 0x30a1 <= r && r <= 0x30fa, 0x30fc <= r && r <= 0x30ff, 0x4e00 <= r && r <= 0x9fff:
			all++ // hiragana, katakana (not their marks, ゠ or ・) and the CJK Unified Ideographs
		case unicode.IsLetter(r):
			all++
			if IsLatinLetter(r) {
				latin++
			}
		}
	}
	return latin, all
}

// IsLatinLetter reports whether r is a letter of the Latin script's blocks (Basic Latin to
// Latin Extended-B).
func IsLatinLetter(r rune) bool { return r < 0x250 && unicode.IsLetter(r) }

// TextLine is the file line of the body's first line of text (BodyLine if it has none).
func (f *File) TextLine() int {
	f.needsBody("TextLine")
	at := strings.IndexFunc(f.Body, func(r rune) bool { return !unicode.IsSpace(r) })
	if at < 0 {
		return f.BodyLine
	}
	return f.BodyLine + strings.Count(f.Body[:at], "\n")
}
