package serve

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSnapshotSeesEditsNotBackups writes, edits and removes files in a project folder and
// checks what changes finds between two snapshots.
func TestSnapshotSeesEditsNotBackups(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string, mod time.Time) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	write("config.toml", "a", t0)
	write("content/en/a.md", "a", t0)
	write("content/en/b.md", "b", t0)
	write("layouts/base.html", "x", t0)
	write("README.md", "not watched", t0)
	before := snapshot(os.DirFS(dir))

	write("content/en/a.md", "aa", t0)                   // size
	write("layouts/base.html", "y", t0.Add(time.Second)) // time only
	write("content/ja/c.md", "c", t0)                    // new folder and file
	os.Remove(filepath.Join(dir, "content/en/b.md"))     // removed
	write("content/en/.a.md.swp", "swap", t0)            // hidden: an editor's
	write("content/en/a.md~", "backup", t0)              // a backup
	write("content/.git/x", "hidden folder", t0)
	write("README.md", "still not watched", t0)
	write("data/glossary.toml", "new", t0)

	got := changes(before, snapshot(os.DirFS(dir)))
	want := []string{"content/en/a.md", "content/en/b.md", "content/ja/c.md", "data/glossary.toml", "layouts/base.html"}
	if !slices.Equal(got, want) {
		t.Errorf("changes = %q, want %q", got, want)
	}
}

func TestDebouncerWaitsForAQuietPoll(t *testing.T) {
	var d debouncer
	for _, step := range []struct {
		changed, want []string
	}{
		{nil, nil},
		{[]string{"content/en/a.md"}, nil},
		{[]string{"content/en/b.md", "content/en/a.md"}, nil},
		{nil, []string{"content/en/a.md", "content/en/b.md"}},
		{nil, nil},
		{[]string{"layouts/base.html"}, nil},
		{nil, []string{"layouts/base.html"}},
	} {
		if got := d.poll(step.changed); !slices.Equal(got, step.want) {
			t.Errorf("poll(%q) = %q, want %q", step.changed, got, step.want)
		}
	}
}

func TestInjectPutsTheScriptBeforeBody(t *testing.T) {
	for _, tc := range []struct{ name, page, wantPrefix, wantSuffix string }{
		{"before the last </body>", "<p>a</body>x</body></html>", "<p>a</body>x<script ", "</script>\n</body></html>"},
		{"at the end without </body>", "<p>a", "<p>a<script ", "</script>\n"},
	} {
		got := string(inject([]byte(tc.page), "/briefing/", 42))
		if len(got) < len(tc.wantPrefix) || got[:len(tc.wantPrefix)] != tc.wantPrefix || got[len(got)-len(tc.wantSuffix):] != tc.wantSuffix {
			t.Errorf("%s: inject(%q) = %q", tc.name, tc.page, got)
		}
		if !strings.Contains(got, `src="/briefing/_preview/preview.js"`) || !strings.Contains(got, `data-events="/briefing/_preview/events"`) || !strings.Contains(got, `data-gen="42"`) {
			t.Errorf("%s: the script does not listen at the base path: %q", tc.name, got)
		}
	}
}
