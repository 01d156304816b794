package check

import (
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"peacebuilding/internal/site"
	"peacebuilding/internal/tomlx"
)

// WriteText writes the report for a terminal: a table of every pair per translation
// language, then the details of each page that needs work, then a count per state.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	for _, lang := range r.Langs() {
		if r.table(&b, lang) {
			b.WriteString("\n")
		}
		r.details(&b, lang)
	}
	r.writeStyle(&b)
	for _, lang := range r.Langs() {
		b.WriteString(r.SummaryLine(lang) + "\n")
	}
	if len(r.Pairs) == 0 {
		b.WriteString("no content to check\n")
	}
	if n := len(r.Figures); n > 0 {
		// The source pages' own: a translator who finds them in the check's failure is
		// told whose they are (a translator's trial took one for a translation's).
		fmt.Fprintf(&b, "\nkey figures that their page's text does not give: %d (in the %s pages: for their authors to fix, not the translators)\n", n, r.Source)
		for _, e := range r.Figures {
			b.WriteString(e + "\n")
		}
	}
	writeLeftBehind(&b, r)
	if n := len(r.Build); n > 0 {
		fmt.Fprintf(&b, "\nmake build would fail on the content: %d %s\n", n, Plural(n, "error", "errors"))
		for _, e := range r.Build {
			b.WriteString(e + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the report as indented JSON, for tools: the report (with Quiet, only
// what needs work: needsWork), totals per translation language, and the build errors as
// file, line, column and message.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	type totals struct {
		States map[State]int `json:"states"`
		// Statuses counts the pairs as the terminal and the status page name them
		// (Pair.Status): an ok page with findings or build errors needs fixing.
		Statuses   map[string]int `json:"statuses"`
		Mismatches int            `json:"mismatches"`
		Accepted   int            `json:"accepted"`
		Pending    int            `json:"pending"`
		// Words counts the source words to translate: of missing pages, and of the new
		// or changed sentences of stale ones (Pair.ToTranslate).
		Words int `json:"words_to_translate"`
	}
	all := map[string]totals{}
	for _, lang := range r.Langs() {
		states, problems := r.Counts(lang)
		t := totals{States: states, Statuses: r.statusCounts(lang), Mismatches: problems}
		for _, p := range r.Pairs {
			if p.Lang != lang {
				continue
			}
			t.Accepted += p.Accepted()
			t.Pending += p.Pending()
			t.Words += p.ToTranslate()
		}
		all[lang] = t
	}
	return enc.Encode(struct {
		*Report
		Totals      map[string]totals `json:"totals"`
		BuildErrors []Diagnostic      `json:"build_errors,omitempty"`
		Failed      bool              `json:"failed"`
	}{r.needsWork(), all, ParseDiagnostics(r.Build), r.Failed(false)})
}

// needsWork is r itself, or with Quiet, a copy that lists only what needs work, as the
// text does: no pairs that are ok, no accepted findings. The totals count everything.
func (r *Report) needsWork() *Report {
	if !r.Quiet {
		return r
	}
	q := *r
	q.Pairs = nil
	for _, p := range r.Pairs {
		if p.Status() == string(OK) {
			continue
		}
		c := *p
		c.Problems = slices.DeleteFunc(slices.Clone(p.Problems), func(pr Problem) bool { return pr.Accepted != "" })
		q.Pairs = append(q.Pairs, &c)
	}
	q.Style = slices.DeleteFunc(slices.Clone(r.Style), func(f StyleFinding) bool { return f.Accepted != "" })
	return &q
}

// A Diagnostic is an error of the build as a value: file, line, column (in characters)
// and message.
type Diagnostic struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// keyTitled is the key of the one page whose title, in any language, is title, "" when
// none or several have it.
func (r *Report) keyTitled(title string) string {
	title = strings.TrimSpace(title)
	if title == "" {
		return ""
	}
	found := ""
	for _, p := range r.Pairs {
		for _, d := range []*Doc{p.Source, p.Translation} {
			if d == nil || d.Title != title {
				continue
			}
			if found != "" && found != p.Key {
				return ""
			}
			found = p.Key
		}
	}
	return found
}

// suggestPage is the page that a path naming none was likely meant for: the page whose
// last part it is (timor-leste: countries/timor-leste), or the closest such part
// (cambodja: countries/cambodia); "" if none is close.
func (r *Report) suggestPage(p string) string {
	name := strings.TrimSuffix(path.Base(filepath.ToSlash(p)), ".md")
	byName := map[string]string{}
	var names []string
	for _, pr := range r.Pairs {
		base := path.Base(pr.Key)
		if _, ok := byName[base]; !ok {
			byName[base] = pr.Key
			names = append(names, base)
		}
	}
	if key, ok := byName[name]; ok {
		return key
	}
	if sug := tomlx.Suggest(name, names); sug != "" {
		return byName[sug]
	}
	return ""
}

// withoutPlace is path without the line and column of a place pasted from a finding:
// content/ja/countries/timor-leste.md:74:3 is content/ja/countries/timor-leste.md.
func withoutPlace(path string) string {
	if i := strings.Index(path, ".md:"); i >= 0 {
		return path[:i+len(".md")]
	}
	return path
}

// ParseDiagnostics reads errors written compiler style, "file:line:col: message" (line
// and column optional), as values.
func ParseDiagnostics(lines []string) []Diagnostic {
	var out []Diagnostic
	for _, l := range lines {
		d := Diagnostic{Message: l}
		parts := strings.SplitN(l, ": ", 2)
		if len(parts) == 2 {
			loc := strings.Split(parts[0], ":")
			d.File, d.Message = loc[0], parts[1]
			if len(loc) > 1 {
				d.Line, _ = strconv.Atoi(loc[1])
			}
			if len(loc) > 2 {
				d.Column, _ = strconv.Atoi(loc[2])
			}
		}
		out = append(out, d)
	}
	return out
}

// onlyKeyNamed is the key of the one page of the report named name (onlyKeyNamed).
func (r *Report) onlyKeyNamed(name string) string {
	return onlyKeyNamed(name, func(yield func(string) bool) {
		for _, p := range r.Pairs {
			if !yield(p.Key) {
				return
			}
		}
	})
}

// onlyKeyNamed is the one of keys whose last part is name ("sudan": "countries/sudan"),
// for a name without a slash that no key or folder of keys has; "" when none or several
// have it. The check (Report.Only) and -mark and -new read a name alone by it.
func onlyKeyNamed(name string, keys iter.Seq[string]) string {
	name = strings.TrimSuffix(name, ".md")
	if name == "" || strings.ContainsAny(name, "/\\") {
		return ""
	}
	found := ""
	for key := range keys {
		switch {
		case key == name || strings.HasPrefix(key, name+"/"):
			return "" // a page or a folder of that name: the name means it
		case path.Base(key) == name && found != "" && found != key:
			return "" // several pages: a suggestion names them
		case path.Base(key) == name:
			found = key
		}
	}
	return found
}

// Only keeps the pairs of the pages that paths name, and the build errors and style
// findings of their files: content files of either language, a missing translation's
// file included (content/ja/countries/cambodia.md), folders (content/en/themes) or keys
// (countries/cambodia, or countries/cambodia.md), with or without .md, and folders of
// keys (themes). Paths are relative to the project folder. A path that names no page is
// an error.
func (r *Report) Only(paths []string) error {
	match := func(p *Pair, path string) bool {
		path = strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(filepath.Clean(path)), "./"), "/")
		path = strings.TrimSuffix(path, ".md")
		if path == p.Key || strings.HasPrefix(p.Key, path+"/") || path == "content" {
			return true
		}
		// The pair's two files, by the paths they have or would have.
		for _, lang := range []string{r.Source, p.Lang} {
			file := "content/" + lang + "/" + p.Key
			if file == path || strings.HasPrefix(file, path+"/") {
				return true
			}
		}
		return false
	}
	paths = slices.Clone(paths)
	for i := range paths {
		paths[i] = withoutPlace(paths[i])
		if key := r.onlyKeyNamed(paths[i]); key != "" {
			paths[i] = key // sudan: countries/sudan, the one page of that name
		} else if key := r.keyTitled(paths[i]); key != "" {
			paths[i] = key // スーダン: countries/sudan, as a translator knows the page
		}
	}
	var keep []*Pair
	used := make([]bool, len(paths))
	for _, p := range r.Pairs {
		for i, path := range paths {
			if match(p, path) {
				used[i] = true
				keep = append(keep, p)
				break
			}
		}
	}
	for i, u := range used {
		if !u {
			if sug := r.suggestPage(paths[i]); sug != "" {
				return fmt.Errorf("%s: no page of the site (did you mean %s?)", paths[i], sug)
			}
			return fmt.Errorf("%s: no page of the site (name a content file, a folder of content/, a page such as countries/cambodia, or its title)", paths[i])
		}
	}
	files := map[string]bool{}
	for _, p := range keep {
		for _, d := range []*Doc{p.Source, p.Translation} {
			if d != nil {
				files[d.File] = true
			}
		}
	}
	if !slices.ContainsFunc(paths, func(p string) bool { return filepath.Clean(p) == "content" }) {
		// Only the findings of the pages asked for; the UI strings' are not a page's.
		r.Style = slices.DeleteFunc(r.Style, func(f StyleFinding) bool { return !files[f.Loc.File] })
	}
	r.Pairs = keep
	var build []string
	for i, d := range ParseDiagnostics(r.Build) {
		if files[d.File] {
			build = append(build, r.Build[i])
		}
	}
	r.Build = build
	var figures []string
	for i, d := range ParseDiagnostics(r.Figures) {
		if files[d.File] {
			figures = append(figures, r.Figures[i])
		}
	}
	r.Figures = figures
	var left []string
	for i, d := range ParseDiagnostics(r.NumbersLeft) {
		if files[d.File] {
			left = append(left, r.NumbersLeft[i])
		}
	}
	r.NumbersLeft = left
	return nil
}

