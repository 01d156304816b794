package render_test

import (
	"bytes"
	"io/fs"
	"os"
	"testing"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/render"
	"peacebuilding/internal/site"
	"peacebuilding/internal/sitetest"
)

// buildSite makes the site model of the project in fsys.
func buildSite(t *testing.T, fsys fs.FS) *site.Site {
	t.Helper()
	cfg, err := config.Load(fsys, "config.toml")
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := content.Load(fsys, cfg.LanguageCodes())
	if err != nil {
		t.Fatal(err)
	}
	gl, err := glossary.Load(fsys, "data/glossary.toml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := site.Build(cfg, files, gl)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func newRenderer(t *testing.T, fsys fs.FS, cfg *config.Config) *render.Renderer {
	t.Helper()
	sub := func(dir string) fs.FS { f, _ := fs.Sub(fsys, dir); return f }
	_, names, err := publish.Assets(sub("assets"), publish.NewMinifier())
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(sub("layouts"), sub("i18n"), cfg.LanguageCodes(), names)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// plan lists the jobs of every page of s, as the pipeline renders them.
func plan(r *render.Renderer, s *site.Site) []render.Job {
	var jobs []render.Job
	for _, p := range s.Pages {
		jobs = append(jobs, r.PageJob(s, p))
	}
	return append(jobs, r.SiteJobs(s)...)
}

// The shared partials (header, navigation, footer) are executed once per language and
// folder and copied onto the other pages: every page must come out exactly as if it were
// the only page its renderer ever rendered. The real site has the case that must not be
// copied (the about page's footer links to itself). Rendering the fixture site first with
// the same renderer, as the preview server does across rebuilds, checks that copies made
// for one site (which has no about, sources or future page) are not used for another.
func TestSharedPartialsRenderAsIfAlone(t *testing.T) {
	sites := []fs.FS{sitetest.FS(t, "testdata/sites/basic"), os.DirFS(sitetest.RepoRoot())}
	var shared *render.Renderer
	for _, fsys := range sites {
		s := buildSite(t, fsys)
		if shared == nil {
			shared = newRenderer(t, fsys, s.Config)
		}
		made := newRenderer(t, fsys, s.Config) // never renders: each page gets a fresh copy
		for i, j := range plan(shared, s) {
			var got, want bytes.Buffer
			if err := shared.Execute(&got, j); err != nil {
				t.Fatal(err)
			}
			alone := made.Fresh()
			if err := alone.Execute(&want, plan(alone, s)[i]); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%s: rendered with shared partials, differs from rendered alone:\n%s\nwant\n%s", j.Path(), got.String(), want.String())
			}
		}
	}
}
