package publish

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"peacebuilding/internal/sitetest"
	"strings"
	"testing"
)

// TestWriteManyFilesAndReplace writes a tree of many files in nested folders, several at a
// time, then replaces it with another: every file of the second tree is there with its
// bytes, none of the first is left, and no staging folder remains.
func TestWriteManyFilesAndReplace(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	tree := func(n int, tag string) []File {
		var files []File
		for i := range n {
			files = append(files, File{Path: fmt.Sprintf("%s/countries/c%03d/index.html", tag, i), Data: []byte(tag + fmt.Sprint(i))})
		}
		return append(files, File{Path: "index.html", Data: []byte(tag)})
	}
	for _, tc := range []struct {
		tag string
		n   int
	}{{"en", 120}, {"ja", 70}} {
		files := tree(tc.n, tc.tag)
		if err := Write(out, files); err != nil {
			t.Fatalf("Write %s: %v", tc.tag, err)
		}
		got := map[string]string{}
		err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || d.Name() == Marker {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(out, p)
			got[filepath.ToSlash(rel)] = string(data)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(files) {
			t.Errorf("after Write %s: %d files in the output, want %d", tc.tag, len(got), len(files))
		}
		for _, f := range files {
			if got[f.Path] != string(f.Data) {
				t.Errorf("after Write %s: %s holds %q, want %q", tc.tag, f.Path, got[f.Path], f.Data)
			}
		}
	}
	if left := sitetest.Beside(t, out); len(left) != 0 {
		t.Errorf("Write left %v next to the output", left)
	}
}

func TestRemoveTree(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "old")
	for i := range 50 {
		p := filepath.Join(dir, "a", fmt.Sprint(i%7), fmt.Sprint(i), "index.html")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Repeat("x", i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := removeTree(dir); err != nil {
		t.Fatalf("removeTree: %v", err)
	}
	if _, err := os.Lstat(dir); !os.IsNotExist(err) {
		t.Errorf("removeTree left the folder: %v", err)
	}
}
