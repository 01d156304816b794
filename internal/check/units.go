package check

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"peacebuilding/internal/content"
	"peacebuilding/internal/numbers"
)

// A text is a piece of one file's translatable text, with the place it starts at.
type text struct {
	s     string
	plain string // s with its Markdown blanked (plain), for the glossary check
	at    place
	// body marks Markdown, whose lines advance with the newlines of s; a front matter
	// value is reported at the line of its key, even when it spans several lines.
	body bool
}

// line returns the file line the text starts on: for a part of the body, its first line
// that is not blank (a section's text starts with the blank line after its heading, where
// an editor jumping to the finding would find nothing).
func (t text) line() int {
	if !t.body {
		return t.at.line()
	}
	return t.lineAt(len(t.s) - len(strings.TrimLeft(t.s, " \t\r\n")))
}

// lineAt returns the file line of the byte at offset in t.s.
func (t text) lineAt(offset int) int {
	if !t.body {
		return t.at.line()
	}
	return t.at.line() + strings.Count(t.s[:offset], "\n")
}

// columnAt returns the column, in characters from 1, of the byte at offset in t.s; 0 for a
// front matter value, whose place in its line the check does not keep. A part of the body
// starts at the start of a line, so t.s's lines are its file's.
func (t text) columnAt(offset int) int {
	if !t.body {
		return 0
	}
	start := strings.LastIndexByte(t.s[:offset], '\n') + 1
	return utf8.RuneCountInString(t.s[start:offset]) + 1
}

// locAt is the place in file of the byte at offset in t.s, where found is.
func (t text) locAt(file string, offset int, found string) Loc {
	return Loc{File: file, Line: t.lineAt(offset), Column: t.columnAt(offset), Text: found}
}

// placeLike is the place in to, the other language's text of a unit, that stands for
// the byte at offset off in from: the first line of the paragraph (or list, table) of the
// same rank, when both texts have as many (the structure check reports it when they do
// not), else the first line of the text. Where a number or a term is missing, an editor
// lands on the paragraph that should have it, not on the section's heading.
func placeLike(from text, off int, to text, file string) Loc {
	if from.body && to.body {
		fb, tb := blockStarts(from.s), blockStarts(to.s)
		if k := blockOf(fb, off); len(fb) == len(tb) && k > 0 {
			return Loc{File: file, Line: to.lineAt(tb[k])}
		}
	}
	return Loc{File: file, Line: to.line()}
}

// A place is where a text starts in its file, as what finds its line: only the texts
// that a report names need one, and finding a key's line reads the front matter's source
// line by line, which for every text of every page cost more than the rest of units.
type place struct {
	f *content.File
	// The key of a front matter value, and for the key of a [[table]]'s item the item n;
	// or with no key the byte offset n in the body.
	key *frontKey
	n   int
}

// A frontKey is a key of the front matter, of a table ("facts", "capital") or of the
// items of a [[table]] ("events", "text"). The keys are variables, so that a place
// holds a pointer instead of the strings: there is a place per text of every page.
type frontKey struct {
	table, key string
	item       bool
}

var (
	titleKey, summaryKey = &frontKey{key: "title"}, &frontKey{key: "summary"}
	officialNameKey      = &frontKey{table: "facts", key: "official_name"}
	capitalKey           = &frontKey{table: "facts", key: "capital"}
	languagesKey         = &frontKey{table: "facts", key: "languages"}
	factsSourceKey       = &frontKey{table: "facts", key: "source"}
	eventKey             = &frontKey{table: "events", key: "text", item: true}
	figureKey            = &frontKey{table: "figures", key: "label", item: true}
	correctionKey        = &frontKey{table: "corrections", key: "correction", item: true}
)

func (p place) line() int {
	switch k := p.key; {
	case k == nil:
		return p.f.BodyLine + strings.Count(p.f.Body[:p.n], "\n")
	case k.item:
		return p.f.ItemLine(k.table, p.n, k.key)
	case k.table != "":
		return p.f.Line(k.table, k.key)
	default:
		return p.f.Line(k.key)
	}
}

// keyPlace, itemPlace and bodyPlace make the places of a front matter key, a key of item
// n of a [[table]] and a byte offset in the body.
func keyPlace(f *content.File, key *frontKey) place { return place{f: f, key: key} }

func itemPlace(f *content.File, key *frontKey, n int) place { return place{f: f, key: key, n: n} }

func bodyPlace(f *content.File, offset int) place { return place{f: f, n: offset} }

