package audit_test

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"peacebuilding/internal/audit"
	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/sitetest"
	"peacebuilding/internal/synth"
)

const base = "https://example.org/briefing/"

// head is the <head> of a test page; alts are "lang url" pairs, url relative to base. A
// page with a canonical URL has the tags of a shared page (OpenGraph, X card, theme-color,
// touch icon); one without (the 404 page) has none.
func head(lang, title, canonical string, alts ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><title>%s</title><meta name="description" content="About %s.">`, lang, title, title)
	if canonical != "404" {
		fmt.Fprintf(&b, `<link rel="canonical" href="%s%s">`, base, canonical)
		fmt.Fprintf(&b, `<meta property="og:type" content="website"><meta property="og:site_name" content="Briefing"><meta property="og:title" content="%s"><meta property="og:description" content="About %s."><meta property="og:url" content="%s%s"><meta property="og:locale" content="%s_XX">`, title, title, base, canonical, lang)
		for _, a := range alts {
			if l, _, _ := strings.Cut(a, " "); l != lang && l != "x-default" {
				fmt.Fprintf(&b, `<meta property="og:locale:alternate" content="%s_XX">`, l)
			}
		}
		fmt.Fprintf(&b, `<meta property="og:image" content="%sassets/share.png"><meta name="twitter:card" content="summary_large_image"><meta name="theme-color" content="#fff"><link rel="apple-touch-icon" href="ROOTassets/share.png">`, base)
	}
	for _, a := range alts {
		l, u, _ := strings.Cut(a, " ")
		fmt.Fprintf(&b, `<link rel="alternate" hreflang="%s" href="%s%s">`, l, base, u)
	}
	b.WriteString(`<link rel="stylesheet" href="ROOTassets/style.css"></head>`)
	return b.String()
}

// smallPNG is a PNG of another size.
var smallPNG = func() string {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 16, 16))); err != nil {
		panic(err)
	}
	return b.String()
}()

// sharePNG is a 1200 x 630 PNG, the size of a share image.
var sharePNG = func() string {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1200, 630))); err != nil {
		panic(err)
	}
	return b.String()
}()

// smallSite is a correct two-language site: a chooser, two homes, a page in both
// languages with a Japanese heading id, a page only in English with its Japanese fallback
// copy, the 404 and status pages, sitemap and robots.txt.
func smallSite() map[string]string {
	both := []string{"en en/a/", "ja ja/a/", "x-default en/a/"}
	homes := []string{"en en/", "ja ja/", "x-default en/"}
	page := func(root, h, body string) string {
		return strings.ReplaceAll(h, "ROOT", root) + `<body class="layout-page"><main id="main">` + body + `</main></body></html>`
	}
	return map[string]string{
		"index.html": page("", head("en", "Briefing", ""), `<a href="en/">English</a> <a href="ja/">日本語</a>`),
		"en/index.html": page("../", head("en", "Briefing", "en/", homes...),
			`<a href="a/">A</a> <a href="b/">B</a> <a href="a/#%E9%81%B8%E6%8C%99">elections</a> <a href="https://www.mofa.go.jp/" class="ext">MOFA</a> <a href="mailto:x@example.org" class="ext">mail</a> <a href="#main">top</a>`),
		"ja/index.html":   page("../", head("ja", "ブリーフィング", "ja/", homes...), `<a href="a/">A</a> <a href="b/">B (EN)</a>`),
		"en/a/index.html": page("../../", head("en", "A", "en/a/", both...), `<h2 id="選挙">Elections</h2><a href="../../ja/a/" hreflang="ja">日本語</a>`),
		"ja/a/index.html": page("../../", head("ja", "エー", "ja/a/", both...), `<h2 id="選挙">選挙</h2><a href="../../en/a/#%E9%81%B8%E6%8C%99">English</a>`),
		"en/b/index.html": page("../../", head("en", "B", "en/b/", "en en/b/", "x-default en/b/"), `<p>Only in English.</p>`),
		"ja/b/index.html": page("../../", head("ja", "B", "en/b/"), `<p lang="en">Only in English.</p>`),
		"404.html":        page("/briefing/", head("en", "Not found", "404"), `<a href="/briefing/en/">Home</a>`),
		"status/index.html": page("../", strings.Replace(head("en", "Status", "status/"), "</head>", `<meta name="robots" content="noindex"></head>`, 1),
			`<a href="../en/">Home</a>`),
		"assets/style.css": "body{margin:0}",
		"assets/share.png": sharePNG,
		"robots.txt":       "User-agent: *\nDisallow: /briefing/status/\n\nSitemap: " + base + "sitemap.xml\n",
		"sitemap.xml": `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
<url><loc>` + base + `</loc></url>
<url><loc>` + base + `en/</loc>` + links(homes...) + `</url>
<url><loc>` + base + `en/a/</loc>` + links(both...) + `</url>
<url><loc>` + base + `en/b/</loc>` + links("en en/b/", "x-default en/b/") + `</url>
<url><loc>` + base + `ja/</loc>` + links(homes...) + `</url>
<url><loc>` + base + `ja/a/</loc>` + links(both...) + `</url>
</urlset>
`,
	}
}

func links(alts ...string) string {
	var b strings.Builder
	for _, a := range alts {
		l, u, _ := strings.Cut(a, " ")
		fmt.Fprintf(&b, `<xhtml:link rel="alternate" hreflang="%s" href="%s%s"/>`, l, base, u)
	}
	return b.String()
}

func files(m map[string]string) []publish.File {
	var out []publish.File
	for p, d := range m {
		out = append(out, publish.File{Path: p, Data: []byte(d)})
	}
	publish.SortFiles(out)
	return out
}

func TestCheckAcceptsACorrectSite(t *testing.T) {
	if err := audit.Check(files(smallSite()), audit.Options{BaseURL: base}); err != nil {
		t.Errorf("Check(small site) = %v, want no problems", err)
	}
}

// edit replaces old by new in one file of the site; new == "" with old == "" deletes it.
type edit struct{ file, old, new string }

func TestCheckFindsEachDefect(t *testing.T) {
	tests := []struct {
		name  string
		edits []edit
		want  string
	}{
		{"broken link", []edit{{"en/index.html", `href="a/"`, `href="c/"`}},
			`public/en/index.html: <a href="c/"> leads to en/c/index.html, which the output does not have (layouts/page.html)`},
		// A site built without build pdf has no PDFs, and its pages must not link to them.
		{"link to a missing PDF", []edit{{"en/index.html", `href="a/"`, `href="pdf/countries/a.pdf"`}},
			`public/en/index.html: <a href="pdf/countries/a.pdf"> leads to en/pdf/countries/a.pdf, which the output does not have (layouts/page.html)`},
		{"folder without final slash", []edit{{"en/index.html", `href="a/"`, `href="a"`}},
			`public/en/index.html: <a href="a"> leads to the folder en/a/ without its final slash (layouts/page.html)`},
		{"missing stylesheet", []edit{{"assets/style.css", "", ""}},
			strings.Join([]string{
				`public/404.html: <link href="/briefing/assets/style.css"> leads to assets/style.css, which the output does not have (layouts/page.html)`,
				`public/en/a/index.html: <link href="../../assets/style.css"> leads to assets/style.css, which the output does not have (layouts/page.html)`,
			}, "\n")},
		{"broken Japanese fragment", []edit{{"en/a/index.html", `<h2 id="選挙">`, `<h2 id="elections">`}},
			strings.Join([]string{
				`public/en/index.html: <a href="a/#%E9%81%B8%E6%8C%99">: en/a/index.html has no id "選挙" (layouts/page.html)`,
				`public/ja/a/index.html: <a href="../../en/a/#%E9%81%B8%E6%8C%99">: en/a/index.html has no id "選挙" (layouts/page.html)`,
			}, "\n")},
		{"fragment of the page itself", []edit{{"en/index.html", `href="#main"`, `href="#nowhere"`}},
			`public/en/index.html: <a href="#nowhere">: en/index.html has no id "nowhere" (layouts/page.html)`},
		{"root-relative link outside the base path", []edit{{"404.html", `href="/briefing/en/"`, `href="/en/"`}},
			`public/404.html: <a href="/en/"> leads to another host (example.org)`},
		{"link to another host", []edit{{"en/a/index.html", `hreflang="ja">`, `hreflang="ja"></a><a href="https://fonts.example.com/x.css">`}},
			`public/en/a/index.html: <a href="https://fonts.example.com/x.css"> leads to another host (fonts.example.com); only links written in content files (class="ext") may leave the site (layouts/page.html)`},
		{"absolute link to the site", []edit{{"en/a/index.html", `href="../../ja/a/"`, `href="https://example.org/briefing/ja/a/"`}},
			`public/en/a/index.html: <a href="https://example.org/briefing/ja/a/"> is an absolute URL of the site; write it relative, so that the site works at any address (layouts/page.html)`},
		{"javascript link", []edit{{"en/index.html", `href="a/"`, `href="javascript:alert(1)"`}},
			`public/en/index.html: <a href="javascript:alert(1)">: javascript: URLs are not allowed (layouts/page.html)`},
		{"relative canonical", []edit{{"en/b/index.html", `<link rel="canonical" href="https://example.org/briefing/en/b/">`, `<link rel="canonical" href="./">`}},
			`public/en/b/index.html: <link href="./"> must be an absolute URL under https://example.org/briefing/ (layouts/page.html)`},
		{"no lang", []edit{{"en/b/index.html", `<html lang="en">`, `<html>`}},
			`public/en/b/index.html: <html> has no lang attribute (layouts/page.html)`},
		{"empty title", []edit{{"en/b/index.html", `<title>B</title>`, `<title> </title>`}},
			`public/en/b/index.html: <title> is empty (layouts/page.html)`},
		{"no description", []edit{{"en/b/index.html", `<meta name="description" content="About B.">`, ``}},
			`public/en/b/index.html: no <meta name="description"> (layouts/page.html)`},
		{"no canonical", []edit{{"en/b/index.html", `<link rel="canonical" href="https://example.org/briefing/en/b/">`, ``}},
			`public/en/b/index.html: no <link rel="canonical"> (layouts/page.html)`},
		{"a canonical on the 404 page", []edit{{"404.html", `<title>`, `<link rel="canonical" href="https://example.org/briefing/404.html"><title>`}},
			`public/404.html: has a canonical link: the 404 page is served at every missing URL and must not name one (layouts/page.html)`},
		{"no og:image", []edit{{"en/b/index.html", `<meta property="og:image" content="https://example.org/briefing/assets/share.png">`, ``}},
			`public/en/b/index.html: no og:image: a shared link would show no proper preview (layouts/page.html)`},
		{"og:url not canonical", []edit{{"en/b/index.html", `<meta property="og:url" content="https://example.org/briefing/en/b/">`, `<meta property="og:url" content="https://example.org/briefing/en/">`}},
			`public/en/b/index.html: og:url "https://example.org/briefing/en/" is not the canonical URL "https://example.org/briefing/en/b/" (layouts/page.html)`},
		{"og:locale of another language", []edit{{"ja/a/index.html", `<meta property="og:locale" content="ja_XX">`, `<meta property="og:locale" content="en_XX">`}},
			`public/ja/a/index.html: og:locale "en_XX" is not of the page's language "ja" (layouts/page.html)`},
		{"no og:locale:alternate for a translation", []edit{{"en/a/index.html", `<meta property="og:locale:alternate" content="ja_XX">`, ``}},
			`public/en/a/index.html: no og:locale:alternate for its ja translation (layouts/page.html)`},
		{"share image of the wrong size", []edit{{"assets/share.png", sharePNG, smallPNG}},
			`public/en/b/index.html: og:image assets/share.png is 16 x 16, want 1200 x 630 (layouts/page.html)`},
		{"share image missing", []edit{{"assets/share.png", "", ""}},
			`public/en/b/index.html: og:image "https://example.org/briefing/assets/share.png" is not a PNG file of the output (layouts/page.html)`},
		{"no touch icon", []edit{{"en/b/index.html", `<link rel="apple-touch-icon" href="../../assets/share.png">`, ``}},
			`public/en/b/index.html: no <link rel="apple-touch-icon"> (layouts/page.html)`},
		{"a home page without its WebSite", []edit{{"en/index.html", `class="layout-page"`, `class="layout-home"`}},
			`public/en/index.html: a home page without a JSON-LD WebSite (layouts/home.html)`},
		{"JSON-LD of a home page that does not read", []edit{{"en/index.html", `class="layout-page"`, `class="layout-home"`}, {"en/index.html", `</head>`, `<script type="application/ld+json">{"@type":</script></head>`}},
			`public/en/index.html: JSON-LD does not read: unexpected end of JSON input (layouts/home.html)`},
		{"duplicate id", []edit{{"en/a/index.html", `<main id="main">`, `<main id="main"><p id="main">`}},
			`public/en/a/index.html: id "main" is used twice: a link to #main is ambiguous (layouts/page.html)`},
		{"hreflang not reciprocal", []edit{{"ja/a/index.html", `<link rel="alternate" hreflang="en" href="https://example.org/briefing/en/a/">`, ``}},
			`public/en/a/index.html: hreflang "ja" leads to ja/a/index.html, which has no hreflang link back to this page (layouts/page.html)`},
		{"hreflang to a fallback copy", []edit{{"en/b/index.html", `<link rel="alternate" hreflang="en" href="https://example.org/briefing/en/b/">`, `<link rel="alternate" hreflang="en" href="https://example.org/briefing/en/b/"><link rel="alternate" hreflang="ja" href="https://example.org/briefing/ja/b/">`}},
			`public/en/b/index.html: hreflang "ja" leads to ja/b/index.html, which is not its own canonical page (a fallback copy?) (layouts/page.html)`},
		{"hreflang to a missing page", []edit{{"en/b/index.html", `hreflang="x-default" href="https://example.org/briefing/en/b/"`, `hreflang="ja" href="https://example.org/briefing/ja/c/"`}},
			`public/en/b/index.html: hreflang "ja" leads to ja/c/index.html, which the output does not have (layouts/page.html)`},
		{"hreflang in the wrong language", []edit{{"ja/a/index.html", `<html lang="ja">`, `<html lang="en">`}},
			`public/en/a/index.html: hreflang "ja" leads to ja/a/index.html, whose language is "en" (layouts/page.html)`},
		{"sitemap lists a fallback copy", []edit{{"sitemap.xml", `</urlset>`, `<url><loc>` + base + `ja/b/</loc></url></urlset>`}},
			`public/sitemap.xml: <loc>https://example.org/briefing/ja/b/</loc> lists ja/b/index.html, which is not published (a fallback copy, noindex or the 404 page)`},
		{"sitemap lists the status page", []edit{{"sitemap.xml", `</urlset>`, `<url><loc>` + base + `status/</loc></url></urlset>`}},
			`public/sitemap.xml: <loc>https://example.org/briefing/status/</loc> lists status/index.html, which is not published`},
		{"sitemap misses a page", []edit{{"sitemap.xml", `<url><loc>` + base + `en/b/</loc>` + links("en en/b/", "x-default en/b/") + `</url>`, ``}},
			`public/sitemap.xml: en/b/index.html is published (its own canonical page, not noindex) but not listed`},
		{"sitemap alternates differ", []edit{{"sitemap.xml", `<url><loc>` + base + `en/b/</loc>` + links("en en/b/", "x-default en/b/"), `<url><loc>` + base + `en/b/</loc>` + links("en en/b/")}},
			`public/sitemap.xml: <loc>https://example.org/briefing/en/b/</loc>: its alternates [en en/b/index.html] differ from the hreflang links of en/b/index.html [en en/b/index.html, x-default en/b/index.html]`},
		{"robots names another sitemap", []edit{{"robots.txt", base + "sitemap.xml", "https://example.com/sitemap.xml"}},
			`public/robots.txt: Sitemap: https://example.com/sitemap.xml, want https://example.org/briefing/sitemap.xml`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := smallSite()
			for _, e := range tt.edits {
				if e.old == "" && e.new == "" {
					delete(site, e.file)
					continue
				}
				if !strings.Contains(site[e.file], e.old) {
					t.Fatalf("test edit: %s has no %q", e.file, e.old)
				}
				site[e.file] = strings.Replace(site[e.file], e.old, e.new, 1)
			}
			err := audit.Check(files(site), audit.Options{BaseURL: base, Dir: "public"})
			if err == nil {
				t.Fatalf("Check found nothing, want %q", tt.want)
			}
			for _, want := range strings.Split(tt.want, "\n") {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("Check problems:\n%v\nwant a line with\n%s", err, want)
				}
			}
		})
	}
}

