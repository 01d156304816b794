package check

import (
	"fmt"
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
	// forms finds the terms' English forms (indexedTerm.en) in a text read in ASCII lower
	// case with line breaks and tabs as spaces; formTerms[p] are the terms of pattern p.
	forms     *matcher
	formTerms [][]int
	// exact finds the abbreviations and the variants as they are written; exactUses[p]
	// says whose abbreviation or variant pattern p is (a string may be both, or listed
	// by two terms).
	exact     *matcher
	exactUses [][]exactUse
	// official finds the official Japanese forms (indexedTerm.JA) as they are written;
	// officialTerms[p] are the terms of pattern p.
	official      *matcher
	officialTerms [][]int
	// allowed are the words of the English terms, which a Japanese text may quote
	// (untranslated.go).
	allowed map[string]bool
}

type indexedTerm struct {
	glossary.Term
	en string // lower case, single spaces
	// variants are the forms not to write, with, for each, whether it is in Latin
	// letters, whether it is a mistake in a Japanese text only (the English
	// abbreviation, en_abbr) and the official forms that contain it.
	variants []string
	latin    []bool
	jaOnly   []bool
	covers   [][]string
}

// exactUse is one meaning of a pattern of termIndex.exact: a term's abbreviation
// (variant -1) or one of its variants.
type exactUse struct {
	term, variant int
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
			it.latin = append(it.latin, isLatin(v))
			it.jaOnly = append(it.jaOnly, false)
			it.covers = append(it.covers, covers)
		}
		// An abbreviation of English alone (SDF) is a mistake in a Japanese text.
		if t.EnAbbr != "" {
			it.variants = append(it.variants, t.EnAbbr)
			it.latin = append(it.latin, isLatin(t.EnAbbr))
			it.jaOnly = append(it.jaOnly, true)
			it.covers = append(it.covers, nil)
		}
		x.terms = append(x.terms, it)
	}

	var forms, official patterns[int]
	var exact patterns[exactUse]
	for i, t := range x.terms {
		if t.en != "" { // the glossary has no blank term; an empty pattern would match everywhere
			forms.add(t.en, i)
		}
		if t.JA != "" {
			official.add(t.JA, i)
		}
		if a := t.EnglishAbbr(); a != "" {
			exact.add(a, exactUse{i, -1})
		}
		for vi, v := range t.variants {
			exact.add(v, exactUse{i, vi})
		}
	}
	x.formTerms, x.exactUses, x.officialTerms = forms.uses, exact.uses, official.uses
	x.forms = newMatcher(forms.list, lowerSpace)
	x.allowed = allowedWords(x)
	x.exact = newMatcher(exact.list, nil)
	x.official = newMatcher(official.list, nil)
	return x
}

// patterns gathers the distinct patterns of a matcher, in the order first added, and for
// each (by its index in list) the values added with it.
type patterns[T any] struct {
	list []string
	ids  map[string]int
	uses [][]T
}

func (p *patterns[T]) add(pattern string, v T) {
	id, ok := p.ids[pattern]
	if !ok {
		if p.ids == nil {
			p.ids = map[string]int{}
		}
		id = len(p.list)
		p.ids[pattern] = id
		p.list = append(p.list, pattern)
		p.uses = append(p.uses, nil)
	}
	p.uses[id] = append(p.uses[id], v)
}

// lowerSpace is how the English forms are matched: ASCII letters in lower case, line
// breaks and tabs as spaces. It changes ASCII bytes only, which in UTF-8 (all content
// is, content.Parse rejects other files) are never part of another character, so byte
// offsets stay those of the text.
func lowerSpace(b byte) byte {
	switch {
	case b >= 'A' && b <= 'Z':
		return b + 'a' - 'A'
	case b == '\n' || b == '\t' || b == '\r':
		return ' '
	}
	return b
}

// use is where an English text uses a term: its English form, or its abbreviation.
type use struct {
	term, unit, offset int
	abbr               bool
}

