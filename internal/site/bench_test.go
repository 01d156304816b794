package site_test

import (
	"os"
	"testing"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/site"
	"peacebuilding/internal/synth"
)

// BenchmarkBuild measures the two phases before rendering on a synthetic site of 1,000
// countries per language: load (read and decode every content file) and model (site.Build:
// pages, inheritance, links, related countries, the conversion of every body).
func BenchmarkBuild(b *testing.B) {
	fsys, err := synth.FS(1000, os.DirFS("../.."))
	if err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Load(fsys, "config.toml")
	if err != nil {
		b.Fatal(err)
	}
	gl, err := glossary.Load(fsys, "data/glossary.toml")
	if err != nil {
		b.Fatal(err)
	}
	files, _, err := content.Load(fsys, cfg.LanguageCodes())
	if err != nil {
		b.Fatal(err)
	}
	b.Run("load", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := content.Load(fsys, cfg.LanguageCodes()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("model", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := site.Build(cfg, files, gl); err != nil {
				b.Fatal(err)
			}
		}
	})
}