// TestCheckNamesTheMarkdownLine checks that a broken link written in a content file is
// reported with that file and line, from the site model's links.
func TestCheckNamesTheMarkdownLine(t *testing.T) {
	site := smallSite()
	site["en/index.html"] = strings.Replace(site["en/index.html"], `href="b/"`, `href="c/#%E9%81%B8%E6%8C%99"`, 1)
	sources := map[string]audit.Source{"en/index.html": {File: "content/en/_index.md", Links: map[string]string{
		audit.LinkKey("en/c/", "選挙"): "content/en/_index.md:7",
	}}}
	err := audit.Check(files(site), audit.Options{BaseURL: base, Dir: "public", Sources: sources})
	want := `public/en/index.html: <a href="c/#%E9%81%B8%E6%8C%99"> leads to en/c/index.html, which the output does not have (written at content/en/_index.md:7)`
	if err == nil || err.Error() != want {
		t.Errorf("Check = %v, want %s", err, want)
	}
}

// TestSummariesAgreeWithCheck checks that files added to Summaries from several goroutines
// at once, in any order, are audited as Check audits them, problem for problem, a file
// written twice included.
func TestSummariesAgreeWithCheck(t *testing.T) {
	site := smallSite()
	site["en/index.html"] = strings.Replace(site["en/index.html"], `href="a/"`, `href="c/"`, 1)
	site["en/a/index.html"] = strings.Replace(site["en/a/index.html"], `<h2 id="選挙">`, `<h2 id="elections">`, 1)
	all := files(site)
	all = append(all, all[len(all)/2])
	opts := audit.Options{BaseURL: base, Dir: "public"}
	want := audit.Check(all, opts)
	if want == nil || !strings.Contains(want.Error(), "written twice") {
		t.Fatalf("Check = %v, want broken links and a file written twice", want)
	}
	for shift := range len(all) {
		var s audit.Summaries
		var wg sync.WaitGroup
		for i := range all {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s.Add(all[(len(all)-1-i+shift)%len(all)])
			}()
		}
		wg.Wait()
		if got := s.Check(opts); got == nil || got.Error() != want.Error() {
			t.Fatalf("Summaries, order %d:\n%v\nCheck:\n%v", shift, got, want)
		}
		if s.Len() != len(all) {
			t.Errorf("Len = %d, want %d", s.Len(), len(all))
		}
	}
}