// A unit is a piece of text that a translation renders as a whole, so that its numbers
// must be the same in both languages: the title, the summary, a text fact, an event, a
// figure's label, a correction, or a section of the body (or the whole body).
type unit struct {
	where    string // "summary", "event 3", "section #small-arms", "body"
	src, dst text
	// The numbers of each side, read once for the rules that compare them (numbers).
	nums *[2][]numbers.Number
}

// numbers returns the numbers of the unit's source and translation texts, read at the
// first call: the figure, counter and order rules all compare them.
func (u *unit) numbers(src, dst *content.File) (sn, dn []numbers.Number) {
	if u.nums == nil {
		u.nums = &[2][]numbers.Number{numbers.Extract(u.src.s, src.Lang), numbers.Extract(u.dst.s, dst.Lang)}
	}
	return u.nums[0], u.nums[1]
}

// units pairs the translatable texts of source file src and its translation dst, whose
// bodies as plain text (plainBody) are srcBody and dstBody. Values that dst leaves out
// (it inherits them) have nothing to compare and make no unit.
func units(src, dst *content.File, srcBody, dstBody string) []unit {
	sf, df := &src.Front, &dst.Front
	// Room for every unit of the front matter and a few sections: a unit is large, and
	// growing the slice was most of what units allocated.
	out := make([]unit, 0, 6+len(sf.Events)+len(sf.Figures)+len(sf.Corrections)+8)
	front := func(where, s, d string, sat, dat place) {
		if strings.TrimSpace(s) == "" || strings.TrimSpace(d) == "" {
			return
		}
		out = append(out, unit{where, text{s: s, plain: plain(s), at: sat}, text{s: d, plain: plain(d), at: dat}, nil})
	}
	front("title", sf.Title, df.Title, keyPlace(src, titleKey), keyPlace(dst, titleKey))
	front("summary", sf.Summary, df.Summary, keyPlace(src, summaryKey), keyPlace(dst, summaryKey))
	if sf.Facts != nil && df.Facts != nil {
		for _, f := range []struct {
			key  *frontKey
			s, d string
		}{
			{officialNameKey, sf.Facts.OfficialName, df.Facts.OfficialName},
			{capitalKey, sf.Facts.Capital, df.Facts.Capital},
			{languagesKey, strings.Join(sf.Facts.Languages, ", "), strings.Join(df.Facts.Languages, ", ")},
			{factsSourceKey, sf.Facts.Source, df.Facts.Source},
		} {
			front("facts."+f.key.key, f.s, f.d, keyPlace(src, f.key), keyPlace(dst, f.key))
		}
	}
	// Events and figures are paired by their place in the list. With one dropped or added,
	// the places pair different items and every later pair would be a false finding: the
	// count, which the build rejects, is the finding then (Report.Build).
	if len(sf.Events) == len(df.Events) {
		for i := range sf.Events {
			front(fmt.Sprintf("event %d", i+1), sf.Events[i].Text, df.Events[i].Text,
				itemPlace(src, eventKey, i), itemPlace(dst, eventKey, i))
		}
	}
	if len(sf.Figures) == len(df.Figures) {
		for i := range sf.Figures {
			front(fmt.Sprintf("figure %d", i+1), sf.Figures[i].Label, df.Figures[i].Label,
				itemPlace(src, figureKey, i), itemPlace(dst, figureKey, i))
		}
	}
	if len(sf.Corrections) == len(df.Corrections) {
		// The source field quotes the source document, in its language, on both sides.
		for i, c := range sf.Corrections {
			d := df.Corrections[i]
			front(fmt.Sprintf("correction %d", i+1), c.Correction+"\n"+c.Note, d.Correction+"\n"+d.Note,
				itemPlace(src, correctionKey, i), itemPlace(dst, correctionKey, i))
		}
	}
	return appendBodyUnits(out, src, dst, srcBody, dstBody)
}

// appendBodyUnits appends to out the units of the bodies: section by section when their
// sections pair by id (pairSections), and as a whole otherwise: a translation may
// merge or split paragraphs, but a section with an id is the same section in both. A
// section that one language has and the other has not (the structure check reports it)
// is left out then: compared whole, each number and term of a dropped section was a
// finding of its own, before the one that says what happened.
func appendBodyUnits(out []unit, src, dst *content.File, srcBody, dstBody string) []unit {
	if pairs := pairSections(src, dst); pairs != nil {
		for _, p := range pairs {
			s, d := p[0], p[1]
			where := "introduction"
			if s.id != "" {
				where = "section #" + s.id
			}
			out = append(out, unit{where, s.text(src, srcBody), d.text(dst, dstBody), nil})
		}
		return out
	}
	if strings.TrimSpace(src.Body) == "" && strings.TrimSpace(dst.Body) == "" {
		return out
	}
	return append(out, unit{"body", text{s: src.Body, plain: srcBody, at: bodyPlace(src, 0), body: true},
		text{s: dst.Body, plain: dstBody, at: bodyPlace(dst, 0), body: true}, nil})
}

