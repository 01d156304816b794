package check

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
)

// termIndex checks a pair against the glossary (data/glossary.toml), whose terms pair an
// English form with the official Japanese one:
//
//   - where an English page uses a term, written as the glossary writes it (any case, on
//     word boundaries, line breaks counting as spaces), its Japanese page must write the
//     official Japanese form;
//   - where an English page uses only the abbreviation (case-sensitive: "DAC", also
//     "PKOs"), the Japanese page may write the abbreviation or the official form, since
//     Japanese texts use both ("PKO", "国連平和維持活動");
//   - a variant of the glossary found in a Japanese page is reported, with the official
//     form, unless it is part of an official form that contains it (変種 "平和維持活動"
//     inside the official "国連平和維持活動"). A variant in Latin letters (a misspelt
//     abbreviation, "UNMISSET") is reported in the English page too.
//
// Editors' corrections are left out on both sides: they quote the wrong forms on purpose.
// The glossary has English and Japanese forms only, so other language pairs are skipped.
type termIndex struct {
	terms []indexedTerm
}

type indexedTerm struct {
	glossary.Term
	en       string   // lower case, single spaces
	variants []string // with, for each, the official forms that contain it
	covers   [][]string
}

func newTermIndex(g *glossary.Glossary) *termIndex {
	x := &termIndex{}
	if g == nil {
		return x
	}
	for _, t := range g.Terms {
		it := indexedTerm{Term: t, en: strings.Join(strings.Fields(asciiLower(t.EN)), " ")}
		for _, v := range t.Variants {
			if v == "" {
				continue
			}
			var covers []string
			for _, o := range g.Terms {
				if o.JA != v && strings.Contains(o.JA, v) {
					covers = append(covers, o.JA)
				}
			}
			it.variants = append(it.variants, v)
			it.covers = append(it.covers, covers)
		}
		x.terms = append(x.terms, it)
	}
	return x
}

// side is the texts of one file of a pair, prepared for searching.
type side struct {
	f     *content.File
	texts []string // per unit: Markdown destinations and ids blanked, same byte offsets
	lower []string // the same in ASCII lower case with white space as plain spaces
	all   string   // every text joined, line breaks removed (Japanese wraps anywhere)
	fold  string   // all, with full-width Latin letters folded to ASCII
	// texts and lower joined by NUL, which no term contains: a term absent from these is
	// in no unit, found with one search instead of one per unit.
	textsAll, lowerAll string
}

func newSide(f *content.File, us []unit, pick func(unit) text) side {
	s := side{f: f}
	var all strings.Builder
	for _, u := range us {
		t := plain(pick(u).s)
		s.texts = append(s.texts, t)
		s.lower = append(s.lower, strings.Map(func(r rune) rune {
			if r == '\n' || r == '\t' || r == '\r' {
				return ' '
			}
			return r
		}, asciiLower(t)))
		all.WriteString(strings.ReplaceAll(t, "\n", ""))
		all.WriteByte('\n')
	}
	s.all = all.String()
	s.textsAll = strings.Join(s.texts, "\x00")
	s.lowerAll = strings.Join(s.lower, "\x00")
	s.fold = strings.Map(foldWidth, s.all)
	return s
}

func (x *termIndex) check(all []unit, src, dst *content.File) []Problem {
	if len(x.terms) == 0 || src.Lang != "en" || dst.Lang != "ja" {
		return nil
	}
	var us []unit
	for _, u := range all {
		if !strings.HasPrefix(u.where, "correction ") {
			us = append(us, u)
		}
	}
	en := newSide(src, us, func(u unit) text { return u.src })
	ja := newSide(dst, us, func(u unit) text { return u.dst })
	var out []Problem
	add := func(u unit, msg string, s, d Loc) {
		out = append(out, Problem{Check: "glossary", Where: u.where, Message: msg, Source: s, Translation: d})
	}
	for _, t := range x.terms {
		i, off, isAbbr := en.find(t)
		if i < 0 {
			continue
		}
		u := us[i]
		switch {
		case strings.Contains(ja.all, t.JA):
			continue
		case isAbbr && indexWordPlural(ja.fold, t.Abbr) >= 0:
			continue
		}
		n, want := len(t.en), t.JA
		if isAbbr {
			n, want = len(t.Abbr), t.Abbr+" or "+t.JA
		}
		found := strings.Join(strings.Fields(en.texts[i][off:off+n]), " ")
		add(u, fmt.Sprintf("%q is used in en; the ja page should write %s", found, want),
			Loc{File: src.Name, Line: u.src.lineAt(off), Text: found},
			Loc{File: dst.Name, Line: u.dst.line})
	}
	// Variants, in unit order, each occurrence once.
	for i, u := range us {
		for _, m := range x.variants(en.texts[i], true) {
			add(u, variantMessage(m.term, m.variant), Loc{File: src.Name, Line: u.src.lineAt(m.start), Text: m.variant}, Loc{File: dst.Name, Line: u.dst.line})
		}
		for _, m := range x.variants(ja.texts[i], false) {
			add(u, variantMessage(m.term, m.variant), Loc{File: src.Name, Line: u.src.line}, Loc{File: dst.Name, Line: u.dst.lineAt(m.start), Text: m.variant})
		}
	}
	return out
}

