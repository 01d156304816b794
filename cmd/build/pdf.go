package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"peacebuilding/internal/config"
	"peacebuilding/internal/pdf"
	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/render"
	"peacebuilding/internal/site"
)

func init() { subcommands["pdf"] = runPDF }

// runPDF builds the site, prints every brief and each booklet to PDF with headless
// Chromium, and publishes the site with its PDFs: `build pdf [-root DIR] [-out DIR] [-j N]
// [-timeout D]`. The site is printed from a temporary copy, then built again knowing the
// PDFs and their sizes, so that its pages link to them, and written with them through the
// same staged, audited write as `build`: public/ holds the previous site or the new one
// with every PDF it links to, and a deploy of public/ publishes both.
func runPDF(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("build pdf", flag.ContinueOnError)
	fl.SetOutput(stderr)
	root := fl.String("root", ".", "project folder")
	out := fl.String("out", "", "output folder (default: public/ in the project folder)")
	var baseURL baseURLFlag
	fl.Var(&baseURL, "baseurl", "override config.toml's baseURL, as build -baseurl does")
	parallel := fl.Int("j", min(runtime.NumCPU(), 4), "pages printed at the same time")
	timeout := fl.Duration("timeout", 2*time.Minute, "time limit for one page")
	quiet := fl.Bool("q", false, "print nothing but errors")
	verbose := fl.Bool("v", false, "print every PDF with its page count")
	precompress := fl.Bool("precompress", false, "also write name.gz and name.br beside each text file, as build -precompress does")
	if err := fl.Parse(args); err != nil {
		return err
	}
	base, err := baseURL.URL()
	if err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("pdf: unexpected argument %q", fl.Arg(0))
	}
	if *out == "" {
		*out = filepath.Join(*root, "public")
	}
	chromium, err := pdf.Find()
	if err != nil {
		return err
	}
	if err := checkProject(*root); err != nil {
		return err
	}
	start := time.Now()
	opts := pipeline.Options{BaseURL: base, Dates: gitDates(*root)}
	res, err := pipeline.Build(openRoot(*root), opts)
	if err != nil {
		return report(stderr, err)
	}
	tmp, err := os.MkdirTemp("", "build-pdf-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	siteDir, pdfDir := filepath.Join(tmp, "site"), filepath.Join(tmp, "pdf")
	if err := writeFiles(siteDir, res.Files); err != nil {
		return err
	}
	targets := pdf.Targets(res.Site)
	printedBase := res.Site.Config.BaseURL // on every page's foot, the cover and the references
	if err := datePDFs(targets, res.Site, render.Dates(openRoot(*root), res.Site, gitDates(*root))); err != nil {
		return err
	}
	p := pdf.Printer{Chromium: chromium, Timeout: *timeout}
	if !*quiet {
		// Printing takes half a minute for this site, with no other sign of life.
		fmt.Fprintf(stdout, "printing %d PDFs with %s, %d at a time…\n", len(targets), filepath.Base(chromium), *parallel)
	}
	fitted, err := p.PrintSite(context.Background(), siteDir, pdfDir, targets, *parallel)
	if err != nil {
		return err
	}
	// A brief over its page budget is published anyway, and reported.
	var errs []error
	var files []publish.File
	opts.PDFs = map[string]render.PDF{}
	most := 0 // pages of the longest brief
	var radicals []rune
	withRadicals := 0 // PDFs whose text has radicals for kanji
	for _, t := range targets {
		name := filepath.Join(pdfDir, filepath.FromSlash(t.Out))
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		n, err := pdf.Pages(data)
		if err != nil {
			return fmt.Errorf("%s: %v", t.Out, err)
		}
		if !t.Booklet() {
			most = max(most, n)
			if n > t.MaxPages {
				errs = append(errs, fmt.Errorf("%s: %d pages, more than %d", t.Out, n, t.MaxPages))
			}
		}
		if *verbose {
			fmt.Fprintf(stdout, "%s: %d pages, %d bytes\n", t.Out, n, len(data))
		}
		if r := pdf.Radicals(data); len(r) > 0 {
			radicals = append(radicals, r...)
			withRadicals++
		}
		files = append(files, publish.File{Path: t.Out, Data: data})
		fit := fitted[t.Out]
		opts.PDFs[t.Page] = render.PDF{Path: t.Out, Size: int64(len(data)), Scale: fit.Scale, NoRefs: fit.NoRefs}
	}
	res, stage, nfiles, err := publishSite(*root, *out, opts, *precompress, files, stderr)
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	if withRadicals > 0 {
		// Published anyway: they print right, and only copying and searching suffer.
		slices.Sort(radicals)
		fmt.Fprintf(stderr, "warning: %d PDFs copy and search some kanji as radicals, %s: %s\n", withRadicals, pdf.RadicalList(slices.Compact(radicals)), pdf.RadicalsAdvice)
	}
	if config.Placeholder(printedBase) {
		// The site's own links are relative and work anywhere; paper keeps this address.
		fmt.Fprintf(stderr, "warning: the PDFs print the address %s, which is for examples and leads nowhere: set baseURL in config.toml (or make pdf BUILDFLAGS=\"-baseurl URL\") to where the site is published\n", printedBase)
	}
	if !*quiet {
		// Where the PDFs are, not only the site's folder: a reader of this line wants them.
		fmt.Fprintf(stdout, "printed %d PDFs into %s (briefs of at most %d pages); %d files (%d written, %d removed); %s -> %s\n", len(files), strings.Join(pdfFolders(*out, targets), ", "), most, nfiles, stage.Written(), len(stage.Removed()), time.Since(start).Round(time.Millisecond), *out)
	}
	return errors.Join(errs...)
}

