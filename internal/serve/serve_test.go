package serve

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/sitetest"
)

// deadline bounds every wait of these tests. It is not a speed requirement: the waits
// end as soon as their condition holds.
const deadline = 30 * time.Second

// fixture copies testdata/sites/basic with the repository's layouts/, assets/ and i18n/
// into a temporary folder, which the test may edit.
func fixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range sitetest.FS(t, "testdata/sites/basic") {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// edit rewrites a file of the fixture, replacing old (which must occur) by new.
func edit(t *testing.T, dir, name, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// stream opens the event stream of one page and returns the generation the server says
// hello with, and a channel of the reload events that follow.
func stream(t *testing.T, url string) (events <-chan reload, hello string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("GET %s: Content-Type %q, want text/event-stream", url, ct)
	}
	lines := bufio.NewScanner(resp.Body)
	// The server subscribes the page before it writes anything: once the first line is
	// read, no event can be missed.
	var head []string
	for len(head) < 4 && lines.Scan() {
		head = append(head, lines.Text())
	}
	if len(head) < 4 || head[0] != "retry: 1000" || head[1] != "event: hello" || !strings.HasPrefix(head[2], "data: ") {
		t.Fatalf("GET %s: the stream starts with %q, want retry, and hello with the generation", url, head)
	}
	hello = strings.TrimPrefix(head[2], "data: ")
	ch := make(chan reload, 16)
	go func() {
		defer close(ch)
		event := ""
		for lines.Scan() {
			line := lines.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && event == "reload":
				var r reload
				if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &r); err != nil {
					t.Errorf("reload event %q: %v", line, err)
				}
				ch <- r
			}
		}
	}()
	return ch, hello
}

// waitEvent waits for a reload event that satisfies ok.
func waitEvent(t *testing.T, events <-chan reload, what string, ok func(reload) bool) {
	t.Helper()
	timeout := time.After(deadline)
	for {
		select {
		case data, open := <-events:
			if !open {
				t.Fatalf("the event stream ended before %s", what)
			}
			if ok(data) {
				return
			}
		case <-timeout:
			t.Fatalf("no reload event %s within %s", what, deadline)
		}
	}
}

// get fetches url until check accepts the status and body, and returns the body.
func get(t *testing.T, url, what string, check func(status int, body string) bool) string {
	t.Helper()
	end := time.Now().Add(deadline)
	var status int
	var body string
	for time.Now().Before(end) {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		status, body = resp.StatusCode, string(data)
		if check(status, body) {
			return body
		}
		time.Sleep(10 * time.Millisecond) // a poll, not an assertion
	}
	t.Fatalf("GET %s: %s: still status %d and\n%s", url, what, status, body)
	return ""
}

