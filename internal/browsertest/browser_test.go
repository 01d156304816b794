package browsertest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"peacebuilding/internal/pdf"
)

// One browser serves every test of the package: starting Chromium costs about a second,
// a tab a few milliseconds.
var browser struct {
	once    sync.Once
	ctx     context.Context // a chromedp context with a running browser
	missing string          // why there is no browser, when Chromium is not installed
	err     error           // why the browser did not start, when it is installed
	stop    func()
}

// startBrowser returns the shared browser, starting it on first use. A missing Chromium
// skips the test (fails it under REQUIRE_TOOLS=1); one that is installed but does not
// start always fails it.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	browser.once.Do(func() {
		// The browser the print command uses: the headless shell where it is installed.
		exe, err := pdf.Find()
		if err != nil {
			browser.missing = err.Error()
			return
		}
		profile, err := os.MkdirTemp("", "browsertest-profile-")
		if err != nil {
			browser.err = err
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(exe),
			chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
			chromedp.DisableGPU,
			chromedp.Flag("disable-component-update", true),
			chromedp.UserDataDir(profile),
			chromedp.WindowSize(1280, 800),
		)
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(allocCtx)
		browser.stop = func() {
			cancel()
			cancelAlloc()
			os.RemoveAll(profile)
		}
		// The first Do starts the browser; its context must not have a timeout, or the
		// browser would stop with it.
		if err := chromedp.Do(ctx); err != nil {
			browser.err = fmt.Errorf("starting %s: %v", exe, err)
			return
		}
		browser.ctx = ctx
	})
	switch {
	case browser.missing != "":
		missingTool(t, "%s", browser.missing)
	case browser.err != nil:
		t.Fatal(browser.err)
	}
	return browser.ctx
}

func closeBrowser() {
	if browser.stop != nil {
		browser.stop()
	}
}

// tab is one browser tab and what it saw: console errors, uncaught exceptions and
// requests that failed or were answered with an error status. A test opens a tab once and
// loads page after page in it: a new tab costs about as much as loading a page. Tests
// that visit many pages open a few tabs and visit pages in them at once (inTabs): a page
// spends much of its time waiting for the browser to lay it out or draw a frame, time
// another tab can use.
type tab struct {
	root context.Context // the tab's own context: it lives as long as the tab
	ctx  context.Context // the current page's context, with pageTimeout
	// switched is the output path of the page the tab holds after a click on the language
	// switch that led to it with status 200; "" once the tab loads anything else.
	switched string
	// width is the viewport width the tab is set to, 0 before the first: it stays through
	// page loads.
	width  int64
	mu     sync.Mutex
	urls   map[network.RequestID]string
	errors []string
}

// pageTimeout bounds what a test does with one page, so that a hung page fails its test
// instead of the whole run; it asserts nothing about speed.
const pageTimeout = 60 * time.Second

// newTab opens a tab in the shared browser, closed when t ends. With noScript the tab runs
// no JavaScript. Call page before each page's checks.
func newTab(t *testing.T, noScript bool) *tab {
	t.Helper()
	parent := startBrowser(t)
	tb := &tab{urls: map[network.RequestID]string{}}
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithListener(tb.listen))
	t.Cleanup(cancel)
	tb.root, tb.ctx = ctx, ctx
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		t.Fatalf("opening a tab: %v", err)
	}
	// Every tab behaves as the focused one, as the only tab of a window does: keyboard
	// focus and :focus-visible outlines do not depend on which tab is in front, so that
	// tabs can be checked side by side.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatalf("emulating focus: %v", err)
	}
	if noScript {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatalf("turning off JavaScript: %v", err)
		}
	}
	return tb
}

// tabsAtOnce is how many tabs a test that visits many pages uses at once: on two cores,
// more tabs only queue up for the processor.
const tabsAtOnce = 4

// inTabs runs check(t, tabs, name) as the subtest name of t for each of names, in
// tabsAtOnce sets of tabs opened by open, each set taking the next name when it is done
// with one. The subtests and their checks are those of a loop over names in one set of
// tabs; only their order in the output changes.
func inTabs[T any](t *testing.T, names []string, open func(t *testing.T) T, check func(t *testing.T, tabs T, name string)) {
	t.Helper()
	groups := make([][]string, len(names))
	for i, name := range names {
		groups[i] = []string{name}
	}
	inTabsGrouped(t, groups, open, check)
}

