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
	"peacebuilding/internal/site"
)

// Options adjust a build.
type Options struct {
	// BaseURL, when set, replaces config.toml's baseURL (for previews and tests).
	BaseURL string
	// Extra, when set, is called with the built site and renderer and returns pages to add
	// (the translation status page). It runs while the other pages are rendered, so it may
	// only read the site; if it fails, the build fails with its error alone.
	Extra func(*site.Site, *render.Renderer) ([]*render.View, error)
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
	res, err := Stream(fsys, opts, func(f publish.File) error {
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
func Stream(fsys fs.FS, opts Options, emit func(publish.File) error) (*Result, error) {
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
	// The extra pages are made (a check of every translation, for the status page) on one
	// core while the other pages are rendered on all.
	var extra func() ([]render.Job, error)
	if opts.Extra != nil {
		extra = func() ([]render.Job, error) {
			views, err := opts.Extra(s, r)
			jobs := make([]render.Job, len(views))
			for i, v := range views {
				jobs[i] = render.Job{Layout: v.Layout, View: v}
			}
			return jobs, err
		}
	}
	for _, f := range assets {
		if err := emit(f); err != nil {
			return nil, err
		}
	}
	if err := renderAll(r, r.Plan(s), extra, emit); err != nil {
		return nil, err
	}
	for _, f := range []render.File{{Path: "sitemap.xml", Data: render.Sitemap(s)}, {Path: "robots.txt", Data: render.Robots(s)}} {
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

// renderAll renders, minifies and emits every job, in parallel with one minifier and one
// pair of buffers per worker, and the jobs that extra returns, which it runs meanwhile and
// which come after jobs. If extra fails, its error is returned alone. Otherwise render
// errors come back in job order; only if there are none, minify errors in path order (as a
// build that minified every page after rendering them all would report them), then emit
// errors.
func renderAll(r *render.Renderer, jobs []render.Job, extra func() ([]render.Job, error), emit func(publish.File) error) error {
	renderErrs := make([]error, len(jobs))
	q := newQueue(jobs)
	// The extra jobs take the indexes after jobs; the queue hands them out only once they
	// and their error slots exist (its lock orders the writes before the reads).
	var extraJobs []render.Job
	var extraRenderErrs []error
	var extraErr error
	if extra != nil {
		q.expect()
		go func() {
			extraJobs, extraErr = extra()
			extraRenderErrs = make([]error, len(extraJobs))
			indexes := make([]int, len(extraJobs))
			for i := range indexes {
				indexes[i] = len(jobs) + i
			}
			q.add(indexes)
		}()
	}
	job := func(i int) render.Job {
		if i < len(jobs) {
			return jobs[i]
		}
		return extraJobs[i-len(jobs)]
	}
	errSlot := func(i int) *error {
		if i < len(jobs) {
			return &renderErrs[i]
		}
		return &extraRenderErrs[i-len(jobs)]
	}
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
				j := job(i)
				if err := r.Execute(&page, j); err != nil {
					*errSlot(i) = err
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
	if extraErr != nil {
		return extraErr
	}
	if err := errors.Join(append(renderErrs, extraRenderErrs...)...); err != nil {
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

// queue hands out the jobs of renderAll, biggest first: the print booklets, which hold
// every brief of their language, then the other pages made from the whole site (home,
// section indexes, timeline, figures), then the pages of one content file each. Started
// last, a booklet would keep one worker busy long after the others ran out of work. While
// other work is left, only one booklet is rendered at a time: at 10,000 pages per language
// one takes a hundred megabytes of buffers.
type queue struct {
	mu       sync.Mutex
	more     sync.Cond // signalled when jobs are added
	booklets []int     // indexes of jobs
	rest     []int
	busy     bool // a booklet is being rendered
	expected int  // batches of jobs still to be added
}

func newQueue(jobs []render.Job) *queue {
	q := &queue{}
	q.more.L = &q.mu
	var single []int
	for i, j := range jobs {
		switch {
		case j.Layout == "print":
			q.booklets = append(q.booklets, i)
		case j.View.Page == nil || j.View.Page.Kind == site.KindHome || j.View.Page.Kind == site.KindSection:
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
	for len(q.booklets) == 0 && len(q.rest) == 0 && q.expected > 0 {
		q.more.Wait()
	}
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

// expect announces a batch of jobs that add will bring: until then, a worker that finds
// the queue empty waits instead of stopping.
func (q *queue) expect() {
	q.mu.Lock()
	q.expected++
	q.mu.Unlock()
}

// add adds the batch announced by expect, at the end.
func (q *queue) add(indexes []int) {
	q.mu.Lock()
	q.rest = append(q.rest, indexes...)
	q.expected--
	q.mu.Unlock()
	q.more.Broadcast()
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
