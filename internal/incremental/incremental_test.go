package incremental

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/render"
	"peacebuilding/internal/site"
	"peacebuilding/internal/sitetest"
)

// edit is one change of a project's files: each path gets new text, or is removed ("").
type edit struct {
	name  string
	files map[string]string
	// wantErr, when set, is a part of the build's error; the edit must fail both builds.
	wantErr string
}

// replace returns the text of name in fsys with old replaced by new (which must occur).
func replace(t *testing.T, fsys fstest.MapFS, name, old, new string) string {
	t.Helper()
	f, ok := fsys[name]
	if !ok {
		t.Fatalf("no file %s", name)
	}
	if !strings.Contains(string(f.Data), old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	return strings.Replace(string(f.Data), old, new, 1)
}

// extraPage stands for the translation status page: a page made from the content files
// and the whole site by another package, through Options.Extra.
func extraPage(_ *config.Config, _ *glossary.Glossary, files []*content.File) pipeline.ExtraPages {
	return func(s *site.Site, r *render.Renderer) ([]*render.View, error) {
		text := 0 // the files' text, as the status page reads it
		for _, f := range files {
			text += len(f.Body)
		}
		return []*render.View{r.NewView(s, "glossary", "en", "extra/", fmt.Sprintf("%d files, %d pages, %d bytes of text", len(files), len(s.Pages), text), nil)}, nil
	}
}

func apply(fsys fstest.MapFS, e edit) []string {
	var paths []string
	for name, text := range e.files {
		if text == "" {
			delete(fsys, name)
		} else {
			fsys[name] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
		}
		paths = append(paths, name)
	}
	slices.Sort(paths)
	return paths
}

// TestRebuildMatchesFullBuild applies edits one after another to the fixture site and
// checks, after each, that the incremental result is the full build's, file for file,
// and that Rebuild names every file that changed.
func TestRebuildMatchesFullBuild(t *testing.T) {
	fsys := sitetest.FS(t, "testdata/sites/basic")
	const (
		enCambodia = "content/en/countries/cambodia.md"
		jaCambodia = "content/ja/countries/cambodia.md"
		enSudan    = "content/en/countries/sudan.md"
		enDDR      = "content/en/themes/ddr.md"
		jaDDR      = "content/ja/themes/ddr.md"
	)
	jaDDRText := string(fsys[jaDDR].Data)
	b := New(fsys, pipeline.Options{Extra: extraPage})
	if err := b.Full(); err != nil {
		t.Fatal(err)
	}
	compareFiles(t, "the first build", b, fsys)

	edits := []func() edit{
		func() edit {
			return edit{name: "a sentence of a body", files: map[string]string{enCambodia: replace(t, fsys, enCambodia, "Japan had sent", "Japan had already sent")}}
		},
		func() edit {
			return edit{name: "a theme's title, shown on its countries' pages", files: map[string]string{enDDR: replace(t, fsys, enDDR, `title = "DDR"`, `title = "Disarmament (DDR)"`)}}
		},
		func() edit {
			return edit{name: "a translation removed: the page falls back", files: map[string]string{jaDDR: ""}}
		},
		func() edit {
			return edit{name: "the translation back", files: map[string]string{jaDDR: jaDDRText}}
		},
		func() edit {
			return edit{name: "a country's themes: backlinks and related countries", files: map[string]string{enSudan: replace(t, fsys, enSudan, `themes = ["ddr"]`, `themes = ["ddr", "mine-action"]`)}}
		},
		func() edit {
			return edit{name: "a weight: the order of lists", files: map[string]string{enSudan: replace(t, fsys, enSudan, "weight = 20", "weight = 5")}}
		},
		func() edit {
			return edit{name: "a language-neutral value, inherited by the translation", files: map[string]string{enCambodia: replace(t, fsys, enCambodia, "area_km2 = 181000", "area_km2 = 181035")}}
		},
		func() edit {
			return edit{name: "a correction, listed on the about page", files: map[string]string{enSudan: replace(t, fsys, enSudan, "+++\nJapan", "\n[[corrections]]\nsource = \"x\"\ncorrection = \"y\"\nnote = \"z\"\n+++\nJapan")}}
		},
		func() edit {
			return edit{name: "a new country", files: map[string]string{"content/en/countries/nepal.md": "+++\ntitle = \"Nepal\"\nsummary = \"Peace process.\"\nweight = 30\nregion = \"asia\"\nthemes = [\"mine-action\"]\n+++\nSee [Cambodia](cambodia.md).\n"}}
		},
		func() edit {
			return edit{name: "a broken front matter", files: map[string]string{enSudan: replace(t, fsys, enSudan, "weight = 5", "weight 5")}, wantErr: "content/en/countries/sudan.md:4"}
		},
		func() edit {
			return edit{name: "the front matter fixed", files: map[string]string{enSudan: replace(t, fsys, enSudan, "weight 5", "weight = 5")}}
		},
		func() edit {
			return edit{name: "a heading that a link needs", files: map[string]string{enDDR: replace(t, fsys, enDDR, "{#afghanistan}", "{#afghan}")}, wantErr: "has no heading with id"}
		},
		func() edit {
			return edit{name: "the heading back, and the country removed", files: map[string]string{enDDR: replace(t, fsys, enDDR, "{#afghan}", "{#afghanistan}"), "content/en/countries/nepal.md": ""}}
		},
		func() edit {
			return edit{name: "an about page: every brief's footer links it", files: map[string]string{"content/en/about.md": "+++\ntitle = \"About\"\nsummary = \"What this is.\"\n+++\nA fixture.\n"}}
		},
		func() edit {
			return edit{name: "the about page translated", files: map[string]string{"content/ja/about.md": "+++\ntitle = \"概要\"\nsummary = \"本サイトについて。\"\n+++\n試験用。\n"}}
		},
		func() edit {
			return edit{name: "the about page removed", files: map[string]string{"content/en/about.md": "", "content/ja/about.md": ""}}
		},
		func() edit {
			return edit{name: "an unknown region", files: map[string]string{enSudan: replace(t, fsys, enSudan, `region = "africa"`, `region = "afrika"`)}, wantErr: `unknown region "afrika"`}
		},
		func() edit {
			return edit{name: "another page edited while the region is wrong", files: map[string]string{enCambodia: replace(t, fsys, enCambodia, "Japan had already sent", "Japan had sent")}, wantErr: `unknown region "afrika"`}
		},
		func() edit {
			return edit{name: "the region fixed", files: map[string]string{enSudan: replace(t, fsys, enSudan, `region = "afrika"`, `region = "africa"`)}}
		},
		func() edit {
			// Related countries put a country's own region first among equals: Laos shares
			// one theme with Cambodia (Asia) and Sudan (Africa, lighter).
			return edit{name: "a third country", files: map[string]string{"content/en/countries/laos.md": "+++\ntitle = \"Laos\"\nsummary = \"S.\"\nweight = 30\nregion = \"asia\"\nthemes = [\"ddr\"]\n+++\nText.\n"}}
		},
		func() edit {
			return edit{name: "a country moved to another region: related countries", files: map[string]string{enSudan: replace(t, fsys, enSudan, `region = "africa"`, `region = "asia"`)}}
		},
		func() edit {
			return edit{name: "and back, the third country removed", files: map[string]string{enSudan: replace(t, fsys, enSudan, `region = "asia"`, `region = "africa"`), "content/en/countries/laos.md": ""}}
		},
		func() edit {
			return edit{name: "a stray file: a warning", files: map[string]string{"content/en/notes.txt": "to do"}}
		},
		func() edit {
			return edit{name: "a layout", files: map[string]string{"layouts/theme.html": replace(t, fsys, "layouts/theme.html", `<article class="wrap brief brief-theme">`, `<article class="wrap brief brief-theme edited">`)}}
		},
		func() edit {
			return edit{name: "a layout broken", files: map[string]string{"layouts/theme.html": replace(t, fsys, "layouts/theme.html", "{{- template \"page-header\" .}}", "{{- template \"page-header\" .}}{{if}}")}, wantErr: "layouts/theme.html"}
		},
		func() edit {
			return edit{name: "a body edited while the layout is broken", files: map[string]string{enSudan: replace(t, fsys, enSudan, "Japan pledged", "Japan had pledged")}, wantErr: "layouts/theme.html"}
		},
		func() edit {
			return edit{name: "the layout fixed", files: map[string]string{"layouts/theme.html": replace(t, fsys, "layouts/theme.html", "{{if}}", "")}}
		},
		func() edit {
			return edit{name: "config.toml: a region's name", files: map[string]string{"config.toml": replace(t, fsys, "config.toml", `en = "Asia"`, `en = "Asia and the Pacific"`)}}
		},
		func() edit {
			return edit{name: "a UI string", files: map[string]string{"i18n/en.toml": replace(t, fsys, "i18n/en.toml", "\n", "\n# edited\n")}}
		},
		func() edit {
			return edit{name: "the glossary", files: map[string]string{"data/glossary.toml": replace(t, fsys, "data/glossary.toml", "\n", "\n# edited\n")}}
		},
		func() edit {
			return edit{name: "a copy of the English started as a translation: the page falls back", files: map[string]string{"content/ja/countries/sudan.md": strings.Replace(string(fsys[enSudan].Data), "weight = 5\n", "", 1)}}
		},
		func() edit {
			return edit{name: "the copy edited, still English: the status page reads it", files: map[string]string{"content/ja/countries/sudan.md": strings.Replace(strings.Replace(string(fsys[enSudan].Data), "weight = 5\n", "", 1), "Japan pledged", "Japan has pledged", 1)}}
		},
		func() edit {
			return edit{name: "the copy translated: its page shows it", files: map[string]string{"content/ja/countries/sudan.md": "+++\ntitle = \"スーダン\"\nsummary = \"包括和平合意を支援。\"\n\n[[figures]]\nlabel = \"支援表明額\"\n+++\n日本は1億ドルの支援を表明した。[カンボジア](cambodia.md#elections)、[DDR](../themes/ddr.md)参照。\n"}}
		},
		func() edit {
			return edit{name: "the translation a copy again: the page falls back", files: map[string]string{"content/ja/countries/sudan.md": strings.Replace(string(fsys[enSudan].Data), "weight = 5\n", "", 1)}}
		},
		func() edit {
			return edit{name: "the translation removed", files: map[string]string{"content/ja/countries/sudan.md": ""}}
		},
		func() edit {
			return edit{name: "the text of a translation: stale no more", files: map[string]string{jaCambodia: replace(t, fsys, jaCambodia, "誤植。", "誤植である。")}}
		},
	}
	for _, next := range edits {
		e := next()
		before := outputs(t, b)
		changed, err := b.Rebuild(apply(fsys, e))
		want, wantErr := pipeline.Build(fsys, pipeline.Options{Extra: extraPage})
		if e.wantErr != "" {
			if err == nil || wantErr == nil || !strings.Contains(err.Error(), e.wantErr) {
				t.Fatalf("%s: Rebuild error %v, full build error %v; want both to contain %q", e.name, err, wantErr, e.wantErr)
			}
			if err.Error() != wantErr.Error() {
				t.Errorf("%s: Rebuild error\n%v\nfull build error\n%v", e.name, err, wantErr)
			}
			continue
		}
		if err != nil || wantErr != nil {
			t.Fatalf("%s: Rebuild error %v, full build error %v", e.name, err, wantErr)
		}
		if !slices.Equal(b.Warnings(), want.Warnings) {
			t.Errorf("%s: warnings %q, want %q", e.name, b.Warnings(), want.Warnings)
		}
		compareFiles(t, e.name, b, fsys)
		// Every file whose bytes differ from before must be named as changed.
		after := outputs(t, b)
		for path, data := range after {
			if old, ok := before[path]; (!ok || !bytes.Equal(old, data)) && !named(changed, path) {
				t.Errorf("%s: %s changed but Rebuild did not name it", e.name, path)
			}
		}
		for path := range before {
			if _, ok := after[path]; !ok && !named(changed, path) {
				t.Errorf("%s: %s was removed but Rebuild did not name it", e.name, path)
			}
		}
	}
}

// named reports whether Rebuild's list changed names path: itself, or a folder above it
// (the search index, made when asked for).
func named(changed []string, path string) bool {
	return slices.ContainsFunc(changed, func(c string) bool {
		return c == path || strings.HasSuffix(c, "/") && strings.HasPrefix(path, c)
	})
}

// compareFiles checks that the builder's files are the full build's.
func compareFiles(t *testing.T, what string, b *Builder, fsys fstest.MapFS) {
	t.Helper()
	res, err := pipeline.Build(fsys, pipeline.Options{Extra: extraPage})
	if err != nil {
		t.Fatalf("%s: full build: %v", what, err)
	}
	got, err := b.Files()
	if err != nil {
		t.Fatalf("%s: Files: %v", what, err)
	}
	gotPaths, wantPaths := paths(got), paths(res.Files)
	if !slices.Equal(gotPaths, wantPaths) {
		extra := slices.DeleteFunc(slices.Clone(gotPaths), func(p string) bool { return slices.Contains(wantPaths, p) })
		missing := slices.DeleteFunc(slices.Clone(wantPaths), func(p string) bool { return slices.Contains(gotPaths, p) })
		t.Fatalf("%s: files differ from the full build's: extra %q, missing %q", what, extra, missing)
	}
	for i, f := range got {
		if !bytes.Equal(f.Data, res.Files[i].Data) {
			t.Errorf("%s: %s differs from the full build's:\n%s", what, f.Path, firstDiff(f.Data, res.Files[i].Data))
		}
	}
}

func outputs(t *testing.T, b *Builder) map[string][]byte {
	t.Helper()
	files, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, f := range files {
		m[f.Path] = f.Data
	}
	return m
}

func paths(files []publish.File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Path)
	}
	return out
}

