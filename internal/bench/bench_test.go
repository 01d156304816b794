package bench

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
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

// TestVersusHugo checks the ratios to Hugo and that the report prints Hugo's row and them
// only when Hugo was measured.
func TestVersusHugo(t *testing.T) {
	const mib = 1 << 20
	var r Result
	for prog, walls := range map[Program][]time.Duration{
		ProgramFloor: {1, 1, 1}, ProgramPipeline: {2, 2, 2}, ProgramBuild: {3, 3, 3}, ProgramFirst: {4, 5, 6},
	} {
		for _, w := range walls {
			r.Samples[prog] = append(r.Samples[prog], Sample{Wall: w * time.Second, CPU: 2 * w * time.Second, MaxRSS: 10 * mib})
		}
	}
	var without strings.Builder
	report(&without, r)
	if r.HasHugo() || strings.Contains(without.String(), "hugo") {
		t.Errorf("no Hugo samples, yet the report mentions Hugo:\n%s", without.String())
	}
	for _, w := range []time.Duration{20, 10, 30} {
		r.Samples[ProgramHugo] = append(r.Samples[ProgramHugo], Sample{Wall: w * time.Second, CPU: w * time.Second, MaxRSS: 40 * mib})
	}
	wall, cpu, rss := r.VersusHugo()
	if wall != 0.25 || cpu != 0.5 || rss != 0.25 {
		t.Errorf("VersusHugo = %v, %v, %v; want 5/20, 10/20, 10/40 MiB", wall, cpu, rss)
	}
	var with strings.Builder
	report(&with, r)
	for _, want := range []string{"\n  hugo ", "first / hugo: wall 0.25, cpu 0.50, peak RSS 0.25"} {
		if !strings.Contains(with.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, with.String())
		}
	}
}

// TestTrashPut: a fresh output folder is moved aside whole, each under a new name, and a
// missing one (the first run) is no error.
func TestTrashPut(t *testing.T) {
	dir := t.TempDir()
	tr := &trash{dir: filepath.Join(dir, "trash")}
	if err := os.Mkdir(tr.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := tr.put(out); err != nil {
		t.Fatalf("a missing folder: %v", err)
	}
	for run := range 2 {
		if err := os.MkdirAll(filepath.Join(out, "en"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, "en", "index.html"), []byte{byte(run)}, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := tr.put(out); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Fatalf("run %d: %s is still there (%v)", run, out, err)
		}
	}
	entries, err := os.ReadDir(tr.dir)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(tr.dir, e.Name(), "en", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		kept = append(kept, fmt.Sprintf("%s:%d", e.Name(), data[0]))
	}
	if got := strings.Join(kept, " "); got != "1:0 2:1" {
		t.Fatalf("trash holds %q, want both outputs under names of their own (1:0 2:1)", got)
	}
}