// TestServeRebuildsReloadsAndShowsErrors is the writer's loop: edit a page and see it
// served with a reload event; break a file and see the error page in both languages;
// fix it and see the site again.
func TestServeRebuildsReloadsAndShowsErrors(t *testing.T) {
	dir := fixture(t)
	srv, err := Start(Options{Root: dir, Addr: "127.0.0.1:0", Poll: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	base := srv.URL()
	if !strings.HasSuffix(base, "/briefing/") {
		t.Fatalf("URL() = %q, want the baseURL's path /briefing/", base)
	}
	page := base + "en/countries/cambodia/"
	jaPage := base + "ja/countries/cambodia/"
	body := get(t, page, "the page", func(status int, body string) bool { return status == 200 })
	if !strings.Contains(body, `rel="canonical" href="`+page+`"`) {
		t.Errorf("the canonical link does not lead to the preview (%s)", page)
	}
	if !strings.Contains(body, EventsPath) {
		t.Errorf("the served page has no reload script")
	}
	events, hello := stream(t, base+EventsPath)
	// The page and the server agree on the build: the page does not reload on connecting.
	if m := regexp.MustCompile(`data-gen="(\d+)"`).FindStringSubmatch(body); m == nil || m[1] != hello {
		t.Errorf("the page's script has generation %q, the server says %s", m, hello)
	}

	// An edit: the new text is served, and the page is told to reload.
	edit(t, dir, "content/en/countries/cambodia.md", "Japan had sent", "Japan had already sent")
	waitEvent(t, events, "naming the edited page", func(r reload) bool {
		return slices.Contains(r.Paths, "/briefing/en/countries/cambodia/")
	})
	get(t, page, "the edited text", func(status int, body string) bool {
		return status == 200 && strings.Contains(body, "Japan had already sent")
	})

	// A broken file: every page of both languages is the error page, with file:line.
	edit(t, dir, "content/en/countries/sudan.md", `region = "africa"`, `region = "<script>"`)
	waitEvent(t, events, "for every page", func(r reload) bool { return r.Paths == nil })
	wantErr := regexp.MustCompile(`content/en/countries/sudan\.md:\d+: unknown region &#34;&lt;script&gt;&#34;`)
	for _, url := range []string{page, jaPage, base + "en/countries/cambodia"} {
		body := get(t, url, "the error page", func(status int, body string) bool { return status == 500 })
		if !wantErr.MatchString(body) {
			t.Errorf("GET %s: the error page does not show the error, escaped, with file:line:\n%s", url, body)
		}
		if !strings.Contains(body, "Build failed") || !strings.Contains(body, "ビルドに失敗しました") {
			t.Errorf("GET %s: the error page is not in both languages", url)
		}
		if strings.Contains(body, `"<script>"`) {
			t.Errorf("GET %s: the error is not escaped", url)
		}
	}

	// Fixed: the site again.
	edit(t, dir, "content/en/countries/sudan.md", `region = "<script>"`, `region = "africa"`)
	waitEvent(t, events, "for every page", func(r reload) bool { return r.Paths == nil })
	for _, url := range []string{page, jaPage} {
		get(t, url, "the page again", func(status int, body string) bool {
			return status == 200 && strings.Contains(body, "<h1>")
		})
	}
}

// TestPublishedBuildHasNoReloadScript checks that the script is the preview's only.
func TestPublishedBuildHasNoReloadScript(t *testing.T) {
	res, err := pipeline.Build(sitetest.FS(t, "testdata/sites/basic"), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if strings.Contains(string(f.Data), EventsPath) || strings.Contains(string(f.Data), "EventSource") {
			t.Errorf("%s of the published build has the preview's reload script", f.Path)
		}
	}
}

// TestServePaths checks what the server answers outside the pages: the redirect to the
// base path, a folder without its slash, a missing page, a file and a method it refuses.
func TestServePaths(t *testing.T) {
	srv, err := Start(Options{Root: fixture(t), Addr: "127.0.0.1:0", Poll: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	origin := strings.TrimSuffix(srv.URL(), "/briefing/")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tc := range []struct {
		method, path string
		status       int
		header, want string // a response header and its value
		body         string // a part of the body
	}{
		{"GET", "/", http.StatusFound, "Location", "/briefing/", ""},
		{"GET", "/briefing", http.StatusFound, "Location", "/briefing/", ""},
		{"GET", "/elsewhere/", http.StatusNotFound, "", "", "the site is served at /briefing/"},
		{"GET", "/briefing/en/countries/cambodia", http.StatusMovedPermanently, "Location", "/briefing/en/countries/cambodia/", ""},
		{"GET", "/briefing/en/countries/nowhere/", http.StatusNotFound, "Content-Type", "text/html; charset=utf-8", EventsPath},
		{"GET", "/briefing/sitemap.xml", http.StatusOK, "Content-Type", "application/xml", "<urlset"},
		{"GET", "/briefing/en/index.html", http.StatusOK, "Cache-Control", "no-store", EventsPath},
		{"HEAD", "/briefing/en/", http.StatusOK, "Content-Type", "text/html; charset=utf-8", ""},
		{"POST", "/briefing/en/", http.StatusMethodNotAllowed, "Allow", "GET, HEAD", ""},
	} {
		req, err := http.NewRequest(tc.method, origin+tc.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status || tc.header != "" && resp.Header.Get(tc.header) != tc.want || !strings.Contains(string(body), tc.body) {
			t.Errorf("%s %s: status %d, %s %q, body %.200q; want %d, %q, containing %q", tc.method, tc.path, resp.StatusCode, tc.header, resp.Header.Get(tc.header), body, tc.status, tc.want, tc.body)
		}
	}
}

// TestServeAnswersOnlyItsOwnHost: a request under another host name (a DNS-rebinding page
// reading a translator's drafts) is refused; the loopback names with the port answer.
func TestServeAnswersOnlyItsOwnHost(t *testing.T) {
	srv, err := Start(Options{Root: fixture(t), Addr: "127.0.0.1:0", Poll: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	u, _ := url.Parse(srv.URL())
	port := u.Port()
	for host, want := range map[string]int{
		"127.0.0.1:" + port:        http.StatusOK,
		"localhost:" + port:        http.StatusOK,
		"LOCALHOST:" + port:        http.StatusOK,
		"[::1]:" + port:            http.StatusOK,
		"attacker.example:" + port: http.StatusMisdirectedRequest,
		"127.0.0.1.nip.io:" + port: http.StatusMisdirectedRequest,
		"127.0.0.1":                http.StatusMisdirectedRequest, // no port: not this server's name
		"localhost:1":              http.StatusMisdirectedRequest,
		"192.168.0.10:" + port:     http.StatusMisdirectedRequest,
	} {
		req, err := http.NewRequest("GET", srv.URL()+"en/", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %q: status %d, want %d", host, resp.StatusCode, want)
		}
	}
}

// TestSafelyTurnsAPanicIntoAnError: a bug in a build must not stop the server.
func TestSafelyTurnsAPanicIntoAnError(t *testing.T) {
	err := safely(func() error { panic("index out of range") })
	if err == nil || !strings.Contains(err.Error(), "internal error") || !strings.Contains(err.Error(), "index out of range") {
		t.Errorf("safely(panic) = %v, want an internal error naming the panic", err)
	}
	if err := safely(func() error { return nil }); err != nil {
		t.Errorf("safely(no error) = %v", err)
	}
}

// TestServeStartsOnABrokenSite: a site that does not build at start is served as the error
// page at any address, and at its base path once it is fixed.
func TestServeStartsOnABrokenSite(t *testing.T) {
	dir := fixture(t)
	edit(t, dir, "config.toml", `defaultLanguage = "en"`, `defaultLanguage = "fr"`)
	srv, err := Start(Options{Root: dir, Addr: "127.0.0.1:0", Poll: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	origin := strings.TrimSuffix(srv.URL(), "/")
	body := get(t, origin+"/briefing/en/", "the error page", func(status int, body string) bool { return status == 500 })
	if !regexp.MustCompile(`config\.toml:\d+: defaultLanguage &#34;fr&#34;`).MatchString(body) {
		t.Errorf("the error page does not name config.toml and the line:\n%s", body)
	}
	edit(t, dir, "config.toml", `defaultLanguage = "fr"`, `defaultLanguage = "en"`)
	get(t, origin+"/briefing/en/", "the site once fixed", func(status int, body string) bool {
		return status == 200 && strings.Contains(body, "Test Briefing")
	})
}
