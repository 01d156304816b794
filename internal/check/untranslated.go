package check

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"peacebuilding/internal/content"
)

// The untranslated check finds English left in a Japanese translation:
//
//   - a whole copy: a translation whose text is nearly all Latin letters is reported once,
//     as still English, instead of as the mismatches its numbers and terms would make; a
//     part of a page left in English is reported as such, and its numbers and terms are
//     not compared either;
//   - a title, summary, text fact, event text or figure label identical to the source's;
//   - a run of English prose in Japanese text: three or more words in lower case (the,
//     of, personnel) in one run of Latin words, more than its capitalized words, or on
//     a line with no other letters, two of them words that titles do not write in lower
//     case (also, briefs). Names, acronyms and titles (Japan's Efforts on Peacebuilding,
//     UNTAC) are not prose, nor the words of the glossary's English terms; editors'
//     corrections quote English on purpose and are skipped.
//
// It runs for translations into languages that are not written in Latin letters (ja).

// latinWord is a word of Latin letters (with ' and - inside) at a byte offset.
type latinWord struct {
	word string
	off  int
}

// latinWords lists the words of Latin letters of s, digits excluded.
func latinWords(s string) []latinWord {
	var out []latinWord
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !content.IsLatinLetter(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if content.IsLatinLetter(r) || (r == '\'' || r == '’' || r == '-') && j+size < len(s) && isLatinLetterAt(s, j+size) {
				j += size
				continue
			}
			break
		}
		out = append(out, latinWord{s[i:j], i})
		i = j
	}
	return out
}

func isLatinLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return content.IsLatinLetter(r)
}

// stillEnglish reports a translation that is a copy of its source not yet translated
// (content.NotYetTranslated), which the site shows the source's page in place of.
func stillEnglish(src, dst *content.File) (Problem, bool) {
	if !content.NotYetTranslated(dst) {
		return Problem{}, false
	}
	return Problem{Check: "untranslated", Where: "page",
		Message: fmt.Sprintf("the %s page is still English: translate it (until then the site shows the en page in its place, and the other checks of the page wait)", dst.Lang),
		// The first lines of text of both, as the files write them: the same English,
		// where a translator starts.
		Source:      counterpart(src, ""),
		Translation: counterpart(dst, "")}, true
}

// untranslated reports the units of a translation left in English.
func untranslated(us []unit, src, dst *content.File, terms *termIndex) []Problem {
	if dst.Lang != "ja" {
		return nil
	}
	var allowed map[string]bool
	if terms != nil {
		allowed = terms.allowed
	}
	var out []Problem
	for _, u := range us {
		if strings.HasPrefix(u.where, "correction ") {
			continue
		}
		if !u.src.body && strings.TrimSpace(u.src.s) == strings.TrimSpace(u.dst.s) && hasWord(u.dst.s) {
			out = append(out, Problem{Check: "untranslated", Where: u.where,
				Message:     fmt.Sprintf("the %s is the en text, not translated", describeWhere(u.where)),
				Source:      Loc{File: src.Name, Line: u.src.line(), Text: u.src.s},
				Translation: Loc{File: dst.Name, Line: u.dst.line(), Text: u.dst.s}})
			continue
		}
		for _, run := range englishRuns(u.dst.plain, allowed) {
			out = append(out, englishRunProblem(&u, run, src, dst))
		}
	}
	// A heading left as the en heading (## Africa {#africa}) is too short for
	// englishRuns; a heading of abbreviations (## DDR) is Japanese too. One that
	// englishRuns found is not reported again.
	found := map[int]bool{}
	for _, p := range out {
		found[p.Translation.Line] = true
	}
	srcTitles := map[string]heading{}
	for _, h := range headings(src.Body) {
		if h.id != "" {
			srcTitles[h.id] = h
		}
	}
	for _, h := range headings(dst.Body) {
		sh, ok := srcTitles[h.id]
		line := bodyPlace(dst, h.off).line()
		if !ok || h.id == "" || found[line] || strings.TrimSpace(sh.title) != strings.TrimSpace(h.title) || !hasWord(h.title) {
			continue
		}
		out = append(out, Problem{Check: "untranslated", Where: "section #" + h.id,
			Message:     "the heading is the en heading, not translated",
			Source:      Loc{File: src.Name, Line: bodyPlace(src, sh.off).line(), Text: strings.TrimSpace(lineAt(src.Body, sh.off))},
			Translation: Loc{File: dst.Name, Line: line, Text: strings.TrimSpace(lineAt(dst.Body, h.off))}})
	}
	return out
}

