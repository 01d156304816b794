package glossary

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"peacebuilding/internal/sitetest"
)

var loadErr = regexp.MustCompile(`^data/glossary\.toml:([0-9]+):( |[0-9]+: )\S`)

// FuzzLoad checks that every error of Load names the file and a line it has, one error per
// line, and that the terms it accepts have both forms, a kana reading and a line, and sort
// into a permutation of themselves in both languages.
func FuzzLoad(f *testing.F) {
	for _, seed := range sitetest.Seeds(f, []string{"data/glossary.toml", "testdata/sites/basic/data/glossary.toml"}, "data/glossary.toml") {
		f.Add(seed)
	}
	const name = "data/glossary.toml"
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := Load(fstest.MapFS{name: {Data: data}}, name)
		lines := strings.Count(string(data), "\n") + 1
		if err != nil {
			for _, msg := range strings.Split(err.Error(), "\n") {
				m := loadErr.FindStringSubmatch(msg)
				if m == nil {
					t.Fatalf("Load(%q): error line %q does not start with %s:line:", data, msg, name)
				}
				if n, _ := strconv.Atoi(m[1]); n < 1 || n > lines {
					t.Fatalf("Load(%q): error %q names line %d of a file of %d lines", data, msg, n, lines)
				}
			}
			return
		}
		for _, term := range g.Terms {
			if strings.TrimSpace(term.EN) == "" || strings.TrimSpace(term.JA) == "" || !isHiragana(term.Reading) || term.Line < 1 || term.Line > lines {
				t.Fatalf("Load(%q) accepted term %+v", data, term)
			}
		}
		for _, lang := range []string{"en", "ja"} {
			sorted := g.Sorted(lang)
			key := func(a, b Term) int { return strings.Compare(a.EN+"\x00"+a.JA, b.EN+"\x00"+b.JA) }
			want := slices.Clone(g.Terms)
			slices.SortFunc(want, key)
			slices.SortFunc(sorted, key)
			if !slices.EqualFunc(sorted, want, func(a, b Term) bool { return a.EN == b.EN && a.JA == b.JA }) {
				t.Fatalf("Sorted(%s) is not a permutation of the terms", lang)
			}
		}
	})
}