func TestCheckAcceptsTheFixtureSite(t *testing.T) {
	for _, baseURL := range []string{"", "http://127.0.0.1:8080/", "https://example.net/a/b/"} {
		res, err := pipeline.Build(sitetest.FS(t, "testdata/sites/basic"), pipeline.Options{BaseURL: baseURL})
		if err != nil {
			t.Fatalf("Build: %v", err)
		}
		opts := audit.Options{BaseURL: res.Site.Config.BaseURL, Dir: "public", Sources: audit.Sources(res.Site)}
		if err := audit.Check(res.Files, opts); err != nil {
			t.Errorf("audit of the fixture built for %s:\n%v", res.Site.Config.BaseURL, err)
		}
	}
}

func TestCheckAcceptsTheRealSite(t *testing.T) {
	res, err := pipeline.Build(os.DirFS(sitetest.RepoRoot()), pipeline.Options{})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if err := audit.Check(res.Files, audit.Options{BaseURL: res.Site.Config.BaseURL, Dir: "public", Sources: audit.Sources(res.Site)}); err != nil {
		t.Errorf("audit of the real site:\n%v", err)
	}
}

func TestBaseURLOfReadsTheRootCanonical(t *testing.T) {
	got, err := audit.BaseURLOf(files(smallSite()))
	if err != nil || got != base {
		t.Errorf("BaseURLOf(small site) = %q, %v, want %q", got, err, base)
	}
	if _, err := audit.BaseURLOf(nil); err == nil {
		t.Error("BaseURLOf(no files) succeeded, want an error")
	}
}

