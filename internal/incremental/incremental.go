// Package incremental builds the site in memory and rebuilds it after edits, for the
// preview server and the rebuild benchmark. Its output is the pipeline's, byte for byte:
// the tests build the same inputs both ways and compare every file.
//
// A rebuild after edits of content files does work in proportion to the edit:
//
//   - it reads again only the files that changed (content.LoadFile);
//   - it rebuilds the site model with a site.Memo, which reuses the Markdown conversion of
//     every page whose text and links are unchanged, and the source hash of every file;
//   - it compares each page of the new model with the page of the previous one, and
//     renders and minifies again only the briefs that can look different (see deps.go);
//   - it marks the pages made from the whole site (indexes, timeline, figures, print
//     booklet, sitemap, ...) out of date if any page changed, and renders each of them
//     when it is next asked for (File, Files): their cost grows with the site, not with
//     the edit, and a writer looks at one page at a time.
//
// A change of anything else (config.toml, data/, layouts/, assets/, i18n/) loads and
// renders everything again, as a full build does.
package incremental

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"

	"peacebuilding/internal/config"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/render"
	"peacebuilding/internal/search"
	"peacebuilding/internal/share"
	"peacebuilding/internal/site"
)

// Options adjust the builds.
type Options struct {
	// BaseURL, when set, replaces config.toml's baseURL, as pipeline.Options.BaseURL does.
	BaseURL string
	// Origin, when set ("http://127.0.0.1:8080"), replaces the scheme and host of the
	// base URL and keeps its path, so that a preview serves the site at the sub-path it
	// is published at and its canonical links stay on the preview.
	Origin string
	// Extra is pipeline.Options.Extra: pages made from the whole site by another package
	// (the translation status page). After an edit it is called again only when one of
	// its pages is asked for.
	Extra func(*site.Site, *render.Renderer) ([]*render.View, error)
	// Dates is pipeline.Options.Dates: the sitemap's lastmod from git.
	Dates func(names []string) map[string]string
}

// Builder builds a project and keeps the result in memory. Its methods may be called from
// several goroutines; one build runs at a time.
type Builder struct {
	fsys fs.FS
	opts Options

	mu sync.Mutex
	// loadAll is set until a full build succeeds: at first, and after a change outside
	// content/.
	loadAll bool
	dirty   map[string]bool // content files changed since the last build

	// What a full build loads.
	cfg    *config.Config
	gl     *glossary.Glossary
	r      *render.Renderer
	assets []publish.File
	src    *sources
	reads  briefReads
	memo   site.Memo

	// The last build that succeeded: its model, its outputs (out lacks the aggregates
	// that are out of date) and its warnings.
	site     *site.Site
	outputs  map[string]output // by output path, assets included
	out      map[string][]byte
	warnings []string
	// extraPaths are the outputs of the last call of Options.Extra; extraStale is set
	// when it must be called again before they are served.
	extraPaths []string
	extraStale bool
	// err is the error of the last build, nil if it succeeded.
	err error
}

// output is how to make one output file.
type output struct {
	page  *site.Page              // a content page, rendered with render.PageJob
	job   render.Job              // a page made from the whole site, or an extra page
	make  func(*site.Site) []byte // sitemap.xml, robots.txt
	asset bool                    // made when loaded
}

// New returns a Builder for the project in fsys (rooted at the project folder). It builds
// nothing until Full or Rebuild is called.
func New(fsys fs.FS, opts Options) *Builder {
	return &Builder{fsys: fsys, opts: opts, loadAll: true, dirty: map[string]bool{}}
}

// Full loads and builds everything, like pipeline.Build.
func (b *Builder) Full() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.loadAll = true
	if _, err := b.build(); err != nil {
		return err
	}
	return b.renderStale()
}

// Rebuild builds again after the files at paths (slash-separated, relative to the project
// folder: "content/en/countries/cambodia.md", "layouts/base.html") were edited, created
// or removed. It returns the output files that changed, were removed, or are out of date
// and will be made when asked for, in path order. On an error, the previous output stays
// and a later Rebuild picks up from the files as they are then.
func (b *Builder) Rebuild(paths []string) (changed []string, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range paths {
		if strings.HasPrefix(p, "content/") {
			b.dirty[p] = true
		} else {
			b.loadAll = true
		}
	}
	return b.build()
}

