package serve

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"peacebuilding/internal/check"
	"peacebuilding/internal/config"
	"peacebuilding/internal/sitetest"
)

// The side-by-side view aligns the sections of both languages by heading id, and shows a
// finding of the check under the part it is about; the page itself shows the findings.
func TestPairPageAlignsSectionsAndShowsFindings(t *testing.T) {
	dir := fixture(t)
	// A planted mistake: the Japanese section #elections links to another page.
	edit(t, dir, "content/ja/countries/cambodia.md", "[出典](https://www.mofa.go.jp/)", "[出典](https://www.mofa.go.jp/ja/)")
	srv, err := Start(Options{Root: dir, Addr: "127.0.0.1:0", Poll: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	body := fetch(t, srv.URL()+PairPath+"countries/cambodia")

	// The rows in order: each is a part, with the English and the Japanese text.
	rows := regexp.MustCompile(`(?s)<tr id="([^"]+)" class="part">(.*?)</tr>(\s*<tr class="findings">(.*?)</tr>)?`).FindAllStringSubmatch(body, -1)
	var parts []string
	for _, r := range rows {
		parts = append(parts, r[1])
	}
	// The editor's note last, as the page shows it (an author's trial found it left out,
	// though translators are told to translate it).
	if want := "title summary event 1 figure 1 introduction section #elections correction 1"; strings.Join(parts, " ") != want {
		t.Fatalf("rows %q, want %q", strings.Join(parts, " "), want)
	}
	for _, r := range rows {
		if r[1] == "correction 1" && (!strings.Contains(r[2], "armed clash") || !strings.Contains(r[2], "A misprint.") || !strings.Contains(r[2], "武力衝突") || !strings.Contains(r[2], "誤植。")) {
			t.Errorf("the row of the editor's note does not hold both languages' correction and note:\n%s", r[2])
		}
	}
	for _, r := range rows {
		if r[1] == "section #elections" {
			if !strings.Contains(r[2], "{#elections}") || !strings.Contains(r[2], "## 選挙 {#elections}") {
				t.Errorf("the row of #elections does not hold both languages' section:\n%s", r[2])
			}
			if !strings.Contains(r[4], "a link leads to https://www.mofa.go.jp/ja/ where en links to https://www.mofa.go.jp/") {
				t.Errorf("the planted finding is not under its section:\n%s", r[0])
			}
		} else if strings.Contains(r[4], "a link leads to") {
			t.Errorf("the finding is shown under %s, not its section", r[1])
		}
	}
	page := fetch(t, srv.URL()+"ja/countries/cambodia/")
	if !strings.Contains(page, `class="preview-check"`) || !strings.Contains(page, "a link leads to https://www.mofa.go.jp/ja/") || !strings.Contains(page, PairPath+"countries/cambodia?lang=ja") {
		t.Errorf("the preview's page does not show the check's finding and the link to the side-by-side view")
	}
	// An open finding is listed unfolded, and counted as open.
	if !strings.Contains(page, "<details open><summary>") || !oneOpenFinding(page) {
		t.Errorf("the preview's box does not show its open finding unfolded and counted")
	}
}

// TestPreviewBoxSaysTheTranslationIsMissing: the box on a page that has no translation
// yet says so and how to start it, not "no open finding" (which an author read as done).
func TestPreviewBoxSaysTheTranslationIsMissing(t *testing.T) {
	dir := fixture(t)
	if err := os.Remove(filepath.Join(dir, "content", "ja", "countries", "cambodia.md")); err != nil {
		t.Fatal(err)
	}
	srv, err := Start(Options{Root: dir, Addr: "127.0.0.1:0", Poll: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	page := fetch(t, srv.URL()+"en/countries/cambodia/")
	i := strings.Index(page, `<aside class="preview-check"`)
	if i < 0 {
		t.Fatal("the English page has no check box")
	}
	box := page[i:]
	if !strings.Contains(box, "Check: no ja translation yet") || !strings.Contains(box, `make check ARGS="-new countries/cambodia"`) || strings.Contains(box, "no open finding") {
		t.Errorf("the box of a page without translation does not say so and how to start it:\n%s", box)
	}
}

// The status page names each page of both languages for the side-by-side view, and the
// preview's script links it there.
func TestStatusPageLeadsToSideBySide(t *testing.T) {
	dir := fixture(t)
	srv, err := Start(Options{Root: dir, Addr: "127.0.0.1:0", Poll: time.Hour, Extra: check.StatusPage(os.DirFS(dir), nil, "no history in this test")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	status := fetch(t, srv.URL()+check.StatusPath+"ja/")
	if !strings.Contains(status, `data-pair="countries/cambodia?lang=ja"`) || !strings.Contains(status, `data-pair="/briefing/`+PairPath+`"`) {
		t.Errorf("the preview's status page does not lead to the side-by-side view:\n%s", status)
	}
}

func fetch(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s\n%s", url, resp.Status, data)
	}
	return string(data)
}

// A house style finding is a finding of the preview too: counted as open in the page's
// box, listed there with its file and line, and on the side-by-side page, whose heading
// says that the page needs fixing.
func TestPreviewShowsHouseStyleFindings(t *testing.T) {
	dir := fixture(t)
	if err := os.WriteFile(filepath.Join(dir, "data", "style.toml"), []byte(sitetest.HalfWidthParenthesisStyle), 0o644); err != nil {
		t.Fatal(err)
	}
	edit(t, dir, "content/ja/countries/cambodia.md", "要員1,300人を派遣した。", "要員1,300人を派遣(UNTAC)した。")
	srv, err := Start(Options{Root: dir, Addr: "127.0.0.1:0", Poll: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	page := fetch(t, srv.URL()+"ja/countries/cambodia/")
	if !oneOpenFinding(page) || !strings.Contains(page, "style half-width-parenthesis") ||
		!strings.Contains(page, "content/ja/countries/cambodia.md:22:") {
		t.Errorf("the preview's box does not count and list the house style finding with its line:\n%s", page[strings.Index(page, `<aside class="preview-check"`):])
	}
	pair := fetch(t, srv.URL()+PairPath+"countries/cambodia")
	if !strings.Contains(pair, "(needs fixing, stale; 0 findings to fix, 1 of house style)") || !strings.Contains(pair, "<h2>House style</h2>") {
		t.Errorf("the side-by-side page does not show the house style finding:\n%s", pair)
	}
}

// After a save, the terminal lists the open findings of the saved page, each at its file
// and line, as the page's box shows them.
func TestRebuildPrintsTheSavedPagesFindings(t *testing.T) {
	dir, srv, log := startQuiet(t)
	edit(t, dir, "content/ja/countries/cambodia.md", "[出典](https://www.mofa.go.jp/)", "[出典](https://www.mofa.go.jp/ja/)")
	srv.rebuild([]string{"content/ja/countries/cambodia.md"})
	// The fixture's translation is stale (never marked): its findings say whose they are.
	want := "content/ja/countries/cambodia.md:26: structure: a link leads to https://www.mofa.go.jp/ja/ where en links to https://www.mofa.go.jp/ (stale translation: to update, then mark)"
	if !strings.Contains(log.String(), want) {
		t.Errorf("the terminal after the save:\n%s\nwant a line %q", log.String(), want)
	}
	// A save of another page, which has no finding, prints the rebuild's line alone: not
	// these findings again.
	log.Reset()
	edit(t, dir, "content/en/countries/sudan.md", "+++\n", "+++\n# saved\n")
	srv.rebuild([]string{"content/en/countries/sudan.md"})
	if lines := strings.Split(strings.TrimSpace(log.String()), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], "rebuilt in ") {
		t.Errorf("a save of the Sudan brief printed:\n%s\nwant the rebuild's line alone", log.String())
	}
	// The save that fixes the Cambodia page says so, and that the page, stale, is still to
	// be marked; the next save of it does not again.
	log.Reset()
	edit(t, dir, "content/ja/countries/cambodia.md", "[出典](https://www.mofa.go.jp/ja/)", "[出典](https://www.mofa.go.jp/)")
	srv.rebuild([]string{"content/ja/countries/cambodia.md"})
	if want := "countries/cambodia: no open findings now; still stale: once it says what its source now says, make check ARGS=\"-mark content/ja/countries/cambodia.md\"\n"; !strings.Contains(log.String(), want) {
		t.Errorf("the save that fixed the finding printed:\n%s\nwant a line %q", log.String(), want)
	}
	log.Reset()
	edit(t, dir, "content/ja/countries/cambodia.md", "+++\n", "+++\n\n")
	srv.rebuild([]string{"content/ja/countries/cambodia.md"})
	if strings.Contains(log.String(), "no open findings") {
		t.Errorf("a save after the fix printed:\n%s\nwant no word of it", log.String())
	}
}

// A save of the English that leaves its translation stale says so once, in the terminal
// and in the boxes of both pages: an author's trial saw "no open finding" in a green box
// and nothing in the terminal, and did not learn that the Japanese page was now behind.
func TestSourceSaveSaysTheTranslationIsStale(t *testing.T) {
	dir, srv, log := startQuiet(t)
	const en = "content/en/countries/cambodia.md"
	edit(t, dir, en, "+++\n", "+++\n# saved\n")
	srv.rebuild([]string{en})
	want := `countries/cambodia: content/ja/countries/cambodia.md is stale now: its translator updates it to what the source says, then marks it (make check ARGS="-mark content/ja/countries/cambodia.md")`
	if !strings.Contains(log.String(), want) {
		t.Errorf("a save of the English printed:\n%s\nwant a line %q", log.String(), want)
	}
	log.Reset()
	edit(t, dir, en, "# saved\n", "# saved again\n")
	srv.rebuild([]string{en})
	if strings.Contains(log.String(), "stale now") {
		t.Errorf("the next save of the English printed:\n%s\nwant no second word of it", log.String())
	}
	// Marked, and then stale again by another edit of the English: said again.
	cfg, err := config.Load(os.DirFS(dir), "config.toml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := check.Mark(dir, filepath.Join(dir, "content/ja/countries/cambodia.md"), cfg); err != nil {
		t.Fatal(err)
	}
	srv.rebuild([]string{"content/ja/countries/cambodia.md"})
	log.Reset()
	edit(t, dir, en, "Japan had sent", "Japan had already sent")
	srv.rebuild([]string{en})
	if !strings.Contains(log.String(), want) {
		t.Errorf("a save of the English after the translation was marked printed:\n%s\nwant again %q", log.String(), want)
	}
	for _, url := range []string{"en/countries/cambodia/", "ja/countries/cambodia/"} {
		page := fetch(t, srv.URL()+url)
		if !strings.Contains(page, "; the ja translation is stale: its source changed since it was marked</strong>") || !strings.Contains(page, `<aside class="preview-check" data-state="todo"`) {
			t.Errorf("%s: the preview's box does not say, in amber, that the translation is stale:\n%s", url, page[strings.Index(page, `<aside class="preview-check"`):])
		}
	}
}

// A save that fixes a broken build says so: the count of changed files alone (often 0)
// did not tell that the error pages were gone.
func TestRebuildSaysTheErrorsAreFixed(t *testing.T) {
	dir, srv, log := startQuiet(t)
	file := "content/en/countries/sudan.md"
	edit(t, dir, file, `region = "africa"`, `region = "nowhere"`)
	srv.rebuild([]string{file})
	if !strings.Contains(log.String(), "build failed in ") {
		t.Fatalf("a broken save printed:\n%s\nwant the build's failure", log.String())
	}
	log.Reset()
	edit(t, dir, file, `region = "nowhere"`, `region = "africa"`)
	srv.rebuild([]string{file})
	if got := log.String(); !strings.Contains(got, ": the errors are fixed, the pages show the site again\n") {
		t.Errorf("the save that fixed it printed:\n%s\nwant a line saying the errors are fixed", got)
	}
	log.Reset()
	edit(t, dir, file, "+++\n", "+++\n# saved\n")
	srv.rebuild([]string{file})
	if got := log.String(); strings.Contains(got, "fixed") {
		t.Errorf("a save after the fix printed:\n%s\nwant no word of a fix", got)
	}
}

// A save prints the warnings when they change, and the save that leaves none says so:
// an author who fixed a figure saw only "rebuilt" and could not tell.
func TestRebuildSaysTheWarningsAreGone(t *testing.T) {
	dir, srv, log := startQuiet(t)
	file := "content/en/countries/cambodia.md"
	edit(t, dir, file, "value = 1300", "value = 1400")
	srv.rebuild([]string{file})
	if got := log.String(); !strings.Contains(got, "warning: content/en/countries/cambodia.md:22: figure 1 (Personnel sent to UNTAC): its value 1400 is not in the page's text") {
		t.Fatalf("a save that left a figure out of its text printed:\n%s\nwant its warning", got)
	}
	log.Reset()
	edit(t, dir, file, "value = 1400", "value = 1300")
	srv.rebuild([]string{file})
	if got := log.String(); !strings.Contains(got, "no warnings now\n") {
		t.Errorf("the save that fixed it printed:\n%s\nwant a line saying no warnings are left", got)
	}
	log.Reset()
	edit(t, dir, file, "+++\n", "+++\n# saved\n")
	srv.rebuild([]string{file})
	if got := log.String(); strings.Contains(got, "warning") {
		t.Errorf("a save after the fix printed:\n%s\nwant no word of warnings", got)
	}
}

// startQuiet starts a preview of a fixture that does not watch (the test calls rebuild
// itself) and returns its folder, the server and what it prints.
func startQuiet(t *testing.T) (string, *Server, *strings.Builder) {
	t.Helper()
	dir := fixture(t)
	log := &strings.Builder{}
	srv, err := Start(Options{Root: dir, Addr: "127.0.0.1:0", Poll: time.Hour, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return dir, srv, log
}

// oneOpenFinding reports whether the preview's box in page counts one open finding, in the
// singular.
func oneOpenFinding(page string) bool {
	return strings.Contains(page, "Check: 1 open finding") && !strings.Contains(page, "1 open findings")
}

// A stale page's side-by-side view shows what changed in the source at each part, with
// the line of the translation to update, and the command that marks it done: a
// translator's trial found only "(stale; 0 findings to fix)" there, the changes being in
// make check and on the status page alone.
func TestPairShowsWhatChanged(t *testing.T) {
	ch := check.Change{Where: `section "Aid" (#aid) (added)`, Added: []string{"## Aid {#aid}", "Japan gave aid."}, Line: 12}
	data := pairData{
		Pair: &check.Pair{Key: "countries/cambodia", State: check.Stale,
			Translation: &check.Doc{File: "content/ja/countries/cambodia.md"},
			Stale:       &check.Staleness{Recorded: "a", Current: "b", Commit: "abc1234567", Date: "2007-01-15", Diff: []check.Change{ch}}},
		Rows:   []check.Row{{Where: "introduction", Source: "Intro.", Trans: "はじめに。", SLine: 5, TLine: 5}, {Where: "section #aid", Source: "## Aid {#aid}\n\nJapan gave aid.", SLine: 9, MissingInTransl: true}},
		Source: "en", Lang: "ja",
	}
	var b strings.Builder
	if err := pairPage.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		"changed since the translation was marked (abc1234567, 2007-01-15)",
		`make check ARGS="-mark content/ja/countries/cambodia.md"`,
		"(the ja text to update: line 12)",
		"<ins>Japan gave aid.</ins>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the side-by-side view lacks %q:\n%s", want, page)
		}
	}
	if strings.Count(page, `<div class="change">`) != 1 {
		t.Errorf("the change is shown %d times, want once, at its part", strings.Count(page, `<div class="change">`))
	}
	// A change that no row shows (a key fact) is listed at the top, not lost.
	data.Pair.Stale.Diff = append(data.Pair.Stale.Diff, check.Change{Where: "facts.capital", Removed: []string{"Phnom Penh"}, Added: []string{"Phnom-Penh"}})
	b.Reset()
	if err := pairPage.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	_, top, _ := strings.Cut(b.String(), `<div class="change-page">`)
	top, _, _ = strings.Cut(top, "</div>")
	if !strings.Contains(top, "<strong>facts.capital</strong>") || !strings.Contains(top, "<del>Phnom Penh</del>") || strings.Contains(top, "Japan gave aid") {
		t.Errorf("the change no row shows is not listed at the top, alone:\n%s", top)
	}
}

// The preview reads the project's history when it is given one, as make check does: the
// side-by-side view of a page whose English changed since its translation was marked
// shows the change at its part. The preview had read none, and showed only "stale".
func TestPreviewReadsTheHistory(t *testing.T) {
	dir := fixture(t)
	git := sitetest.Git(t, dir)
	git("init", "-q")
	in, err := check.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := check.Mark(dir, filepath.Join(dir, "content/ja/countries/cambodia.md"), in.Config); err != nil {
		t.Fatal(err)
	}
	git("add", ".")
	git("commit", "-q", "-m", "translated")
	edit(t, dir, "content/en/countries/cambodia.md", "Japan had sent\n1,300 personnel.", "Japan, a leading donor, had sent\n1,300 personnel.")
	git("commit", "-q", "-am", "English changed")
	history, why := check.NewGit(dir)
	if history == nil {
		t.Fatalf("no history: %s", why)
	}
	srv, err := Start(Options{Root: dir, Addr: "127.0.0.1:0", Poll: time.Hour, Log: io.Discard, History: history})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	pair := fetch(t, srv.URL()+PairPath+"countries/cambodia")
	// The change's box, not the English column, which has the new text anyway.
	_, box, _ := strings.Cut(pair, `<div class="change">`)
	box, _, _ = strings.Cut(box, "</div>")
	if !strings.Contains(box, "<del>") || !strings.Contains(box, "a leading donor") {
		t.Errorf("the side-by-side view of the stale page does not show what changed:\n%s", pair)
	}
}