// inTabsGrouped is inTabs with the names in groups: one set of tabs checks the names of a
// group one after the other, in their order, each as a subtest of t, so that a check can
// leave its tabs where the next name's check starts.
func inTabsGrouped[T any](t *testing.T, groups [][]string, open func(t *testing.T) T, check func(t *testing.T, tabs T, name string)) {
	t.Helper()
	work := make(chan []string)
	var wg sync.WaitGroup
	for range min(tabsAtOnce, len(groups)) {
		tabs := open(t)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for group := range work {
				for _, name := range group {
					t.Run(name, func(t *testing.T) { check(t, tabs, name) })
				}
			}
		}()
	}
	for _, group := range groups {
		work <- group
	}
	close(work)
	wg.Wait()
}

// openTab opens a tab with JavaScript on, for inTabs.
func openTab(t *testing.T) *tab { return newTab(t, false) }

// page starts the work of test t on a new page: a fresh timeout and no errors left over.
func (tb *tab) page(t *testing.T) {
	ctx, cancel := context.WithTimeout(tb.root, pageTimeout)
	t.Cleanup(cancel)
	tb.ctx = ctx
	tb.takeErrors()
}

// listen runs in the tab's event loop: it must only record.
func (tb *tab) listen(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		tb.urls[ev.RequestID] = ev.Request.URL
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			tb.errors = append(tb.errors, fmt.Sprintf("request %s: status %d", ev.Response.URL, ev.Response.Status))
		}
	case *network.EventLoadingFailed:
		tb.errors = append(tb.errors, fmt.Sprintf("request %s failed: %s", tb.urls[ev.RequestID], ev.ErrorText))
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, strings.Trim(string(a.Value), `"`)+a.Description)
			}
			tb.errors = append(tb.errors, "console."+string(ev.Type)+": "+strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil {
			text += " " + d.Exception.Description
		}
		tb.errors = append(tb.errors, fmt.Sprintf("uncaught exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, text))
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			tb.errors = append(tb.errors, fmt.Sprintf("console error (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	}
}

// takeErrors returns what went wrong in the tab since the last call.
func (tb *tab) takeErrors() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	e := tb.errors
	tb.errors = nil
	return e
}

// open loads url in the tab and returns the HTTP status of the document.
func (tb *tab) open(t *testing.T, url string) int64 {
	t.Helper()
	tb.switched = ""
	resp, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(url))
	if err != nil {
		t.Fatalf("loading %s: %v", url, err)
	}
	return resp.Status
}

// eval evaluates a JavaScript expression in the page and decodes its value into T.
func eval[T any](t *testing.T, tb *tab, expr string) T {
	t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating in %s: %v\n%s", location(tb), err, expr)
	}
	return v
}

// location is the tab's current address, for messages.
func location(tb *tab) string {
	loc, err := chromedp.Run(tb.ctx, chromedp.Location())
	if err != nil {
		return "(unknown page)"
	}
	return loc
}

// viewport sets the width of the layout viewport, as a window of that width would, unless
// it has that width: each change lays the page out again.
func (tb *tab) viewport(t *testing.T, width int64) {
	t.Helper()
	if width == tb.width {
		return
	}
	tb.width = 0 // unknown until the change succeeds
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(width, 800)); err != nil {
		t.Fatalf("setting the viewport to %d px: %v", width, err)
	}
	// The page's resize handlers run at its next frames (the timeline sets its chart's
	// scroll padding from the sticky labels' width): a check made before them saw the
	// page as it was at the last width.
	eval[bool](t, tb, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
	tb.width = width
}

// darkBackground is the body's background in the dark scheme (--bg of assets/style.css).
const darkBackground = "rgb(13, 17, 23)"

// colorScheme emulates the system's colour scheme: "dark", "light", or "" for none.
func (tb *tab) colorScheme(t *testing.T, scheme string) {
	t.Helper()
	p := emulation.SetEmulatedMediaParams{}
	if scheme != "" {
		p.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
	}
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, p); err != nil {
		t.Fatalf("emulating the colour scheme %q: %v", scheme, err)
	}
}
