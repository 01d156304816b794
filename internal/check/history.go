package check

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"peacebuilding/internal/content"
)

// History is the version history of the project's files (git). Names are relative to the
// project folder, slash-separated: "content/en/countries/cambodia.md". Run calls Show
// from several goroutines at once.
type History interface {
	// Name says where the history comes from, for the report.
	Name() string
	// Logs lists the commits that changed each of names, newest first; a name without
	// commits is absent.
	Logs(names []string) (map[string][]Commit, error)
	// Show returns name as it was in commit c.
	Show(c Commit, name string) ([]byte, error)
}

// Commit is one commit of a file's history.
type Commit struct {
	Hash string
	Date string // YYYY-MM-DD, the committer date
}

// Git reads the history of a project folder with the git command.
type Git struct {
	dir    string // the project folder
	prefix string // the project folder relative to the top of the repository: "" or "site/"
}

// NewGit returns the history of dir, or nil and the reason why there is none (no git
// command, or dir is not in a git repository).
func NewGit(dir string) (History, string) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, "git not found"
	}
	g := &Git{dir: dir}
	out, err := g.run("rev-parse", "--show-prefix")
	if err != nil {
		return nil, "not a git repository"
	}
	g.prefix = strings.TrimSpace(string(out))
	return g, ""
}

func (g *Git) run(args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", g.dir, "-c", "core.quotepath=off"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, errors.New(msg)
		}
		return nil, err
	}
	return out, nil
}

// Name is "git".
func (g *Git) Name() string { return "git" }

// renamer is a History that knows where files went when they were renamed.
type renamer interface {
	// Renamed returns, for each of names (files of the project) that was renamed, the
	// name it has now, following one rename after another.
	Renamed(names []string) (map[string]string, error)
}

// Renamed reads every rename under the folders of names from the log, in one git
// command, with git's rename detection: a file renamed and edited in one commit is a
// rename when most of its text stayed (git's 50% similarity).
func (g *Git) Renamed(names []string) (map[string]string, error) {
	out := map[string]string{}
	if len(names) == 0 {
		return out, nil
	}
	dirs := map[string]bool{}
	for _, n := range names {
		dirs[path.Dir(n)] = true
	}
	log, err := g.run(append([]string{"log", "--format=", "--name-status", "--diff-filter=R", "-M", "--"}, slices.Sorted(maps.Keys(dirs))...)...)
	if err != nil {
		return out, err
	}
	to := map[string]string{}
	for _, line := range strings.Split(string(log), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 || !strings.HasPrefix(f[0], "R") {
			continue
		}
		from, ok1 := strings.CutPrefix(f[1], g.prefix)
		now, ok2 := strings.CutPrefix(f[2], g.prefix)
		if _, seen := to[from]; ok1 && ok2 && !seen {
			to[from] = now // the log is newest first: a name used again keeps its last rename
		}
	}
	for _, n := range names {
		cur, seen := n, map[string]bool{}
		for to[cur] != "" && !seen[cur] {
			seen[cur] = true
			cur = to[cur]
		}
		if cur != n {
			out[n] = cur
		}
	}
	return out, nil
}

// Logs reads the log of every name in one git command: a command per file costs a few
// milliseconds each, and a site of thousands of pages has hundreds of stale ones. A merge
// commit names the files it changed against its first parent: git log names none of a
// merge's files by default, and a merge of two branches that both edited a file makes a
// version that no other commit has (a translation marked after such a merge would find no
// commit with its recorded version, and the check could not show what changed since).
func (g *Git) Logs(names []string) (map[string][]Commit, error) {
	logs := map[string][]Commit{}
	if len(names) == 0 {
		return logs, nil
	}
	out, err := g.run(append([]string{"log", "--format=%x00%H %cs", "--name-only", "--no-renames", "--diff-merges=first-parent", "--"}, names...)...)
	if err != nil {
		return logs, err // an empty history, or no commit yet
	}
	wanted := make(map[string]bool, len(names)) // a scan of names per log line is quadratic
	for _, n := range names {
		wanted[n] = true
	}
	var commit Commit
	for _, line := range strings.Split(string(out), "\n") {
		switch {
		case strings.HasPrefix(line, "\x00"):
			commit.Hash, commit.Date, _ = strings.Cut(line[1:], " ")
		case line != "":
			if name, ok := strings.CutPrefix(line, g.prefix); ok && wanted[name] {
				logs[name] = append(logs[name], commit)
			}
		}
	}
	return logs, nil
}