// SetBuild sets the build's errors, one per line as the build prints them (Build), and
// counts in each pair those in its files (Pair.BuildErrors).
func (r *Report) SetBuild(lines []string) {
	// An orphan is the check's finding already: the build's error that says its source
	// is missing would say it twice, and so would its errors for the links to a renamed
	// orphan's old name that the finding lists (Pair.LinkedFrom).
	said, linked := map[string]bool{}, map[string]bool{}
	for _, p := range r.Pairs {
		if p.State == Orphan && p.Translation != nil {
			source := "content/" + r.Source + "/" + p.Key + ".md"
			said[p.Translation.File+"\x00"+site.NoSource(source)] = true
			said[p.Translation.File+"\x00"+site.TranslatesMissing(source)] = true
			for _, at := range p.LinkedFrom {
				linked[at] = true
			}
		}
	}
	r.Build = nil
	byFile := map[string]int{}
	for i, d := range ParseDiagnostics(lines) {
		if said[d.File+"\x00"+d.Message] || linked[fmt.Sprintf("%s:%d", d.File, d.Line)] && strings.HasPrefix(d.Message, "link ") {
			continue
		}
		r.Build = append(r.Build, lines[i])
		byFile[d.File]++
	}
	for _, p := range r.Pairs {
		p.BuildErrors = byFile["content/"+r.Source+"/"+p.Key+".md"] + byFile["content/"+p.Lang+"/"+p.Key+".md"]
	}
}

