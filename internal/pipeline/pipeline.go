// Package pipeline runs the build phases in order, one call and one check each:
//
//	config.Load -> content.Load -> glossary.Load -> site.Build -> render -> minify
//
// and returns the finished files in memory (Build), or hands each to the caller as soon as
// it is rendered and minified (Stream). Writing them is package publish's job (Write,
// Stage), so that the preview server, the benchmarks and the tests can build without
// touching the disk.
package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/render"
	"peacebuilding/internal/search"
	"peacebuilding/internal/share"
	"peacebuilding/internal/site"
)

// Options adjust a build.
type Options struct {
	// BaseURL, when set, replaces config.toml's baseURL (for previews and tests).
	BaseURL string
	// Extra, when set, is called with the built site and renderer and returns pages to add
	// (the translation status page). It runs before the pages are rendered, and is the
	// last step that may read the content files' text (content.File.Body and FrontSource),
	// which Stream then lets go. If it fails, the build fails with its error alone.
	Extra func(*site.Site, *render.Renderer) ([]*render.View, error)
	// Dates, when set, returns the date (YYYY-MM-DD) of the last commit of each of names
	// (files of the project, "content/en/about.md") that has one, for the sitemap's
	// lastmod; the others are dated by their modification time (render.Dates).
	Dates func(names []string) map[string]string
	// PDFs are the printed PDFs published with the site (build pdf), by page URL; the
	// pages link to them.
	PDFs map[string]render.PDF
}

// Result is a finished build.
type Result struct {
	Site     *site.Site
	Files    []publish.File
	Warnings []string
}

