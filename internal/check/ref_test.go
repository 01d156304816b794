package check

// The glossary check, plain, count and sections as they were before the matcher
// (matcher.go), the hand-written scans and the one-pass counter replaced them, or a test
// before the regexps skipped most lines: straightforward searches, one term at a time,
// regular expressions and strings.Fields. The tests compare the new code with them on
// varied input.

import (
	"bytes"
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
)

type refTermIndex struct {
	terms []refIndexedTerm
}

// officialSpans returns the byte spans of text that are official Japanese forms of terms.
func (x *refTermIndex) officialSpans(text string) [][2]int {
	var out [][2]int
	for _, t := range x.terms {
		for i := 0; t.JA != ""; {
			k := strings.Index(text[i:], t.JA)
			if k < 0 {
				break
			}
			out = append(out, [2]int{i + k, i + k + len(t.JA)})
			i += k + 1
		}
	}
	return out
}

type refIndexedTerm struct {
	glossary.Term
	en string // lower case, single spaces
	// variants are the forms not to write, with, for each, whether it is a mistake in a
	// Japanese text only and the official forms that contain it.
	variants []string
	jaOnly   []bool
	covers   [][]string
	longer   []string // the English forms of other terms that contain en
}

func newRefTermIndex(g *glossary.Glossary) *refTermIndex {
	x := &refTermIndex{}
	if g == nil {
		return x
	}
	for _, t := range g.Terms {
		it := refIndexedTerm{Term: t, en: strings.Join(strings.Fields(asciiLower(t.EN)), " ")}
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
			it.jaOnly = append(it.jaOnly, false)
			it.covers = append(it.covers, covers)
		}
		if t.EnAbbr != "" {
			it.variants = append(it.variants, t.EnAbbr)
			it.jaOnly = append(it.jaOnly, true)
			it.covers = append(it.covers, nil)
		}
		x.terms = append(x.terms, it)
	}
	// Once per glossary rather than per term and file pair: the search is over every term.
	for i, t := range x.terms {
		for _, o := range x.terms {
			if len(o.en) > len(t.en) && strings.Contains(o.en, t.en) {
				x.terms[i].longer = append(x.terms[i].longer, o.en)
			}
		}
	}
	return x
}

// refSide is the texts of one file of a pair, prepared for searching.
type refSide struct {
	f     *content.File
	texts []string // per unit: Markdown destinations and ids blanked, same byte offsets
	lower []string // the same in ASCII lower case with white space as plain spaces
	all   string   // every text joined, line breaks removed (Japanese wraps anywhere)
	fold  string   // all, with full-width Latin letters folded to ASCII
	// texts and lower joined by NUL, which no term contains: a term absent from these is
	// in no unit, found with one search instead of one per unit.
	textsAll, lowerAll string
}

