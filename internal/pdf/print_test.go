package pdf_test

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

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

// briefPageFill is how full each page of a brief's own PDF must be, but its last.
const briefPageFill = 0.5

// fewLines is how full a brief's last page, down to its list of pages referred to, is
// when it holds the source note or a line or two: no brief of the site prints such a page.
const fewLines = 0.085

// The measure of the text column, in characters per line (median of a language's briefs):
// book typography aims near 65-75 in English and 35-45 in Japanese.
var measure = map[string][2]float64{"en": {65, 80}, "ja": {38, 45}}

// TestPrintedBriefs builds the real site, prints every brief and both booklets as build pdf
// does (one Chromium, the booklets by their plan), and reads the PDFs back with pdftotext
// and pdffonts (Debian package poppler-utils). See the README's Printing section for what
// it checks.
func TestPrintedBriefs(t *testing.T) {
	if testing.Short() {
		t.Skip("prints about 60 PDFs with Chromium; skipped with -short")
	}
	chromium, err := pdf.Find()
	if err != nil {
		missingTool(t, "%v", err)
	}
	for _, tool := range []string{"pdftotext", "pdffonts"} {
		if _, err := exec.LookPath(tool); err != nil {
			missingTool(t, "%s not found: apt-get install poppler-utils", tool)
		}
	}

	res, err := pipeline.Build(os.DirFS("../.."), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	siteDir, pdfDir := filepath.Join(dir, "site"), filepath.Join(dir, "pdf")
	if err := publish.Write(siteDir, res.Files); err != nil {
		t.Fatal(err)
	}
	targets := pdf.Targets(res.Site)
	p := pdf.Printer{Chromium: chromium, Timeout: 2 * time.Minute}
	fitted, err := p.PrintSite(context.Background(), siteDir, pdfDir, targets, 2)
	if err != nil {
		t.Fatal(err)
	}
	// The briefs printed smaller are named as build pdf looks them up (Target.Out), each
	// at one of the sizes the style sheet has a rule for.
	for out, fit := range fitted {
		if !slices.Contains(pdf.Fits, fit) || !slices.ContainsFunc(targets, func(t pdf.Target) bool { return t.Out == out && !t.Booklet() }) {
			t.Errorf("PrintSite fitted %q by %v: want a brief's Out, by one of %v", out, fit, pdf.Fits)
		}
	}
	t.Logf("%d briefs printed smaller: %v", len(fitted), fitted)

	// The print without the list of pages referred to, which Fits may choose, leaves it out
	// and keeps the rest.
	norefs := pdf.Job{Src: filepath.Join(siteDir, "en", "countries", "cambodia", "index.html"), Out: filepath.Join(dir, "norefs.pdf"), Query: "norefs"}
	if err := p.PrintAll(context.Background(), []pdf.Job{norefs}, 1); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]bool{norefs.Out: false, filepath.Join(pdfDir, "en", "pdf", "countries", "cambodia.pdf"): true} {
		words, err := pdf.ReadWords(file)
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, pg := range words {
			for _, w := range pg.Words {
				text.WriteString(w.Text)
			}
		}
		if got := strings.Contains(text.String(), pdf.Squash(refsHeading(t, "en"))); got != want || !strings.Contains(text.String(), "Smallarmscollection") {
			t.Errorf("%s: the list of pages referred to printed: %v, want %v (and the text)", file, got, want)
		}
	}

	// The same page printed twice is the same bytes, dated by Job.Date (see
	// pdf.Reproducible). Two prints by one browser number the table's tagged cells alike
	// anyway; TestReproducible covers their renumbering, which prints by two browsers need.
	future := filepath.Join(siteDir, "en", "future", "index.html")
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	twice := []pdf.Job{{Src: future, Out: filepath.Join(dir, "future-1.pdf"), Date: day}, {Src: future, Out: filepath.Join(dir, "future-2.pdf"), Date: day}}
	if err := p.PrintAll(context.Background(), twice, 2); err != nil {
		t.Fatal(err)
	}
	first, err := os.ReadFile(twice[0].Out)
	if err != nil {
		t.Fatal(err)
	}
	second, err := os.ReadFile(twice[1].Out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Errorf("en/future/ printed twice gave different PDFs (%d and %d bytes)", len(first), len(second))
	}
	if !bytes.Contains(first, []byte("/CreationDate (D:20261201000000+00'00')")) {
		t.Errorf("en/future/'s PDF does not carry the Job's Date as its creation date")
	}

	cfg := res.Site.Config
	lines := map[string][]int{}     // characters per line of the text column, by language
	sizes := map[string]int{}       // bytes of each PDF, by Out
	radicals := map[string][]rune{} // pdf.Radicals of each PDF, by Out
	for _, tg := range targets {
		t.Run(tg.Out, func(t *testing.T) {
			file := filepath.Join(pdfDir, filepath.FromSlash(tg.Out))
			page, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(tg.Src)))
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sizes[tg.Out] = len(data)
			radicals[tg.Out] = pdf.Radicals(data)
			lang, _ := cfg.Language(tg.Lang)
			asOf := asOfLine(t, page, cfg.AsOf[:4])
			n, err := pdf.Pages(data)
			if err != nil {
				t.Fatal(err)
			}
			if !tg.Booklet() && n > tg.MaxPages {
				t.Errorf("%d pages, want at most %d", n, tg.MaxPages)
			}
			words, err := pdf.ReadWords(file)
			if err != nil {
				t.Fatal(err)
			}
			if len(words) != n {
				t.Fatalf("pdftotext found %d pages, pdf.Pages counted %d", len(words), n)
			}
			pages := split(words)
			var all strings.Builder
			for k, pg := range pages {
				if math.Abs(pg.width-595.3) > 2 || math.Abs(pg.height-841.9) > 2 {
					t.Errorf("page %d is %.1f x %.1f points, want A4 (595.3 x 841.9)", k+1, pg.width, pg.height)
				}
				all.WriteString(pg.header + pg.body + pg.footer)
				if tg.Booklet() && k == 0 {
					continue // a booklet's cover has no running head or foot
				}
				// A booklet's briefs have their own running head (checkBooklet).
				if (!tg.Booklet() || k == 1) && !strings.Contains(pg.header, pdf.Squash(lang.Title)) {
					t.Errorf("page %d: the top margin %q lacks the site's name %q", k+1, pg.header, lang.Title)
				}
				if num := regexp.MustCompile(fmt.Sprintf(`(^|[^0-9])%d/%d($|[^0-9])`, k+1, n)); !num.MatchString(pg.footer) {
					t.Errorf("page %d: the bottom margin %q lacks the page number %d/%d", k+1, pg.footer, k+1, n)
				}
				if !tg.Booklet() && !strings.Contains(pg.footer, pdf.Squash(tg.Canonical)) {
					t.Errorf("page %d: the bottom margin %q lacks the canonical URL %s", k+1, pg.footer, tg.Canonical)
				}
				// A brief's text runs on to its next page only from a page at least half full:
				// a first page left with its title and figures had its text pushed whole to
				// the second.
				if !tg.Booklet() && k < len(pages)-1 && pg.fill < briefPageFill {
					t.Errorf("page %d is %.0f%% full, want at least %.0f%% but on the last page", k+1, 100*pg.fill, 100*briefPageFill)
				}
				// Nor does a sheet go to the source note or a line or two: such a brief
				// is printed smaller, on one page less (PrintSite). build pdf tries
				// briefs whose last page is fuller too (pdf.FitFill), and may not save
				// their sheet; the site's briefs are all saved from a sheet this empty.
				heading := ""
				if strings.Contains(string(page), "print-refs") && !fitted[tg.Out].NoRefs {
					heading = pdf.Squash(refsHeading(t, tg.Lang))
				}
				if !tg.Booklet() && k > 0 && k == len(pages)-1 && pdf.Spills(words, heading, fewLines) {
					t.Errorf("the last page, %d, is %.0f%% full: it holds only a few lines, and the list of pages referred to if any", k+1, 100*pg.fill)
				}
			}
			text := all.String()
			// A brief whose text refers to other pages lists them on paper, but where
			// build pdf left the list out to save a sheet (pdf.Fits).
			if !tg.Booklet() && strings.Contains(string(page), "print-refs") {
				heading := pdf.Squash(refsHeading(t, tg.Lang))
				if printed := strings.Contains(text, heading); printed == fitted[tg.Out].NoRefs {
					t.Errorf("the list of pages referred to (%q) printed: %v, left out to save a sheet: %v", heading, printed, fitted[tg.Out].NoRefs)
				}
			}
			// The title on the first page's body, not only in the running head, which
			// names a single brief too.
			if !strings.Contains(pages[0].body, pdf.Squash(tg.Title)) {
				t.Errorf("the title %q is not on the first page's body", tg.Title)
			}
			if !strings.Contains(text, pdf.Squash(tg.Canonical)) {
				t.Errorf("the canonical URL %q is not in the PDF text", tg.Canonical)
			}
			// One quote convention, as on screen (pipeline's TestTextUsesCurlyQuotes).
			if i := strings.IndexAny(text, `"'`); i >= 0 {
				t.Errorf("a straight quote in the PDF text: %q", text[max(0, i-40):min(len(text), i+40)])
			}
			// The date of the information is printed once: under the title, or on the cover.
			if c := strings.Count(text, pdf.Squash(asOf)); c != 1 {
				t.Errorf("the as-of line %q is printed %d times, want once", asOf, c)
			}
			if tg.Lang == "ja" {
				if jp := japaneseRunes(text); jp < 200 {
					t.Errorf("%d Japanese characters in the PDF text, want hundreds (is fonts-ipaexfont installed?)", jp)
				}
			}
			checkFonts(t, file)
			checkLinks(t, data, cfg.BaseURL)
			if tg.Booklet() {
				checkBooklet(t, res.Site, tg, data, pages)
				checkBookmarks(t, file, tg)
				return
			}
			checkText(t, file, tg.Lang, page)
			for _, l := range bodyLines(t, file, tg.Lang) {
				lines[tg.Lang] = append(lines[tg.Lang], l.chars)
			}
		})
	}

	for _, lang := range cfg.LanguageCodes() {
		if len(lines[lang]) == 0 {
			continue
		}
		slices.Sort(lines[lang])
		med := float64(lines[lang][len(lines[lang])/2])
		if r := measure[lang]; med < r[0] || med > r[1] {
			t.Errorf("%s: the text column has a median of %.0f characters per line (of %d lines), want %.0f to %.0f", lang, med, len(lines[lang]), r[0], r[1])
		} else {
			t.Logf("%s: a median of %.0f characters per line (%d lines)", lang, med, len(lines[lang]))
		}
	}
	// Japanese headings print in a true bold Gothic (BIZ UDPGothic Bold, TrueType) where it
	// is installed: IPAex has no bold, and a synthetic bold would be Type 3.
	t.Run("Japanese headings in bold", func(t *testing.T) {
		if out, _ := exec.Command("fc-list", ":family=BIZ UDPGothic:style=Bold").Output(); len(bytes.TrimSpace(out)) == 0 {
			missingTool(t, "BIZ UDPGothic Bold is not installed, so Japanese headings print without bold: apt-get install fonts-morisawa-bizud-gothic")
		}
		for _, tg := range targets {
			if tg.Lang != "ja" {
				continue
			}
			file := filepath.Join(pdfDir, filepath.FromSlash(tg.Out))
			out, err := exec.Command("pdffonts", file).Output()
			if err != nil {
				t.Fatalf("pdffonts %s: %v", file, err)
			}
			if !strings.Contains(string(out), "BIZUDPGothic-Bold") {
				t.Errorf("%s: the Japanese headings are not printed in BIZ UDPGothic Bold; pdffonts lists:\n%s", tg.Out, out)
			}
		}
	})
	// Japanese text copies and searches as the page's, with no kanji written as a radical
	// (see pdf.Radicals): where the BIZ UD fonts are installed, the Japanese text is set
	// in them, not in IPAex, and its Latin letters in the proportional Mincho.
	t.Run("Japanese text copies as kanji", func(t *testing.T) {
		for _, family := range []string{"BIZ UDMincho", "BIZ UDPMincho", "BIZ UDPGothic"} {
			if out, _ := exec.Command("fc-list", ":family="+family).Output(); len(bytes.TrimSpace(out)) == 0 {
				missingTool(t, "%s is not installed, so Japanese text prints in IPAex and some kanji copy as radicals: apt-get install %s", family, pdf.BIZUDPackages)
			}
		}
		for _, tg := range targets {
			if r := radicals[tg.Out]; len(r) > 0 {
				t.Errorf("%s: the text has the radicals %s where the page has their kanji: %s", tg.Out, pdf.RadicalList(r), pdf.RadicalsAdvice)
			}
			if tg.Lang != "ja" {
				continue
			}
			out, err := exec.Command("pdffonts", filepath.Join(pdfDir, filepath.FromSlash(tg.Out))).Output()
			if err != nil {
				t.Fatalf("pdffonts %s: %v", tg.Out, err)
			}
			for _, font := range []string{"BIZUDMincho-Regular", "BIZUDPMincho-Regular"} {
				if !strings.Contains(string(out), font) {
					t.Errorf("%s: no %s embedded, want the Japanese text in BIZ UDMincho with its Latin letters from BIZ UDPMincho; pdffonts lists:\n%s", tg.Out, font, out)
				}
			}
		}
	})
	// Japanese fonts embedded as CID TrueType subsets cost little more than the Latin ones:
	// the Japanese brief, with a Gothic, a bold Gothic, a Mincho and its proportional face
	// for Latin letters, and the Latin faces of its quotation marks and English words, is
	// 2.5 times the English one; embedded as Type 3 fonts, it was 7.
	const maxJapaneseSize = 3.0
	en, ja := sizes["en/pdf/countries/cambodia.pdf"], sizes["ja/pdf/countries/cambodia.pdf"]
	if en > 0 && ja > 0 && float64(ja) > maxJapaneseSize*float64(en) {
		t.Errorf("the Japanese Cambodia PDF is %d bytes, more than %.1f times the English one (%d)", ja, maxJapaneseSize, en)
	}
}

