package pipeline

import (
	"bytes"
	"errors"
	"iter"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"peacebuilding/internal/publish"
	"peacebuilding/internal/render"
	"peacebuilding/internal/search"
	"peacebuilding/internal/site"
)

// An Output is one file of the site and how to make it: exactly one of Page, Job, Data
// and Asset is set.
type Output struct {
	Path string // "en/countries/cambodia/index.html"
	// Page is a content page, rendered with render.PageJob when it is made: a view holds
	// a page's links and alternates, and those of thousands of pages need not all exist
	// while the booklets render.
	Page *site.Page
	// Job is a page made from the whole site, or an extra page (Options.Extra).
	Job *render.Job
	// Data makes the files that are not a layout's (sitemap.xml, robots.txt, a share
	// image, or the search index of a language, whose Path is then its folder), to be
	// minified by their type. It is called when they are made, and yields each file as
	// soon as it is written: the search index of thousands of pages is never held whole.
	// Each file's Data is handed over: Make minifies it in place (the minifier may
	// rewrite it, and the byte after its end for a while), so it must be the producer's
	// own bytes, not a cache's or a slice of a buffer that something else reads.
	Data iter.Seq[publish.File]
	// Many says that Data makes several files, under the folder Path.
	Many bool
	// Whole says that Data makes a file from the whole site (the sitemap, the timeline's
	// filter rules: 10 and 4 MB at 10,000 country briefs per language, and twice that
	// while they are made and minified), which the queue makes early, with the pages made
	// from the whole site: made last, they were held with the audit's summaries of every
	// page, at the build's largest live heap.
	Whole bool
	// Asset is a file of assets/, already minified when it was loaded.
	Asset []byte
}

// plan lists every output of s: the assets, the content pages, the pages made from the
// whole site, the extra pages, the sitemap, robots.txt, the timeline's filter rules, the
// share images and the search index, in that order.
func (st *State) plan(s *site.Site, extra ExtraPages) ([]Output, error) {
	in := st.in
	outputs := make([]Output, 0, len(in.assets)+len(s.Pages)+64)
	for _, f := range in.assets {
		outputs = append(outputs, Output{Path: f.Path, Asset: f.Data})
	}
	for _, p := range s.Pages {
		outputs = append(outputs, Output{Path: render.OutputPath(p.URL), Page: p})
	}
	jobs := in.r.SiteJobs(s)
	if extra != nil {
		views, err := extra(s, in.r)
		if err != nil {
			return nil, err
		}
		for _, v := range views {
			jobs = append(jobs, render.Job{Layout: v.Layout, View: v})
		}
	}
	for _, j := range jobs {
		// Each job its own variable, not a pointer into jobs: Make lets go of a job's
		// view once its page is made (see Make).
		outputs = append(outputs, Output{Path: j.Path(), Job: &j})
	}
	outputs = append(outputs,
		Output{Path: "sitemap.xml", Whole: true, Data: func(yield func(publish.File) bool) {
			yield(publish.File{Path: "sitemap.xml", Data: render.Sitemap(s, render.Dates(st.fsys, s, st.opts.Dates))})
		}},
		Output{Path: "robots.txt", Data: func(yield func(publish.File) bool) {
			yield(publish.File{Path: "robots.txt", Data: render.Robots(s)})
		}})
	for _, l := range s.Config.Languages {
		outputs = append(outputs, Output{Path: l.Code + "/timeline/filter.css", Whole: true, Data: func(yield func(publish.File) bool) {
			yield(render.TimelineStyle(s, l.Code))
		}})
	}
	images, err := in.images()
	if err != nil {
		return nil, err
	}
	for _, f := range images {
		outputs = append(outputs, Output{Path: f.Path, Data: single(f)})
	}
	for _, l := range s.Config.Languages {
		outputs = append(outputs, Output{Path: search.Dir(l.Code), Many: true, Data: search.Files(s, l.Code)})
	}
	return outputs, nil
}

// single yields f.
func single(f publish.File) iter.Seq[publish.File] {
	return func(yield func(publish.File) bool) { yield(f) }
}

