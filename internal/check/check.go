// Package check is the translators' check: it pairs every content file of the default
// language with its translation in each other language and reports, per pair, its state
// and every place where the two disagree.
//
// States:
//
//	ok       the translation exists and was marked as translated from the current source
//	missing  the source has no translation yet (the site shows the source instead)
//	orphan   a translation whose source file does not exist
//	stale    the source changed since the translation was marked (or it was never marked)
//	unreadable  the source or the translation cannot be read (broken front matter): the
//	         build's error names the line, and the pair is checked once it is fixed
//
// A translation records the version of its source it was translated from: source_hash in
// its front matter, content.SourceHash of the source, written by Mark. With a History (git)
// the report of a stale page names the sections of the source that changed since then.
//
// Checks, on every pair that has both files:
//
//	figure    the numbers of each piece of text (title, summary, each event, figure label,
//	          correction, text fact, and the body per section where both languages have the
//	          same explicit heading ids, else as a whole) are the same values in both
//	          (numbers.Extract reads kanji numerals, number words, 割 and which bound an
//	          approximation sets); a counter that does not fit what the source counts
//	          (counters.go)
//	glossary  where the source uses a glossary term, the translation writes its official
//	          form, on the page and in each section of the body that uses it; a listed
//	          non-official variant is reported with the official form (terms.go)
//	structure the same heading ids in the same order, per section as many list items,
//	          tables and paragraphs and links to the same targets, events, figures and
//	          corrections in the same order, no level-1 heading in a body (structure.go)
//	untranslated English left in a Japanese translation: a copy still in English (one
//	          finding instead of the others), values identical to the source's, runs of
//	          English prose (untranslated.go)
//	style     the house style sheet (data/style.toml, style.go): every form that the pages
//	          and UI strings of its language must not write, with the preferred form
//
// Every rule reports Problems; a translation accepts one with a reason ([[accept]] in its
// front matter, accept.go), which applies to the problems of every rule alike: a rule
// added to checkPair before applyAccepts needs nothing more to be acceptable.
//
// Missing and stale pages are work to do; orphans and open mismatches are errors
// (Report.Failed). The report is deterministic: pairs by key then language, problems in
// the order of the rules, each in text order.
package check

import (
	"cmp"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/parallel"
	"peacebuilding/internal/site"
)

// State is the state of a translation.
type State string

const (
	OK      State = "ok"
	Missing State = "missing"
	Orphan  State = "orphan"
	Stale   State = "stale"
	// Unreadable is not in States: it is counted only when there is one, and the site
	// does not build with one, so the status page never shows it.
	Unreadable State = "unreadable"
)

// States lists the states in the order reports count them.
var States = []State{OK, Missing, Orphan, Stale}

// Report is the result of a check.
type Report struct {
	Source string  `json:"source"` // the default language, which the others translate
	Pairs  []*Pair `json:"pairs"`
	// History says where the dates and stale details come from: "git", or why there are
	// none ("git not found", "not a git repository").
	History string `json:"history"`
	// Build lists, one per line, the errors for which the site model rejects the content
	// (links, language-neutral values, names): a page can be a good translation and still
	// fail the build. Set by SetBuild; empty on the status page, whose site built.
	Build []string `json:"-"`
	// Style lists the house style findings (style.go), accepted ones included.
	Style []StyleFinding `json:"style,omitempty"`
	// Figures lists, one per line as "file:line: message", the key figures whose value
	// their page's text does not give (FiguresNotInText): set by the check command.
	Figures []string `json:"figures_not_in_text,omitempty"`
	// NumbersLeft lists, one per line as "file:line: message", the places of a source
	// page that still write a number an edit replaced elsewhere (NumbersLeftBehind): set
	// by the check command; they do not fail the check.
	NumbersLeft []string `json:"numbers_left_behind,omitempty"`
	// Quiet makes WriteText and WriteJSON print only what needs work: no pages that are
	// ok, no accepted findings (build check -q).
	Quiet bool `json:"-"`
}