// checkFonts fails on a Type 3 font: Chromium embeds an OpenType CJK font, or a
// synthetic bold, as Type 3 glyph procedures, which some viewers show as bitmaps and
// which copy badly.
func checkFonts(t *testing.T, file string) {
	t.Helper()
	out, err := exec.Command("pdffonts", file).Output()
	if err != nil {
		t.Fatalf("pdffonts %s: %v", file, err)
	}
	if n := strings.Count(string(out), "Type 3"); n > 0 {
		t.Errorf("pdffonts lists %d Type 3 fonts:\n%s", n, out)
	}
}

// checkLinks: the links of a PDF lead to the published site (or another site), never to
// the files it was printed from; links within it are destinations, not URIs.
func checkLinks(t *testing.T, data []byte, baseURL string) {
	t.Helper()
	for _, u := range linkURIs(data) {
		if !strings.HasPrefix(u, baseURL) && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			t.Errorf("a link to %s: want a link to the published site (%s)", u, baseURL)
		}
	}
}

var (
	sideColumn = regexp.MustCompile(`class="(facts|locator|events)[" ]`)
	prosePara  = regexp.MustCompile(`(?s)<p>(.*?)</p>`)
	tag        = regexp.MustCompile(`<[^>]*>`)
)

// checkText compares the text of a brief's PDF, as pdftotext reads it, with the
// paragraphs of its page: each is in the PDF's text column as it is on the page. (Words
// are read in lines within the column, which pdftotext's own reading order would mix with
// the side column's; it also drops the hyphen of a word broken at a line's end, so
// hyphens are compared as absent.)
func checkText(t *testing.T, file, lang string, page []byte) {
	t.Helper()
	s := string(page)
	// A brief with nothing for the side column sets its text in two columns.
	twoColumns := !sideColumn.MatchString(s)
	text := strings.ReplaceAll(columnText(t, file, lang, twoColumns), "-", "")
	start, end := strings.Index(s, `<div class="prose">`), strings.Index(s, `<footer class="print-only`)
	if start < 0 || end < start {
		t.Fatal("the page has no prose")
	}
	paras := prosePara.FindAllStringSubmatch(s[start:end], -1)
	if len(paras) == 0 {
		t.Fatal("the page has no paragraphs")
	}
	for _, m := range paras {
		want := strings.ReplaceAll(pdf.Squash(html.UnescapeString(tag.ReplaceAllString(m[1], ""))), "-", "")
		if !strings.Contains(text, want) {
			t.Errorf("the paragraph %q is not in the PDF's text as pdftotext reads it", want)
		}
	}
}