func (x *termIndex) check(all []unit, src, dst *content.File) []Problem {
	if len(x.terms) == 0 || src.Lang != "en" || dst.Lang != "ja" {
		return nil
	}
	var us []*unit // pointers: a unit is large, and most are kept
	for i := range all {
		if !strings.HasPrefix(all[i].where, "correction ") {
			us = append(us, &all[i])
		}
	}
	enTexts, jaTexts := make([]string, len(us)), make([]string, len(us))
	for i, u := range us {
		enTexts[i], jaTexts[i] = u.src.plain, u.dst.plain
	}
	var out []Problem
	add := func(u *unit, msg string, s, d Loc) {
		out = append(out, Problem{Check: "glossary", Where: u.where, Message: msg, Source: s, Translation: d})
	}

	// One pass of each matcher over each English text finds the uses of terms (the term
	// itself, or its abbreviation) and the variants in Latin letters, which are reported
	// after the missing terms.
	var (
		uses       []use
		hits       []variantHit
		enVariants [][]variantMatch // per unit; nil while there is none
	)
	for i, txt := range enTexts {
		uses = x.formUses(uses, i, txt)
		uses, hits = x.scanExact(txt, i, true, uses, hits[:0])
		if ms := x.variants(txt, hits); ms != nil {
			if enVariants == nil {
				enVariants = make([][]variantMatch, len(us))
			}
			enVariants[i] = ms
		}
	}
	// The uses of each term, in term order, the full forms first, each in unit order.
	slices.SortStableFunc(uses, func(a, b use) int {
		if a.term != b.term {
			return a.term - b.term
		}
		if c := compareBool(a.abbr, b.abbr); c != 0 {
			return c
		}
		return a.unit - b.unit
	})
	// The variants of the Japanese texts, unit by unit: a term written in one is reported
	// as that variant, with its official form, and not also as missing.
	jaVariants := make([][]variantMatch, len(us))
	inVariant := map[*indexedTerm][]bool{} // per term, whether each unit writes a variant of it
	for i := range us {
		_, hits = x.scanExact(jaTexts[i], i, false, nil, hits[:0])
		jaVariants[i] = x.variants(jaTexts[i], hits)
		for _, m := range jaVariants[i] {
			if inVariant[m.term] == nil {
				inVariant[m.term] = make([]bool, len(us))
			}
			inVariant[m.term][i] = true
		}
	}
	var ja jaSide
	missing := map[int]bool{} // terms reported as missing from the whole page
	for k, first := range uses {
		if k > 0 && uses[k-1].term == first.term {
			continue // a later use, or the abbreviation of a term that is used in full
		}
		t := &x.terms[first.term]
		u := us[first.unit]
		switch {
		case hasForm(ja.all(jaTexts), &t.Term), slices.Contains(inVariant[t], true):
			continue
		case first.abbr && t.Abbr != "" && indexWordPlural(ja.fold(jaTexts), t.Abbr) >= 0:
			continue
		}
		n, want := len(t.en), t.JA
		switch {
		case first.abbr && t.Abbr != "":
			n, want = len(t.Abbr), t.Abbr+" or "+t.JA
		case first.abbr:
			n = len(t.EnAbbr) // Japanese pages write the official form, not the English abbreviation
		}
		found := strings.Join(strings.Fields(enTexts[first.unit][first.offset:first.offset+n]), " ")
		missing[first.term] = true
		msg, at := nearMiss(fmt.Sprintf("%q is used in en; the ja page should write %s", found, want), t.JA, t.Kind == "person", x.officialSpans, u, first.offset, dst.Name)
		add(u, msg, u.src.locAt(src.Name, first.offset, found), at)
	}
	// Then section by section: a section of the body that uses a term in full in
	// English must write its official form, or its abbreviation, in the same section
	// of the translation, where a term lost to a wrong form (パリ平和協定 for パリ和平協定)
	// is read, even when the form is right elsewhere on the page. Front matter texts
	// (a summary, an event) often leave a term to the body: the page-wide check above
	// is theirs.
	for k, u := range uses {
		if u.abbr || !standsAlone(us[u.unit]) || missing[u.term] || k > 0 && uses[k-1].term == u.term && uses[k-1].unit == u.unit {
			continue
		}
		t := &x.terms[u.term]
		one := jaTexts[u.unit : u.unit+1]
		var side jaSide
		if hasForm(side.all(one), &t.Term) || inVariant[t] != nil && inVariant[t][u.unit] {
			continue
		}
		found := strings.Join(strings.Fields(enTexts[u.unit][u.offset:u.offset+len(t.en)]), " ")
		// The abbreviation may stand for the term, but not in brackets after a misspelt
		// official form (国連発展計画（UNDP）, a translator's trial): that is the term
		// written wrongly, with its abbreviation.
		if t.Abbr != "" && indexWordPlural(side.fold(one), t.Abbr) >= 0 {
			if at, form, ok := x.misspeltBefore(us[u.unit].dst.plain, t.JA, t.Abbr); ok {
				msg := fmt.Sprintf("%q is used in this part in en; the ja text of this part should write %s; it seems to write %s", found, t.JA, form)
				add(us[u.unit], msg, us[u.unit].src.locAt(src.Name, u.offset, found), us[u.unit].dst.locAt(dst.Name, at, form))
			}
			continue
		}
		msg, at := nearMiss(fmt.Sprintf("%q is used in this part in en; the ja text of this part should write %s", found, t.JA), t.JA, t.Kind == "person", x.officialSpans, us[u.unit], u.offset, dst.Name)
		add(us[u.unit], msg, us[u.unit].src.locAt(src.Name, u.offset, found), at)
	}
	// Variants, in unit order, each occurrence once.
	for i, u := range us {
		if enVariants != nil {
			for _, m := range enVariants[i] {
				add(u, variantMessage(m.term, m.variant, true), u.src.locAt(src.Name, m.start, m.variant), Loc{File: dst.Name, Line: u.dst.line()})
			}
		}
		for _, m := range jaVariants[i] {
			add(u, variantMessage(m.term, m.variant, false), termLoc(src.Name, u.src, m.term.EN), u.dst.locAt(dst.Name, m.start, m.variant))
		}
	}
	return out
}

