package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"peacebuilding/internal/bench"
)

func init() {
	subcommands["bench"] = runBench
	subcommands["bench-floor"] = runBenchFloor
	subcommands["bench-pipeline"] = runBenchPipeline
}

// runBench measures the build against the floor on synthetic sites (see package bench).
func runBench(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("bench", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sizes := fl.String("sizes", "1000,10000", "comma-separated numbers of country pages per language")
	runs := fl.Int("runs", 3, "timed runs of the build and of the floor per size (the median is reported)")
	dir := fl.String("dir", ".bench", "working folder for the synthetic sites and their output")
	root := fl.String("root", ".", "project folder whose config, layouts, assets and UI strings the synthetic sites use")
	if err := fl.Parse(args); err != nil {
		return err
	}
	var opts = bench.Options{Project: *root, Dir: *dir, Runs: *runs}
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