// columnText returns the text of the PDF's text column, page by page, without white space;
// with twoColumns, each page's first column and then its second. A line is in the column
// where it starts, as pdftotext -bbox-layout groups the words into lines: the lines that
// run across both columns (the title and summary, a table) belong to the first, and in the
// reading order of the second they came between a paragraph's two halves.
func columnText(t *testing.T, file, lang string, twoColumns bool) string {
	t.Helper()
	right := 0.0 // the column's right edge: where its longest line ends
	for _, l := range bodyLines(t, file, lang) {
		right = max(right, l.xMax)
	}
	if right == 0 {
		t.Fatal("no lines in the text column")
	}
	out, err := exec.Command("pdftotext", "-bbox-layout", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox-layout %s: %v", file, err)
	}
	var b strings.Builder
	for _, pg := range strings.Split(string(out), "<page ")[1:] {
		var col, second []pdf.Box
		for _, m := range lineTag.FindAllStringSubmatch(pg, -1) {
			// Within the page's margins (a paragraph may go on to the next page), in the
			// column, or in the second column of a brief set in two.
			if mid := (number(m[2]) + number(m[4])) / 2; mid <= pdf.TopMargin || mid >= 841.9-pdf.BottomMargin {
				continue
			}
			var words []pdf.Box
			for _, w := range wordBox.FindAllStringSubmatch(m[5], -1) {
				words = append(words, pdf.Box{XMin: number(w[1]), YMin: number(w[2]), XMax: number(w[3]), YMax: number(w[4]), Text: html.UnescapeString(w[5])})
			}
			switch x := number(m[1]); {
			case x <= right:
				col = append(col, words...)
			case twoColumns:
				second = append(second, words...)
			}
		}
		b.WriteString(pdf.InLines(col))
		b.WriteString(pdf.InLines(second))
	}
	return b.String()
}

