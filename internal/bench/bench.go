// Package bench measures the site build against the floor of the work it cannot avoid.
//
// For each size it writes a synthetic site (package synth) and runs three programs on it,
// each as a child process of the same executable, taking turns, a few times each:
//
//	floor     build bench-floor SITE      the bare work: read, split, goldmark, one trivial
//	                                      template, minify, in parallel (see Floor)
//	pipeline  build bench-pipeline SITE   the real pipeline, every file dropped when made
//	build     build -root SITE -out OUT   the command a writer runs: the pipeline, the
//	                                      translation status page, the audit and the write,
//	                                      into the output of the run before (up to date)
//	first     build -root SITE -out NEW   the same into a folder that does not exist yet,
//	                                      so that every file is written
//	hugo      run-hugo.sh SITE NEW        Hugo building the same site with comparable
//	                                      layouts into a new folder (../shared/perf/hugo/),
//	                                      when Options.Hugo names a Hugo executable
//
// A child process each, so that the peak memory of one does not count against another:
// the parent reads each child's maximum resident set size and CPU time from its rusage.
// It prints the medians: wall and CPU time, pages per second, peak memory, the ratios to
// the floor, and, with Hugo, the ratios of the first build to Hugo's (both write a new
// folder): the peer a site owner would pick instead is the yardstick that matters; the
// floor is a diagnostic of where our own time goes.
//
// Then it times the preview's rebuild after one-file edits (incremental.Measure, in a
// child process: build bench-rebuild-json), and prints it against the build and against a
// full build in memory.
//
// The parent does nothing heavy itself, the synthetic site included (build synth, a child
// too): on Linux a child's maximum RSS is at least its parent's peak RSS at the fork, so a
// parent that once held a site in memory would inflate every later figure.
//
// Timings are taken on a machine others may be using: compare ratios taken in one run,
// not times taken on different days. CPU time is the steadier of the two when other work
// takes turns on the cores.
package bench

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"peacebuilding/internal/incremental"
	"peacebuilding/internal/synth"
)

// Options say what to measure.
type Options struct {
	// Exe is the build executable, which has the bench-floor and bench-pipeline subcommands.
	Exe string
	// Project is the project folder whose config, layouts, assets and i18n the synthetic
	// sites use.
	Project string
	// Dir is the working folder for the synthetic sites and their output (.bench).
	Dir string
	// Sizes are the numbers of country pages per language to measure.
	Sizes []int
	// Runs is how many times each program runs per size.
	Runs int
	// Hugo is the Hugo executable to compare with; empty for none.
	Hugo string
	// HugoScript builds a synthetic site with Hugo: HugoScript SITE OUT, with the
	// executable in $HUGO (../shared/perf/hugo/run-hugo.sh).
	HugoScript string
}

// Sample is one run of a child process.
type Sample struct {
	Wall   time.Duration
	CPU    time.Duration // user + system, all threads
	MaxRSS int64         // bytes
}

// A Program is one of the programs measured, a row of the report.
type Program int

const (
	ProgramFloor    Program = iota // bench-floor: the bare work (see Floor)
	ProgramPipeline                // bench-pipeline: the real pipeline, files dropped (see Pipeline)
	ProgramBuild                   // build: the command a writer runs, with audit, status page and write
	ProgramFirst                   // build into a new folder: every file written
	ProgramHugo                    // Hugo into a new folder, when asked for
	nPrograms
)

var programNames = [nPrograms]string{"floor", "pipeline", "build", "first", "hugo"}

// Result is the measurement of one size.
type Result struct {
	Size    int // country pages per language
	Pages   int // content files of the synthetic site
	Samples [nPrograms][]Sample
	// Rebuild is the preview's rebuild after one-file edits.
	Rebuild incremental.Measurement
}

// Median returns the median wall time, CPU time and peak memory of program.
func (r Result) Median(program Program) Sample {
	var walls, cpus []time.Duration
	var rss []int64
	for _, x := range r.Samples[program] {
		walls, cpus, rss = append(walls, x.Wall), append(cpus, x.CPU), append(rss, x.MaxRSS)
	}
	return Sample{Wall: median(walls), CPU: median(cpus), MaxRSS: median(rss)}
}

// Ratio is the median wall time of program over the floor's.
func (r Result) Ratio(program Program) float64 {
	return float64(r.Median(program).Wall) / float64(r.Median(ProgramFloor).Wall)
}