// pdfFolders returns the folders under out that hold the PDFs of targets, each without
// the folders inside it (en/pdf/, not en/pdf/countries/ too), in order.
func pdfFolders(out string, targets []pdf.Target) []string {
	var dirs []string
	for _, t := range targets {
		if dir := path.Dir(t.Out); !slices.Contains(dirs, dir) {
			dirs = append(dirs, dir)
		}
	}
	var top []string
	for _, d := range dirs {
		inside := slices.ContainsFunc(dirs, func(p string) bool { return strings.HasPrefix(d, p+"/") })
		if !inside {
			top = append(top, filepath.Join(out, filepath.FromSlash(d))+string(filepath.Separator))
		}
	}
	slices.Sort(top)
	return top
}

// writeFiles writes a built site into the new folder dir, to be printed from.
func writeFiles(dir string, files []publish.File) error {
	for _, f := range files {
		name := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// datePDFs gives each target the date its PDF carries: that of its page's content (the
// sitemap's lastmod, render.PageDate), the latest of its briefs' for a booklet; or
// SOURCE_DATE_EPOCH (seconds) for all, when it is set, as for any reproducible build. A
// PDF then changes only when what it prints does: printing again after a commit that
// changed one brief rewrites that brief's PDF and its booklet's, and a host uploads those.
func datePDFs(targets []pdf.Target, s *site.Site, dates map[string]string) error {
	if v, ok := os.LookupEnv("SOURCE_DATE_EPOCH"); ok {
		sec, err := strconv.ParseInt(v, 10, 64)
		if err != nil || sec < 0 {
			return fmt.Errorf("SOURCE_DATE_EPOCH=%q: want the date as seconds since 1970", v)
		}
		for i := range targets {
			targets[i].Date = time.Unix(sec, 0)
		}
		return nil
	}
	byURL := map[string]*site.Page{}
	for _, p := range s.Pages {
		byURL[p.URL] = p
	}
	for i, t := range targets {
		day := ""
		if p := byURL[t.Page]; p != nil && !t.Booklet() {
			day = render.PageDate(p, dates)
		}
		for _, p := range t.Briefs {
			day = max(day, render.PageDate(p, dates))
		}
		if d, err := time.Parse(time.DateOnly, day); err == nil {
			targets[i].Date = d
		}
	}
	return nil
}