var (
	lineTag = regexp.MustCompile(`(?s)<line xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">(.*?)</line>`)
	wordIn  = regexp.MustCompile(`<word [^>]*>(.*?)</word>`)
	wordBox = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">(.*?)</word>`)
)

// A textLine is a line of a PDF's text column, as pdftotext -bbox-layout reads it.
type textLine struct {
	x, xMax float64
	chars   int // characters, with a space between words in English
}

// bodyLines returns the lines of a PDF's text column: lines set at the size most
// characters have (the body text, not headings, facts or dates) that start at the left
// margin (not the side column), within the page margins, above the colophon (the pages
// referred to and the source, in small type across the whole width, which may have more
// characters than a short brief's text column). lang is the PDF's language.
func bodyLines(t *testing.T, file, lang string) []textLine {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox-layout", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox-layout %s: %v", file, err)
	}
	source, _, _ := strings.Cut(uiString(t, lang, "print_source_line"), "“")
	colophon := []string{pdf.Squash(refsHeading(t, lang)), pdf.Squash(source)}
	type line struct {
		textLine
		height float64
	}
	var ls []line
	heights := map[float64]int{}
	for _, pg := range strings.Split(string(out), "<page ")[1:] {
		for _, m := range lineTag.FindAllStringSubmatch(pg, -1) {
			var words []string
			for _, w := range wordIn.FindAllStringSubmatch(m[5], -1) {
				words = append(words, html.UnescapeString(w[1]))
			}
			if text := pdf.Squash(strings.Join(words, "")); slices.ContainsFunc(colophon, func(c string) bool {
				return strings.HasPrefix(text, c[:min(len(c), len(text))]) && len(text) >= 4
			}) {
				break // the rest of the page is the colophon
			}
			y := number(m[2])
			if y < pdf.TopMargin || y > 841.9-pdf.BottomMargin {
				continue
			}
			sep := " "
			if japaneseRunes(strings.Join(words, "")) > 0 {
				sep = "" // pdftotext splits a Japanese line where it likes
			}
			x, h := number(m[1]), math.Round((number(m[4])-y)*2)/2
			if x >= pdf.LeftMargin+5 {
				continue // the side column
			}
			n := utf8.RuneCountInString(strings.Join(words, sep))
			ls = append(ls, line{textLine{x, number(m[3]), n}, h})
			heights[h] += n
		}
	}
	// The body's size is the one most characters have.
	body, most := 0.0, 0
	for h, n := range heights {
		if n > most || n == most && h < body {
			body, most = h, n
		}
	}
	var col []textLine
	for _, l := range ls {
		if l.height == body {
			col = append(col, l.textLine)
		}
	}
	return col
}