// pairSections pairs the sections of two bodies (from one heading with an id to the next)
// by their ids, the introductions with each other, in the source's order. It returns nil,
// for the bodies to be compared whole, unless both have sections and either their ids
// are the same in the same order, or the translation lacks sections of the source (each
// joins the source section before it) and has none of its own, every heading of both has
// an id and no id is repeated: a heading
// without an id, an id renamed, or a section the translation adds (a section split in
// two: the numbers it moved there would each be missing from the other) leave unsure
// which text is which.
func pairSections(src, dst *content.File) [][2]section {
	srcBody, dstBody := src.Body, dst.Body
	ss, ds := sections(srcBody, true), sections(dstBody, true)
	if len(ss) < 2 || len(ds) < 2 {
		return nil
	}
	if slices.EqualFunc(ss, ds, func(a, b section) bool { return a.id == b.id }) {
		pairs := make([][2]section, len(ss))
		for i := range ss {
			pairs[i] = [2]section{ss[i], ds[i]}
		}
		return pairs
	}
	if len(ss) != len(sections(srcBody, false)) || len(ds) != len(sections(dstBody, false)) {
		return nil
	}
	byID := make(map[string]section, len(ds))
	for _, d := range ds[1:] {
		if _, dup := byID[d.id]; dup {
			return nil
		}
		byID[d.id] = d
	}
	pairs := [][2]section{{ss[0], ds[0]}}
	seen := make(map[string]bool, len(ss))
	for _, s := range ss[1:] {
		if seen[s.id] {
			return nil
		}
		seen[s.id] = true
		if d, ok := byID[s.id]; ok {
			pairs = append(pairs, [2]section{s, d})
		} else if last := &pairs[len(pairs)-1]; last[0].end == s.start && headingDropped(src, dst, *last, s) {
			// The translation kept the section's text under the heading before: compared
			// apart, its numbers would each be missing from that section of the source.
			last[0].end = s.end
		}
	}
	if len(ds) > len(pairs) {
		return nil
	}
	return pairs
}

// headingDropped says whether the translation has the text of source section missing
// under the section of pair, the one just before it in the source: whether most numbers
// of missing (by kind and value) are in the pair's translation and not in its source. A
// section dropped whole (its text too) is one finding of the structure check, not one per
// number in it, and a number of missing that the translation happens to use (a year) is
// not enough to take it for moved. A section with no numbers is compared by its blocks
// (keptUnder).
func headingDropped(src, dst *content.File, pair [2]section, missing section) bool {
	type key struct {
		kind  numbers.Kind
		value float64
	}
	values := func(f *content.File, s section) map[key]bool {
		out := map[key]bool{}
		for _, n := range numbers.Extract(f.Body[s.start:s.end], f.Lang) {
			out[key{n.Kind, n.Value}] = true
		}
		return out
	}
	inSource, inTranslation := values(src, pair[0]), values(dst, pair[1])
	moved, own := 0, 0
	for k := range values(src, missing) {
		if inSource[k] {
			continue // says nothing: the pair's source has it too
		}
		own++
		if inTranslation[k] {
			moved++
		}
	}
	if own == 0 {
		// A section without numbers of its own (a paragraph and a list): its text is under
		// the pair's translation if that holds the blocks of both, and the pair's source
		// its own alone. A section dropped whole leaves the translation the source's blocks.
		return keptUnder(src, dst, pair, missing)
	}
	return 2*moved > own
}

// keptUnder reports whether the section of the translation in pair holds as many
// paragraphs, list items and tables as its source and missing together, missing having
// at least one.
func keptUnder(src, dst *content.File, pair [2]section, missing section) bool {
	s, m, d := shapeOf(src.Body, pair[0].start, pair[0].end), shapeOf(src.Body, missing.start, missing.end), shapeOf(dst.Body, pair[1].start, pair[1].end)
	return len(m.blocks()) > 0 &&
		len(s.paragraphs)+len(m.paragraphs) == len(d.paragraphs) &&
		len(s.items)+len(m.items) == len(d.items) &&
		len(s.tables)+len(m.tables) == len(d.tables)
}

