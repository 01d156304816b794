package pipeline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/sitetest"
)

// TestInvalidSites builds the basic fixture with the files of each testdata/errors/*.txtar
// laid over it and compares the build's errors with the archive's "error" section.
// go test ./internal/pipeline/ -update rewrites those sections.
func TestInvalidSites(t *testing.T) {
	archives, _ := filepath.Glob(filepath.Join(sitetest.RepoRoot(), "testdata", "errors", "*.txtar"))
	if len(archives) == 0 {
		t.Fatal("no archives in testdata/errors")
	}
	for _, path := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			a := sitetest.ParseArchive(string(data))
			fsys := sitetest.FS(t, "testdata/sites/basic")
			want, wantAt := "", -1
			for i, f := range a.Files {
				if f.Name == "error" {
					want, wantAt = f.Data, i
					continue
				}
				fsys[f.Name] = &fstest.MapFile{Data: []byte(f.Data), Mode: 0o644}
			}
			if wantAt < 0 {
				t.Fatal("archive has no error section")
			}
			_, err = pipeline.Build(fsys, pipeline.Options{})
			if err == nil {
				t.Fatal("the build succeeded; want an error")
			}
			got := err.Error() + "\n"
			if *update {
				a.Files[wantAt].Data = got
				if err := os.WriteFile(path, []byte(a.Format()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
