package render

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"peacebuilding/internal/glossary"
	"peacebuilding/internal/site"
)

// The glossary page: its terms grouped under initials (A–Z, あかさたな…) to jump to, and
// for each term the pages that use it.

// GlossaryEntry is a term of the glossary page.
type GlossaryEntry struct {
	glossary.Term
	Initial string
	// First marks the first term of its initial: its row carries the initial's id.
	First  bool
	UsedIn []*site.Page // the pages of this language that use the term: briefs, then the others
}

// usedInShown is how many of a term's pages the glossary lists before the others are
// folded away; a term used in up to usedInShown+2 lists them all (folding one or two
// saves nothing). Place names and the commonest terms are used in 10 to 20 briefs, and
// listing them all made the page on a phone some 33,000 px tall.
const usedInShown = 5

// UsedFirst are the pages the glossary lists for the term; UsedMore the others, folded
// away (a <details>), none for most terms.
func (e GlossaryEntry) UsedFirst() []*site.Page {
	if len(e.UsedIn) <= usedInShown+2 {
		return e.UsedIn
	}
	return e.UsedIn[:usedInShown]
}

// UsedMore: see UsedFirst.
func (e GlossaryEntry) UsedMore() []*site.Page {
	if len(e.UsedIn) <= usedInShown+2 {
		return nil
	}
	return e.UsedIn[usedInShown:]
}

// GlossaryInitial is one jump link of the glossary page; Has is false for an initial
// without terms (shown, not linked).
type GlossaryInitial struct {
	Label, ID string
	Has       bool
}

// InitialID is the id of the first term of an initial: "initial-A", "initial-あ".
func InitialID(initial string) string { return "initial-" + initial }

// GlossaryEntries are the terms in this language's order, with their initials and uses.
func (v *View) GlossaryEntries() []GlossaryEntry {
	terms := v.Glossary()
	used := v.termUses(terms)
	out := make([]GlossaryEntry, len(terms))
	seen := map[string]bool{}
	for i, t := range terms {
		in := t.Initial(v.Lang)
		out[i] = GlossaryEntry{Term: t, Initial: in, First: in != "" && !seen[in], UsedIn: used[i]}
		seen[in] = true
	}
	return out
}

// GlossaryInitials are the jump links of the glossary page.
func (v *View) GlossaryInitials() []GlossaryInitial {
	has := map[string]bool{}
	for _, t := range v.Site.Glossary.Terms {
		has[t.Initial(v.Lang)] = true
	}
	var out []GlossaryInitial
	for _, in := range glossary.Initials(v.Lang) {
		out = append(out, GlossaryInitial{Label: in, ID: InitialID(in), Has: has[in]})
	}
	return out
}

// termUses finds, for each term, the pages of this language whose text (title, summary,
// body, facts, figures, events) uses it: on an English page its English form in any case
// on word boundaries (a plural "s" allowed) or its abbreviation as written; on a Japanese
// page its official form or its abbreviation. Fallback copies are left out: their text is
// the other language's page's.
//
// Each page's text is read once: a term is looked for only where the word (English) or
// the pair of characters (Japanese) it starts with occurs, so the work grows with the
// text and not with the number of terms times the text. The page's text is made in one
// buffer reused for every page.
func (v *View) termUses(terms []glossary.Term) [][]*site.Page {
	ix := newTermIndex(terms, v.Lang == "ja")
	uses := make([][]*site.Page, len(terms))
	foundOn := make([]int, len(terms)) // 1 + the number of the last page that uses the term
	var text, lower []byte
	n := 0
	// The briefs first, then the pages that are not briefs: a term of the home page or
	// the sources alone is used there, not nowhere.
	for _, kind := range []site.Kind{site.KindCountry, site.KindTheme, site.KindHome, site.KindSection, site.KindStandalone} {
		for _, p := range v.Site.Section(v.Lang, kind) {
			if p.Fallback {
				continue
			}
			n++
			text = appendPageText(text[:0], p)
			lower = appendASCIILower(lower[:0], text) // byte for byte: positions stay the same
			ix.scan(text, lower, func(term int) {
				if foundOn[term] != n {
					foundOn[term] = n
					uses[term] = append(uses[term], p)
				}
			})
		}
	}
	return uses
}

// termIndex holds the forms of the glossary's terms by what they start with: their first
// word in English (as written for an abbreviation, lower case for an English form), their
// first two characters in Japanese.
type termIndex struct {
	ja     bool
	byWord map[string][]termForm
	byPair map[runePair][]termForm
	// maybe has a bit for each key of byWord and byPair (see wordBit and pairBit): most
	// words and pairs of characters of a text start no term, and a bit is cheaper to test
	// than a map.
	maybe [1 << 16 / 64]uint64
}

// wordBit is the bit of maybe for a word: its first byte in lower case and its length.
func wordBit(w []byte) uint16 {
	c := w[0]
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	return uint16(c)<<8 | uint16(min(len(w), 255))
}

// pairBit is the bit of maybe for a pair of characters.
func pairBit(p runePair) uint16 { return uint16(p[0]*31 + p[1]) }

