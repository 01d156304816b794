package render_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"peacebuilding/internal/check"
	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/render"
	"peacebuilding/internal/site"
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
		h, noHistory := check.NewGit(root)
		views, err := check.StatusPage(os.DirFS(root), h, noHistory)(s.Config, s.Glossary, s.Files())(s, r)
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