// Pair is one page in the source language and one translation language.
type Pair struct {
	Key         string     `json:"key"`  // "countries/cambodia"
	Lang        string     `json:"lang"` // the translation's language
	State       State      `json:"state"`
	Source      *Doc       `json:"source,omitempty"`      // nil for an orphan
	Translation *Doc       `json:"translation,omitempty"` // nil when missing
	Stale       *Staleness `json:"stale,omitempty"`
	Problems    []Problem  `json:"problems,omitempty"`
	// Style are the house style findings of the translation, accepted ones included (the
	// report lists them all in its Style).
	Style []StyleFinding `json:"-"`
	// Renamed is, for an orphan, the source file that it translates under a new name (see
	// renamed).
	Renamed string `json:"renamed,omitempty"`
	// RenamedChanged says that the source was edited too, in or since its renaming (found
	// in the history's renames): the translation, once moved, is stale.
	RenamedChanged bool `json:"renamed_changed,omitempty"`
	// MarkedAt is, for an orphan marked as a translation, the line of its source_hash:
	// the build rejects such a file (site.TranslatesMissing), since the values it
	// inherits are in the missing source. 0 for an orphan that is not marked, which the
	// build publishes as a page of its own language.
	MarkedAt int `json:"marked_at,omitempty"`
	// LinkedFrom are, for a renamed orphan, the links of the other translations of its
	// language to its old name ("content/ja/themes/ddr.md:12"), to point at the new name
	// once the file is moved (the build already rejects them: an orphan makes no page).
	LinkedFrom []string `json:"linked_from,omitempty"`
	// Unreadable lists, for an unreadable pair, its files that could not be read, with the
	// first line that the build's errors name in each.
	Unreadable []Loc `json:"unreadable,omitempty"`
	// BuildErrors counts the errors of the build (Report.Build) in the pair's files: a
	// good translation whose page the build rejects still needs fixing.
	BuildErrors int `json:"build_errors,omitempty"`
	// english says that the translation is still a copy of its source, untranslated
	// (stillEnglish): its one finding says so, and the house style waits for the
	// translation too.
	english bool
}

// unreadable reports whether file is one of the pair's files that could not be read.
func (p *Pair) unreadable(file string) bool {
	return slices.ContainsFunc(p.Unreadable, func(l Loc) bool { return l.File == file })
}

// StyleOpen counts the style findings of the pair's translation that no acceptance covers.
func (p *Pair) StyleOpen() int { return openFindings(p.Style) }

// Doc is one content file of a pair.
type Doc struct {
	File  string `json:"file"` // "content/en/countries/cambodia.md"
	Lang  string `json:"lang"`
	Title string `json:"title,omitempty"` // the page's title, by which a translator may name it
	URL   string `json:"url"`             // site-root-relative: "en/countries/cambodia/"
	Words int    `json:"words"`           // white-space separated words of the text
	Chars int    `json:"chars"`           // letters, digits and punctuation, without spaces and Markdown; 0 for a copy still in the source's language
	// LastChange is the date of the file's last commit, YYYY-MM-DD, when git knows it.
	// There is deliberately no fallback to the file's modification time: it differs
	// between checkouts, and a build must be the same wherever it runs.
	LastChange string `json:"last_change,omitempty"`
}

// Staleness says why a translation is stale and, with git, what changed.
type Staleness struct {
	Recorded string `json:"recorded"` // the source_hash of the translation; "" when never marked
	Current  string `json:"current"`  // the hash of the source now
	Line     int    `json:"line"`     // the line of source_hash in the translation (or of its front matter)
	// Commit and Date are the commit of the source that has the recorded hash.
	Commit string `json:"commit,omitempty"`
	Date   string `json:"date,omitempty"`
	// Changes lists what changed in the source since that commit: front matter fields
	// ("summary", "event 3") and sections by heading.
	Changes []string `json:"changes,omitempty"`
	// Diff is what changed, sentence by sentence, in each changed part.
	Diff []Change `json:"diff,omitempty"`
	// Note says why there is no detail, when there is none.
	Note string `json:"note,omitempty"`
}

