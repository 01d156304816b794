package check

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
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

// With Quiet, the JSON report lists what needs work, as the text does: the pairs that are
// not ok, without their accepted findings; its totals still count every page.
func TestQuietJSONListsWhatNeedsWork(t *testing.T) {
	// The ODA brief has accepted findings: listed with a finding of its own, it keeps only that.
	fsys := plant(t, realProject(t), []edit{{"content/ja/themes/oda.md", "[人間の安全保障](human-security.md)", "[人間の安全保障]（human-security.md）"}})
	in, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	rep := Run(in)
	type report struct {
		Pairs []struct {
			Key      string
			Problems []struct{ Message, Accepted string }
		}
		Style  []struct{ Accepted string }
		Totals map[string]json.RawMessage
	}
	decode := func(quiet bool) report {
		rep.Quiet = quiet
		var buf bytes.Buffer
		if err := rep.WriteJSON(&buf); err != nil {
			t.Fatal(err)
		}
		var r report
		if err := json.Unmarshal(buf.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	all, quiet := decode(false), decode(true)
	accepted := 0
	for _, p := range all.Pairs {
		for _, pr := range p.Problems {
			if pr.Accepted != "" {
				accepted++
			}
		}
	}
	if len(all.Pairs) < 10 || accepted == 0 {
		t.Fatalf("the full report has %d pairs and %d accepted findings: nothing for -q to leave out", len(all.Pairs), accepted)
	}
	if len(quiet.Pairs) != 1 || quiet.Pairs[0].Key != "themes/oda" || len(quiet.Pairs[0].Problems) != 1 {
		t.Errorf("-q -json lists %+v, want the one pair that needs work (themes/oda) with its one open finding", quiet.Pairs)
	}
	for _, p := range quiet.Pairs {
		for _, pr := range p.Problems {
			if pr.Accepted != "" {
				t.Errorf("-q -json lists an accepted finding of %s: %s", p.Key, pr.Message)
			}
		}
	}
	for _, f := range quiet.Style {
		if f.Accepted != "" {
			t.Errorf("-q -json lists an accepted style finding")
		}
	}
	if !reflect.DeepEqual(all.Totals, quiet.Totals) {
		t.Errorf("-q changed the totals:\n%s\nwant\n%s", quiet.Totals, all.Totals)
	}
}
