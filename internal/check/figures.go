package check

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"peacebuilding/internal/content"
	"peacebuilding/internal/numbers"
)

// compareFigures compares the numbers of each unit as values (numbers.Extract and
// numbers.Equal): 45億ドル is "US$4.5 billion", 2006年12月 is "December 2006". Within a
// unit the order does not matter, since sentences are rebuilt in translation.
//
// Each number of one side is matched with an equal number of the other, first with the
// same approximation ("more than 25,000" and 2万5,000丁以上), then with any. What is
// left is reported: a number of each side of the same kind (count, money, percent, date)
// as one changed number, and the rest as dropped from, or added to, the translation.
func compareFigures(us []unit, src, dst *content.File) []Problem {
	var out []Problem
	for i := range us {
		out = append(out, compareUnit(&us[i], src, dst)...)
	}
	return out
}

func compareUnit(u *unit, src, dst *content.File) []Problem {
	sn, dn := u.numbers(src, dst)
	if len(sn) == 0 && len(dn) == 0 {
		return nil
	}
	sUsed, dUsed := make([]bool, len(sn)), make([]bool, len(dn))
	type match struct{ s, d int }
	var approx []match
	for pass := range 2 {
		for i, a := range sn {
			if sUsed[i] {
				continue
			}
			for j, b := range dn {
				if dUsed[j] || !numbers.Equal(a, b) || pass == 0 && a.Bound != b.Bound {
					continue
				}
				sUsed[i], dUsed[j] = true, true
				if a.Bound != b.Bound {
					approx = append(approx, match{i, j})
				}
				break
			}
		}
	}
	loc := func(t text, f *content.File, n numbers.Number) Loc {
		return Loc{File: f.Name, Line: t.lineAt(n.Offset), Text: n.Text}
	}
	var out []Problem
	add := func(msg string, s Loc, d Loc) {
		out = append(out, Problem{Check: "figure", Where: u.where, Message: msg, Source: s, Translation: d})
	}
	unitLoc := func(t text, f *content.File) Loc { return Loc{File: f.Name, Line: t.line()} }
	for _, m := range approx {
		a, b := sn[m.s], dn[m.d]
		add(fmt.Sprintf("approximation differs: %s in %s (%s), %s in %s (%s)", describe(a), src.Lang, approxWord(a), describe(b), dst.Lang, approxWord(b)),
			loc(u.src, src, a), loc(u.dst, dst, b))
	}
	// Pair what is left, in text order, with the closest number of the same kind that
	// looks like the same number mistyped: a changed digit, scale or year.
	for i, a := range sn {
		if sUsed[i] {
			continue
		}
		best, bestDist := -1, math.Inf(1)
		for j, b := range dn {
			if d, ok := distance(a, b); ok && !dUsed[j] && d < bestDist {
				best, bestDist = j, d
			}
		}
		if best < 0 {
			continue
		}
		b := dn[best]
		sUsed[i], dUsed[best] = true, true
		add(fmt.Sprintf("number differs: %s in %s, %s in %s", describe(a), src.Lang, describe(b), dst.Lang),
			loc(u.src, src, a), loc(u.dst, dst, b))
	}
	for i, a := range sn {
		if !sUsed[i] {
			add(fmt.Sprintf("%s is not in the %s text", describe(a), dst.Lang), loc(u.src, src, a), unitLoc(u.dst, dst))
		}
	}
	for j, b := range dn {
		if !dUsed[j] {
			add(fmt.Sprintf("%s is not in the %s text", describe(b), src.Lang), unitLoc(u.src, src), loc(u.dst, dst, b))
		}
	}
	// Report in the order of the source text, then the translation's.
	sortProblems(out)
	return out
}

// distance says how far apart two numbers of the same class are, as the size of their
// ratio, and whether they are close enough to be one number mistyped: dates of the same
// precision, or values within a factor of ten, or a power of ten apart (a wrong scale,
// 4.5億 for 45億). 8,140 and 500 are two numbers, one dropped and one added.
func distance(a, b numbers.Number) (float64, bool) {
	if class(a) != class(b) {
		return 0, false
	}
	switch a.Kind {
	case numbers.Month, numbers.Day:
		return math.Abs(a.Value - b.Value), a.Kind == b.Kind
	}
	if a.Value <= 0 || b.Value <= 0 {
		return math.Abs(a.Value - b.Value), true
	}
	d := math.Abs(math.Log10(a.Value / b.Value))
	return d, d <= 1 || math.Abs(d-math.Round(d)) < 1e-9
}

// class is what a number may be compared with: a count is a count whether or not it
// looks like a year (numbers.Equal says the same), money is money in one currency.
func class(n numbers.Number) string {
	k := n.Kind
	if k == numbers.Year {
		k = numbers.Plain
	}
	return k.String() + "/" + n.Unit
}

// approxWord names the approximation of a number: "about", "more than", "less than",
// "up to", or "exact".
func approxWord(n numbers.Number) string {
	switch n.Bound {
	case "":
		return "exact"
	case "over":
		return "more than"
	case "under":
		return "less than"
	}
	return n.Bound
}

// describe quotes a number as written and, unless that shows it already, gives its value
// in English: "4.5億ドル" (US$450 million).
func describe(n numbers.Number) string {
	var v string
	switch n.Kind {
	case numbers.Year, numbers.Month, numbers.Day:
		d, _ := n.Date()
		v = d.Format("en")
	case numbers.Money:
		v = numbers.Figure(n.Value, n.Unit, "", "en")
	case numbers.Percent:
		v = numbers.Figure(n.Value, "percent", "", "en")
	default:
		v = numbers.Group(n.Value, "en")
	}
	text := strings.Join(strings.Fields(n.Text), " ")
	if strings.Contains(text, v) {
		return fmt.Sprintf("%q", text)
	}
	return fmt.Sprintf("%q (%s)", text, v)
}

// sortProblems orders problems by the line of their source number, then of their
// translation number, keeping the order of equal places; numbers found only in the
// translation come last.
func sortProblems(ps []Problem) {
	line := func(l Loc) int {
		if l.Text == "" {
			return math.MaxInt
		}
		return l.Line
	}
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(line(a.Source), line(b.Source)), cmp.Compare(line(a.Translation), line(b.Translation)))
	})
}
