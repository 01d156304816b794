package pdf_test

import (
	"bytes"
	"cmp"
	"compress/zlib"
	"context"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"peacebuilding/internal/pdf"
	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/site"
)

// missingTool ends a test whose tool is not installed: a skip that says why, or, with
// REQUIRE_TOOLS=1 (as .ci/run sets it), a failure, so that a check that did not run never
// counts as passed.
func missingTool(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s (REQUIRE_TOOLS=1: the tool is required)", msg)
	}
	t.Skip(msg)
}

// TestPrintedBriefs builds the real site, prints every country brief and both booklets
// with headless Chromium, and reads the PDFs back with pdftotext. A brief fits on two A4
// pages; every PDF shows its title, the as-of line and its canonical URL; every page has
// the site name and the as-of line in its top margin and the URL and "n / N" in its
// bottom margin; Japanese PDFs hold Japanese text; in a booklet every brief starts a page.
func TestPrintedBriefs(t *testing.T) {
	if testing.Short() {
		t.Skip("prints about 30 PDFs with Chromium; skipped with -short")
	}
	chromium, err := pdf.Find()
	if err != nil {
		missingTool(t, "%v", err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		missingTool(t, "pdftotext not found: apt-get install poppler-utils")
	}

	res, err := pipeline.Build(os.DirFS("../.."), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	siteDir := filepath.Join(dir, "site")
	if err := publish.Write(siteDir, res.Files); err != nil {
		t.Fatal(err)
	}
	targets := pdf.Targets(res.Site)
	jobs := make([]pdf.Job, len(targets))
	for i, tg := range targets {
		jobs[i] = pdf.Job{Src: filepath.Join(siteDir, filepath.FromSlash(tg.Src)), Out: filepath.Join(dir, "pdf", filepath.FromSlash(tg.Out))}
	}
	p := pdf.Printer{Chromium: chromium, Timeout: 2 * time.Minute}
	if err := p.PrintAll(context.Background(), jobs, 2); err != nil {
		t.Fatal(err)
	}

	for i, tg := range targets {
		t.Run(tg.Out, func(t *testing.T) {
			page, err := os.ReadFile(jobs[i].Src)
			if err != nil {
				t.Fatal(err)
			}
			asOf := asOfLine(t, page, res.Site.Config.AsOf[:4])
			lang, _ := res.Site.Config.Language(tg.Lang)
			data, err := os.ReadFile(jobs[i].Out)
			if err != nil {
				t.Fatal(err)
			}
			n, err := pdf.Pages(data)
			if err != nil {
				t.Fatal(err)
			}
			if tg.MaxPages > 0 && n > tg.MaxPages {
				t.Errorf("%d pages, want at most %d", n, tg.MaxPages)
			}
			pages := readPages(t, jobs[i].Out)
			if len(pages) != n {
				t.Fatalf("pdftotext found %d pages, pdf.Pages counted %d", len(pages), n)
			}
			var all strings.Builder
			for k, pg := range pages {
				if math.Abs(pg.width-595.3) > 2 || math.Abs(pg.height-841.9) > 2 {
					t.Errorf("page %d is %.1f x %.1f points, want A4 (595.3 x 841.9)", k+1, pg.width, pg.height)
				}
				all.WriteString(pg.header + pg.body + pg.footer)
				if tg.MaxPages == 0 && k == 0 {
					continue // a booklet's cover has no running header or footer
				}
				for _, want := range []string{lang.Title, asOf} {
					if !strings.Contains(pg.header, squash(want)) {
						t.Errorf("page %d: the top margin %q lacks %q", k+1, pg.header, want)
					}
				}
				if !strings.Contains(pg.footer, squash(tg.Canonical)) {
					t.Errorf("page %d: the bottom margin %q lacks the canonical URL %s", k+1, pg.footer, tg.Canonical)
				}
				if num := fmt.Sprintf("%d/%d", k+1, n); !strings.HasSuffix(pg.footer, num) {
					t.Errorf("page %d: the bottom margin %q does not end with the page number %q", k+1, pg.footer, num)
				}
			}
			for _, want := range []struct{ what, text string }{
				{"title", tg.Title},
				{"as-of line", asOf},
				{"canonical URL", tg.Canonical},
			} {
				if !strings.Contains(all.String(), squash(want.text)) {
					t.Errorf("the %s %q is not in the PDF text", want.what, want.text)
				}
			}
			if tg.Lang == "ja" {
				if jp := japaneseRunes(all.String()); jp < 200 {
					t.Errorf("%d Japanese characters in the PDF text, want hundreds (is fonts-noto-cjk installed?)", jp)
				}
			}
			// Links lead to the published site, not to the files the PDF was printed from.
			uris := linkURIs(t, data)
			internal := 0
			for _, u := range uris {
				switch {
				case strings.HasPrefix(u, res.Site.Config.BaseURL):
					internal++
				case !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://"):
					t.Errorf("a link to %s: want a link to the published site (%s)", u, res.Site.Config.BaseURL)
				}
			}
			if tg.MaxPages == 0 {
				checkBooklet(t, res.Site, tg.Lang, pages)
				if internal == 0 {
					t.Errorf("no link to a page of %s in the booklet (links: %q)", res.Site.Config.BaseURL, uris)
				}
				if !strings.Contains(string(data), "/Outlines") {
					t.Error("the booklet has no bookmarks (document outline)")
				}
			}
		})
	}
}

// checkBooklet checks that every brief of a booklet begins a page, in the order of the
// contents, and that each country brief takes at most two pages there too.
func checkBooklet(t *testing.T, s *site.Site, lang string, pages []page) {
	t.Helper()
	var briefs []*site.Page
	briefs = append(briefs, s.Section(lang, site.KindCountry)...)
	countries := len(briefs)
	briefs = append(briefs, s.Section(lang, site.KindTheme)...)
	start := make([]int, len(briefs))
	from := 1 // after the cover
	for i, b := range briefs {
		start[i] = -1
		for k := from; k < len(pages); k++ {
			if strings.HasPrefix(pages[k].body, squash(b.Title)) {
				start[i], from = k, k+1
				break
			}
		}
		if start[i] < 0 {
			t.Errorf("no page after page %d begins with the brief %q", from, b.Title)
			return
		}
	}
	for i := range countries {
		if n := start[i+1] - start[i]; n > pdf.BriefPages {
			t.Errorf("the brief %q takes %d pages (%d to %d), want at most %d", briefs[i].Title, n, start[i]+1, start[i+1], pdf.BriefPages)
		}
	}
}

var asOfPara = regexp.MustCompile(`<p class="?as-of"?>(.*?)</p>`)

// asOfLine returns the text of the page's as-of line ("Information as of early 2007, ..."),
// which must name the year of the information.
func asOfLine(t *testing.T, page []byte, year string) string {
	t.Helper()
	m := asOfPara.FindSubmatch(page)
	if m == nil {
		t.Fatalf("the page has no as-of line (<p class=as-of>)")
	}
	text := html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(m[1]), ""))
	if !strings.Contains(text, year) {
		t.Fatalf("the as-of line %q does not name the year %s", text, year)
	}
	return text
}