// nearMiss completes the message of a term missing from the translation of unit u (its
// English at offset off of the source text) with where the translation seems to write it
// wrongly: the form nearest to the official one (nearForm), at its line and column, which
// a translator otherwise looks for by eye (世界食糧計画 for 国連世界食糧計画, パリ平和協定
// for パリ和平協定). The official forms of terms in the text (officialSpans) are right where
// they are: a near form is never in one (政府開発援助, ODA, is no miss of 政府開発援助大綱,
// the ODA Charter). Without one, the place is the paragraph that should have the term.
func nearMiss(msg, official string, person bool, officialSpans func(string) [][2]int, u *unit, off int, file string) (string, Loc) {
	if at, form, ok := nearForm(u.dst.plain, official, person, officialSpans(u.dst.plain)); ok {
		return msg + "; it seems to write " + form, u.dst.locAt(file, at, form)
	}
	return msg, placeLike(u.src, off, u.dst, file)
}

// nearForm finds in text the run of characters nearest to official, a form of four
// characters or more: of its length give or take two (three at the least), starting and
// ending with characters of it, at the least edit distance (characters inserted, deleted
// or replaced), which must be at most a third of official's length; of runs as near, the
// one closest in length, then the first. The name of a person (person) in three kanji,
// 明石康, is near only with one kanji replaced by another and the others in place (明石泰):
// the usual slip in a short name is a wrong kanji, where any looser run, or a term of
// another kind (自衛隊, 外務省), would find some other word (自衛権, 外務大臣). A run that
// cuts into one of taken (byte spans of text), is one or lies inside one is none. It
// returns the run's byte offset in text.
func nearForm(text, official string, person bool, taken [][2]int) (offset int, form string, ok bool) {
	want := []rune(official)
	n := len(want)
	limit := max(1, n/3)
	if n < 4 && !(n == 3 && person) {
		return 0, "", false // three characters are too few to tell a variant from a word
	}
	rs := []rune(text)
	offs := make([]int, len(rs)+1) // byte offset of each rune
	for i, k := 0, 0; i < len(rs); i++ {
		offs[i] = k
		k += utf8.RuneLen(rs[i])
		offs[i+1] = k
	}
	// A run is free unless it cuts into an official form, is one or lies inside one; it
	// may hold a shorter one whole (国連 in 国連発展計画, a miss of 国連開発計画).
	free := func(start, end int) bool {
		for _, t := range taken {
			holds := start <= t[0] && t[1] <= end && end-start > t[1]-t[0]
			if start < t[1] && t[0] < end && !holds {
				return false
			}
		}
		return true
	}
	if n == 3 {
		for start := 0; start+3 <= len(rs); start++ {
			if replacedKanji(rs[start:start+3], want) && free(offs[start], offs[start+3]) {
				return offs[start], string(rs[start : start+3]), true
			}
		}
		return 0, "", false
	}
	best, bestStart, bestLen := limit+1, 0, 0
	for start := range rs {
		for length := max(3, n-2); length <= n+2 && start+length <= len(rs); length++ {
			w := rs[start : start+length]
			if !slices.Contains(want, w[0]) || !slices.Contains(want, w[len(w)-1]) {
				// A form of the term starts and ends with characters of it: not with a
				// particle, punctuation or the end of a neighbouring word (本は世界食糧計画).
				continue
			}
			d := editDistance(w, want)
			closer := d < best || d == best && abs(length-n) < abs(bestLen-n)
			if closer && free(offs[start], offs[start+length]) {
				best, bestStart, bestLen = d, start, length
			}
		}
	}
	if best > limit {
		return 0, "", false
	}
	return offs[bestStart], string(rs[bestStart : bestStart+bestLen]), true
}

