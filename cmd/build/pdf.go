package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"peacebuilding/internal/pdf"
	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/projectfs"
)

func init() { subcommands["pdf"] = runPDF }

// runPDF prints every country brief and both booklets of the built site to PDF with
// headless Chromium: `build pdf [-root DIR] [-site DIR] [-out DIR] [-j N] [-timeout D]`.
// It prints the HTML already in the site folder (make pdf builds it first) and takes the
// list of pages from the content, so a page missing from the folder is an error.
func runPDF(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("build pdf", flag.ContinueOnError)
	fl.SetOutput(stderr)
	root := fl.String("root", ".", "project folder")
	siteDir := fl.String("site", "", "the built site to print (default: public/ in the project folder)")
	out := fl.String("out", "", "folder for the PDFs (default: pdf/ in the project folder)")
	parallel := fl.Int("j", min(runtime.NumCPU(), 4), "pages printed at the same time")
	timeout := fl.Duration("timeout", time.Minute, "time limit for one page")
	quiet := fl.Bool("q", false, "print nothing but errors")
	verbose := fl.Bool("v", false, "print every PDF with its page count")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("pdf: unexpected argument %q", fl.Arg(0))
	}
	if *siteDir == "" {
		*siteDir = filepath.Join(*root, "public")
	}
	if *out == "" {
		*out = filepath.Join(*root, "pdf")
	}
	chromium, err := pdf.Find()
	if err != nil {
		return err
	}
	res, err := pipeline.Build(projectfs.New(*root), pipeline.Options{})
	if err != nil {
		return report(stderr, err)
	}
	start := time.Now()
	targets := pdf.Targets(res.Site)
	jobs := make([]pdf.Job, len(targets))
	for i, t := range targets {
		src := filepath.Join(*siteDir, filepath.FromSlash(t.Src))
		if _, err := os.Stat(src); err != nil {
			return fmt.Errorf("%s: not built; run make build first", src)
		}
		jobs[i] = pdf.Job{Src: src, Out: filepath.Join(*out, filepath.FromSlash(t.Out))}
	}
	p := pdf.Printer{Chromium: chromium, Timeout: *timeout}
	if err := p.PrintAll(context.Background(), jobs, *parallel); err != nil {
		return err
	}
	// A brief over its page budget is printed anyway, and reported.
	var errs []error
	most := 0 // pages of the longest brief
	for i, t := range targets {
		data, err := os.ReadFile(jobs[i].Out)
		if err != nil {
			return err
		}
		n, err := pdf.Pages(data)
		if err != nil {
			return fmt.Errorf("%s: %v", jobs[i].Out, err)
		}
		if t.MaxPages > 0 {
			most = max(most, n)
			if n > t.MaxPages {
				errs = append(errs, fmt.Errorf("%s: %d pages, more than %d", jobs[i].Out, n, t.MaxPages))
			}
		}
		if *verbose {
			fmt.Fprintf(stdout, "%s: %d pages\n", jobs[i].Out, n)
		}
	}
	// The PDFs of briefs that are gone, or of a booklet now printed in parts, would
	// otherwise be taken for current ones.
	removed, err := pdf.RemoveStale(*out, targets)
	errs = append(errs, err)
	if !*quiet {
		fmt.Fprintf(stdout, "printed %d PDFs (briefs of at most %d pages) in %s -> %s\n", len(jobs), most, time.Since(start).Round(time.Millisecond), *out)
		if len(removed) > 0 {
			fmt.Fprintf(stdout, "removed PDFs that are no longer made: %s\n", strings.Join(removed, ", "))
		}
	}
	return errors.Join(errs...)
}
