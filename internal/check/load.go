package check

import (
	"io/fs"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
)

// Load reads what a check needs from the project in fsys: config.toml, the content files
// and the glossary. It does not build the site: a broken cross-link is the build's
// business, and the check should still say which pages need translating.
func Load(fsys fs.FS) (Input, error) {
	cfg, err := config.Load(fsys, "config.toml")
	if err != nil {
		return Input{}, err
	}
	files, _, err := content.Load(fsys, cfg.LanguageCodes())
	if err != nil {
		return Input{}, err
	}
	gl, err := glossary.Load(fsys, "data/glossary.toml")
	if err != nil {
		return Input{}, err
	}
	st, err := LoadStyle(fsys, StyleFile)
	if err != nil {
		return Input{}, err
	}
	return Input{Config: cfg, Files: files, Glossary: gl, Style: st}, nil
}
