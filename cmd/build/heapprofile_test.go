package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// TestMemProfileAtLargestHeap builds the fixture with -memprofile: the profile is written
// (a gzipped protocol buffer, as go tool pprof reads it) and the build names the live heap
// it was taken at.
func TestMemProfileAtLargestHeap(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	writeFixture(t, root)
	prof := filepath.Join(t.TempDir(), "mem.prof")
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-root", root, "-out", filepath.Join(root, "public"), "-q", "-memprofile", prof}, &stdout, &stderr); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr.String())
	}
	data, err := os.ReadFile(prof)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		t.Errorf("%s does not start as a gzip stream: % x", prof, data[:min(len(data), 4)])
	}
	m := regexp.MustCompile(`holds the heap at its largest live size, ([0-9.]+) MB\n`).FindSubmatch(stderr.Bytes())
	if m == nil {
		t.Fatalf("the build did not name the live heap of its profile:\n%s", stderr.String())
	}
	if mb, _ := strconv.ParseFloat(string(m[1]), 64); mb <= 0 {
		t.Errorf("the profile's live heap is %s MB", m[1])
	}
}
