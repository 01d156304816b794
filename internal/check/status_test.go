package check_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"peacebuilding/internal/check"
	"peacebuilding/internal/content"
	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/sitetest"
)

// statusSite is the basic fixture with ja/countries/cambodia marked for an older
// version of its source (stale) and ja/themes/ddr marked for the current one (ok).
func statusSite(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := sitetest.FS(t, "testdata/sites/basic")
	mark := func(name, hash string) {
		f := fsys[name]
		f.Data = bytes.Replace(f.Data, []byte("+++\n"), []byte("+++\nsource_hash = \""+hash+"\"\n"), 1)
	}
	src := &content.File{Name: "content/en/themes/ddr.md", Lang: "en"}
	if err := content.Parse(src, fsys["content/en/themes/ddr.md"].Data); err != nil {
		t.Fatal(err)
	}
	mark("content/ja/themes/ddr.md", content.SourceHash(src))
	mark("content/ja/countries/cambodia.md", "0000000000000000")
	return fsys
}

func buildStatus(t *testing.T, fsys fstest.MapFS) map[string]string {
	t.Helper()
	res, err := pipeline.Build(fsys, pipeline.Options{Extra: check.StatusPage(fsys, nil, "no git in this test")})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	return files
}

func TestStatusPageListsEveryPairAndStaysPrivate(t *testing.T) {
	files := buildStatus(t, statusSite(t))
	page, ok := files["status/index.html"]
	if !ok {
		t.Fatal("no status/index.html in the build")
	}
	for _, want := range []string{
		"Translation status",
		"no git in this test",
		"noindex",
		"countries/cambodia", "countries/sudan", "themes/ddr",
		"content/ja/countries/cambodia.md", // the file of each pair
		">stale<", ">missing<", ">ok<",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("status page lacks %q", want)
		}
	}
	if strings.Contains(files["sitemap.xml"], "status") {
		t.Error("sitemap.xml lists the status page")
	}
	if !strings.Contains(files["robots.txt"], "Disallow: /briefing/status/") {
		t.Errorf("robots.txt does not disallow the status page:\n%s", files["robots.txt"])
	}
	link := regexp.MustCompile(`href="?[^"> ]*status/`)
	for name, data := range files {
		if !strings.HasPrefix(name, "status/") && link.MatchString(data) {
			t.Errorf("%s links to the status page", name)
		}
	}
}

// TestStaleNoticeLinksToTheNewerSource checks the notice readers see on a stale
// translation, in its own language, and that an up-to-date one has none.
func TestStaleNoticeLinksToTheNewerSource(t *testing.T) {
	files := buildStatus(t, statusSite(t))
	stale := files["ja/countries/cambodia/index.html"]
	notice := regexp.MustCompile(`<p class="notice notice-stale" role="?note"?>[^<]*<a href="?([^ >"]+)"? hreflang="?en"?>`)
	m := notice.FindStringSubmatch(stale)
	if m == nil {
		t.Fatalf("ja/countries/cambodia has no stale notice with a link to the English page:\n%s", excerpt(stale, "notice"))
	}
	if m[1] != "../../../en/countries/cambodia/" {
		t.Errorf("the stale notice links to %s, want ../../../en/countries/cambodia/", m[1])
	}
	if !regexp.MustCompile(`notice-stale[^>]*>[^<]*[\p{Han}\p{Hiragana}]`).MatchString(stale) {
		t.Errorf("the stale notice is not written in Japanese:\n%s", excerpt(stale, "notice"))
	}
	for _, name := range []string{"ja/themes/ddr/index.html", "en/countries/cambodia/index.html"} {
		if strings.Contains(files[name], "notice-stale") {
			t.Errorf("%s has a stale notice, but it is up to date", name)
		}
	}
}

func TestStatusPageIsDeterministic(t *testing.T) {
	a, b := buildStatus(t, statusSite(t)), buildStatus(t, statusSite(t))
	if a["status/index.html"] != b["status/index.html"] {
		t.Error("two builds of the same site give different status pages")
	}
}

func excerpt(s, near string) string {
	i := strings.Index(s, near)
	if i < 0 {
		return s[:min(len(s), 300)]
	}
	return s[max(0, i-100):min(len(s), i+300)]
}

