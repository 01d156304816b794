// Package serve is the preview server for writers and translators. It builds the project
// in memory (package incremental), serves it on a local address at the sub-path of
// config.toml's baseURL, so that what is previewed is what is published, and watches the
// source folders: every save rebuilds what it changed, and the open pages of both
// languages reload by themselves (server-sent events, through a small script that only
// the preview adds to the pages it serves).
//
// While the site does not build, every HTML page is a bilingual page that lists the
// errors (file:line: message) until they are fixed. Bad input never stops the server.
package serve

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"peacebuilding/internal/check"
	"peacebuilding/internal/incremental"
	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/projectfs"
)

// Options configure a preview server.
type Options struct {
	Root string // the project folder
	// Addr is the address to listen on: "127.0.0.1:1313", or port 0 for a free one.
	Addr string
	// Poll is how often the watched files are walked (default 200 ms).
	Poll time.Duration
	// Log receives one line per build, and the errors of a failed one.
	Log io.Writer
	// Extra is the build's pipeline.Options.Extra (the translation status page).
	Extra pipeline.Extra
	// History is the project's history for the check of the pages' boxes and of the
	// side-by-side view, as make check reads it (check.NewGit): what changed in a stale
	// page's source since its translation was marked, and which findings wait on it.
	// Without it (nil), NoHistory says why.
	History   check.History
	NoHistory string
}

// Server is a running preview.
type Server struct {
	opts    Options
	ln      net.Listener
	http    *http.Server
	builder *incremental.Builder
	hub     hub
	done    chan struct{}
	watcher sync.WaitGroup
	// Of the watcher only: whether the last build failed (pages show the error page),
	// and the warnings last printed.
	failed   bool
	warnings []string
	// open is, by page (the key of its content file), how many open findings the last
	// save of it printed: the save that brings it to none says so.
	open map[string]int
	// toldStale notes the pages whose stale translation a save of their source printed.
	toldStale map[string]bool
	// lastErr is the error of the last build, panics included; gen counts the builds
	// that changed what pages show, from the server's start time so that a page from an
	// earlier run of the server is older.
	mu      sync.Mutex
	lastErr error
	gen     int64
	// check is the translator check of the last build, for the side-by-side view and
	// the findings shown on the pages (pair.go); fsys is the project, for its house style
	// sheet.
	check checked
	fsys  fs.FS
}

// maxPaths is the most page paths a reload event lists; more reload every page.
const maxPaths = 200

// Start listens on opts.Addr, builds the site, and serves it and watches it until Close.
// A build error does not stop it: the error pages show it.
func Start(opts Options) (*Server, error) {
	if opts.Poll <= 0 {
		opts.Poll = 200 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, err
	}
	fsys := projectfs.New(opts.Root)
	s := &Server{
		opts: opts,
		ln:   ln,
		// Canonical and alternate links are absolute: they point at the preview.
		builder: incremental.New(fsys, pipeline.Options{Origin: "http://" + ln.Addr().String(), Extra: opts.Extra}),
		done:    make(chan struct{}),
		gen:     time.Now().UnixMilli(),
		fsys:    fsys,
	}
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	snap := snapshot(fsys) // before the build: a save during it is seen at the first poll
	start := time.Now()
	err = safely(s.builder.Full)
	s.logBuild("built", start, nil, err)
	s.failed, s.lastErr = err != nil, err
	go s.http.Serve(ln)
	s.watcher.Add(1)
	go s.watch(fsys, snap)
	return s, nil
}

// ownHost reports whether host (a request's Host header) names this server: a loopback
// name (127.0.0.1, localhost, [::1]) or the address it listens on, with its port.
func (s *Server) ownHost(host string) bool {
	_, port, err := net.SplitHostPort(s.ln.Addr().String())
	if err != nil {
		return false
	}
	name, p, err := net.SplitHostPort(host)
	if err != nil || p != port {
		return false
	}
	if listen, _, _ := net.SplitHostPort(s.ln.Addr().String()); name == listen {
		return true
	}
	if strings.EqualFold(name, "localhost") {
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && ip.IsLoopback()
}

// URL is the address of the site's home: "http://127.0.0.1:1313/briefing/".
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() + s.base() }