// Show returns name at commit c.
func (g *Git) Show(c Commit, name string) ([]byte, error) {
	return g.run("show", c.Hash+":./"+filepath.ToSlash(name))
}

// staleness explains why translation t of s is stale: never marked, or marked for
// another version of s, and then, with a history, what changed in s since that version.
// commits are those of s, from History.Logs, or logErr why there are none.
func staleness(s, t *content.File, hash string, h History, why string, commits []Commit, logErr error) *Staleness {
	st := &Staleness{Recorded: t.Front.SourceHash, Current: hash, Line: t.FrontLine - 1}
	if t.Defined("source_hash") {
		st.Line = t.Line("source_hash")
	}
	switch {
	case st.Recorded == "":
		st.Note = "never marked as translated"
		return st
	case h == nil:
		st.Note = "no history (" + why + "): the changes cannot be shown"
		return st
	}
	if logErr != nil {
		st.Note = fmt.Sprintf("%s log: %v", h.Name(), logErr)
		return st
	}
	for _, c := range commits {
		data, err := h.Show(c, s.Name)
		if err != nil {
			continue // e.g. the file had another name then
		}
		old := &content.File{Lang: s.Lang, Path: s.Path, Name: s.Name}
		if content.Parse(old, data) != nil || content.SourceHash(old) != st.Recorded {
			continue
		}
		st.Commit, st.Date = short(c.Hash), c.Date
		st.Changes, st.Diff = changes(old, s)
		for i := range st.Diff {
			if at := st.Diff[i].at; at != nil {
				st.Diff[i].Line = at(t)
				st.Diff[i].at = nil // it holds the texts of both versions
			}
		}
		return st
	}
	st.Note = fmt.Sprintf("no commit of %s has the recorded version", s.Name)
	return st
}

func short(hash string) string {
	if len(hash) > 10 {
		return hash[:10]
	}
	return hash
}

