// Package pipeline runs the build phases in order, one call and one check each:
//
//	config.Load -> content, glossary.Load, publish.Assets, render.New -> Options.Extra's reading
//	of the files -> site.Build -> plan -> make
//
// in one function, State.Run, used by every build: the build command, the preview
// server's first build and its rebuilds after an edit, the benchmarks and the tests. A
// full build is a run with everything out of date; a rebuild is a run of the same phases
// that reads again only what changed (a content file), reuses the Markdown conversions of
// the pages that did not (site.Memo, a wrapper around site.Build), and makes only the
// outputs that its caller selects. Writing the files is package publish's job (Write,
// Stage): each made file is handed to an emit function, so that the preview, the
// benchmarks and the tests can build without touching the disk.
package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/render"
	"peacebuilding/internal/share"
	"peacebuilding/internal/site"
)

// Options adjust a build.
type Options struct {
	// BaseURL, when set, replaces config.toml's baseURL (for previews and tests).
	BaseURL string
	// Origin, when set ("http://127.0.0.1:8080"), replaces the scheme and host of the
	// base URL and keeps its path, so that a preview serves the site at the sub-path it
	// is published at and its canonical links stay on the preview.
	Origin string
	// Extra, when set, adds pages made from the content files themselves (the translation
	// status page). See Extra.
	Extra Extra
	// Dates, when set, returns the date (YYYY-MM-DD) of the last commit of each of names
	// (files of the project, "content/en/about.md") that has one, for the sitemap's
	// lastmod; the others are dated by their modification time (render.Dates).
	Dates func(names []string) map[string]string
	// PDFs are the printed PDFs published with the site (build pdf), by page URL; the
	// pages link to them.
	PDFs map[string]render.PDF
}

// Extra is called with the configuration, the glossary and every content file once they
// are loaded, before the model is made: it is the one step besides the model that may read
// the files' text and front matter (content.File), which a one-off build lets go as it
// converts them. It runs even if the model then fails (the check of the status page then
// costs its time for nothing: a tenth of a large build's CPU). It returns the function
// that makes its pages once the model and the renderer are ready; if that fails, the build
// fails with its error alone.
type Extra func(*config.Config, *glossary.Glossary, []*content.File) ExtraPages

// ExtraPages makes the pages of an Extra from the built site with its renderer.
type ExtraPages func(*site.Site, *render.Renderer) ([]*render.View, error)

// Result is a finished build.
type Result struct {
	Site     *site.Site
	Files    []publish.File // Build's; nil from Stream and Run
	Warnings []string
}

