package serve

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"peacebuilding/internal/pdf"
)

// browser starts headless Chromium for one test. A missing Chromium skips the test, or
// fails it when REQUIRE_TOOLS=1 (CI), so that a check that did not run never passes.
func browser(t *testing.T) context.Context {
	t.Helper()
	exe, err := pdf.Find() // the browser the print command uses
	if err != nil {
		msg := err.Error()
		if os.Getenv("REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s (REQUIRE_TOOLS=1: the tool is required)", msg)
		}
		t.Skip(msg)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], // headless, no first run, no sync, no background networking
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}

// waitFor evaluates expr in the page until it gives want. Evaluations that fail while
// the page reloads are tried again.
func waitFor(t *testing.T, ctx context.Context, expr, want string) {
	t.Helper()
	end := time.Now().Add(deadline)
	got := ""
	for time.Now().Before(end) {
		if v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr)); err == nil {
			if got = v; got == want {
				return
			}
		}
		time.Sleep(20 * time.Millisecond) // a poll, not an assertion
	}
	t.Fatalf("%s = %q, want %q within %s", expr, got, want, deadline)
}

// TestBrowserReloadsOnSave opens a page in Chromium and saves edits: the page reloads by
// itself with the new text, turns into the error page when the site breaks, and back.
func TestBrowserReloadsOnSave(t *testing.T) {
	ctx := browser(t)
	dir := fixture(t)
	srv, err := Start(Options{Root: dir, Addr: "127.0.0.1:0", Poll: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL()+"ja/countries/cambodia/")); err != nil {
		t.Fatal(err)
	}
	const h1 = `document.querySelector("h1").textContent`
	waitFor(t, ctx, h1, "カンボジア")
	// A reload makes a new document, which has lost this mark.
	mark := func() {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.unchanged = "yes"`)); err != nil {
			t.Fatal(err)
		}
	}
	const unchanged = `String(window.unchanged)`
	mark()
	// Wait for the page's event stream: an edit before it opens would be seen when it
	// does (the page reloads for its older build), which is not what this test is about.
	for end := time.Now().Add(deadline); srv.hub.subscribers() == 0; {
		if time.Now().After(end) {
			t.Fatal("the page did not open its event stream")
		}
		time.Sleep(10 * time.Millisecond)
	}

	edit(t, dir, "content/ja/countries/cambodia.md", `title = "カンボジア"`, `title = "カンボジア王国"`)
	waitFor(t, ctx, h1, "カンボジア王国")
	waitFor(t, ctx, unchanged, "undefined")
	mark()

	edit(t, dir, "content/en/countries/cambodia.md", "weight = 10", "weight = ten")
	waitFor(t, ctx, `document.title`, "Build failed · ビルドに失敗しました")
	waitFor(t, ctx, `String(document.querySelector("ol.errors code").textContent.startsWith("content/en/countries/cambodia.md:4:"))`, "true")
	waitFor(t, ctx, unchanged, "undefined")

	edit(t, dir, "content/en/countries/cambodia.md", "weight = ten", "weight = 10")
	waitFor(t, ctx, h1, "カンボジア王国")
}

// The site's pages come with the published site's Content-Security-Policy, and the
// preview's own script and box still work under it: a designer's trial saw a style
// attribute in the preview that the published site blocks.
func TestBrowserAppliesThePublishedPolicy(t *testing.T) {
	ctx := browser(t)
	dir := fixture(t)
	edit(t, dir, "layouts/country.html", "{{define \"main\"}}\n", "{{define \"main\"}}\n<p id=\"inline-probe\" style=\"color: rgb(1, 2, 3)\">x</p>\n")
	srv, err := Start(Options{Root: dir, Addr: "127.0.0.1:0", Poll: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL()+"ja/countries/cambodia/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `getComputedStyle(document.querySelector(".preview-check")).position`, "fixed")
	waitFor(t, ctx, `String(getComputedStyle(document.getElementById("inline-probe")).color === "rgb(1, 2, 3)")`, "false")
	// The script ran: it opened the page's event stream.
	for end := time.Now().Add(deadline); srv.hub.subscribers() == 0; {
		if time.Now().After(end) {
			t.Fatal("the page's script did not open its event stream under the policy")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