// Build builds the project in fsys (rooted at the project folder) and returns every file
// in memory, sorted by path.
func Build(fsys fs.FS, opts Options) (*Result, error) {
	var mu sync.Mutex
	var files []publish.File
	res, err := stream(fsys, opts, true, func(f publish.File) error {
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
// order; emit may have been given files of a build that then fails. Result.Files is nil.
//
// The content files of Result.Site have no text (see content.File.DropText): a build of
// thousands of pages does not keep their Markdown through rendering.
func Stream(fsys fs.FS, opts Options, emit func(publish.File) error) (*Result, error) {
	return stream(fsys, opts, false, emit)
}

// stream is Stream, and also keeps the content files' text if keepText.
func stream(fsys fs.FS, opts Options, keepText bool, emit func(publish.File) error) (*Result, error) {
	cfg, err := config.Load(fsys, "config.toml")
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		cfg.BaseURL = opts.BaseURL
	}
	// The content, the glossary, the assets and the layouts are read independently, so that
	// one run reports the errors of all of them: a content error does not hide an asset's.
	files, warnings, contentErr := content.Load(fsys, cfg.LanguageCodes())
	gl, glossaryErr := glossary.Load(fsys, "data/glossary.toml")
	m := publish.NewMinifier()
	assets, names, assetsErr := publish.Assets(sub(fsys, "assets"), m)
	r, layoutsErr := render.New(sub(fsys, "layouts"), sub(fsys, "i18n"), cfg.LanguageCodes(), names)
	if err := errors.Join(contentErr, glossaryErr, assetsErr, layoutsErr); err != nil {
		return nil, err
	}
	r.PDFs = opts.PDFs
	s, err := site.Build(cfg, files, gl)
	if err != nil {
		return nil, err
	}
	warnings = append(warnings, s.Warnings...)
	// The content pages' views are made by the workers as they come to them (see task):
	// what render.Plan lists, in its order.
	tasks := make([]task, 0, len(s.Pages))
	for _, p := range s.Pages {
		tasks = append(tasks, task{page: p})
	}
	for _, j := range r.SiteJobs(s) {
		tasks = append(tasks, task{job: j})
	}
	if opts.Extra != nil {
		views, err := opts.Extra(s, r)
		if err != nil {
			return nil, err
		}
		for _, v := range views {
			tasks = append(tasks, task{job: render.Job{Layout: v.Layout, View: v}})
		}
	}
	if !keepText {
		// Rendering reads the converted bodies and the decoded front matter, not the text.
		for _, f := range files {
			f.DropText()
		}
	}
	for _, f := range assets {
		if err := emit(f); err != nil {
			return nil, err
		}
	}
	if err := renderAll(r, s, tasks, emit); err != nil {
		return nil, err
	}
	for _, f := range append([]render.File{{Path: "sitemap.xml", Data: render.Sitemap(s, render.Dates(fsys, s, opts.Dates))}, {Path: "robots.txt", Data: render.Robots(s)}}, render.TimelineStyles(s)...) {
		data, err := publish.Minify(m, f.Path, f.Data)
		if err != nil {
			return nil, err
		}
		if err := emit(publish.File{Path: f.Path, Data: data}); err != nil {
			return nil, err
		}
	}
	images, err := share.Files(cfg)
	if err != nil {
		return nil, err
	}
	for _, f := range images {
		if err := emit(publish.File{Path: f.Path, Data: f.Data}); err != nil {
			return nil, err
		}
	}
	for _, f := range search.Files(s) {
		data, err := publish.Minify(m, f.Path, f.Data)
		if err != nil {
			return nil, err
		}
		if err := emit(publish.File{Path: f.Path, Data: data}); err != nil {
			return nil, err
		}
	}
	return &Result{Site: s, Warnings: warnings}, nil
}

func sub(fsys fs.FS, dir string) fs.FS {
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // fs.Sub fails only on an invalid path, and dir is a constant
	}
	return s
}

// A task is a job of renderAll, or the content page whose job (render.PageJob) the worker
// makes when it comes to it: a view holds a page's links and alternates, and those of
// thousands of pages need not all exist while the booklets render.
type task struct {
	job  render.Job
	page *site.Page
}

// renderAll renders, minifies and emits every task of site s, in parallel with one
// minifier and one pair of buffers per worker. Render errors come back in task order; only
// if there are none, minify errors in path order (as a build that minified every page
// after rendering them all would report them), then emit errors.
func renderAll(r *render.Renderer, s *site.Site, tasks []task, emit func(publish.File) error) error {
	renderErrs := make([]error, len(tasks))
	q := newQueue(tasks)
	type pathErr struct {
		path string
		err  error
	}
	var mu sync.Mutex
	var minifyErrs []pathErr
	var emitErrs []error
	var renderFailed, failed atomic.Bool
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := publish.NewMinifier()
			var page, out bytes.Buffer
			work := func(i int) {
				page.Reset()
				j := tasks[i].job
				if p := tasks[i].page; p != nil {
					j = r.PageJob(s, p)
				}
				if err := r.Execute(&page, j); err != nil {
					renderErrs[i] = err
					renderFailed.Store(true)
					failed.Store(true)
					return
				}
				if renderFailed.Load() {
					return // the build fails with the render errors alone
				}
				out.Reset()
				// Minifying shortens a page: room for the whole page means one allocation
				// for a booklet of tens of megabytes instead of a doubling series.
				out.Grow(page.Len())
				path := j.Path()
				if err := publish.MinifyTo(m, &out, path, page.Bytes()); err != nil {
					mu.Lock()
					minifyErrs = append(minifyErrs, pathErr{path, err})
					mu.Unlock()
					failed.Store(true)
					return
				}
				if page.Cap() > bigPage {
					page = bytes.Buffer{} // a booklet's: let it go before emit keeps its own copies
				}
				if failed.Load() {
					return
				}
				if err := emit(publish.File{Path: path, Data: out.Bytes()}); err != nil {
					mu.Lock()
					emitErrs = append(emitErrs, err)
					mu.Unlock()
					failed.Store(true)
				}
			}
			for {
				i, booklet, ok := q.next()
				if !ok {
					return
				}
				work(i)
				if booklet {
					q.done()
				}
				// A booklet of thousands of briefs grows the buffers to tens of megabytes:
				// let them go rather than hold them through the thousands of small pages.
				if page.Cap() > bigPage {
					page = bytes.Buffer{}
				}
				if out.Cap() > bigPage {
					out = bytes.Buffer{}
				}
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(renderErrs...); err != nil {
		return err
	}
	slices.SortFunc(minifyErrs, func(a, b pathErr) int { return strings.Compare(a.path, b.path) })
	var errs []error
	for _, e := range minifyErrs {
		errs = append(errs, e.err)
	}
	return errors.Join(append(errs, emitErrs...)...)
}

// bigPage is the buffer size beyond which a worker drops its buffers after a page.
const bigPage = 4 << 20

// queue hands out the tasks of renderAll, biggest first: the print booklets in one part,
// which hold every brief of their language, then the other pages made from the whole site
// (home, section indexes, timeline, figures, the parts of a booklet in parts), then the
// pages of one content file each. Started last, a booklet would keep one worker busy long
// after the others ran out of work. While other work is left, only one booklet is
// rendered at a time: a booklet of config.DefaultBookletPartSize briefs takes a few
// megabytes, but bookletPartSize may be set much higher.
type queue struct {
	mu       sync.Mutex
	booklets []int // indexes of tasks
	rest     []int
	busy     bool // a booklet is being rendered
}

func newQueue(tasks []task) *queue {
	q := &queue{}
	var single []int
	for i, t := range tasks {
		p := t.page
		if p == nil {
			p = t.job.View.Page
		}
		switch {
		case t.page == nil && t.job.View.Booklet != nil && !t.job.View.Booklet.InParts():
			q.booklets = append(q.booklets, i)
		case p == nil || p.Kind == site.KindHome || p.Kind == site.KindSection:
			q.rest = append(q.rest, i)
		default:
			single = append(single, i)
		}
	}
	q.rest = append(q.rest, single...)
	return q
}

// next returns the next job, and whether it is a booklet (the caller then calls done when
// it is finished); ok is false when no job is left.
func (q *queue) next() (i int, booklet, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case len(q.booklets) > 0 && (!q.busy || len(q.rest) == 0):
		i, q.booklets = q.booklets[0], q.booklets[1:]
		q.busy = true
		return i, true, true
	case len(q.rest) > 0:
		i, q.rest = q.rest[0], q.rest[1:]
		return i, false, true
	}
	return 0, false, false
}

// done marks the booklet being rendered as finished.
func (q *queue) done() {
	q.mu.Lock()
	q.busy = false
	q.mu.Unlock()
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
	return out + fmt.Sprintf("; %d fallbacks; %d files", s.Fallbacks, s.Files)
}
