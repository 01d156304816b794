package publish

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"peacebuilding/internal/sitetest"
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/svg"
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

// TestSVGMemoMinifiesAsSVGMinify minifies pages whose pictures repeat (an icon on every
// page, as the site header has) and pictures that do not, with one minifier, and compares
// each page with what the SVG minifier alone makes of it.
func TestSVGMemoMinifiesAsSVGMinify(t *testing.T) {
	plain := minify.New()
	plain.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	plain.AddFunc("image/svg+xml", svg.Minify)
	memo := &svgMemo{known: map[string][]byte{}}
	m := newMinifier(memo)
	icon := `<svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true" width="18" height="18" viewBox="0 0 24 24"><path d="M20 14.5A8.5 8.5 0 0 1 9.5 4a8.5 8.5 0 1 0 10.5 10.5z" fill="currentColor"/></svg>`
	big := `<svg viewBox="0 0 440 80"><desc>` + strings.Repeat("A chart. ", 200) + `</desc><rect x="0" y="0" width="20.50" height="14"/></svg>`
	for i := range memoSVGCount + 10 { // past what the memo keeps
		chart := fmt.Sprintf(`<svg viewBox="0 0 440 36"><rect x="0.0" y="%d" width="267.60" height="14"/></svg>`, i)
		page := []byte("<!DOCTYPE html>\n<html><body><p>\n" + icon + " Dark mode</p>\n" + chart + big + "\n<p>" + icon + "</p></body></html>")
		want, err := plain.Bytes("text/html", page)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := MinifyTo(m, &got, "index.html", page); err != nil {
			t.Fatal(err)
		}
		if got.String() != string(want) {
			t.Fatalf("page %d: MinifyTo gave\n%s\nwant\n%s", i, got.Bytes(), want)
		}
	}
	// The same picture as a file of its own is minified as one, not as inline.
	want, err := plain.Bytes("image/svg+xml", []byte(icon))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Minify(m, "icon.svg", []byte(icon)); err != nil || string(got) != string(want) {
		t.Errorf("Minify(icon.svg) = %s, %v; want %s", got, err, want)
	}
	if _, ok := memo.known[icon]; !ok {
		t.Errorf("the icon on every page is not remembered")
	}
	memo.known[icon] = []byte("<svg>remembered</svg>") // a picture seen before is not minified again
	var got bytes.Buffer
	if err := MinifyTo(m, &got, "index.html", []byte("<p>"+icon+"</p>")); err != nil || got.String() != "<p><svg>remembered</svg></p>" {
		t.Errorf("MinifyTo(the icon again) = %s, %v; want what the memo remembers", got.Bytes(), err)
	}
	if _, ok := memo.known[big]; ok || len(memo.known) != memoSVGCount {
		t.Errorf("the memo keeps %d pictures (the big one: %v), want %d, not the big one", len(memo.known), ok, memoSVGCount)
	}
}
