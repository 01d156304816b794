package render_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"peacebuilding/internal/check"
	"peacebuilding/internal/content"
	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/render"
	"peacebuilding/internal/site"
	"peacebuilding/internal/sitetest"
	"peacebuilding/internal/synth"
)

// The layouts are executed by internal/tmplexec unless PEACEBUILDING_TEMPLATES=stdlib
// says html/template: these tests render every page of a site with each and require the
// same bytes (before minification).

func TestExecutorsAgreeOnTheSite(t *testing.T) {
	compareExecutors(t, os.DirFS("../.."), statusJobs(t))
}

// statusJobs adds the translation status page (build -status), from the project's git
// history.
func statusJobs(t *testing.T) func(s *site.Site, r *render.Renderer) []render.Job {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return func(s *site.Site, r *render.Renderer) []render.Job {
		// The files as the build reads them before the model: the one-off build that made
		// s has let their text go.
		files, _, err := content.Load(os.DirFS(root), s.Config.LanguageCodes())
		if err != nil {
			t.Fatal(err)
		}
		h, noHistory := check.NewGit(root)
		views, err := check.StatusPage(os.DirFS(root), h, noHistory)(s.Config, s.Glossary, files)(s, r)
		if err != nil {
			t.Fatal(err)
		}
		var jobs []render.Job
		for _, v := range views {
			jobs = append(jobs, render.Job{Layout: v.Layout, View: v})
		}
		return jobs
	}
}

func TestExecutorsAgreeOnASyntheticSite(t *testing.T) {
	fsys, err := synth.FS(150, os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	compareExecutors(t, fsys, nil)
}

func compareExecutors(t *testing.T, fsys fs.FS, extra func(*site.Site, *render.Renderer) []render.Job) {
	jobsWith := func(executor string) (*render.Renderer, []render.Job) {
		t.Setenv(render.TemplatesEnv, executor)
		r, jobs, err := pipeline.Jobs(fsys)
		if err != nil {
			t.Fatal(err)
		}
		if extra != nil {
			jobs = append(jobs, extra(jobs[0].View.Site, r)...)
		}
		return r, jobs
	}
	rs, stdJobs := jobsWith("stdlib")
	rx, xJobs := jobsWith("tmplexec")
	if len(stdJobs) != len(xJobs) {
		t.Fatalf("%d jobs with html/template, %d with tmplexec", len(stdJobs), len(xJobs))
	}
	layouts := map[string]bool{}
	var want, got bytes.Buffer
	for i, sj := range stdJobs {
		xj := xJobs[i]
		if sj.Path() != xj.Path() {
			t.Fatalf("job %d: %s with html/template, %s with tmplexec", i, sj.Path(), xj.Path())
		}
		want.Reset()
		got.Reset()
		errS, errX := rs.Execute(&want, sj), rx.Execute(&got, xj)
		if errS != nil || errX != nil {
			t.Fatalf("%s: html/template: %v; tmplexec: %v", sj.Path(), errS, errX)
		}
		if d := firstDifference(want.Bytes(), got.Bytes()); d >= 0 {
			t.Errorf("%s (layouts/%s.html): differs at byte %d:\nhtml/template: %q\ntmplexec:      %q",
				sj.Path(), sj.Layout, d, around(want.Bytes(), d), around(got.Bytes(), d))
		}
		layouts[sj.Layout] = true
	}
	t.Logf("%d pages, %d layouts, the same with both executors", len(stdJobs), len(layouts))
}

// firstDifference is the offset of the first byte where a and b differ, or -1.
func firstDifference(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	return -1
}

func around(b []byte, i int) []byte {
	return b[max(0, i-60):min(len(b), i+60)]
}

func TestUnknownExecutorIsAnError(t *testing.T) {
	t.Setenv(render.TemplatesEnv, "text/template")
	_, err := render.New(os.DirFS("../../layouts"), os.DirFS("../../i18n"), []string{"en", "ja"}, nil)
	if err == nil || !strings.Contains(err.Error(), "tmplexec, stdlib") {
		t.Fatalf("New with %s=text/template: %v, want an error naming the executors", render.TemplatesEnv, err)
	}
}

// A layout that uses what internal/tmplexec does not run (a srcset attribute's escaper, the
// builtin slice) builds: html/template executes that set, with the same output, and the
// renderer says which and where, once for all languages. A designer's trial had the build
// fail on a srcset attribute, at line 1:0.
func TestUnsupportedLayoutsRunOnHTMLTemplate(t *testing.T) {
	fsys := sitetest.Copy(t, "config.toml", "content", "data", "layouts", "i18n", "assets")
	edit := func(name, old, new string) {
		t.Helper()
		text := string(fsys[name].Data)
		if !strings.Contains(text, old) {
			t.Fatalf("%s has no %q", name, old)
		}
		fsys[name].Data = []byte(strings.Replace(text, old, new, 1))
	}
	edit("layouts/country.html", "{{define \"main\"}}\n", "{{define \"main\"}}\n<img alt=\"\" srcset=\"{{.Asset \"favicon.svg\"}} 1x\">\n")
	edit("layouts/partials.html", `<footer class="site-footer">`, `<footer class="site-footer" data-first="{{slice "ab" 0 1}}">`)
	compareExecutors(t, fsys, nil)
	t.Setenv(render.TemplatesEnv, "tmplexec")
	r, _, err := pipeline.Jobs(fsys)
	if err != nil {
		t.Fatal(err)
	}
	footer := 1 + strings.Count(string(fsys["layouts/partials.html"].Data[:bytes.Index(fsys["layouts/partials.html"].Data, []byte(`<footer class="site-footer"`))]), "\n")
	want := []string{fmt.Sprintf(`layouts/partials.html:%d:42: function slice is not supported by the layouts' executor: html/template executes layouts/partials.html instead`, footer),
		`layouts/country.html:2:22: {{.Asset "favicon.svg"}} in a srcset attribute is not supported by the layouts' executor: html/template executes layouts/country.html instead`}
	if len(r.Slower) != len(want) {
		t.Fatalf("the renderer says html/template executes %q, want %d sets", r.Slower, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(r.Slower[i], w) || !strings.HasSuffix(r.Slower[i], "instead, with the same output, more slowly") {
			t.Errorf("the renderer says %q, want %q…", r.Slower[i], w)
		}
	}
}

// An error of html/template's reading of a layout's HTML, which names the set and no line,
// is given at the file and line of the text it quotes: a stray quotation mark in
// country.html was reported at base.html, with no line (a designer's trial).
func TestHTMLErrorAtItsLayoutLine(t *testing.T) {
	fsys := sitetest.Copy(t, "layouts", "i18n")
	const name = "layouts/country.html"
	text := string(fsys[name].Data)
	at := strings.Index(text, `<section class="related"`)
	if at < 0 {
		t.Fatalf("%s has no related section", name)
	}
	fsys[name].Data = []byte(text[:at] + "<p class=\"note>x</p>\n" + text[at:])
	line := 2 + strings.Count(text[:at], "\n") // the section's line, after the new one
	layouts, _ := fs.Sub(fsys, "layouts")
	i18n, _ := fs.Sub(fsys, "i18n")
	t.Setenv(render.TemplatesEnv, "tmplexec")
	_, err := render.New(layouts, i18n, []string{"en", "ja"}, nil)
	want := fmt.Sprintf(`layouts/country.html:%d: "\"" in attribute name: "related\" aria-labelledby=`, line)
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("New = %v, want an error starting %q", err, want)
	}
}

// A file of layouts/ that is not a page layout is parsed with every page layout, as
// partials.html is: a designer's new file of partials was ignored ("no such template").
func TestNewLayoutFileIsShared(t *testing.T) {
	fsys := sitetest.Copy(t, "config.toml", "content", "data", "layouts", "i18n", "assets")
	fsys["layouts/notes.html"] = &fstest.MapFile{Data: []byte(`{{define "region-note"}}<p class="region-note">{{.Page.Title}}</p>{{end}}`)}
	const name = "layouts/country.html"
	fsys[name].Data = []byte(strings.Replace(string(fsys[name].Data), "{{define \"main\"}}\n", "{{define \"main\"}}\n{{template \"region-note\" .}}\n", 1))
	compareExecutors(t, fsys, nil)
	r, jobs, err := pipeline.Jobs(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		if j.Path() != "en/countries/iraq/index.html" {
			continue
		}
		var b bytes.Buffer
		if err := r.Execute(&b, j); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), `<p class="region-note">Iraq</p>`) {
			t.Errorf("the Iraq brief does not show the partial of layouts/notes.html")
		}
		return
	}
	t.Fatal("no job renders the Iraq brief")
}

