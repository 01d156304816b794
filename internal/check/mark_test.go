package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
)

const hash = "0123456789abcdef"

func TestSetSourceHash(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{
			"inserted after a one-line summary",
			"+++\ntitle = \"カンボジア\"\nsummary = \"要約。\"\n\n[facts]\ncapital = \"プノンペン\"\n+++\n\n本文。\n",
			"+++\ntitle = \"カンボジア\"\nsummary = \"要約。\"\nsource_hash = \"" + hash + "\"\n\n[facts]\ncapital = \"プノンペン\"\n+++\n\n本文。\n",
		},
		{
			"summary with escaped quotes and a comment",
			"+++\ntitle = \"T\"\nsummary = \"S \\\"quoted\\\"\" # one sentence\n[facts]\ncapital = \"C\"\n+++\n",
			"+++\ntitle = \"T\"\nsummary = \"S \\\"quoted\\\"\" # one sentence\nsource_hash = \"" + hash + "\"\n[facts]\ncapital = \"C\"\n+++\n",
		},
		{
			"multi-line summary: inserted after the title",
			"+++\ntitle = \"T\"\nsummary = \"\"\"\nS\"\"\"\n+++\n",
			"+++\ntitle = \"T\"\nsource_hash = \"" + hash + "\"\nsummary = \"\"\"\nS\"\"\"\n+++\n",
		},
		{
			"multi-line title and summary: inserted after the opening +++",
			"+++\ntitle = \"\"\"\nT\"\"\"\nsummary = '''\nS'''\n+++\n",
			"+++\nsource_hash = \"" + hash + "\"\ntitle = \"\"\"\nT\"\"\"\nsummary = '''\nS'''\n+++\n",
		},
		{
			"replaced in place, comment and spacing kept",
			"+++\ntitle = \"T\"\nsummary = \"S\"\n  source_hash   =   \"aaaa\"   # set by check -mark\n\n[[events]]\ntext = \"x\"\n+++\nBody\n",
			"+++\ntitle = \"T\"\nsummary = \"S\"\n  source_hash   =   \"" + hash + "\"   # set by check -mark\n\n[[events]]\ntext = \"x\"\n+++\nBody\n",
		},
		{
			"single-quoted value replaced",
			"+++\ntitle = 'T'\nsummary = 'S'\nsource_hash = 'aaaa'\n+++\n",
			"+++\ntitle = 'T'\nsummary = 'S'\nsource_hash = \"" + hash + "\"\n+++\n",
		},
		{
			"CRLF kept on the new line",
			"+++\r\ntitle = \"T\"\r\nsummary = \"S\"\r\n+++\r\nBody\r\n",
			"+++\r\ntitle = \"T\"\r\nsummary = \"S\"\r\nsource_hash = \"" + hash + "\"\r\n+++\r\nBody\r\n",
		},
		{
			"byte-order mark kept",
			"\ufeff+++\ntitle = \"T\"\nsummary = \"S\"\n+++\n",
			"\ufeff+++\ntitle = \"T\"\nsummary = \"S\"\nsource_hash = \"" + hash + "\"\n+++\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &content.File{Name: "content/ja/x.md", Lang: "ja", Path: "x.md"}
			if err := content.Parse(f, []byte(tt.in)); err != nil {
				t.Fatal(err)
			}
			got, err := SetSourceHash(f, []byte(tt.in), hash)
			if err != nil {
				t.Fatalf("SetSourceHash: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("SetSourceHash(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSetSourceHashRefusesWhatItCannotEdit(t *testing.T) {
	// A source_hash written as a multi-line string is not a line to replace; the edit
	// would not parse back to the same front matter, so nothing is written.
	in := "+++\ntitle = \"T\"\nsummary = \"S\"\nsource_hash = \"\"\"\naaaa\"\"\"\n+++\n"
	f := &content.File{Name: "content/ja/x.md", Lang: "ja", Path: "x.md"}
	if err := content.Parse(f, []byte(in)); err != nil {
		t.Fatal(err)
	}
	_, err := SetSourceHash(f, []byte(in), hash)
	if err == nil || !strings.Contains(err.Error(), "content/ja/x.md:1: cannot set source_hash") {
		t.Errorf("SetSourceHash(%q) error = %v, want content/ja/x.md:1: cannot set source_hash ...", in, err)
	}
}

// TestMarkWritesOnlyTheHashLine marks a translation on disk and checks that the file
// changed by one inserted line, that marking again changes nothing, and that the check
// then reports the pair as ok.
func TestMarkWritesOnlyTheHashLine(t *testing.T) {
	root := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	write("config.toml", "baseURL = \"https://example.org/\"\ndefaultLanguage = \"en\"\nasOf = \"2007\"\n[languages.en]\nname = \"English\"\ntitle = \"T\"\nweight = 1\n[languages.ja]\nname = \"日本語\"\ntitle = \"T\"\nweight = 2\n")
	write("content/en/countries/cambodia.md", "+++\ntitle = \"Cambodia\"\nsummary = \"S.\"\n+++\n\n1,300 personnel.\n")
	ja := "+++\r\n# comment kept\r\ntitle = \"カンボジア\"\r\nsummary = \"要約。\"\r\n+++\r\n\r\n1,300人。\r\n"
	write("content/ja/countries/cambodia.md", ja)
	write("content/ja/old.md", "+++\ntitle = \"古い\"\nsummary = \"S\"\n+++\n")
	write("content/en/countries/sudan.md", "+++\ntitle = \"Sudan\"\nsummary = \"S.\"\n+++\n")
	write("content/en/themes/cambodian.md", "+++\ntitle = \"Cambodian\"\nsummary = \"S.\"\n+++\n")
	copied := "+++\ntitle = \"Copied\"\nsummary = \"A page copied by -new.\"\n+++\n\nJapan sent 1,300 personnel to the mission.\n"
	write("content/en/themes/copied.md", copied)
	write("content/ja/themes/copied.md", copied)
	cfg, err := config.Load(os.DirFS(root), "config.toml")
	if err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(root, "content", "ja", "countries", "cambodia.md")
	m, err := Mark(root, target, cfg)
	if err != nil {
		t.Fatalf("Mark: %v", err)
	}
	if !m.Changed || m.File != "content/ja/countries/cambodia.md" || m.Source != "content/en/countries/cambodia.md" {
		t.Errorf("Mark = %+v, want a change of content/ja/countries/cambodia.md from content/en/countries/cambodia.md", m)
	}
	got, _ := os.ReadFile(target)
	want := strings.Replace(ja, "summary = \"要約。\"\r\n", "summary = \"要約。\"\r\nsource_hash = \""+m.Hash+"\"\r\n", 1)
	if string(got) != want {
		t.Errorf("marked file\n got %q\nwant %q", got, want)
	}
	if info, _ := os.Stat(target); info.Mode().Perm() != 0o640 {
		t.Errorf("marked file mode = %v, want -rw-r----- as before", info.Mode().Perm())
	}
	if entries, _ := os.ReadDir(filepath.Dir(target)); len(entries) != 1 {
		t.Errorf("the folder has %d entries after marking, want only the file (no temporary left)", len(entries))
	}
	if m, err := Mark(root, target, cfg); err != nil || m.Changed {
		t.Errorf("Mark again = %+v, %v; want no change", m, err)
	}
	// The page key of the report names the same file: the one translation of the page.
	if m, err := Mark(root, "countries/cambodia", cfg); err != nil || m.Changed || m.File != "content/ja/countries/cambodia.md" {
		t.Errorf("Mark by the page key = %+v, %v; want content/ja/countries/cambodia.md, unchanged", m, err)
	}
	// So does its name alone, as the check reads it: the one page of that name.
	if m, err := Mark(root, "cambodia", cfg); err != nil || m.Changed || m.File != "content/ja/countries/cambodia.md" {
		t.Errorf("Mark by the page's name = %+v, %v; want content/ja/countries/cambodia.md, unchanged", m, err)
	}
	// A place pasted from a finding names its file.
	if m, err := Mark(root, target+":74:3", cfg); err != nil || m.File != "content/ja/countries/cambodia.md" {
		t.Errorf("Mark by a place in the file = %+v, %v; want content/ja/countries/cambodia.md", m, err)
	}
	in, err := Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	if p := Run(in).Lookup("countries/cambodia", "ja"); p == nil || p.State != OK {
		t.Errorf("after Mark the pair is %+v, want ok", p)
	}

	for _, tt := range []struct{ path, want string }{
		{filepath.Join(root, "content", "ja", "old.md"), "content/ja/old.md: there is no source content/en/old.md to mark it as translated from"},
		{"countries/cambodja", "countries/cambodja: no page of the site (did you mean content/ja/countries/cambodia.md?)"},
		// A page's key with its .md names the page too.
		{"countries/sudan.md", "content/ja/countries/sudan.md: no translation yet"},
		// A page of that very name elsewhere before a close name in the same folder.
		{"themes/cambodia", "(did you mean content/ja/countries/cambodia.md?)"},
		// A page's name without its folder names the one page of that name, as the
		// check reads it: here the translation to start first.
		{"sudan", "content/ja/countries/sudan.md: no translation yet"},
		// A close name, the page of that name in another folder.
		{"cambodja", "cambodja: no page of the site (did you mean content/ja/countries/cambodia.md?)"},
		{"countries/sudan", "content/ja/countries/sudan.md: no translation yet: start it with make check ARGS=\"-new content/ja/countries/sudan.md\", translate it, then mark it"},
		{filepath.Join(root, "content", "en", "countries", "cambodia.md"), "a page in en, the default language, is a source, not a translation; mark its translation instead (content/ja/countries/cambodia.md)"},
		{filepath.Join(root, "content", "en", "countries", "sudan.md"), `mark its translation instead (content/ja/countries/sudan.md, not started yet: make check ARGS="-new content/ja/countries/sudan.md")`},
		{filepath.Join(root, "config.toml"), "not a content file"},
		{filepath.Join(root, "content", "fr", "x.md"), `"fr" is not a language of config.toml`},
		{filepath.Join(root, "..", "elsewhere.md"), "not a file of the project"},
		// A copy still in English follows no version of its source yet (a translator's
		// trial marked one straight after -new).
		{"themes/copied", "content/ja/themes/copied.md: not marked: the page is still English"},
		// A folder is not marked whole: each mark says that one translation was checked.
		{filepath.Join(root, "content", "ja", "countries"), "is a folder: mark each translation by its file once it is done"},
	} {
		if _, err := Mark(root, tt.path, cfg); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Mark(%q) error = %v, want one containing %q", tt.path, err, tt.want)
		}
	}
}
