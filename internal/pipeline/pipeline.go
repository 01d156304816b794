// Package pipeline runs the build phases in order, one call and one check each:
//
//	config.Load -> content.Load -> glossary.Load -> site.Build -> render -> minify
//
// and returns the finished files in memory. Writing them is publish.Write's job, so that
// the preview server, the benchmarks and the tests can build without touching the disk.
package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"sync"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/render"
	"peacebuilding/internal/site"
)

// Options adjust a build.
type Options struct {
	// BaseURL, when set, replaces config.toml's baseURL (for previews and tests).
	BaseURL string
	// Extra, when set, is called with the built site and renderer and returns pages to add
	// (the translation status page).
	Extra func(*site.Site, *render.Renderer) ([]*render.View, error)
}

// Result is a finished build.
type Result struct {
	Site     *site.Site
	Files    []publish.File
	Warnings []string
}

// Build builds the project in fsys (rooted at the project folder).
func Build(fsys fs.FS, opts Options) (*Result, error) {
	cfg, err := config.Load(fsys, "config.toml")
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		cfg.BaseURL = opts.BaseURL
	}
	files, warnings, err := content.Load(fsys, cfg.LanguageCodes())
	if err != nil {
		return nil, err
	}
	gl, err := glossary.Load(fsys, "data/glossary.toml")
	if err != nil {
		return nil, err
	}
	s, err := site.Build(cfg, files, gl)
	if err != nil {
		return nil, err
	}
	warnings = append(warnings, s.Warnings...)
	m := publish.NewMinifier()
	assets, names, err := publish.Assets(sub(fsys, "assets"), m)
	if err != nil {
		return nil, err
	}
	r, err := render.New(sub(fsys, "layouts"), sub(fsys, "i18n"), cfg.LanguageCodes(), names)
	if err != nil {
		return nil, err
	}
	var extra []*render.View
	if opts.Extra != nil {
		if extra, err = opts.Extra(s, r); err != nil {
			return nil, err
		}
	}
	pages, err := r.Render(s, extra...)
	if err != nil {
		return nil, err
	}
	out, err := minifyAll(pages)
	if err != nil {
		return nil, err
	}
	out = append(out, assets...)
	publish.SortFiles(out)
	return &Result{Site: s, Files: out, Warnings: warnings}, nil
}

func sub(fsys fs.FS, dir string) fs.FS {
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // fs.Sub fails only on an invalid path, and dir is a constant
	}
	return s
}

// minifyAll minifies the rendered files in parallel, one minifier per worker.
func minifyAll(pages []render.File) ([]publish.File, error) {
	out := make([]publish.File, len(pages))
	errs := make([]error, len(pages))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := publish.NewMinifier()
			for i := range next {
				data, err := publish.Minify(m, pages[i].Path, pages[i].Data)
				out[i], errs[i] = publish.File{Path: pages[i].Path, Data: data}, err
			}
		}()
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()
	return out, errors.Join(errs...)
}

// Summary counts what a build made, for the one-line report.
type Summary struct {
	Pages     map[string]int // per language
	Fallbacks int
	Files     int
}

// Summarize counts pages per language and fallbacks.
func Summarize(r *Result) Summary {
	s := Summary{Pages: map[string]int{}, Files: len(r.Files)}
	for _, p := range r.Site.Pages {
		s.Pages[p.Lang]++
		if p.Fallback {
			s.Fallbacks++
		}
	}
	return s
}

// String formats the summary with languages in config order.
func (s Summary) Line(langs []string) string {
	out := "pages"
	for i, l := range langs {
		sep := " "
		if i > 0 {
			sep = ", "
		}
		out += fmt.Sprintf("%s%s %d", sep, l, s.Pages[l])
	}
	return out + fmt.Sprintf("; %d fallbacks; %d files", s.Fallbacks, s.Files)
}
