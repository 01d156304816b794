package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"peacebuilding/internal/deploy"
)

func init() { subcommands["deploy-check"] = runDeployCheck }

// runDeployCheck crawls a deployed site over HTTP: build deploy-check URL.
func runDeployCheck(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("deploy-check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: build deploy-check [-site ADDRESS] [-host-sets-no-headers] [-j N] URL\n\nCrawls the site published at URL (its home, e.g. https://example.org/briefing/) as a browser meets it,\nand reports broken links, wrong content types, missing cache or security headers, uncompressed text,\ninline scripts or styles, and links to another host than URL's where the site's own belong.")
		fl.PrintDefaults()
	}
	workers := fl.Int("j", 8, "requests at once")
	noHeaders := fl.Bool("host-sets-no-headers", false, "leave out the checks of Cache-Control and the security headers, for a host that lets a site set neither (GitHub Pages)")
	site := fl.String("site", "", "the `address` the site is built for and published at (its baseURL), when URL is a copy of it served elsewhere (a staging or local server): the canonical, sitemap and sharing URLs are checked against it")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return fmt.Errorf("deploy-check takes one URL")
	}
	rep, err := deploy.Check(context.Background(), fl.Arg(0), deploy.Options{Workers: *workers, HostSetsNoHeaders: *noHeaders, Site: *site})
	if err != nil {
		return err
	}
	unchecked := ""
	if *noHeaders {
		unchecked = " (Cache-Control and security headers not checked)"
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(stderr, p)
	}
	if len(rep.Problems) > 0 {
		fmt.Fprintf(stderr, "deploy-check failed: %d problem(s) in %d answers%s\n", len(rep.Problems), len(rep.Responses), unchecked)
		return errReported
	}
	fmt.Fprintf(stdout, "deploy-check: %s: %d answers, no problems%s\n", fl.Arg(0), len(rep.Responses), unchecked)
	return nil
}
