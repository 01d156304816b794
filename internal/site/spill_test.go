package site

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"peacebuilding/internal/glossary"
)

// TestBuildOnceSpillsTheBodies builds the project's own content with Build and with
// BuildOnce: the one-off build keeps every body in its temporary file, not in memory, and
// gives back the same bodies; and where no temporary file can be made, it keeps them in
// memory and gives back the same.
func TestBuildOnceSpillsTheBodies(t *testing.T) {
	fsys := os.DirFS("../..")
	cfg, files := loadFiles(t, fsys)
	want, err := Build(cfg, files, &glossary.Glossary{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tmp := range []struct {
		name    string
		dir     string
		spilled bool
	}{
		{"a temporary folder", t.TempDir(), runtime.GOOS != "windows"}, // see newSpill
		{"no temporary folder", filepath.Join(t.TempDir(), "missing"), false},
	} {
		t.Run(tmp.name, func(t *testing.T) {
			t.Setenv("TMPDIR", tmp.dir)
			_, files := loadFiles(t, fsys) // BuildOnce lets the files go
			got, err := BuildOnce(cfg, files, &glossary.Glossary{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Pages) != len(want.Pages) {
				t.Fatalf("%d pages, want %d", len(got.Pages), len(want.Pages))
			}
			for i, p := range got.Pages {
				if spilled := p.body.spill != nil && p.body.packed == nil; spilled != tmp.spilled {
					t.Errorf("%s: body spilled %v, want %v", p.URL, spilled, tmp.spilled)
				}
				if p.Body() != want.Pages[i].Body() {
					t.Errorf("%s: the body read back differs from Build's", p.URL)
				}
			}
			if entries, _ := os.ReadDir(tmp.dir); len(entries) > 0 {
				t.Errorf("the temporary folder holds %s: the spill file must have no name", entries[0].Name())
			}
		})
	}
}