func abs(x int) int { return max(x, -x) }

// replacedKanji reports whether run is want, all kanji, with exactly one of them replaced
// by another kanji (runs of the same length).
func replacedKanji(run, want []rune) bool {
	differ := 0
	for i := range want {
		if !unicode.Is(unicode.Han, want[i]) || !unicode.Is(unicode.Han, run[i]) {
			return false
		}
		if run[i] != want[i] {
			differ++
		}
	}
	return differ == 1
}

// misspeltBefore finds in text a near form of official (nearForm) right before the
// abbreviation in brackets, 国連発展計画（UNDP）, and returns its byte offset. Only there:
// elsewhere, words near the abbreviation (国連の計画を担うUNDP) are no misspelling.
func (x *termIndex) misspeltBefore(text, official, abbr string) (offset int, form string, ok bool) {
	window := len(official) + 2*utf8.UTFMax // the form's length give or take two characters
	for _, bracketed := range []string{"（" + abbr + "）", "(" + abbr + ")"} {
		for from := 0; ; {
			k := strings.Index(text[from:], bracketed)
			if k < 0 {
				break
			}
			k += from
			from = k + len(bracketed)
			start := max(0, k-window)
			for start < k && !utf8.RuneStart(text[start]) {
				start++
			}
			before := text[start:k]
			if at, f, near := nearForm(before, official, false, x.officialSpans(before)); near && at+len(f) == len(before) {
				return start + at, f, true
			}
		}
	}
	return 0, "", false
}

// officialSpans returns the byte spans of text that are official Japanese forms of terms.
func (x *termIndex) officialSpans(text string) [][2]int {
	var out [][2]int
	for p, start := range x.official.matches(text) {
		out = append(out, [2]int{start, start + len(x.official.patterns[p])})
	}
	return out
}