// changed reports whether where, the unit of a Problem ("summary", "event 3", "section
// #small-arms", "body"), is a part of the source that changed since the translation was
// marked. Without the history's detail (no Changes), nothing is known to have changed,
// but the count of a list ("events", "figures"), which the build lets differ too.
func (st *Staleness) changed(where string) bool {
	if st == nil {
		return false
	}
	id, section := strings.CutPrefix(where, "section #")
	// The count of a list (itemCounts) changed with an item added or removed; without the
	// history's detail, it may have, as the build supposes.
	item, list := map[string]string{"events": "event", "figures": "figure"}[where]
	if list && st.Commit == "" {
		return true
	}
	// An item of a list ("event 3"): the translation pairs its items with the source's by
	// place, so one added or removed before it, or at its place, moved the source's item
	// that the translation's is compared with.
	kind, n, isItem := listItem(where)
	for _, c := range st.Changes {
		shifted := strings.HasSuffix(c, " (added)") || strings.HasSuffix(c, " (removed)")
		if list && strings.HasPrefix(c, item+" ") && shifted {
			return true
		}
		if k, m, ok := listItem(strings.TrimSuffix(strings.TrimSuffix(c, " (added)"), " (removed)")); isItem && shifted && ok && k == kind && m <= n {
			return true
		}
		c = strings.TrimSuffix(strings.TrimSuffix(c, " (added)"), " (removed)")
		body := c == "introduction" || strings.HasPrefix(c, "section ")
		switch {
		case c == where,
			section && strings.HasSuffix(c, "(#"+id+")"),
			// A body compared whole, or its headings compared with the source's, changed
			// with any of its sections ("heading", a file's own typo, is no such problem).
			body && (where == "body" || where == "headings"):
			return true
		}
	}
	return false
}

// DiffAt returns what changed, sentence by sentence, in the source's part where since the
// translation was marked, as Align names its rows ("introduction", "section #aid",
// "summary", "event 3"): the side-by-side view shows it at the part, where the
// translation is updated (a translator's trial found it only in make check and on the
// status page). A Diff names a section by its label (section "Aid" (#aid) (added)).
func (st *Staleness) DiffAt(where string) []Change {
	if st == nil {
		return nil
	}
	id, section := strings.CutPrefix(where, "section #")
	var out []Change
	for _, c := range st.Diff {
		label := strings.TrimSuffix(strings.TrimSuffix(c.Where, " (added)"), " (removed)")
		if label == where || section && strings.HasSuffix(label, "(#"+id+")") {
			out = append(out, c)
		}
	}
	return out
}

// listItem reads the name of an item of a list, "event 3": its kind and place.
func listItem(where string) (kind string, n int, ok bool) {
	kind, num, found := strings.Cut(where, " ")
	if !found || kind != "event" && kind != "figure" && kind != "correction" {
		return "", 0, false
	}
	n, err := strconv.Atoi(num)
	return kind, n, err == nil
}

// Problem is one mismatch between a source and its translation.
type Problem struct {
	Check   string `json:"check"` // "figure" or "glossary"
	Where   string `json:"where"` // the unit: "summary", "event 3", "section #small-arms", "body"
	Message string `json:"message"`
	// Accepted is the reason of the acceptance in the translation that accepts this
	// problem ([[accept]], accept.go); an accepted problem does not fail the check.
	Accepted string `json:"accepted,omitempty"`
	// Pending is set on a problem of a stale translation in a part of the source that
	// changed since the translation was marked (Staleness.Changes): the English author's
	// edit made it, and it goes with the translation's update, as the stale page does,
	// instead of failing the check (Pair.Pending).
	Pending     bool `json:"pending,omitempty"`
	Source      Loc  `json:"source"`
	Translation Loc  `json:"translation"`
	// inSource says that the mistake is in the source file (a heading id or link it
	// misspells), the translation's place only standing for it (Place).
	inSource bool
}