// A name defined in two shared files, or "main" in a file of partials, is an error naming
// both places: html/template keeps the last definition without a word, and a review found
// a backup copy of partials.html (read after it) replacing every partial edited since.
func TestSharedLayoutsDefineEachNameOnce(t *testing.T) {
	fsys := sitetest.Copy(t, "layouts", "i18n")
	// The first template partials.html defines, and its line.
	partials := string(fsys["layouts/partials.html"].Data)
	at := strings.Index(partials, `{{define "`)
	first, _, _ := strings.Cut(partials[at+len(`{{define "`):], `"`)
	line := 1 + strings.Count(partials[:at], "\n")
	for _, c := range []struct{ copyOf, as, want string }{
		{"layouts/partials.html", "layouts/partials-old.html", fmt.Sprintf(`layouts/partials-old.html:%d: template %q is also defined at layouts/partials.html:%d, and the later file's would replace it`, line, first, line)},
		{"layouts/country.html", "layouts/country-old.html", `layouts/country-old.html:1: template "main" is each page layout's own`},
	} {
		fsys := sitetest.Copy(t, "layouts", "i18n")
		fsys[c.as] = &fstest.MapFile{Data: fsys[c.copyOf].Data}
		layouts, _ := fs.Sub(fsys, "layouts")
		i18n, _ := fs.Sub(fsys, "i18n")
		_, err := render.New(layouts, i18n, []string{"en", "ja"}, nil)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s kept as %s: New = %v, want an error starting %q", c.copyOf, c.as, err, c.want)
		}
	}
}
