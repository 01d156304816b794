// Command build builds the bilingual briefing site and the tools around it.
//
//	build [-root DIR] [-out DIR] [-baseurl URL]   build the site into public/
//	build check [flags]                            translator checks (see build check -h)
//
// Errors are printed like a compiler's, file:line:col: message, all of them, and the exit
// status is 1. On any error the previous output folder is left untouched.
package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"

	"peacebuilding/internal/audit"
	"peacebuilding/internal/config"
	"peacebuilding/internal/deploy"
	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/projectfs"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/render"
)

func main() {
	limitsMemory = true
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return // -h: the usage is printed, and asking for it is no failure
	}
	if err != nil {
		if !errors.Is(err, errReported) {
			fmt.Fprintf(os.Stderr, "build: %v\n", err)
		}
		os.Exit(1)
	}
}

const buildUsage = `usage: build [flags]            build the site into public/ (make build)
       build check [-h] ...      translation report: missing, stale, numbers, terms (make check)
       build serve [-h] ...      preview with live reload (make serve)
       build pdf [-h] ...        print the country briefs and booklets to PDF (make pdf)
       build audit [-h] DIR      check a built site's links, ids and pages
       build deploy-check URL    check what a host serves: links, types, cache and security headers
       build synth [-h] ...      write a synthetic site, for benchmarks
       build bench [-h] ...      speed and memory figures (make bench)

Run from the project folder (with config.toml), or give it with -root.

Flags of the build:
`

// checkProject says where to run the command from when root has no config.toml, rather
// than leave the user with "config.toml: no such file or directory".
func checkProject(root string) error {
	if _, err := os.Stat(filepath.Join(root, "config.toml")); errors.Is(err, fs.ErrNotExist) {
		abs, _ := filepath.Abs(root)
		return fmt.Errorf("no config.toml in %s: run the command from the project folder, or name that folder with -root", abs)
	}
	return nil
}

// errReported is returned when the problems were already printed.
var errReported = errors.New("errors reported")

// openRoot opens the project folder; tests replace it to inject read errors.
var openRoot = func(dir string) fs.FS { return projectfs.New(dir) }

// subcommands maps a first argument to its command; the default is the site build.
var subcommands = map[string]func(args []string, stdout, stderr io.Writer) error{}

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		if cmd, ok := subcommands[args[0]]; ok {
			return cmd(args[1:], stdout, stderr)
		}
	}
	return runBuild(args, stdout, stderr)
}

func runBuild(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprint(stderr, buildUsage)
		fl.PrintDefaults()
	}
	root := fl.String("root", ".", "project folder (with config.toml, content/, layouts/, assets/, i18n/)")
	out := fl.String("out", "", "output folder (default: public/ in the project folder)")
	var baseURL baseURLFlag
	fl.Var(&baseURL, "baseurl", "override config.toml's baseURL, e.g. http://localhost:8080/briefing/")
	quiet := fl.Bool("q", false, "print nothing but errors")
	precompress := fl.Bool("precompress", false, "also write name.gz and name.br beside each text file, for a web server that sends them as they are (deploy/nginx.conf)")
	status := fl.Bool("status", false, "also write the translation status page, status/ (for a team's site: it shows the state of drafts)")
	cpuProfile := fl.String("cpuprofile", "", "write a CPU profile of the build to `file` (go tool pprof)")
	memProfile := fl.String("memprofile", "", "write a heap profile of the build at its largest live heap to `file` (go tool pprof -sample_index=inuse_space)")
	templates := templatesFlag(fl)
	if err := fl.Parse(args); err != nil {
		return err
	}
	base, err := baseURL.URL()
	if err != nil {
		return err
	}
	if err := templates(); err != nil {
		return err
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	if *memProfile != "" {
		defer startPeakHeapProfile(*memProfile, stderr)()
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("unknown command or argument %q", fl.Arg(0))
	}
	if *out == "" {
		*out = filepath.Join(*root, "public")
	}
	start := time.Now()
	if err := checkProject(*root); err != nil {
		return err
	}
	if limitsMemory {
		limitMemory(*root)
	}
	// The status page shows which translations are drafts: it is published only on request
	// (-status); the preview always has it.
	var extra pipeline.Extra
	if *status {
		extra = statusPage(*root)
	}
	res, stage, files, err := publishSite(*root, *out, pipeline.Options{BaseURL: base, Extra: extra, Dates: gitDates(*root)}, *precompress, nil, stderr)
	if err != nil {
		return err
	}
	warnings := slices.Clone(res.Warnings)
	if n := countPDFs(stage.Removed()); n > 0 {
		// A deploy with rsync --delete would take them off the host too.
		warnings = append(warnings, fmt.Sprintf("removed the %d PDFs of an earlier build pdf from %s: make build publishes the site without them; make pdf prints and publishes them again", n, *out))
	}
	for _, w := range warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	if !*quiet {
		sum := pipeline.Summarize(res)
		sum.Files = files
		compressed := ""
		if n := stage.Compressed(); n > 0 {
			compressed = fmt.Sprintf(", %d compressed copies", n)
		}
		counted := fmt.Sprintf("%d warnings", len(warnings))
		if len(warnings) == 1 {
			counted = "1 warning"
		}
		// The address the pages name in their canonical links, sitemap and share cards: a
		// publisher who forgot to set it sees it here, before the host does.
		builtFor := res.Site.Config.BaseURL
		if config.Placeholder(builtFor) {
			builtFor += " (an address for examples and previews: set baseURL in config.toml, or -baseurl, to where the site is published)"
		}
		fmt.Fprintf(stdout, "built %s (%d written%s, %d removed); %s; %s -> %s for %s\n", sum.Line(res.Site.Config.LanguageCodes()), stage.Written(), compressed, len(stage.Removed()), counted, time.Since(start).Round(time.Millisecond), *out, builtFor)
	}
	return nil
}

