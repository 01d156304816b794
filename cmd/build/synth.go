package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"peacebuilding/internal/synth"
)

func init() { subcommands["synth"] = runSynth }

// runSynth writes a synthetic site for benchmarks: build synth -pages N DIR.
func runSynth(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("synth", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: build synth [-root DIR] -pages N OUT\n\nWrites a synthetic bilingual site of N country briefs per language into OUT, with the\nconfig, layouts, assets, UI strings and data of the project. Build it with build -root OUT.")
		fl.PrintDefaults()
	}
	pages := fl.Int("pages", 1000, "country briefs per language")
	root := fl.String("root", ".", "project folder whose config.toml, layouts/, assets/, i18n/ and data/ the site uses")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return fmt.Errorf("synth: expected one output folder, got %d arguments", fl.NArg())
	}
	start := time.Now()
	if err := synth.Write(fl.Arg(0), *pages, os.DirFS(*root)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote a synthetic site of %d countries and %d themes per language in %s -> %s\n", *pages, synth.Themes(*pages), time.Since(start).Round(time.Millisecond), fl.Arg(0))
	return nil
}
