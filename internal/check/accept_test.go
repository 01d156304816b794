package check

import (
	"os"
	"path/filepath"
	"peacebuilding/internal/sitetest"
	"strings"
	"testing"
)

// An acceptance with a reason accepts the findings it matches, and only those; one that
// matches nothing, or has no reason, is itself a finding that fails the check.
func TestAcceptances(t *testing.T) {
	accept := sourceHashLine(t, "content/ja/countries/liberia.md")
	for _, tc := range []struct {
		name     string
		edits    []edit
		accepted int    // findings accepted
		open     string // the message of the one open finding, "" for none
	}{
		{"a finding accepted", []edit{
			{"content/ja/countries/liberia.md", "この取組は、", "この取組は、10年に及ぶ"},
			{"content/ja/countries/liberia.md", accept, accept + "\n[[accept]]\nrule = \"figure\"\ntext = \"10年\"\nreason = \"ten years, written in the English as the conflict's length elsewhere\"\n"}},
			1, ""},
		{"another rule is not accepted", []edit{
			{"content/ja/countries/liberia.md", "この取組は、", "この取組は、10年に及ぶ"},
			{"content/ja/countries/liberia.md", accept, accept + "\n[[accept]]\nrule = \"glossary\"\ntext = \"10年\"\nreason = \"r\"\n"}},
			0, "is not in the en text"},
		{"a stale acceptance", []edit{
			{"content/ja/countries/liberia.md", accept, accept + "\n[[accept]]\nrule = \"figure\"\ntext = \"10年\"\nreason = \"r\"\n"}},
			0, "matches no finding any more"},
		{"a rule misspelt", []edit{
			{"content/ja/countries/liberia.md", "この取組は、", "この取組は、10年に及ぶ"},
			{"content/ja/countries/liberia.md", accept, accept + "\n[[accept]]\nrule = \"figures\"\ntext = \"10年\"\nreason = \"r\"\n"}},
			0, `rule "figures" is no rule of the check (did you mean "figure"?): the rules are figure, glossary, structure, untranslated (a house style finding, style <rule>, is accepted in data/style.toml instead)`},
		{"a house style rule", []edit{
			{"content/ja/countries/liberia.md", accept, accept + "\n[[accept]]\nrule = \"torikumi\"\ntext = \"取り組み\"\nreason = \"r\"\n"}},
			0, `rule "torikumi" is no rule of the check: the rules are figure, glossary, structure, untranslated (a house style finding, style <rule>, is accepted in data/style.toml instead)`},
		{"no reason", []edit{
			{"content/ja/countries/liberia.md", "この取組は、", "この取組は、10年に及ぶ"},
			{"content/ja/countries/liberia.md", accept, accept + "\n[[accept]]\nrule = \"figure\"\ntext = \"10年\"\n"}},
			0, "needs a reason"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, err := Load(plant(t, realProject(t), tc.edits))
			if err != nil {
				t.Fatal(err)
			}
			rep := Run(in)
			p := rep.Lookup("countries/liberia", "ja")
			var open []string
			for _, pr := range p.Problems {
				if pr.Accepted == "" {
					open = append(open, pr.Message)
				}
			}
			if p.Accepted() != tc.accepted {
				t.Errorf("%d accepted, want %d", p.Accepted(), tc.accepted)
			}
			switch {
			case tc.open == "" && len(open) > 0:
				t.Errorf("open findings %q, want none", open)
			case tc.open != "" && !strings.Contains(strings.Join(open, "\n"), tc.open):
				t.Errorf("open findings %q, want one with %q", open, tc.open)
			}
			if failed := rep.Failed(false); failed != (tc.open != "") {
				t.Errorf("Failed() = %v with open findings %q: %q", failed, open, rep.Why(false))
			}
		})
	}
}

// sourceHashLine returns the source_hash line of a real translation, where a test plants
// an [[accept]] after it.
func sourceHashLine(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sitetest.RepoRoot(), name))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.SplitAfter(string(data), "\n") {
		if strings.HasPrefix(l, "source_hash = ") {
			return l
		}
	}
	t.Fatalf("%s has no source_hash line", name)
	return ""
}

// An orphan's acceptances are not reported as matching nothing: its source was renamed,
// maybe, and once the translation follows (git mv) they match again. A translator told to
// delete them would lose a reviewed decision.
func TestOrphanKeepsItsAcceptances(t *testing.T) {
	accept := sourceHashLine(t, "content/ja/countries/liberia.md")
	fsys := plant(t, realProject(t), []edit{
		{"content/ja/countries/liberia.md", "この取組は、", "この取組は、10年に及ぶ"},
		{"content/ja/countries/liberia.md", accept, accept + "\n[[accept]]\nrule = \"figure\"\ntext = \"10年\"\nreason = \"ten years\"\n"}})
	// The English brief renamed.
	fsys["content/en/countries/republic-of-liberia.md"] = fsys["content/en/countries/liberia.md"]
	delete(fsys, "content/en/countries/liberia.md")
	in, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	p := Run(in).Lookup("countries/liberia", "ja")
	if p == nil || p.State != Orphan {
		t.Fatalf("countries/liberia in ja: %+v, want an orphan", p)
	}
	for _, pr := range p.Problems {
		if pr.Check == "accept" {
			t.Errorf("the orphan's acceptance is reported: %s", pr.Message)
		}
	}
}
