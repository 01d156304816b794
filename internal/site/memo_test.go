package site

import (
	"slices"
	"strings"
	"testing"
	"unsafe"

	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/sitetest"
)

// TestMemoReusesOnlyValidConversions builds the fixture site three times with one Memo:
// unchanged, every conversion is reused; after the Japanese DDR page is removed, the
// Japanese pages that link to it are converted anew (their links now carry " (EN)") and
// every body and list of links is the one Build makes, linking pages of the new model.
func TestMemoReusesOnlyValidConversions(t *testing.T) {
	cfg, files := loadFiles(t, sitetest.FS(t, "testdata/sites/basic"))
	gl := &glossary.Glossary{}
	var m Memo
	first, err := m.Build(cfg, files, gl)
	if err != nil {
		t.Fatal(err)
	}
	second, err := m.Build(cfg, files, gl)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range second.Pages {
		if !samePacked(p.body.packedBytes(), first.Pages[i].body.packedBytes()) {
			t.Errorf("%s:%s: converted again though nothing changed", p.Lang, p.Key)
		}
	}

	files = slices.DeleteFunc(slices.Clone(files), func(f *content.File) bool { return f.Name == "content/ja/themes/ddr.md" })
	third, err := m.Build(cfg, files, gl)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Build(cfg, files, gl)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range third.Pages {
		w := want.Pages[i]
		for _, lists := range [][2][]*Page{{p.Themes, w.Themes}, {p.Backlinks, w.Backlinks}, {p.Related, w.Related}, {p.Translations, w.Translations}} {
			if keys(lists[0]) != keys(lists[1]) {
				t.Errorf("%s:%s: links to %s with the memo, %s with Build", p.Lang, p.Key, keys(lists[0]), keys(lists[1]))
			}
			for _, q := range lists[0] {
				if third.Lookup(q.Lang, q.Key) != q {
					t.Errorf("%s:%s: links to %s:%s of another build", p.Lang, p.Key, q.Lang, q.Key)
				}
			}
		}
		if !p.SameBody(want.Pages[i]) || !slices.Equal(p.Headings, want.Pages[i].Headings) || !slices.Equal(p.Links, want.Pages[i].Links) {
			t.Errorf("%s:%s: body with the memo differs from Build's:\n%s\nwant\n%s", p.Lang, p.Key, p.Body(), want.Pages[i].Body())
		}
	}
	cambodia := third.Lookup("ja", "countries/cambodia")
	if before := second.Lookup("ja", "countries/cambodia"); samePacked(cambodia.body.packedBytes(), before.body.packedBytes()) || !strings.Contains(string(cambodia.Body()), "DDR (EN)") {
		t.Errorf("ja:countries/cambodia links to a page that fell back but was not converted again:\n%s", cambodia.Body())
	}
	if sudan := third.Lookup("en", "countries/sudan"); !samePacked(sudan.body.packedBytes(), second.Lookup("en", "countries/sudan").body.packedBytes()) {
		t.Errorf("en:countries/sudan was converted again though its links resolve as before")
	}
}

func keys(pages []*Page) string {
	var out []string
	for _, p := range pages {
		out = append(out, p.Lang+":"+p.Key)
	}
	return strings.Join(out, " ")
}

// samePacked reports whether two packed bodies share their bytes: a reused conversion does.
func samePacked(a, b packedHTML) bool {
	return len(a) == len(b) && unsafe.SliceData(a) == unsafe.SliceData(b)
}

// A link's error names what the site has besides the page it looks up: a conversion that
// failed is made again, so that the preview's error names the file the site has now (a
// link written as an address, to a brief added since, names that brief's file).
func TestMemoConvertsAFailedLinkAgain(t *testing.T) {
	cfg, files := loadFiles(t, sitetest.FS(t, "testdata/sites/basic"))
	gl := &glossary.Glossary{}
	i := slices.IndexFunc(files, func(f *content.File) bool { return f.Name == "content/en/countries/sudan.md" })
	if i < 0 {
		t.Fatal("the fixture has no content/en/countries/sudan.md")
	}
	sudan := *files[i]
	sudan.Body += "\nSee [Chad](/en/themes/chad/).\n"
	files = slices.Clone(files)
	files[i] = &sudan
	var m Memo
	if _, err := m.Build(cfg, files, gl); err == nil || !strings.Contains(err.Error(), "e.g. ../themes/ddr.md") {
		t.Fatalf("without a chad brief: %v, want the link's error with an example", err)
	}
	chad := &content.File{Name: "content/en/themes/chad.md", Lang: "en", Path: "themes/chad.md"}
	if err := content.Parse(chad, []byte("+++\ntitle = \"Chad\"\nsummary = \"S.\"\n+++\n\nChad.\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Build(cfg, append(files, chad), gl); err == nil || !strings.Contains(err.Error(), "write cross-links as relative links to the .md file, ../themes/chad.md") {
		t.Errorf("with a chad brief: %v, want the link's error naming ../themes/chad.md", err)
	}
}
