package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestReadBodyAfterSetBodyAside sets a body aside and reads it again from the file, with
// Windows line endings and a byte-order mark; a file changed in between is an error that
// names it, and what reads Body directly refuses a file whose body is set aside.
func TestReadBodyAfterSetBodyAside(t *testing.T) {
	const name = "content/en/countries/chad.md"
	text := "\ufeff+++\r\ntitle = \"Chad\"\r\nsummary = \"A brief.\"\r\n+++\r\n\r\nJapan’s aid.\r\n"
	fsys := fstest.MapFS{name: {Data: []byte(text)}}
	f, _, err := LoadFile(fsys, name, []string{"en"})
	if err != nil {
		t.Fatal(err)
	}
	want, front := f.Body, f.FrontSource
	f.SetBodyAside()
	if f.Body != "" || f.FrontSource != front {
		t.Fatalf("set aside: Body %q, FrontSource %q; want no body and the front matter %q", f.Body, f.FrontSource, front)
	}
	if got, err := f.ReadBody(); err != nil || got != want {
		t.Fatalf("ReadBody() = %q, %v; want %q", got, err, want)
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), name) {
			t.Errorf("SourceHash of a file whose body is set aside: recovered %v, want a panic naming the file", r)
		}
	}()
	fsys[name].Data = []byte(strings.Replace(text, "aid", "help", 1))
	if _, err := f.ReadBody(); err == nil || !strings.Contains(err.Error(), name+": the file changed while the site was being built") {
		t.Errorf("ReadBody() of a file changed since: %v", err)
	}
	SourceHash(f)
}

// TestSetBodyAsideNeedsAProject leaves the body of a file not read from a project (Parse
// alone) in place: nothing could read it again.
func TestSetBodyAsideNeedsAProject(t *testing.T) {
	f := &File{Lang: "en", Path: "countries/chad.md", Name: "content/en/countries/chad.md"}
	if err := Parse(f, []byte("+++\ntitle = \"Chad\"\nsummary = \"A brief.\"\n+++\nText.\n")); err != nil {
		t.Fatal(err)
	}
	f.SetBodyAside()
	if got, err := f.ReadBody(); err != nil || got != "Text.\n" {
		t.Errorf("ReadBody() = %q, %v; want the body kept", got, err)
	}
}
