package check

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"peacebuilding/internal/content"
	"peacebuilding/internal/site"
	"peacebuilding/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the report sections of testdata/check/*.txtar")

// TestFixtureReports runs the check over each testdata/check/*.txtar site and compares
// the text report with the archive's "report" section (and the JSON report with its
// "report.json" section, if it has one). go test ./internal/check -update rewrites them.
func TestFixtureReports(t *testing.T) {
	archives, _ := filepath.Glob(filepath.Join(sitetest.RepoRoot(), "testdata", "check", "*.txtar"))
	if len(archives) == 0 {
		t.Fatal("no archives in testdata/check")
	}
	for _, path := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			a := sitetest.ParseArchive(string(data))
			rep := runArchive(t, a)
			var text, js bytes.Buffer
			if err := rep.WriteText(&text); err != nil {
				t.Fatal(err)
			}
			if err := rep.WriteJSON(&js); err != nil {
				t.Fatal(err)
			}
			got := map[string]string{"report": text.String(), "report.json": js.String()}
			changed := false
			for i, f := range a.Files {
				want, ok := got[f.Name]
				switch {
				case !ok:
					continue
				case *update:
					changed = changed || a.Files[i].Data != want
					a.Files[i].Data = want
				case f.Data != want:
					t.Errorf("%s: %s differs (go test ./internal/check -update rewrites it)\n--- got\n%s--- want\n%s", filepath.Base(path), f.Name, want, f.Data)
				}
			}
			if changed {
				if err := os.WriteFile(path, []byte(a.Format()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// runArchive checks the site of an archive. Sections "git COMMIT DATE FILE" make a fake
// history; in translations, source_hash "@current" becomes the current source's hash and
// "@git:COMMIT" the hash of the source in that commit.
func runArchive(t *testing.T, a sitetest.Archive) *Report {
	t.Helper()
	fsys := fstest.MapFS{}
	h := &fakeHistory{}
	for _, f := range a.Files {
		if fields := strings.Fields(f.Name); len(fields) == 4 && fields[0] == "git" {
			h.commits = append(h.commits, fakeCommit{Commit{fields[1], fields[2]}, fields[3], f.Data})
			continue
		}
		if strings.HasPrefix(f.Name, "report") {
			continue
		}
		fsys[f.Name] = &fstest.MapFile{Data: []byte(f.Data)}
	}
	for name, f := range fsys {
		src, ok := sourceOf(name)
		if !ok || fsys[src] == nil {
			continue
		}
		text := string(f.Data)
		text = strings.ReplaceAll(text, `"@current"`, `"`+hashOf(t, src, fsys[src].Data)+`"`)
		for _, c := range h.commits {
			if ph := `"@git:` + c.Hash + `"`; c.file == src && strings.Contains(text, ph) {
				text = strings.ReplaceAll(text, ph, `"`+hashOf(t, src, []byte(c.data))+`"`)
			}
		}
		f.Data = []byte(text)
	}
	in, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.commits) > 0 {
		in.History = h
	} else {
		in.NoHistory = "not a git repository"
	}
	return Run(in)
}

// sourceOf maps content/ja/x.md to content/en/x.md.
func sourceOf(name string) (string, bool) {
	rest, ok := strings.CutPrefix(name, "content/ja/")
	return "content/en/" + rest, ok
}

func hashOf(t *testing.T, name string, data []byte) string {
	t.Helper()
	f := &content.File{Name: name, Lang: "en"}
	if err := content.Parse(f, data); err != nil {
		t.Fatal(err)
	}
	return content.SourceHash(f)
}

type fakeCommit struct {
	Commit
	file, data string
}

// fakeHistory is a git history written in a test archive, newest commit first.
type fakeHistory struct{ commits []fakeCommit }

func (h *fakeHistory) Name() string { return "git" }

func (h *fakeHistory) Logs(names []string) (map[string][]Commit, error) {
	logs := map[string][]Commit{}
	for _, c := range h.commits {
		if slices.Contains(names, c.file) {
			logs[c.file] = append(logs[c.file], c.Commit)
		}
	}
	return logs, nil
}

func (h *fakeHistory) Show(c Commit, name string) ([]byte, error) {
	for _, fc := range h.commits {
		if fc.Hash == c.Hash && fc.file == name {
			return []byte(fc.data), nil
		}
	}
	return nil, errors.New("not in this commit")
}

func TestFailedOnOrphansAndMismatchesOnly(t *testing.T) {
	pair := func(s State, problems int) *Pair {
		return &Pair{Key: "k", Lang: "ja", State: s, Problems: make([]Problem, problems)}
	}
	tests := []struct {
		name   string
		pairs  []*Pair
		strict bool
		want   bool
	}{
		{"all ok", []*Pair{pair(OK, 0)}, false, false},
		{"missing is work, not an error", []*Pair{pair(OK, 0), pair(Missing, 0)}, false, false},
		{"stale is work, not an error", []*Pair{pair(Stale, 0)}, false, false},
		{"orphan fails", []*Pair{pair(OK, 0), pair(Orphan, 0)}, false, true},
		{"a mismatch fails", []*Pair{pair(OK, 1)}, false, true},
		{"a mismatch on a stale page fails", []*Pair{pair(Stale, 2)}, false, true},
		{"strict: missing fails", []*Pair{pair(Missing, 0)}, true, true},
		{"strict: stale fails", []*Pair{pair(Stale, 0)}, true, true},
		{"strict: ok passes", []*Pair{pair(OK, 0)}, true, false},
	}
	for _, tt := range tests {
		r := &Report{Pairs: tt.pairs}
		if got := r.Failed(tt.strict); got != tt.want {
			t.Errorf("%s: Failed(%v) = %v, want %v", tt.name, tt.strict, got, tt.want)
		}
	}
	r := &Report{Pairs: []*Pair{pair(OK, 0)}, Build: []string{"content/ja/x.md:2: region is ..."}}
	if !r.Failed(false) {
		t.Error("a build error does not fail the check")
	}
}

func TestWhySaysWhatFails(t *testing.T) {
	r := &Report{
		Pairs: []*Pair{
			{Key: "a", Lang: "ja", State: Orphan},
			{Key: "b", Lang: "ja", State: Stale, Problems: make([]Problem, 2)},
			{Key: "c", Lang: "ja", State: Missing},
			{Key: "d", Lang: "ja", State: OK},
		},
		Build: []string{"e1"},
	}
	if got, want := strings.Join(r.Why(false), ", "), "1 orphan, 2 mismatches, 1 build error"; got != want {
		t.Errorf("Why(false) = %q, want %q", got, want)
	}
	if got, want := strings.Join(r.Why(true), ", "), "1 missing, 1 orphan, 1 stale, 2 mismatches, 1 build error"; got != want {
		t.Errorf("Why(true) = %q, want %q", got, want)
	}
	if why := (&Report{Pairs: []*Pair{{Key: "d", Lang: "ja", State: OK}}}).Why(true); len(why) > 0 {
		t.Errorf("Why of a passing report = %q", why)
	}
}

// An orphan is the check's own finding: the build's error that its source is missing is
// not repeated under it, and its other errors are.
func TestOrphanIsNotReportedTwice(t *testing.T) {
	r := &Report{Source: "en", Pairs: []*Pair{
		{Key: "countries/foo", Lang: "ja", State: Orphan, Translation: &Doc{File: "content/ja/countries/foo.md"}},
	}}
	r.SetBuild([]string{
		"content/ja/countries/foo.md:1: front matter: region is required for a country",
		"content/ja/countries/foo.md:1: " + site.NoSource("content/en/countries/foo.md"),
		// A file marked as a translation (source_hash) is told so in other words.
		"content/ja/countries/foo.md:4: " + site.TranslatesMissing("content/en/countries/foo.md"),
	})
	if want := []string{"content/ja/countries/foo.md:1: front matter: region is required for a country"}; !slices.Equal(r.Build, want) || r.Pairs[0].BuildErrors != 1 {
		t.Errorf("build errors %q (%d on the page), want %q", r.Build, r.Pairs[0].BuildErrors, want)
	}
}

// An orphan marked as a translation is named at its source_hash line, where the build's
// error is, with the warning that the build fails on it; an unmarked one is published as
// a page of its own language, and its entry says so.
func TestOrphanSaysWhetherTheBuildFails(t *testing.T) {
	r := &Report{Source: "en", Pairs: []*Pair{
		{Key: "countries/foo", Lang: "ja", State: Orphan, MarkedAt: 4, Translation: &Doc{File: "content/ja/countries/foo.md"}},
		{Key: "countries/bar", Lang: "ja", State: Orphan, Translation: &Doc{File: "content/ja/countries/bar.md"}},
		// Not marked, and lacking what a page of its own needs.
		{Key: "countries/baz", Lang: "ja", State: Orphan, BuildErrors: 2, Translation: &Doc{File: "content/ja/countries/baz.md"}},
	}}
	var b strings.Builder
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"orphan: content/ja/countries/foo.md:4: translates content/en/countries/foo.md, which does not exist (delete it, or restore or rename the source); make build fails on it until then\n",
		"orphan: content/ja/countries/bar.md:1: has no source content/en/countries/bar.md; it is published as a page of its own language until that exists",
		"orphan: content/ja/countries/baz.md:1: has no source content/en/countries/baz.md, and make build rejects it as a page of its own",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}

// A page whose file the build rejects needs fixing, however good its translation: its row
// says so, shows under -q with its count of errors, and the summary counts it as the
// status page does. The terminal and the status page name a page's state alike.
func TestBuildErrorsMakeTheirPageNeedFixing(t *testing.T) {
	r := &Report{Source: "en", Quiet: true, Pairs: []*Pair{
		{Key: "countries/a", Lang: "ja", State: OK},
		{Key: "countries/b", Lang: "ja", State: OK},
		{Key: "countries/c", Lang: "ja", State: Stale, Problems: make([]Problem, 1),
			Source:      &Doc{File: "content/en/countries/c.md"},
			Translation: &Doc{File: "content/ja/countries/c.md"}, Stale: &Staleness{Line: 4}},
	}}
	r.SetBuild([]string{
		"content/ja/countries/b.md:12: 8 [[events]] here but 9 in content/en/countries/b.md",
		"content/en/countries/b.md:40: link \"x.md\": there is no page content/en/countries/x.md",
		"config.toml:3: unknown region",
	})
	if got := r.Pairs[1].BuildErrors; got != 2 {
		t.Errorf("the page with errors in both its files counts %d build errors, want 2", got)
	}
	if got := r.Pairs[0].Status(); got != "ok" {
		t.Errorf("a page without errors is %q", got)
	}
	var b strings.Builder
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"PAGE         STATE                 EN WORDS  JA CHARS  MISMATCHES  STYLE  ERRORS\n",
		"countries/b  needs fixing                                       0      0       2\n",
		"countries/c  needs fixing (stale)         0         0           1      0       0\n",
		"ja: 1 ok, 2 needs fixing (1 stale of them), 0 missing, 0 orphan, 0 stale; 1 mismatch\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "countries/a ") {
		t.Errorf("-q shows a page that is ok:\n%s", out)
	}
	for _, p := range r.Pairs[1:] {
		if p.Status() != NeedsFixing {
			t.Errorf("%s: status %q, want %q", p.Key, p.Status(), NeedsFixing)
		}
	}
}

// The check also reports what the site model rejects: a translation that changes a
// language-neutral value is a build error however good its text.
func TestSiteErrorsReportWhatTheBuildRejects(t *testing.T) {
	fsys := sitetest.FS(t, "testdata/sites/basic")
	in, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if errs := SiteErrors(in); len(errs) > 0 {
		t.Fatalf("the basic fixture has build errors: %q", errs)
	}
	ja := fsys["content/ja/countries/cambodia.md"]
	ja.Data = []byte(strings.Replace(string(ja.Data), "+++\n", "+++\nregion = \"africa\"\n", 1))
	if in, err = Load(fsys); err != nil {
		t.Fatal(err)
	}
	errs := SiteErrors(in)
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "content/ja/countries/cambodia.md:2: region is \"africa\" here but \"asia\" in content/en/countries/cambodia.md") {
		t.Errorf("SiteErrors = %q, want the region conflict at content/ja/countries/cambodia.md:2", errs)
	}
}

func TestSections(t *testing.T) {
	body := "intro\n\n## A {#a}\n\ntext\n\n```\n## not a heading\n```\n\n### B\n\n## C ##\n"
	var got []string
	for _, s := range sections(body, false) {
		got = append(got, fmt.Sprintf("%s|%s|%q", s.id, s.title, body[s.start:s.end]))
	}
	want := []string{
		`||"intro\n\n"`,
		"a|A|\"## A {#a}\\n\\ntext\\n\\n```\\n## not a heading\\n```\\n\\n\"",
		`|B|"### B\n\n"`,
		`|C|"## C ##\n"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("sections(%q, false) =\n%s\nwant\n%s", body, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := len(sections(body, true)); n != 2 {
		t.Errorf("sections(%q, true) has %d sections, want 2 (the intro and #a)", body, n)
	}
}

// TestSectionsAgreesWithReference compares sections with the version that tried the
// regexps on every line, on random bodies of headings, fences and text.
func TestSectionsAgreesWithReference(t *testing.T) {
	lines := []string{"text", "", "# A", "## B {#b}", "   ### C {#c} ###", "    # not", "\t# not", "#no", "####### seven",
		"```", "~~~", " ```go", "   ~~~", "    ```", "`` x", "~~", "#", "## {#only-id}", "# D #", "\n", "## E {#e}\r",
		"# {#a{#b}", "## F{#f}", "## G {#g h}", "## ###", "# H \t## \t", "# I#", "## J {#j}}", "## {#}"}
	r := rand.New(rand.NewPCG(11, 12))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(lines[r.IntN(len(lines))])
			if r.IntN(8) > 0 {
				b.WriteByte('\n')
			}
		}
		body := b.String()
		for _, explicitOnly := range []bool{false, true} {
			if got, want := sections(body, explicitOnly), refSections(body, explicitOnly); !slices.Equal(got, want) {
				t.Fatalf("sections(%q, %v) = %v, the reference gives %v", body, explicitOnly, got, want)
			}
		}
	}
}

