package pipeline_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
	"weak"

	"peacebuilding/internal/audit"
	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/render"
	"peacebuilding/internal/site"
	"peacebuilding/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// buildBasic builds the fixture with two countries and two themes in both languages;
// content/ja/countries/sudan.md is missing on purpose.
func buildBasic(t *testing.T) map[string]string {
	t.Helper()
	_, files := buildFiles(t, sitetest.FS(t, "testdata/sites/basic"))
	return files
}

// buildFiles builds the project in fsys and returns the result and its files' text by path.
func buildFiles(t *testing.T, fsys fstest.MapFS) (*pipeline.Result, map[string]string) {
	t.Helper()
	res, err := pipeline.Build(fsys, pipeline.Options{})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	return res, files
}

func get(t *testing.T, files map[string]string, name string) string {
	t.Helper()
	s, ok := files[name]
	if !ok {
		t.Fatalf("output has no %s", name)
	}
	return s
}

func TestOutputURLs(t *testing.T) {
	files := buildBasic(t)
	for _, name := range []string{
		"index.html", "404.html", "sitemap.xml", "robots.txt",
		"en/index.html", "ja/index.html",
		"en/countries/index.html", "ja/themes/index.html",
		"en/countries/cambodia/index.html", "ja/countries/cambodia/index.html",
		"ja/countries/sudan/index.html", // a fallback page
		"en/themes/ddr/index.html", "en/timeline/index.html", "ja/figures/index.html",
		"en/glossary/index.html", "ja/print/index.html",
	} {
		if _, ok := files[name]; !ok {
			t.Errorf("output lacks %s", name)
		}
	}
}

func TestEveryPageHasHeadMetadata(t *testing.T) {
	files := buildBasic(t)
	for name, html := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		canonical := regexp.MustCompile(`<link rel="canonical" href="https://example\.org/briefing/[^"]*">`)
		for _, re := range []string{`<html lang="(en|ja)">`, `<title>[^<]+</title>`, `<meta name="description" content="[^"]+">`} {
			if !regexp.MustCompile(re).MatchString(html) {
				t.Errorf("%s: no match for %s", name, re)
			}
		}
		// The 404 page is served at every missing URL: it has no canonical URL.
		if got := canonical.MatchString(html); got != (name != "404.html") {
			t.Errorf("%s: has a canonical link: %v, want %v", name, got, !got)
		}
	}
}