// misplacedRef finds an English page reference of a booklet beside a bracket, in
// pdftotext's text with its spaces taken out (pdf.Squash): in brackets followed by
// another bracket, "(p. 18) (see", or after a bracket that the link ends with,
// "(DDR) (p. 26)".
var misplacedRef = regexp.MustCompile(`\(p\.\d+\)\(|\)\(p\.\d+\)`)

// misplacedJA finds a Japanese page reference beside a bracket, 「（18ページ）（」,
// 「（DDR）（26ページ）」, 「（JICA〔29ページ〕）」, or inside a compound,
// 「小型武器（24ページ）回収」 (group 1: the rest of the compound). Japanese has no spaces:
// it is looked for in each word of pdftotext, a run of text on one line of one column,
// so that the end of a list item or of a line, or the text of the column beside, is
// taken for no part of it.
var misplacedJA = regexp.MustCompile(`（\d+ページ）（|）（\d+ページ）|〔\d+ページ〕）|（\d+ページ）([々〆ヵヶ一-鿿㐀-䶿ァ-ヺーA-Za-z0-9]+)`)

// misplacedInWords lists the matches of misplacedJA in words, but for a reference before a
// word that ends a compound (breaks: i18n's print_page_ref_word_breaks), such as a
// conjunction written in kanji: 「シエラレオネ（18ページ）及びリベリア」. (Which word a
// reference follows, case by case: TestBookletPageReferences in internal/browsertest.)
func misplacedInWords(words []pdf.Box, breaks []string) []string {
	var out []string
	for _, w := range words {
		for _, m := range misplacedJA.FindAllStringSubmatchIndex(w.Text, -1) {
			if m[2] >= 0 {
				next := w.Text[m[2]:]
				if slices.ContainsFunc(breaks, func(c string) bool { return strings.HasPrefix(next, c) }) {
					continue
				}
			}
			out = append(out, w.Text[m[0]:m[1]])
		}
	}
	return out
}