// countPDFs counts the PDFs of build pdf among paths of the site: <lang>/pdf/….pdf.
func countPDFs(paths []string) int {
	n := 0
	for _, p := range paths {
		if _, rest, ok := strings.Cut(p, "/"); ok && strings.HasPrefix(rest, "pdf/") && strings.HasSuffix(p, ".pdf") {
			n++
		}
	}
	return n
}

// publishSite builds the project in root into out: each file goes to a staging folder and
// to the audit as soon as it is made, so that no build holds its whole output in memory,
// and the stage replaces out only if the build and the audit pass. extra are files
// published beside the built ones (the PDFs of build pdf), audited with them; with
// precompress, text files get .gz and .br copies. It returns the build, the committed
// stage and the number of files.
func publishSite(root, out string, opts pipeline.Options, precompress bool, extra []publish.File, stderr io.Writer) (*pipeline.Result, *publish.Stage, int, error) {
	stage, err := publish.NewStage(out, publish.StageOptions{
		Project:     root,
		Precompress: precompress,
		Waiting: func(lock string) {
			// A deploy may hold the lock too (README, Deploying: flock around the upload).
			fmt.Fprintf(stderr, "build: another build is writing %s, or a deploy is reading it (one holds %s); waiting for it to finish\n", out, lock)
		},
	})
	if err != nil {
		return nil, nil, 0, err
	}
	defer reportInterrupt(stage, out, stderr)()
	var sums audit.Summaries
	for _, f := range extra {
		sums.Add(f)
		stage.Add(f)
	}
	var (
		mu     sync.Mutex
		assets []string // the fingerprinted files, for _headers
	)
	res, err := pipeline.Stream(openRoot(root), opts, func(f publish.File) error {
		sums.Add(f)
		stage.Add(f)
		if deploy.Fingerprinted(f.Path) {
			mu.Lock()
			assets = append(assets, f.Path)
			mu.Unlock()
		}
		return nil
	})
	if err != nil {
		stage.Abort()
		return nil, nil, 0, report(stderr, err)
	}
	// The host's rules go with the site they are for (they need the fingerprinted names).
	headers := publish.File{Path: deploy.HeadersFile, Data: deploy.Headers(res.Site.Config.BasePath(), assets)}
	sums.Add(headers)
	stage.Add(headers)
	// The built files are audited before the stage is swapped in: a broken link fails the
	// build. Where each link was written (audit.Sources, a map of every link of the site)
	// is only looked up for the messages of a failed audit, which then runs again with it.
	checks := audit.Options{BaseURL: res.Site.Config.BaseURL, Dir: filepath.ToSlash(out)}
	if err := sums.Check(checks); err != nil {
		checks.Sources = audit.Sources(res.Site)
		stage.Abort()
		return nil, nil, 0, report(stderr, sums.Check(checks))
	}
	if err := stage.Commit(); err != nil {
		if errors.Is(err, publish.ErrStopped) {
			select {} // interrupted: reportInterrupt's handler says so and exits
		}
		return nil, nil, 0, err
	}
	if err := stage.Leftover(); err != nil {
		fmt.Fprintf(stderr, "warning: the previous output could not be removed (%v); the next build removes it\n", err)
	}
	return res, stage, sums.Len(), nil
}

