package bench

import (
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"peacebuilding/internal/synth"
)

var benchPages = flag.Int("benchpages", 200, "country pages per language of the synthetic site of BenchmarkFloor")

// BenchmarkFloor measures the floor on a synthetic site in memory, for profiles:
//
//	go test ./internal/bench -run '^$' -bench Floor -benchpages 1000 -cpuprofile cpu.prof
func BenchmarkFloor(b *testing.B) {
	fsys, err := synth.FS(*benchPages, os.DirFS("../.."))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Floor(fsys); err != nil {
			b.Fatal(err)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []time.Duration
		want time.Duration
	}{
		{"one", []time.Duration{5}, 5},
		{"odd, unsorted", []time.Duration{9, 1, 5}, 5},
		{"even: mean of the middle two", []time.Duration{4, 1, 10, 2}, 3},
	} {
		if got := median(tc.in); got != tc.want {
			t.Errorf("%s: median(%v) = %v, want %v", tc.name, tc.in, got, tc.want)
		}
	}
}

// TestFloorAndPipelineOnASyntheticSite runs both programs of the benchmark on a small
// synthetic site: they must succeed and see every content file.
func TestFloorAndPipelineOnASyntheticSite(t *testing.T) {
	fsys, err := synth.FS(20, os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, f := range mustFiles(t) {
		if strings.HasPrefix(f.Path, "content/") {
			want++
		}
	}
	fl, err := Floor(fsys)
	if err != nil {
		t.Fatalf("Floor: %v", err)
	}
	if fl.Pages != want || fl.Bytes == 0 {
		t.Errorf("Floor: %d pages, %d bytes; want %d pages and some bytes", fl.Pages, fl.Bytes, want)
	}
	files, size, err := Pipeline(fsys)
	if err != nil {
		t.Fatalf("Pipeline: %v", err)
	}
	if files <= want || size <= fl.Bytes {
		t.Errorf("Pipeline: %d files, %d bytes; want more than the floor's %d pages and %d bytes (indexes, booklet, assets)", files, size, want, fl.Bytes)
	}
}

func mustFiles(t *testing.T) []synth.File {
	files, err := synth.Files(20, os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	return files
}