// The status page lists what needs work first: a page with a finding of the check is
// "needs fixing", before stale and missing pages, and the pages that are ok come last;
// the filter links lead to the first row of each state.
func TestStatusPageListsWorkFirst(t *testing.T) {
	fsys := statusSite(t)
	// A planted finding in the page that is ok: English left in the Japanese.
	f := fsys["content/ja/themes/ddr.md"]
	f.Data = append(f.Data, "\nJapan has supported the programme in many ways.\n"...)
	page := buildStatus(t, fsys)["status/index.html"]
	rows := regexp.MustCompile(`<tr class="state-([a-z-]+)"`).FindAllStringSubmatch(page, -1)
	var states []string
	for _, r := range rows {
		if len(states) == 0 || states[len(states)-1] != r[1] {
			states = append(states, r[1])
		}
	}
	if got, want := strings.Join(states, " "), "needs-fixing stale missing"; !strings.HasPrefix(got, want) {
		t.Errorf("rows in the order %q, want %q first", got, want)
	}
	ja := buildStatus(t, fsys)["status/ja/index.html"]
	if !strings.Contains(ja, `lang="ja"`) || !strings.Contains(ja, ">要修正<") || !strings.Contains(ja, `href="../" hreflang="en"`) || !strings.Contains(page, `href="ja/" hreflang="ja"`) {
		t.Errorf("the status page has no Japanese version linked both ways")
	}
	// A missing page's row leads to its entry, which says how to start it.
	if !regexp.MustCompile(`<tr class="state-missing"[^>]*><th scope="row"><a href="#(ja-[a-z-]+)">`).MatchString(page) ||
		!regexp.MustCompile(`<code>make check ARGS="-new content/ja/[a-z/_-]+\.md"</code>`).MatchString(page) {
		t.Errorf("a missing page has no entry with the command that starts it:\n%s", excerpt(page, "state-missing"))
	}
	for _, want := range []string{`href="#ja-needs-fixing"`, `id="ja-needs-fixing"`, ">needs fixing<"} {
		if !strings.Contains(page, want) {
			t.Errorf("the status page has no %s", want)
		}
	}
}

// TestStatusPageNamesTheStateOfAPageThatNeedsFixing plants a finding in the stale page: it
// is listed among those that need fixing, and its row and heading still say that it is
// stale, so that a coordinator handing out updates of stale pages does not miss it.
func TestStatusPageNamesTheStateOfAPageThatNeedsFixing(t *testing.T) {
	fsys := statusSite(t)
	f := fsys["content/ja/countries/cambodia.md"]
	f.Data = append(f.Data, "\nJapan has supported the programme in many ways.\n"...)
	files := buildStatus(t, fsys)
	row := regexp.MustCompile(`<tr class="state-needs-fixing"[^>]*><th scope="row"[^>]*><a [^>]*>countries/cambodia</a>.*?</tr>`).FindString(files["status/index.html"])
	if row == "" {
		t.Fatal("countries/cambodia is not listed as needing fixing")
	}
	if !strings.Contains(row, `<td class="state" data-label="State">needs fixing, stale</td>`) {
		t.Errorf("the row of a stale page that needs fixing does not name both states: %s", row)
	}
	// The row names the page by its title too, in the status page's language.
	if !strings.Contains(row, `<span class="status-title">Cambodia</span></th>`) {
		t.Errorf("the row of countries/cambodia does not name the page Cambodia under its key: %s", row)
	}
	if ja := files["status/ja/index.html"]; !strings.Contains(ja, `<span class="status-title">カンボジア</span></th>`) {
		t.Error("the Japanese status page does not name countries/cambodia カンボジア under its key")
	}
	if page := files["status/index.html"]; !strings.Contains(page, "countries/cambodia (needs fixing, stale)</h3>") {
		t.Error("the heading of a stale page that needs fixing does not name both states")
	}
	if ja := files["status/ja/index.html"]; !strings.Contains(ja, `<td class="state" data-label="状態">要修正、要更新</td>`) {
		t.Error("the Japanese status page does not name both states of a stale page that needs fixing")
	}
	// The filter at the top counts it as the terminal's last line does: 1 needs fixing (1 stale).
	if page := files["status/index.html"]; !strings.Contains(page, ">needs fixing 1 (stale 1)</a>") {
		t.Errorf("the filter does not count the stale page among those that need fixing:\n%s", excerpt(page, "status-filter"))
	}
	if ja := files["status/ja/index.html"]; !strings.Contains(ja, ">要修正 1（要更新 1）</a>") {
		t.Errorf("the Japanese filter does not count the stale page among those that need fixing:\n%s", excerpt(ja, "status-filter"))
	}
}

