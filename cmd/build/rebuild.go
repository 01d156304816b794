package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"peacebuilding/internal/incremental"
	"peacebuilding/internal/synth"
)

func init() { subcommands["bench-rebuild"] = runBenchRebuild }

// runBenchRebuild measures the preview's rebuild after one-file edits:
// build bench-rebuild [-edits N] SITE. It edits files of SITE and puts them back, so it
// refuses a folder that is not a synthetic site (build synth).
func runBenchRebuild(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("bench-rebuild", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: build bench-rebuild [-edits N] SITE\n\nBuilds the synthetic site SITE in memory, then edits one country brief at a time and\ntimes the rebuild of the preview server (build serve) after each; prints one line.")
		fl.PrintDefaults()
	}
	edits := fl.Int("edits", 5, "one-file edits to time (the median is reported)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 || *edits < 1 {
		fl.Usage()
		return fmt.Errorf("bench-rebuild: expected one synthetic site folder and -edits of at least 1")
	}
	dir := fl.Arg(0)
	if _, err := os.Stat(filepath.Join(dir, synth.Marker)); err != nil {
		return fmt.Errorf("bench-rebuild: %s is not a synthetic site (no %s): it edits the files it measures", dir, synth.Marker)
	}
	m, err := incremental.Measure(dir, *edits)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "preview: %s\n", m)
	return nil
}
