package render

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"peacebuilding/internal/sitetest"
)

// TestNewParsesLayoutsOnceForTheSameBytes: New reuses the layouts it parsed for the same
// files, languages and executor, and parses again when any of them differs, so that an
// edited layout or string is never rendered from the copy parsed before the edit.
func TestNewParsesLayoutsOnceForTheSameBytes(t *testing.T) {
	project := sitetest.Copy(t, "layouts", "i18n")
	layouts, _ := fs.Sub(project, "layouts") // the copy as it is when New reads it
	i18n, _ := fs.Sub(project, "i18n")
	langs := []string{"en", "ja"}
	newRenderer := func(assets map[string]string) *Renderer {
		t.Helper()
		r, err := New(layouts, i18n, langs, assets)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	// The set that executes a country brief in English, whichever executor runs.
	countrySet := func(r *Renderer) any {
		if r.compiled != nil {
			return r.compiled["en"]["country"]
		}
		return r.templates["en"]["country"]
	}

	first := newRenderer(map[string]string{"style.css": "assets/style.1.css"})
	again := newRenderer(map[string]string{"style.css": "assets/style.2.css"})
	if countrySet(again) != countrySet(first) {
		t.Fatal("the same layouts and strings were parsed again")
	}
	if again.Assets["style.css"] != "assets/style.2.css" || first.Assets["style.css"] != "assets/style.1.css" {
		t.Error("renderers made from one parse share their assets")
	}
	// That each starts without what rendering with another left behind is
	// TestSharedPartialsRenderAsIfAlone's, through Fresh, which New's copies share.

	edits := []struct {
		name string
		edit func()
	}{
		{"a layout edited", func() {
			f := project["layouts/country.html"]
			project["layouts/country.html"] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), "<article", "<article data-edited", 1))}
		}},
		{"a file of partials added", func() {
			project["layouts/notes.html"] = &fstest.MapFile{Data: []byte(`{{define "note"}}{{end}}`)}
		}},
		{"a UI string edited", func() {
			f := project["i18n/ja.toml"]
			project["i18n/ja.toml"] = &fstest.MapFile{Data: append([]byte("# edited\n"), f.Data...)}
		}},
		{"the languages in another order", func() { langs = []string{"ja", "en"} }},
		{"the other executor", func() {
			other := "stdlib"
			if os.Getenv(TemplatesEnv) == "stdlib" {
				other = "tmplexec"
			}
			t.Setenv(TemplatesEnv, other)
		}},
	}
	before := again
	for _, e := range edits {
		e.edit()
		after := newRenderer(nil)
		if countrySet(after) == countrySet(before) {
			t.Errorf("%s: the renderer reused the layouts parsed before", e.name)
		}
		before = after
	}
}