// ExtraOutputs calls extra over the files of s and makes its pages with the renderer of
// the last load, and returns their outputs: for a preview, which keeps the files' text and
// makes these pages only when they are asked for. After a one-off build (Stream) the files
// have no text left, and extra would see empty files.
func (st *State) ExtraOutputs(s *site.Site, extra Extra) ([]Output, error) {
	views, err := extra(s.Config, s.Glossary, s.Files())(s, st.in.r)
	if err != nil {
		return nil, err
	}
	outputs := make([]Output, len(views))
	for i, v := range views {
		j := render.Job{Layout: v.Layout, View: v}
		outputs[i] = Output{Path: j.Path(), Job: &j}
	}
	return outputs, nil
}

// Make renders, minifies and emits outputs of site s (of the State's last build), in
// parallel with one minifier and one pair of buffers per worker. Render errors come back
// in the order of outputs; only if there are none, minify errors in path order (as a
// build that minified every page after rendering them all would report them), then emit
// errors. See Stream for emit.
//
// Make clears each element of outputs once it is made, so that what only an output holds
// goes before the end of the build: the status page's view holds the report of every
// translation, and through the text it quotes, every content file's text (60 MB at
// 10,000 pages per language).
func (st *State) Make(s *site.Site, outputs []Output, emit func(publish.File) error) error {
	r := st.in.r
	renderErrs := make([]error, len(outputs))
	q := newQueue(outputs)
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
			// one renders, minifies and emits one file: the page of output i if f is nil,
			// else f.
			one := func(i int, f *publish.File) {
				o := outputs[i]
				path, data := o.Path, o.Asset
				if f != nil {
					path = f.Path
				}
				if o.Asset == nil {
					// made is the file before minifying: a Data file's own bytes (a
					// copy would double the sitemap's ten megabytes at 10,000 pages per
					// language), or the rendered page.
					var made []byte
					if f != nil {
						made = f.Data
					} else {
						page.Reset()
						if o.Page != nil {
							renderErrs[i] = r.Execute(&page, r.PageJob(s, o.Page))
						} else {
							renderErrs[i] = r.Execute(&page, *o.Job)
						}
						if renderErrs[i] != nil {
							renderFailed.Store(true)
							failed.Store(true)
							return
						}
						made = page.Bytes()
					}
					if renderFailed.Load() {
						return // the build fails with the render errors alone
					}
					out.Reset()
					// Minifying shortens a page: room for the whole page means one
					// allocation for a booklet of tens of megabytes instead of a doubling
					// series.
					out.Grow(len(made))
					if err := publish.MinifyTo(m, &out, path, made); err != nil {
						mu.Lock()
						minifyErrs = append(minifyErrs, pathErr{path, err})
						mu.Unlock()
						failed.Store(true)
						return
					}
					if page.Cap() > bigPage {
						page = bytes.Buffer{} // a booklet's: let it go before emit keeps its own copies
					}
					data = out.Bytes()
				}
				if failed.Load() {
					return
				}
				if err := emit(publish.File{Path: path, Data: data}); err != nil {
					mu.Lock()
					emitErrs = append(emitErrs, err)
					mu.Unlock()
					failed.Store(true)
				}
			}
			work := func(i int) {
				if outputs[i].Data == nil {
					one(i, nil)
					return
				}
				for f := range outputs[i].Data {
					one(i, &f)
				}
			}
			for {
				i, ok := q.next()
				if !ok {
					return
				}
				work(i)
				outputs[i] = Output{}
				q.done(i)
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
	if err := render.JoinExecErrors(renderErrs); err != nil {
		return err
	}
	slices.SortFunc(minifyErrs, func(a, b pathErr) int { return strings.Compare(a.path, b.path) })
	var errs []error
	for _, e := range minifyErrs {
		errs = append(errs, e.err)
	}
	return errors.Join(append(errs, emitErrs...)...)
}

// bigPage is the buffer size beyond which a worker drops its buffers after a page: above
// a booklet part's megabyte, so that the hundreds of parts of a large site reuse them. At
// 256 KB, which dropped them after each part, a build of 10,000 pages per language used
// 17% more CPU (growing them again), for 3 MiB less peak RSS at 1,000.
const bigPage = 4 << 20

// queue hands out the outputs of Make, biggest first: the print booklets in one part,
// which hold every brief of their language, then the other pages made from the whole site
// (home, section indexes, timeline, figures, the parts of a booklet in parts, the sitemap
// and the timeline's filter rules), then the search index of each language beside the
// pages of one content file each, then the rest (assets, robots.txt, share images).
// Started last, a booklet or a search index would keep one worker busy long after the
// others ran out of work. While other work is left, only one booklet is rendered at a
// time: a booklet of config.DefaultBookletPartSize briefs takes a few megabytes, but
// bookletPartSize may be set much higher. The search index of a language, its index of
// every word, is the largest thing a build holds besides the model: it is made one
// language at a time, once no page made from the whole site is being rendered (the
// timeline's view of every event is the next largest), and before the output audit has
// read most pages (audit.Summaries, 40 MB at 10,000 pages per language).
type queue struct {
	mu        sync.Mutex
	kinds     []outputKind // by index of outputs
	booklets  []int        // indexes of outputs
	whole     []int        // the other pages made from the whole site
	search    []int
	rest      []int
	busy      bool // a booklet is being rendered
	wholeBusy int  // pages made from the whole site being rendered
	searching bool // a search index is being made
}

type outputKind uint8

const (
	otherOutput outputKind = iota
	bookletOutput
	wholeOutput
	searchOutput
)

func newQueue(outputs []Output) *queue {
	q := &queue{kinds: make([]outputKind, len(outputs))}
	var single, other []int
	for i, o := range outputs {
		switch {
		case o.Many:
			q.search = append(q.search, i)
			q.kinds[i] = searchOutput
		case o.Job != nil && o.Job.View.Booklet != nil && !o.Job.View.Booklet.InParts():
			q.booklets = append(q.booklets, i)
			q.kinds[i] = bookletOutput
		case o.Whole, o.Job != nil && (o.Job.View.Page == nil || o.Job.View.Page.Kind == site.KindHome || o.Job.View.Page.Kind == site.KindSection),
			o.Page != nil && (o.Page.Kind == site.KindHome || o.Page.Kind == site.KindSection):
			q.whole = append(q.whole, i)
			q.kinds[i] = wholeOutput
		case o.Page != nil || o.Job != nil:
			single = append(single, i)
		default:
			other = append(other, i)
		}
	}
	q.rest = append(single, other...)
	return q
}

// next returns the index of the next output; ok is false when none is left for now. The
// caller calls done when it is made.
func (q *queue) next() (i int, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	left := len(q.whole) + len(q.rest)
	switch {
	case len(q.booklets) > 0 && (!q.busy || left == 0):
		i, q.booklets = q.booklets[0], q.booklets[1:]
		q.busy = true
	case len(q.whole) > 0:
		i, q.whole = q.whole[0], q.whole[1:]
		q.wholeBusy++
	case len(q.search) > 0 && !q.searching && q.wholeBusy == 0:
		i, q.search = q.search[0], q.search[1:]
		q.searching = true
	case len(q.rest) > 0:
		i, q.rest = q.rest[0], q.rest[1:]
	case len(q.search) > 0 && !q.searching:
		// Only search indexes are left, and the pages made from the whole site are
		// still being rendered: make the index now rather than stop.
		i, q.search = q.search[0], q.search[1:]
		q.searching = true
	default:
		// Nothing is left, or only search indexes while one is being made: the worker
		// making it takes the next when it is done; the others stop.
		return 0, false
	}
	return i, true
}

// done marks output i, handed out by next, as made.
func (q *queue) done(i int) {
	q.mu.Lock()
	switch q.kinds[i] {
	case bookletOutput:
		q.busy = false
	case wholeOutput:
		q.wholeBusy--
	case searchOutput:
		q.searching = false
	}
	q.mu.Unlock()
}