// build runs the phases of pipeline.Build on what changed since the last build.
func (b *Builder) build() ([]string, error) {
	all := b.loadAll || b.site == nil
	if b.loadAll {
		if err := b.load(); err != nil {
			return nil, b.fail(err)
		}
	}
	for p := range b.dirty {
		b.src.reload(b.fsys, p)
	}
	clear(b.dirty)
	files, warnings, err := b.src.files()
	if err != nil {
		return nil, b.fail(err)
	}
	s, err := b.memo.Build(b.cfg, files, b.gl)
	if err != nil {
		return nil, b.fail(err)
	}
	warnings = append(warnings, s.Warnings...)

	outputs := b.plan(s)
	var d *diff
	if !all {
		d = compare(b.site, s, b.reads.keys)
	}
	aggregates := all || d.any()
	var now, later []string // outputs to make now, and when asked for
	for path, o := range outputs {
		switch {
		case all:
			now = append(now, path)
		case o.asset:
		case o.page != nil && isBrief(o.page) && b.reads.wide == "":
			if d.briefChanged(o.page) {
				now = append(now, path)
			}
		case aggregates:
			later = append(later, path)
		}
	}
	extraStale := b.extraStale
	switch {
	case b.opts.Extra == nil:
	case all:
		paths, err := b.addExtras(s, outputs)
		if err != nil {
			return nil, b.fail(err)
		}
		now, extraStale = append(now, paths...), false
	case aggregates:
		extraStale = true // they are out of date, and missing from outputs until made
	default:
		for _, path := range b.extraPaths {
			if o, ok := b.outputs[path]; ok {
				outputs[path] = o
			}
		}
	}
	made, err := b.make(s, outputs, now)
	if err != nil {
		return nil, b.fail(err)
	}

	// Commit: from here on, this build is the last good one.
	changed := map[string]bool{}
	for path := range b.outputs {
		if _, ok := outputs[path]; !ok {
			changed[path] = true // removed, or an extra page out of date
			delete(b.out, path)
		}
	}
	for path, data := range made {
		if old, ok := b.out[path]; !ok || !bytes.Equal(old, data) {
			changed[path] = true
		}
		b.out[path] = data
	}
	for _, path := range later {
		changed[path] = true
		delete(b.out, path)
	}
	if extraStale && aggregates {
		for _, path := range b.extraPaths {
			changed[path] = true
		}
	}
	b.site, b.outputs, b.warnings, b.err, b.loadAll, b.extraStale = s, outputs, warnings, nil, false, extraStale
	return slices.Sorted(maps.Keys(changed)), nil
}

func (b *Builder) fail(err error) error {
	b.err = err
	return err
}

// load reads everything but the content files' text, and walks content/ anew.
func (b *Builder) load() error {
	cfg, err := config.Load(b.fsys, "config.toml")
	if err != nil {
		return err
	}
	if b.opts.BaseURL != "" {
		cfg.BaseURL = b.opts.BaseURL
	}
	if b.opts.Origin != "" {
		cfg.BaseURL = strings.TrimSuffix(b.opts.Origin, "/") + cfg.BasePath()
	}
	src := loadAll(b.fsys, cfg.LanguageCodes())
	if _, _, err := src.files(); err != nil {
		return err // content errors come before glossary errors, as in pipeline.Build
	}
	gl, err := glossary.Load(b.fsys, "data/glossary.toml")
	if err != nil {
		return err
	}
	assets, names, err := publish.Assets(sub(b.fsys, "assets"), publish.NewMinifier())
	if err != nil {
		return err
	}
	r, err := render.New(sub(b.fsys, "layouts"), sub(b.fsys, "i18n"), cfg.LanguageCodes(), names)
	if err != nil {
		return err
	}
	b.cfg, b.src, b.gl, b.assets, b.r = cfg, src, gl, assets, r
	b.reads = readBriefLayouts(b.fsys)
	clear(b.dirty) // just read
	if b.out == nil {
		b.out = map[string][]byte{}
	}
	return nil
}

func sub(fsys fs.FS, dir string) fs.FS {
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // fs.Sub fails only on an invalid path, and dir is a constant
	}
	return s
}

// plan lists every output of the site: the renderer's pages, the sitemap, robots.txt
// and the assets.
func (b *Builder) plan(s *site.Site) map[string]output {
	// A view per page would cost more than the rest of a rebuild: content pages get
	// theirs when they are rendered.
	outputs := make(map[string]output, len(s.Pages)+32)
	for _, p := range s.Pages {
		outputs[render.OutputPath(p.URL)] = output{page: p}
	}
	for _, j := range b.r.SiteJobs(s) {
		outputs[j.Path()] = output{job: j}
	}
	outputs["sitemap.xml"] = output{make: func(s *site.Site) []byte { return render.Sitemap(s, render.Dates(b.fsys, s, b.opts.Dates)) }}
	outputs["robots.txt"] = output{make: render.Robots}
	for _, lang := range s.Config.LanguageCodes() {
		outputs[render.TimelineStyle(s, lang).Path] = output{make: func(s *site.Site) []byte { return render.TimelineStyle(s, lang).Data }}
	}
	for _, f := range search.Files(s) {
		outputs[f.Path] = output{make: func(*site.Site) []byte { return f.Data }}
	}
	// The share images and icons depend on config.toml alone; a title the glyphs cannot
	// draw fails the full build, which says why, and leaves the preview without them.
	if images, err := share.Files(s.Config); err == nil {
		for _, f := range images {
			outputs[f.Path] = output{make: func(*site.Site) []byte { return f.Data }}
		}
	}
	for _, f := range b.assets {
		outputs[f.Path] = output{asset: true}
	}
	return outputs
}

