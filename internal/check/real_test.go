package check

import (
	"os"
	"testing"

	"peacebuilding/internal/sitetest"
)

// TestRealContentHasNoMismatches runs the check over the site's own content: every
// mismatch it reports there must be fixed in the content (or, if it is a false alarm,
// in the check, or accepted with a reason in the translation), so that make check stays
// quiet.
func TestRealContentHasNoMismatches(t *testing.T) {
	in, err := Load(os.DirFS(sitetest.RepoRoot()))
	if err != nil {
		t.Fatal(err)
	}
	rep := Run(in)
	for _, p := range rep.Pairs {
		if p.State == Orphan {
			t.Errorf("%s: orphan translation", p.Translation.File)
		}
		for _, pr := range p.Problems {
			if pr.Accepted != "" {
				t.Logf("accepted: %s: %s, %s: %s (reason: %s)", pr.Check, p.Key, pr.Where, pr.Message, pr.Accepted)
				continue
			}
			t.Errorf("%s: %s, %s: %s\n    %s\n    %s", pr.Check, p.Key, pr.Where, pr.Message, pr.Source, pr.Translation)
		}
	}
}

// BenchmarkRealContent measures the check of the site's content, without git: reading
// every file and the glossary, and comparing every pair.
func BenchmarkRealContent(b *testing.B) {
	fsys := os.DirFS(sitetest.RepoRoot())
	for b.Loop() {
		in, err := Load(fsys)
		if err != nil {
			b.Fatal(err)
		}
		Run(in)
	}
}