func variantMessage(t *indexedTerm, v string) string {
	want := t.JA
	if isLatin(v) && t.Abbr != "" {
		want = t.Abbr
	}
	return fmt.Sprintf("%s is not the official form of %q: write %s", v, t.EN, want)
}

// find returns the unit and byte offset of the first use of t in the English texts:
// the term itself, or else its abbreviation.
func (s side) find(t indexedTerm) (unit, offset int, abbr bool) {
	if strings.Contains(s.lowerAll, t.en) {
		for i, l := range s.lower {
			if off := indexWord(l, t.en); off >= 0 {
				return i, off, false
			}
		}
	}
	if t.Abbr != "" && strings.Contains(s.textsAll, t.Abbr) {
		for i, txt := range s.texts {
			if off := indexWordPlural(txt, t.Abbr); off >= 0 {
				return i, off, true
			}
		}
	}
	return -1, 0, false
}

type variantMatch struct {
	term       *indexedTerm
	variant    string
	start, end int
}

// variants finds the glossary variants in one text: those in Latin letters only when
// latinOnly is set (an English text).
func (x *termIndex) variants(txt string, latinOnly bool) []variantMatch {
	var ms []variantMatch
	for ti := range x.terms {
		t := &x.terms[ti]
		for vi, v := range t.variants {
			latin := isLatin(v)
			if latinOnly && !latin {
				continue
			}
			for off := 0; off < len(txt); {
				var i int
				if latin {
					i = indexWordPlural(txt[off:], v)
				} else {
					i = strings.Index(txt[off:], v)
				}
				if i < 0 {
					break
				}
				start := off + i
				off = start + len(v)
				if !coveredBy(txt, start, len(v), t.covers[vi]) {
					ms = append(ms, variantMatch{t, v, start, start + len(v)})
				}
			}
		}
	}
	// A shorter variant inside a longer one found at the same place is the same mistake.
	ms = slices.DeleteFunc(ms, func(m variantMatch) bool {
		return slices.ContainsFunc(ms, func(o variantMatch) bool {
			return o != m && o.start <= m.start && m.end <= o.end && o.end-o.start > m.end-m.start
		})
	})
	slices.SortStableFunc(ms, func(a, b variantMatch) int { return a.start - b.start })
	return ms
}

// coveredBy reports whether the n bytes at start are inside an occurrence of one of forms.
func coveredBy(txt string, start, n int, forms []string) bool {
	for _, f := range forms {
		for from := max(0, start-len(f)+n); from <= start; {
			i := strings.Index(txt[from:], f)
			if i < 0 || from+i > start {
				break
			}
			if from+i+len(f) >= start+n {
				return true
			}
			from += i + 1
		}
	}
	return false
}

// indexWord returns the offset of the first occurrence of w in s that starts and ends on
// a word boundary, or -1.
func indexWord(s, w string) int {
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return -1
		}
		start, end := off+i, off+i+len(w)
		if boundary(s, start, end) {
			return start
		}
		off = start + 1
	}
	return -1
}

// indexWordPlural is indexWord that also accepts a plural "s" (PKOs).
func indexWordPlural(s, w string) int {
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return -1
		}
		start, end := off+i, off+i+len(w)
		if boundary(s, start, end) || strings.HasPrefix(s[end:], "s") && boundary(s, start, end+1) {
			return start
		}
		off = start + 1
	}
	return -1
}

// boundary reports whether s[start:end] is a whole word: no letter or digit touches it.
// Japanese letters count as a boundary for a Latin word (PKO参加), not for a Japanese one.
func boundary(s string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:start])
	after, _ := utf8.DecodeRuneInString(s[end:])
	return !wordRune(before) && !wordRune(after)
}

func wordRune(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) || unicode.Is(unicode.Latin, r)
}

func isLatin(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= utf8.RuneSelf }) < 0
}

// asciiLower lowers ASCII letters only, so that byte offsets stay those of s.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// foldWidth maps full-width Latin letters and digits to ASCII: ＰＫＯ is PKO.
func foldWidth(r rune) rune {
	switch {
	case r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ', r >= '０' && r <= '９':
		return r - 0xFEE0
	}
	return r
}

var (
	linkDest = regexp.MustCompile(`\]\([^)\n]*\)`)
	headID   = regexp.MustCompile(`\{#[^}\n]*\}`)
	bareURL  = regexp.MustCompile(`(?i)https?://[^\s<>"）)]+`)
	refDef   = regexp.MustCompile(`(?m)^ {0,3}\[[^\]^\n]+\]:[ \t]*\S+`)
)

// plain blanks the parts of Markdown that are not text (link destinations, heading ids,
// URLs, reference definitions) with spaces, keeping every byte offset.
func plain(s string) string {
	b := []byte(s)
	blank := func(re *regexp.Regexp, from int) {
		for _, m := range re.FindAllIndex(b, -1) {
			for i := m[0] + from; i < m[1]; i++ {
				if b[i] != '\n' {
					b[i] = ' '
				}
			}
		}
	}
	// Each expression needs a literal that most texts lack; looking for it first skips
	// the regexp's slow scan of the whole text.
	if bytes.Contains(b, []byte("](")) {
		blank(linkDest, 1)
	}
	if bytes.Contains(b, []byte("{#")) {
		blank(headID, 0)
	}
	if bytes.Contains(b, []byte("://")) {
		blank(bareURL, 0)
	}
	if bytes.Contains(b, []byte("]:")) {
		blank(refDef, 0)
	}
	return string(b)
}
