package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
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
