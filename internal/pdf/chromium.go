// Package pdf prints pages of the built site to PDF with headless Chromium, for `build pdf`
// and for the print tests, plans the booklet (which briefs share a page, on which page each
// starts) and counts the pages of the PDFs it makes.
//
// One Chromium prints every page of a PrintAll, or of a PrintSite with every printing of
// its booklets, driven over the DevTools protocol on a
// pipe (devtools.go): a browser per page, as --print-to-pdf needs, costs a second of
// start-up per page. A page that hangs costs its own PDF (the per-page timeout); a crashed
// browser fails the pages still printing.
package pdf

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Package names the Debian package to install when Chromium is missing: the headless
// shell, Chromium's build for programs that drive it. Without the browser's own windows
// and menus to keep up, it loads and prints a page for about half the CPU of the full
// browser's headless mode (the browser tests: 110 CPU-seconds instead of 221), and it
// installs on its own. The Japanese PDFs also need Japanese fonts (BIZUDPackages, and
// fonts-ipaexfont where those lack a glyph), the pages' screen fonts fonts-noto-cjk,
// and the tests need pdftotext (poppler-utils).
const Package = "chromium-headless-shell"

// candidates are the names Chromium goes by on PATH, in the order they are tried: the
// headless shell first, then the full browser, which does the same work at a higher cost.
var candidates = []string{"chromium-headless-shell", "chromium", "chromium-browser", "google-chrome-stable", "google-chrome"}

// ErrNoChromium is returned by Find when no Chromium is installed.
var ErrNoChromium = errors.New("chromium not found: install the Debian package " + Package +
	" (apt-get install " + Package + " fonts-noto-cjk " + BIZUDPackages + " fonts-ipaexfont), or set CHROMIUM to the browser's path")

// Find returns the path of the Chromium executable: $CHROMIUM when it is set, otherwise
// the first of the candidates on PATH.
func Find() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("CHROMIUM=%s: %w", p, ErrNoChromium)
		}
		return path, nil
	}
	for _, name := range candidates {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", ErrNoChromium
}

// Args returns Chromium's command line for a browser that prints pages on request over
// the DevTools protocol on a pipe (file descriptors 3 and 4): no network port, and one
// browser for every page, which starts in a second where a browser per page costs a
// second each. The profile (userDataDir) is fresh, and the browser runs no network
// services of its own, so that a print depends on nothing but the page.
func Args(userDataDir string) []string {
	return []string{
		"--headless",
		"--no-sandbox",
		"--disable-gpu",
		"--no-first-run",
		"--disable-background-networking",
		"--disable-component-update",
		"--disable-sync",
		"--user-data-dir=" + userDataDir,
		"--remote-debugging-pipe",
		"about:blank",
	}
}

// FileURL returns the file:// URL of a local file. Chromium resolves the page's relative
// links to its stylesheet from there, so the built site prints as it is, without a server.
func FileURL(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}

// Printer prints HTML files to PDF.
type Printer struct {
	Chromium string        // the executable, from Find
	Timeout  time.Duration // for one page; 0 means one minute
}

// Job is one page to print: the HTML file Src to the PDF file Out. Query, when set, is
// added to the page's address for its script (a booklet's plan, see Plan.Query).
type Job struct {
	Src, Out, Query string
	// Date, when set, is the PDF's creation and modification date instead of the time it
	// is printed (see Reproducible, which every PDF goes through).
	Date time.Time
	// Scale is the size the page is printed at, 0.1 to 2 (printToPDF's scale); 0 is 1.
	Scale float64
}

// PrintAll prints every job with one browser, at most parallel pages at a time, and
// returns the errors of all failed jobs, in job order.
func (p Printer) PrintAll(ctx context.Context, jobs []Job, parallel int) error {
	if len(jobs) == 0 {
		return nil
	}
	b, err := p.start()
	if err != nil {
		return err
	}
	defer b.close()
	return p.printAll(ctx, b, jobs, parallel)
}

// printAll prints every job with the browser b, at most parallel pages at a time.
func (p Printer) printAll(ctx context.Context, b *browser, jobs []Job, parallel int) error {
	parallel = max(parallel, 1)
	errs := make([]error, len(jobs))
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = p.print(ctx, b, j)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// print prints one job in a new tab of the browser b.
func (p Printer) print(ctx context.Context, b *browser, j Job) error {
	timeout := p.Timeout
	if timeout == 0 {
		timeout = time.Minute
	}
	if _, err := os.Stat(j.Src); err != nil {
		return err
	}
	u, err := FileURL(j.Src)
	if err != nil {
		return err
	}
	// "?pdf" tells the page's script (assets/print.js) to point its links at the published
	// site, not at the files it is printed from.
	u += "?pdf"
	if j.Query != "" {
		u += "&" + j.Query
	}
	if err := os.MkdirAll(filepath.Dir(j.Out), 0o755); err != nil {
		return err
	}
	// A stale PDF must not pass for a new one if printing fails.
	if err := os.Remove(j.Out); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	data, err := b.printPage(ctx, u, cmp.Or(j.Scale, 1))
	if ctx.Err() == context.DeadlineExceeded {
		return fmt.Errorf("%s: chromium did not print it within %s", j.Src, timeout)
	}
	if err != nil {
		return fmt.Errorf("%s: %v", j.Src, err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return fmt.Errorf("%s: chromium made something that is not a PDF", j.Src)
	}
	data = Reproducible(data, j.Date)
	return os.WriteFile(j.Out, data, 0o644)
}

// lastLines returns the last n non-empty lines of Chromium's output, indented on lines of
// their own, for an error message; Chromium's first lines are noise about D-Bus.
func lastLines(s string, n int) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	if len(lines) == 0 {
		return ""
	}
	return "\n\t" + strings.Join(lines, "\n\t")
}

// pageObject matches a page object of a PDF's page tree (/Type /Page, not /Pages).
var pageObject = regexp.MustCompile(`/Type\s*/Page\b`)

// Pages returns the number of pages of a PDF as Chromium writes it: every object in plain
// sight (PDF 1.4, no compressed object streams), one /Type /Page object per page.
func Pages(data []byte) (int, error) {
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return 0, errors.New("not a PDF")
	}
	if bytes.Contains(data, []byte("/ObjStm")) {
		return 0, errors.New("PDF with compressed object streams: cannot count its pages")
	}
	n := len(pageObject.FindAll(data, -1))
	if n == 0 {
		return 0, errors.New("PDF without pages")
	}
	return n, nil
}
