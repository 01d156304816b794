package content

import (
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	for _, c := range []struct {
		name, in            string
		front, body         string
		frontLine, bodyLine int
		err                 string
	}{
		{name: "plain", in: "+++\ntitle = \"A\"\n+++\nBody\n", front: "title = \"A\"\n", body: "Body\n", frontLine: 2, bodyLine: 4},
		{name: "empty front matter", in: "+++\n+++\n", front: "", body: "", frontLine: 2, bodyLine: 3},
		{name: "trailing spaces on fences", in: "+++  \nx = 1\n+++\t\nB", front: "x = 1\n", body: "B", frontLine: 2, bodyLine: 4},
		{name: "no final newline", in: "+++\nx = 1\n+++", front: "x = 1\n", body: "", frontLine: 2, bodyLine: 4},
		{name: "plus signs inside body", in: "+++\n+++\na\n+++\n", front: "", body: "a\n+++\n", frontLine: 2, bodyLine: 3},
		{name: "empty", in: "  \n", err: "1:1: file is empty: it needs front matter between +++ lines, with at least title and summary"},
		{name: "no opening", in: "title = 1\n", err: "1:1: front matter: the file must start with a line of +++"},
		{name: "no closing", in: "+++\ntitle = 1\n", err: "1:1: front matter: no closing +++ line: the front matter runs to the end of the file; put a line of +++ after its last line, before the text"},
		{name: "full-width closing", in: "+++\ntitle = 1\n＋＋＋\nBody\n", err: "3:1: front matter: \"＋＋＋\" does not close the front matter: write +++, three half-width plus signs, on a line of their own"},
		{name: "four plus signs", in: "+++\ntitle = 1\n++++\nBody\n", err: "3:1: front matter: \"++++\" does not close the front matter: write +++, three half-width plus signs, on a line of their own"},
		{name: "no closing, a thematic break in the text", in: "+++\ntitle = 1\n\nIntro.\n\n---\n\nMore.\n", err: "1:1: front matter: no closing +++ line: the front matter runs to the end of the file; put a line of +++ after its last line, before the text"},
		{name: "yaml fence", in: "---\ntitle: A\n---\n", err: "1:1: front matter: the file must start with a line of +++"},
	} {
		front, frontLine, body, bodyLine, err := Split(c.in)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%s: Split(%q) error = %v, want %q", c.name, c.in, err, c.err)
			}
			continue
		}
		if err != nil || front != c.front || body != c.body || frontLine != c.frontLine || bodyLine != c.bodyLine {
			t.Errorf("%s: Split(%q) = %q, %d, %q, %d, %v; want %q, %d, %q, %d", c.name, c.in, front, frontLine, body, bodyLine, err, c.front, c.frontLine, c.body, c.bodyLine)
		}
	}
}

func TestParse(t *testing.T) {
	for _, c := range []struct {
		name, in, err string
	}{
		{"valid", "+++\ntitle = \"A\"\nsummary = \"S\"\n+++\nBody", ""},
		{"bom and crlf accepted", "\ufeff+++\r\ntitle = \"A\"\r\nsummary = \"S\"\r\n+++\r\nBody\r\n", ""},
		{"unknown key", "+++\ntitle = \"A\"\nsummary = \"S\"\nregoin = \"asia\"\n+++\n", `content/en/x.md:4: front matter: unknown key "regoin" (did you mean "region"?)`},
		{"unknown nested key", "+++\ntitle = \"A\"\nsummary = \"S\"\n[facts]\ncapitol = \"X\"\n+++\n", `content/en/x.md:5: front matter: unknown key "facts.capitol" (did you mean "capital"?)`},
		{"syntax error", "+++\ntitle = \"A\"\nsummary \"S\"\n+++\n", `content/en/x.md:3:9: front matter: the = is missing: write key = value`},
		{"wrong type", "+++\ntitle = \"A\"\nsummary = \"S\"\nweight = \"ten\"\n+++\n", "content/en/x.md:4: front matter: weight: must be a whole number, not a text"},
		{"missing title", "+++\nsummary = \"S\"\n+++\n", "content/en/x.md:1: front matter: title is required"},
		// The first definition is named by its line in the file, as the second is.
		{"key written twice", "+++\ntitle = \"A\"\ntitle = \"B\"\nsummary = \"S\"\n+++\n", "content/en/x.md:3: front matter: title is written twice (first on line 2): keep one"},
		{"not utf-8", "+++\ntitle = \"caf\xe9\"\n+++\n", "content/en/x.md:2:13: file is not valid UTF-8 (save it as UTF-8)"},
	} {
		f := &File{Lang: "en", Path: "x.md", Name: "content/en/x.md"}
		err := Parse(f, []byte(c.in))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.err {
			t.Errorf("%s: Parse(%q) error = %q, want %q", c.name, c.in, got, c.err)
		}
		if c.err == "" && (f.Front.Title != "A" || !strings.HasPrefix(f.Body, "Body")) {
			t.Errorf("%s: Parse(%q) gave title %q body %q", c.name, c.in, f.Front.Title, f.Body)
		}
	}
}

func TestSourceHashIgnoresWhitespace(t *testing.T) {
	parse := func(s string) *File {
		f := &File{Lang: "en", Path: "x.md", Name: "x.md"}
		if err := Parse(f, []byte(s)); err != nil {
			t.Fatal(err)
		}
		return f
	}
	a := parse("+++\ntitle = \"A\"\nsummary = \"S\"\n+++\nOne two\nthree.\n")
	b := parse("+++\ntitle = \"A\"\nsummary = \"S\"\nweight = 3\n+++\n\nOne   two three.\n\n")
	c := parse("+++\ntitle = \"A\"\nsummary = \"S\"\n+++\nOne two four.\n")
	if SourceHash(a) != SourceHash(b) {
		t.Error("SourceHash changed with white space or a language-neutral value")
	}
	if SourceHash(a) == SourceHash(c) {
		t.Error("SourceHash did not change with the text")
	}
}

func TestPlace(t *testing.T) {
	for _, c := range []struct{ path, section, slug, err string }{
		{"_index.md", "", "", ""},
		{"countries/_index.md", "countries", "", ""},
		{"countries/cambodia.md", "countries", "cambodia", ""},
		{"about.md", "", "about", ""},
		{"countries/Cambodia.md", "", "", `content/en/countries/Cambodia.md: file name "Cambodia.md" is not a valid slug: use lower-case ASCII letters, digits and hyphens (it becomes the URL)`},
		{"regions/asia.md", "", "", `content/en/regions/asia.md: unknown section "regions" (expected countries or themes)`},
		{"countries/asia/x.md", "", "", "content/en/countries/asia/x.md: content files are at most one folder deep (content/<lang>/<section>/<slug>.md)"},
		{"countries.md", "", "", `content/en/countries.md: a page may not be named like the section "countries"`},
	} {
		f := &File{Lang: "en", Path: c.path, Name: "content/en/" + c.path}
		err := f.place()
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.err || (c.err == "" && (f.Section != c.section || f.Slug != c.slug)) {
			t.Errorf("place(%q) = %q, %q, %q; want %q, %q, %q", c.path, f.Section, f.Slug, got, c.section, c.slug, c.err)
		}
	}
}