// Close stops the watcher and the server, and ends the event streams.
func (s *Server) Close() error {
	close(s.done)
	s.watcher.Wait()
	return s.http.Close()
}

// base is the base path the site is served at: config.toml's, from the last build that
// succeeded, or "/" before one has.
func (s *Server) base() string {
	u, err := url.Parse(s.builder.BaseURL())
	if err != nil || !strings.HasPrefix(u.Path, "/") {
		return "/"
	}
	return u.Path
}

// watch polls the watched files and rebuilds after each burst of changes.
func (s *Server) watch(fsys fs.FS, prev map[string]stamp) {
	defer s.watcher.Done()
	tick := time.NewTicker(s.opts.Poll)
	defer tick.Stop()
	var d debouncer
	for {
		select {
		case <-s.done:
			return
		case <-tick.C:
		}
		next := snapshot(fsys)
		paths := d.poll(changes(prev, next))
		prev = next
		if len(paths) > 0 {
			s.rebuild(paths)
		}
	}
}

// rebuild builds after the files at saved changed and tells the pages.
func (s *Server) rebuild(saved []string) {
	start := time.Now()
	var changed []string
	err := safely(func() (err error) {
		changed, err = s.builder.Rebuild(saved)
		return err
	})
	s.logBuild("rebuilt", start, changed, err)
	var paths []string
	switch {
	case err != nil, s.failed:
		// To the error page, or back from it: every page.
	case len(changed) > 0:
		paths = s.urls(changed)
	default:
		return // nothing to see
	}
	s.failed = err != nil
	s.mu.Lock()
	s.lastErr = err
	s.gen++
	gen := s.gen
	s.hub.send(reload{Gen: s.gen, Paths: paths})
	s.mu.Unlock()
	if err == nil {
		s.logFindings(saved, gen)
	}
}

// logFindings prints the check's open findings of the pages whose content files were
// saved, one line each at its file and line (as an editor jumps to them): what the
// page's box shows, in the terminal the writer watches.
func (s *Server) logFindings(saved []string, gen int64) {
	seen := map[string]bool{}
	for _, name := range saved {
		rest, ok := strings.CutPrefix(name, "content/")
		_, rel, inLang := strings.Cut(rest, "/")
		if !ok || !inLang || !strings.HasSuffix(rel, ".md") || seen[rel] {
			continue
		}
		seen[rel] = true
		key := strings.TrimSuffix(rel, ".md")
		rep, _ := s.report(gen, key)
		if rep == nil {
			return
		}
		open := 0
		for _, p := range rep.Pairs {
			// A stale translation's findings are the translator's work to come, not an
			// error of the save. With the history, those the source's change made are
			// pending (make check's word) and not printed; without it, the preview cannot
			// tell them from the others, and says whose they are (an author who changed a
			// number in English read the Japanese file's finding as a mistake of theirs).
			stale := ""
			if p.State == check.Stale && p.Translation != nil {
				stale = " (stale translation: to update, then mark)"
			}
			for _, pr := range p.Problems {
				if pr.Accepted == "" && !pr.Pending {
					fmt.Fprintf(s.opts.Log, "%s %s: %s%s\n", pr.Place().Position(), pr.Check, pr.Message, stale)
					open++
				}
			}
			for _, f := range p.Style {
				if f.Accepted == "" {
					fmt.Fprintf(s.opts.Log, "%s %s\n", f.At().Position(), f.Message)
					open++
				}
			}
		}
		// Silence after a save could mean a fix or a check that did not run: the save
		// that leaves none of the findings printed before says so.
		if open == 0 && s.open[key] > 0 {
			still := stillStale(rep)
			fmt.Fprintf(s.opts.Log, "%s: no open findings now%s\n", key, still)
			if still != "" {
				s.tellStale(key) // said: not again below
			}
		}
		if s.open == nil {
			s.open = map[string]int{}
		}
		s.open[key] = open
		// An author who changes the English may see no finding at all: the translation
		// is stale, work for its translator, which an author's trial never saw said. Once
		// for the saves of its source, until it is marked.
		file := staleTranslation(rep)
		if file == "" {
			delete(s.toldStale, key)
		} else if open == 0 && strings.HasPrefix(rest, rep.Source+"/") && !s.toldStale[key] {
			fmt.Fprintf(s.opts.Log, "%s: %s is stale now: its translator updates it to what the source says, then marks it (make check ARGS=\"-mark %s\")\n", key, file, file)
			s.tellStale(key)
		}
	}
}

