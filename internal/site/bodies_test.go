package site

import (
	"cmp"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
)

// TestBuildOnceReadsEachBodyAgain edits a file of the project's content after it is loaded:
// a one-off build has set its body aside and reads the file again to convert it, so it
// fails, naming the file, instead of publishing a body its checks did not see. Build,
// which keeps the bodies, converts the text it loaded.
func TestBuildOnceReadsEachBodyAgain(t *testing.T) {
	project := os.DirFS("../..")
	fsys := fstest.MapFS{}
	copyFile := func(p string) error {
		data, err := fs.ReadFile(project, p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	}
	err := fs.WalkDir(project, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return copyFile(p)
	})
	if err := cmp.Or(err, copyFile("config.toml")); err != nil {
		t.Fatal(err)
	}
	const name = "content/en/countries/cambodia.md"
	edit := func() { fsys[name].Data = append(fsys[name].Data, "\nA new paragraph.\n"...) }

	cfg, files := loadFiles(t, fsys)
	edit()
	if _, err := Build(cfg, files, &glossary.Glossary{}); err != nil {
		t.Errorf("Build after an edit of a loaded file: %v", err)
	}
	_, files = loadFiles(t, fsys)
	edit()
	_, err = BuildOnce(cfg, files, &glossary.Glossary{})
	if err == nil || !strings.Contains(err.Error(), name+": the file changed while the site was being built from it") {
		t.Errorf("BuildOnce after an edit of a loaded file: %v", err)
	}
}

// TestBuildOnceKeepsABodyItCannotReadAgain builds a file decoded without a project
// (content.Parse alone): BuildOnce cannot set its body aside, and converts the text it has
// instead of an empty one.
func TestBuildOnceKeepsABodyItCannotReadAgain(t *testing.T) {
	cfg, files := loadFiles(t, os.DirFS("../.."))
	f := &content.File{Lang: "en", Path: "countries/chad.md", Name: "content/en/countries/chad.md", Section: "countries", Slug: "chad"}
	err := content.Parse(f, []byte("+++\ntitle = \"Chad\"\nsummary = \"A brief.\"\nweight = 999\nregion = \"africa\"\niso = [\"TCD\"]\n+++\nChad has a body.\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := BuildOnce(cfg, append(files, f), &glossary.Glossary{})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Lookup("en", "countries/chad").Body(); !strings.Contains(string(got), "Chad has a body.") {
		t.Errorf("the body of a file decoded without a project: %q", got)
	}
}
