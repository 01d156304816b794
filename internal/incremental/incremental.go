// Package incremental keeps a build of the site in memory and rebuilds it after edits,
// for the preview server and the rebuild benchmark. It runs the pipeline's phases
// (pipeline.State.Run) and adds two things: it keeps the made files, and it chooses which
// outputs an edit can change. Its output is the full build's, byte for byte: the tests
// build the same inputs both ways and compare every file.
//
// A rebuild after edits of content files does work in proportion to the edit:
//
//   - the pipeline reads again only the files that changed, and rebuilds the site model
//     with a site.Memo, which reuses the Markdown conversion of every page whose text and
//     links are unchanged;
//   - this package compares each page of the new model with the page of the previous one,
//     and has only the briefs that can look different rendered and minified again (see
//     deps.go);
//   - it marks the pages made from the whole site (indexes, timeline, figures, print
//     booklet, sitemap, ...) out of date if any page changed, and makes each of them
//     when it is next asked for (File, Files): their cost grows with the site, not with
//     the edit, and a writer looks at one page at a time.
//
// A change of anything else (config.toml, data/, layouts/, assets/, i18n/) loads and
// renders everything again, as a full build does.
package incremental

import (
	"bytes"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"

	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/site"
)

// Builder builds a project and keeps the result in memory. Its methods may be called from
// several goroutines; one build runs at a time.
type Builder struct {
	fsys  fs.FS
	extra pipeline.Extra // Options.Extra
	st    *pipeline.State

	mu    sync.Mutex
	reads briefReads // of the layouts of the last load

	// The last build that succeeded: its model, its outputs (out lacks those that are
	// out of date) and its warnings.
	site    *site.Site
	outputs map[string]pipeline.Output // by output path, assets included
	out     map[string][]byte
	// groups are the files made of each output that makes several (the search index of
	// a language, by its folder), while they are up to date.
	groups   map[string][]string
	warnings []string
	// extraPaths are the outputs of the last call of the extra pages' hook; extraStale is
	// set when it must be called again before they are served.
	extraPaths []string
	extraStale bool
	// err is the error of the last build, nil if it succeeded.
	err error
}

// New returns a Builder for the project in fsys (rooted at the project folder). It builds
// nothing until Full or Rebuild is called. The extra pages of opts (the translation status
// page) are made only when one of them is asked for after an edit.
func New(fsys fs.FS, opts pipeline.Options) *Builder {
	extra := opts.Extra
	opts.Extra = nil // called here, when they are asked for
	return &Builder{fsys: fsys, extra: extra, st: pipeline.NewState(fsys, opts), out: map[string][]byte{}, groups: map[string][]string{}}
}

// Full loads and builds everything, like pipeline.Build.
func (b *Builder) Full() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	// An edit of config.toml is one that loads everything again.
	if _, err := b.build([]string{"config.toml"}); err != nil {
		return err
	}
	return b.renderStale()
}

// Rebuild builds again after the files at paths (slash-separated, relative to the project
// folder: "content/en/countries/cambodia.md", "layouts/base.html") were edited, created
// or removed. It returns the output files that changed, were removed, or are out of date
// and will be made when asked for, in path order; a path ending in "/" (the search index
// of a language, "en/search/") stands for every file under it that no other path names. On an error, the previous output stays
// and a later Rebuild picks up from the files as they are then.
func (b *Builder) Rebuild(paths []string) (changed []string, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.build(paths)
}