// changes lists what differs between two versions of a file's translatable text: front
// matter fields, then the body's sections by heading, as a translator would look for them.
func changes(old, cur *content.File) ([]string, []Change) {
	var out []string
	var diff []Change
	same := func(a, b string) bool {
		return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
	}
	// at finds the part in a translation, for the line of each change.
	field := func(name, a, b string, at func(*content.File) int) {
		if !same(a, b) {
			out = append(out, name)
			if c := sentenceDiff(name, a, b); len(c.Removed)+len(c.Added) > 0 {
				c.at = at
				diff = append(diff, c)
			}
		}
	}
	key := func(k *frontKey) func(*content.File) int {
		return func(t *content.File) int { return keyPlace(t, k).line() }
	}
	of, cf := &old.Front, &cur.Front
	field("title", of.Title, cf.Title, key(titleKey))
	field("summary", of.Summary, cf.Summary, key(summaryKey))
	var oFacts, cFacts content.Facts
	if of.Facts != nil {
		oFacts = *of.Facts
	}
	if cf.Facts != nil {
		cFacts = *cf.Facts
	}
	field("facts.official_name", oFacts.OfficialName, cFacts.OfficialName, key(officialNameKey))
	field("facts.capital", oFacts.Capital, cFacts.Capital, key(capitalKey))
	field("facts.languages", strings.Join(oFacts.Languages, "\x1f"), strings.Join(cFacts.Languages, "\x1f"), key(languagesKey))
	field("facts.source", oFacts.Source, cFacts.Source, key(factsSourceKey))
	// The items of a list (events, figures, corrections) are paired by their texts, so
	// that one inserted is one added and not every item after it changed; those between
	// two kept are paired in order. A changed or added item is named by its place in the
	// new list, a removed one by its place in the old; a changed item is found in the
	// translation at its place in the old list, which the translation follows. (The
	// findings of the items after one added or removed are pending all the same:
	// Staleness.changed.)
	list := func(what string, k *frontKey, a, b []string) {
		itemAt := func(i int) func(*content.File) int {
			return func(t *content.File) int { return itemPlace(t, k, i).line() }
		}
		align(len(a), len(b), func(i, j int) bool { return same(a[i], b[j]) }, func(i0, i1, j0, j1 int) {
			paired := min(i1-i0, j1-j0)
			for n := range paired {
				field(fmt.Sprintf("%s %d", what, j0+n+1), a[i0+n], b[j0+n], itemAt(i0+n))
			}
			for j := j0 + paired; j < j1; j++ {
				name := fmt.Sprintf("%s %d (added)", what, j+1)
				out = append(out, name)
				c := sentenceDiff(name, "", b[j])
				if i0+paired > 0 { // after the item of the translation that comes before it
					c.at = itemAt(i0 + paired - 1)
				}
				diff = append(diff, c)
			}
			for i := i0 + paired; i < i1; i++ {
				out = append(out, fmt.Sprintf("%s %d (removed)", what, i+1))
			}
		})
	}
	texts := func(f *content.File) (events, figures, corrections []string) {
		for _, e := range f.Front.Events {
			events = append(events, e.Text)
		}
		for _, g := range f.Front.Figures {
			figures = append(figures, g.Label)
		}
		for _, c := range f.Front.Corrections {
			corrections = append(corrections, c.Source+"\x1f"+c.Correction+"\x1f"+c.Note)
		}
		return
	}
	oe, og, oc := texts(old)
	ce, cg, cc := texts(cur)
	list("event", eventKey, oe, ce)
	list("figure", figureKey, og, cg)
	list("correction", correctionKey, oc, cc)

	sameSection := func(a, b section) bool {
		return a.id != "" && a.id == b.id || a.id+"\x00"+a.title == b.id+"\x00"+b.title
	}
	os, cs := sections(old.Body, false), sections(cur.Body, false)
	for k, s := range cs {
		i := slices.IndexFunc(os, func(o section) bool { return sameSection(s, o) })
		switch {
		case i < 0:
			out = append(out, s.label()+" (added)")
			// Its text, to translate, at the heading of the translation that it goes
			// before: that of the next section of the source that the translation has.
			c := sentenceDiff(s.label()+" (added)", "", cur.Body[s.start:s.end])
			after := cs[k+1:]
			c.at = func(t *content.File) int {
				ts := sections(t.Body, false)
				for _, n := range after {
					if j := slices.IndexFunc(ts, func(x section) bool { return n.id != "" && x.id == n.id }); j >= 0 {
						return bodyPlace(t, ts[j].start).line()
					}
				}
				return 0
			}
			diff = append(diff, c)
		case !same(old.Body[os[i].start:os[i].end], cur.Body[s.start:s.end]):
			out = append(out, s.label())
			oldText, curText := old.Body[os[i].start:os[i].end], cur.Body[s.start:s.end]
			if c := sentenceDiff(s.label(), oldText, curText); len(c.Removed)+len(c.Added) > 0 {
				// The translation's section of the same id (a heading's title is
				// translated: the introduction, without one, is found by being first),
				// at the paragraph where the old text first differs: the translation
				// follows the old text block for block, when it has as many.
				oldBlocks := blockStarts(oldText)
				block := blockOf(oldBlocks, commonPrefix(oldText, curText))
				c.at = func(t *content.File) int {
					for _, ts := range sections(t.Body, false) {
						if ts.id == s.id && (s.id != "" || s.title == "" && ts.title == "") {
							at := ts.start
							if tb := blockStarts(t.Body[ts.start:ts.end]); len(tb) == len(oldBlocks) {
								at += tb[block]
							}
							// Past the blank lines that start the introduction, after the
							// front matter: to its first paragraph.
							for at < ts.end && t.Body[at] == '\n' {
								at++
							}
							return bodyPlace(t, at).line()
						}
					}
					return 0
				}
				diff = append(diff, c)
			}
		}
	}
	for _, o := range os {
		if !slices.ContainsFunc(cs, func(s section) bool { return sameSection(o, s) }) {
			out = append(out, o.label()+" (removed)")
		}
	}
	return out, diff
}

