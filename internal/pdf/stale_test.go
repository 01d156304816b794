package pdf

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestRemoveStaleKeepsTargetsAndOtherFiles(t *testing.T) {
	out := t.TempDir()
	for _, name := range []string{"en/cambodia.pdf", "en/booklet.pdf", "en/deleted-brief.pdf", "en/notes.txt", "ja/booklet-1.pdf", "ja/old.pdf", "fr/x.pdf", "top.pdf", "en/sub/y.pdf"} {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("%PDF"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	targets := []Target{{Lang: "en", Out: "en/cambodia.pdf"}, {Lang: "en", Out: "en/booklet-1.pdf"}, {Lang: "ja", Out: "ja/booklet-1.pdf"}}
	removed, err := RemoveStale(out, targets)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"en/booklet.pdf", "en/deleted-brief.pdf", "ja/old.pdf"}; !slices.Equal(removed, want) {
		t.Errorf("removed %q, want %q", removed, want)
	}
	// Targets, files that are not PDFs, other folders and sub-folders stay.
	for _, name := range []string{"en/cambodia.pdf", "en/notes.txt", "ja/booklet-1.pdf", "fr/x.pdf", "top.pdf", "en/sub/y.pdf"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); err != nil {
			t.Errorf("%s: %v; want it kept", name, err)
		}
	}
	for _, name := range removed {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); !os.IsNotExist(err) {
			t.Errorf("%s still there", name)
		}
	}
}