// TestHeadingLinesAgreeWithReference compares the readers of fence and heading lines
// with the regular expressions they replaced, on random lines.
func TestHeadingLinesAgreeWithReference(t *testing.T) {
	pieces := []string{" ", "  ", "\t", "#", "##", "###", "`", "```", "~", "~~~", "{", "}", "{#", "{#id}", "a", "Title",
		"日本", "\r", "\f", "\v", "\u3000", "}"}
	r := rand.New(rand.NewPCG(13, 14))
	for range 300000 {
		var b strings.Builder
		for range r.IntN(10) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		line := b.String()
		marker, ok := fenceMarker(line)
		if m := refFence.FindStringSubmatch(line); ok != (m != nil) || ok && marker != m[1] {
			t.Fatalf("fenceMarker(%q) = %q, %v; the expression finds %q", line, marker, ok, m)
		}
		title, ok := atxTitle(line)
		if m := refATXHeading.FindStringSubmatch(line); ok != (m != nil) || ok && title != m[1] {
			t.Fatalf("atxTitle(%q) = %q, %v; the expression finds %q", line, title, ok, m)
		}
		rest, id, ok := splitExplicitID(line)
		if m := refExplicitID.FindStringSubmatchIndex(line); ok != (m != nil) || ok && (rest != line[:m[0]] || id != line[m[2]:m[3]]) {
			t.Fatalf("splitExplicitID(%q) = %q, %q, %v; the expression finds %v", line, rest, id, ok, m)
		}
	}
}