// SummaryLine counts the pairs of lang per Status, as the status page does, and gives the
// states of those that need fixing in brackets, which the status page shows in their
// rows: "ja: 37 ok, 2 needs fixing (1 stale of them), 1 missing, 0 orphan, 1 stale; 2 mismatches".
func (r *Report) SummaryLine(lang string) string {
	_, problems := r.Counts(lang)
	statuses := r.statusCounts(lang)
	accepted, pending := 0, 0
	for _, p := range r.Pairs {
		if p.Lang == lang {
			accepted += p.Accepted()
			pending += p.Pending()
		}
	}
	// A page that needs fixing is counted there, not in its state: the rows that say
	// "needs fixing (stale)" are told apart in brackets, so that the stale pages add up.
	var parts []string
	for _, s := range []string{string(OK), NeedsFixing, string(Missing), string(Orphan), string(Stale)} {
		part := fmt.Sprintf("%d %s", statuses[s], statusText(s))
		if s == NeedsFixing {
			var of []string
			for _, c := range r.alsoCounts(lang) {
				of = append(of, fmt.Sprintf("%d %s", c.N, c.Status))
			}
			if len(of) > 0 {
				// "of them": the stale pages among those, not more stale pages (a
				// translator read "1 needs fixing (1 stale), …, 0 stale" as a contradiction).
				part += " (" + strings.Join(of, ", ") + " of them)"
			}
		}
		parts = append(parts, part)
	}
	if n := statuses[string(Unreadable)]; n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", n, Unreadable))
	}
	line := fmt.Sprintf("%s: %s; %d %s", lang, strings.Join(parts, ", "), problems, Plural(problems, "mismatch", "mismatches"))
	if pending > 0 {
		line += fmt.Sprintf(", %d pending", pending)
	}
	if accepted > 0 {
		line += fmt.Sprintf(", %d accepted", accepted)
	}
	return line
}