// editDistance is the Levenshtein distance of a and b, in runes.
func editDistance(a, b []rune) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// formUses appends to uses every occurrence in txt, the English text of unit i, of an
// English form on word boundaries, but those inside an occurrence of a longer form: the
// longest match wins, so that "Tokyo International Conference on African Development"
// is one term, not also "Tokyo", and a mistake in it is reported once.
func (x *termIndex) formUses(uses []use, i int, txt string) []use {
	type occ struct{ p, start, end int }
	var occs []occ
	for p, start := range x.forms.matches(txt) {
		if end := start + len(x.forms.patterns[p]); boundary(txt, start, end) {
			occs = append(occs, occ{p, start, end})
		}
	}
	for _, o := range occs {
		inside := false
		for _, l := range occs {
			if l.start <= o.start && o.end <= l.end && l.end-l.start > o.end-o.start {
				inside = true
				break
			}
		}
		if inside {
			continue
		}
		for _, t := range x.formTerms[o.p] {
			uses = append(uses, use{term: t, unit: i, offset: o.start})
		}
	}
	return uses
}

// scanExact appends to hits the occurrences of variants in txt, the text of unit i (in an
// English text only the variants in Latin letters), and to uses, in an English text, the
// occurrences of abbreviations on word boundaries, perhaps with a plural "s" (PKOs).
// Each pattern's occurrences come in text order.
func (x *termIndex) scanExact(txt string, i int, english bool, uses []use, hits []variantHit) ([]use, []variantHit) {
	for p, start := range x.exact.matches(txt) {
		for _, eu := range x.exactUses[p] {
			switch {
			case eu.variant >= 0:
				if t := &x.terms[eu.term]; !english || t.latin[eu.variant] && !t.jaOnly[eu.variant] {
					hits = append(hits, variantHit{eu.term, eu.variant, start})
				}
			case english && wordPlural(txt, start, start+len(x.exact.patterns[p])):
				uses = append(uses, use{term: eu.term, unit: i, offset: start, abbr: true})
			}
		}
	}
	return uses, hits
}

