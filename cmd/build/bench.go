package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"peacebuilding/internal/bench"
	"peacebuilding/internal/synth"
)

func init() {
	subcommands["bench"] = runBench
	subcommands["bench-floor"] = runBenchFloor
	subcommands["bench-pipeline"] = runBenchPipeline
	subcommands["bench-rebuild-json"] = runBenchRebuildJSON
}

// runBench measures the build against the floor on synthetic sites (see package bench).
func runBench(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("bench", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sizes := fl.String("sizes", "1000,10000", "comma-separated numbers of country pages per language")
	runs := fl.Int("runs", 3, "timed runs of the build and of the floor per size (the median is reported)")
	dir := fl.String("dir", ".bench", "working folder for the synthetic sites and their output")
	root := fl.String("root", ".", "project folder whose config, layouts, assets and UI strings the synthetic sites use")
	hugo := fl.String("hugo", "", "Hugo executable to compare with, taking turns (see ../shared/perf/hugo/README.md); empty: no comparison")
	hugoScript := fl.String("hugo-script", filepath.Join("..", "shared", "perf", "hugo", "run-hugo.sh"), "script that builds a synthetic site with $HUGO: SCRIPT SITE OUT")
	if err := fl.Parse(args); err != nil {
		return err
	}
	var opts = bench.Options{Project: *root, Dir: *dir, Runs: *runs}
	if *hugo == "" {
		fmt.Fprintf(stdout, "Hugo: not compared. To compare, build Hugo 0.160.1 as ../shared/perf/hugo/README.md says\n"+
			"(GOTOOLCHAIN=go1.27.3 go install github.com/gohugoio/hugo@v0.160.1, about 8 minutes) and run\n"+
			"HUGO=\"$(go env GOPATH)/bin/hugo\" make bench\n\n")
	} else {
		for _, f := range []*string{hugo, hugoScript} {
			if _, err := os.Stat(*f); err != nil {
				return fmt.Errorf("bench: %v", err)
			}
		}
		opts.Hugo, opts.HugoScript = *hugo, *hugoScript
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("bench: -sizes: %q is not a positive number", s)
		}
		opts.Sizes = append(opts.Sizes, n)
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	opts.Exe = exe
	_, err = bench.Run(opts, stdout)
	return err
}

// runBenchFloor does the floor's work on a site folder; bench runs it as a child process.
func runBenchFloor(args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: build bench-floor SITE")
	}
	res, err := bench.Floor(os.DirFS(args[0]))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "floor: %d pages, %d bytes\n", res.Pages, res.Bytes)
	return nil
}

// runBenchPipeline builds a site folder in memory, dropping the files; bench runs it as a
// child process.
func runBenchPipeline(args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: build bench-pipeline SITE")
	}
	files, size, err := bench.Pipeline(os.DirFS(args[0]))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "pipeline: %d files, %d bytes\n", files, size)
	return nil
}

// runBenchRebuildJSON times the preview's rebuild on a synthetic site and prints it as JSON;
// bench runs it as a child process: build bench-rebuild-json [-edits N] SITE.
func runBenchRebuildJSON(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("bench-rebuild-json", flag.ContinueOnError)
	fl.SetOutput(stderr)
	edits := fl.Int("edits", 5, "one-file edits to time")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 || *edits < 1 {
		return fmt.Errorf("usage: build bench-rebuild-json [-edits N] SITE")
	}
	if _, err := os.Stat(filepath.Join(fl.Arg(0), synth.Marker)); err != nil {
		return fmt.Errorf("bench-rebuild-json: %s is not a synthetic site (no %s): it edits the files it measures", fl.Arg(0), synth.Marker)
	}
	return bench.RebuildJSON(stdout, fl.Arg(0), *edits)
}