// reportInterrupt makes an interrupt of the build (Ctrl-C, or a TERM from a CI runner or a
// service manager) while stage is open say what out holds, then end the process with
// status 128 + the signal's number, as the shell reports a process the signal ended:
// the previous site, as it was, or, if the interrupt came once the new site was swapped
// in, the new one. Ended by the signal, a build said nothing and left the writer to guess
// what to publish. What the build left beside out the next build removes, as after a
// kill. The function it returns stops the watch.
func reportInterrupt(stage *publish.Stage, out string, stderr io.Writer) (stop func()) {
	// A signal ignored when the build started (a background job of a script) stays so.
	watched := []os.Signal{syscall.SIGTERM}
	if !signal.Ignored(os.Interrupt) {
		watched = append(watched, os.Interrupt)
	}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, watched...)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-signals:
			switch swapped, exists := stage.Stop(); {
			case swapped:
				fmt.Fprintf(stderr, "build: interrupted after the new site was swapped in: %s holds this build\n", out)
			case exists:
				fmt.Fprintf(stderr, "build: interrupted: %s is as it was, with the previous build\n", out)
			default:
				fmt.Fprintf(stderr, "build: interrupted: %s was not written\n", out)
			}
			code := 130
			if s, ok := sig.(syscall.Signal); ok {
				code = 128 + int(s)
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(signals)
		close(done)
	}
}

// startCPUProfile starts a CPU profile into name and returns the function that ends it.
func startCPUProfile(name string) (stop func(), err error) {
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// report prints every error of a build, one per line, sorted by file and line and without
// repeats, and their count.
func report(w io.Writer, err error) error {
	msgs := diagnostics(err)
	for _, m := range msgs {
		fmt.Fprintln(w, m)
	}
	fmt.Fprintf(w, "build failed: %d error(s); the previous output was left as it was\n", len(msgs))
	return errReported
}

// diagnostics returns the messages of the errors joined in err (errors.Join), each on one
// line with control characters escaped (a file name may hold a newline or an escape
// sequence that would forge or hide lines), sorted by file, line and column, without
// repeats. Messages without a position keep their order, after the others.
func diagnostics(err error) []string {
	var leaves []error
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, c := range j.Unwrap() {
				walk(c)
			}
			return
		}
		if e != nil {
			leaves = append(leaves, e)
		}
	}
	walk(err)
	type diag struct {
		file      string
		line, col int
		msg       string
	}
	var ds []diag
	seen := map[string]bool{}
	for _, e := range leaves {
		msg := escapeControl(e.Error())
		if seen[msg] {
			continue
		}
		seen[msg] = true
		d := diag{msg: msg}
		if m := positionRe.FindStringSubmatch(msg); m != nil {
			d.file = m[1]
			d.line, _ = strconv.Atoi(m[2])
			d.col, _ = strconv.Atoi(m[3])
		}
		ds = append(ds, d)
	}
	slices.SortStableFunc(ds, func(a, b diag) int {
		switch {
		case a.file == "" && b.file != "":
			return 1 // positioned first
		case a.file != "" && b.file == "":
			return -1
		}
		return cmp.Or(strings.Compare(a.file, b.file), cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col))
	})
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.msg
	}
	return out
}

// positionRe reads the position a compiler-style message starts with: file:line: or
// file:line:col:.
var positionRe = regexp.MustCompile(`^([^\s:]+):(\d+):(?:(\d+):)? `)

// escapeControl writes the control characters of s as Go escapes (\n, \x1b).
func escapeControl(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// templatesFlag defines -templates on fl, for build and serve; the function it returns,
// called once fl is parsed, sets render.TemplatesEnv from it.
func templatesFlag(fl *flag.FlagSet) func() error {
	templates := fl.String("templates", "", "what executes the layouts: tmplexec (the default: internal/tmplexec, the same output faster; a set of layouts it cannot run is run by stdlib, and the build says which) or stdlib (html/template itself, to compare); sets "+render.TemplatesEnv)
	return func() error {
		if *templates == "" {
			return nil
		}
		if !slices.Contains(render.Executors, *templates) {
			return fmt.Errorf("-templates %s: want one of %s", *templates, strings.Join(render.Executors, ", "))
		}
		return os.Setenv(render.TemplatesEnv, *templates)
	}
}