// BenchmarkCheckRealSite measures the audit that every build runs, on the real site.
func BenchmarkCheckRealSite(b *testing.B) {
	res, err := pipeline.Build(os.DirFS(sitetest.RepoRoot()), pipeline.Options{})
	if err != nil {
		b.Fatalf("Build: %v", err)
	}
	opts := audit.Options{BaseURL: res.Site.Config.BaseURL, Sources: audit.Sources(res.Site)}
	for b.Loop() {
		if err := audit.Check(res.Files, opts); err != nil {
			b.Fatal(err)
		}
	}
}

var benchPages = flag.Int("benchpages", 200, "country pages per language of the synthetic site of BenchmarkSummaries")

// BenchmarkSummaries measures the audit as a build runs it, on a synthetic site: every
// file added as it is made, then the check. retained-B/op is what the summaries hold until
// the check, the memory a build keeps for its audit. Profile it with
//
//	go test ./internal/audit -run '^$' -bench Summaries -benchpages 1000 -benchmem -cpuprofile cpu.prof
func BenchmarkSummaries(b *testing.B) {
	fsys, err := synth.FS(*benchPages, os.DirFS(sitetest.RepoRoot()))
	if err != nil {
		b.Fatal(err)
	}
	res, err := pipeline.Build(fsys, pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	opts := audit.Options{BaseURL: res.Site.Config.BaseURL, Sources: audit.Sources(res.Site)}
	summarize := func() *audit.Summaries {
		s := new(audit.Summaries)
		for _, f := range res.Files {
			s.Add(f)
		}
		return s
	}
	before := sitetest.HeapInUse()
	s := summarize()
	retained := sitetest.HeapInUse() - before
	if err := s.Check(opts); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := summarize().Check(opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(retained), "retained-B/op")
}

// TestCheckNamesTheMarkdownLineInTheBooklet checks that a broken link of a body shown in the
// print booklet, where it is written relative to the booklet, is traced to its Markdown line.
func TestCheckNamesTheMarkdownLineInTheBooklet(t *testing.T) {
	res, err := pipeline.Build(sitetest.FS(t, "testdata/sites/basic"), pipeline.Options{})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	var kept []publish.File
	for _, f := range res.Files {
		if f.Path != "en/themes/ddr/index.html" {
			kept = append(kept, f)
		}
	}
	err = audit.Check(kept, audit.Options{BaseURL: res.Site.Config.BaseURL, Dir: "public", Sources: audit.Sources(res.Site)})
	cambodia := res.Site.Lookup("en", "countries/cambodia").File
	line := 0
	for i, l := range strings.Split(cambodia.Body, "\n") {
		if strings.Contains(l, "(../themes/ddr.md#afghanistan)") {
			line = cambodia.BodyLine + i
		}
	}
	want := fmt.Sprintf(`public/en/print/index.html: <a href="../themes/ddr/#afghanistan"> leads to en/themes/ddr/index.html, which the output does not have (written at content/en/countries/cambodia.md:%d)`, line)
	if line == 0 || err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Check problems:\n%v\nwant a line with\n%s", err, want)
	}
}