// commonPrefix is the length in bytes of the text a and b start with alike.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// A Change is what changed in one part of a source, sentence by sentence: the sentences
// of the old version that are gone, and those of the new one that are new, in order. A
// reworded sentence is one of each.
type Change struct {
	Where   string   `json:"where"`
	Removed []string `json:"removed,omitempty"`
	Added   []string `json:"added,omitempty"`
	// Line is the line of the part in the translation, where the change is to be made;
	// 0 when the translation does not have it.
	Line int `json:"line,omitempty"`
	at   func(translation *content.File) int
}

// DiffLine is a sentence of a Change: one that is gone (Added false) or new.
type DiffLine struct {
	Text  string
	Added bool
	// Marker is the list marker ("- ", "1. ") of a list item's sentence, which Parts
	// leave out: the sentence's text is what changed, not its marker.
	Marker string
	// Parts are Text in runs of words, those that a rewording took out of the sentence
	// (of a gone one) or put in (of a new one) Changed: a translator looks for "and
	// patiently" in a long sentence shown whole twice. One part, unchanged, for a sentence
	// that rewords none.
	Parts []DiffPart
}

// DiffPart is a run of a DiffLine's text.
type DiffPart struct {
	Text    string
	Changed bool
}

// wordToken is a word (letters and digits), a run of white space, or any other character.
var wordToken = regexp.MustCompile(`[\p{L}\p{N}]+|\s+|.`)

// wordParts splits a sentence and its new form into runs of words kept and changed, along
// the longest common subsequence of their words. White space between two changed runs is
// changed too, so that "and patiently" is one run.
func wordParts(was, now string) (wasParts, nowParts []DiffPart) {
	x, y := wordToken.FindAllString(was, -1), wordToken.FindAllString(now, -1)
	var xs, ys []bool // changed, by token
	xs, ys = make([]bool, len(x)), make([]bool, len(y))
	align(len(x), len(y), func(i, j int) bool { return x[i] == y[j] }, func(i0, i1, j0, j1 int) {
		for i := i0; i < i1; i++ {
			xs[i] = true
		}
		for j := j0; j < j1; j++ {
			ys[j] = true
		}
	})
	return joinParts(x, xs), joinParts(y, ys)
}

// joinParts joins tokens into runs of the same changed state. A run of white space is
// changed exactly when the tokens on both sides are: "and patiently" is one run, without
// the space after it (which of two spaces the alignment keeps is chance).
func joinParts(tokens []string, changed []bool) []DiffPart {
	for k, tok := range tokens {
		if strings.TrimSpace(tok) == "" {
			changed[k] = k > 0 && changed[k-1] && k+1 < len(tokens) && changed[k+1]
		}
	}
	var out []DiffPart
	for k, tok := range tokens {
		if n := len(out); n > 0 && out[n-1].Changed == changed[k] {
			out[n-1].Text += tok
			continue
		}
		out = append(out, DiffPart{Text: tok, Changed: changed[k]})
	}
	return out
}

