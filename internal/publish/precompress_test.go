package publish

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestPrecompress stages a site with Precompress twice: the variants decode to their file,
// small and binary files get none, the marker lists them, and the second build keeps the
// variants of an unchanged file (the same inode) and makes new ones for a changed file.
func TestPrecompress(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	page := []byte("<p>" + strings.Repeat("peacebuilding ", 100) + "</p>")
	build := func(files ...File) {
		t.Helper()
		s, err := NewStage(out, StageOptions{Precompress: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			s.Add(f)
		}
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	other := []byte("<p>" + strings.Repeat("reconstruction ", 100) + "</p>")
	build(File{"a.html", page}, File{"b.html", page}, File{"small.css", []byte("p{}")}, File{"i.png", page})
	for _, name := range []string{"a.html.gz", "a.html.br"} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		var r io.Reader
		if strings.HasSuffix(name, ".gz") {
			if r, err = gzip.NewReader(bytes.NewReader(data)); err != nil {
				t.Fatal(err)
			}
		} else {
			r = brotli.NewReader(bytes.NewReader(data))
		}
		if got, err := io.ReadAll(r); err != nil || !bytes.Equal(got, page) {
			t.Errorf("%s does not decode to a.html: %v", name, err)
		}
	}
	for _, name := range []string{"small.css.gz", "i.png.gz"} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("%s was written", name)
		}
	}
	if marker, _ := os.ReadFile(filepath.Join(out, Marker)); !bytes.Contains(marker, []byte("\na.html.br\n")) {
		t.Errorf("the marker does not list a.html.br:\n%s", marker)
	}
	before, _ := os.Stat(filepath.Join(out, "a.html.gz"))
	build(File{"a.html", page}, File{"b.html", other})
	after, _ := os.Stat(filepath.Join(out, "a.html.gz"))
	if !os.SameFile(before, after) {
		t.Error("the gzip file of an unchanged page was written again")
	}
	data, _ := os.ReadFile(filepath.Join(out, "b.html.gz"))
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(zr); !bytes.Equal(got, other) {
		t.Error("b.html.gz is not the changed b.html")
	}
}