// CPURatio is the median CPU time of program over the floor's: steadier than Ratio on a
// machine where other work takes turns on the cores.
func (r Result) CPURatio(program Program) float64 {
	return float64(r.Median(program).CPU) / float64(r.Median(ProgramFloor).CPU)
}

// HasHugo says whether Hugo was measured.
func (r Result) HasHugo() bool { return len(r.Samples[ProgramHugo]) > 0 }

// VersusHugo gives the first build's medians over Hugo's (both into a new folder): wall
// time, CPU time and peak memory.
func (r Result) VersusHugo() (wall, cpu, rss float64) {
	p, h := r.Median(ProgramFirst), r.Median(ProgramHugo)
	return float64(p.Wall) / float64(h.Wall), float64(p.CPU) / float64(h.CPU), float64(p.MaxRSS) / float64(h.MaxRSS)
}

// median returns the median of xs (the mean of the middle two for an even count).
func median[T int64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// Run measures every size and prints a table to w as it goes.
func Run(opts Options, w io.Writer) ([]Result, error) {
	if opts.Runs < 1 {
		return nil, fmt.Errorf("bench: need at least one run, not %d", opts.Runs)
	}
	trash := &trash{dir: filepath.Join(opts.Dir, "trash")}
	if err := os.RemoveAll(trash.dir); err != nil { // a killed run's
		return nil, err
	}
	if err := os.MkdirAll(trash.dir, 0o755); err != nil {
		return nil, err
	}
	defer os.RemoveAll(trash.dir)
	var results []Result
	for _, n := range opts.Sizes {
		site := filepath.Join(opts.Dir, "site-"+strconv.Itoa(n))
		out := filepath.Join(opts.Dir, "public-"+strconv.Itoa(n))
		write := command{exe: opts.Exe, args: []string{"synth", "-root", opts.Project, "-pages", strconv.Itoa(n), site}}
		if _, _, err := write.run(); err != nil {
			return nil, err
		}
		pages, err := countPages(site)
		if err != nil {
			return nil, err
		}
		res := Result{Size: n, Pages: pages}
		first, hugoOut := out+"-first", out+"-hugo"
		cmds := [nPrograms]*command{
			ProgramFloor:    {exe: opts.Exe, args: []string{"bench-floor", site}},
			ProgramPipeline: {exe: opts.Exe, args: []string{"bench-pipeline", site}},
			ProgramBuild:    {exe: opts.Exe, args: []string{"-root", site, "-out", out, "-q", "-status"}},
			ProgramFirst:    {exe: opts.Exe, args: []string{"-root", site, "-out", first, "-q", "-status"}, fresh: first, trash: trash},
		}
		if opts.Hugo != "" {
			hugo, err := hugoCommand(opts, site, hugoOut, trash)
			if err != nil {
				return nil, err
			}
			cmds[ProgramHugo] = hugo
		}
		// One untimed run of each: the files are then in the page cache and the output
		// folder exists, as for a writer who builds again after an edit.
		for _, c := range cmds {
			if c == nil {
				continue
			}
			if _, _, err := c.run(); err != nil {
				return nil, err
			}
		}
		// Take turns, so that a noisy minute on a shared machine hits all alike.
		for range opts.Runs {
			for prog, c := range cmds {
				if c == nil {
					continue
				}
				_, s, err := c.run()
				if err != nil {
					return nil, err
				}
				res.Samples[prog] = append(res.Samples[prog], s)
			}
		}
		rebuild := command{exe: opts.Exe, args: []string{"bench-rebuild-json", "-edits", strconv.Itoa(max(5, opts.Runs)), site}}
		measured, _, err := rebuild.run()
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(measured, &res.Rebuild); err != nil {
			return nil, fmt.Errorf("bench: reading the output of bench-rebuild-json: %v", err)
		}
		results = append(results, res)
		report(w, res)
	}
	return results, nil
}

func countPages(site string) (int, error) {
	n := 0
	err := filepath.WalkDir(filepath.Join(site, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			n++
		}
		return err
	})
	return n, err
}

// hugoCommand builds site into out with Hugo. The script links the site's content into a
// folder of its own, so every path it gets is absolute.
func hugoCommand(opts Options, site, out string, trash *trash) (*command, error) {
	var abs [4]string
	for i, p := range []string{opts.HugoScript, opts.Hugo, site, out} {
		a, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		abs[i] = a
	}
	return &command{exe: abs[0], args: []string{abs[2], abs[3]}, env: []string{"HUGO=" + abs[1]}, fresh: abs[3], trash: trash}, nil
}

