package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/publish"
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