func refNewSide(f *content.File, us []unit, pick func(unit) text) refSide {
	s := refSide{f: f}
	var all strings.Builder
	for _, u := range us {
		t := refPlain(pick(u).s)
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

func (x *refTermIndex) check(all []unit, src, dst *content.File) []Problem {
	if len(x.terms) == 0 || src.Lang != "en" || dst.Lang != "ja" {
		return nil
	}
	var us []unit
	for _, u := range all {
		if !strings.HasPrefix(u.where, "correction ") {
			us = append(us, u)
		}
	}
	en := refNewSide(src, us, func(u unit) text { return u.src })
	ja := refNewSide(dst, us, func(u unit) text { return u.dst })
	var out []Problem
	add := func(u unit, msg string, s, d Loc) {
		out = append(out, Problem{Check: "glossary", Where: u.where, Message: msg, Source: s, Translation: d})
	}
	// A term written in a variant is reported as that variant, not also as missing.
	inVariant := map[*refIndexedTerm]map[int]bool{}
	for i := range us {
		for _, m := range x.variants(ja.texts[i], false) {
			if inVariant[m.term] == nil {
				inVariant[m.term] = map[int]bool{}
			}
			inVariant[m.term][i] = true
		}
	}
	missing := map[int]bool{}
	for ti, t := range x.terms {
		i, off, isAbbr := en.find(t, t.longer)
		if i < 0 {
			continue
		}
		u := us[i]
		switch {
		case hasForm(ja.all, &t.Term), len(inVariant[&x.terms[ti]]) > 0:
			continue
		case isAbbr && t.Abbr != "" && indexWordPlural(ja.fold, t.Abbr) >= 0:
			continue
		}
		n, want := len(t.en), t.JA
		switch {
		case isAbbr && t.Abbr != "":
			n, want = len(t.Abbr), t.Abbr+" or "+t.JA
		case isAbbr:
			n = len(t.EnAbbr)
		}
		found := strings.Join(strings.Fields(en.texts[i][off:off+n]), " ")
		missing[ti] = true
		// Where a near form is is told alike (nearMiss), after the matching.
		msg, at := nearMiss(fmt.Sprintf("%q is used in en; the ja page should write %s", found, want), t.JA, t.Kind == "person", x.officialSpans, &u, off, dst.Name)
		add(u, msg, u.src.locAt(src.Name, off, found), at)
	}
	// Part by part (each section of the body, the title, each event and figure label),
	// for the terms the page has.
	for ti, t := range x.terms {
		if missing[ti] {
			continue
		}
		for i, u := range us {
			off := indexWordOutside(en.lower[i], t.en, t.longer)
			if !standsAlone(&u) || off < 0 {
				continue
			}
			one := strings.ReplaceAll(ja.texts[i], "\n", "")
			if hasForm(one, &t.Term) || t.Abbr != "" && indexWordPlural(strings.Map(foldWidth, one), t.Abbr) >= 0 || inVariant[&x.terms[ti]][i] {
				continue
			}
			found := strings.Join(strings.Fields(en.texts[i][off:off+len(t.en)]), " ")
			msg, at := nearMiss(fmt.Sprintf("%q is used in this part in en; the ja text of this part should write %s", found, t.JA), t.JA, t.Kind == "person", x.officialSpans, &u, off, dst.Name)
			add(u, msg, u.src.locAt(src.Name, off, found), at)
		}
	}
	// Variants, in unit order, each occurrence once.
	for i, u := range us {
		for _, m := range x.variants(en.texts[i], true) {
			add(u, refVariantMessage(m.term, m.variant, true), u.src.locAt(src.Name, m.start, m.variant), Loc{File: dst.Name, Line: u.dst.line()})
		}
		for _, m := range x.variants(ja.texts[i], false) {
			add(u, refVariantMessage(m.term, m.variant, false), termLoc(src.Name, u.src, m.term.EN), u.dst.locAt(dst.Name, m.start, m.variant))
		}
	}
	return out
}

func refVariantMessage(t *refIndexedTerm, v string, english bool) string {
	want := t.JA
	switch {
	case isLatin(v) && english && cmp.Or(t.Abbr, t.EnAbbr) != "":
		want = cmp.Or(t.Abbr, t.EnAbbr)
	case isLatin(v) && !english && t.Abbr != "":
		want = t.Abbr
	}
	return fmt.Sprintf("%s is not the official form of %q: write %s", v, t.EN, want)
}

// find returns the unit and byte offset of the first use of t in the English texts:
// the term itself, or else its abbreviation.
func (s refSide) find(t refIndexedTerm, longer []string) (unit, offset int, abbr bool) {
	if strings.Contains(s.lowerAll, t.en) {
		for i, l := range s.lower {
			if off := indexWordOutside(l, t.en, longer); off >= 0 {
				return i, off, false
			}
		}
	}
	if abbr := cmp.Or(t.Abbr, t.EnAbbr); abbr != "" && strings.Contains(s.textsAll, abbr) {
		for i, txt := range s.texts {
			if off := indexWordPlural(txt, abbr); off >= 0 {
				return i, off, true
			}
		}
	}
	return -1, 0, false
}

type refVariantMatch struct {
	term       *refIndexedTerm
	variant    string
	start, end int
}

// variants finds the glossary variants in one text: those in Latin letters only when
// latinOnly is set (an English text).
func (x *refTermIndex) variants(txt string, latinOnly bool) []refVariantMatch {
	var ms []refVariantMatch
	for ti := range x.terms {
		t := &x.terms[ti]
		for vi, v := range t.variants {
			latin := isLatin(v)
			if latinOnly && (!latin || t.jaOnly[vi]) {
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
					ms = append(ms, refVariantMatch{t, v, start, start + len(v)})
				}
			}
		}
	}
	// A shorter variant inside a longer one found at the same place is the same mistake.
	ms = slices.DeleteFunc(ms, func(m refVariantMatch) bool {
		return slices.ContainsFunc(ms, func(o refVariantMatch) bool {
			return o != m && o.start <= m.start && m.end <= o.end && o.end-o.start > m.end-m.start
		})
	})
	slices.SortStableFunc(ms, func(a, b refVariantMatch) int { return a.start - b.start })
	return ms
}

var (
	refLinkDest = regexp.MustCompile(`\]\([^)\n]*\)`)
	refHeadID   = regexp.MustCompile(`\{#[^}\n]*\}`)
	refBareURL  = regexp.MustCompile(`(?i)https?://[^\s<>"）)]+`)
	refRefDef   = regexp.MustCompile(`(?m)^ {0,3}\[[^\]^\n]+\]:[ \t]*\S+`)
)

// refPlain blanks the parts of Markdown that are not text (link destinations, heading ids,
// URLs, reference definitions) with spaces, keeping every byte offset.
func refPlain(s string) string {
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
		blank(refLinkDest, 1)
	}
	if bytes.Contains(b, []byte("{#")) {
		blank(refHeadID, 0)
	}
	if bytes.Contains(b, []byte("://")) {
		blank(refBareURL, 0)
	}
	if bytes.Contains(b, []byte("]:")) {
		blank(refRefDef, 0)
	}
	return string(b)
}