// statusText is a Status as the terminal writes it: "needs fixing".
func statusText(status string) string { return strings.ReplaceAll(status, "-", " ") }

// MarshalJSON writes the pair's fields and its Status: its state says where the
// translation stands ("ok": up to date with its source), its status what it needs, as
// the first column of the text report does ("needs-fixing": findings or build errors).
func (p *Pair) MarshalJSON() ([]byte, error) {
	type fields Pair // without this method
	return json.Marshal(struct {
		*fields
		Status string `json:"status"`
	}{(*fields)(p), p.Status()})
}

// StatusText is the pair's Status as the terminal and the preview write it.
func (p *Pair) StatusText() string { return statusText(p.Status()) }

// Plural is one for n = 1, else many: "1 mismatch", "2 mismatches".
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// table writes the table of the pairs of lang (with Quiet, of those that need work), and
// reports whether it wrote one.
func (r *Report) table(b *strings.Builder, lang string) bool {
	header := []string{"PAGE", "STATE", strings.ToUpper(r.Source) + " WORDS", strings.ToUpper(lang) + " CHARS", "MISMATCHES", "STYLE"}
	// A column for the build's errors only when a page of lang has some.
	withErrors := slices.ContainsFunc(r.Pairs, func(p *Pair) bool { return p.Lang == lang && p.BuildErrors > 0 })
	if withErrors {
		header = append(header, "ERRORS")
	}
	rows := [][]string{header}
	for _, p := range r.Pairs {
		if p.Lang != lang || r.Quiet && p.Status() == string(OK) {
			continue
		}
		state := statusText(p.Status())
		if also := p.AlsoState(); also != "" {
			state += " (" + also + ")"
		}
		row := []string{p.Key, state, "", "", fmt.Sprint(p.Open()), fmt.Sprint(p.StyleOpen())}
		if n := p.Pending(); n > 0 {
			// The mismatches that wait for a stale page's update: work all the same.
			row[4] += fmt.Sprintf(" +%d pending", n)
		}
		if withErrors {
			row = append(row, fmt.Sprint(p.BuildErrors))
		}
		if p.Source != nil && !p.unreadable(p.Source.File) {
			row[2] = fmt.Sprint(p.Source.Words)
		}
		if p.Translation != nil && !p.unreadable(p.Translation.File) {
			row[3] = fmt.Sprint(p.Translation.Chars)
		}
		if p.State == Unreadable {
			row[4], row[5] = "", "" // nothing was compared
		}
		rows = append(rows, row)
	}
	if len(rows) == 1 && r.Quiet {
		return false
	}
	width := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, c := range row {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	for _, row := range rows {
		var cells []string
		for i, c := range row {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i >= 2 { // numbers align right
				cells = append(cells, pad+c)
			} else {
				cells = append(cells, c+pad)
			}
		}
		b.WriteString(strings.TrimRight(strings.Join(cells, "  "), " ") + "\n")
	}
	return true
}

// details writes what a translator has to do, page by page: compiler-style places, so
// that an editor can jump to them. The accepted findings, which ask for nothing, follow
// every page's entries (the style sheet's are writeStyle's).
func (r *Report) details(b *strings.Builder, lang string) {
	wrote := false
	var accepted strings.Builder
	for _, p := range r.Pairs {
		if p.Lang != lang {
			continue
		}
		start := b.Len()
		switch p.State {
		case Unreadable:
			for _, loc := range p.Unreadable {
				fmt.Fprintf(b, "unreadable: %s:%d: not checked until the file can be read (its error is listed below)\n", loc.File, loc.Line)
			}
		case Missing:
			name := translationName(p.Source.File, r.Source, lang)
			if old := r.renamedFrom(p); old != "" {
				// The source was renamed: the orphan's advice (git mv) is the one to follow.
				fmt.Fprintf(b, "missing: %s: no translation %s yet: its translation seems to be %s, under the source's old name (see the orphan entry: git mv it)\n", p.Source.File, name, old)
			} else {
				fmt.Fprintf(b, "missing: %s: no translation %s yet (start it: make check ARGS=\"-new %s\")\n", p.Source.File, name, name)
			}
		case Orphan:
			if p.MarkedAt > 0 {
				fmt.Fprintf(b, "orphan: %s:%d: translates %s, which does not exist (delete it, or restore or rename the source); make build fails on it until then\n", p.Translation.File, p.MarkedAt, translationName(p.Translation.File, lang, r.Source))
			} else if p.BuildErrors > 0 {
				fmt.Fprintf(b, "orphan: %s:1: has no source %s, and make build rejects it as a page of its own (delete it, or restore or rename the source)\n", p.Translation.File, translationName(p.Translation.File, lang, r.Source))
			} else {
				fmt.Fprintf(b, "orphan: %s:1: has no source %s; it is published as a page of its own language until that exists (delete it, or restore or rename the source)\n", p.Translation.File, translationName(p.Translation.File, lang, r.Source))
			}
			if p.Renamed != "" {
				to := translationName(p.Renamed, r.Source, lang)
				what := "the same text"
				if p.RenamedChanged {
					what = "git saw it renamed; its text changed too, so the moved translation will be stale"
				}
				fmt.Fprintf(b, "    renamed: %s is this page's source under a new name (%s): move this file there: git mv %s %s\n", p.Renamed, what, p.Translation.File, to)
				if len(p.LinkedFrom) > 0 {
					fmt.Fprintf(b, "    then point these links to it at %s: %s\n", path.Base(to), strings.Join(p.LinkedFrom, ", "))
				}
			}
		case Stale:
			st := p.Stale
			if st.Recorded == "" {
				fmt.Fprintf(b, "stale: %s:%d: not marked as translated from %s\n", p.Translation.File, st.Line, p.Source.File)
				fmt.Fprintf(b, "    %s\n", markHint(p.Translation.File))
				break
			}
			fmt.Fprintf(b, "stale: %s:%d: translated from an older version of %s\n", p.Translation.File, st.Line, p.Source.File)
			switch {
			case st.Commit != "" && len(st.Changes) == 0:
				fmt.Fprintf(b, "    changed since %s (%s): nothing but white space\n", st.Commit, st.Date)
			case st.Commit != "":
				fmt.Fprintf(b, "    changed since %s (%s): %s\n", st.Commit, st.Date, strings.Join(st.Changes, ", "))
				for _, c := range st.Diff {
					// The part's line in the translation, for an editor to jump to; "was"
					// and "now", not - and +, which a list item's own - would double.
					if c.Line > 0 {
						fmt.Fprintf(b, "    %s:%d: %s:\n", p.Translation.File, c.Line, c.Where)
					} else {
						fmt.Fprintf(b, "    %s:\n", c.Where)
					}
					lines := c.Lines()
					for i := 0; i < len(lines); i++ {
						if l := lines[i]; l.Added || i+1 == len(lines) || !lines[i+1].Added {
							word := "was"
							if l.Added {
								word = "now"
							}
							fmt.Fprintf(b, "      %s: %s\n", word, clipSentence(l.Text))
							continue
						}
						// A sentence and its new form, cut around where they differ.
						was, now := clipPair(lines[i].Text, lines[i+1].Text)
						fmt.Fprintf(b, "      was: %s\n      now: %s\n", was, now)
						i++
					}
				}
				fmt.Fprintf(b, "    the change, word by word: git diff --word-diff %s -- %s\n", st.Commit, p.Source.File)
			default:
				fmt.Fprintf(b, "    %s\n", st.Note)
			}
			fmt.Fprintf(b, "    %s\n", markHint(p.Translation.File))
		}
		for _, pr := range p.Problems {
			if pr.Accepted != "" {
				continue
			}
			// A pending problem is listed as the work it is, with the stale page, and does
			// not fail the check.
			pending := ""
			if pr.Pending {
				pending = "pending: "
			}
			fmt.Fprintf(b, "%s%s: %s, %s: %s\n", pending, pr.Check, p.Key, pr.Where, pr.Message)
			if pr.Check == "accept" {
				// An acceptance is in the translation alone: no line of the source to show.
				fmt.Fprintf(b, "    %s\n", pr.Translation.String())
			} else {
				fmt.Fprintf(b, "    %s\n    %s\n", pr.Source.String(), pr.Translation.String())
			}
			if pr.Pending {
				fmt.Fprintf(b, "    (the source changed here since the translation was marked: fix it with the update)\n")
			}
		}
		for _, pr := range p.Problems {
			if pr.Accepted == "" || r.Quiet {
				continue
			}
			fmt.Fprintf(&accepted, "accepted: %s: %s, %s: %s\n", pr.Check, p.Key, pr.Where, pr.Message)
			fmt.Fprintf(&accepted, "    %s\n    reason: %s\n", pr.Translation.String(), pr.Accepted)
		}
		wrote = wrote || b.Len() > start
	}
	b.WriteString(accepted.String())
	wrote = wrote || accepted.Len() > 0
	if wrote {
		b.WriteString("\n")
	}
}

// renamedFrom is the translation of missing pair p under its source's old name: an orphan
// of its language whose source seems renamed to p's (Pair.Renamed); "" if there is none.
func (r *Report) renamedFrom(p *Pair) string {
	for _, q := range r.Pairs {
		if q.State == Orphan && q.Lang == p.Lang && q.Renamed == p.Source.File {
			return q.Translation.File
		}
	}
	return ""
}

// markHint says how to mark a translation once it says what its source says: the command
// is where the translator looks, at the end of the entry.
func markHint(translation string) string {
	return fmt.Sprintf("once the translation is done: make check ARGS=\"-mark %s\"", translation)
}

// clippedRunes is how much of a sentence a stale entry shows: a terminal's few lines.
const clippedRunes = 300

// clipSentence keeps a sentence of a stale entry to clippedRunes.
func clipSentence(s string) string {
	if utf8.RuneCountInString(s) > clippedRunes {
		return string([]rune(s)[:clippedRunes]) + "…"
	}
	return s
}

// clipPair keeps a sentence and its new form to clippedRunes each, around where they
// differ: cut at the same place from their start, a long sentence changed near its end
// showed the same words twice, "was" and "now" alike.
func clipPair(was, now string) (string, string) {
	w, n := []rune(was), []rune(now)
	if len(w) <= clippedRunes && len(n) <= clippedRunes {
		return was, now
	}
	same := 0 // the runes they start with alike
	for same < len(w) && same < len(n) && w[same] == n[same] {
		same++
	}
	const before = 60 // runes of the words before the change
	from := max(0, same-before)
	clip := func(rs []rune) string {
		out := string(rs[from:min(len(rs), from+clippedRunes)])
		if from > 0 {
			out = "…" + out
		}
		if from+clippedRunes < len(rs) {
			out += "…"
		}
		return out
	}
	return clip(w), clip(n)
}

// String writes a place as a compiler would, with the text found there.
func (l Loc) String() string {
	s := l.Position()
	if l.Text == "" {
		return s + " (not found in this part)"
	}
	return s + " " + strings.Join(strings.Fields(l.Text), " ")
}

// Position is "file:line:", or "file:line:column:" where the column is known.
func (l Loc) Position() string {
	if l.Column > 0 {
		return fmt.Sprintf("%s:%d:%d:", l.File, l.Line, l.Column)
	}
	return fmt.Sprintf("%s:%d:", l.File, l.Line)
}

// translationName is the file of the same page in another language.
func translationName(name, from, to string) string {
	return strings.Replace(name, "content/"+from+"/", "content/"+to+"/", 1)
}