// checkBooklet checks a booklet against its own named destinations, which say on which
// page each brief starts: the page begins the brief, the contents gives that page for it,
// every page's running head names each brief on it and its foot their addresses, and no
// page but the last is less than a quarter full.
func checkBooklet(t *testing.T, s *site.Site, tg pdf.Target, data []byte, pages []page) {
	t.Helper()
	dests, err := pdf.Starts(data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "/Outlines") {
		t.Error("the booklet has no bookmarks (document outline)")
	}
	starts := make([]int, len(tg.Briefs))
	for i, b := range tg.Briefs {
		starts[i] = dests[pdf.TitleID(b.Anchor())]
		if starts[i] < 2 || starts[i] > len(pages) {
			t.Fatalf("the brief %q starts on page %d of %d", b.Title, starts[i], len(pages))
		}
		if !strings.Contains(pages[starts[i]-1].body, pdf.Squash(b.Title)) {
			t.Errorf("page %d, where the brief %q starts, does not show its title", starts[i], b.Title)
		}
		if i > 0 && starts[i] < starts[i-1] {
			t.Errorf("the brief %q starts on page %d, before the brief before it (%d)", b.Title, starts[i], starts[i-1])
		}
	}
	// The contents (page 2) lists each brief with its page: in the order of the
	// contents, which flows down one column and then the next, section by section.
	closing := ""
	if last := tg.Briefs[len(tg.Briefs)-1]; last.ClosesBooklet() {
		closing = last.Title
	}
	if got, want := contentsNumbers(t, pages[1], tg.Lang, closing), starts; !slices.Equal(got, want) {
		t.Errorf("the contents gives the pages %v, want where the briefs start: %v", got, want)
	}
	// A page reference right before a bracket starts it, rather than stand in brackets of
	// its own: "Sierra Leone (p. 18; see DDR, p. 26)", not "(p. 18) (see DDR". One after a
	// bracket goes inside it, and one inside a Japanese compound after the compound.
	var breaks []string // the words that end a Japanese compound: none in English
	if tg.Lang == "ja" {
		breaks = strings.FieldsFunc(uiString(t, tg.Lang, "print_page_ref_word_breaks"), func(r rune) bool { return r == '、' })
	}
	for k, pg := range pages {
		for _, m := range misplacedRef.FindAllString(pg.body, -1) {
			t.Errorf("page %d: a page reference beside a bracket: %s", k+1, m)
		}
		for _, m := range misplacedInWords(pg.words, breaks) {
			t.Errorf("page %d: a page reference beside a bracket or inside a word: %s", k+1, m)
		}
	}
	// Each page's head and foot, from the briefs on it. A brief alone on its pages is
	// headed by its title, with its address at the foot; briefs that share pages by their
	// part (Countries, Themes), with the folder of their addresses (the part's index).
	// Chromium gives every page of a run the same head, so no head may name a brief, or
	// give the address of one, that is not on its page.
	parts := map[site.Kind]string{site.KindCountry: uiString(t, tg.Lang, "nav_countries"), site.KindTheme: uiString(t, tg.Lang, "nav_themes")}
	for k := 2; k <= len(pages); k++ {
		pg := pages[k-1]
		on := make([]bool, len(tg.Briefs))
		for i := range tg.Briefs {
			last := len(pages)
			if i+1 < len(starts) {
				// The brief after starts a page, or below the end of this one.
				last = starts[i+1] - 1
				if !strings.HasPrefix(pages[starts[i+1]-1].body, pdf.Squash(tg.Briefs[i+1].Title)) {
					last++
				}
			}
			on[i] = starts[i] <= k && k <= last
		}
		for i, b := range tg.Briefs {
			named, addressed := strings.Contains(pg.header, pdf.Squash(b.Title)), strings.Contains(pg.footer, b.URL)
			switch {
			case !on[i] && named:
				t.Errorf("page %d: the running head %q names the brief %q, which is not on it", k, pg.header, b.Title)
			case !on[i] && addressed:
				t.Errorf("page %d: the foot %q gives the address of the brief %q, which is not on it", k, pg.footer, b.URL)
			case on[i] && !named && !strings.Contains(pg.header, pdf.Squash(parts[b.Kind])):
				t.Errorf("page %d: the running head %q names neither the brief %q on it nor its part %q", k, pg.header, b.Title, parts[b.Kind])
			case on[i] && !addressed && !strings.Contains(pg.footer, b.Lang+"/"):
				t.Errorf("page %d: the foot %q gives neither the address of the brief %q on it nor a folder of it", k, pg.footer, b.URL)
			}
		}
		// The page before a brief that starts the next page at its top, which the plan
		// set apart so that its head and figures do not end this page without their text,
		// may be less full (pdf.ApartFill); the page before the closing page, which starts
		// a page whatever the page before holds (pdf.Brief.Alone), as full as it is.
		least := pdf.Empty
		startsNext := func(b *site.Page) bool {
			return k < len(pages) && strings.HasPrefix(pages[k].body, pdf.Squash(b.Title))
		}
		switch {
		case slices.ContainsFunc(tg.Briefs, func(b *site.Page) bool { return b.ClosesBooklet() && startsNext(b) }):
			least = 0
		case slices.ContainsFunc(tg.Briefs, startsNext):
			least = pdf.ApartFill
		}
		if k < len(pages) && pg.fill < least {
			t.Errorf("page %d is %.0f%% full, want at least %.0f%% but on the last page", k, 100*pg.fill, 100*least)
		}
	}
}

