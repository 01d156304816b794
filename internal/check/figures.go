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
	// Each number of the source takes the first unused equal number of the translation,
	// first one with the same approximation, then any: found through groups of equal
	// values, so that a section of thousands of numbers is compared in n log n, not n².
	groups := equalGroups(dn)
	for pass := range 2 {
		for i, a := range sn {
			if sUsed[i] {
				continue
			}
			g := groups.find(a)
			if g == nil {
				continue
			}
			j := g.take(dUsed, a.Bound, pass == 1)
			if j < 0 {
				continue
			}
			sUsed[i], dUsed[j] = true, true
			if a.Bound != dn[j].Bound {
				approx = append(approx, match{i, j})
			}
		}
	}
	loc := func(t text, f *content.File, n numbers.Number) Loc {
		return t.locAt(f.Name, n.Offset, n.Text)
	}
	var out []Problem
	add := func(msg string, s Loc, d Loc) {
		out = append(out, Problem{Check: "figure", Where: u.where, Message: msg, Source: s, Translation: d})
	}
	for _, m := range approx {
		a, b := sn[m.s], dn[m.d]
		add(fmt.Sprintf("approximation differs: %s in %s (%s), %s in %s (%s)", describe(a), src.Lang, approxWord(a), describe(b), dst.Lang, approxWord(b)),
			loc(u.src, src, a), loc(u.dst, dst, b))
	}
	// Pair what is left, in text order, with the closest number of the same kind that
	// looks like the same number mistyped: a changed digit, scale or year. A translation
	// has a few such numbers; past maxPairing of them in a section (a file that is not a
	// translation of the other), they are reported as left out and added, unpaired.
	var leftS, leftD []int
	for i := range sn {
		if !sUsed[i] {
			leftS = append(leftS, i)
		}
	}
	for j := range dn {
		if !dUsed[j] {
			leftD = append(leftD, j)
		}
	}
	if len(leftS) > maxPairing || len(leftD) > maxPairing {
		leftS = nil
	}
	// The same amount in another currency is one finding, not an amount left out and
	// another added, each said to be "not in the text".
	for _, i := range leftS {
		a := sn[i]
		for _, j := range leftD {
			b := dn[j]
			if a.Kind != numbers.Money || b.Kind != numbers.Money || dUsed[j] || a.Unit == b.Unit || math.Abs(a.Value-b.Value) > 1e-9*a.Value {
				continue
			}
			sUsed[i], dUsed[j] = true, true
			add(fmt.Sprintf("currency differs: %s in %s, %s in %s", describe(a), src.Lang, describe(b), dst.Lang),
				loc(u.src, src, a), loc(u.dst, dst, b))
			break
		}
	}
	// First within the same paragraph, when both sides have as many (the structure check
	// reports it when they do not), then anywhere in the section: two mistyped numbers of
	// two paragraphs are each paired with its own, not with the closer-looking other.
	sBlocks, dBlocks := blockStarts(u.src.s), blockStarts(u.dst.s)
	sameBlocks := len(sBlocks) == len(dBlocks)
	for pass := range 2 {
		if pass == 0 && !sameBlocks {
			continue
		}
		for _, i := range leftS {
			if sUsed[i] {
				continue
			}
			a := sn[i]
			best, bestDist := -1, math.Inf(1)
			for _, j := range leftD {
				if dUsed[j] || pass == 0 && blockOf(sBlocks, a.Offset) != blockOf(dBlocks, dn[j].Offset) {
					continue
				}
				if d, ok := distance(a, dn[j]); ok && d < bestDist {
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
	}
	for i, a := range sn {
		if !sUsed[i] {
			add(fmt.Sprintf("%s is not in the %s text%s", describe(a), dst.Lang, writtenIn(a, dst.Lang)), loc(u.src, src, a), placeLike(u.src, a.Offset, u.dst, dst.Name))
		}
	}
	for j, b := range dn {
		if !dUsed[j] {
			add(fmt.Sprintf("%s is not in the %s text%s", describe(b), src.Lang, writtenIn(b, src.Lang)), placeLike(u.dst, b.Offset, u.src, src.Name), loc(u.dst, dst, b))
		}
	}
	// Report in the order of the source text, then the translation's.
	sortProblems(out)
	return out
}

// blockStarts returns the offsets in s where each block of text separated by blank lines
// (a paragraph, a list, a table) starts.
func blockStarts(s string) []int {
	starts := []int{0}
	for i := 0; ; {
		j := strings.Index(s[i:], "\n\n")
		if j < 0 {
			return starts
		}
		i += j + 2
		for i < len(s) && s[i] == '\n' {
			i++
		}
		if i == len(s) {
			return starts // blank lines that end the text (a section's, before the next heading) start no block
		}
		starts = append(starts, i)
	}
}

// blockOf is the index of the block of starts (blockStarts) that holds offset off.
func blockOf(starts []int, off int) int {
	i, _ := slices.BinarySearch(starts, off+1)
	return i - 1
}

// maxPairing is the most numbers left unmatched on either side of a section that are
// paired as mistyped: pairing compares each with each.
const maxPairing = 200

// equalGroups sorts the numbers ns into groups of equal numbers (numbers.Equal), each
// holding its members' indexes in text order.
func equalGroups(ns []numbers.Number) groupIndex {
	order := make([]int, len(ns))
	for i := range order {
		order[i] = i
	}
	key := func(n numbers.Number) string { return n.Kind.String() + "/" + n.Unit }
	keys := make([]string, len(ns))
	for i, n := range ns {
		if n.Kind == numbers.Year {
			n.Kind = numbers.Plain // numbers.Equal compares a year as a count
		}
		keys[i] = key(n)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(strings.Compare(keys[a], keys[b]), cmp.Compare(ns[a].Value, ns[b].Value))
	})
	var gi groupIndex
	for _, i := range order {
		if n := len(gi.groups); n > 0 {
			g := gi.groups[n-1]
			if first := g.members[0]; keys[first] == keys[i] && numbers.Equal(ns[first], ns[i]) {
				g.members = append(g.members, i)
				continue
			}
		}
		gi.groups = append(gi.groups, &group{members: []int{i}})
	}
	for _, g := range gi.groups {
		for _, i := range g.members {
			b := ns[i].Bound
			k := slices.IndexFunc(g.bounds, func(l boundList) bool { return l.bound == b })
			if k < 0 {
				k = len(g.bounds)
				g.bounds = append(g.bounds, boundList{bound: b})
			}
			g.bounds[k].members = append(g.bounds[k].members, i)
		}
	}
	gi.ns, gi.keys = ns, keys
	return gi
}

// groupIndex finds the group of numbers equal to a number by binary search.
type groupIndex struct {
	ns     []numbers.Number
	keys   []string
	groups []*group
}

// group is a run of equal numbers: their indexes in text order, and by the bound of their
// approximation ("" exact, "about", "under", "over", "up to"), in the order the bounds
// first occur.
type group struct {
	members []int // in text order (a stable sort keeps it)
	bounds  []boundList
}

// boundList is the members of a group with one bound, in text order, with a cursor
// before which all are used. A group has a few: slices, not maps, as there is a group
// for every number.
type boundList struct {
	bound   string
	members []int
	next    int
}

func (gi groupIndex) find(n numbers.Number) *group {
	probe := n
	if probe.Kind == numbers.Year {
		probe.Kind = numbers.Plain
	}
	key := probe.Kind.String() + "/" + probe.Unit
	i, _ := slices.BinarySearchFunc(gi.groups, n, func(g *group, n numbers.Number) int {
		first := g.members[0]
		return cmp.Or(strings.Compare(gi.keys[first], key), cmp.Compare(gi.ns[first].Value, n.Value))
	})
	// Equal allows for the last bits of a float: the group may sort just before n.
	for _, k := range []int{i - 1, i} {
		if k >= 0 && k < len(gi.groups) && numbers.Equal(gi.ns[gi.groups[k].members[0]], n) {
			return gi.groups[k]
		}
	}
	return nil
}

// take returns the first member not yet used, in text order, with the bound (or with
// any, if any is true), and -1 if there is none. The cursors only move forward, since
// members are used only through take.
func (g *group) take(used []bool, bound string, any bool) int {
	best := -1
	for bi := range g.bounds {
		b := &g.bounds[bi]
		if !any && b.bound != bound {
			continue
		}
		for b.next < len(b.members) && used[b.members[b.next]] {
			b.next++
		}
		if b.next < len(b.members) {
			if j := b.members[b.next]; best < 0 || j < best {
				best = j
			}
		}
	}
	return best
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
	case numbers.Fraction:
		v = numbers.FractionName(n.Value)
	default:
		v = numbers.Group(n.Value, "en")
	}
	text := strings.Join(strings.Fields(n.Text), " ")
	if strings.Contains(text, v) {
		return fmt.Sprintf("%q", text)
	}
	return fmt.Sprintf("%q (%s)", text, v)
}

