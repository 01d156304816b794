package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
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
			s, err := NewStage(out)
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
			entries, _ := os.ReadDir(parent)
			if len(entries) != 1 {
				t.Errorf("%s holds %d entries, want public/ alone", parent, len(entries))
			}
		})
	}
}
