package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode/utf16"
)

// Radicals returns the Kangxi radicals (⽇ U+2F47) and supplementary CJK radicals (⺠
// U+2EA0) that the text of a PDF is made of, sorted, each once. A PDF's text is what its
// fonts' ToUnicode maps give for the glyphs drawn, and Chromium writes there the first
// character the font's own map gives for a glyph: a font that draws 日 and ⽇ with one glyph,
// as IPAex Mincho and Gothic do for some 200 kanji, makes 日 copy and search as ⽇. No page
// of the site writes a radical, so any is such a glyph. (pdftotext turns radicals back into
// kanji, which hides them.) The BIZ UD fonts do it for two kanji only, 彐 and 龟, which the
// site does not use.
func Radicals(data []byte) []rune {
	var found []rune
	add := func(r rune) {
		if isRadical(r) {
			found = append(found, r)
		}
	}
	for _, cmap := range toUnicodeMaps(data) {
		for _, m := range bfchar.FindAllSubmatch(cmap, -1) {
			for _, pair := range bfcharPair.FindAllSubmatch(m[1], -1) {
				for _, r := range hexText(pair[2]) {
					add(r)
				}
			}
		}
		for _, m := range bfrange.FindAllSubmatch(cmap, -1) {
			for _, rg := range bfrangeEntry.FindAllSubmatch(m[1], -1) {
				if len(rg[4]) > 0 { // <lo> <hi> [<dst> <dst> …]
					for _, d := range hexString.FindAll(rg[4], -1) {
						for _, r := range hexText(d[1 : len(d)-1]) {
							add(r)
						}
					}
					continue
				}
				lo, hi, dst := hexNumber(rg[1]), hexNumber(rg[2]), hexText(rg[3])
				if len(dst) != 1 || hi < lo {
					continue // a ligature's characters stay as they are in a range
				}
				// The range's characters are dst[0] … dst[0]+hi-lo: those among the radicals.
				for r := max(dst[0], 0x2E80); r <= min(dst[0]+rune(hi-lo), 0x2FDF); r++ {
					add(r)
				}
			}
		}
	}
	slices.Sort(found)
	return slices.Compact(found)
}

// BIZUDPackages are the Debian packages of the Japanese print fonts, Morisawa's BIZ UD
// Mincho and Gothic (TrueType, SIL Open Font License): their text copies as kanji, and
// the Gothic has the bold of Japanese headings.
const BIZUDPackages = "fonts-morisawa-bizud-mincho fonts-morisawa-bizud-gothic"

// RadicalsAdvice says what makes a PDF's text free of radicals (see Radicals).
const RadicalsAdvice = "a Japanese font draws them with the glyphs of their kanji (IPAex does); print with the BIZ UD fonts: apt-get install " + BIZUDPackages

// RadicalList names radicals for a message, at most five: "⽇ (U+2F47), ⽉ (U+2F49)".
func RadicalList(radicals []rune) string {
	var parts []string
	for i, r := range radicals {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("and %d more", len(radicals)-5))
			break
		}
		parts = append(parts, fmt.Sprintf("%c (U+%04X)", r, r))
	}
	return strings.Join(parts, ", ")
}

// isRadical reports whether r is in the blocks of Kangxi radicals or of the CJK radicals
// supplement, which share glyphs with the kanji they stand for in some Japanese fonts.
func isRadical(r rune) bool { return r >= 0x2E80 && r <= 0x2FDF }

var (
	pdfStream    = regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`)
	bfchar       = regexp.MustCompile(`(?s)beginbfchar(.*?)endbfchar`)
	bfcharPair   = regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>`)
	bfrange      = regexp.MustCompile(`(?s)beginbfrange(.*?)endbfrange`)
	bfrangeEntry = regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>|\[([^\]]*)\])`)
	hexString    = regexp.MustCompile(`<[0-9A-Fa-f]+>`)
)

// toUnicodeMaps returns the PDF's character maps (ToUnicode streams), inflated.
func toUnicodeMaps(data []byte) [][]byte {
	var maps [][]byte
	for _, s := range Streams(data) {
		if bytes.Contains(s, []byte("begincmap")) {
			maps = append(maps, s)
		}
	}
	return maps
}

// Streams returns the contents of the PDF's streams, inflated where they are deflated
// (Chromium deflates most, object streams among them).
func Streams(data []byte) [][]byte {
	var out [][]byte
	for _, m := range pdfStream.FindAllSubmatch(data, -1) {
		body := m[1]
		if r, err := zlib.NewReader(bytes.NewReader(body)); err == nil {
			if b, err := io.ReadAll(r); err == nil || len(b) > 0 {
				body = b // a stream cut short still gives what it has
			}
		}
		out = append(out, body)
	}
	return out
}

// hexText decodes the UTF-16BE text of a CMap's destination, <65E5>.
func hexText(h []byte) []rune {
	b := make([]byte, hex.DecodedLen(len(h)))
	if _, err := hex.Decode(b, h); err != nil || len(b)%2 != 0 {
		return nil
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return utf16.Decode(units)
}

// hexNumber is the value of a CMap's source code, <0BEA>.
func hexNumber(h []byte) int {
	n := 0
	for _, c := range h {
		n <<= 4
		switch {
		case c >= '0' && c <= '9':
			n |= int(c - '0')
		case c >= 'a' && c <= 'f':
			n |= int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			n |= int(c-'A') + 10
		}
	}
	return n
}