// A trash holds the outputs of earlier runs until the measuring is over. They are moved
// there, not removed: on a file system without a journal (this project's bench machine),
// ext4 steps over the inodes freed in the last minute or more, one by one, each time it
// makes a file, so creating files just after removing thousands costs seconds of kernel
// time, charged to whichever program runs next. The harness's cleaning is not the
// measured program's work.
type trash struct {
	dir string
	n   int // folders put so far, to name the next
}

// put moves the folder path, if it exists, into the trash.
func (t *trash) put(path string) error {
	err := os.Rename(path, filepath.Join(t.dir, strconv.Itoa(t.n)))
	t.n++
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// A command is a child process that bench runs.
type command struct {
	exe   string
	args  []string
	env   []string // added to the environment
	fresh string   // a folder moved into trash, untimed, before each run: the output must be new
	trash *trash
}

// run runs c and returns its output and its Sample: wall time, CPU time and peak RSS. A
// command that runs its own children (Hugo's script) is measured with them: rusage counts
// the children a process waited for, and its peak RSS is the largest of theirs.
func (c command) run() ([]byte, Sample, error) {
	if c.fresh != "" {
		if err := c.trash.put(c.fresh); err != nil {
			return nil, Sample{}, err
		}
	}
	cmd := exec.Command(c.exe, c.args...)
	if c.env != nil {
		cmd.Env = append(os.Environ(), c.env...)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return nil, Sample{}, fmt.Errorf("bench: %s %s: %v\n%s", filepath.Base(c.exe), strings.Join(c.args, " "), err, stderr.String())
	}
	ps := cmd.ProcessState
	return stdout.Bytes(), Sample{Wall: wall, CPU: ps.UserTime() + ps.SystemTime(), MaxRSS: maxRSS(ps)}, nil
}

// RebuildJSON measures the preview's rebuild on site (incremental.Measure with edits
// edits) and writes the measurement to w as JSON, for Run in the parent process.
func RebuildJSON(w io.Writer, site string, edits int) error {
	m, err := incremental.Measure(site, edits)
	if err != nil {
		return err
	}
	return json.NewEncoder(w).Encode(m)
}

func report(w io.Writer, r Result) {
	const mib = 1 << 20
	fmt.Fprintf(w, "%d countries + %d themes per language: %d content files; median of %d runs\n", r.Size, synth.Themes(r.Size), r.Pages, len(r.Samples[ProgramFloor]))
	fmt.Fprintf(w, "  %-8s %9s %9s %9s %10s %13s\n", "", "wall", "cpu", "pages/s", "peak RSS", "/floor (cpu)")
	for i, name := range programNames {
		prog := Program(i)
		if len(r.Samples[prog]) == 0 {
			continue
		}
		m := r.Median(prog)
		ratio := ""
		if prog != ProgramFloor {
			ratio = fmt.Sprintf("%5.2f (%5.2f)", r.Ratio(prog), r.CPURatio(prog))
		}
		fmt.Fprintf(w, "  %-8s %7.2f s %7.2f s %9.0f %6.0f MiB %13s\n", name, m.Wall.Seconds(), m.CPU.Seconds(), float64(r.Pages)/m.Wall.Seconds(), float64(m.MaxRSS)/mib, ratio)
	}
	if r.HasHugo() {
		wall, cpu, rss := r.VersusHugo()
		fmt.Fprintf(w, "  first / hugo: wall %.2f, cpu %.2f, peak RSS %.2f (both into a new folder)\n", wall, cpu, rss)
	}
	fmt.Fprintf(w, "  build / floor: %.2f (output up to date), %.2f (new output folder)\n", r.Ratio(ProgramBuild), r.Ratio(ProgramFirst))
	m := r.Rebuild
	fmt.Fprintf(w, "  preview rebuild after a one-file edit: %.0f ms (median of %d) = %.2f%% of build, %.2f%% of a full build in memory (%.2f s)\n",
		float64(m.Rebuild())/float64(time.Millisecond), len(m.Rebuilds), 100*float64(m.Rebuild())/float64(r.Median(ProgramBuild).Wall), 100*float64(m.Rebuild())/float64(m.Full), m.Full.Seconds())
	fmt.Fprintf(w, "    %d outputs changed or out of date; the pages made from the whole site, when asked for: %.2f s\n", m.Outputs, m.Aggregates.Seconds())
}