// TestCheckFindsABrokenSearchIndex breaks the search index of a built fixture site in each
// way the audit must notice: a search box is never published without its index.
func TestCheckFindsABrokenSearchIndex(t *testing.T) {
	res, err := pipeline.Build(sitetest.FS(t, "testdata/sites/basic"), pipeline.Options{BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		edit func(map[string][]byte)
		want string
	}{
		{"no meta.json", func(m map[string][]byte) { delete(m, "en/search/meta.json") }, "en/search/index.html: the search page has no index: en/search/meta.json is missing"},
		{"a shard missing", func(m map[string][]byte) { delete(m, "ja/search/s/3.json") }, "ja/search/meta.json: shard ja/search/s/3.json of the index is missing"},
		{"a text missing", func(m map[string][]byte) { delete(m, "en/search/t/0.json") }, "en/search/meta.json: text en/search/t/0.json of the index is missing"},
		{"the readings missing", func(m map[string][]byte) { delete(m, "ja/search/read.json") }, "ja/search/meta.json: the readings ja/search/read.json of the index are missing"},
		{"unreadable", func(m map[string][]byte) { m["en/search/meta.json"] = []byte("{") }, "en/search/meta.json: does not read as a search index"},
		{"text files short of the passages", func(m map[string][]byte) {
			m["en/search/meta.json"] = regexp.MustCompile(`"chunks":\[[0-9,e]*\]`).ReplaceAll(m["en/search/meta.json"], []byte(`"chunks":[1]`))
		}, "en/search/meta.json: the text files do not hold the"},
		{"a result to nowhere", func(m map[string][]byte) {
			m["en/search/meta.json"] = regexp.MustCompile(`"en/glossary/#[a-z-]+"`).ReplaceAll(m["en/search/meta.json"], []byte(`"en/glossary/#no-such-id"`))
		}, `en/search/meta.json: a result leads to en/glossary/#no-such-id: en/glossary/index.html has no id "no-such-id"`},
		// A glossary term after the first is written as the rest of its fragment after
		// "#term" (search.DocURL).
		{"a result to nowhere on the page before's", func(m map[string][]byte) {
			m["en/search/meta.json"] = regexp.MustCompile(`,"-[a-z-]+"`).ReplaceAll(m["en/search/meta.json"], []byte(`,"-nowhere"`))
		}, `en/search/meta.json: a result leads to en/glossary/#term-nowhere: en/glossary/index.html has no id "term-nowhere"`},
		{"documents short of the passages", func(m map[string][]byte) {
			m["en/search/meta.json"] = regexp.MustCompile(`("docs":\[\[0,"[^"]*","[^"]*",)`).ReplaceAll(m["en/search/meta.json"], []byte(`${1}1`))
		}, "en/search/meta.json: the documents hold"},
		{"a first document without its URL", func(m map[string][]byte) {
			m["en/search/meta.json"] = regexp.MustCompile(`"docs":\[\[0,"[^"]*"`).ReplaceAll(m["en/search/meta.json"], []byte(`"docs":[[0,""`))
		}, "en/search/meta.json: a document is not [kind, url, title, passages]"},
		{"no search page", func(m map[string][]byte) { delete(m, "ja/search/index.html") }, `<form action="../search/"> leads to ja/search/index.html, which the output does not have`},
	}
	if err := audit.Check(res.Files, audit.Options{BaseURL: base}); err != nil {
		t.Fatalf("the fixture site fails the audit before any change: %v", err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := map[string][]byte{}
			for _, f := range res.Files {
				m[f.Path] = f.Data
			}
			c.edit(m)
			var fs []publish.File
			for p, d := range m {
				fs = append(fs, publish.File{Path: p, Data: d})
			}
			err := audit.Check(fs, audit.Options{BaseURL: base})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("audit.Check = %v\nwant a problem containing %q", err, c.want)
			}
		})
	}
}