// Build builds the project in fsys (rooted at the project folder) and returns every file
// in memory, sorted by path.
func Build(fsys fs.FS, opts Options) (*Result, error) {
	var mu sync.Mutex
	var files []publish.File
	res, err := newState(fsys, opts, true).Run(nil, nil, func(f publish.File) error {
		f.Data = bytes.Clone(f.Data)
		mu.Lock()
		files = append(files, f)
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, err
	}
	publish.SortFiles(files)
	res.Files = files
	return res, nil
}

// Stream builds like Build but hands each file to emit as soon as it is finished instead of
// keeping them all, so that a site of thousands of pages holds at most one rendered page per
// worker. emit is called from several goroutines at once, once per file, in no fixed order;
// the file's Data is only lent for the call (a worker reuses it), so emit copies what it
// keeps. After an error (of a page or of emit) no more files are
// emitted, but every page is still rendered so that all problems are reported, in page
// order; emit may have been given files of a build that then fails.
//
// The content files of Result.Site have no text and no decoded front matter but
// source_hash (see content.File.Release): a build of thousands of pages does not keep
// their Markdown through rendering; its pages hold what they show.
func Stream(fsys fs.FS, opts Options, emit func(publish.File) error) (*Result, error) {
	return newState(fsys, opts, false).Run(nil, nil, emit)
}

// State is what one build carries over to the next: the inputs it loaded, the content
// files it read, and the memo of the site model. The zero State is not usable: see
// NewState. One build of a State runs at a time.
type State struct {
	fsys fs.FS
	opts Options
	// keepText keeps the content files' text after the model is built: a rebuild
	// compares it, and Build's callers read it.
	keepText bool
	memo     *site.Memo // nil: nothing is carried over

	loaded bool // in and src hold what was loaded; false after a change outside content/
	// fresh is set by a load, until a Run succeeds: every output may differ from those
	// of the last Run that succeeded.
	fresh   bool
	in      *inputs  // of the last load that succeeded
	src     *sources // the content files
	changed map[string]bool
}

// inputs are what a build reads besides the content files.
type inputs struct {
	cfg    *config.Config
	gl     *glossary.Glossary
	r      *render.Renderer
	assets []publish.File
	// images are the share images, icons and favicon (share.Files), being drawn.
	images func() ([]publish.File, error)
}

// NewState returns the State of a project that is built again and again (the preview):
// each Run reuses what the previous one made of the files that did not change.
func NewState(fsys fs.FS, opts Options) *State {
	st := newState(fsys, opts, true)
	st.memo = &site.Memo{}
	return st
}

func newState(fsys fs.FS, opts Options, keepText bool) *State {
	return &State{fsys: fsys, opts: opts, keepText: keepText, changed: map[string]bool{}}
}

// Select chooses, once the model s is built, the outputs to make now; reloaded says that
// everything was loaded again since the last Run that succeeded (the first build, or a
// change outside content/), so that every output may differ. A nil Select makes them all.
type Select func(s *site.Site, reloaded bool, outputs []Output) []Output

// Run builds the project after the files at changed (slash-separated, relative to the
// project folder: "content/en/countries/cambodia.md", "layouts/base.html") were edited,
// created or removed since the last Run; the first Run loads everything. It makes the
// outputs that sel selects and hands each to emit (see Stream). On an error, the next
// Run picks up from the files as they are then.
func (st *State) Run(changed []string, sel Select, emit func(publish.File) error) (*Result, error) {
	for _, p := range changed {
		if strings.HasPrefix(p, "content/") {
			st.changed[p] = true
		} else {
			st.loaded = false
		}
	}
	// 1. Load: config, then the content, the glossary, the assets and the layouts, each
	// independently, so that one run reports the errors of all of them: a content error
	// does not hide an asset's.
	if !st.loaded {
		if err := st.load(); err != nil {
			return nil, err
		}
	}
	for p := range st.changed {
		st.src.reload(st.fsys, p)
	}
	clear(st.changed)
	files, warnings, err := st.src.files()
	if err != nil {
		return nil, err
	}
	in := st.in
	// 2. The extra pages' reading of the files, and the model.
	var extra ExtraPages
	if st.opts.Extra != nil {
		extra = st.opts.Extra(in.cfg, in.gl, files)
	}
	var s *site.Site
	switch {
	case st.memo != nil:
		s, err = st.memo.Build(in.cfg, files, in.gl)
	case !st.keepText:
		// Nothing reads the files after the model: it sets their bodies aside and reads
		// each again to convert it (site.BuildOnce).
		s, err = site.BuildOnce(in.cfg, files, in.gl)
	default:
		s, err = site.Build(in.cfg, files, in.gl)
	}
	if err != nil {
		return nil, err
	}
	warnings = append(warnings, s.Warnings...)
	warnings = append(warnings, in.r.Slower...)
	// 3. The plan: every output of the site.
	outputs, err := st.plan(s, extra)
	if err != nil {
		return nil, err
	}
	if !st.keepText {
		// Rendering reads the pages, not the files, which BuildOnce has let go.
		st.src = nil // a one-off build: nothing is read again
		st.loaded = false
	}
	now := outputs
	if sel != nil {
		now = sel(s, st.fresh, outputs)
	}
	// 4. Render, minify and hand over what is selected.
	if err := st.Make(s, now, emit); err != nil {
		return nil, err
	}
	st.fresh = false
	return &Result{Site: s, Warnings: warnings}, nil
}

// load reads everything but the content files' text, and walks content/ anew. What it
// read replaces the State's only if all of it succeeds.
func (st *State) load() error {
	cfg, err := config.Load(st.fsys, "config.toml")
	if err != nil {
		return err
	}
	if st.opts.BaseURL != "" {
		cfg.BaseURL = st.opts.BaseURL
	}
	if st.opts.Origin != "" {
		cfg.BaseURL = strings.TrimSuffix(st.opts.Origin, "/") + cfg.BasePath()
	}
	// The images need only the configuration: they are drawn while the rest loads and the
	// model is made (on one core, they were a sixth of the real site's build).
	images := start(func() ([]publish.File, error) { return share.Files(cfg) })
	src := loadSources(st.fsys, cfg.LanguageCodes())
	_, _, contentErr := src.files()
	gl, glossaryErr := glossary.Load(st.fsys, "data/glossary.toml")
	assets, names, assetsErr := publish.Assets(sub(st.fsys, "assets"), publish.NewMinifier())
	r, layoutsErr := render.New(sub(st.fsys, "layouts"), sub(st.fsys, "i18n"), cfg.LanguageCodes(), names)
	if err := errors.Join(contentErr, glossaryErr, assetsErr, layoutsErr); err != nil {
		return err
	}
	r.PDFs = st.opts.PDFs
	st.in = &inputs{cfg: cfg, gl: gl, r: r, assets: assets, images: images}
	st.src, st.loaded, st.fresh = src, true, true
	clear(st.changed) // just read
	return nil
}

// start calls f in a goroutine of its own and returns a function that waits for its result.
func start[T any](f func() (T, error)) func() (T, error) {
	var (
		v    T
		err  error
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		v, err = f()
	}()
	return func() (T, error) {
		<-done
		return v, err
	}
}

// Renderer is the renderer of the last load that succeeded, nil before one has.
func (st *State) Renderer() *render.Renderer {
	if st.in == nil {
		return nil
	}
	return st.in.r
}

func sub(fsys fs.FS, dir string) fs.FS {
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // fs.Sub fails only on an invalid path, and dir is a constant
	}
	return s
}