// firstDiff shows where two outputs part, with some context.
func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("got:  …%q\nwant: …%q", got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
}

// TestFileMakesAnOutOfDatePageWhenAskedFor: after an edit, the pages made from the whole
// site are made one at a time, as a browser asks for them, and are the full build's.
func TestFileMakesAnOutOfDatePageWhenAskedFor(t *testing.T) {
	fsys := sitetest.FS(t, "testdata/sites/basic")
	b := New(fsys, pipeline.Options{Extra: extraPage})
	if err := b.Full(); err != nil {
		t.Fatal(err)
	}
	const name = "content/en/countries/sudan.md"
	changed, err := b.Rebuild(apply(fsys, edit{files: map[string]string{name: replace(t, fsys, name, `title = "Sudan"`, `title = "Republic of the Sudan"`)}}))
	if err != nil {
		t.Fatal(err)
	}
	res, err := pipeline.Build(fsys, pipeline.Options{Extra: extraPage})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for _, f := range res.Files {
		want[f.Path] = f.Data
	}
	for _, path := range []string{"en/countries/index.html", "ja/timeline/index.html", "extra/index.html", "sitemap.xml", "en/countries/sudan/index.html"} {
		if !slices.Contains(changed, path) {
			t.Errorf("Rebuild did not name %s, which the edit changed", path)
		}
		data, ok, err := b.File(path)
		if err != nil || !ok || !bytes.Equal(data, want[path]) {
			t.Errorf("File(%q) = %d bytes, %v, %v; want the full build's %d bytes", path, len(data), ok, err, len(want[path]))
		}
	}
	// The search index is named by its folder and made whole when one of its files is
	// asked for.
	const meta = "en/search/meta.json"
	if !named(changed, meta) {
		t.Errorf("Rebuild named neither %s nor a folder above it, and the edit changed it", meta)
	}
	if data, ok, err := b.File(meta); err != nil || !ok || !bytes.Equal(data, want[meta]) {
		t.Errorf("File(%q) = %d bytes, %v, %v; want the full build's %d bytes", meta, len(data), ok, err, len(want[meta]))
	}
	if _, ok, err := b.File("en/countries/nowhere/index.html"); ok || err != nil {
		t.Errorf("File of a page the site does not have = %v, %v; want not found", ok, err)
	}
}