func (ix *termIndex) set(bit uint16)      { ix.maybe[bit/64] |= 1 << (bit % 64) }
func (ix *termIndex) has(bit uint16) bool { return ix.maybe[bit/64]&(1<<(bit%64)) != 0 }

type termForm struct {
	term int
	text string // lower case for an English form
	fold bool   // compare in lower case
}

// runePair is a pair of characters; the second is 0 at the end of a text.
type runePair [2]rune

func newTermIndex(terms []glossary.Term, ja bool) *termIndex {
	ix := &termIndex{ja: ja, byWord: map[string][]termForm{}, byPair: map[runePair][]termForm{}}
	add := func(i int, text string, fold bool) {
		if text == "" {
			return
		}
		if fold {
			text = asciiLower(text)
		}
		f := termForm{i, text, fold}
		if ja {
			k := pairAt([]byte(text))
			ix.byPair[k] = append(ix.byPair[k], f)
			ix.set(pairBit(k))
			return
		}
		k := firstWord([]byte(text))
		ix.byWord[string(k)] = append(ix.byWord[string(k)], f)
		if len(k) > 0 {
			ix.set(wordBit(k))
		}
	}
	for i, t := range terms {
		if ja {
			add(i, t.JA, false)
			add(i, t.Abbr, false)
		} else {
			add(i, t.EN, true)
			add(i, t.EnglishAbbr(), false)
		}
	}
	return ix
}

// scan calls found with the term of every form that occurs in text; lower is text with
// its ASCII letters lowered.
func (ix *termIndex) scan(text, lower []byte, found func(term int)) {
	check := func(pos int, forms []termForm) {
		for _, f := range forms {
			src := text
			if f.fold {
				src = lower
			}
			if bytes.HasPrefix(src[pos:], []byte(f.text)) && (ix.ja || wordEnd(src, pos+len(f.text))) {
				found(f.term)
			}
		}
	}
	if ix.ja {
		// Each character is decoded once: it is the second of one pair, then the first
		// of the next.
		r0, n0 := utf8.DecodeRune(text)
		for pos := 0; pos < len(text); {
			var r1 rune
			n1 := 0
			if pos+n0 < len(text) {
				r1, n1 = utf8.DecodeRune(text[pos+n0:])
			}
			if k := (runePair{r0, r1}); ix.has(pairBit(k)) {
				check(pos, ix.byPair[k])
			}
			pos += n0
			r0, n0 = r1, n1
		}
		return
	}
	// From word to word: a word starts after a character that is not a letter or digit.
	for pos := 0; pos < len(text); {
		if r, size := utf8.DecodeRune(text[pos:]); !wordRune(r) {
			pos += size
			continue
		}
		key := firstWord(text[pos:])
		if ix.has(wordBit(key)) {
			check(pos, ix.byWord[string(key)])
			if lk := lower[pos : pos+len(key)]; !bytes.Equal(lk, key) {
				check(pos, ix.byWord[string(lk)])
			}
		}
		pos += len(key)
	}
}

// pairAt is the first two characters of s.
func pairAt(s []byte) runePair {
	r0, n := utf8.DecodeRune(s)
	var r1 rune
	if n < len(s) {
		r1, _ = utf8.DecodeRune(s[n:])
	}
	return runePair{r0, r1}
}

// firstWord is s up to its first character that is not a letter or digit.
func firstWord(s []byte) []byte {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRune(s[i:])
		if !wordRune(r) {
			return s[:i]
		}
		i += size
	}
	return s
}

func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wordEnd reports whether a word ends at i of s, after an optional plural "s" or "es".
func wordEnd(s []byte, i int) bool {
	for _, plural := range []string{"", "s", "es"} {
		if j := i + len(plural); bytes.HasPrefix(s[i:], []byte(plural)) && (j == len(s) || !wordRune(firstRune(s[j:]))) {
			return true
		}
	}
	return false
}

func firstRune(s []byte) rune { r, _ := utf8.DecodeRune(s); return r }

// asciiLower lowers the ASCII letters of s and leaves every other byte as it is.
func asciiLower(s string) string { return string(appendASCIILower(nil, []byte(s))) }

func appendASCIILower(dst, s []byte) []byte {
	for _, c := range s {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// appendPageText appends the text a reader sees of a page, without markup.
func appendPageText(b []byte, p *site.Page) []byte {
	line := func(s string) { b = append(append(b, s...), '\n') }
	line(p.Title)
	line(p.Summary)
	if f := p.Facts; f != nil {
		line(f.OfficialName)
		line(f.Capital)
		line(strings.Join(f.Languages, "\n"))
	}
	for _, f := range p.Figures {
		line(f.Label)
	}
	for _, e := range p.Events {
		line(e.Text)
	}
	body := string(p.Body())
	for {
		lt := strings.IndexByte(body, '<')
		if lt < 0 {
			break
		}
		b = append(b, html.UnescapeString(body[:lt])...)
		gt := strings.IndexByte(body[lt:], '>')
		if gt < 0 {
			body = ""
			break
		}
		b = append(b, ' ')
		body = body[lt+gt+1:]
	}
	return append(b, html.UnescapeString(body)...)
}