// A house style finding is work on its page: the page needs fixing, and its section lists
// the finding with its line.
func TestStatusPageListsStyleFindings(t *testing.T) {
	fsys := statusSite(t)
	fsys[check.StyleFile] = &fstest.MapFile{Data: []byte("lang = \"ja\"\n\n[[rules]]\nid = \"oyobi\"\nforms = [\"および\"]\npreferred = \"及び\"\nexample = \"選挙および警察\"\n")}
	f := fsys["content/ja/themes/ddr.md"]
	f.Data = bytes.Replace(f.Data, []byte("約6万人の元兵士。"), []byte("約6万人の元兵士。選挙および警察。"), 1)
	page := buildStatus(t, fsys)["status/index.html"]
	row := regexp.MustCompile(`<tr class="state-needs-fixing"[^>]*><th scope="row"[^>]*><a [^>]*>themes/ddr</a>.*?</tr>`).FindString(page)
	if row == "" {
		t.Fatal("themes/ddr, ok but for a style finding, is not listed as needing fixing")
	}
	// Its message once, and its place with the column, as the terminal gives it.
	if !regexp.MustCompile(`<li>style oyobi: "および": write 及び<br><code>content/ja/themes/ddr\.md:\d+:\d+: `).MatchString(page) {
		t.Error("the status page does not list the style finding with its file, line and column")
	}
	if !regexp.MustCompile(`<td class="num" data-label="Style">1</td>`).MatchString(row) {
		t.Errorf("the row does not count the style finding: %s", row)
	}
}

// oneCommit is a History in which every file was last changed in one commit, where each
// file of old had the text given there.
type oneCommit struct{ old map[string][]byte }

func (h oneCommit) Name() string { return "test" }

func (h oneCommit) Logs(names []string) (map[string][]check.Commit, error) {
	logs := map[string][]check.Commit{}
	for _, n := range names {
		logs[n] = []check.Commit{{Hash: "abcdef1234567890", Date: "2007-01-15"}}
	}
	return logs, nil
}

func (h oneCommit) Show(_ check.Commit, name string) ([]byte, error) { return h.old[name], nil }

// A change of the source's section is listed on the status page with the line in the
// same section of the translation where it is to be made: the paragraph of the change.
func TestStatusPageGivesTheLineOfEachChange(t *testing.T) {
	fsys := sitetest.FS(t, "testdata/sites/basic")
	const name = "content/en/countries/cambodia.md"
	old := bytes.Clone(fsys[name].Data)
	src := &content.File{Name: name, Lang: "en"}
	if err := content.Parse(src, old); err != nil {
		t.Fatal(err)
	}
	ja := fsys["content/ja/countries/cambodia.md"]
	ja.Data = bytes.Replace(ja.Data, []byte("+++\n"), []byte("+++\nsource_hash = \""+content.SourceHash(src)+"\"\n"), 1)
	en := fsys[name]
	en.Data = bytes.Replace(en.Data, []byte("Text with a [link"), []byte("New text with a [link"), 1)
	res, err := pipeline.Build(fsys, pipeline.Options{Extra: check.StatusPage(fsys, oneCommit{map[string][]byte{name: old}}, "")})
	if err != nil {
		t.Fatal(err)
	}
	var page string
	for _, f := range res.Files {
		if f.Path == "status/index.html" {
			page = string(f.Data)
		}
	}
	// The section's paragraph is on line 27 of the translation once source_hash is added
	// (its heading on 25).
	// The words the change took out and put in are marked in the sentence, and the entry
	// ends with the command that marks this page.
	for _, want := range []string{
		`<strong>section "Elections" (#elections)</strong> <code>content/ja/countries/cambodia.md:27</code>`,
		`<del><mark>Text</mark> with a [link to the source](https://www.mofa.go.jp/).</del>`,
		`<ins><mark>New text</mark> with a [link to the source](https://www.mofa.go.jp/).</ins>`,
		`<code>make check ARGS="-mark content/ja/countries/cambodia.md"</code>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the status page lacks %s", want)
		}
	}
}