// tellStale notes that the terminal said the translation of key is stale.
func (s *Server) tellStale(key string) {
	if s.toldStale == nil {
		s.toldStale = map[string]bool{}
	}
	s.toldStale[key] = true
}

// stillStale is what a page without open findings may still need: a translation of a
// changed source is stale until it is marked, and a reworded sentence without numbers or
// terms gives no finding to fix (a translator's trial read "no open findings" as done).
func stillStale(rep *check.Report) string {
	if file := staleTranslation(rep); file != "" {
		return fmt.Sprintf("; still stale: once it says what its source now says, make check ARGS=\"-mark %s\"", file)
	}
	return ""
}

// staleTranslation is the file of the report's stale translation, or "".
func staleTranslation(rep *check.Report) string {
	for _, p := range rep.Pairs {
		if p.State == check.Stale && p.Translation != nil {
			return p.Translation.File
		}
	}
	return ""
}

// reload is the data of a reload event.
type reload struct {
	Gen   int64    `json:"gen"`
	Paths []string `json:"paths"` // null: every page
}

// state returns the error the pages show and the generation of the pages served now.
func (s *Server) state() (error, int64) {
	s.mu.Lock()
	err, gen := s.lastErr, s.gen
	s.mu.Unlock()
	if err == nil {
		err = s.builder.Err() // a page made on request failed since
	}
	return err, gen
}

// safely runs a build and turns a panic, which would be a bug, into its error, so that
// the server keeps running and the pages show it.
func safely(build func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error (a bug of the build; please report it with the file you saved): %v", p)
		}
	}()
	return build()
}

// urls turns output paths into the URL paths pages are shown at, or nil (every page) if
// there are many.
func (s *Server) urls(paths []string) []string {
	if len(paths) > maxPaths {
		return nil
	}
	base := s.base()
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = base + strings.TrimSuffix(p, "index.html")
	}
	return out
}

// logBuild prints the result of a build; s.failed is still the build before's.
func (s *Server) logBuild(what string, start time.Time, changed []string, err error) {
	// A failure found as the files load takes under a millisecond, which "0s" hid.
	took := time.Since(start)
	if took >= time.Millisecond {
		took = took.Round(time.Millisecond)
	} else {
		took = took.Round(time.Microsecond)
	}
	if err != nil {
		fmt.Fprintf(s.opts.Log, "%s\nbuild failed in %s: %d error(s); the pages show them until they are fixed\n", err, took, strings.Count(err.Error(), "\n")+1)
		return
	}
	// Warnings are printed when they change, not after every save; the save that leaves
	// none says so, as silence did not (an author fixed a figure and saw only "rebuilt").
	if w := s.builder.Warnings(); !slices.Equal(w, s.warnings) {
		for _, w := range w {
			fmt.Fprintf(s.opts.Log, "warning: %s\n", w)
		}
		if len(w) == 0 {
			fmt.Fprintf(s.opts.Log, "no warnings now\n")
		}
		s.warnings = w
	}
	switch {
	case what == "built":
		fmt.Fprintf(s.opts.Log, "built in %s\n", took)
	case s.failed:
		// The build before failed: say that the error pages are gone, since the count
		// of changed files (often 0: the last good build had the same output) does not.
		fmt.Fprintf(s.opts.Log, "rebuilt in %s: the errors are fixed, the pages show the site again\n", took)
	default:
		fmt.Fprintf(s.opts.Log, "rebuilt in %s: %d file(s) changed\n", took, len(changed))
	}
}