// A section is the part of a body from one heading to the next; the first section is
// the text before the first heading, with no id.
type section struct {
	id, title  string // the explicit id, if any, and the heading text without it
	start, end int    // byte offsets in the body: the heading line is included
}

// text is the section's text; body is the file's body as plain text, which is plain
// line by line, so that its part is the section's plain text.
func (s section) text(f *content.File, body string) text {
	return text{s: f.Body[s.start:s.end], plain: body[s.start:s.end], at: bodyPlace(f, s.start), body: true}
}

// label is how a report names the section to a translator: by its heading as written.
func (s section) label() string {
	switch {
	case s.title == "" && s.id == "":
		return "introduction"
	case s.id != "":
		return fmt.Sprintf("section %s (#%s)", quoteTitle(s.title), s.id)
	}
	return fmt.Sprintf("section %s", quoteTitle(s.title))
}

// quoteTitle quotes a heading's text, unless it is a quotation as a whole: "“Two wheels of
// one cart”" read as a doubled quotation (an author's trial).
func quoteTitle(title string) string {
	for _, q := range [][2]string{{"“", "”"}, {"「", "」"}, {"『", "』"}} {
		if inner, ok := strings.CutPrefix(title, q[0]); ok && strings.HasSuffix(inner, q[1]) && !strings.Contains(strings.TrimSuffix(inner, q[1]), q[0]) {
			return title
		}
	}
	return strconv.Quote(title)
}

// The lines of Markdown that split a body are read by hand: the regular expressions that
// said the same (ref_test.go keeps them, and the tests compare) were a tenth of the
// check's time. Each function names the expression it stands for.

// fenceMarker returns the marker of a code fence line, ^ {0,3}(```|~~~).
func fenceMarker(line string) (string, bool) {
	i := leadingSpaces(line)
	for _, m := range []string{"```", "~~~"} {
		if strings.HasPrefix(line[i:], m) {
			return m, true
		}
	}
	return "", false
}

// atxTitle returns the text of an ATX heading line: ^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$,
// the title being the first group. The title is what follows the #s and blanks up to
// trailing blanks, and up to a closing run of #s when blanks come before it.
func atxTitle(line string) (string, bool) {
	i := leadingSpaces(line)
	j := i
	for j < len(line) && line[j] == '#' {
		j++
	}
	if n := j - i; n < 1 || n > 6 {
		return "", false
	}
	rest := line[j:]
	if rest == "" {
		return "", true
	}
	if !isBlank(rest[0]) {
		return "", false // #5, or a seventh #
	}
	title := strings.TrimRight(strings.TrimLeft(rest, " \t"), " \t")
	if open := strings.TrimRight(title, "#"); len(open) < len(title) && open != "" && isBlank(open[len(open)-1]) {
		title = strings.TrimRight(open, " \t")
	}
	return title, true
}

// splitExplicitID splits an {#id} off the end of a heading's title, with the blanks
// before it: [ \t]*\{#([^}\s]+)\}$. The id starts at the first {# of the run of
// characters before the closing } that holds neither } nor white space, as the leftmost
// match does: {#a{#b} has the id a{#b.
func splitExplicitID(title string) (rest, id string, ok bool) {
	end := len(title) - 1
	if end < 0 || title[end] != '}' {
		return title, "", false
	}
	run := end // the run of characters that may be part of an id
	for run > 0 && title[run-1] != '}' && !isRegexpSpace(title[run-1]) {
		run--
	}
	for q := run; q+2 < end; q++ {
		if title[q] == '{' && title[q+1] == '#' {
			start := q
			for start > 0 && isBlank(title[start-1]) {
				start--
			}
			return title[:start], title[q+2 : end], true
		}
	}
	return title, "", false
}

// leadingSpaces counts the spaces, up to three, that may indent a fence or a heading.
func leadingSpaces(line string) int {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	return i
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// sections splits body at its ATX headings (outside fenced code), or only at the headings
// with an explicit {#id} when explicitOnly is set. There is always a first section, the
// text before the first heading, which may be empty.
func sections(body string, explicitOnly bool) []section {
	out := []section{{}}
	for _, h := range headings(body) {
		if h.id != "" || !explicitOnly {
			out[len(out)-1].end = h.off
			out = append(out, section{id: h.id, title: strings.TrimSpace(h.title), start: h.off})
		}
	}
	out[len(out)-1].end = len(body)
	return out
}
