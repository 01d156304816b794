package bench

import (
	"fmt"
	"io/fs"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/render"
	"peacebuilding/internal/site"
	"peacebuilding/internal/synth"
)

// Site builds the model and the renderer of a synthetic site of n countries per language
// in memory, with the layouts and strings of project: the input of the benchmarks of the
// render and publish phases.
func Site(n int, project fs.FS) (*site.Site, *render.Renderer, error) {
	fsys, err := synth.FS(n, project)
	if err != nil {
		return nil, nil, err
	}
	cfg, err := config.Load(fsys, "config.toml")
	if err != nil {
		return nil, nil, err
	}
	files, _, err := content.Load(fsys, cfg.LanguageCodes())
	if err != nil {
		return nil, nil, err
	}
	gl, err := glossary.Load(fsys, "data/glossary.toml")
	if err != nil {
		return nil, nil, err
	}
	s, err := site.Build(cfg, files, gl)
	if err != nil {
		return nil, nil, err
	}
	sub := func(dir string) fs.FS {
		f, err := fs.Sub(fsys, dir)
		if err != nil {
			panic(fmt.Sprintf("fs.Sub(%q): %v", dir, err)) // only for an invalid constant path
		}
		return f
	}
	_, names, err := publish.Assets(sub("assets"), publish.NewMinifier())
	if err != nil {
		return nil, nil, err
	}
	r, err := render.New(sub("layouts"), sub("i18n"), cfg.LanguageCodes(), names)
	if err != nil {
		return nil, nil, err
	}
	return s, r, nil
}