// build runs the pipeline after the edits of paths, making what they can change.
func (b *Builder) build(paths []string) ([]string, error) {
	var outputs map[string]pipeline.Output
	var later []string // outputs to make when asked for
	// extrasOnly: what changed is read by the extra pages alone (a translation still a
	// copy of its source, which no page shows).
	var all, aggregates, extrasOnly bool
	sel := func(s *site.Site, reloaded bool, outs []pipeline.Output) []pipeline.Output {
		if reloaded {
			b.reads = readBriefLayouts(b.fsys)
		}
		all = reloaded || b.site == nil
		var d *diff
		if !all {
			d = compare(b.site, s, b.reads.keys)
		}
		aggregates = all || d.any()
		extrasOnly = !aggregates && d.copies
		outputs = make(map[string]pipeline.Output, len(outs))
		var now []pipeline.Output
		for _, o := range outs {
			outputs[o.Path] = o
			switch {
			case all:
				now = append(now, o)
			case o.Asset != nil:
			case o.Page != nil && isBrief(o.Page) && b.reads.wide == "":
				if d.briefChanged(o.Page) {
					now = append(now, o)
				}
			case aggregates:
				later = append(later, o.Path)
			}
		}
		return now
	}
	var mu sync.Mutex
	made := map[string][]byte{}
	res, err := b.st.Run(paths, sel, func(f publish.File) error {
		data := bytes.Clone(f.Data)
		mu.Lock()
		made[f.Path] = data
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, b.fail(err)
	}
	s := res.Site
	extraStale := b.extraStale
	switch {
	case b.extra == nil:
	case all:
		paths, err := b.addExtras(s, outputs, made)
		if err != nil {
			return nil, b.fail(err)
		}
		b.extraPaths, extraStale = paths, false
	case aggregates || extrasOnly:
		extraStale = true // they are out of date, and missing from outputs until made
	default:
		for _, path := range b.extraPaths {
			if o, ok := b.outputs[path]; ok {
				outputs[path] = o
			}
		}
	}

	// Commit: from here on, this build is the last good one.
	changed := map[string]bool{}
	for path, o := range b.outputs {
		if _, ok := outputs[path]; !ok {
			for _, p := range b.forget(o) {
				changed[p] = true // removed, or an extra page out of date
			}
		}
	}
	for _, o := range outputs {
		if o.Many && all { // made again
			for _, p := range b.forget(o) {
				if _, ok := made[p]; !ok {
					changed[p] = true // a file the group makes no more
				}
			}
		}
	}
	for path, data := range made {
		if old, ok := b.out[path]; !ok || !bytes.Equal(old, data) {
			changed[path] = true
		}
		b.out[path] = data
	}
	b.group(outputs, made)
	for _, path := range later {
		changed[path] = true // for the search index, its folder names its files
		b.forget(outputs[path])
	}
	if extraStale && (aggregates || extrasOnly) {
		for _, path := range b.extraPaths {
			changed[path] = true
		}
	}
	b.site, b.outputs, b.warnings, b.err, b.extraStale = s, outputs, res.Warnings, nil, extraStale
	return slices.Sorted(maps.Keys(changed)), nil
}

func (b *Builder) fail(err error) error {
	b.err = err
	return err
}

// addExtras calls the extra pages' hook over s, adds its pages to outputs and makes them
// into made. It returns their paths.
func (b *Builder) addExtras(s *site.Site, outputs map[string]pipeline.Output, made map[string][]byte) ([]string, error) {
	extras, err := b.st.ExtraOutputs(s, b.extra)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, o := range extras {
		outputs[o.Path] = o
		paths = append(paths, o.Path)
	}
	m, err := b.make(s, extras)
	if err != nil {
		return nil, err
	}
	maps.Copy(made, m)
	return paths, nil
}

// make makes outputs of s and returns them by path.
func (b *Builder) make(s *site.Site, outputs []pipeline.Output) (map[string][]byte, error) {
	var mu sync.Mutex
	made := make(map[string][]byte, len(outputs))
	err := b.st.Make(s, outputs, func(f publish.File) error {
		data := bytes.Clone(f.Data)
		mu.Lock()
		made[f.Path] = data
		mu.Unlock()
		return nil
	})
	return made, err
}

// renderStale makes every output that is out of date.
func (b *Builder) renderStale() error {
	if b.extraStale {
		if err := b.refreshExtras(); err != nil {
			return err
		}
	}
	var stale []pipeline.Output
	for _, o := range b.outputs {
		if !b.isMade(o) {
			stale = append(stale, o)
		}
	}
	if len(stale) == 0 {
		return nil
	}
	made, err := b.make(b.site, stale)
	if err != nil {
		return b.fail(err)
	}
	maps.Copy(b.out, made)
	b.group(b.outputs, made)
	return nil
}

// isMade reports whether o is made and up to date.
func (b *Builder) isMade(o pipeline.Output) bool {
	if o.Many {
		return b.groups[o.Path] != nil
	}
	_, ok := b.out[o.Path]
	return ok
}

// forget drops what was made of o, and returns the paths of the files dropped.
func (b *Builder) forget(o pipeline.Output) []string {
	if !o.Many {
		if _, ok := b.out[o.Path]; !ok {
			return nil
		}
		delete(b.out, o.Path)
		return []string{o.Path}
	}
	paths := b.groups[o.Path]
	for _, p := range paths {
		delete(b.out, p)
	}
	delete(b.groups, o.Path)
	return paths
}

// group notes the files of made that belong to an output of outputs that makes several
// (their paths are under its folder): the search index is made only when one of its files
// is asked for, and made whole.
func (b *Builder) group(outputs map[string]pipeline.Output, made map[string][]byte) {
	for dir, o := range outputs {
		if !o.Many {
			continue
		}
		var paths []string
		for p := range made {
			if strings.HasPrefix(p, dir) && p != dir {
				if _, own := outputs[p]; !own {
					paths = append(paths, p)
				}
			}
		}
		if len(paths) > 0 {
			slices.Sort(paths)
			b.groups[dir] = paths
		}
	}
}

// refreshExtras calls the extra pages' hook again over the last build, which left them out
// of date, and makes them.
func (b *Builder) refreshExtras() error {
	made := map[string][]byte{}
	paths, err := b.addExtras(b.site, b.outputs, made)
	if err != nil {
		return b.fail(err)
	}
	maps.Copy(b.out, made)
	b.extraPaths, b.extraStale = paths, false
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
		if err := b.refreshExtras(); err != nil {
			return nil, false, err
		}
		if data, ok := b.out[path]; ok {
			return data, true, nil
		}
	}
	o, ok := b.outputs[path]
	if !ok {
		// Perhaps a file of an output that makes several: the search index.
		for dir, g := range b.outputs {
			if g.Many && strings.HasPrefix(path, dir) && !b.isMade(g) {
				o, ok = g, true
			}
		}
		if !ok {
			return nil, false, nil
		}
	}
	made, err := b.make(b.site, []pipeline.Output{o})
	if err != nil {
		return nil, false, b.fail(err)
	}
	maps.Copy(b.out, made)
	b.group(b.outputs, made)
	data, ok = made[path]
	return data, ok, nil
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