// Lines lists the change's sentences for a reader, each reworded sentence's old form
// followed by its new one ("was", "now"), then the new sentences that reword none: the
// old and new forms of two edits of one part were listed was, was, now, now. A new
// sentence rewords the gone one it shares the most words with, if they share at least
// half (a Dice coefficient of their sets of words of 0.5).
func (c Change) Lines() []DiffLine {
	words := func(s string) map[string]bool {
		set := map[string]bool{}
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			set[w] = true
		}
		return set
	}
	dice := func(a, b map[string]bool) float64 {
		if len(a)+len(b) == 0 {
			return 0
		}
		n := 0
		for w := range a {
			if b[w] {
				n++
			}
		}
		return 2 * float64(n) / float64(len(a)+len(b))
	}
	added := make([]map[string]bool, len(c.Added))
	for j, s := range c.Added {
		added[j] = words(s)
	}
	used := make([]bool, len(c.Added))
	whole := func(s string) []DiffPart { return []DiffPart{{Text: s}} }
	var out []DiffLine
	for _, s := range c.Removed {
		gone, best, bestJ := words(s), 0.5, -1
		for j := range c.Added {
			if d := dice(gone, added[j]); !used[j] && d >= best {
				best, bestJ = d, j
			}
		}
		if bestJ < 0 {
			out = append(out, DiffLine{Text: s, Parts: whole(s)})
			continue
		}
		used[bestJ] = true
		was, now := wordParts(s, c.Added[bestJ])
		out = append(out, DiffLine{Text: s, Parts: was}, DiffLine{Text: c.Added[bestJ], Added: true, Parts: now})
	}
	for j, s := range c.Added {
		if !used[j] {
			out = append(out, DiffLine{Text: s, Added: true, Parts: whole(s)})
		}
	}
	for i := range out {
		out[i].splitMarker()
	}
	return out
}

// splitMarker moves the Markdown list marker that starts the line's first part, when
// the part is unchanged, into Marker: shown struck through or underlined with the
// sentence, "- " read as part of what changed (a translator's trial).
func (l *DiffLine) splitMarker() {
	if len(l.Parts) == 0 || l.Parts[0].Changed || !isListItem(l.Parts[0].Text) {
		return
	}
	p := l.Parts[0].Text
	n := strings.IndexAny(p, " \t") + 1
	l.Marker, l.Parts[0].Text = p[:n], p[n:]
}

// sentenceDiff compares two versions of a text sentence by sentence (longest common
// subsequence), white space ignored.
func sentenceDiff(where, a, b string) Change {
	x, y := sentencesOf(a), sentencesOf(b)
	c := Change{Where: where}
	align(len(x), len(y), func(i, j int) bool { return x[i] == y[j] }, func(i0, i1, j0, j1 int) {
		c.Removed = append(c.Removed, x[i0:i1]...)
		c.Added = append(c.Added, y[j0:j1]...)
	})
	return c
}

// align walks two sequences of n and m elements along their longest common subsequence
// (by eq), and calls gap, in order, for each run of elements between two that are kept:
// x[i0:i1] gone and y[j0:j1] new, either of which may be empty.
func align(n, m int, eq func(i, j int) bool, gap func(i0, i1, j0, j1 int)) {
	// lcs[i][j] is the length of the longest common subsequence of x[i:] and y[j:].
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if eq(i, j) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j, i0, j0 := 0, 0, 0, 0
	flush := func() {
		if i0 < i || j0 < j {
			gap(i0, i, j0, j)
		}
	}
	for i < n || j < m {
		switch {
		case i < n && j < m && eq(i, j):
			flush()
			i, j = i+1, j+1
			i0, j0 = i, j
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			j++
		default:
			i++
		}
	}
	flush()
}

// sentencesOf splits a text into sentences: at line breaks between paragraphs or list
// items, and after ". ", "? ", "! " and the Japanese 。, with white space normalized.
func sentencesOf(s string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			out = append(out, t)
		}
		cur.Reset()
	}
	lines := strings.Split(s, "\n")
	for k, line := range lines {
		if strings.TrimSpace(line) == "" || isListItem(strings.TrimLeft(line, " \t")) || strings.HasPrefix(strings.TrimLeft(line, " "), "#") {
			flush()
		}
		rs := []rune(line)
		for i, r := range rs {
			cur.WriteRune(r)
			end := r == '。' || (r == '.' || r == '?' || r == '!') && (i+1 == len(rs) || rs[i+1] == ' ')
			if end {
				flush()
			}
		}
		if k < len(lines)-1 {
			cur.WriteByte(' ')
		}
	}
	flush()
	return out
}
