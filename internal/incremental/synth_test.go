package incremental

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/sitetest"
	"peacebuilding/internal/synth"
)

// syntheticSite is a synthetic site of n countries per language (package synth: cross-links
// with #fragments, missing and stale translations) with the repository's config, layouts,
// assets, UI strings and glossary.
func syntheticSite(t *testing.T, n int) fstest.MapFS {
	t.Helper()
	root := sitetest.RepoRoot()
	fsys := fstest.MapFS{}
	for _, dir := range []string{"config.toml", "layouts", "assets", "i18n", "data"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data, Mode: 0o644}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	files, err := synth.Generate(n, []string{"asia", "middle-east", "africa", "europe", "latin-america"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys
}

var (
	titleRe  = regexp.MustCompile(`(?m)^title = "`)
	weightRe = regexp.MustCompile(`(?m)^weight = (\d+)`)
	themesRe = regexp.MustCompile(`(?m)^themes = \[("[^"]*")(, )?`)
)

// TestRebuildMatchesFullBuildOnSyntheticSite makes random edits, of the kinds a writer
// makes, to a synthetic site, a few files at a time, and after each rebuild compares
// every file with a full build of the same files.
func TestRebuildMatchesFullBuildOnSyntheticSite(t *testing.T) {
	fsys := syntheticSite(t, 12)
	// Booklets in parts of five briefs, so that edits that reorder the briefs (weights,
	// titles) move briefs between parts.
	cfg := fsys["config.toml"]
	cfg.Data = regexp.MustCompile(`(?m)^bookletPartSize = \d+$`).ReplaceAll(cfg.Data, []byte("bookletPartSize = 5"))
	if !strings.Contains(string(cfg.Data), "bookletPartSize = 5") {
		t.Fatal("could not set bookletPartSize in config.toml")
	}
	var content []string
	for name := range fsys {
		if strings.HasPrefix(name, "content/") {
			content = append(content, name)
		}
	}
	slices.Sort(content)
	removed := map[string]*fstest.MapFile{}
	r := rand.New(rand.NewPCG(1, 2))
	b := New(fsys, pipeline.Options{Extra: extraPage})
	if err := b.Full(); err != nil {
		t.Fatal(err)
	}
	var broken map[string]*fstest.MapFile // the files of a step that failed, as they were
	for step := range 20 {
		var paths, what []string
		for name, f := range broken {
			fsys[name] = f // undo the breaking edit, within this step
			paths, what = append(paths, name), append(what, "undid "+name)
		}
		before := map[string]*fstest.MapFile{}
		for range 1 + r.IntN(2) {
			name := content[r.IntN(len(content))]
			f := fsys[name]
			if _, ok := before[name]; !ok {
				before[name] = f
			}
			if f == nil {
				fsys[name] = removed[name] // back again
				paths, what = append(paths, name), append(what, "restored "+name)
				continue
			}
			text := string(f.Data)
			var kind string
			switch r.IntN(6) {
			case 0:
				text, kind = strings.TrimRight(text, "\n")+fmt.Sprintf("\n\nAdded in step %d.\n", step), "body"
			case 1:
				text, kind = titleRe.ReplaceAllString(text, `title = "Edited `), "title"
			case 2:
				text, kind = weightRe.ReplaceAllStringFunc(text, func(w string) string { return w + "7" }), "weight"
			case 3:
				text, kind = themesRe.ReplaceAllString(text, "themes = ["), "themes"
			case 4:
				text, kind = strings.Replace(text, "{#", "{#x", 1), "heading id"
			case 5:
				if strings.HasPrefix(name, "content/ja/") {
					removed[name] = f
					delete(fsys, name)
					paths, what = append(paths, name), append(what, "removed "+name)
					continue
				}
				text, kind = strings.Replace(text, "+++\n", "+++\nsummary = \"twice\"\n", 1), "a duplicate key"
			}
			fsys[name] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
			paths, what = append(paths, name), append(what, kind+" of "+name)
		}
		desc := fmt.Sprintf("step %d (%s)", step, strings.Join(what, "; "))
		_, err := b.Rebuild(paths)
		_, wantErr := pipeline.Build(fsys, pipeline.Options{Extra: extraPage})
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("%s: Rebuild error\n%v\nfull build error\n%v", desc, err, wantErr)
		}
		broken = nil
		if err == nil {
			compareFiles(t, desc, b, fsys)
		} else {
			broken = before
			for name, f := range broken {
				if f == nil { // it was removed in this step: remove it again
					delete(broken, name)
				}
			}
		}
		t.Logf("%s: error %v", desc, err != nil)
	}
}
