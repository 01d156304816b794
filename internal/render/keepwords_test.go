package render

import (
	"strings"
	"testing"
)

// A name of the site written in Latin letters (a brief shown under its English name) is
// kept only as a word of its own: not "Towa" inside "Towards".
func TestKeepRunsKeepsLatinNamesAsWords(t *testing.T) {
	k := &keepers{names: map[string]bool{"Towa": true}, lens: map[rune][]int{'T': {4}}}
	for _, tc := range []struct {
		text string
		kept []string
	}{
		{"『Peacebuilding: Towards Consolidation』", nil},
		{"Towaへの支援とTowa、Towaland", []string{"Towa", "Towa"}},
	} {
		var kept []string
		for _, r := range keepRuns(tc.text, k, false) {
			if r.Keep && strings.HasPrefix(r.Text, "Towa") {
				kept = append(kept, r.Text)
			}
		}
		if strings.Join(kept, "|") != strings.Join(tc.kept, "|") {
			t.Errorf("keepRuns(%q) keeps %q, want %q", tc.text, kept, tc.kept)
		}
	}
}
