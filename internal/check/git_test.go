package check

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"peacebuilding/internal/content"
)

// requireGit skips a test without git, unless REQUIRE_TOOLS is set (as in CI), where a
// missing tool is a failure.
func requireGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("REQUIRE_TOOLS") != "" {
			t.Fatal("git not found, and REQUIRE_TOOLS is set")
		}
		t.Skip("git not found")
	}
}

// gitRepo makes a repository in a temporary folder whose commits have fixed dates.
func gitRepo(t *testing.T) (dir string, git func(args ...string) string) {
	t.Helper()
	requireGit(t)
	dir = t.TempDir()
	git = func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(),
			"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.org",
			"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.org",
			"GIT_AUTHOR_DATE=2007-01-15T12:00:00Z", "GIT_COMMITTER_DATE=2007-01-15T12:00:00Z",
			"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	return dir, git
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// twoLanguages is the config.toml of the test projects: English and Japanese.
const twoLanguages = "baseURL = \"https://example.org/\"\ndefaultLanguage = \"en\"\nasOf = \"2007\"\n[languages.en]\nname = \"English\"\ntitle = \"T\"\nweight = 1\n[languages.ja]\nname = \"日本語\"\ntitle = \"T\"\nweight = 2\n"

// commitMarked writes a project in English and Japanese into root, in a repository, with
// en and ja as its Cambodia briefs, marks the translation and commits it.
func commitMarked(t *testing.T, git func(args ...string) string, root, en, ja string) {
	t.Helper()
	writeFiles(t, root, map[string]string{
		"config.toml":                      twoLanguages,
		"content/en/countries/cambodia.md": en,
		"content/ja/countries/cambodia.md": ja,
	})
	in, err := Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Mark(root, filepath.Join(root, "content/ja/countries/cambodia.md"), in.Config); err != nil {
		t.Fatal(err)
	}
	git("add", ".")
	git("commit", "-q", "-m", "translated")
}

// TestGitHistoryShowsChangedSections commits a source and its marked translation, then
// changes a section of the source, and checks that the report finds the commit the
// translation was made from and names the changed section, and dates both files.
func TestGitHistoryShowsChangedSections(t *testing.T) {
	dir, git := gitRepo(t)
	// The project is a sub-folder of the repository, as it may be.
	root := filepath.Join(dir, "site")
	commitMarked(t, git, root,
		"+++\ntitle = \"Cambodia\"\nsummary = \"S.\"\n+++\n\nIntro.\n\n## Peace process {#peace-process}\n\nTokyo, June 1990.\n\n## Small arms {#small-arms}\n\nCollected.\n",
		"+++\ntitle = \"カンボジア\"\nsummary = \"要約。\"\n+++\n\nはじめに。\n\n## 和平 {#peace-process}\n\n東京、1990年6月。\n\n## 小型武器 {#small-arms}\n\n回収。\n")
	marked := git("rev-parse", "HEAD")
	writeFiles(t, root, map[string]string{
		"content/en/countries/cambodia.md": "+++\ntitle = \"Cambodia\"\nsummary = \"S.\"\n+++\n\nThe intro.\n\n## Peace process {#peace-process}\n\nTokyo,   June 1990.\n\n## Aid {#aid}\n\nJapan gave aid.\n\n## Small arms {#small-arms}\n\nCollected and destroyed.\n",
	})
	git("commit", "-q", "-am", "English changed")

	h, why := NewGit(root)
	if h == nil {
		t.Fatalf("NewGit(%s) = nil, %q", root, why)
	}
	in, err := Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	in.History = h
	p := Run(in).Lookup("countries/cambodia", "ja")
	if p == nil || p.State != Stale || p.Stale == nil {
		t.Fatalf("pair = %+v, want stale", p)
	}
	st := p.Stale
	if st.Commit != marked[:10] || st.Date != "2007-01-15" || st.Note != "" {
		t.Errorf("stale since %q (%s), note %q; want %q (2007-01-15)", st.Commit, st.Date, st.Note, marked[:10])
	}
	if want := []string{"introduction", `section "Aid" (#aid) (added)`, `section "Small arms" (#small-arms)`}; !slices.Equal(st.Changes, want) {
		t.Errorf("changes = %q, want %q", st.Changes, want)
	}
	// Each change points at the translation's paragraph to update: the introduction's
	// first, not the blank line after the front matter; an added section, with its text,
	// at the heading it goes before.
	ja, err := os.ReadFile(filepath.Join(root, "content/ja/countries/cambodia.md"))
	if err != nil {
		t.Fatal(err)
	}
	lineOf := func(text string) int {
		return slices.Index(strings.Split(string(ja), "\n"), text) + 1
	}
	want := []int{lineOf("はじめに。"), lineOf("## 小型武器 {#small-arms}"), lineOf("回収。")}
	var got []int
	for _, c := range st.Diff {
		got = append(got, c.Line)
	}
	if !slices.Equal(got, want) || slices.Contains(want, 0) {
		t.Errorf("the changes are at lines %v of the translation, want %v", got, want)
	}
	if i := slices.IndexFunc(st.Diff, func(c Change) bool { return strings.HasSuffix(c.Where, "(added)") }); i < 0 || !slices.Equal(st.Diff[i].Added, []string{"## Aid {#aid}", "Japan gave aid."}) {
		t.Errorf("the added section's change does not give its text: %+v", st.Diff)
	}
	if p.Source.LastChange != "2007-01-15" || p.Translation.LastChange != "2007-01-15" {
		t.Errorf("last changes %q and %q, want the commit dates", p.Source.LastChange, p.Translation.LastChange)
	}
	// The side-by-side view finds each change at its row: every change at one row, none
	// at the section whose text changed only in its spaces.
	var src, tr *content.File
	for _, f := range in.Files {
		switch f.Name {
		case "content/en/countries/cambodia.md":
			src = f
		case "content/ja/countries/cambodia.md":
			tr = f
		}
	}
	shown := 0
	for _, r := range Align(p, src, tr) {
		n := len(st.DiffAt(r.Where))
		shown += n
		if r.Where == "section #peace-process" && n > 0 {
			t.Errorf("the side-by-side view shows a change at %s, whose text changed only in its spaces", r.Where)
		}
	}
	if shown != len(st.Diff) {
		t.Errorf("the side-by-side view shows %d of the %d changes at their rows", shown, len(st.Diff))
	}
}

// TestStaleChangesArePendingNotFailures commits a marked translation, then changes a
// number in one section of the source (as an English author does) and, in another, the
// translation: the number the source changed is a pending problem of the stale page,
// which does not fail the check, and the one in the unchanged section still fails it.
func TestStaleChangesArePendingNotFailures(t *testing.T) {
	dir, git := gitRepo(t)
	en := "+++\ntitle = \"Cambodia\"\nsummary = \"S.\"\n+++\n\nIntro.\n\n## Peace process {#peace-process}\n\nTokyo, June 1990.\n\n## Small arms {#small-arms}\n\nOver 25,000 weapons were collected.\n"
	ja := "+++\ntitle = \"カンボジア\"\nsummary = \"要約。\"\n+++\n\nはじめに。\n\n## 和平 {#peace-process}\n\n東京、1990年6月。\n\n## 小型武器 {#small-arms}\n\n2万5,000丁を超える武器が回収された。\n"
	commitMarked(t, git, dir, en, ja)
	run := func() *Report { return runWithGit(t, dir) }
	if r := run(); r.Failed(false) {
		t.Fatalf("the marked translation fails the check: %q", r.Why(false))
	}

	writeFiles(t, dir, map[string]string{"content/en/countries/cambodia.md": strings.Replace(en, "25,000", "26,000", 1)})
	git("commit", "-q", "-am", "English changed")
	r := run()
	p := r.Lookup("countries/cambodia", "ja")
	if p == nil || p.State != Stale || p.Pending() != 1 || p.Open() != 0 {
		t.Fatalf("after the English edit: %+v, want stale with 1 pending and 0 open problems", p)
	}
	if pr := p.Problems[0]; pr.Where != "section #small-arms" || !pr.Pending {
		t.Errorf("problem %+v, want pending in section #small-arms", pr)
	}
	if r.Failed(false) {
		t.Errorf("an English edit fails the check: %q", r.Why(false))
	}
	var text strings.Builder
	r.WriteText(&text)
	if !strings.Contains(text.String(), "pending: figure: countries/cambodia, section #small-arms") || !strings.Contains(text.String(), "1 pending") {
		t.Errorf("the report does not list the pending problem:\n%s", text.String())
	}
	// The table's row counts it too: a translator scanning the column sees the work.
	if !regexp.MustCompile(`(?m)^countries/cambodia +stale .* 0 \+1 pending `).MatchString(text.String()) {
		t.Errorf("the table's row does not count the pending problem:\n%s", text.String())
	}

	// A mismatch in a part of the source that did not change is the translator's, and
	// fails the check as before.
	marked, err := os.ReadFile(filepath.Join(dir, "content/ja/countries/cambodia.md"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"content/ja/countries/cambodia.md": strings.Replace(string(marked), "1990年6月", "1991年6月", 1)})
	p = run().Lookup("countries/cambodia", "ja")
	if p == nil || p.Pending() != 1 || p.Open() != 1 {
		t.Fatalf("with a mismatch in an unchanged section: %+v, want 1 pending and 1 open", p)
	}
}

// TestStaleEventCounts: the build lets a stale translation whose events' count differs
// from its source's through, showing the source's events; the check says which side
// changed. The source's added event is pending (it goes with the translation's update);
// an event the translator dropped, in a page made stale by an edit elsewhere, fails.
func TestStaleEventCounts(t *testing.T) {
	dir, git := gitRepo(t)
	event := func(date, text string) string {
		return "[[events]]\ndate = \"" + date + "\"\ntext = \"" + text + "\"\n"
	}
	en := "+++\ntitle = \"Cambodia\"\nsummary = \"S.\"\n" + event("1990-06", "Tokyo meeting.") + event("1991-10", "Paris agreements.") + "+++\n\nIntro.\n"
	ja := "+++\ntitle = \"カンボジア\"\nsummary = \"要約。\"\n[[events]]\ntext = \"東京会議。\"\n[[events]]\ntext = \"パリ協定。\"\n+++\n\nはじめに。\n"
	commitMarked(t, git, dir, en, ja)
	marked, err := os.ReadFile(filepath.Join(dir, "content/ja/countries/cambodia.md"))
	if err != nil {
		t.Fatal(err)
	}
	countProblem := func(p *Pair) *Problem {
		for i := range p.Problems {
			if p.Problems[i].Where == "events" {
				return &p.Problems[i]
			}
		}
		return nil
	}

	// The English author adds an event.
	writeFiles(t, dir, map[string]string{"content/en/countries/cambodia.md": strings.Replace(en, "+++\n\nIntro.", event("1992-03", "UNTAC.")+"+++\n\nIntro.", 1)})
	git("commit", "-q", "-am", "English event added")
	p := runWithGit(t, dir).Lookup("countries/cambodia", "ja")
	if p == nil || p.State != Stale {
		t.Fatalf("after the English event: %+v, want stale", p)
	}
	if pr := countProblem(p); pr == nil || !pr.Pending || !strings.Contains(pr.Message, "3 [[events]] in en, 2 in ja") {
		t.Errorf("after the English event, the count problem is %+v, want a pending 3 against 2", pr)
	}

	// Back to two English events, changed in their body only; the translator drops one.
	writeFiles(t, dir, map[string]string{
		"content/en/countries/cambodia.md": strings.Replace(en, "Intro.", "Intro, changed.", 1),
		"content/ja/countries/cambodia.md": strings.Replace(string(marked), "[[events]]\ntext = \"パリ協定。\"\n", "", 1),
	})
	git("commit", "-q", "-am", "English text changed, a Japanese event dropped")
	r := runWithGit(t, dir)
	p = r.Lookup("countries/cambodia", "ja")
	if pr := countProblem(p); pr == nil || pr.Pending || !strings.Contains(pr.Message, "2 [[events]] in en, 1 in ja") {
		t.Errorf("with a Japanese event dropped, the count problem is %+v, want an open 2 against 1", pr)
	}
	if !r.Failed(false) {
		t.Error("a dropped event in a stale translation does not fail the check")
	}
}

func TestNoGitRepository(t *testing.T) {
	requireGit(t)
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	if h, why := NewGit(dir); h != nil || why != "not a git repository" {
		t.Errorf("NewGit(%s) = %v, %q; want nil, \"not a git repository\"", dir, h, why)
	}
}

// TestGitLogsAttributesEachCommitToItsFiles reads the log of several files of a project in a
// sub-folder with one command: each file gets the commits that changed it, newest first.
func TestGitLogsAttributesEachCommitToItsFiles(t *testing.T) {
	dir, git := gitRepo(t)
	root := filepath.Join(dir, "site")
	writeFiles(t, root, map[string]string{"content/en/a.md": "a1", "content/en/b.md": "b1"})
	git("add", ".")
	git("commit", "-q", "-m", "both")
	both := git("rev-parse", "HEAD")
	writeFiles(t, root, map[string]string{"content/en/a.md": "a2"})
	git("commit", "-q", "-am", "a")
	onlyA := git("rev-parse", "HEAD")
	writeFiles(t, root, map[string]string{"content/en/b.md": "b2", "content/en/c.md": "never committed"})
	git("commit", "-q", "-am", "b")
	onlyB := git("rev-parse", "HEAD")

	h, why := NewGit(root)
	if h == nil {
		t.Fatalf("NewGit(%s) = nil, %q", root, why)
	}
	logs, err := h.Logs([]string{"content/en/a.md", "content/en/b.md", "content/en/c.md"})
	if err != nil {
		t.Fatal(err)
	}
	hashes := func(cs []Commit) []string {
		var out []string
		for _, c := range cs {
			if c.Date != "2007-01-15" {
				t.Errorf("commit %s dated %q, want 2007-01-15", c.Hash, c.Date)
			}
			out = append(out, c.Hash)
		}
		return out
	}
	for name, want := range map[string][]string{"content/en/a.md": {onlyA, both}, "content/en/b.md": {onlyB, both}} {
		if got := hashes(logs[name]); !slices.Equal(got, want) {
			t.Errorf("Logs: %s has commits %q, want %q", name, got, want)
		}
	}
	if _, ok := logs["content/en/c.md"]; ok || len(logs) != 2 {
		t.Errorf("Logs gave %d files (%v), want a.md and b.md only", len(logs), logs)
	}
}

// TestGitLogsNameTheFilesOfAMerge merges two branches that both edited a file: the merged
// version is in no other commit, so the merge commit must be among the file's commits, or a
// translation marked after the merge would never find the version it was made from.
func TestGitLogsNameTheFilesOfAMerge(t *testing.T) {
	dir, git := gitRepo(t)
	writeFiles(t, dir, map[string]string{"content/en/a.md": "one\ntwo\nthree\nfour\nfive\n"})
	git("add", ".")
	git("commit", "-q", "-m", "first")
	main := git("rev-parse", "--abbrev-ref", "HEAD")
	git("checkout", "-q", "-b", "side")
	writeFiles(t, dir, map[string]string{"content/en/a.md": "one, edited on the side\ntwo\nthree\nfour\nfive\n"})
	git("commit", "-q", "-am", "side")
	git("checkout", "-q", main)
	writeFiles(t, dir, map[string]string{"content/en/a.md": "one\ntwo\nthree\nfour\nfive, edited on main\n"})
	git("commit", "-q", "-am", "main")
	git("merge", "-q", "--no-edit", "side")
	merge := git("rev-parse", "HEAD")

	h, why := NewGit(dir)
	if h == nil {
		t.Fatalf("NewGit(%s) = nil, %q", dir, why)
	}
	logs, err := h.Logs([]string{"content/en/a.md"})
	if err != nil {
		t.Fatal(err)
	}
	commits := logs["content/en/a.md"]
	if len(commits) != 4 || commits[0].Hash != merge {
		t.Fatalf("Logs: content/en/a.md has commits %v, want 4, the merge %s first", commits, merge)
	}
	data, err := h.Show(commits[0], "content/en/a.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := "one, edited on the side\ntwo\nthree\nfour\nfive, edited on main\n"; string(data) != want {
		t.Errorf("Show(merge) = %q, want the merged version %q", data, want)
	}
}

// TestRenameWithEditsIsHinted renames and edits a source in one commit: its translation
// is an orphan and the new name a missing page, and the report names the new name from
// git's rename, saying that the moved translation will be stale.
func TestRenameWithEditsIsHinted(t *testing.T) {
	dir, git := gitRepo(t)
	writeFiles(t, dir, map[string]string{
		"config.toml":                      twoLanguages,
		"content/en/countries/cambodia.md": "+++\ntitle = \"Cambodia\"\nsummary = \"S.\"\n+++\n\nIntro, a paragraph long enough for git to see the file again after the rename.\n\n## Peace process {#peace-process}\n\nTokyo, June 1990. The meeting gave the parties a venue for dialogue.\n",
		"content/ja/countries/cambodia.md": "+++\ntitle = \"カンボジア\"\nsummary = \"要約。\"\n+++\n\nはじめに。\n\n## 和平 {#peace-process}\n\n東京、1990年6月。\n",
		"content/en/countries/sudan.md":    "+++\ntitle = \"Sudan\"\nsummary = \"S.\"\n+++\n\nSudan.\n",
		"content/ja/countries/sudan.md":    "+++\ntitle = \"スーダン\"\nsummary = \"要約。\"\n+++\n\nスーダン。[カンボジア](cambodia.md#peace-process)も参照。\n",
	})
	git("add", ".")
	git("commit", "-q", "-m", "translated")
	git("mv", "content/en/countries/cambodia.md", "content/en/countries/kingdom-of-cambodia.md")
	writeFiles(t, dir, map[string]string{
		"content/en/countries/kingdom-of-cambodia.md": "+++\ntitle = \"Cambodia\"\nsummary = \"S.\"\n+++\n\nIntro, a paragraph long enough for git to see the file again after the rename.\n\n## Peace process {#peace-process}\n\nTokyo, June 1990. The meeting gave the parties a venue for talks.\n",
	})
	git("commit", "-q", "-am", "renamed and edited")

	rep := runWithGit(t, dir)
	p := rep.Lookup("countries/cambodia", "ja")
	if p == nil || p.State != Orphan {
		t.Fatalf("pair = %+v, want an orphan", p)
	}
	if p.Renamed != "content/en/countries/kingdom-of-cambodia.md" || !p.RenamedChanged {
		t.Errorf("renamed %q (changed %v), want content/en/countries/kingdom-of-cambodia.md, changed", p.Renamed, p.RenamedChanged)
	}
	var b strings.Builder
	rep.WriteText(&b)
	if want := "git mv content/ja/countries/cambodia.md content/ja/countries/kingdom-of-cambodia.md"; !strings.Contains(b.String(), want) || !strings.Contains(b.String(), "will be stale") {
		t.Errorf("the report lacks the hint %q, saying the page will be stale:\n%s", want, b.String())
	}
	// The links of the other translations to the old name, which the move breaks.
	if want := "then point these links to it at kingdom-of-cambodia.md: content/ja/countries/sudan.md:6"; !strings.Contains(b.String(), want) {
		t.Errorf("the report lacks the links to the old name, %q:\n%s", want, b.String())
	}
}

// The parts of a problem that a change of the source covers: the same front matter field
// or item, the section of the same id, and a body or its headings compared whole when any
// section changed; not a file's own typo (a heading id Markdown does not read), nor a
// part that did not change.
func TestStaleChangedParts(t *testing.T) {
	st := &Staleness{Changes: []string{"summary", "event 3", `section "Small arms" (#small-arms)`, "figure 2 (added)"}}
	for where, want := range map[string]bool{
		"summary": true, "event 3": true, "figure 2": true, "section #small-arms": true,
		"body": true, "headings": true,
		"title": false, "event 2": false, "section #peace-process": false, "heading": false, "link": false,
	} {
		if got := st.changed(where); got != want {
			t.Errorf("changed(%q) = %v, want %v", where, got, want)
		}
	}
	if (*Staleness)(nil).changed("summary") {
		t.Error("a page that is not stale has changed parts")
	}
	// An item added or removed moves the items after it: their findings go with the
	// update too (an event inserted first and the last removed keep the count).
	moved := &Staleness{Changes: []string{"event 2 (added)", "event 4 (removed)", "figure 1"}}
	for where, want := range map[string]bool{
		"event 1": false, "event 2": true, "event 3": true, "event 5": true,
		"figure 1": true, "figure 2": false, "correction 3": false,
	} {
		if got := moved.changed(where); got != want {
			t.Errorf("with an event added and one removed: changed(%q) = %v, want %v", where, got, want)
		}
	}
}

// runWithGit checks the project in dir with its git history.
func runWithGit(t *testing.T, dir string) *Report {
	t.Helper()
	h, why := NewGit(dir)
	if h == nil {
		t.Fatalf("NewGit = nil, %q", why)
	}
	in, err := Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	in.History = h
	return Run(in)
}