// hasForm reports whether text writes the official Japanese form of t, or one of its
// other good forms (glossary's also).
func hasForm(text string, t *glossary.Term) bool {
	if strings.Contains(text, t.JA) {
		return true
	}
	for _, a := range t.Also {
		if a != "" && strings.Contains(text, a) {
			return true
		}
	}
	return false
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// jaSide is the Japanese texts of a pair in the forms the term check searches, made when
// it first needs them: a page that uses no term of the glossary needs neither.
type jaSide struct {
	allText, foldText string
	made, folded      bool
}

// all is every text joined, line breaks removed (Japanese wraps anywhere), each followed
// by a line break.
func (s *jaSide) all(texts []string) string {
	if !s.made {
		var b strings.Builder
		n := 0
		for _, t := range texts {
			n += len(t) + 1
		}
		b.Grow(n)
		for _, t := range texts {
			for len(t) > 0 {
				i := strings.IndexByte(t, '\n')
				if i < 0 {
					b.WriteString(t)
					break
				}
				b.WriteString(t[:i])
				t = t[i+1:]
			}
			b.WriteByte('\n')
		}
		s.allText, s.made = b.String(), true
	}
	return s.allText
}

// fold is all with full-width Latin letters and digits folded to ASCII.
func (s *jaSide) fold(texts []string) string {
	if !s.folded {
		s.foldText, s.folded = strings.Map(foldWidth, s.all(texts)), true
	}
	return s.foldText
}

// termLoc is where the English text t of a unit writes the term en (in any case): the
// line a translator compares with, quoted; the part's first line, unquoted, when the
// English writes the term another way.
func termLoc(file string, t text, en string) Loc {
	for i := 0; i+len(en) <= len(t.s); i++ {
		// A variant is reported rarely: trying every offset costs nothing that matters.
		if strings.EqualFold(t.s[i:i+len(en)], en) {
			return t.locAt(file, i, t.s[i:i+len(en)])
		}
	}
	return Loc{File: file, Line: t.line()}
}

// variantMessage says what to write for the variant v of t, found in an English text or
// a Japanese one: for a variant in Latin letters, the abbreviation that text may write,
// if the term has one.
func variantMessage(t *indexedTerm, v string, english bool) string {
	want, abbr := t.JA, t.Abbr
	if english {
		abbr = t.EnglishAbbr()
	}
	if isLatin(v) && abbr != "" {
		want = abbr
	}
	return fmt.Sprintf("%s%s%q: write %s", v, notOfficial, t.EN, want)
}

// notOfficial is the words of a variant's finding between the variant and its term.
const notOfficial = " is not the official form of "

// isVariantFinding reports whether pr is a glossary variant's finding: a form of the
// translation's own text, whatever the source says where.
func isVariantFinding(pr Problem) bool {
	return pr.Check == "glossary" && strings.Contains(pr.Message, notOfficial)
}

type variantMatch struct {
	term       *indexedTerm
	variant    string
	start, end int
}

// variantHit is an occurrence of a variant that the matcher found, before the rules of
// variants choose among them.
type variantHit struct {
	term, variant, start int
}

// variants chooses among hits, the occurrences of variants in txt that scanExact found,
// those to report. Each variant is read from the start of the text to its end, an
// occurrence starting after the end of the last one taken: in Japanese anywhere, in Latin
// letters on word boundaries (a plural "s" allowed), and an occurrence right after the
// last one taken counts as starting a word. An occurrence inside an official form that
// contains the variant is no mistake, and a shorter variant inside a longer one found at
// the same place is the same mistake. variants sorts hits.
func (x *termIndex) variants(txt string, hits []variantHit) []variantMatch {
	if len(hits) == 0 {
		return nil
	}
	// In the order of the terms and their variants, each variant's occurrences in text
	// order (the matcher gives one pattern's occurrences in text order).
	slices.SortStableFunc(hits, func(a, b variantHit) int {
		if a.term != b.term {
			return a.term - b.term
		}
		return a.variant - b.variant
	})
	var ms []variantMatch
	off := 0 // where the search of the current variant goes on
	for k, h := range hits {
		if k == 0 || hits[k-1].term != h.term || hits[k-1].variant != h.variant {
			off = 0
		}
		t := &x.terms[h.term]
		v := t.variants[h.variant]
		if h.start < off {
			continue
		}
		if t.latin[h.variant] && !wordPluralFrom(txt, off, h.start, h.start+len(v)) {
			continue
		}
		off = h.start + len(v)
		if !coveredBy(txt, h.start, len(v), t.covers[h.variant]) {
			ms = append(ms, variantMatch{t, v, h.start, h.start + len(v)})
		}
	}
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

// indexWordPlural returns the offset of the first occurrence of w in s that starts and
// ends on a word boundary, or is followed by a plural "s" (PKOs), or -1.
func indexWordPlural(s, w string) int {
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return -1
		}
		start, end := off+i, off+i+len(w)
		if wordPlural(s, start, end) {
			return start
		}
		off = start + 1
	}
	return -1
}

// wordPlural reports whether s[start:end] is a whole word, or is one with an "s" after
// it (PKOs): what indexWordPlural accepts.
func wordPlural(s string, start, end int) bool {
	return boundary(s, start, end) || strings.HasPrefix(s[end:], "s") && boundary(s, start, end+1)
}

// wordPluralFrom is wordPlural for a search that started at from: what comes before from
// is not looked at, so a word may start right at from, as when indexWordPlural searches
// s[from:].
func wordPluralFrom(s string, from, start, end int) bool {
	if start == from {
		return wordPlural(s[start:], 0, end-start)
	}
	return wordPlural(s, start, end)
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

// standsAlone reports whether u is a text that must write each term it translates itself:
// a section of the body, or a title, an event or a figure label, which menus, the timeline
// and the figures page show alone. A summary may leave a term to the body.
func standsAlone(u *unit) bool {
	return u.src.body || u.where == "title" || strings.HasPrefix(u.where, "event ") || strings.HasPrefix(u.where, "figure ")
}
