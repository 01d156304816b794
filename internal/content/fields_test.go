package content

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// appendFields must give exactly strings.Join(strings.Fields(s), " "): SourceHash's
// fingerprints, stored in every translation's front matter, depend on it.
func TestAppendFieldsIsJoinOfFields(t *testing.T) {
	pieces := []string{"a", "Peace", "平和構築", " ", "  ", "\t", "\n", "\r\n", "\u3000", "\u00a0", "\u2028", "\x00", "\x1f", "\xff", "\xe3\x81", "\u0085", "\v", "x\x00"}
	rng := rand.New(rand.NewPCG(1, 2))
	cases := []string{"", " ", "a", " a ", "a  b", "\x00 \x00", "\xff"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		want := strings.Join(strings.Fields(s), " ")
		// What dst holds already is kept and not separated: SourceHash appends to a
		// reused buffer.
		if got := string(appendFields([]byte("prefix"), s)); got != "prefix"+want {
			t.Fatalf("appendFields(%q) = %q, want %q", s, got, "prefix"+want)
		}
	}
}
