package check

import (
	"fmt"

	"peacebuilding/internal/content"
)

// A Row is one part of a page in both languages, for the side-by-side view of the
// preview: the title, the summary, an event, a figure label, or a section of the body
// aligned by its heading id, with the findings of the check that are about it.
type Row struct {
	Where           string // as findings name it: "title", "event 2", "section #small-arms"
	Source, Trans   string // the text in each language; "" where a side has none
	SLine, TLine    int    // the file line where each side's text starts (0: none)
	Problems        []Problem
	MissingInSource bool // a section the translation has and the source does not
	MissingInTransl bool // a section of the source the translation lacks
}

// Align returns the parts of source s and translation t (either may be nil) side by
// side, in the order of the source, with the problems of p at their part; the problems
// about the page as a whole (headings, untranslated copy, acceptances) are in a first
// row whose Where is "page".
func Align(p *Pair, s, t *content.File) []Row {
	rows := []Row{{Where: "page"}}
	at := map[string]int{}
	add := func(r Row) {
		at[r.Where] = len(rows)
		rows = append(rows, r)
	}
	fm := func(f *content.File) *content.FrontMatter {
		if f == nil {
			return &content.FrontMatter{}
		}
		return &f.Front
	}
	line := func(f *content.File, key ...string) int {
		if f == nil || !f.Defined(key[0]) {
			return 0
		}
		return f.Line(key...)
	}
	sf, tf := fm(s), fm(t)
	add(Row{Where: "title", Source: sf.Title, Trans: tf.Title, SLine: line(s, "title"), TLine: line(t, "title")})
	add(Row{Where: "summary", Source: sf.Summary, Trans: tf.Summary, SLine: line(s, "summary"), TLine: line(t, "summary")})
	for i := range max(len(sf.Events), len(tf.Events)) {
		r := Row{Where: fmt.Sprintf("event %d", i+1)}
		if i < len(sf.Events) {
			r.Source, r.SLine = sf.Events[i].Text, s.ItemLine("events", i, "text")
		}
		if i < len(tf.Events) {
			r.Trans, r.TLine = tf.Events[i].Text, t.ItemLine("events", i, "text")
		}
		add(r)
	}
	for i := range max(len(sf.Figures), len(tf.Figures)) {
		r := Row{Where: fmt.Sprintf("figure %d", i+1)}
		if i < len(sf.Figures) {
			r.Source, r.SLine = sf.Figures[i].Label, s.ItemLine("figures", i, "label")
		}
		if i < len(tf.Figures) {
			r.Trans, r.TLine = tf.Figures[i].Label, t.ItemLine("figures", i, "label")
		}
		add(r)
	}
	var ss, ts []section
	if s != nil {
		ss = sections(s.Body, true)
	}
	if t != nil {
		ts = sections(t.Body, true)
	}
	tByID := map[string]section{}
	for i, x := range ts {
		if i > 0 && x.id != "" {
			tByID[x.id] = x
		}
	}
	where := func(i int, x section) string {
		if i == 0 {
			return "introduction"
		}
		return "section #" + x.id
	}
	for i, x := range ss {
		r := Row{Where: where(i, x), Source: s.Body[x.start:x.end], SLine: bodyPlace(s, x.start).line()}
		var y section
		ok := false
		if i == 0 && len(ts) > 0 {
			y, ok = ts[0], true
		} else if i > 0 {
			y, ok = tByID[x.id]
		}
		if ok {
			r.Trans, r.TLine = t.Body[y.start:y.end], bodyPlace(t, y.start).line()
		} else {
			r.MissingInTransl = true
		}
		add(r)
	}
	sIDs := map[string]bool{}
	for _, x := range ss {
		sIDs[x.id] = true
	}
	for i, y := range ts {
		if i > 0 && !sIDs[y.id] {
			add(Row{Where: where(i, y) + " (" + t.Lang + " only)", Trans: t.Body[y.start:y.end], TLine: bodyPlace(t, y.start).line(), MissingInSource: true})
		}
	}
	// The editors' notes, last, as the page shows them: what the page says instead of the
	// source, and why (the source's own words, quoted alike in both files, are left out).
	for i := range max(len(sf.Corrections), len(tf.Corrections)) {
		r := Row{Where: fmt.Sprintf("correction %d", i+1)}
		if i < len(sf.Corrections) {
			c := sf.Corrections[i]
			r.Source, r.SLine = c.Correction+"\n"+c.Note, s.ItemLine("corrections", i, "correction")
		}
		if i < len(tf.Corrections) {
			c := tf.Corrections[i]
			r.Trans, r.TLine = c.Correction+"\n"+c.Note, t.ItemLine("corrections", i, "correction")
		}
		add(r)
	}
	if p != nil {
		for _, pr := range p.Problems {
			k, ok := at[pr.Where]
			if !ok {
				k = 0
			}
			rows[k].Problems = append(rows[k].Problems, pr)
		}
	}
	out := rows[:0]
	for k, r := range rows {
		if k == 0 || r.Source != "" || r.Trans != "" || len(r.Problems) > 0 {
			out = append(out, r)
		}
	}
	return out
}
