package numbers

import (
	"strconv"
	"strings"
)

// Fractions written as words: "around half of the conflicts" is 約半数, "two-thirds" is
// 3分の2. Each is a Number of Kind Fraction whose Value is the fraction (0.5, 2/3).

// fractionEN are the English fractions read, with their value; of marks those that are
// fractions only before "of" ("half of the conflicts", "a third of the budget"), and
// otherwise a half-day meeting or a third country.
var fractionEN = []struct {
	words string
	value float64
	of    bool
}{
	{"one half", 1.0 / 2, false}, {"one-half", 1.0 / 2, false}, {"half", 1.0 / 2, true},
	{"one third", 1.0 / 3, false}, {"one-third", 1.0 / 3, false}, {"a third", 1.0 / 3, true},
	{"two thirds", 2.0 / 3, false}, {"two-thirds", 2.0 / 3, false},
	{"one quarter", 1.0 / 4, false}, {"one-quarter", 1.0 / 4, false}, {"a quarter", 1.0 / 4, true},
	{"three quarters", 3.0 / 4, false}, {"three-quarters", 3.0 / 4, false},
}

// periodWords before "half of" make it a part of a time ("the first half of 2006",
// 2006年前半), not a fraction.
var periodWords = []string{"first", "second", "latter", "former", "other"}

// hasFractionWord reports whether text may hold a fraction that fractionAt reads.
func hasFractionWord(text string, ja bool) bool {
	if ja {
		return strings.Contains(text, "半") || strings.Contains(text, "分の")
	}
	return strings.Contains(text, "half") || strings.Contains(text, "Half") || strings.Contains(text, "third") || strings.Contains(text, "quarter")
}

// fractionAt reads a fraction at rune i: in English one of fractionEN on word
// boundaries; in Japanese 半数 or 半分 (not 過半数, a majority), or N分のM with digits or
// kanji digits, N from 2 to 10 and M less than N (3分の1, 三分の二).
func (s *scanner) fractionAt(i int) (span, bool) {
	c := s.at(i)
	if s.ja {
		if c == '半' {
			if s.at(i-1) == '過' {
				return span{}, false
			}
			if s.at(i+1) == '数' || s.at(i+1) == '分' {
				return s.fraction(i, i+2, 1.0/2), true
			}
			return span{}, false
		}
		d, j, ok := s.smallDigit(i)
		if !ok || d < 2 {
			return span{}, false
		}
		k, ok := s.after(j, "分の")
		if !ok {
			return span{}, false
		}
		n, end, ok := s.smallDigit(k)
		if !ok || n < 1 || n >= d {
			return span{}, false
		}
		return s.fraction(i, end, float64(n)/float64(d)), true
	}
	if !strings.ContainsRune("ohatOHAT", c) || isLetter(s.at(i-1)) {
		return span{}, false
	}
	for _, f := range fractionEN {
		end, ok := s.after(i, f.words)
		if !ok {
			continue
		}
		if f.of {
			if _, ok := s.after(end, " of"); !ok {
				return span{}, false
			}
			for _, w := range periodWords {
				if _, ok := s.before(s.spaceBack(i), w); ok {
					return span{}, false
				}
			}
		}
		return s.fraction(i, end, f.value), true
	}
	return span{}, false
}

// smallDigit reads a number from 1 to 10 at rune i, in digits or one kanji (一 to 十),
// not part of a longer number.
func (s *scanner) smallDigit(i int) (n, end int, ok bool) {
	if isDigit(s.at(i-1)) || kanjiValue(s.at(i-1)) >= 0 {
		return 0, 0, false
	}
	switch c := s.at(i); {
	case isDigit(c):
		j := s.digitsEnd(i)
		if j-i > 2 || s.at(j) == '.' || s.at(j) == ',' {
			return 0, 0, false
		}
		n = atoi(string(s.r[i:j]))
		end = j
	case kanjiValue(c) >= 1 && kanjiValue(c) <= 10 && kanjiValue(s.at(i+1)) < 0:
		n, end = kanjiValue(c), i+1
	default:
		return 0, 0, false
	}
	return n, end, n >= 1 && n <= 10
}

// fraction is the span of a fraction of value v from rune start to end, with the
// approximation markers around it (around half, 約半数).
func (s *scanner) fraction(start, end int, v float64) span {
	m := span{start: start, end: end, n: Number{Value: v, Kind: Fraction}}
	if st, bound, ok := s.approxBefore(m.start); ok {
		m.start, m.n.Approx, m.n.Bound = st, true, bound
	}
	if e, bound, ok := s.approxAfter(m.end); ok {
		m.end, m.n.Approx, m.n.Bound = e, true, bound
	}
	return m
}

// FractionName writes a fraction that Extract reads as a Fraction: "1/2", "2/3".
func FractionName(v float64) string {
	for d := 2; d <= 10; d++ {
		for n := 1; n < d; n++ {
			if closeTo(v, float64(n)/float64(d)) {
				return strconv.Itoa(n) + "/" + strconv.Itoa(d)
			}
		}
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}
