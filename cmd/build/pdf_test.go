package main

import (
	"bytes"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"peacebuilding/internal/pdf"
	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/sitetest"
)

// TestPDFWithoutChromium: without a browser, build pdf fails before doing anything and
// names the package to install. (internal/pdf prints and checks the real PDFs.)
func TestPDFWithoutChromium(t *testing.T) {
	t.Setenv("CHROMIUM", "")
	t.Setenv("PATH", t.TempDir())
	out := filepath.Join(t.TempDir(), "pdf")
	var stdout, stderr bytes.Buffer
	err := run([]string{"pdf", "-root", "../..", "-out", out}, &stdout, &stderr)
	if err == nil {
		t.Fatal("build pdf without Chromium succeeded")
	}
	if want := "install the Debian package chromium"; !strings.Contains(err.Error(), want) {
		t.Errorf("build pdf without Chromium: error %q, want one saying %q", err, want)
	}
}

// TestBuildAfterPDFWarns: make build after make pdf removes the PDFs, as it must (the
// pages then have no links to them), and says so: a deploy with rsync --delete would take
// them off the host too.
func TestBuildAfterPDFWarns(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	// The output of a build pdf: the site with PDFs published beside it.
	pdfs := []publish.File{{Path: "en/pdf/booklet.pdf", Data: []byte("%PDF-1.4\n")}, {Path: "ja/pdf/booklet.pdf", Data: []byte("%PDF-1.4\n")}}
	if _, _, _, err := publishSite("../..", out, pipeline.Options{}, false, pdfs, io.Discard); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-root", "../..", "-out", out}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if want := "warning: removed the 2 PDFs of an earlier build pdf"; !strings.Contains(stderr.String(), want) {
		t.Errorf("build after build pdf: stderr %q, want it to say %q", stderr.String(), want)
	}
	if want := " 2 removed); 1 warning;"; !strings.Contains(stdout.String(), want) {
		t.Errorf("build after build pdf: stdout %q, want it to say %q", stdout.String(), want)
	}
}

// A PDF is dated by what it prints: a brief by its page's content files, a booklet by the
// latest of its briefs'; SOURCE_DATE_EPOCH, when set, dates them all.
func TestDatePDFs(t *testing.T) {
	res, err := pipeline.Build(sitetest.FS(t, "testdata/sites/basic"), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dates := map[string]string{}
	for _, p := range res.Site.Pages {
		dates[p.File.Name] = "2007-01-10"
	}
	dates["content/en/countries/cambodia.md"] = "2007-03-01"
	dates["content/ja/countries/cambodia.md"] = "2007-02-01"
	targets := pdf.Targets(res.Site)
	if err := datePDFs(targets, res.Site, dates); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"en/pdf/countries/cambodia.pdf": "2007-03-01",
		"ja/pdf/countries/cambodia.pdf": "2007-03-01", // the translation and its source
		"en/pdf/themes/ddr.pdf":         "2007-01-10",
		"en/pdf/booklet.pdf":            "2007-03-01",
	}
	for _, tg := range targets {
		if w, ok := want[tg.Out]; ok && tg.Date.Format(time.DateOnly) != w {
			t.Errorf("%s is dated %s, want %s", tg.Out, tg.Date.Format(time.DateOnly), w)
		}
		delete(want, tg.Out)
	}
	if len(want) > 0 {
		t.Errorf("no targets %v", want)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1167609600") // 2007-01-01
	if err := datePDFs(targets, res.Site, dates); err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		if tg.Date.UTC().Format(time.DateOnly) != "2007-01-01" {
			t.Errorf("with SOURCE_DATE_EPOCH, %s is dated %s", tg.Out, tg.Date.UTC())
		}
	}
	t.Setenv("SOURCE_DATE_EPOCH", "soon")
	if err := datePDFs(targets, res.Site, dates); err == nil {
		t.Error("a SOURCE_DATE_EPOCH that is no number is not an error")
	}
}

// TestPDFFolders checks the folders make pdf names: one per language, not each folder
// inside it, whatever order the targets come in.
func TestPDFFolders(t *testing.T) {
	targets := []pdf.Target{{Out: "ja/pdf/countries/iraq.pdf"}, {Out: "en/pdf/themes/ddr.pdf"}, {Out: "en/pdf/booklet.pdf"}, {Out: "ja/pdf/booklet.pdf"}, {Out: "en/pdf/countries/iraq.pdf"}}
	got := pdfFolders("public", targets)
	want := []string{filepath.Join("public", "en", "pdf") + string(filepath.Separator), filepath.Join("public", "ja", "pdf") + string(filepath.Separator)}
	if !slices.Equal(got, want) {
		t.Errorf("pdfFolders = %q, want %q", got, want)
	}
}