// ServeHTTP serves the site under its base path, the reload events, and the error page
// while the site does not build.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.ownHost(r.Host) {
		// A page of another site can make the browser send requests here under its own
		// name (DNS rebinding) and read the drafts: only the preview's own names answer.
		http.Error(w, "the preview answers only at its own address, such as "+s.URL(), http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store") // a reload must show the new build
	base := s.base()
	switch r.URL.Path {
	case base + EventsPath:
		s.events(w, r)
		return
	case base + ScriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, previewJS)
		return
	case base + StylePath:
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		io.WriteString(w, previewCSS)
		return
	}
	rel, inSite := strings.CutPrefix(r.URL.Path, base)
	buildErr, gen := s.state()
	if key, ok := strings.CutPrefix(r.URL.Path, base+PairPath); ok && buildErr == nil {
		s.servePair(w, r, key, base, gen)
		return
	}
	if buildErr != nil && (inSite || s.builder.BaseURL() == "") && isPage(r) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write(renderError(buildErr, base, gen))
		return
	}
	if !inSite {
		if r.URL.Path == "/" || r.URL.Path+"/" == base {
			http.Redirect(w, r, base, http.StatusFound)
			return
		}
		http.Error(w, "not found: the site is served at "+base, http.StatusNotFound)
		return
	}
	name, status := rel, http.StatusOK
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, ok, err := s.builder.File(name)
	if err == nil && !ok {
		if _, dir, _ := s.builder.File(rel + "/index.html"); dir && name == rel {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		// As a host serves it: the 404 page at the missing address.
		name, status = "404.html", http.StatusNotFound
		data, ok, err = s.builder.File(name)
	}
	if err != nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write(renderError(err, base, gen))
		return
	}
	if !ok {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	ctype := contentType(name)
	if path.Ext(name) == ".html" {
		data = inject(s.withFindings(data, name, base, gen), base, gen)
		w.Header().Set("Content-Security-Policy", sitePolicy)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// types are the content types of the files a build makes, fixed here rather than taken
// from the system's MIME tables, which differ between machines.
var types = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".svg":  "image/svg+xml",
	".xml":  "application/xml",
	".txt":  "text/plain; charset=utf-8",
	".json": "application/json",
}

func contentType(name string) string {
	if t, ok := types[path.Ext(name)]; ok {
		return t
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// isPage reports whether a request asks for an HTML page: a path ending in / or .html,
// or one whose client accepts HTML (a browser asking for any address).
func isPage(r *http.Request) bool {
	p := r.URL.Path
	return strings.HasSuffix(p, "/") || path.Ext(p) == ".html" || path.Ext(p) == "" ||
		strings.Contains(r.Header.Get("Accept"), "text/html")
}

// events streams reload events to one page until it goes or the server stops.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	s.mu.Lock() // no event between the generation and the subscription
	ch := s.hub.subscribe()
	gen := s.gen
	s.mu.Unlock()
	defer s.hub.unsubscribe(ch)
	// retry: reconnect after a second when the server restarts.
	fmt.Fprintf(w, "retry: 1000\nevent: hello\ndata: %d\n\n", gen)
	flusher.Flush()
	for {
		select {
		case r := <-ch:
			data, _ := json.Marshal(r) // numbers and strings
			fmt.Fprintf(w, "event: reload\ndata: %s\n\n", data)
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// hub fans reload events out to the open pages.
type hub struct {
	mu   sync.Mutex
	subs map[chan reload]bool
}

func (h *hub) subscribe() chan reload {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs == nil {
		h.subs = map[chan reload]bool{}
	}
	ch := make(chan reload, 16)
	h.subs[ch] = true
	return ch
}

func (h *hub) unsubscribe(ch chan reload) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, ch)
}

// send sends a reload event to every page. A page that is 16 events behind misses this
// one: it will reload for the ones it has.
func (h *hub) send(r reload) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- r:
		default:
		}
	}
}

// subscribers counts the open event streams (for tests).
func (h *hub) subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}
