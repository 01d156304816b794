package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"peacebuilding/internal/audit"
)

func init() { subcommands["audit"] = runAudit }

// runAudit audits a built site folder: build audit [-baseurl URL] DIR.
func runAudit(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("audit", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: build audit [-baseurl URL] DIR\n\nChecks a built site: links, #fragments, hreflang, head metadata, sitemap, hosts.")
		fl.PrintDefaults()
	}
	var baseURL baseURLFlag
	fl.Var(&baseURL, "baseurl", "the URL the site is published at (default: the canonical URL of DIR/index.html)")
	quiet := fl.Bool("q", false, "print nothing but problems")
	if err := fl.Parse(args); err != nil {
		return err
	}
	base, err := baseURL.URL()
	if err != nil {
		return err
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return fmt.Errorf("audit takes one folder")
	}
	dir := fl.Arg(0)
	if _, err := os.Stat(dir); err != nil {
		return err
	}
	files, err := audit.ReadTree(os.DirFS(dir))
	if err != nil {
		return err
	}
	if base == "" {
		if base, err = audit.BaseURLOf(files); err != nil {
			return fmt.Errorf("%s: %v", dir, err)
		}
	}
	if err := audit.Check(files, audit.Options{BaseURL: base, Dir: dir}); err != nil {
		lines := strings.Split(err.Error(), "\n")
		for _, l := range lines {
			fmt.Fprintln(stderr, l)
		}
		fmt.Fprintf(stderr, "audit failed: %d problem(s)\n", len(lines))
		return errReported
	}
	if !*quiet {
		fmt.Fprintf(stdout, "audit: %s: %d files, no problems (base URL %s)\n", dir, len(files), base)
	}
	return nil
}
