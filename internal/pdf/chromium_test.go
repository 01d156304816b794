package pdf

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestFindNamesThePackageWhenChromiumIsMissing(t *testing.T) {
	t.Setenv("CHROMIUM", "")
	t.Setenv("PATH", t.TempDir())
	_, err := Find()
	if !errors.Is(err, ErrNoChromium) {
		t.Fatalf("Find() with an empty PATH: error %v, want ErrNoChromium", err)
	}
	if !strings.Contains(err.Error(), "install the Debian package chromium") {
		t.Errorf("Find() error %q does not name the package to install", err)
	}
}

func TestFindUsesCHROMIUM(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "my-chromium")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", t.TempDir())
	t.Setenv("CHROMIUM", exe)
	if got, err := Find(); err != nil || got != exe {
		t.Errorf("Find() with CHROMIUM=%s = %q, %v; want %q, nil", exe, got, err, exe)
	}
	t.Setenv("CHROMIUM", filepath.Join(dir, "missing"))
	if _, err := Find(); !errors.Is(err, ErrNoChromium) || !strings.Contains(err.Error(), "CHROMIUM=") {
		t.Errorf("Find() with CHROMIUM naming a missing file: error %v, want ErrNoChromium naming CHROMIUM", err)
	}
}

func TestArgsRunChromiumHeadlessWithAFreshProfile(t *testing.T) {
	args := Args("/tmp/profile")
	for _, want := range []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=/tmp/profile", "--remote-debugging-pipe",
	} {
		if !slices.Contains(args, want) {
			t.Errorf("Args(...) = %q, lacks %q", args, want)
		}
	}
}

func TestFileURL(t *testing.T) {
	got, err := FileURL("/site/ja/countries/カンボジア x/index.html")
	if err != nil {
		t.Fatal(err)
	}
	want := "file:///site/ja/countries/%E3%82%AB%E3%83%B3%E3%83%9C%E3%82%B8%E3%82%A2%20x/index.html"
	if got != want {
		t.Errorf("FileURL(...) = %q, want %q", got, want)
	}
}

// minimalPDF is a PDF in the shape Chromium writes: plain objects, one /Page each.
func minimalPDF(pages int) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	for i := range pages {
		fmt.Fprintf(&b, "%d 0 obj\n<</Type /Page\n/Parent 1 0 R\n/MediaBox [0 0 594.96 841.92]>>\nendobj\n", i+2)
	}
	fmt.Fprintf(&b, "1 0 obj\n<</Type /Pages\n/Count %d>>\nendobj\n%%%%EOF\n", pages)
	return []byte(b.String())
}

func TestPages(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		want    int
		wantErr string
	}{
		{"one page", minimalPDF(1), 1, ""},
		{"two pages", minimalPDF(2), 2, ""},
		{"a booklet", minimalPDF(43), 43, ""},
		{"no space after /Type", []byte("%PDF-1.4\n<</Type/Page/Parent 1 0 R>>\n<</Type/Pages/Count 1>>"), 1, ""},
		{"not a PDF", []byte("<html>"), 0, "not a PDF"},
		{"no pages", []byte("%PDF-1.4\n<</Type /Pages /Count 0>>"), 0, "PDF without pages"},
		{"object streams", []byte("%PDF-1.5\n<</Type /ObjStm /N 3>>"), 0, "compressed object streams"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Pages(tt.data)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("Pages(%s) = %d, %v; want error %q", tt.name, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Pages(%s) = %d, %v; want %d", tt.name, got, err, tt.want)
			}
		})
	}
}

func TestLastLines(t *testing.T) {
	got := lastLines("noise\n\nline 1\n  line 2  \n\n", 2)
	if want := "\n\tline 1\n\tline 2"; got != want {
		t.Errorf("lastLines(...) = %q, want %q", got, want)
	}
	if got := lastLines("\n \n", 3); got != "" {
		t.Errorf("lastLines(blank) = %q, want empty", got)
	}
}

// TestPrintAllFailsWhenChromiumDies: a browser that exits at once fails the print instead
// of leaving it waiting, and leaves no PDF. (Its last words follow in the error when its
// output was read in time; that is not asserted.)
func TestPrintAllFailsWhenChromiumDies(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "chromium")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	src, out := filepath.Join(dir, "index.html"), filepath.Join(dir, "out", "a.pdf")
	if err := os.WriteFile(src, []byte("<!doctype html><p>x"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := Printer{Chromium: exe, Timeout: 20 * time.Second}
	err := p.PrintAll(context.Background(), []Job{{Src: src, Out: out}}, 1)
	if err == nil || !strings.Contains(err.Error(), "chromium closed the DevTools pipe") {
		t.Errorf("PrintAll with a browser that exits: error %v, want one saying the pipe closed", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("PrintAll with a browser that exits left a PDF")
	}
}