// Place is where a problem is shown in one line (the preview's box and terminal): in the
// translation, or in the source when the mistake is there or the translation has no place
// for it (a page not yet translated).
func (p Problem) Place() Loc {
	if p.inSource || p.Translation.File == "" {
		return p.Source
	}
	return p.Translation
}

// Loc is a place in a file, with the text found there ("" when something is absent).
type Loc struct {
	File string `json:"file"`
	Line int    `json:"line"`
	// Column is where Text starts in its line, in characters from 1, where the check
	// knows it (in a body; 0 otherwise): a Japanese paragraph is one line of hundreds of
	// characters, and an editor jumps to file:line:column.
	Column int    `json:"column,omitempty"`
	Text   string `json:"text,omitempty"`
}

// Input is what a check reads.
type Input struct {
	Config   *config.Config
	Files    []*content.File // every content file of every language
	Glossary *glossary.Glossary
	// History, when set, dates the files and details stale pages; NoHistory says why
	// there is none ("git not found").
	History   History
	NoHistory string
	// Style is the house style sheet (data/style.toml), nil for none.
	Style *Style
	// Keys, when set, limits the check to those pages ("countries/cambodia"): the
	// preview checks the page it shows, not the whole site.
	Keys []string
	// Unreadable are the errors of the content files that could not be read (broken
	// front matter), one per line as the build prints them. Their pages are listed as
	// unreadable, not checked; the other pages are checked.
	Unreadable []string
	// UIErrors are the build's errors of the UI strings (i18n/<lang>.toml), one per line.
	UIErrors []string
}

// unreadableFiles gives, by page ("countries/cambodia"), the files that in.Unreadable
// names, each at the first line named.
func (in Input) unreadableFiles() map[string][]Loc {
	byKey := map[string][]Loc{}
	for _, d := range ParseDiagnostics(in.Unreadable) {
		parts := strings.SplitN(d.File, "/", 3)
		if len(parts) != 3 || parts[0] != "content" || !strings.HasSuffix(parts[2], ".md") {
			continue
		}
		key := strings.TrimSuffix(parts[2], ".md")
		if !slices.ContainsFunc(byKey[key], func(l Loc) bool { return l.File == d.File }) {
			byKey[key] = append(byKey[key], Loc{File: d.File, Line: d.Line})
		}
	}
	return byKey
}