// englishRunProblem is the finding of run, English prose in the translation of unit u.
func englishRunProblem(u *unit, run englishRun, src, dst *content.File) Problem {
	// The English left in the translation is usually the source's own words: the report
	// points at them, or, when they are not there, at the part's first line, quoted (a
	// heading, say), rather than "not found".
	first, _, _ := strings.Cut(strings.TrimSpace(u.src.s), "\n")
	source := Loc{File: src.Name, Line: u.src.line(), Text: clip(first)}
	if i := strings.Index(u.src.plain, run.text); i >= 0 {
		source.Line, source.Text = u.src.lineAt(i), clip(run.text)
	}
	return Problem{Check: "untranslated", Where: u.where,
		Message:     fmt.Sprintf("English in the %s text: %q", dst.Lang, clip(run.text)),
		Source:      source,
		Translation: u.dst.locAt(dst.Name, run.off, clip(run.text))}
}

// translatedUnits returns the units of us that dst has translated: not those that are
// still the source text, or English prose in nearly all Latin letters (a part left in
// English while the rest of the page is translated). In a part translated but for some
// English prose (a sentence pasted in), the English is blanked: reported as such, its
// numbers and terms, written the English way, are not mismatches to list too. English
// the translation keeps on purpose (an [[accept]] of its finding) is compared as it is.
func translatedUnits(us []unit, src, dst *content.File, terms *termIndex) []unit {
	if dst.Lang != "ja" {
		return us
	}
	var allowed map[string]bool
	if terms != nil {
		allowed = terms.allowed
	}
	out := make([]unit, 0, len(us))
	for _, u := range us {
		copied := strings.TrimSpace(u.src.s) == strings.TrimSpace(u.dst.s) && hasWord(u.dst.s)
		runs := englishRuns(u.dst.plain, allowed)
		if copied || len(runs) > 0 && content.LatinShare(u.dst.plain) >= content.StillLatinShare {
			continue
		}
		runs = slices.DeleteFunc(runs, func(run englishRun) bool {
			pr := englishRunProblem(&u, run, src, dst)
			return slices.ContainsFunc(dst.Front.Accept, func(a content.Accept) bool {
				return accepts(a, pr, fileLine(dst, pr.Translation.Line))
			})
		})
		if len(runs) > 0 {
			// plain keeps the offsets of s: a run's bytes are the same in both.
			u.dst.s, u.dst.plain, u.nums = blankRuns(u.dst.s, runs), blankRuns(u.dst.plain, runs), nil
		}
		out = append(out, u)
	}
	return out
}

