package publish

import (
	"os"
	"path/filepath"
	"peacebuilding/internal/sitetest"
	"strings"
	"testing"
)

func TestCheckOutput(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"content/en", "layouts", "public", "other"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(root, "other", "notes.txt"), []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(root, "public", Marker), nil, 0o644)
	os.WriteFile(filepath.Join(root, "public", "index.html"), nil, 0o644)
	for _, c := range []struct{ name, out, err string }{
		{"default public", filepath.Join(root, "public"), ""},
		{"new folder", filepath.Join(root, "site"), ""},
		{"outside the project", filepath.Join(t.TempDir(), "www"), ""},
		{"project root", root, "it is the project folder or contains it"},
		{"filesystem root", "/", "it is the project folder or contains it"},
		{"parent", filepath.Dir(root), "it is the project folder or contains it"},
		{"content", filepath.Join(root, "content"), "the source folder content/"},
		{"inside content", filepath.Join(root, "content", "en"), "it is inside the source folder content/"},
		{"layouts", filepath.Join(root, "layouts"), "the source folder layouts/"},
		{"foreign folder", filepath.Join(root, "other"), "it is not empty and was not made by this build"},
	} {
		err := CheckOutput(root, c.out)
		if (c.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%s: CheckOutput(root, %q) = %v, want error containing %q", c.name, c.out, err, c.err)
		}
	}
}

func TestWriteFailureLeavesOutputUntouched(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, []File{{Path: "index.html", Data: []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	err := Write(out, []File{{Path: "index.html", Data: []byte("new")}, {Path: "../escape.html", Data: nil}})
	if err == nil {
		t.Fatal("Write accepted a path outside the output folder")
	}
	got, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if string(got) != "old" {
		t.Errorf("after a failed write index.html = %q, want the previous %q", got, "old")
	}
	if left := sitetest.Beside(t, out); len(left) != 0 {
		t.Errorf("a failed write left %v next to the output, want only the output and its lock", left)
	}
	info, _ := os.Stat(out)
	if info.Mode().Perm() != 0o755 {
		t.Errorf("output folder mode = %v, want 0755 so a web server can read it", info.Mode().Perm())
	}
}

func TestMinifyKeepsJapaneseAndLatinSpacing(t *testing.T) {
	m := NewMinifier()
	in := "<p>日本はカンボジアを支援した。</p>\n<p>Japan   supported\nCambodia.</p>"
	got, err := Minify(m, "x.html", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), "日本はカンボジアを支援した。") || !strings.Contains(string(got), "Japan supported\nCambodia.") && !strings.Contains(string(got), "Japan supported Cambodia.") {
		t.Errorf("Minify = %q", got)
	}
}