// Run checks every pair of in.Files.
func Run(in Input) *Report {
	cfg := in.Config
	src := cfg.DefaultLanguage
	rep := &Report{Source: src, History: cmp.Or(in.NoHistory, "none")}
	byLang := map[string]map[string]*content.File{}
	var keys []string
	seen := map[string]bool{} // a set beside keys: a scan of keys per file is quadratic
	addKey := func(key string) bool {
		if len(in.Keys) > 0 && !slices.Contains(in.Keys, key) {
			return false
		}
		if !seen[key] {
			seen[key] = true
			keys = append(keys, key)
		}
		return true
	}
	for _, f := range in.Files {
		if addKey(f.Key()) {
			if byLang[f.Lang] == nil {
				byLang[f.Lang] = map[string]*content.File{}
			}
			byLang[f.Lang][f.Key()] = f
		}
	}
	unreadable := in.unreadableFiles()
	for key := range unreadable {
		addKey(key)
	}
	slices.Sort(keys)

	// One log of every file checked: the date of each file's last commit, and the
	// commits in which a stale page's source may be found as its translation last knew
	// it. With Keys, of their files alone: the preview checks one page at a time, and a
	// log of every file of a large site took it seconds.
	var h history
	if in.History != nil {
		rep.History = in.History.Name()
		names := make([]string, 0, len(in.Files))
		for _, f := range in.Files {
			if len(in.Keys) == 0 || seen[f.Key()] {
				names = append(names, f.Name)
			}
		}
		h = history{History: in.History, why: rep.History, dates: map[string]string{}}
		h.logs, h.err = in.History.Logs(names)
		for name, commits := range h.logs {
			h.dates[name] = commits[0].Date
		}
	} else {
		h.why = rep.History
	}
	// The pairs are checked on every core, each into its own slot, and gathered in key
	// then language order: at thousands of pages the check is a second's work.
	type task struct {
		key, lang  string
		s, t       *content.File
		unreadable []Loc // of the pair's files
	}
	var tasks []task
	for _, key := range keys {
		for _, l := range cfg.Languages {
			if l.Code == src {
				continue
			}
			tk := task{key: key, lang: l.Code, s: byLang[src][key], t: byLang[l.Code][key]}
			for _, loc := range unreadable[key] {
				if loc.File == "content/"+src+"/"+key+".md" || loc.File == "content/"+l.Code+"/"+key+".md" {
					tk.unreadable = append(tk.unreadable, loc)
				}
			}
			if tk.s != nil || tk.t != nil || tk.unreadable != nil {
				tasks = append(tasks, tk)
			}
		}
	}
	terms := newTermIndex(in.Glossary)
	pages := map[string]bool{} // every page's key, for the links (compareSections)
	for _, f := range in.Files {
		pages[f.Key()] = true
	}
	rep.Pairs = make([]*Pair, len(tasks))
	parallel.For(len(tasks), func() func(int) {
		return func(i int) {
			tk := tasks[i]
			if tk.unreadable != nil {
				rep.Pairs[i] = unreadablePair(tk.key, tk.lang, src, tk.s, tk.t, tk.unreadable, h.dates)
				return
			}
			rep.Pairs[i] = checkPair(tk.key, tk.lang, tk.s, tk.t, terms, pages, h)
		}
	})
	pairFiles := make([][2]*content.File, len(tasks))
	for i, tk := range tasks {
		pairFiles[i] = [2]*content.File{tk.s, tk.t}
	}
	renamed(rep.Pairs, pairFiles, h, src)
	linkedFrom(rep.Pairs, pairFiles)
	// A copy not yet translated is one finding, not also a style finding for each of
	// its English quotation marks.
	english := map[string]bool{}
	for _, p := range rep.Pairs {
		if p.english {
			english[p.Translation.File] = true
		}
	}
	styled := in.Files
	if len(english) > 0 {
		styled = slices.DeleteFunc(slices.Clone(in.Files), func(f *content.File) bool { return english[f.Name] })
	}
	rep.Style = in.Style.CheckStyle(styled)
	byTranslation := map[string]*Pair{}
	for _, p := range rep.Pairs {
		if p.Translation != nil {
			byTranslation[p.Translation.File] = p
		}
	}
	for _, f := range rep.Style {
		if p := byTranslation[f.Loc.File]; p != nil {
			p.Style = append(p.Style, f)
		}
	}
	return rep
}

// renamed gives each orphan the source it translates under a new name (Pair.Renamed):
// the one missing page of its language whose source has the hash the orphan was marked
// with, that is a source renamed and not edited since; or else, when the history knows
// renames, the missing page whose source is the orphan's source renamed, edited or not
// (Pair.RenamedChanged). files holds each pair's source and translation files.
func renamed(pairs []*Pair, files [][2]*content.File, h history, source string) {
	var orphans []string // the names their sources had
	for i, p := range pairs {
		hash := ""
		if p.State == Orphan {
			hash = files[i][1].Front.SourceHash
			orphans = append(orphans, sourceName(p, source))
		}
		if hash == "" {
			continue
		}
		var same []*Pair
		for j, q := range pairs {
			if q.State == Missing && q.Lang == p.Lang && content.SourceHash(files[j][0]) == hash {
				same = append(same, q)
			}
		}
		if len(same) == 1 {
			p.Renamed = same[0].Source.File
		}
	}
	r, ok := h.History.(renamer)
	if !ok || len(orphans) == 0 {
		return
	}
	now, err := r.Renamed(orphans)
	if err != nil {
		return // the hint is a help; the check does not fail for want of it
	}
	for _, p := range pairs {
		if p.State != Orphan || p.Renamed != "" {
			continue
		}
		to := now[sourceName(p, source)]
		if to == "" {
			continue
		}
		for _, q := range pairs {
			if q.State == Missing && q.Lang == p.Lang && q.Source.File == to {
				p.Renamed, p.RenamedChanged = to, true
			}
		}
	}
}