// checkBookmarks checks the booklet's bookmarks (its outline), as pdftohtml -xml reads
// them: each brief's title at the top level, with the brief's headings under it. On one
// level, Key facts stood nine times among the titles, under none of them.
func checkBookmarks(t *testing.T, file string, tg pdf.Target) {
	t.Helper()
	out, err := exec.Command("pdftohtml", "-xml", "-i", "-q", "-stdout", file).Output()
	if err != nil {
		t.Fatalf("pdftohtml -xml %s: %v", file, err)
	}
	_, tree, found := strings.Cut(string(out), "<outline>")
	if !found {
		t.Fatal("the booklet has no bookmarks (document outline)")
	}
	depth, children := 1, map[string]int{} // a top-level item's children, by its text
	top := map[string]bool{}
	last := ""
	for _, m := range outlineToken.FindAllStringSubmatch(tree, -1) {
		switch {
		case m[0] == "<outline>":
			depth++
		case m[0] == "</outline>":
			depth--
		case depth == 1:
			last = pdf.Squash(html.UnescapeString(m[1]))
			top[last] = true
		case depth == 2:
			children[last]++
		}
	}
	for _, b := range tg.Briefs {
		if title := pdf.Squash(b.Title); !top[title] || children[title] == 0 {
			t.Errorf("the bookmark of %q is not at the top level with the brief's headings under it (top level: %v, headings under it: %d)", b.Title, top[title], children[title])
		}
	}
}

var outlineToken = regexp.MustCompile(`<outline>|</outline>|<item[^>]*>(.*?)</item>`)

