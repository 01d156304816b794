package check

import (
	"fmt"
	"slices"
	"strings"

	"peacebuilding/internal/content"
	"peacebuilding/internal/numbers"
)

// NumbersLeftBehind lists, as "file:line: message", the places of a source page that
// still write a number which an edit of that page replaced elsewhere since its
// translation was marked: an author's trial changed the Self-Defense Forces' total from
// 8,140 to 8,150 in the body and left an event saying 8,140, and nothing said so. The
// edits are the stale translations' Diff (from the history); a number that only went
// away, or a date, is not followed. The same number may be another fact: the list is for
// the authors to look at, and does not fail the check.
func NumbersLeftBehind(r *Report, in Input) []string {
	files := map[string]*content.File{}
	for _, f := range in.Files {
		files[f.Name] = f
	}
	done := map[string]bool{} // a source with several stale translations is read once
	var out []string
	for _, p := range r.Pairs {
		if p.Stale == nil || len(p.Stale.Diff) == 0 || p.Source == nil || done[p.Source.File] {
			continue
		}
		done[p.Source.File] = true
		if f := files[p.Source.File]; f != nil {
			out = append(out, leftBehind(f, p.Stale.Diff)...)
		}
	}
	return out
}

// replacement is a number an edit replaced by another in one part of a page.
type replacement struct {
	old, new numbers.Number
	where    string // the part: `section "Aid" (#aid)`, "event 4"
}

// replacements are the numbers that diff's changes replaced: written in a removed
// sentence and in no added one of the same part, which writes a new number of the same
// kind and unit instead.
func replacements(diff []Change, lang string) []replacement {
	var out []replacement
	for _, c := range diff {
		removed := numbers.Extract(strings.Join(c.Removed, "\n"), lang)
		added := numbers.Extract(strings.Join(c.Added, "\n"), lang)
		has := func(list []numbers.Number, n numbers.Number) bool {
			return slices.ContainsFunc(list, func(m numbers.Number) bool { return numbers.Equal(m, n) })
		}
		for _, old := range removed {
			if isDate(old) || has(added, old) {
				continue
			}
			for _, n := range added {
				if !has(removed, n) && n.Kind == old.Kind && n.Unit == old.Unit {
					out = append(out, replacement{old, n, c.Where})
					break
				}
			}
		}
	}
	return out
}

func isDate(n numbers.Number) bool {
	return n.Kind == numbers.Year || n.Kind == numbers.Month || n.Kind == numbers.Day
}

// leftBehind finds where f's body and events still write a number that diff replaced.
func leftBehind(f *content.File, diff []Change) []string {
	reps := replacements(diff, f.Lang)
	if len(reps) == 0 {
		return nil
	}
	var out []string
	report := func(line int, n numbers.Number) {
		for _, r := range reps {
			if numbers.Equal(n, r.old) {
				out = append(out, f.Errorf(line, "%s is still written here, where an edit of %s since the translation was marked wrote %s for %s: if it is the same fact, change it here too",
					n.Text, r.where, r.new.Text, r.old.Text).Error())
				return
			}
		}
	}
	for _, n := range numbers.Extract(f.Body, f.Lang) {
		report(f.BodyLine+strings.Count(f.Body[:n.Offset], "\n"), n)
	}
	for i, e := range f.Front.Events {
		for _, n := range numbers.Extract(e.Text, f.Lang) {
			report(f.ItemLine("events", i, "text"), n)
		}
	}
	return out
}

// writeLeftBehind writes the list of NumbersLeftBehind, for the report's text.
func writeLeftBehind(b *strings.Builder, r *Report) {
	if n := len(r.NumbersLeft); n > 0 {
		fmt.Fprintf(b, "\nnumbers an edit replaced in one place and the page still writes in another: %d (in the %s pages: for their authors to look at; it does not fail the check)\n", n, r.Source)
		for _, e := range r.NumbersLeft {
			b.WriteString(e + "\n")
		}
	}
}
