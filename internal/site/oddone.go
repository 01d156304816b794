package site

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"peacebuilding/internal/numbers"
)

// extraItem guesses which item of long, a list with one item more than short, has no
// counterpart in short: the places where leaving one item out lines up the most anchors
// (numbers by value, and Latin abbreviations such as UNTAC) between the items of the two
// lists, in order. A translator who dropped or added one [[events]] is told which one, or
// between which, instead of comparing every item by hand. The places are first to last
// (0-based); ok is false when they are not next to each other or are all of long, as when
// the texts hold no anchors. (The translation check pairs list items the same way, with
// the glossary's terms as anchors too: check.missingItem. The build cannot call it: the
// check depends on the build's model.)
func extraItem(long, short []string, longLang, shortLang string) (first, last int, ok bool) {
	if len(long) != len(short)+1 {
		return 0, 0, false
	}
	la, sa := make([]map[string]bool, len(long)), make([]map[string]bool, len(short))
	for i, s := range long {
		la[i] = anchors(s, longLang)
	}
	for i, s := range short {
		sa[i] = anchors(s, shortLang)
	}
	scores := make([]int, len(long))
	for k := range long {
		for i := range short {
			j := i
			if i >= k {
				j = i + 1
			}
			// A shared anchor counts for the place, numbers that only one of the pair
			// has (the 600 of the item dropped, set against the next) against it, once
			// a pair: a typo in the item's true counterpart (6,000 for 600) must not
			// weigh more than setting the item against one with no number at all. An
			// abbreviation is not held against it: a translation may spell it out (UN,
			// 国連).
			unmatched := false
			for a, number := range sa[i] {
				if _, shared := la[j][a]; shared {
					scores[k] += 2
				} else if number {
					unmatched = true
				}
			}
			for a, number := range la[j] {
				if _, shared := sa[i][a]; number && !shared {
					unmatched = true
				}
			}
			if unmatched {
				scores[k]--
			}
		}
	}
	best := slices.Max(scores)
	first, last = -1, -1
	for k, score := range scores {
		switch {
		case score < best:
		case first < 0:
			first, last = k, k
		case last == k-1:
			last = k
		default:
			return 0, 0, false // tied places apart
		}
	}
	return first, last, last-first+1 < len(long)
}

// anchors are what the same text holds in any language: its numbers, by kind and value
// (true), and its words of two or more Latin capitals (UNTAC, PKO; false).
func anchors(text, lang string) map[string]bool {
	out := map[string]bool{}
	for _, n := range numbers.Extract(text, lang) {
		out[fmt.Sprintf("%d:%g", n.Kind, n.Value)] = true
	}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return r > unicode.MaxASCII || !unicode.IsLetter(r) }) {
		if len(w) >= 2 && strings.ToUpper(w) == w {
			out[w] = false
		}
	}
	return out
}

// excerpt quotes the start of an item's text, enough to find it: at most 40 characters.
func excerpt(text string) string {
	const most = 40
	if r := []rune(text); len(r) > most {
		return fmt.Sprintf("%q", string(r[:most])+"…")
	}
	return fmt.Sprintf("%q", text)
}

// oneOf names item first (0-based) of a file (of: "of content/en/x.md", or "here"), at
// line at, with the start of its text, or the items first to last: `event 4 of
// content/en/x.md, line 31: "Japan and…"`, "one of events 2 to 3 here, from line 23".
func oneOf(item string, first, last int, of string, at int, text string) string {
	if first == last {
		return fmt.Sprintf("%s %d %s, line %d: %s", item, first+1, of, at, excerpt(text))
	}
	return fmt.Sprintf("one of %ss %d to %d %s, from line %d", item, first+1, last+1, of, at)
}
