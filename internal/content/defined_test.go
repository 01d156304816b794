package content

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestDefinedMatchesMetaData checks that File.Defined, which keeps only a list of keys,
// answers like toml.MetaData.IsDefined for every key and key prefix of the real content
// and of front matter written in every shape TOML allows.
func TestDefinedMatchesMetaData(t *testing.T) {
	fronts := map[string]string{
		"dotted keys":            "title = \"a\"\nfacts.area_km2 = 1\nfacts.capital = \"x\"\n",
		"inline table":           "facts = { area_km2 = 1, languages = [\"x\"] }\n",
		"array of inline tables": "events = [{ date = \"2001\", text = \"x\" }, { text = \"y\" }]\n",
		"array of tables":        "[[events]]\ndate = \"2001\"\n[[events]]\ntext = \"y\"\n[[figures]]\nvalue = 1\n",
		"quoted keys":            "\"a.b\" = 1\n[\"c d\"]\ne = 2\n",
		"nested tables":          "[facts]\ncapital = \"x\"\n[facts.extra]\ny = 1\n",
	}
	err := fs.WalkDir(os.DirFS("../.."), "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := fs.ReadFile(os.DirFS("../.."), p)
		if err != nil {
			return err
		}
		front, _, _, _, err := Split(string(data))
		if err != nil {
			return err
		}
		fronts[p] = front
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, front := range fronts {
		var v map[string]any
		md, err := toml.Decode(front, &v)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		f := &File{defined: definedKeys(md)}
		probes := [][]string{{"nonexistent"}, {"facts", "nonexistent"}, {}}
		for _, k := range md.Keys() {
			for i := 1; i <= len(k); i++ {
				probes = append(probes, k[:i])
			}
		}
		for _, k := range probes {
			if got, want := f.Defined(k...), md.IsDefined(k...); got != want {
				t.Errorf("%s: Defined(%q) = %v, MetaData.IsDefined says %v", name, k, got, want)
			}
		}
	}
}

// TestFilesWithTheSameKeysShareOneList checks that files writing the same front matter
// keys hold one list of them, that a file with other keys keeps its own, and that a full
// cache shares what it holds and adds nothing.
func TestFilesWithTheSameKeysShareOneList(t *testing.T) {
	// An empty cache for this test: the process's may be full of other tests' lists.
	keySets.mu.Lock()
	saved := keySets.sets
	keySets.sets = map[string][]string{}
	keySets.mu.Unlock()
	t.Cleanup(func() {
		keySets.mu.Lock()
		keySets.sets = saved
		keySets.mu.Unlock()
	})
	parse := func(name, front string) *File {
		t.Helper()
		f := &File{Name: name}
		if err := Parse(f, []byte("+++\n"+front+"+++\nBody.\n")); err != nil {
			t.Fatal(err)
		}
		return f
	}
	same := func(a, b []string) bool { return len(a) > 0 && len(b) > 0 && &a[0] == &b[0] }
	a := parse("a.md", "title = \"A\"\nsummary = \"s\"\nweight = 1\n")
	b := parse("b.md", "title = \"B\"\nsummary = \"t\"\nweight = 2\n")
	c := parse("c.md", "title = \"C\"\nsummary = \"u\"\n")
	if !same(a.defined, b.defined) {
		t.Errorf("a.md and b.md define the same keys %q but hold two lists", a.defined)
	}
	if same(a.defined, c.defined) || !c.Defined("title") || c.Defined("weight") {
		t.Errorf("c.md defines %q, shared with a.md's %q", c.defined, a.defined)
	}

	full := keySetCache{sets: map[string][]string{}}
	for i := range maxKeySets {
		full.share([]string{fmt.Sprint("k", i)})
	}
	kept := []string{"k0"}
	if got := full.share(kept); &got[0] == &kept[0] {
		t.Error("a full cache did not share the list it holds")
	}
	extra := []string{"extra"}
	full.share(extra)
	if len(full.sets) != maxKeySets {
		t.Errorf("a full cache of %d lists grew to %d", maxKeySets, len(full.sets))
	}
}