func TestPlainKeepsOffsets(t *testing.T) {
	in := "See [ODA](../themes/oda.md#ODA) and https://example.org/ODA.\n## ODA {#ODA}\n[r]: https://x.org/ODA"
	got := plain(in)
	if len(got) != len(in) || strings.Count(got, "\n") != strings.Count(in, "\n") {
		t.Fatalf("plain(%q) = %q: offsets or lines changed", in, got)
	}
	if n := strings.Count(got, "ODA"); n != 2 {
		t.Errorf("plain(%q) = %q: %d ODA left, want 2 (the link text and the heading)", in, got, n)
	}
}

// Accepted findings ask for nothing: they follow every entry that asks for work, whatever
// the order of their pages, so that a translator reads the work first.
func TestAcceptedFindingsComeLast(t *testing.T) {
	r := &Report{Source: "en", Pairs: []*Pair{
		{Key: "about", Lang: "ja", State: OK,
			Source:      &Doc{File: "content/en/about.md"},
			Translation: &Doc{File: "content/ja/about.md"},
			Problems: []Problem{{Check: "untranslated", Where: "section #citation", Message: "English in the ja text",
				Translation: Loc{File: "content/ja/about.md", Line: 30}, Accepted: "英語の引用例"}}},
		{Key: "countries/c", Lang: "ja", State: Stale,
			Source:      &Doc{File: "content/en/countries/c.md"},
			Translation: &Doc{File: "content/ja/countries/c.md"}, Stale: &Staleness{Line: 4}},
	}}
	var b strings.Builder
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	stale, accepted := strings.Index(out, "stale: content/ja/countries/c.md:4:"), strings.Index(out, "accepted: untranslated: about,")
	if stale < 0 || accepted < 0 || accepted < stale {
		t.Errorf("want the stale entry of countries/c, then the accepted finding of about:\n%s", out)
	}
}
