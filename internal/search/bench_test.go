package search

import (
	"flag"
	"io/fs"
	"os"
	"strings"
	"testing"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/site"
	"peacebuilding/internal/sitetest"
	"peacebuilding/internal/synth"
)

var benchPages = flag.Int("benchpages", 200, "country pages per language of the synthetic site of BenchmarkFiles")

// buildSite builds the site model of the project in fsys.
func buildSite(tb testing.TB, fsys fs.FS) *site.Site {
	tb.Helper()
	cfg, err := config.Load(fsys, "config.toml")
	if err != nil {
		tb.Fatal(err)
	}
	cfiles, _, err := content.Load(fsys, cfg.LanguageCodes())
	if err != nil {
		tb.Fatal(err)
	}
	gl, err := glossary.Load(fsys, "data/glossary.toml")
	if err != nil {
		tb.Fatal(err)
	}
	s, err := site.Build(cfg, cfiles, gl)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// BenchmarkFiles makes the index of every language of a synthetic site and drops its
// files. held-B/op is the memory the index of the last language holds once it has read
// every document (when it writes meta.json, before the shards): what a build holds for
// it at its largest. Profile it with
//
//	go test ./internal/search -run '^$' -bench Files -benchpages 1000 -benchmem -cpuprofile cpu.prof
func BenchmarkFiles(b *testing.B) {
	fsys, err := synth.FS(*benchPages, os.DirFS(sitetest.RepoRoot()))
	if err != nil {
		b.Fatal(err)
	}
	s := buildSite(b, fsys)
	langs := s.Config.LanguageCodes()
	before := sitetest.HeapInUse()
	held := uint64(0)
	for f := range Files(s, langs[len(langs)-1]) {
		if strings.HasSuffix(f.Path, "/meta.json") {
			held = sitetest.HeapInUse() - before
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range langs {
			for range Files(s, l) {
			}
		}
	}
	b.ReportMetric(float64(held), "held-B/op")
}
