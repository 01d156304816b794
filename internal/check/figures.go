package check

import (
	"cmp"
	"fmt"
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
	for _, u := range us {
		out = append(out, compareUnit(u, src, dst)...)
	}
	return out
}

func compareUnit(u unit, src, dst *content.File) []Problem {
	sn, dn := numbers.Extract(u.src.s, src.Lang), numbers.Extract(u.dst.s, dst.Lang)
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
				if dUsed[j] || !numbers.Equal(a, b) || pass == 0 && a.Approx != b.Approx {
					continue
				}
				sUsed[i], dUsed[j] = true, true
				if a.Approx != b.Approx {
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
	unitLoc := func(t text, f *content.File) Loc { return Loc{File: f.Name, Line: t.line} }
	for _, m := range approx {
		a, b := sn[m.s], dn[m.d]
		add(fmt.Sprintf("%s %s but %s %s", approxWord(a), describe(a, src.Lang), approxWord(b), describe(b, dst.Lang)),
			loc(u.src, src, a), loc(u.dst, dst, b))
	}
	// Pair what is left by kind, in text order: a changed digit, scale or year.
	for i, a := range sn {
		if sUsed[i] {
			continue
		}
		for j, b := range dn {
			if dUsed[j] || class(a) != class(b) {
				continue
			}
			sUsed[i], dUsed[j] = true, true
			add(fmt.Sprintf("number differs: %s in %s, %s in %s", describe(a, src.Lang), src.Lang, describe(b, dst.Lang), dst.Lang),
				loc(u.src, src, a), loc(u.dst, dst, b))
			break
		}
	}
	for i, a := range sn {
		if !sUsed[i] {
			add(fmt.Sprintf("%s is not in the %s text", describe(a, src.Lang), dst.Lang), loc(u.src, src, a), unitLoc(u.dst, dst))
		}
	}
	for j, b := range dn {
		if !dUsed[j] {
			add(fmt.Sprintf("%s is not in the %s text", describe(b, dst.Lang), src.Lang), unitLoc(u.src, src), loc(u.dst, dst, b))
		}
	}
	// Report in the order of the source text, then the translation's.
	sortProblems(out)
	return out
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

func approxWord(n numbers.Number) string {
	if n.Approx {
		return "approximate"
	}
	return "exact"
}

// describe quotes a number as written and, when that is not plain English, gives its
// value in English: "4.5億ドル" (US$450 million).
func describe(n numbers.Number, lang string) string {
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
	if lang == "en" && strings.Contains(text, v) {
		return fmt.Sprintf("%q", text)
	}
	return fmt.Sprintf("%q (%s)", text, v)
}

// sortProblems orders problems by their source line, then translation line, keeping the
// order of equal places.
func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Source.Line, b.Source.Line), cmp.Compare(a.Translation.Line, b.Translation.Line))
	})
}