// blankRuns returns s with the bytes of runs replaced by spaces, its offsets kept.
func blankRuns(s string, runs []englishRun) string {
	b := []byte(s)
	for _, r := range runs {
		for i := r.off; i < r.off+len(r.text); i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
	return string(b)
}

// hasWord reports whether s has a word with a letter in lower case: "Cambodia" is
// English left untranslated, "DDR" or "UNTAC" an acronym that Japanese writes too.
func hasWord(s string) bool {
	for _, w := range latinWords(s) {
		if strings.ToUpper(w.word) != w.word {
			return true
		}
	}
	return false
}

func describeWhere(where string) string {
	switch {
	case strings.HasPrefix(where, "figure "):
		return where + " label"
	case strings.HasPrefix(where, "event "):
		return where + " text"
	}
	return where
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 80 {
		s = string([]rune(s)[:80]) + "…"
	}
	return s
}

// proseRunWords is the count of words in lower case from which a run of Latin words is
// English prose however many capitals it has: more than any name of the glossary has
// (eight: "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer
// of Anti-Personnel Mines and on Their Destruction").
const proseRunWords = 9

type englishRun struct {
	text string
	off  int
}

// englishRuns finds in s the runs of Latin words (joined by spaces and ASCII punctuation)
// that hold three or more words of English prose: words in lower case that are not
// allowed (part of a glossary term), more of them than capitalized words, or, in a run
// of proseRunWords words in lower case or more or on lines of Latin letters alone
// (onlyLatin) with two words in lower case that no title writes so, whatever their
// capitals.
func englishRuns(s string, allowed map[string]bool) []englishRun {
	ws := latinWords(s)
	var out []englishRun
	for i := 0; i < len(ws); {
		j := i + 1
		for j < len(ws) && joinedByPunct(s[ws[j-1].off+len(ws[j-1].word):ws[j].off]) {
			j++
		}
		prose, names, lower, content := 0, 0, 0, 0
		for _, w := range ws[i:j] {
			switch {
			case !isProseWord(w.word):
				names++
			case !allowed[strings.ToLower(w.word)]:
				prose++
				lower++
			default:
				lower++
			}
			if isProseWord(w.word) && !titleWords[strings.ToLower(w.word)] {
				content++
			}
		}
		// A title quoted in English (Japan's Efforts on Peacebuilding) is mostly
		// capitalized words; a sentence is mostly words in lower case, with spaces
		// between them: words joined by punctuation alone are a file's path or an
		// address (themes/rule-of-law.md), not text to translate. A sentence full of
		// names ("In June 2004 Japan provided US$3 million in emergency grant aid
		// through the Office of the United Nations High Commissioner for Refugees") has
		// as many capitals as prose, and more words in lower case than a name has.
		end := ws[j-1].off + len(ws[j-1].word)
		if prose >= 3 && (prose > names || lower >= proseRunWords || content >= 2 && onlyLatin(s, ws[i].off, end)) && strings.ContainsAny(s[ws[i].off:end], " \t\n") {
			out = append(out, englishRun{s[ws[i].off:end], ws[i].off})
		}
		i = j
	}
	return out
}

// titleWords are the words that English titles write in lower case: a line of Latin
// letters alone whose words in lower case are only these ("Report of the Panel on United
// Nations Peace Operations", kept in English in a list of sources) is a title, not prose.
var titleWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "on": true, "in": true, "and": true, "or": true, "for": true, "to": true, "at": true, "by": true, "with": true, "from": true, "into": true, "as": true, "per": true, "via": true, "towards": true, "toward": true, "between": true, "against": true, "under": true, "upon": true}

// onlyLatin reports whether the lines of s that s[start:end] spans have no letter but
// Latin ones: a line (a paragraph, a list item) left in English, however many names it
// holds. A translation writes some Japanese in each: "See also the other African briefs:
// Sudan, Democratic Republic of the Congo, Sierra Leone and Burundi", left in English,
// has more capitals than prose, and a translator's trial found it unreported.
func onlyLatin(s string, start, end int) bool {
	from := strings.LastIndexByte(s[:start], '\n') + 1
	to := len(s)
	if i := strings.IndexByte(s[end:], '\n'); i >= 0 {
		to = end + i
	}
	return !strings.ContainsFunc(s[from:to], func(r rune) bool { return unicode.IsLetter(r) && !content.IsLatinLetter(r) })
}

// joinedByPunct reports whether what lies between two Latin words keeps them in one run
// of English: spaces, ASCII punctuation and digits (a sentence's numbers, "Some 200,000
// refugees", "US$5 million": a paragraph left in English was reported as the scraps
// between its numbers), no other letter, no line break between paragraphs.
func joinedByPunct(s string) bool {
	if strings.Contains(s, "\n\n") {
		return false
	}
	for _, r := range s {
		if r >= utf8.RuneSelf || unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// isProseWord: a word in lower case (the, personnel) is English prose; a capitalized
// word or an acronym may be a name.
func isProseWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// allowedWords are the lower-case words of the glossary's English terms and
// abbreviations, which a Japanese text may quote.
func allowedWords(terms *termIndex) map[string]bool {
	m := map[string]bool{}
	if terms == nil {
		return m
	}
	for _, t := range terms.terms {
		for _, s := range []string{t.Term.EN, t.Abbr} {
			for _, w := range latinWords(s) {
				if len(w.word) >= 4 { // not "of", "the": they make any sentence
					m[strings.ToLower(w.word)] = true
				}
			}
		}
	}
	return m
}
