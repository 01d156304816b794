package content

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"peacebuilding/internal/sitetest"
)

// seeds returns the content files of the fixture site and the files of the hostile-input
// archives, the inputs the other tests use.
func seeds(f *testing.F) []string {
	f.Helper()
	root := sitetest.RepoRoot()
	var out []string
	_ = filepath.WalkDir(filepath.Join(root, "testdata", "sites", "basic", "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if data, err := os.ReadFile(p); err == nil {
				out = append(out, string(data))
			}
		}
		return nil
	})
	archives, _ := filepath.Glob(filepath.Join(root, "testdata", "hostile", "*.txtar"))
	for _, a := range archives {
		data, err := os.ReadFile(a)
		if err != nil {
			continue
		}
		for _, file := range sitetest.ParseArchive(string(data)).Files {
			if strings.HasSuffix(file.Name, ".md") {
				out = append(out, file.Data)
			}
		}
	}
	if len(out) == 0 {
		f.Fatal("no seed files found")
	}
	return append(out, "", "+++", "+++\n+++", "+++\n+++\n+++\n", "+++ \t\nx = 1\n+++\r\nbody", "\ufeff+++\n+++\n", "---\ntitle: A\n---\n")
}

var splitErr = regexp.MustCompile(`^[0-9]+:[0-9]+: \S`)

// FuzzSplit checks that the pieces Split returns come from its input, in order, with the
// lines where they start, and that its errors carry a position.
func FuzzSplit(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		front, frontLine, body, bodyLine, err := Split(text)
		if err != nil {
			if !splitErr.MatchString(err.Error()) {
				t.Fatalf("Split(%q) error %q has no line:col", text, err)
			}
			return
		}
		open, _, _ := strings.Cut(text, "\n")
		if strings.TrimRight(open, " \t") != "+++" {
			t.Fatalf("Split(%q) accepted a first line %q", text, open)
		}
		rest := text[min(len(open)+1, len(text)):]
		if !strings.HasPrefix(rest, front) || !strings.HasSuffix(text, body) || len(open)+1+len(front)+len(body) > len(text) {
			t.Fatalf("Split(%q) = front %q, body %q: not pieces of the input in order", text, front, body)
		}
		closing := rest[len(front) : len(rest)-len(body)]
		if strings.TrimRight(closing, " \t\n") != "+++" || strings.Count(closing, "\n") > 1 {
			t.Fatalf("Split(%q): between front matter and body is %q, not one +++ line", text, closing)
		}
		for _, l := range strings.Split(front, "\n") {
			if strings.TrimRight(l, " \t") == "+++" {
				t.Fatalf("Split(%q): front matter %q contains a +++ line: it did not stop at the first", text, front)
			}
		}
		if frontLine != 2 {
			t.Fatalf("Split(%q) frontLine = %d, want 2", text, frontLine)
		}
		if want := strings.Count(text[:len(text)-len(body)], "\n") + 1; body != "" && bodyLine != want {
			t.Fatalf("Split(%q) bodyLine = %d, want %d", text, bodyLine, want)
		}
	})
}

var parseErr = regexp.MustCompile(`^content/en/countries/x\.md:([0-9]+)(:[0-9]+)?: \S`)

// FuzzParse checks that every error of Parse names the file and a line the file has, one
// error per line, and that a file it accepts has a title and a summary.
func FuzzParse(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file := &File{Lang: "en", Path: "countries/x.md", Name: "content/en/countries/x.md", Section: "countries", Slug: "x"}
		err := Parse(file, data)
		if err == nil {
			if strings.TrimSpace(file.Front.Title) == "" || strings.TrimSpace(file.Front.Summary) == "" {
				t.Fatalf("Parse(%q) accepted a file without title or summary", data)
			}
			return
		}
		lines := strings.Count(string(data), "\n") + 1
		for _, msg := range strings.Split(err.Error(), "\n") {
			m := parseErr.FindStringSubmatch(msg)
			if m == nil {
				t.Fatalf("Parse(%q): error line %q does not start with file:line:", data, msg)
			}
			if n, _ := strconv.Atoi(m[1]); n < 1 || n > lines {
				t.Fatalf("Parse(%q): error %q names line %d of a file of %d lines", data, msg, n, lines)
			}
		}
	})
}
