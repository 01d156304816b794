package publish

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"peacebuilding/internal/sitetest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestStage streams files into a stage from several goroutines, reusing each buffer after
// Add, and checks what each ending leaves: Commit swaps the files in, Abort and a failed
// Commit leave the previous output and no staging folder (nor the parent folders made).
func TestStage(t *testing.T) {
	for _, tc := range []struct {
		name    string
		files   []string
		abort   bool
		wantErr string // "" for a committed stage
	}{
		{name: "commit", files: []string{"index.html", "en/a/index.html", "en/b/index.html", "ja/a/index.html"}},
		{name: "abort", files: []string{"index.html", "en/a/index.html"}, abort: true},
		{name: "invalid path", files: []string{"index.html", "../x.html", "en/../../y.html"}, wantErr: `invalid output path "../x.html"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := filepath.Join(t.TempDir(), "made", "by", "stage")
			out := filepath.Join(parent, "public")
			s, err := NewStage(out, StageOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			for i, p := range tc.files {
				wg.Add(1)
				go func() {
					defer wg.Done()
					buf := []byte(fmt.Sprint("file ", i))
					s.Add(File{Path: p, Data: buf})
					copy(buf, "XXXX") // the stage copied it
				}()
			}
			wg.Wait()
			if tc.abort {
				s.Abort()
			} else {
				err = s.Commit()
			}
			switch {
			case tc.wantErr != "" && (err == nil || err.Error() != tc.wantErr):
				t.Fatalf("Commit() = %v, want %s", err, tc.wantErr)
			case tc.wantErr == "" && err != nil:
				t.Fatalf("Commit() = %v", err)
			}
			if tc.abort || tc.wantErr != "" {
				if _, err := os.Stat(filepath.Dir(filepath.Dir(parent))); !os.IsNotExist(err) {
					t.Errorf("the folders made for the stage are still there (stat: %v)", err)
				}
				return
			}
			for i, p := range tc.files {
				data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
				if want := fmt.Sprint("file ", i); err != nil || string(data) != want {
					t.Errorf("%s = %q, %v; want %q", p, data, err, want)
				}
			}
			if left := sitetest.Beside(t, out); len(left) != 0 {
				t.Errorf("%s holds %v, want public/ and its lock alone", parent, left)
			}
		})
	}
}

// TestStageUpdatesAPreviousOutput commits a build into the output of an earlier one: files
// with the same bytes are left as they were (same inode and time), changed and new files
// are moved in, and what the build no longer makes goes, whatever its shape: a file where
// a folder is now needed, a folder where a file is, a symbolic link where a file is.
func TestStageUpdatesAPreviousOutput(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	previous := map[string]string{
		Marker:             "a marker of an earlier release\n",
		"same.html":        "same",
		"changed.html":     "old",
		"gone.html":        "gone",
		"old/deep/x.html":  "gone too",
		"keep/gone.html":   "gone, but its folder stays",
		"keep/same.html":   "same",
		"file-then-dir":    "a file",
		"dir-then-file/a":  "in a folder",
		"same-size.html":   "aaaa",
		"longer-now.html":  "ab",
		"shorter-now.html": "abcdef",
		"link-target.txt":  "what the link points at",
	}
	for p, data := range previous {
		name := filepath.Join(out, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("link-target.txt", filepath.Join(out, "link.html")); err != nil {
		t.Fatal(err)
	}
	// Older than the build, so that a rewrite would show in the time.
	old := time.Now().Add(-time.Hour)
	for _, p := range []string{"same.html", "keep/same.html"} {
		if err := os.Chtimes(filepath.Join(out, p), old, old); err != nil {
			t.Fatal(err)
		}
	}
	before := stats(t, out, "same.html", "keep/same.html")

	build := map[string]string{
		"same.html":            "same",
		"changed.html":         "new",
		"new/page/index.html":  "new",
		"keep/same.html":       "same",
		"file-then-dir/a.html": "now a folder",
		"dir-then-file":        "now a file",
		"same-size.html":       "bbbb",
		"longer-now.html":      "abc",
		"shorter-now.html":     "abcde",
		"link.html":            "what the link points at",
		"big.html":             strings.Repeat("x", bigFile+1),
	}
	s, err := NewStage(out, StageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range build {
		s.Add(File{Path: p, Data: []byte(data)})
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	// Written: all but same.html and keep/same.html; removed: gone.html, old/deep/x.html,
	// keep/gone.html, file-then-dir, dir-then-file/a, link-target.txt.
	if w, r := s.Written(), len(s.Removed()); w != len(build)-2 || r != 6 {
		t.Errorf("Written, Removed = %d, %d; want %d, 6", w, r, len(build)-2)
	}

	want := maps.Clone(build)
	want[Marker] = string(marker("", keys(build)))
	if got := readTree(t, out); !maps.Equal(got, want) {
		t.Errorf("after the update the output holds\n%v\nwant\n%v", keys(got), keys(want))
		for p, data := range want {
			if got[p] != data {
				t.Errorf("%s = %.40q, want %.40q", p, got[p], data)
			}
		}
	}
	if info, err := os.Lstat(filepath.Join(out, "link.html")); err != nil || !info.Mode().IsRegular() {
		t.Errorf("link.html is still not a regular file: %v, %v", info, err)
	}
	unchanged := []string{"same.html", "keep/same.html"}
	for i, after := range stats(t, out, unchanged...) {
		if !os.SameFile(before[i], after) || !after.ModTime().Equal(old) {
			t.Errorf("%s was written again, though unchanged", unchanged[i])
		}
	}
	if _, err := os.Stat(filepath.Join(out, "old")); !os.IsNotExist(err) {
		t.Errorf("the folder of removed files is still there: %v", err)
	}
	if left := sitetest.Beside(t, out); len(left) != 0 {
		t.Errorf("%s holds %v, want public/ and its lock alone", parent, left)
	}
}

// TestStageAbortLeavesAPreviousOutput: a failed build touches nothing of the output it
// would have updated.
func TestStageAbortLeavesAPreviousOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for p, data := range map[string]string{Marker: "marker\n", "a.html": "a", "b.html": "b"} {
		if err := os.WriteFile(filepath.Join(out, p), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := NewStage(out, StageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s.Add(File{Path: "a.html", Data: []byte("changed")})
	s.Add(File{Path: "c.html", Data: []byte("new")})
	s.Abort()
	want := map[string]string{Marker: "marker\n", "a.html": "a", "b.html": "b"}
	if got := readTree(t, out); !maps.Equal(got, want) {
		t.Errorf("after Abort the output holds %v, want %v", got, want)
	}
}

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func stats(t *testing.T, dir string, paths ...string) []fs.FileInfo {
	t.Helper()
	var infos []fs.FileInfo
	for _, p := range paths {
		info, err := os.Stat(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		infos = append(infos, info)
	}
	return infos
}

func keys(m map[string]string) []string {
	return slices.Sorted(maps.Keys(m))
}

// An output that is a link to a folder (a web root linked to public/) is written through:
// the folder it leads to gets the build, and the link stays a link.
func TestStageWritesThroughALinkToAFolder(t *testing.T) {
	dir := t.TempDir()
	public, link := filepath.Join(dir, "public"), filepath.Join(dir, "www", "briefing")
	for i, out := range []string{public, link} {
		if i == 1 {
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("../public", link); err != nil {
				t.Fatal(err)
			}
		}
		s, err := NewStage(out, StageOptions{})
		if err != nil {
			t.Fatal(err)
		}
		s.Add(File{Path: "index.html", Data: []byte(fmt.Sprint("build ", i))})
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("www/briefing is no longer a link: %v, %v", info, err)
	}
	if data, err := os.ReadFile(filepath.Join(public, "index.html")); err != nil || string(data) != "build 1" {
		t.Errorf("public/index.html = %q, %v; want the second build's", data, err)
	}
	if left := sitetest.Beside(t, public); !slices.Equal(left, []string{"www"}) {
		t.Errorf("%s holds %v beside public/ and its lock, want www/ alone", dir, left)
	}
	if left := sitetest.Beside(t, link); len(left) != 0 {
		t.Errorf("www/ holds %v beside the link", left)
	}
}