// indexWordOutside is indexWord of w in s, skipping the occurrences inside an occurrence
// (on word boundaries) of one of longer: the longest form wins.
func indexWordOutside(s, w string, longer []string) int {
	for off := 0; off < len(s); {
		i := indexWord(s[off:], w)
		if i < 0 {
			return -1
		}
		start := off + i
		inside := false
		for _, l := range longer {
			for from := 0; from <= start; {
				j := strings.Index(s[from:], l)
				if j < 0 || from+j > start {
					break
				}
				if ls := from + j; boundary(s, ls, ls+len(l)) && ls+len(l) >= start+len(w) {
					inside = true
					break
				}
				from += j + 1
			}
			if inside {
				break
			}
		}
		if !inside {
			return start
		}
		off = start + 1
	}
	return -1
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

func refCount(f *content.File) (words, chars int) {
	var parts []string
	fm := &f.Front
	parts = append(parts, fm.Title, fm.Summary)
	if fm.Facts != nil {
		parts = append(parts, fm.Facts.OfficialName, fm.Facts.Capital, strings.Join(fm.Facts.Languages, " "), fm.Facts.Source)
	}
	for _, e := range fm.Events {
		parts = append(parts, e.Text)
	}
	for _, g := range fm.Figures {
		parts = append(parts, g.Label)
	}
	for _, c := range fm.Corrections {
		parts = append(parts, c.Source, c.Correction, c.Note)
	}
	parts = append(parts, refPlain(f.Body))
	for _, p := range parts {
		for _, w := range strings.Fields(p) {
			if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
				words++
			}
			for _, r := range w {
				if !strings.ContainsRune("#*_`>|", r) {
					chars++
				}
			}
		}
	}
	return words, chars
}

var (
	refATXHeading = regexp.MustCompile(`^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	refExplicitID = regexp.MustCompile(`[ \t]*\{#([^}\s]+)\}$`)
	refFence      = regexp.MustCompile("^ {0,3}(```|~~~)")
)

func refSections(body string, explicitOnly bool) []section {
	out := []section{{}}
	inFence := ""
	for off := 0; off < len(body); {
		end := strings.IndexByte(body[off:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += off + 1
		}
		line := strings.TrimRight(body[off:end], "\n")
		if m := refFence.FindStringSubmatch(line); m != nil {
			switch inFence {
			case "":
				inFence = m[1]
			case m[1]:
				inFence = ""
			}
		} else if m := refATXHeading.FindStringSubmatch(line); m != nil && inFence == "" {
			title, id := m[1], ""
			if im := refExplicitID.FindStringSubmatchIndex(title); im != nil {
				id, title = title[im[2]:im[3]], title[:im[0]]
			}
			if id != "" || !explicitOnly {
				out[len(out)-1].end = off
				out = append(out, section{id: id, title: strings.TrimSpace(title), start: off})
			}
		}
		off = end
	}
	out[len(out)-1].end = len(body)
	return out
}