var digits = regexp.MustCompile(`^[0-9]+$`)

// contentsNumbers reads the page numbers of the contents page in the contents' order:
// by section (the headings of the countries and the themes, and the closing page's entry
// below the themes when closing is its title), then by column, then down.
func contentsNumbers(t *testing.T, p page, lang, closing string) []int {
	// startY is where the first line that begins text starts, below the height below.
	startY := func(text string, below float64) float64 {
		y := math.Inf(1)
		for _, w := range p.words {
			if w.Text != "" && w.YMin > below && strings.HasPrefix(pdf.Squash(text), pdf.Squash(w.Text)) {
				y = min(y, w.YMin)
			}
		}
		return y
	}
	themesY, closingY := startY(themesHeading(t, lang), 0), math.Inf(1)
	if closing != "" {
		closingY = startY(closing, themesY) - 1 // its number stands a little higher
	}
	type num struct {
		section, column int
		y               float64
		n               int
	}
	var nums []num
	for _, w := range p.words {
		if !digits.MatchString(w.Text) || w.YMin < pdf.TopMargin || w.YMin > p.height-pdf.BottomMargin {
			continue
		}
		sec := 0
		switch {
		case w.YMin > closingY:
			sec = 2
		case w.YMin > themesY:
			sec = 1
		}
		col := 0
		if w.XMin > p.width/2 {
			col = 1
		}
		nums = append(nums, num{sec, col, w.YMin, int(number(w.Text))})
	}
	slices.SortFunc(nums, func(a, b num) int {
		return cmp.Or(cmp.Compare(a.section, b.section), cmp.Compare(a.column, b.column), cmp.Compare(a.y, b.y))
	})
	var out []int
	for _, n := range nums {
		out = append(out, n.n)
	}
	return out
}

// themesHeading is the contents' heading of the themes: nav_themes in i18n/<lang>.toml.
func themesHeading(t *testing.T, lang string) string { return uiString(t, lang, "nav_themes") }

// refsHeading is the printed list of pages referred to's heading up to the site's
// address: "Pages referred to, at ".
func refsHeading(t *testing.T, lang string) string {
	heading, _, _ := strings.Cut(uiString(t, lang, "print_refs"), "%s")
	return heading
}

// uiString is the UI string key of i18n/<lang>.toml.
func uiString(t *testing.T, lang, key string) string {
	t.Helper()
	var ui map[string]any
	if _, err := toml.DecodeFile(filepath.Join("../../i18n", lang+".toml"), &ui); err != nil {
		t.Fatal(err)
	}
	s, _ := ui[key].(string)
	if s == "" {
		t.Fatalf("i18n/%s.toml has no %s", lang, key)
	}
	return s
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
	text := html.UnescapeString(tag.ReplaceAllString(string(m[1]), ""))
	if !strings.Contains(text, year) {
		t.Fatalf("the as-of line %q does not name the year %s", text, year)
	}
	return text
}

// A page is the text of one PDF page in three parts, read in lines from top to bottom
// and left to right, without white space (pdftotext sets spaces as it guesses them), with
// its words and how full it is.
type page struct {
	width, height        float64
	header, body, footer string
	words                []pdf.Box
	fill                 float64
}

func split(pages []pdf.PageWords) []page {
	var out []page
	for _, pw := range pages {
		p := page{width: pw.Width, height: pw.Height, words: pw.Words, fill: pw.Fill(), body: pw.Body()}
		var head, foot []pdf.Box
		for _, w := range pw.Words {
			switch mid := (w.YMin + w.YMax) / 2; {
			case mid < pdf.TopMargin:
				head = append(head, w)
			case mid > pw.Height-pdf.BottomMargin:
				foot = append(foot, w)
			}
		}
		p.header, p.footer = pdf.InLines(head), pdf.InLines(foot)
		out = append(out, p)
	}
	return out
}

func number(s string) float64 {
	var f float64
	fmt.Sscan(s, &f)
	return f
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
func linkURIs(data []byte) []string {
	uri := regexp.MustCompile(`/URI \(((?:[^()\\]|\\.)*)\)`)
	var out []string
	add := func(b []byte) {
		for _, m := range uri.FindAllSubmatch(b, -1) {
			out = append(out, string(m[1]))
		}
	}
	add(data)
	for _, s := range pdf.Streams(data) {
		add(s)
	}
	return out
}