// linkedFrom gives each renamed orphan the links to it of the other translations of its
// language (Pair.LinkedFrom): moved, the page is no longer at the name they link to.
func linkedFrom(pairs []*Pair, files [][2]*content.File) {
	for i, p := range pairs {
		if p.State != Orphan || p.Renamed == "" {
			continue
		}
		key := files[i][1].Key()
		for j, q := range pairs {
			f := files[j][1]
			if j == i || f == nil || q.Lang != p.Lang {
				continue
			}
			for _, l := range links(f.Body, 0, len(f.Body)) {
				u, err := url.Parse(l.dest)
				if err != nil || u.Scheme != "" || !strings.HasSuffix(u.Path, ".md") {
					continue
				}
				if path.Join(path.Dir(f.Key()), strings.TrimSuffix(u.Path, ".md")) == key {
					p.LinkedFrom = append(p.LinkedFrom, fmt.Sprintf("%s:%d", f.Name, bodyPlace(f, l.off).line()))
				}
			}
		}
	}
}

// sourceName is the name of the source file that pair p's translation translates:
// content/<source>/<key>.md.
func sourceName(p *Pair, source string) string {
	return "content/" + source + "/" + p.Key + ".md"
}

// history is what Run read of the History (nil without one), for checkPair.
type history struct {
	History
	why   string // the report's History: "git", or why there is none
	logs  map[string][]Commit
	err   error // of Logs
	dates map[string]string
}

// unreadablePair is the pair of page key in lang of which the files at broken could not be
// read: nothing of it is compared. s and t are whichever of its files could be read.
func unreadablePair(key, lang, source string, s, t *content.File, broken []Loc, dates map[string]string) *Pair {
	p := &Pair{Key: key, Lang: lang, State: Unreadable, Unreadable: broken,
		Source: doc(s, plainBody(s), dates), Translation: doc(t, plainBody(t), dates)}
	// The unreadable files by name, so that the report can be narrowed to them (Only).
	for _, loc := range broken {
		d := &Doc{File: loc.File, Lang: lang, LastChange: dates[loc.File]}
		if loc.File == "content/"+source+"/"+key+".md" {
			d.Lang = source
			p.Source = d
		} else {
			p.Translation = d
		}
	}
	return p
}

