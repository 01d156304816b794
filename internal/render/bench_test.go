package render_test

import (
	"bytes"
	"io/fs"
	"os"
	"testing"

	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/render"
	"peacebuilding/internal/synth"
)

// BenchmarkExecute renders the pages of a synthetic site of 200 countries per language,
// one layout per sub-benchmark: a country brief, a theme brief, the countries index, the
// timeline, the glossary and the printable booklet (every brief of a language on one page).
func BenchmarkExecute(b *testing.B) {
	fsys, err := synth.FS(200, os.DirFS("../.."))
	if err != nil {
		b.Fatal(err)
	}
	r, jobs, err := pipeline.Jobs(fsys)
	if err != nil {
		b.Fatal(err)
	}
	byLayout := map[string][]render.Job{}
	for _, j := range jobs {
		byLayout[j.Layout] = append(byLayout[j.Layout], j)
	}
	for _, layout := range []string{"country", "theme", "countries", "timeline", "glossary", "print"} {
		jobs := byLayout[layout]
		if len(jobs) == 0 {
			b.Fatalf("no page has layout %s", layout)
		}
		b.Run(layout, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				buf.Reset()
				if err := r.Execute(&buf, jobs[i%len(jobs)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.SetBytes(int64(buf.Len()))
		})
	}
}

// BenchmarkNew parses and compiles the real site's layouts for its two languages, as
// every build does before it renders a page (28 page sets and the shared partials), and
// as New does only once for the same layouts in one process.
func BenchmarkNew(b *testing.B) {
	root := os.DirFS("../..")
	layouts, _ := fs.Sub(root, "layouts")
	i18n, _ := fs.Sub(root, "i18n")
	b.ReportAllocs()
	for b.Loop() {
		render.ForgetParsedLayouts() // the parse itself, not New's memo of it
		if _, err := render.New(layouts, i18n, []string{"en", "ja"}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