// Summary counts what a build made, for the one-line report.
type Summary struct {
	Pages     map[string]int // per language
	Fallbacks []string       // the addresses of the pages that show another language's text
	// Unchecked are the addresses of the translations not marked as checked against
	// their source as it is now (never marked, or the source changed since).
	Unchecked []string
	Files     int
}

// Summarize counts pages per language and lists the fallbacks.
func Summarize(r *Result) Summary {
	s := Summary{Pages: map[string]int{}, Files: len(r.Files)}
	for _, p := range r.Site.Pages {
		s.Pages[p.Lang]++
		if p.Fallback {
			s.Fallbacks = append(s.Fallbacks, p.URL)
		}
		if p.Stale {
			s.Unchecked = append(s.Unchecked, p.URL)
		}
	}
	return s
}

// shownFallbacks is how many fallbacks (or translations not checked) the summary line
// names: a few are an author's new briefs, to be translated; many are a site being
// translated, listed by make check.
const shownFallbacks = 3

// Line formats the summary with languages in config order.
func (s Summary) Line(langs []string) string {
	out := "pages"
	for i, l := range langs {
		sep := " "
		if i > 0 {
			sep = ", "
		}
		out += fmt.Sprintf("%s%s %d", sep, l, s.Pages[l])
	}
	out += "; " + listed(s.Fallbacks, "fallback", "fallbacks")
	if len(s.Unchecked) > 0 {
		// Published with a notice that says so; none in a site whose translators are done.
		out += "; " + listed(s.Unchecked, "stale translation", "stale translations")
	}
	return out + fmt.Sprintf("; %d files", s.Files)
}

// listed is "0 fallbacks", "1 fallback (ja/countries/chad/)", or the count with the first
// few addresses and where the rest are listed.
func listed(urls []string, one, many string) string {
	switch n := len(urls); {
	case n == 0:
		return "0 " + many
	case n == 1:
		return "1 " + one + " (" + urls[0] + ")"
	case n <= shownFallbacks:
		return fmt.Sprintf("%d %s (%s)", n, many, strings.Join(urls, ", "))
	default:
		return fmt.Sprintf("%d %s (%s, …: make check lists them)", n, many, strings.Join(urls[:shownFallbacks], ", "))
	}
}

// Jobs builds the model of the project in fsys and lists the render job of every page,
// without rendering any: the input of the benchmarks of the render and minify phases.
func Jobs(fsys fs.FS) (*render.Renderer, []render.Job, error) {
	st := newState(fsys, Options{}, false)
	var outputs []Output
	res, err := st.Run(nil, func(_ *site.Site, _ bool, all []Output) []Output {
		outputs = all
		return nil
	}, nil)
	if err != nil {
		return nil, nil, err
	}
	r := st.Renderer()
	var jobs []render.Job
	for _, o := range outputs {
		switch {
		case o.Page != nil:
			jobs = append(jobs, r.PageJob(res.Site, o.Page))
		case o.Job != nil:
			jobs = append(jobs, *o.Job)
		}
	}
	return r, jobs, nil
}