// checkPair checks source s against its translation t into lang (either may be nil, not
// both). It only reads its arguments, so that pairs can be checked at the same time.
func checkPair(key, lang string, s, t *content.File, terms *termIndex, pages map[string]bool, h history) *Pair {
	// The bodies as plain text, made once for the counts and the glossary.
	sBody, tBody := plainBody(s), plainBody(t)
	p := &Pair{Key: key, Lang: lang, Source: doc(s, sBody, h.dates), Translation: doc(t, tBody, h.dates)}
	switch {
	case t == nil:
		p.State = Missing
	case s == nil:
		p.State = Orphan
		if t.Front.SourceHash != "" {
			p.MarkedAt = t.Line("source_hash")
		}
	default:
		if hash := content.SourceHash(s); t.Front.SourceHash != hash {
			p.State = Stale
			p.Stale = staleness(s, t, hash, h.History, h.why, h.logs[s.Name], h.err)
		} else {
			p.State = OK
		}
		if pr, ok := stillEnglish(s, t); ok {
			// A copy not yet translated: one finding, not every number and term of it, and
			// no characters of its language written yet (a translator's trial read the
			// copy's 1,550 English letters as Japanese ones in the table).
			p.Problems = []Problem{pr}
			p.english = true
			if p.Translation != nil {
				p.Translation.Chars = 0
			}
			break
		}
		us := units(s, t, sBody, tBody)
		// The parts not yet translated are each reported as such, and only so: their
		// numbers and terms, written the English way, are not mismatches to list.
		done := translatedUnits(us, s, t, terms)
		// English left in the translation first: it explains the findings of its part
		// that follow (a number written the English way).
		p.Problems = untranslated(us, s, t, terms)
		p.Problems = append(p.Problems, compareFigures(done, s, t)...)
		p.Problems = append(p.Problems, terms.check(done, s, t)...)
		p.Problems = append(p.Problems, compareCounters(done, s, t)...)
		p.Problems = append(p.Problems, compareHeadings(s, t)...)
		p.Problems = append(p.Problems, compareSections(s, t, terms, pages)...)
		order, swapped := compareOrder(done, s, t, terms)
		// Two items swapped are one finding: their numbers and terms, each in the other's
		// place, are not also mismatches to list. A finding of an item's own text (a
		// glossary variant) stays: the swap does not make it.
		p.Problems = slices.DeleteFunc(p.Problems, func(pr Problem) bool {
			return swapped[pr.Where] && (pr.Check == "figure" || pr.Check == "glossary" && !isVariantFinding(pr))
		})
		p.Problems = append(p.Problems, order...)
		if p.State == Stale {
			p.Problems = append(p.Problems, itemCounts(s, t)...)
		}
		p.Problems = append(p.Problems, neutralValues(s, t)...)
	}
	p.Problems = append(p.Problems, fileStructure(s, t, true)...)
	p.Problems = append(p.Problems, fileStructure(t, s, false)...)
	// An orphan (its source renamed, maybe) and a copy not yet translated were not
	// compared: that their acceptances match nothing says nothing.
	applyAccepts(p, t, s != nil && !p.english)
	for i := range p.Problems {
		p.Problems[i].Pending = p.Stale.changed(p.Problems[i].Where)
	}
	return p
}

// FromSite is the Input of a built site's files (site.Files), for a site whose files keep
// their text (the preview's); a one-off build's have none left, and StatusPage reads them
// before the model instead.
func FromSite(s *site.Site, h History, noHistory string) Input {
	return Input{Config: s.Config, Glossary: s.Glossary, Files: s.Files(), History: h, NoHistory: noHistory}
}

// plainBody is plain(f.Body), or "" without a file.
func plainBody(f *content.File) string {
	if f == nil {
		return ""
	}
	return plain(f.Body)
}

func doc(f *content.File, body string, dates map[string]string) *Doc {
	if f == nil {
		return nil
	}
	words, chars := count(f, body)
	return &Doc{File: f.Name, Lang: f.Lang, Title: f.Front.Title, URL: site.URLFor(f.Lang, f.Key()), Words: words, Chars: chars, LastChange: dates[f.Name]}
}

// count counts the words and characters of a file's translatable text; body is the file's
// body as plain text (plainBody). Markdown syntax (link destinations, heading ids, list
// and emphasis marks) is not text.
func count(f *content.File, body string) (words, chars int) {
	var c counter
	fm := &f.Front
	c.add(fm.Title)
	c.add(fm.Summary)
	if fm.Facts != nil {
		c.add(fm.Facts.OfficialName)
		c.add(fm.Facts.Capital)
		for _, l := range fm.Facts.Languages {
			c.add(l) // white space between them, as when they are joined by spaces
		}
		c.add(fm.Facts.Source)
	}
	for _, e := range fm.Events {
		c.add(e.Text)
	}
	for _, g := range fm.Figures {
		c.add(g.Label)
	}
	for _, cr := range fm.Corrections {
		c.add(cr.Source)
		c.add(cr.Correction)
		c.add(cr.Note)
	}
	c.add(body)
	return c.words, c.chars
}

