package check

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

type occurrence struct{ pattern, start int }

// naiveMatches finds what matcher.matches should: every occurrence of every pattern in
// text read through fold, by trying each pattern at each offset, ordered as the matcher
// orders them (by end, then the longer first).
func naiveMatches(patterns []string, fold func(byte) byte, text string) []occurrence {
	folded := []byte(text)
	if fold != nil {
		for i := range folded {
			folded[i] = fold(folded[i])
		}
	}
	var out []occurrence
	for start := range folded {
		for p, pat := range patterns {
			if strings.HasPrefix(string(folded[start:]), pat) {
				out = append(out, occurrence{p, start})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b occurrence) int {
		ea, eb := a.start+len(patterns[a.pattern]), b.start+len(patterns[b.pattern])
		if ea != eb {
			return ea - eb
		}
		return len(patterns[b.pattern]) - len(patterns[a.pattern])
	})
	return out
}

func collect(m *matcher, text string) []occurrence {
	var out []occurrence
	for p, start := range m.matches(text) {
		out = append(out, occurrence{p, start})
	}
	return out
}

func TestMatcher(t *testing.T) {
	tests := []struct {
		name     string
		patterns []string
		fold     func(byte) byte
		text     string
		want     []occurrence
	}{
		{"none", []string{"abc"}, nil, "ab abd", nil},
		{"overlapping occurrences of one pattern", []string{"aa"}, nil, "aaaa", []occurrence{{0, 0}, {0, 1}, {0, 2}}},
		{"a pattern inside another", []string{"he", "she", "his", "hers"}, nil, "ushers",
			[]occurrence{{1, 1}, {0, 2}, {3, 2}}},
		{"suffix found through a failure link", []string{"abcd", "bc"}, nil, "abce", []occurrence{{1, 1}}},
		{"case and white space folded", []string{"human security"}, lowerSpace, "Human\nSECURITY, human\tsecurity",
			[]occurrence{{0, 0}, {0, 16}}},
		{"an upper case pattern never matches folded text", []string{"PKO", "pko"}, lowerSpace, "PKO", []occurrence{{1, 0}}},
		{"a byte no pattern has restarts", []string{"ab"}, nil, "a\xffab", []occurrence{{0, 2}}},
		{"multibyte", []string{"平和", "平和の定着", "定着"}, nil, "平和の定着と平和",
			[]occurrence{{0, 0}, {1, 0}, {2, 9}, {0, 18}}},
		{"no patterns", nil, nil, "text", nil},
		{"stop early", []string{"a"}, nil, "aaa", []occurrence{{0, 0}}},
	}
	for _, tt := range tests {
		m := newMatcher(tt.patterns, tt.fold)
		var got []occurrence
		for p, start := range m.matches(tt.text) {
			got = append(got, occurrence{p, start})
			if tt.name == "stop early" {
				break
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: matches(%q) = %v, want %v", tt.name, tt.text, got, tt.want)
		}
		if tt.name != "stop early" {
			if naive := naiveMatches(tt.patterns, tt.fold, tt.text); !slices.Equal(got, naive) {
				t.Errorf("%s: matches(%q) = %v, the naive search finds %v", tt.name, tt.text, got, naive)
			}
		}
	}
}

// TestMatcherAgreesWithNaiveSearch builds random sets of patterns over a small alphabet,
// so that they overlap and contain one another, and compares the matcher with the naive
// search on random texts.
func TestMatcherAgreesWithNaiveSearch(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", "A", "B", " ", "\n", "s", "é", "平"}
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	for range 500 {
		seen := map[string]bool{}
		var patterns []string
		for range 1 + r.IntN(8) {
			if p := word(1 + r.IntN(4)); !seen[p] {
				seen[p] = true
				patterns = append(patterns, p)
			}
		}
		for _, fold := range []func(byte) byte{nil, lowerSpace} {
			m := newMatcher(patterns, fold)
			for range 5 {
				text := word(r.IntN(40))
				if got, want := collect(m, text), naiveMatches(patterns, fold, text); !slices.Equal(got, want) {
					t.Fatalf("patterns %q, text %q: matcher finds %v, the naive search %v", patterns, text, got, want)
				}
			}
		}
	}
}
