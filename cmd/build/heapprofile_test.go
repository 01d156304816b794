package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"testing"
)

// TestMemProfileAtLargestHeap builds the fixture with -memprofile: the profile is written
// (a gzipped protocol buffer, as go tool pprof reads it) and the build names the live heap
// it was taken at.
func TestMemProfileAtLargestHeap(t *testing.T) {
	defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
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

// The profile published after collection n is collection n-1's: the tracker keeps it
// when n-1 found the most live bytes, and only when it read n-1's live bytes.
func TestPeakTrackerKeepsTheProfileOfTheLargestCollection(t *testing.T) {
	type reading struct {
		cycles, live uint64
		write        bool // the profile published now is the largest yet
		best         uint64
	}
	for _, c := range []struct {
		name     string
		readings []reading
	}{
		{"one collection between readings", []reading{
			{0, 0, false, 0},
			{1, 10, false, 0},  // collection 1's profile is not out yet
			{2, 30, true, 10},  // collection 1's now
			{2, 30, false, 10}, // the same reading again
			{3, 20, true, 30},  // collection 2's: 30
			{4, 25, false, 30}, // collection 3's: 20, less
			{5, 5, false, 30},  // collection 4's: 25, less
		}},
		{"two collections between readings", []reading{
			{1, 10, false, 0},
			{3, 50, false, 0}, // collection 2's profile, whose live bytes were not read
			{4, 5, true, 50},  // collection 3's
		}},
		{"the first reading after several collections", []reading{
			{7, 40, false, 0},
			{8, 10, true, 40},
		}},
	} {
		var p peakTracker
		for i, r := range c.readings {
			if got := p.observe(r.cycles, r.live); got != r.write || p.best != r.best {
				t.Errorf("%s: reading %d (%d collections, %d live): write %v, best %d; want %v, %d", c.name, i, r.cycles, r.live, got, p.best, r.write, r.best)
			}
		}
	}
}
