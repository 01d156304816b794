package check

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"peacebuilding/internal/content"
	"peacebuilding/internal/numbers"
)

// The counter check: a Japanese number takes a counter for what it counts (1,300人 for
// people, 2万5,000丁 for small arms, 10隻 for ships). Where the English says what a number
// counts and the Japanese writes the same number with the counter of something else
// (1,300隻 for "1,300 personnel"), the check reports it. Numbers with no noun it knows,
// or no counter, are left alone.

// nounClasses maps English nouns to what they count.
var nounClasses = map[string]string{}

func init() {
	for class, words := range map[string]string{
		"people":    "people personnel persons person officers officer troops staff experts members monitors soldiers refugees combatants ex-combatants children students participants trainees civilians observers officials police volunteers deminers workers judges prosecutors",
		"weapons":   "arms weapons rifles guns firearms",
		"ships":     "vessels ships boats",
		"vehicles":  "vehicles cars trucks",
		"countries": "countries nations",
	} {
		for _, w := range strings.Fields(words) {
			nounClasses[w] = class
		}
	}
}

// counterClasses maps Japanese counters to what they count, longest first.
var counterClasses = []struct{ counter, class string }{
	{"か国", "countries"}, {"カ国", "countries"}, {"ヶ国", "countries"}, {"ケ国", "countries"}, {"箇国", "countries"},
	{"人", "people"}, {"名", "people"},
	{"丁", "weapons"}, {"挺", "weapons"},
	{"隻", "ships"},
	{"台", "vehicles"}, {"両", "vehicles"},
}

var counterNames = map[string]string{"people": "人 or 名", "weapons": "丁", "ships": "隻", "vehicles": "台", "countries": "か国"}

// nounAfter returns what the English number at n counts: the class of one of the four
// words after it, or "".
func nounAfter(s string, n numbers.Number) string {
	rest := s[min(len(s), n.Offset+len(n.Text)):]
	i := 0
	// FieldsSeq, not Fields: the rest may be the whole section after the number, and
	// splitting all of it for every number made the check quadratic in a section's length.
	for w := range strings.FieldsSeq(rest) {
		if i >= 4 {
			break
		}
		i++
		w = strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }))
		if c, ok := nounClasses[w]; ok {
			return c
		}
		if strings.ContainsAny(w, ",.;:") || w == "" {
			break
		}
	}
	return ""
}

// counterAt returns the counter written right after the Japanese number at n, its class,
// and the offset in s where the counter ends: the digits, kanji numerals, units and
// markers of the number are skipped.
func counterAt(s string, n numbers.Number) (counter, class string, end int) {
	i := n.Offset
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsDigit(r) || strings.ContainsRune(",，.．〇一二三四五六七八九十百千万億兆約およそ最大で ", r) {
			i += size
			continue
		}
		break
	}
	for _, c := range counterClasses {
		if strings.HasPrefix(s[i:], c.counter) {
			return c.counter, c.class, i + len(c.counter)
		}
	}
	return "", "", i
}

// compareCounters reports the Japanese numbers whose counter is not that of what the
// English number counts.
func compareCounters(us []unit, src, dst *content.File) []Problem {
	if dst.Lang != "ja" {
		return nil
	}
	var out []Problem
	for i := range us {
		u := &us[i]
		if strings.HasPrefix(u.where, "correction ") {
			continue
		}
		sn, dn := u.numbers(src, dst)
		if len(sn) == 0 {
			continue
		}
		used := make([]bool, len(dn))
		for _, a := range sn {
			class := nounAfter(u.src.s, a)
			if class == "" {
				continue
			}
			for j, b := range dn {
				if used[j] || !numbers.Equal(a, b) {
					continue
				}
				used[j] = true
				// The quote is the number with its counter, as the text writes them: the
				// number's own text may run past the counter (2万5,000人を超).
				if counter, c, end := counterAt(u.dst.s, b); c != "" && c != class {
					out = append(out, Problem{Check: "figure", Where: u.where,
						Message:     fmt.Sprintf("the counter %s counts %s, but the en text counts %s here: write %s", counter, c, class, counterNames[class]),
						Source:      u.src.locAt(src.Name, a.Offset, a.Text),
						Translation: u.dst.locAt(dst.Name, b.Offset, u.dst.s[b.Offset:end])})
				}
				break
			}
		}
	}
	return out
}
