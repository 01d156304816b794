package site

import (
	"io/fs"
	"testing"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
)

// loadFiles reads the configuration and the content files of the project in fsys, as a
// build does, failing tb on an error.
func loadFiles(tb testing.TB, fsys fs.FS) (*config.Config, []*content.File) {
	tb.Helper()
	cfg, err := config.Load(fsys, "config.toml")
	if err != nil {
		tb.Fatal(err)
	}
	files, _, err := content.Load(fsys, cfg.LanguageCodes())
	if err != nil {
		tb.Fatal(err)
	}
	return cfg, files
}
