package check

import (
	"strings"
	"testing"
)

// An acceptance with a reason accepts the findings it matches, and only those; one that
// matches nothing, or has no reason, is itself a finding that fails the check.
func TestAcceptances(t *testing.T) {
	const accept = "source_hash = \"e2cfa11b754c8e6c\"\n"
	for _, tc := range []struct {
		name     string
		edits    []edit
		accepted int    // findings accepted
		open     string // the message of the one open finding, "" for none
	}{
		{"a finding accepted", []edit{
			{"content/ja/countries/liberia.md", "この取り組みは、", "この取り組みは、10年に及ぶ"},
			{"content/ja/countries/liberia.md", accept, accept + "\n[[accept]]\nrule = \"figure\"\ntext = \"10年\"\nreason = \"ten years, written in the English as the conflict's length elsewhere\"\n"}},
			1, ""},
		{"another rule is not accepted", []edit{
			{"content/ja/countries/liberia.md", "この取り組みは、", "この取り組みは、10年に及ぶ"},
			{"content/ja/countries/liberia.md", accept, accept + "\n[[accept]]\nrule = \"glossary\"\ntext = \"10年\"\nreason = \"r\"\n"}},
			0, "is not in the en text"},
		{"a stale acceptance", []edit{
			{"content/ja/countries/liberia.md", accept, accept + "\n[[accept]]\nrule = \"figure\"\ntext = \"10年\"\nreason = \"r\"\n"}},
			0, "matches no finding any more"},
		{"no reason", []edit{
			{"content/ja/countries/liberia.md", "この取り組みは、", "この取り組みは、10年に及ぶ"},
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
				t.Errorf("Failed() = %v with open findings %q", failed, open)
			}
		})
	}
}