// counter counts words and characters in one pass and without copies. A word is what
// strings.Fields makes (a run of runes that are not white space) with a letter or digit;
// a character is a rune of a word that is not a Markdown mark.
type counter struct{ words, chars int }

func (c *counter) add(s string) {
	alnum := false // the word being read has a letter or digit
	for i := 0; i < len(s); {
		var space bool
		if b := s[i]; b < utf8.RuneSelf {
			// ASCII, most of an English text: no decoding, no tables.
			i++
			switch {
			case b == ' ' || b >= '\t' && b <= '\r':
				space = true
			case b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9':
				alnum = true
				c.chars++
			case b == '#' || b == '*' || b == '_' || b == '`' || b == '>' || b == '|':
			default:
				c.chars++
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			space = unicode.IsSpace(r)
			if !space {
				alnum = alnum || unicode.IsLetter(r) || unicode.IsDigit(r)
				c.chars++
			}
		}
		if space {
			if alnum {
				c.words++
			}
			alnum = false
		}
	}
	if alnum {
		c.words++
	}
}

// Counts returns how many pairs of lang are in each state, and how many problems they have.
func (r *Report) Counts(lang string) (states map[State]int, problems int) {
	states = map[State]int{}
	for _, p := range r.Pairs {
		if p.Lang == lang {
			states[p.State]++
			problems += p.Open()
		}
	}
	return states, problems
}

// Langs lists the translation languages of the report, in report order.
func (r *Report) Langs() []string {
	var out []string
	for _, p := range r.Pairs {
		if !slices.Contains(out, p.Lang) {
			out = append(out, p.Lang)
		}
	}
	return out
}

// Failed reports whether the check fails: on orphans, mismatches, style findings and
// build errors, and with strict also on missing and stale pages.
func (r *Report) Failed(strict bool) bool { return len(r.Why(strict)) > 0 }

// Why says what fails the check, counted over every language: "1 orphan", "2 mismatches",
// "1 build error"; with strict also "3 missing" and "1 stale". It is empty if the check passes.
func (r *Report) Why(strict bool) []string {
	states := map[State]int{}
	problems := 0
	for _, p := range r.Pairs {
		states[p.State]++
		problems += p.Open()
	}
	var why []string
	for _, s := range States {
		if n := states[s]; n > 0 && (s == Orphan || strict && s != OK) {
			why = append(why, fmt.Sprintf("%d %s", n, s))
		}
	}
	if problems > 0 {
		why = append(why, fmt.Sprintf("%d %s", problems, Plural(problems, "mismatch", "mismatches")))
	}
	if n := r.StyleOpen(); n > 0 {
		why = append(why, fmt.Sprintf("%d %s", n, Plural(n, "style finding", "style findings")))
	}
	if n := len(r.Build); n > 0 {
		why = append(why, fmt.Sprintf("%d %s", n, Plural(n, "build error", "build errors")))
	}
	if n := len(r.Figures); n > 0 {
		why = append(why, fmt.Sprintf("%d %s not in the page's text", n, Plural(n, "figure", "figures")))
	}
	return why
}

// Lookup returns the pair of key in lang, or nil.
func (r *Report) Lookup(key, lang string) *Pair {
	i := slices.IndexFunc(r.Pairs, func(p *Pair) bool { return p.Key == key && p.Lang == lang })
	if i < 0 {
		return nil
	}
	return r.Pairs[i]
}

// SiteErrors builds the site model from in and returns its errors, one per line: what
// make build would reject in the content beyond what the check compares, so that a
// translator who runs only the check is not surprised by the build.
func SiteErrors(in Input) []string {
	if _, err := site.Build(in.Config, in.Files, in.Glossary); err != nil {
		return strings.Split(err.Error(), "\n")
	}
	return nil
}