func TestRootChooserWorksWithoutScript(t *testing.T) {
	html := get(t, buildBasic(t), "index.html")
	for _, want := range []string{`href="en/"`, `href="ja/"`, "Read in English", "日本語で読む"} {
		if !strings.Contains(html, want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	// Its one script applies the colour scheme the reader chose, before the page is
	// drawn; nothing on the page needs it.
	for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(html, -1) {
		if !strings.Contains(tag, "assets/theme.") {
			t.Errorf("the language chooser uses a script %s; it must work without one", tag)
		}
	}
}

func TestNotFoundPageIsBilingualWithRootPaths(t *testing.T) {
	html := get(t, buildBasic(t), "404.html")
	for _, want := range []string{"Page not found", "ページが見つかりません", `href="/briefing/en/"`, `href="/briefing/ja/"`, `href="/briefing/assets/style.`} {
		if !strings.Contains(html, want) {
			t.Errorf("404.html lacks %q", want)
		}
	}
}

func TestSitemapListsPublishedPagesWithAlternates(t *testing.T) {
	sm := get(t, buildBasic(t), "sitemap.xml")
	want := `<url><loc>https://example.org/briefing/en/countries/cambodia/</loc><xhtml:link rel="alternate" hreflang="en" href="https://example.org/briefing/en/countries/cambodia/"/><xhtml:link rel="alternate" hreflang="ja" href="https://example.org/briefing/ja/countries/cambodia/"/><xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/briefing/en/countries/cambodia/"/></url>`
	if !strings.Contains(sm, want) {
		t.Errorf("sitemap.xml lacks the Cambodia entry with its alternates:\n%s", sm)
	}
	if strings.Contains(sm, "ja/countries/sudan/") {
		t.Error("sitemap.xml lists the untranslated fallback page ja/countries/sudan/")
	}
	if strings.Contains(sm, "status/") || strings.Contains(sm, "404") || strings.Contains(sm, "search/") || strings.Contains(sm, "print/") {
		t.Error("sitemap.xml lists the status, 404, search or booklet page")
	}
	locs := regexp.MustCompile(`<loc>`).FindAllStringIndex(sm, -1)
	// 7 content pages + 3 generated (timeline, figures, glossary; not the search page
	// and the booklet, which ask not to be indexed) in English; 6 (no Sudan) + 3 in
	// Japanese; the root.
	if len(locs) != 20 {
		t.Errorf("sitemap.xml lists %d pages, want 20", len(locs))
	}
	for _, page := range []string{"en/search/index.html", "ja/print/index.html"} {
		if !strings.Contains(get(t, buildBasic(t), page), `<meta name="robots" content="noindex">`) {
			t.Errorf("%s does not ask search engines not to index it", page)
		}
	}
	if robots := get(t, buildBasic(t), "robots.txt"); !strings.Contains(robots, "Sitemap: https://example.org/briefing/sitemap.xml") {
		t.Errorf("robots.txt does not name the sitemap:\n%s", robots)
	}
}

func TestTranslationsLinkBothWays(t *testing.T) {
	files := buildBasic(t)
	en := get(t, files, "en/countries/cambodia/index.html")
	ja := get(t, files, "ja/countries/cambodia/index.html")
	for _, c := range []struct{ page, html, want string }{
		{"en", en, `<link rel="alternate" hreflang="ja" href="https://example.org/briefing/ja/countries/cambodia/">`},
		{"en", en, `<link rel="alternate" hreflang="x-default" href="https://example.org/briefing/en/countries/cambodia/">`},
		{"en", en, `href="../../../ja/countries/cambodia/" hreflang="ja" lang="ja" rel="alternate">日本語</a>`},
		{"ja", ja, `<link rel="alternate" hreflang="en" href="https://example.org/briefing/en/countries/cambodia/">`},
		{"ja", ja, `href="../../../en/countries/cambodia/" hreflang="en" lang="en" rel="alternate">English</a>`},
		{"ja", ja, `<link rel="canonical" href="https://example.org/briefing/ja/countries/cambodia/">`},
	} {
		if !strings.Contains(c.html, c.want) {
			t.Errorf("%s Cambodia page lacks %s", c.page, c.want)
		}
	}
}

func TestMissingTranslationFallsBack(t *testing.T) {
	files := buildBasic(t)
	sudan := get(t, files, "ja/countries/sudan/index.html")
	for _, want := range []string{
		`<html lang="ja">`,
		"このページはまだ日本語に翻訳されていません",                                                          // notice in Japanese
		`<div class="prose" lang="en">`,                                                  // English text, marked as such
		"Japan pledged US$100\u00a0million",                                              // the English body, its number kept with its unit
		`<link rel="canonical" href="https://example.org/briefing/en/countries/sudan/">`, // canonical is the original
	} {
		if !strings.Contains(sudan, want) {
			t.Errorf("ja/countries/sudan lacks %q", want)
		}
	}
	if strings.Contains(sudan, `hreflang="ja" href=`) || strings.Contains(sudan, `rel="alternate" hreflang=`) {
		t.Error("the fallback page carries hreflang alternates; it must have none")
	}
	en := get(t, files, "en/countries/sudan/index.html")
	if strings.Contains(en, `hreflang="ja" href="https://example.org/briefing/ja/countries/sudan/"`) {
		t.Error("the English Sudan page points hreflang at the untranslated Japanese copy")
	}
	// Links to the fallback from Japanese pages are marked (EN).
	jaCambodia := get(t, files, "ja/countries/cambodia/index.html")
	if !strings.Contains(jaCambodia, `<a href="../sudan/">スーダン (EN)</a>`) {
		t.Errorf("the Japanese link to the untranslated Sudan page is not marked (EN)")
	}
	jaCountries := get(t, files, "ja/countries/index.html")
	if !strings.Contains(jaCountries, `Sudan <span class="fallback-mark">(EN)</span>`) {
		t.Errorf("the Japanese countries index does not mark Sudan (EN)")
	}
}

func TestCrossLinksAndFragmentsResolve(t *testing.T) {
	files := buildBasic(t)
	for _, c := range []struct{ file, want string }{
		{"en/countries/cambodia/index.html", `<a href="../../themes/ddr/#afghanistan">DDR</a>`},
		{"en/countries/sudan/index.html", `<a href="../cambodia/#elections">Cambodia</a>`},
		{"en/index.html", `<a href="countries/cambodia/">Cambodia</a>`},
		{"ja/themes/ddr/index.html", `<a href="../../countries/cambodia/#elections">カンボジア</a>`},
		{"en/countries/cambodia/index.html", `<a href="https://www.mofa.go.jp/" class="ext">link to the source</a>`},
	} {
		if !strings.Contains(get(t, files, c.file), c.want) {
			t.Errorf("%s lacks %s", c.file, c.want)
		}
	}
}

func TestHeadingIDsKeepJapanese(t *testing.T) {
	html := get(t, buildBasic(t), "ja/themes/ddr/index.html")
	// A Japanese heading marks where a line may break between its phrases.
	for _, want := range []string{`<h2 id="日本の支援">日本の<wbr>支援</h2>`, `<h2 id="afghanistan">アフガニスタン</h2>`} {
		if !strings.Contains(html, want) {
			t.Errorf("ja/themes/ddr lacks %s", want)
		}
	}
}

func TestLineBreaks(t *testing.T) {
	files := buildBasic(t)
	// Between two Japanese characters a line break is no space; Latin words keep one.
	if ja := get(t, files, "ja/countries/cambodia/index.html"); !strings.Contains(ja, `カンボジアに要員<span class="nobr">1,300人</span>`) {
		t.Errorf("a line break between Japanese characters became a space or was kept:\n%s", excerpt(ja, "カンボジアに"))
	}
	if en := get(t, files, "en/countries/cambodia/index.html"); !regexp.MustCompile(`had sent\s1,300 personnel`).MatchString(en) {
		t.Errorf("a line break between Latin words lost its space:\n%s", excerpt(en, "had sent"))
	}
}

func TestGeneratedIndexes(t *testing.T) {
	files := buildBasic(t)
	for _, c := range []struct{ file, want string }{
		// Home: countries grouped by region, in config order; themes.
		{"en/index.html", `<h3>Asia</h3><ul class="entry-list"><li><a href="countries/cambodia/">Cambodia</a><span class="entry-summary"> <span>Japan’s first comprehensive peacebuilding effort.</span></span></li></ul>`},
		{"en/index.html", `<h3>Africa</h3><ul class="entry-list"><li><a href="countries/sudan/">Sudan</a>`},
		{"en/index.html", `<li><a href="themes/mine-action/">Mine action</a><span class="entry-summary">`},
		// Countries index: by region with a key-facts table.
		{"en/countries/index.html", `<td data-label="Capital">Phnom Penh</td><td class="num" data-label="Area">181,000 km²</td><td class="num" data-label="Population">13.8 million</td><td class="num" data-label="GDP per capita">US$354</td>`},
		{"ja/countries/index.html", `<td class="num" data-label="面積">18万1,000km²</td><td class="num" data-label="人口">1,380万人</td><td class="num" data-label="1人当たりGDP">354ドル</td>`},
		// Themes index: how many countries cite each theme.
		{"en/themes/index.html", "Country briefs citing this theme: 2"},
		{"en/themes/index.html", "Country briefs citing this theme: 1"},
		// Theme page: backlinks from the countries' themes.
		{"en/themes/ddr/index.html", `<h2 id="backlinks-h">Countries where this theme is at work</h2><ul><li><a href="../../countries/cambodia/">Cambodia</a></li><li><a href="../../countries/sudan/">Sudan</a></li></ul>`},
		// Country page: its themes and related countries (sharing most themes).
		{"en/countries/cambodia/index.html", `<li><a href="../../themes/ddr/">DDR</a></li><li><a href="../../themes/mine-action/">Mine action</a></li>`},
		{"en/countries/cambodia/index.html", `<h2 id="related-h">Related countries</h2><ul><li><a href="../sudan/">Sudan</a></li></ul>`},
		// Timeline: every dated event, oldest first, linked to its page.
		// (the year is the heading of its group, and each event lists the briefs it is on).
		{"en/timeline/index.html", `<h2 id="y1991">1991</h2><ol class="event-list"><li id="e-1991-10-countries-cambodia" class="f-countries-cambodia"><time datetime="1991-10">October</time> <span class="event-pages"><a class="event-page" href="../countries/cambodia/#events-h-cambodia">Cambodia</a></span> <span class="event-text">Paris Peace Agreements.</span>`},
		{"ja/timeline/index.html", `<time datetime="2003-10-01">10月1日</time> <span class="event-pages"><a class="event-page" href="../themes/ddr/#events-h-theme-ddr">武装解除・動員解除・社会復帰（DDR）</a></span> <span class="event-text">ANBP発足。</span>`},
		// Figures: every [[figures]] entry by country, formatted per language.
		{"en/figures/index.html", `Personnel sent to UNTAC</td><td class="num" data-label="Figure"><span class="nobr">1,300 people</span></td>`},
		{"ja/figures/index.html", `<td class="num" data-label="数値"><span class="nobr">1億ドル超</span></td>`},
		// About-style corrections box on the page that has them.
		// The source's wording is marked as English; a closing bracket keeps the particle
		// after it on its line.
		{"ja/countries/cambodia/index.html", `出典では「<span lang="en">armed crush</span><span class="nobr">」と</span>あるが、本ページでは「武力衝突<span class="nobr">」と</span>した。`},
	} {
		// The places where a Japanese phrase may break (<wbr>) are TestHeadingIDsKeepJapanese's.
		if !strings.Contains(strings.ReplaceAll(get(t, files, c.file), "<wbr>", ""), c.want) {
			t.Errorf("%s lacks %s", c.file, c.want)
		}
	}
	tl := get(t, files, "en/timeline/index.html")
	if strings.Index(tl, "1991") > strings.Index(tl, "2003") {
		t.Error("the timeline is not in date order")
	}
}

func TestLinksWorkUnderAnySubPath(t *testing.T) {
	files := buildBasic(t)
	// Canonical and hreflang links are absolute on purpose; every other link is relative.
	attr := regexp.MustCompile(`(?:<a [^>]*href|<link rel="stylesheet" href|src)="([^"]*)"`)
	for name, html := range files {
		if !strings.HasSuffix(name, ".html") || name == "404.html" {
			continue
		}
		for _, m := range attr.FindAllStringSubmatch(html, -1) {
			u := m[1]
			if strings.HasPrefix(u, "/") || strings.HasPrefix(u, "https://example.org") || strings.HasPrefix(u, "http://example.org") {
				t.Errorf("%s: link %q depends on where the site is hosted; links must be relative", name, u)
			}
		}
	}
}

func TestAssetsAreFingerprintedAndLocal(t *testing.T) {
	files := buildBasic(t)
	asset := func(re string) string {
		for name := range files {
			if regexp.MustCompile(re).MatchString(name) {
				return name
			}
		}
		t.Errorf("no fingerprinted asset matches %s", re)
		return ""
	}
	asset(`^assets/print\.[0-9a-f]{10}\.js$`)
	styleName := asset(`^assets/style\.[0-9a-f]{10}\.css$`)
	for name, data := range files {
		if strings.Contains(data, "fonts.googleapis") || regexp.MustCompile(`(?:src|href)="(?:https?:)?//[^"]+\.(?:css|js)"`).MatchString(data) {
			t.Errorf("%s loads a style or script from another host", name)
		}
	}
	style := files[styleName]
	// tdewolff/minify passes @page margin boxes through as they are written, so the test
	// asks for no comments and a clearly smaller file rather than for no white space.
	src, err := os.ReadFile(filepath.Join(sitetest.RepoRoot(), "assets", "style.css"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(style, "/*") || len(style) > len(src)*85/100 {
		t.Errorf("style.css is not minified: %d bytes from %d", len(style), len(src))
	}
	if i, j := strings.Index(style, "Noto Sans CJK JP"), strings.Index(style, "SC"); j >= 0 && j < i {
		t.Error("a Chinese font comes before the Japanese ones")
	}
}

func TestHTMLIsMinified(t *testing.T) {
	html := get(t, buildBasic(t), "en/countries/cambodia/index.html")
	if strings.Contains(html, "\n\n") || strings.Contains(html, "  <") {
		t.Error("HTML output is not minified")
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	a, b := buildBasic(t), buildBasic(t)
	if len(a) != len(b) {
		t.Fatalf("two builds wrote %d and %d files", len(a), len(b))
	}
	for name := range a {
		if a[name] != b[name] {
			t.Errorf("%s differs between two builds of the same input", name)
		}
	}
}

func TestPublishWritesAndReplaces(t *testing.T) {
	res, err := pipeline.Build(sitetest.FS(t, "testdata/sites/basic"), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	for range 2 { // the second write replaces what the first made
		if err := publish.Write(out, res.Files); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(filepath.Join(out, "en", "countries", "cambodia", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if f.Path == "en/countries/cambodia/index.html" && !bytes.Equal(got, f.Data) {
			t.Error("written file differs from the built one")
		}
	}
	if left := sitetest.Beside(t, out); len(left) != 0 {
		t.Errorf("left behind beside the output: %v", left)
	}
}

func excerpt(s, near string) string {
	i := strings.Index(s, near)
	if i < 0 {
		return fmt.Sprintf("(%q not found)", near)
	}
	return s[max(0, i-80):min(len(s), i+120)]
}

// Stream lets the Markdown go as it converts it, even with a status page, which reads the
// files first: by the time the status page is made, the files it read have no text left.
// Stream must still make the same files as Build, which keeps the text, and the status
// page's reading must still see every file's text.
func TestStreamDropsTheTextAndMakesTheSameFiles(t *testing.T) {
	fsys := sitetest.FS(t, "testdata/sites/basic")
	type run struct {
		files       int
		allHadText  bool // when Extra read them
		textAtPages bool // when its pages were made: some file still had its text
		pagesMade   bool
	}
	var runs []*run
	opts := pipeline.Options{Extra: func(_ *config.Config, _ *glossary.Glossary, files []*content.File) pipeline.ExtraPages {
		r := &run{files: len(files), allHadText: true}
		runs = append(runs, r)
		for _, f := range files {
			r.allHadText = r.allHadText && f.Body != ""
		}
		return func(*site.Site, *render.Renderer) ([]*render.View, error) {
			r.pagesMade = true
			for _, f := range files {
				r.textAtPages = r.textAtPages || f.Body != "" || f.FrontSource != ""
			}
			return nil, nil
		}
	}}
	built, err := pipeline.Build(fsys, opts)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	streamed := map[string]string{}
	var mu sync.Mutex
	res, err := pipeline.Stream(fsys, opts, func(f publish.File) error {
		mu.Lock()
		streamed[f.Path] = string(f.Data)
		mu.Unlock()
		return nil
	})
	if err != nil {
		t.Fatalf("Stream: %v", err)
	}
	if len(runs) != 2 {
		t.Fatalf("Extra was called %d times for two builds", len(runs))
	}
	for i, r := range runs {
		name := []string{"Build", "Stream"}[i]
		if want := len(res.Site.Files()); r.files != want || want == 0 {
			t.Errorf("%s: Extra was given %d files, want the site's %d", name, r.files, want)
		}
		if !r.allHadText {
			t.Errorf("%s: Extra was given a file without its text: it must run before the text is dropped", name)
		}
		if !r.pagesMade {
			t.Errorf("%s: Extra's pages were not made", name)
		}
	}
	if !runs[0].textAtPages {
		t.Errorf("Build had let the files' text go by the time Extra's pages were made")
	}
	if runs[1].textAtPages {
		t.Errorf("Stream still held the files' text when Extra's pages were made: it kept every file's text through the model")
	}
	for _, p := range res.Site.Pages {
		if p.File.Body != "" || p.File.FrontSource != "" {
			t.Errorf("Stream kept the text of %s", p.File.Name)
		}
	}
	for _, p := range built.Site.Pages {
		if p.File.Body == "" && p.File.FrontSource == "" {
			t.Errorf("Build dropped the text of %s", p.File.Name)
		}
	}
	if len(streamed) != len(built.Files) {
		t.Errorf("Stream made %d files, Build %d", len(streamed), len(built.Files))
	}
	for _, f := range built.Files {
		if streamed[f.Path] != string(f.Data) {
			t.Errorf("%s: Stream and Build differ", f.Path)
		}
	}
}

// A booklet of more briefs than bookletPartSize is printed in parts: each brief in exactly
// one part, the contents page leading to every part and brief, and the whole site still
// passing the audit (links, fragments, hreflang both ways).
func TestBookletInParts(t *testing.T) {
	fsys := sitetest.FS(t, "testdata/sites/basic")
	cfg := string(fsys["config.toml"].Data)
	fsys["config.toml"].Data = []byte(strings.Replace(cfg, "asOf = ", "bookletPartSize = 3\nasOf = ", 1))
	res, files := buildFiles(t, fsys)
	// Two countries and two themes per language: parts of three and of one.
	for lang, want := range map[string][]string{
		"en": {"Printable booklet, part 1 of 2", "Printable booklet, part 2 of 2"},
		"ja": {"印刷用冊子（第1分冊／全2分冊）", "印刷用冊子（第2分冊／全2分冊）"},
	} {
		contents := get(t, files, lang+"/print/index.html")
		seen := map[string]int{}
		for n, title := range want {
			part := get(t, files, fmt.Sprintf("%s/print/%d/index.html", lang, n+1))
			if !strings.Contains(part, "<title>"+title+" | ") {
				t.Errorf("%s part %d: no title %q", lang, n+1, title)
			}
			for _, m := range regexp.MustCompile(`<article class="booklet-brief[^"]*" id="([^"]+)"`).FindAllStringSubmatch(part, -1) {
				seen[m[1]]++
				if !strings.Contains(contents, fmt.Sprintf(`href="%d/#%s"`, n+1, m[1])) {
					t.Errorf("%s contents page: no link to brief %s in part %d", lang, m[1], n+1)
				}
			}
			if !strings.Contains(contents, fmt.Sprintf(`href="%d/"`, n+1)) {
				t.Errorf("%s contents page: no link to part %d", lang, n+1)
			}
			// Each part ends with the colophon, inside its last article (its named page).
			if !regexp.MustCompile(`(?s)<footer class="?booklet-colophon"?>.*?</footer>\s*</article>\s*</div>`).MatchString(part) || strings.Count(part, "booklet-colophon") != 1 {
				t.Errorf("%s part %d: no colophon at the end of its last article, or more than one", lang, n+1)
			}
		}
		for _, id := range []string{"cambodia", "sudan", "theme-ddr", "theme-mine-action"} {
			if seen[id] != 1 {
				t.Errorf("%s: brief %s is in %d parts, want 1", lang, id, seen[id])
			}
		}
		// The countries index says the booklet is in parts; each part describes itself.
		link := map[string]string{"en": "All country and theme briefs as a printable booklet in 2 parts", "ja": "国別編・分野別編の全ページを収録した印刷用冊子（全2分冊）"}[lang]
		if !strings.Contains(get(t, files, lang+"/countries/index.html"), link) {
			t.Errorf("%s countries index: no link text %q", lang, link)
		}
		desc := map[string]string{"en": `content="Part 2 of 2 of the printable booklet`, "ja": `content="国別編・分野別編の全ページを収録した印刷用冊子の第2分冊（全2分冊）。"`}[lang]
		if !strings.Contains(get(t, files, lang+"/print/2/index.html"), desc) {
			t.Errorf("%s part 2: no meta description %s", lang, desc)
		}
		if _, ok := files[lang+"/print/3/index.html"]; ok {
			t.Errorf("%s: a third part of four briefs at three a part", lang)
		}
	}
	if err := audit.Check(res.Files, audit.Options{BaseURL: res.Site.Config.BaseURL, Dir: "public", Sources: audit.Sources(res.Site)}); err != nil {
		t.Errorf("audit of the site with its booklet in parts:\n%v", err)
	}
	// Kept out of search engines, as the booklet in one part is: the briefs' own pages are
	// the ones to find.
	if sm := get(t, files, "sitemap.xml"); strings.Contains(sm, "/print/") {
		t.Errorf("the sitemap lists a part of the booklet")
	}
	if !strings.Contains(get(t, files, "ja/print/2/index.html"), `<meta name="robots" content="noindex">`) {
		t.Errorf("part 2 of the ja booklet does not ask search engines not to index it")
	}
}

// A country and a theme may share a name (countries/ddr.md, themes/ddr.md): their pages
// and the booklet that shows both must still have unique ids, so the audit passes.
func TestCountryAndThemeOfTheSameName(t *testing.T) {
	fsys := sitetest.FS(t, "testdata/sites/basic")
	sudan := string(fsys["content/en/countries/sudan.md"].Data)
	sudan = strings.Replace(sudan, `title = "Sudan"`, `title = "Ddr"`, 1)
	sudan = strings.Replace(sudan, "[[figures]]", "[[events]]\ndate = \"2006-05\"\ntext = \"An event.\"\n\n[[figures]]", 1)
	fsys["content/en/countries/ddr.md"] = &fstest.MapFile{Data: []byte(sudan), Mode: 0o644}
	res, files := buildFiles(t, fsys)
	booklet := get(t, files, "en/print/index.html")
	for _, id := range []string{`id="ddr"`, `id="theme-ddr"`, `id="events-h-ddr"`, `id="events-h-theme-ddr"`} {
		if !strings.Contains(booklet, id) {
			t.Errorf("the booklet has no %s", id)
		}
	}
	if err := audit.Check(res.Files, audit.Options{BaseURL: res.Site.Config.BaseURL, Dir: "public", Sources: audit.Sources(res.Site)}); err != nil {
		t.Errorf("audit:\n%v", err)
	}
}

// A translation never marked as translated from its source gets its own notice (it may
// be a copy of the source still being translated); a marked one, none while its source is
// unchanged, and the stale notice once the source changes.
func TestTranslationNotices(t *testing.T) {
	fsys := sitetest.FS(t, "testdata/sites/basic")
	page := func() string {
		t.Helper()
		_, files := buildFiles(t, fsys)
		return get(t, files, "ja/countries/cambodia/index.html")
	}
	unmarked, stale := "この翻訳は英語版との照合が済んでおらず", "この翻訳の作成後に更新されています"
	if p := page(); !strings.Contains(p, unmarked) || strings.Contains(p, stale) {
		t.Errorf("an unmarked translation: want the unmarked notice alone")
	}
	en := &content.File{Lang: "en", Path: "countries/cambodia.md", Name: "content/en/countries/cambodia.md"}
	if err := content.Parse(en, fsys["content/en/countries/cambodia.md"].Data); err != nil {
		t.Fatal(err)
	}
	ja := fsys["content/ja/countries/cambodia.md"]
	ja.Data = []byte(strings.Replace(string(ja.Data), "+++\n", "+++\nsource_hash = \""+content.SourceHash(en)+"\"\n", 1))
	if p := page(); strings.Contains(p, unmarked) || strings.Contains(p, stale) {
		t.Errorf("a current translation: want no notice")
	}
	src := fsys["content/en/countries/cambodia.md"]
	src.Data = []byte(strings.Replace(string(src.Data), `title = "Cambodia"`, `title = "Kingdom of Cambodia"`, 1))
	if p := page(); strings.Contains(p, unmarked) || !strings.Contains(p, stale) {
		t.Errorf("a translation whose source changed: want the stale notice alone")
	}
}

// A fallback page shows another language's text: every element that shows its title,
// summary or texts says so (lang), on the page and where other pages list it; pages of
// the site's own language carry no lang of their own.
func TestFallbackTextIsMarkedWithItsLanguage(t *testing.T) {
	files := buildBasic(t)
	// ja/countries/sudan is a fallback to the English file.
	for _, c := range []struct{ file, want string }{
		{"ja/countries/sudan/index.html", `<h1 lang="en">Sudan</h1>`},
		{"ja/countries/sudan/index.html", `<p class="summary" lang="en">Support for the comprehensive peace agreement.`},
		{"ja/countries/sudan/index.html", `<span class="figure-label" lang="en">Aid pledged</span>`},
		{"ja/countries/index.html", `<li lang="en"><a href="sudan/">Sudan <span class="fallback-mark">(EN)</span></a>：Support for the comprehensive peace agreement.</li>`},
		{"ja/figures/index.html", `<td class="figure-label" lang="en" data-label="項目">Aid pledged</td>`},
		{"ja/countries/cambodia/index.html", `<h1>カンボジア</h1>`},
		{"en/countries/sudan/index.html", `<h1>Sudan</h1>`},
	} {
		if page := get(t, files, c.file); !strings.Contains(page, c.want) {
			t.Errorf("%s has no %s", c.file, c.want)
		}
	}
}

// TestCopyNotYetTranslatedIsAFallback: a Japanese file still a copy of the English (as
// build check -new starts one) is not published as a Japanese page: its page is the
// English page's fallback, out of the sitemap, and the build warns with its file and line.
func TestCopyNotYetTranslatedIsAFallback(t *testing.T) {
	fsys := sitetest.FS(t, "testdata/sites/basic")
	en := fsys["content/en/countries/sudan.md"].Data
	copied := strings.Replace(string(en), "weight = 20\n", "", 1)
	fsys["content/ja/countries/sudan.md"] = &fstest.MapFile{Data: []byte(copied)}
	res, files := buildFiles(t, fsys)
	page := get(t, files, "ja/countries/sudan/index.html")
	for _, want := range []string{`<h1 lang="en">Sudan</h1>`, "このページはまだ日本語に翻訳されていません"} {
		if !strings.Contains(page, want) {
			t.Errorf("ja/countries/sudan/index.html has no %s", want)
		}
	}
	if strings.Contains(get(t, files, "sitemap.xml"), "ja/countries/sudan/") {
		t.Error("the sitemap lists the page of a copy not yet translated")
	}
	want := "content/ja/countries/sudan.md:13: still in en, not yet translated"
	if !slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.HasPrefix(w, want) }) {
		t.Errorf("warnings %q, want one starting %q", res.Warnings, want)
	}
	// The translator check still reads the file: the site keeps it.
	if !slices.ContainsFunc(res.Site.Files(), func(f *content.File) bool { return f.Name == "content/ja/countries/sudan.md" }) {
		t.Error("the site's files leave out the copy not yet translated")
	}
}

// TestSitemapLastModFromHistory: a page's lastmod is the latest date of its own file and
// the file it inherits from; a page made from the whole site takes the latest of its
// language; without a date (a MapFS file has no time) there is no lastmod.
func TestSitemapLastModFromHistory(t *testing.T) {
	dates := map[string]string{"content/en/countries/cambodia.md": "2024-05-06", "content/ja/countries/cambodia.md": "2025-01-02", "data/glossary.toml": "2025-03-04"}
	var asked []string
	res, err := pipeline.Build(sitetest.FS(t, "testdata/sites/basic"), pipeline.Options{Dates: func(names []string) map[string]string {
		asked = names
		return dates
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(asked, "content/en/countries/cambodia.md") || !slices.Contains(asked, "data/glossary.toml") {
		t.Errorf("Dates was asked for %q, want every content file and the glossary", asked)
	}
	var sm string
	for _, f := range res.Files {
		if f.Path == "sitemap.xml" {
			sm = string(f.Data)
		}
	}
	for url, want := range map[string]string{
		"en/countries/cambodia/": "2024-05-06",
		"ja/countries/cambodia/": "2025-01-02", // its own file is newer than the English it inherits from
		"en/timeline/":           "2024-05-06",
		"ja/timeline/":           "2025-01-02",
		"en/glossary/":           "2025-03-04",
		"en/":                    "", // no date for its file
	} {
		re := regexp.MustCompile(`<loc>https://example\.org/briefing/` + regexp.QuoteMeta(url) + `</loc>(<lastmod>([^<]*)</lastmod>)?`)
		m := re.FindStringSubmatch(sm)
		if m == nil {
			t.Errorf("sitemap.xml has no entry for %s", url)
			continue
		}
		if m[2] != want {
			t.Errorf("sitemap.xml: lastmod of %s is %q, want %q", url, m[2], want)
		}
	}
}

// A one-off build lets go of a page's view once the page is made: the status page's view
// holds the report of every translation, which must not live to the end of the build.
func TestStreamLetsGoOfAPageOnceMade(t *testing.T) {
	type report struct{ rows []string }
	var held weak.Pointer[report]
	opts := pipeline.Options{Extra: func(*config.Config, *glossary.Glossary, []*content.File) pipeline.ExtraPages {
		return func(s *site.Site, r *render.Renderer) ([]*render.View, error) {
			rep := &report{rows: []string{"a row"}}
			held = weak.Make(rep)
			return []*render.View{r.NewView(s, "404", "en", "extra/", "Extra", rep)}, nil
		}
	}}
	var mu sync.Mutex
	made, letGo, waited := false, false, false
	// On a loaded machine the worker that makes the extra page may not run again before
	// the other has made every page left, and no page then comes after it to look from:
	// such a build is made again.
	for attempt := 0; attempt < 5 && !waited; attempt++ {
		made, letGo = false, false
		_, err := pipeline.Stream(sitetest.FS(t, "testdata/sites/basic"), opts, func(f publish.File) error {
			mu.Lock()
			defer mu.Unlock()
			switch {
			case f.Path == "extra/index.html":
				made = true
			case made && !letGo:
				// A page made after the extra page: once the worker that made it is done
				// with it, nothing holds its view. That worker may not be done yet when
				// the other emits the next page: the first page after it waits a second
				// for it, the time a view held to the end would be held anyway.
				deadline := time.Now().Add(time.Second)
				for {
					runtime.GC()
					if letGo = held.Value() == nil; letGo || waited || time.Now().After(deadline) {
						break
					}
					time.Sleep(time.Millisecond)
				}
				waited = true
			}
			return nil
		})
		if err != nil {
			t.Fatalf("Stream: %v", err)
		}
		if !made {
			t.Fatal("the extra page was not made")
		}
	}
	if !waited {
		t.Fatal("in five builds no page was made after the extra page: nothing to look from")
	}
	if !letGo {
		t.Error("the extra page's view was kept until the end of the build")
	}
}

// An author of the source who adds an event does not stop the build: the stale
// translation, whose events can no longer be paired with the source's, shows the source's
// events marked with their language, and the build warns with the file and line. The
// count-mismatch archive of testdata/errors keeps the error for a translation marked as
// current.
func TestSourceWithANewEventKeepsBuilding(t *testing.T) {
	res, files := buildFiles(t, basicWithEnglishDDR(t, "[[events]]\ndate = \"2004-06\"\ntext = \"A second event.\"\n"))
	if !slices.ContainsFunc(res.Warnings, func(w string) bool {
		return strings.HasPrefix(w, "content/ja/themes/ddr.md:5: 1 [[events]] here but 2 in content/en/themes/ddr.md, and this translation was marked against an earlier version of that file")
	}) {
		t.Errorf("no warning of the events' count; warnings: %q", res.Warnings)
	}
	page := files["ja/themes/ddr/index.html"]
	for _, want := range []string{`<span lang="en">ANBP starts.</span>`, `<span lang="en">A second event.</span>`} {
		if !strings.Contains(page, want) {
			t.Errorf("ja/themes/ddr/ does not show the source's event %s", want)
		}
	}
	if strings.Contains(page, "ANBP発足。") {
		t.Error("ja/themes/ddr/ pairs its one event with one of the source's two")
	}
}

// An editor's note shown on a page of another language marks each part with its
// language: the source's wording always (the source document's language), and the page's
// wording and the note when a stale translation shows its source's notes.
func TestEditorsNoteMarksItsLanguages(t *testing.T) {
	_, files := buildFiles(t, basicWithEnglishDDR(t, "[[corrections]]\nsource = \"Disarmement\"\ncorrection = \"Disarmament\"\nnote = \"A misprint.\"\n"))
	want := map[string]string{
		"en/themes/ddr/index.html": `<li>The source says “Disarmement”; this page says “Disarmament”. A misprint.</li>`,
		"ja/themes/ddr/index.html": `<li>出典では「<span lang="en">Disarmement</span><span class="nobr">」と</span>あるが、本ページでは「<span lang="en">Disarmament</span><span class="nobr">」と</span>した。<span lang="en">A misprint.</span></li>`,
	}
	for path, line := range want {
		if !strings.Contains(strings.ReplaceAll(files[path], "<wbr>", ""), line) {
			t.Errorf("%s does not have the editor's note %s", path, line)
		}
	}
}

// basicWithEnglishDDR is the basic fixture with toml added at the end of the front matter
// of content/en/themes/ddr.md: an author's edit that makes its translation stale.
func basicWithEnglishDDR(t *testing.T, toml string) fstest.MapFS {
	t.Helper()
	fsys := sitetest.FS(t, "testdata/sites/basic")
	en := fsys["content/en/themes/ddr.md"]
	en.Data = bytes.Replace(en.Data, []byte("+++\nDDR in"), []byte("\n"+toml+"+++\nDDR in"), 1)
	return fsys
}

// The build's summary line names a few fallback pages, which are an author's new briefs
// to translate, and leaves many to make check.
func TestSummaryLineNamesFallbacks(t *testing.T) {
	langs := []string{"en", "ja"}
	pages := map[string]int{"en": 3, "ja": 3}
	for _, c := range []struct {
		fallbacks []string
		want      string
	}{
		{nil, "pages en 3, ja 3; 0 fallbacks; 9 files"},
		{[]string{"ja/countries/chad/"}, "pages en 3, ja 3; 1 fallback (ja/countries/chad/); 9 files"},
		{[]string{"ja/a/", "ja/b/", "ja/c/"}, "pages en 3, ja 3; 3 fallbacks (ja/a/, ja/b/, ja/c/); 9 files"},
		{[]string{"ja/a/", "ja/b/", "ja/c/", "ja/d/"}, "pages en 3, ja 3; 4 fallbacks (ja/a/, ja/b/, ja/c/, …: make check lists them); 9 files"},
	} {
		if got := (pipeline.Summary{Pages: pages, Fallbacks: c.fallbacks, Files: 9}).Line(langs); got != c.want {
			t.Errorf("Line with fallbacks %q = %q, want %q", c.fallbacks, got, c.want)
		}
	}
	// Translations published before they are marked as checked are named too.
	for _, c := range []struct {
		unchecked []string
		want      string
	}{
		{[]string{"ja/countries/chad/"}, "pages en 3, ja 3; 0 fallbacks; 1 stale translation (ja/countries/chad/); 9 files"},
		{[]string{"ja/a/", "ja/b/"}, "pages en 3, ja 3; 0 fallbacks; 2 stale translations (ja/a/, ja/b/); 9 files"},
	} {
		if got := (pipeline.Summary{Pages: pages, Unchecked: c.unchecked, Files: 9}).Line(langs); got != c.want {
			t.Errorf("Line with translations not checked %q = %q, want %q", c.unchecked, got, c.want)
		}
	}
}
