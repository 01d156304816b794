package check

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"peacebuilding/internal/content"
	"peacebuilding/internal/markdown"
	"peacebuilding/internal/numbers"
	"peacebuilding/internal/site"
)

// The structure check compares the shape of a translation with its source, where a
// reviewer would look before reading a word:
//
//   - every heading of the body has the {#id} of the source's heading at the same place,
//     in the same order; a heading with no id, another id, or a {#…} that Markdown does
//     not read as an id (｛#…｝, or text after it) is reported at its line;
//   - per section (from one heading with an id to the next), the same number of list
//     items, tables and paragraphs, and links to the same targets; a link written with a
//     full-width bracket or parenthesis (［…］, （…）), which Markdown publishes as text,
//     is reported at its line;
//   - events, figures and corrections in the same order;
//   - no level-1 heading (# …) in a body, in any language: the title is the page's one
//     level-1 heading (docs/content-model.md).

// heading is an ATX heading of a body, outside fenced code.
type heading struct {
	level int
	id    string // the explicit {#id}, or ""
	title string // the text without the id
	off   int    // byte offset of the line in the body
}

// headings lists the ATX headings of body outside fenced code.
func headings(body string) []heading {
	var out []heading
	inFence := ""
	for off := 0; off < len(body); {
		end := strings.IndexByte(body[off:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += off + 1
		}
		line := strings.TrimRight(body[off:end], "\n") // bodies have \n line ends (content.Parse)
		if marker, ok := fenceMarker(line); ok {
			switch inFence {
			case "":
				inFence = marker
			case marker:
				inFence = ""
			}
		} else if title, ok := atxTitle(line); ok && inFence == "" {
			h := heading{off: off, title: title}
			i := leadingSpaces(line)
			for i+h.level < len(line) && line[i+h.level] == '#' {
				h.level++
			}
			if rest, id, ok := splitExplicitID(title); ok {
				h.id, h.title = id, strings.TrimSpace(rest)
			}
			out = append(out, h)
		}
		off = end
	}
	return out
}

// fileStructure reports what is wrong with one file's body whatever its language: a
// level-1 heading and a heading id that Markdown does not read.
func fileStructure(f *content.File, other *content.File, srcSide bool) []Problem {
	if f == nil {
		return nil
	}
	var out []Problem
	for _, h := range headings(f.Body) {
		here := Loc{File: f.Name, Line: bodyPlace(f, h.off).line(), Text: strings.TrimSpace(lineAt(f.Body, h.off))}
		var msg, needle string
		if h.level == 1 {
			msg = "a level-1 heading (# …) in the body: the title is the page's only level-1 heading; write ## and an {#id}"
		} else if lit, ok := markdown.LiteralID(h.title); ok {
			msg = fmt.Sprintf("%s is not read as a heading id and would be published as text: write {#id} in half-width braces at the end of the heading", lit)
			// The same id, as the other language writes it: ｛#ddr｝ is {#ddr}.
			needle = "{#" + markdown.LiteralIDName(lit) + "}"
		} else {
			continue
		}
		there := Loc{}
		if other != nil {
			there = counterpart(other, needle)
		}
		p := Problem{Check: "structure", Where: "heading", Message: msg}
		if srcSide {
			p.Source, p.Translation, p.inSource = here, there, true
		} else {
			p.Source, p.Translation = there, here
		}
		out = append(out, p)
	}
	for _, m := range markdown.FullWidthLinks(f.Body, 0, len(f.Body)) {
		lit := f.Body[m[0]:m[1]]
		here := Loc{File: f.Name, Line: bodyPlace(f, m[0]).line(), Text: lit}
		there := Loc{}
		if other != nil {
			there = counterpart(other, "]("+f.Body[m[4]:m[5]]+")")
		}
		p := Problem{Check: "structure", Where: "link", Message: fmt.Sprintf(
			"%s is not read as a link and would be published as text: write the brackets and parentheses half-width, [%s](%s)",
			lit, f.Body[m[2]:m[3]], f.Body[m[4]:m[5]])}
		if srcSide {
			p.Source, p.Translation, p.inSource = here, there, true
		} else {
			p.Source, p.Translation = there, here
		}
		out = append(out, p)
	}
	return out
}

// itemCounts compares the number of events and of figures of source s and translation
// t. The build rejects a translation whose counts differ, but not a stale one, whose
// source may have gained or lost an item since (it shows the source's items until they
// match): the check says so there, pending when the source's count changed since the
// translation was marked, or may have (no history: Staleness.changed), a mismatch when
// the translation's did.
func itemCounts(s, t *content.File) []Problem {
	var out []Problem
	for _, c := range []struct {
		table  string
		sn, tn int
	}{
		{"events", len(s.Front.Events), len(t.Front.Events)},
		{"figures", len(s.Front.Figures), len(t.Front.Figures)},
	} {
		if c.tn == 0 || c.sn == c.tn {
			continue // none: the translation shows the source's
		}
		out = append(out, Problem{Check: "structure", Where: c.table,
			Message: fmt.Sprintf("%d [[%s]] in %s, %d in %s: a translation has the same %s in the same order; until it does, the page shows the %s %s",
				c.sn, c.table, s.Lang, c.tn, t.Lang, c.table, s.Lang, c.table),
			Source:      Loc{File: s.Name, Line: s.Line(c.table), Text: "[[" + c.table + "]]"},
			Translation: Loc{File: t.Name, Line: t.Line(c.table), Text: "[[" + c.table + "]]"},
		})
	}
	return out
}

// counterpart is where other writes needle (the id or the link that a mistake of the file
// in the other language stands for), with its line; without needle or where other does
// not write it, the first line of other's body that has text.
func counterpart(other *content.File, needle string) Loc {
	at := -1
	if needle != "" {
		at = strings.Index(other.Body, needle)
	}
	if at < 0 {
		at = strings.IndexFunc(other.Body, func(r rune) bool { return !unicode.IsSpace(r) })
	}
	if at < 0 {
		return Loc{File: other.Name, Line: other.BodyLine}
	}
	return Loc{File: other.Name, Line: bodyPlace(other, at).line(), Text: wholeLine(other.Body, at)}
}

// wholeLine is the line of s that holds off, trimmed and cut to a terminal line.
func wholeLine(s string, off int) string {
	start := strings.LastIndexByte(s[:off], '\n') + 1
	line := strings.Join(strings.Fields(lineAt(s, start)), " ")
	if utf8.RuneCountInString(line) > 160 {
		line = string([]rune(line)[:160]) + "…"
	}
	return line
}

// lineAt is the line of s that starts at off, without its line break.
func lineAt(s string, off int) string {
	end := strings.IndexByte(s[off:], '\n')
	if end < 0 {
		return s[off:]
	}
	return s[off : off+end]
}

// compareHeadings reports the headings of dst whose ids are not those of src's headings
// at the same place. The two lists are aligned on their longest common run of ids (a
// heading without id matches nothing); in each gap between aligned headings, the
// headings left on both sides are paired in order: a translated heading without the id,
// with another id, or with an id of another place (sections out of order). What is left
// over is a section missing from the translation, or one the source does not have.
func compareHeadings(src, dst *content.File) []Problem {
	sh, dh := headings(src.Body), headings(dst.Body)
	var out []Problem
	sLoc := func(h heading) Loc {
		return Loc{File: src.Name, Line: bodyPlace(src, h.off).line(), Text: strings.TrimSpace(lineAt(src.Body, h.off))}
	}
	dLoc := func(h heading) Loc {
		return Loc{File: dst.Name, Line: bodyPlace(dst, h.off).line(), Text: strings.TrimSpace(lineAt(dst.Body, h.off))}
	}
	add := func(msg string, s, d Loc) {
		out = append(out, Problem{Check: "structure", Where: "headings", Message: msg, Source: s, Translation: d})
	}
	// The sections whose heading alone the translation dropped, by id: the pair of
	// sections whose translation holds their text (pairSections joins them to the source
	// section before).
	under := map[string][2]section{}
	for _, p := range pairSections(src, dst) {
		for _, s := range sections(src.Body, true) {
			if s.id != "" && p[0].start < s.start && s.start < p[0].end {
				under[s.id] = p
			}
		}
	}
	sIDs, dIDs := map[string]bool{}, map[string]bool{}
	for _, h := range sh {
		sIDs[h.id] = true
	}
	for _, h := range dh {
		dIDs[h.id] = true
	}
	// lcs[i][j]: the longest common subsequence of ids of sh[i:] and dh[j:].
	lcs := make([][]int, len(sh)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(dh)+1)
	}
	for i := len(sh) - 1; i >= 0; i-- {
		for j := len(dh) - 1; j >= 0; j-- {
			if sh[i].id != "" && sh[i].id == dh[j].id {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	// A heading's level makes the outline: "On this page", the booklet's and a reader's.
	sameLevel := func(s, d heading) {
		if s.level != d.level {
			add(fmt.Sprintf("the heading is level %d (%s) here but level %d (%s) in the en page: keep the level", d.level, strings.Repeat("#", d.level), s.level, strings.Repeat("#", s.level)), sLoc(s), dLoc(d))
		}
	}
	var gapS, gapD []heading
	flush := func(next int) {
		n := min(len(gapS), len(gapD))
		for k := range n {
			s, d := gapS[k], gapD[k]
			switch {
			case s.id == "" && d.id == "":
				// Two headings without id at the same place: their levels only.
				sameLevel(s, d)
			case d.id == "":
				if lit, ok := markdown.LiteralID(d.title); ok && markdown.LiteralIDName(lit) == s.id {
					break // the id in full-width braces: fileStructure says so
				}
				add(fmt.Sprintf("the heading has no {#%s}: keep the id of the en heading at the end of the heading", s.id), sLoc(s), dLoc(d))
			case s.id == "":
				add(fmt.Sprintf("heading id {#%s}: the en heading here has none", d.id), sLoc(s), dLoc(d))
			case sIDs[d.id]:
				add(fmt.Sprintf("section {#%s} is in another place than in the en page (the en page has {#%s} here): keep the sections in the same order", d.id, s.id), sLoc(s), dLoc(d))
			default:
				add(fmt.Sprintf("heading id {#%s} here, {#%s} in the en page: a translation uses the en page's ids, which links point to", d.id, s.id), sLoc(s), dLoc(d))
			}
		}
		for _, s := range gapS[n:] {
			if s.id != "" && dIDs[s.id] {
				continue // the translation has it elsewhere: reported where it is
			}
			// Where the section would be: before the next aligned heading, which the place
			// quotes, or after the body's last line.
			what := fmt.Sprintf("section {#%s}", s.id)
			if s.id == "" {
				what = fmt.Sprintf("the heading %q", s.title)
			}
			if p, ok := under[s.id]; ok {
				d := p[1]
				where := "seems to be in the %s; put the heading before that text"
				off := d.start // its heading, or the introduction's first line
				for off < d.end && dst.Body[off] == '\n' {
					off++
				}
				// Where the two sections have as many blocks, the text starts at the block
				// of the translation that stands where the section's first block stands in
				// the source.
				sb, db := shapeOf(src.Body, p[0].start, p[0].end).blocks(), shapeOf(dst.Body, d.start, d.end).blocks()
				if k, _ := slices.BinarySearch(sb, s.off); len(sb) == len(db) && k < len(db) {
					where, off = "seems to start here, in the %s: put the heading before this line", db[k]
				}
				at := Loc{File: dst.Name, Line: bodyPlace(dst, off).line(), Text: strings.TrimSpace(lineAt(dst.Body, off))}
				add(fmt.Sprintf("the heading of %s of the en page is missing in the %s page: its text "+where, what, dst.Lang, d.label()), sLoc(s), at)
			} else if next < len(dh) {
				add(fmt.Sprintf("%s of the en page is missing in the %s page: it goes before this heading", what, dst.Lang), sLoc(s), dLoc(dh[next]))
			} else {
				body := strings.TrimRight(dst.Body, "\n")
				last := body[strings.LastIndexByte(body, '\n')+1:]
				at := Loc{File: dst.Name, Line: dst.BodyLine + strings.Count(body, "\n"), Text: strings.TrimSpace(last)}
				add(fmt.Sprintf("%s of the en page is missing in the %s page: it goes at the end, after this line", what, dst.Lang), sLoc(s), at)
			}
		}
		for _, d := range gapD[n:] {
			at := Loc{File: src.Name, Line: src.BodyLine}
			switch {
			case d.id == "":
				add("this heading has no {#id} and the en page has no heading here", at, dLoc(d))
			case sIDs[d.id]:
				add(fmt.Sprintf("section {#%s} is in another place than in the en page: keep the sections in the same order", d.id), at, dLoc(d))
			default:
				add(fmt.Sprintf("heading id {#%s} is not in the en page here", d.id), at, dLoc(d))
			}
		}
		gapS, gapD = gapS[:0], gapD[:0]
	}
	i, j := 0, 0
	for i < len(sh) || j < len(dh) {
		switch {
		case i < len(sh) && j < len(dh) && sh[i].id != "" && sh[i].id == dh[j].id:
			flush(j)
			sameLevel(sh[i], dh[j])
			i++
			j++
		case j < len(dh) && (i == len(sh) || lcs[i][j+1] >= lcs[i+1][j]):
			gapD = append(gapD, dh[j])
			j++
		default:
			gapS = append(gapS, sh[i])
			i++
		}
	}
	flush(len(dh))
	return out
}

// shape is what a section is made of, for the comparison of a translation's sections
// with the source's: lists, tables and paragraphs counted, links with their targets.
type shape struct {
	paragraphs, items, tables []int // byte offsets in the body where each starts
	rows                      []int // of the tables' rows, the header's included
	links                     []link
}

type link struct {
	dest string
	off  int
}

// shapeOf reads the section body[start:end] line by line, roughly as CommonMark does:
// a paragraph is a run of lines not in a list, table, heading, fence or quote.
func shapeOf(body string, start, end int) shape {
	var sh shape
	const (
		none = iota
		para
		item // inside a list item, its continuation lines included
		table
	)
	state := none
	blankBefore := false
	inFence := ""
	for off := start; off < end; {
		e := strings.IndexByte(body[off:end], '\n')
		if e < 0 {
			e = end
		} else {
			e += off + 1
		}
		line := strings.TrimRight(body[off:e], "\r\n")
		trimmed := strings.TrimLeft(line, " \t")
		indent := len(line) - len(trimmed)
		switch {
		case inFence != "":
			if m, ok := fenceMarker(line); ok && m == inFence {
				inFence = ""
			}
		case trimmed == "":
			if state != item {
				state = none
			}
			blankBefore = true
			off = e
			continue
		default:
			if m, ok := fenceMarker(line); ok {
				inFence, state = m, none
				break
			}
			if _, ok := atxTitle(line); ok {
				state = none
				break
			}
			if isListItem(trimmed) {
				sh.items = append(sh.items, off)
				state = item
				break
			}
			if strings.HasPrefix(trimmed, "|") {
				if state != table {
					sh.tables = append(sh.tables, off)
				}
				if strings.Trim(trimmed, "|-: \t") != "" || !strings.Contains(trimmed, "-") {
					sh.rows = append(sh.rows, off) // not the |---| line under the header
				}
				state = table
				break
			}
			if state == item && (!blankBefore || indent >= 2) {
				break // a continuation of the list item
			}
			if state != para {
				sh.paragraphs = append(sh.paragraphs, off)
				state = para
			}
		}
		blankBefore = false
		off = e
	}
	sh.links = links(body, start, end)
	return sh
}

// blocks are the offsets where the shape's paragraphs, list items and tables start, in
// order.
func (sh shape) blocks() []int {
	out := slices.Concat(sh.paragraphs, sh.items, sh.tables)
	slices.Sort(out)
	return out
}

// isListItem reports whether a line (without its indentation) starts a list item:
// "- ", "* ", "+ ", "1. " or "1) ".
func isListItem(s string) bool {
	if len(s) >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && (s[1] == ' ' || s[1] == '\t') {
		return true
	}
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && (s[i+1] == ' ' || s[i+1] == '\t')
}

// links finds the inline links [text](dest "title") of body[start:end], with the
// destination without its title.
func links(body string, start, end int) []link {
	var out []link
	for off := start; off < end; {
		k := strings.Index(body[off:end], "](")
		if k < 0 {
			break
		}
		k += off
		d := k + 2
		e := strings.IndexAny(body[d:end], ")\n")
		if e < 0 || body[d+e] != ')' {
			off = d
			continue
		}
		dest := strings.TrimSpace(body[d : d+e])
		if sp := strings.IndexAny(dest, " \t"); sp >= 0 {
			dest = dest[:sp]
		}
		dest = strings.Trim(dest, "<>")
		out = append(out, link{dest: dest, off: k})
		off = d + e + 1
	}
	// A link written with full-width brackets is still the link in its place, misspelt:
	// fileStructure reports the spelling, and the link is not also missing.
	for _, m := range markdown.FullWidthLinks(body, start, end) {
		if !strings.Contains(body[m[0]:m[1]], "](") { // else the loop above has it
			out = append(out, link{dest: body[m[4]:m[5]], off: m[0]})
		}
	}
	slices.SortFunc(out, func(a, b link) int { return a.off - b.off })
	return out
}

// compareSections compares the shapes of the sections of src and dst that have the same
// extent: the same id, and the same id after them (or none), so that a missing or
// misplaced heading, which compareHeadings reports, does not also count as paragraphs.
//
// pages holds the key of every page of the site (countries/cambodia), in any language: a
// link to none of them is the build's error, reported once, as the build reports it.
// terms tell which list item a translation lacks.
func compareSections(src, dst *content.File, terms *termIndex, pages map[string]bool) []Problem {
	ss, ds := sections(src.Body, true), sections(dst.Body, true)
	key := func(secs []section, i int) string {
		next := "\x00end"
		if i+1 < len(secs) {
			next = secs[i+1].id
		}
		return secs[i].id + "\x00" + next
	}
	byKey := map[string]section{}
	for i, d := range ds {
		byKey[key(ds, i)] = d
	}
	var out []Problem
	for i, s := range ss {
		d, ok := byKey[key(ss, i)]
		if !ok {
			continue
		}
		where := "introduction"
		if i > 0 {
			where = "section #" + s.id
		}
		out = append(out, compareShapes(where, src, dst, s, d, terms, pages)...)
	}
	return out
}

func compareShapes(where string, src, dst *content.File, s, d section, terms *termIndex, pages map[string]bool) []Problem {
	a, b := shapeOf(src.Body, s.start, s.end), shapeOf(dst.Body, d.start, d.end)
	var out []Problem
	sLine := func(off int) int { return bodyPlace(src, off).line() }
	dLine := func(off int) int { return bodyPlace(dst, off).line() }
	add := func(msg string, sOff, dOff int) {
		out = append(out, Problem{Check: "structure", Where: where, Message: msg,
			Source:      Loc{File: src.Name, Line: sLine(sOff), Text: wholeLine(src.Body, sOff)},
			Translation: Loc{File: dst.Name, Line: dLine(dOff), Text: wholeLine(dst.Body, dOff)}})
	}
	// what is plural; one is its singular, for a count of one in en.
	count := func(one, what string, x, y []int) {
		if len(x) == len(y) {
			return
		}
		// Point at the first one that has no counterpart: the one after the last of the
		// shorter list, or the section's start; or, for one item more or less, the item
		// whose leaving out best pairs the others (missingItem).
		n := min(len(x), len(y))
		if what == "list items" && max(len(x), len(y)) == n+1 {
			if len(x) > len(y) {
				n = missingItem(itemFeatures(src, x, terms, true), itemFeatures(dst, y, terms, false))
			} else {
				n = missingItem(itemFeatures(dst, y, terms, false), itemFeatures(src, x, terms, true))
			}
		}
		sOff, dOff := s.start, d.start
		if n < len(x) {
			sOff = x[n]
		} else if len(x) > 0 {
			sOff = x[len(x)-1]
		}
		if n < len(y) {
			dOff = y[n]
		} else if len(y) > 0 {
			dOff = y[len(y)-1]
		}
		noun := what
		if len(x) == 1 {
			noun = one
		}
		add(fmt.Sprintf("%d %s in en, %d in %s", len(x), noun, len(y), dst.Lang), sOff, dOff)
	}
	count("list item", "list items", a.items, b.items)
	count("table", "tables", a.tables, b.tables)
	if len(a.tables) == len(b.tables) {
		count("table row", "table rows", a.rows, b.rows)
	}
	count("paragraph", "paragraphs", a.paragraphs, b.paragraphs)

	// Links: each target of the source must be a target of the translation. What is
	// left on both sides is paired in order as a link to the wrong page.
	used := make([]bool, len(b.links))
	var missing []link
	for _, l := range a.links {
		found := false
		for j, m := range b.links {
			if !used[j] && m.dest == l.dest {
				used[j], found = true, true
				break
			}
		}
		if !found {
			missing = append(missing, l)
		}
	}
	var extra []link
	for j, m := range b.links {
		if !used[j] {
			extra = append(extra, m)
		}
	}
	// A link that leads to no page is the build's error in its file, listed with the
	// build's errors: it is not also a difference of the other language, whose link in
	// its place is taken to be its counterpart.
	missing, extra = dropBroken(missing, extra, src, pages)
	extra, missing = dropBroken(extra, missing, dst, pages)
	for k, l := range missing {
		if k < len(extra) {
			add(fmt.Sprintf("a link leads to %s where en links to %s", extra[k].dest, l.dest), l.off, extra[k].off)
		} else if lines := linkLines(a.links, l.dest, sLine); len(lines) > 1 {
			// Which of the links to the same page the translation dropped, its order
			// cannot tell: the finding names them all.
			add(fmt.Sprintf("one of the %d links to %s (lines %s) is missing in %s", len(lines), l.dest, strings.Join(lines, ", "), dst.Lang), l.off, d.start)
		} else {
			add(fmt.Sprintf("the link to %s is missing in %s", l.dest, dst.Lang), l.off, d.start)
		}
	}
	for _, m := range extra[min(len(extra), len(missing)):] {
		add(fmt.Sprintf("a link to %s that en does not have", m.dest), s.start, m.off)
	}
	return out
}

// linkLines are the lines (by line, the source's) of the links of links to dest.
func linkLines(links []link, dest string, line func(off int) int) []string {
	var out []string
	for _, l := range links {
		if l.dest == dest {
			out = append(out, strconv.Itoa(line(l.off)))
		}
	}
	return out
}

// itemFeatures are the numbers, acronyms and glossary terms of the first line of each
// list item of f at offsets items (english: f is the source).
func itemFeatures(f *content.File, items []int, terms *termIndex, english bool) []map[string]bool {
	out := make([]map[string]bool, len(items))
	for i, off := range items {
		line := wholeLine(f.Body, off)
		out[i] = features(line, numbers.Extract(line, f.Lang), terms, english)
	}
	return out
}

// missingItem returns which item of long, a list of one item more than short, short
// lacks: the one whose leaving out pairs the others in order with the most features in
// common. Without a better choice, the last: the item after short's end.
func missingItem(long, short []map[string]bool) int {
	shared := func(a, b map[string]bool) int {
		n := 0
		for f := range a {
			if b[f] {
				n++
			}
		}
		return n
	}
	// score(k) = the items before k paired with their own place, those after with the
	// place before.
	before := make([]int, len(long)+1)
	for i := range short {
		before[i+1] = before[i] + shared(long[i], short[i])
	}
	// Between choices that pair as well, the item of which the other list has nothing
	// (it counts a feature that no item of short has) is the one it lacks.
	absent := func(item map[string]bool) bool {
		if len(item) == 0 {
			return false
		}
		for f := range item {
			for _, o := range short {
				if o[f] {
					return false
				}
			}
		}
		return true
	}
	after := 0
	best, bestScore := len(long)-1, before[len(short)]
	for k := len(long) - 2; k >= 0; k-- {
		after += shared(long[k+1], short[k])
		score := before[k] + after
		if score > bestScore || score == bestScore && absent(long[k]) && !absent(long[best]) {
			best, bestScore = k, score
		}
	}
	return best
}

// dropBroken removes from links those of file that lead to no page of pages, and from
// others as many of its links that do lead somewhere: their counterparts.
func dropBroken(links, others []link, file *content.File, pages map[string]bool) ([]link, []link) {
	kept := links[:0:0]
	for _, l := range links {
		if leadsToPage(l.dest, file.Key(), pages) {
			kept = append(kept, l)
			continue
		}
		if i := slices.IndexFunc(others, func(o link) bool { return leadsToPage(o.dest, file.Key(), pages) }); i >= 0 {
			others = slices.Delete(slices.Clone(others), i, i+1)
		}
	}
	return kept, others
}

// leadsToPage reports whether dest, a link of the page key, leads somewhere: outside the
// site by a scheme the build allows, within the page, or to a page of pages (as
// ../themes/ddr.md, with or without a #heading). What else it may be, the build rejects.
func leadsToPage(dest, key string, pages map[string]bool) bool {
	u, err := url.Parse(dest)
	switch {
	case err != nil:
		return false
	case u.Scheme != "":
		return slices.Contains(site.ExternalSchemes, strings.ToLower(u.Scheme))
	case u.RawQuery != "" || u.ForceQuery:
		return false // a page of the site answers no query: the build rejects it
	case u.Path == "":
		return true
	case !strings.HasSuffix(u.Path, ".md"):
		return false
	}
	return pages[strings.TrimSuffix(path.Join(path.Dir(key), u.Path), ".md")]
}

// compareOrder reports events, figures and corrections of the translation that seem to
// be in another order than the source's: item i of the translation shares more numbers,
// acronyms and glossary terms with item j of the source than with item i, and item j
// with item i. swapped names the items reported ("event 2").
func compareOrder(us []unit, src, dst *content.File, terms *termIndex) (out []Problem, swapped map[string]bool) {
	swapped = map[string]bool{}
	for _, kind := range []string{"event", "figure", "correction"} {
		var items []*unit
		for i := range us {
			if strings.HasPrefix(us[i].where, kind+" ") {
				items = append(items, &us[i])
			}
		}
		if len(items) < 2 {
			continue
		}
		sf, df := make([]map[string]bool, len(items)), make([]map[string]bool, len(items))
		for i, u := range items {
			sn, dn := u.numbers(src, dst)
			sf[i], df[i] = features(u.src.s, sn, terms, true), features(u.dst.s, dn, terms, false)
		}
		score := func(i, j int) int {
			n := 0
			for f := range sf[i] {
				if df[j][f] {
					n++
				}
			}
			return n
		}
		reported := map[int]bool{}
		for i := range items {
			for j := i + 1; j < len(items); j++ {
				if reported[i] || reported[j] {
					continue
				}
				if score(i, j)+score(j, i) > score(i, i)+score(j, j) && score(i, j) > score(i, i) && score(j, i) > score(j, j) {
					reported[i], reported[j] = true, true
					a, b := items[i], items[j]
					swapped[a.where], swapped[b.where] = true, true
					out = append(out, Problem{Check: "structure", Where: a.where,
						Message:     fmt.Sprintf("%s and %s seem to be swapped: the %s text of %s says what en says in %s; keep them in the order of the en page", a.where, b.where, dst.Lang, a.where, b.where),
						Source:      Loc{File: src.Name, Line: a.src.line(), Text: a.src.s},
						Translation: Loc{File: dst.Name, Line: a.dst.line(), Text: a.dst.s}})
				}
			}
		}
	}
	return out, swapped
}

// features are what a text and its translation share: its numbers as values, its
// acronyms, and the glossary terms it uses (by their English form).
func features(s string, ns []numbers.Number, terms *termIndex, english bool) map[string]bool {
	m := map[string]bool{}
	for _, n := range ns {
		m[fmt.Sprintf("n:%s:%g", class(n), n.Value)] = true
	}
	for _, w := range latinWords(s) {
		if len(w.word) >= 2 && strings.ToUpper(w.word) == w.word && strings.ToLower(w.word) != w.word {
			m["a:"+w.word] = true
		}
	}
	if terms != nil && len(terms.terms) > 0 { // without a glossary, the matchers are nil
		if english {
			for _, u := range terms.formUses(nil, 0, s) {
				m[fmt.Sprintf("t:%d", u.term)] = true
			}
		} else {
			// A term inside a longer one is not a use of its own: 東ティモール in
			// 東ティモール支援国会合 made the events of the conference and of independence
			// share a term, and hid their swap.
			type use struct{ p, start, end int }
			var uses []use
			for p, start := range terms.official.matches(s) {
				uses = append(uses, use{p, start, start + len(terms.official.patterns[p])})
			}
			for _, u := range uses {
				inside := slices.ContainsFunc(uses, func(v use) bool {
					return v.start <= u.start && u.end <= v.end && v.end-v.start > u.end-u.start
				})
				if inside {
					continue
				}
				for _, t := range terms.officialTerms[u.p] {
					m[fmt.Sprintf("t:%d", t)] = true
				}
			}
		}
	}
	return m
}

// neutralValues reports each language-neutral value (neutralLines) that translation t
// writes equal to its source s. A translation takes them from its source (Start leaves
// them out of a draft). Equal, they build; but once the English author changes one, the
// build stops on this file, and an English-only commit fails. A value that differs
// already is the build's error, which the check lists at its end.
func neutralValues(s, t *content.File) []Problem {
	written := neutralLines(t)
	if len(written) == 0 {
		return nil // as a translation should be: its source's are not looked at
	}
	src := map[string]neutralLine{}
	for _, v := range neutralLines(s) {
		src[v.what] = v
	}
	// Items are paired by their place only when both files have as many: otherwise the
	// build or the check's count says which is missing, and places do not pair.
	paired := map[string]bool{
		"":        true,
		"facts":   true,
		"events":  len(t.Front.Events) == len(s.Front.Events),
		"figures": len(t.Front.Figures) == len(s.Front.Figures),
	}
	var out []Problem
	for _, v := range written {
		sv, ok := src[v.what]
		if !ok || sv.value != v.value || !paired[v.table] {
			continue
		}
		sl, tl := sv.line(s), v.line(t)
		out = append(out, Problem{Check: "structure", Where: "front matter", Message: fmt.Sprintf(
			"%s is written here too: language-neutral values are taken from %s; delete it here, or a change there stops the build on this file", v.what, s.Name),
			Source:      Loc{File: s.Name, Line: sl, Text: strings.TrimSpace(fileLine(s, sl))},
			Translation: Loc{File: t.Name, Line: tl, Text: strings.TrimSpace(fileLine(t, tl))}})
	}
	return out
}