// writtenIn is " (ja would write it 1991年10月23日)": how lang writes a date, an amount of money or a
// percentage that its text lacks, with its approximation (約8億8,000万ドル for "about
// US$880 million"), so that the translator need not work it out; "" for a count, whose
// counter depends on what is counted, and for a number written as lang writes it.
func writtenIn(n numbers.Number, lang string) string {
	var v string
	switch n.Kind {
	case numbers.Year, numbers.Month, numbers.Day:
		d, _ := n.Date()
		v = d.Format(lang)
	case numbers.Money:
		v = bounded(numbers.Figure(n.Value, n.Unit, "", lang), n, lang)
	case numbers.Percent:
		v = bounded(numbers.Figure(n.Value, "percent", "", lang), n, lang)
	default:
		return ""
	}
	if strings.Join(strings.Fields(n.Text), " ") == v {
		return "" // "2005" written as 2005: nothing to work out
	}
	return fmt.Sprintf(" (%s would write it %s)", lang, v)
}

// bounded writes figure, n's value as lang writes it, with n's approximation in a form
// that the number check reads as the same bound (numbers.Extract): a suggestion without
// the 約 of "about US$880 million" failed the check once followed.
func bounded(figure string, n numbers.Number, lang string) string {
	ja := lang == "ja"
	switch n.Bound {
	case "about":
		if ja {
			return "約" + figure
		}
		return "about " + figure
	case "over":
		if ja {
			return figure + "超" // 超, not 以上: see numbers.Figure
		}
		return "more than " + figure
	case "up to":
		if ja {
			return "最大" + figure
		}
		return "up to " + figure
	case "under":
		// "nearly" and "less than" are one bound to the check, not to a reader.
		nearly := false
		for _, w := range []string{"nearly", "almost", "近く", "弱", "足らず"} {
			nearly = nearly || strings.Contains(strings.ToLower(n.Text), w)
		}
		switch {
		case nearly && ja:
			return figure + "近く"
		case nearly:
			return "nearly " + figure
		case ja:
			return figure + "未満"
		}
		return "less than " + figure
	}
	return figure
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