// A page is the text of one PDF page in three parts, read in lines from top to bottom
// and left to right, without white space (pdftotext sets spaces as it guesses them).
type page struct {
	width, height        float64
	header, body, footer string
}

// The page margins of assets/style.css (@page): text whose middle lies in them is the
// running header or footer.
const (
	topMargin    = 16 / 25.4 * 72 // 16 mm in points
	bottomMargin = 17 / 25.4 * 72
)

var (
	pageTag = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	wordTag = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">(.*?)</word>`)
)

type word struct {
	x, y float64 // left edge and vertical middle, in points from the top left
	text string
}

// readPages reads a PDF's pages with the position of every word (pdftotext -bbox).
func readPages(t *testing.T, file string) []page {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", file, err)
	}
	var pages []page
	for _, chunk := range strings.Split(string(out), "</page>") {
		m := pageTag.FindStringSubmatch(chunk)
		if m == nil {
			continue
		}
		p := page{width: number(m[1]), height: number(m[2])}
		var head, body, foot []word
		for _, w := range wordTag.FindAllStringSubmatch(chunk, -1) {
			wd := word{x: number(w[1]), y: (number(w[2]) + number(w[3])) / 2, text: html.UnescapeString(w[4])}
			switch {
			case wd.y < topMargin:
				head = append(head, wd)
			case wd.y > p.height-bottomMargin:
				foot = append(foot, wd)
			default:
				body = append(body, wd)
			}
		}
		p.header, p.body, p.footer = inLines(head), inLines(body), inLines(foot)
		pages = append(pages, p)
	}
	return pages
}

func number(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }

// inLines joins words in reading order: lines from the top (words whose middles are
// within 3 points of the line's first word share the line), each from the left.
func inLines(words []word) string {
	slices.SortStableFunc(words, func(a, b word) int { return cmp.Compare(a.y, b.y) })
	var b strings.Builder
	for len(words) > 0 {
		n := 1
		for n < len(words) && words[n].y-words[0].y < 3 {
			n++
		}
		line := words[:n]
		slices.SortStableFunc(line, func(a, b word) int { return cmp.Compare(a.x, b.x) })
		for _, w := range line {
			b.WriteString(squash(w.text))
		}
		words = words[n:]
	}
	return b.String()
}

// squash removes all white space.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// japaneseRunes counts kana and kanji.
func japaneseRunes(s string) int {
	n := 0
	for _, r := range s {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			n++
		}
	}
	return n
}

// linkURIs returns the addresses of the PDF's link annotations, which Chromium writes in
// plain objects or in deflated object streams.
func linkURIs(t *testing.T, data []byte) []string {
	t.Helper()
	uri := regexp.MustCompile(`/URI \(((?:[^()\\]|\\.)*)\)`)
	var out []string
	add := func(b []byte) {
		for _, m := range uri.FindAllSubmatch(b, -1) {
			out = append(out, string(m[1]))
		}
	}
	add(data)
	stream := regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`)
	for _, m := range stream.FindAllSubmatch(data, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue // not deflated
		}
		b, err := io.ReadAll(r)
		if err != nil && len(b) == 0 {
			continue
		}
		add(b)
	}
	return out
}
