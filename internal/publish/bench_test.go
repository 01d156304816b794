package publish_test

import (
	"bytes"
	"os"
	"testing"

	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/synth"
)

// BenchmarkMinifyTo minifies rendered country briefs of a synthetic site, as the pipeline
// does for every page.
func BenchmarkMinifyTo(b *testing.B) {
	fsys, err := synth.FS(50, os.DirFS("../.."))
	if err != nil {
		b.Fatal(err)
	}
	r, jobs, err := pipeline.Jobs(fsys)
	if err != nil {
		b.Fatal(err)
	}
	var pages [][]byte
	size := 0
	for _, j := range jobs {
		if j.Layout != "country" {
			continue
		}
		var buf bytes.Buffer
		if err := r.Execute(&buf, j); err != nil {
			b.Fatal(err)
		}
		pages = append(pages, buf.Bytes())
		size += buf.Len()
	}
	m := publish.NewMinifier()
	var out bytes.Buffer
	b.SetBytes(int64(size / len(pages)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		out.Reset()
		if err := publish.MinifyTo(m, &out, "index.html", pages[i%len(pages)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
