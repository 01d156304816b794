package pipeline_test

import (
	"flag"
	"os"
	"testing"

	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/synth"
)

var benchPages = flag.Int("benchpages", 200, "country pages per language of the synthetic site of the benchmarks")

// BenchmarkStream builds a synthetic site held in memory and drops every file: all phases
// of the pipeline, no disk. Profile it with
//
//	go test ./internal/pipeline -run '^$' -bench Stream -benchpages 1000 -cpuprofile cpu.prof
func BenchmarkStream(b *testing.B) {
	fsys, err := synth.FS(*benchPages, os.DirFS("../.."))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pipeline.Stream(fsys, pipeline.Options{}, func(publish.File) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}