// make renders and minifies the outputs at paths (assets are taken as loaded).
func (b *Builder) make(s *site.Site, outputs map[string]output, paths []string) (map[string][]byte, error) {
	var jobs []render.Job
	var files []render.File
	for _, path := range paths {
		switch o := outputs[path]; {
		case o.page != nil:
			jobs = append(jobs, b.r.PageJob(s, o.page))
		case o.job.View != nil:
			jobs = append(jobs, o.job)
		case o.make != nil:
			files = append(files, render.File{Path: path, Data: o.make(s)})
		}
	}
	rendered, err := b.r.RenderJobs(jobs)
	if err != nil {
		return nil, err
	}
	made, err := minifyAll(append(rendered, files...))
	if err != nil {
		return nil, err
	}
	for _, f := range b.assets {
		if slices.Contains(paths, f.Path) {
			made[f.Path] = f.Data
		}
	}
	return made, nil
}

// addExtras calls Options.Extra and adds its pages to outputs. It returns their paths.
func (b *Builder) addExtras(s *site.Site, outputs map[string]output) ([]string, error) {
	views, err := b.opts.Extra(s, b.r)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, v := range views {
		j := render.Job{Layout: v.Layout, View: v}
		outputs[j.Path()] = output{job: j}
		paths = append(paths, j.Path())
	}
	b.extraPaths = paths
	return paths, nil
}

// renderStale makes every output that is out of date.
func (b *Builder) renderStale() error {
	if b.extraStale {
		if _, err := b.addExtras(b.site, b.outputs); err != nil {
			return b.fail(err)
		}
		b.extraStale = false
	}
	var stale []string
	for path := range b.outputs {
		if _, ok := b.out[path]; !ok {
			stale = append(stale, path)
		}
	}
	if len(stale) == 0 {
		return nil
	}
	made, err := b.make(b.site, b.outputs, stale)
	if err != nil {
		return b.fail(err)
	}
	maps.Copy(b.out, made)
	return nil
}

// File returns the output file at path ("en/countries/cambodia/index.html") of the last
// build that succeeded, making it first if it is out of date. ok is false if the site
// has no such file. A layout that fails to render it makes err the build's error.
func (b *Builder) File(path string) (data []byte, ok bool, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if data, ok := b.out[path]; ok {
		return data, true, nil
	}
	if _, ok := b.outputs[path]; !ok && b.extraStale && b.site != nil {
		// Perhaps one of the extra pages, which are out of date.
		if _, err := b.addExtras(b.site, b.outputs); err != nil {
			return nil, false, b.fail(err)
		}
		b.extraStale = false
	}
	if _, ok := b.outputs[path]; !ok {
		return nil, false, nil
	}
	made, err := b.make(b.site, b.outputs, []string{path})
	if err != nil {
		return nil, false, b.fail(err)
	}
	b.out[path] = made[path]
	return made[path], true, nil
}

// Files returns every output file of the last build that succeeded, in path order, as
// pipeline.Build does.
func (b *Builder) Files() ([]publish.File, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.renderStale(); err != nil {
		return nil, err
	}
	files := make([]publish.File, 0, len(b.out))
	for _, path := range slices.Sorted(maps.Keys(b.out)) {
		files = append(files, publish.File{Path: path, Data: b.out[path]})
	}
	return files, nil
}

// Err returns the error of the last build, or nil if it succeeded.
func (b *Builder) Err() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}

// Warnings returns the warnings of the last build that succeeded.
func (b *Builder) Warnings() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.warnings)
}

// BaseURL returns the base URL of the last build that succeeded, or "" before one has.
func (b *Builder) BaseURL() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.site == nil {
		return ""
	}
	return b.site.Config.BaseURL
}

// Site returns the model of the last build that succeeded, or nil before one has.
func (b *Builder) Site() *site.Site {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.site
}

// minifyAll minifies files in parallel, one minifier per worker.
func minifyAll(files []render.File) (map[string][]byte, error) {
	out := make([][]byte, len(files))
	errs := make([]error, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := publish.NewMinifier()
			for i := range next {
				out[i], errs[i] = publish.Minify(m, files[i].Path, files[i].Data)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	made := make(map[string][]byte, len(files))
	for i, f := range files {
		made[f.Path] = out[i]
	}
	return made, errors.Join(errs...)
}
