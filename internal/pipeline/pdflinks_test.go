package pipeline_test

import (
	"html"
	"os"
	"regexp"
	"strings"
	"testing"

	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/render"
	"peacebuilding/internal/sitetest"
)

// TestPagesLinkToTheirPDFsOnlyWhenTheyExist builds the real site as build pdf does, with
// the PDFs of a country brief, a theme brief and the booklets: those pages link to their
// PDF with its size in KB, or in MB from 1,000 KB, in their language; every other page
// links to no PDF (a site built without build pdf has none).
func TestPagesLinkToTheirPDFsOnlyWhenTheyExist(t *testing.T) {
	pdfs := map[string]render.PDF{
		"en/countries/cambodia/": {Path: "en/pdf/countries/cambodia.pdf", Size: 107_716},
		"ja/themes/ddr/":         {Path: "ja/pdf/themes/ddr.pdf", Size: 172_305},
		"en/print/":              {Path: "en/pdf/booklet.pdf", Size: 1_660_594},
		"ja/print/":              {Path: "ja/pdf/booklet.pdf", Size: 2_648_310},
	}
	res, err := pipeline.Build(os.DirFS(sitetest.RepoRoot()), pipeline.Options{PDFs: pdfs})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // the link, relative to the page, and its text
		"en/countries/cambodia/index.html": `href="../../pdf/countries/cambodia.pdf" type="application/pdf">PDF version (108 KB)</a>`,
		"ja/themes/ddr/index.html":         `href="../../pdf/themes/ddr.pdf" type="application/pdf">PDF版（172KB）</a>`,
		"en/print/index.html":              `href="../pdf/booklet.pdf" type="application/pdf">PDF version (1.7 MB)</a>`,
		"ja/print/index.html":              `href="../pdf/booklet.pdf" type="application/pdf">PDF版（2.6MB）</a>`,
	}
	for _, f := range res.Files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		page := string(f.Data)
		if w, ok := want[f.Path]; ok {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks the link to its PDF: %s", f.Path, w)
			}
			delete(want, f.Path)
			continue
		}
		if strings.Contains(page, "pdf-link") {
			t.Errorf("%s links to a PDF, but the build has none for it", f.Path)
		}
	}
	for p := range want {
		t.Errorf("the build has no page %s", p)
	}
}

// TestTextUsesCurlyQuotes: the text of every page writes quotes and apostrophes one way,
// curly (“ ” ‘ ’) in English and in the English titles that Japanese text quotes, as in
// print (the print test checks the PDFs). Straight ones belong to code only: scripts,
// styles and attributes.
func TestTextUsesCurlyQuotes(t *testing.T) {
	res, err := pipeline.Build(os.DirFS(sitetest.RepoRoot()), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	code := regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]*>`)
	for _, f := range res.Files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		text := html.UnescapeString(code.ReplaceAllString(string(f.Data), " "))
		if i := strings.IndexAny(text, `"'`); i >= 0 {
			t.Errorf("%s: a straight quote in the text: %q", f.Path, text[max(0, i-40):min(len(text), i+40)])
		}
	}
}

// TestPrintedPagesNameThemselves: every printed page but the booklet, the 404 page and the
// language chooser carries its title for the top margin (data-print-title, which
// assets/site.js hands to the print stylesheet), the title its <title> starts with: the
// timeline, the figures and the glossary as the briefs do. The booklet names each brief
// in its own running head; the other two are not printed.
func TestPrintedPagesNameThemselves(t *testing.T) {
	res, err := pipeline.Build(os.DirFS(sitetest.RepoRoot()), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	body := regexp.MustCompile(`<body[^>]*>`)
	attr := func(tag, name string) (string, bool) {
		m := regexp.MustCompile(`\s` + name + `=(?:"([^"]*)"|([^\s>"]+))`).FindStringSubmatch(tag)
		if m == nil {
			return "", false
		}
		return html.UnescapeString(m[1] + m[2]), true
	}
	titleTag := regexp.MustCompile(`<title>([^<]*)</title>`)
	named := map[string]bool{}
	for _, f := range res.Files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		tag := body.FindString(string(f.Data))
		class, _ := attr(tag, "class")
		printTitle, ok := attr(tag, "data-print-title")
		switch layout := strings.Fields(class + " ")[0]; layout {
		case "layout-print", "layout-404", "layout-chooser":
			if ok {
				t.Errorf("%s (%s) has a running title %q", f.Path, layout, printTitle)
			}
			continue
		}
		m := titleTag.FindStringSubmatch(string(f.Data))
		if m == nil {
			t.Fatalf("%s has no <title>", f.Path)
		}
		title, _, _ := strings.Cut(html.UnescapeString(m[1]), " | ")
		if !ok || printTitle == "" {
			t.Errorf("%s has no running title for print", f.Path)
		} else if strings.Contains(html.UnescapeString(m[1]), " | ") && printTitle != title {
			t.Errorf("%s: running title %q, want %q, as its <title>", f.Path, printTitle, title)
		}
		named[f.Path] = ok
	}
	for _, p := range []string{"en/timeline/index.html", "ja/figures/index.html", "en/glossary/index.html", "ja/countries/cambodia/index.html"} {
		if !named[p] {
			t.Errorf("%s was not checked or has no running title", p)
		}
	}
}
