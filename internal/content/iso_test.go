package content

import (
	"slices"
	"strings"
	"testing"
)

// iso takes one code as a string or several as a list; anything else is an error at its
// line, and a file without the key has nil codes.
func TestISOCodesStringOrList(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		want       []string
		err        string
	}{
		{"absent", "", nil, ""},
		{"one", `iso = "KHM"`, []string{"KHM"}, ""},
		{"list", `iso = ["SDN", "SSD"]`, []string{"SDN", "SSD"}, ""},
		{"empty list", `iso = []`, []string{}, ""},
		{"number", `iso = 5`, nil, `x.md:4:7: front matter: iso: must be a code such as "KHM" or a list of codes, not a number`},
		{"list of numbers", `iso = [1]`, nil, `x.md:4:8: front matter: iso: must be a code such as "KHM" or a list of codes, not a list holding a number`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &File{Name: "x.md"}
			err := Parse(f, []byte("+++\ntitle = \"T\"\nsummary = \"S\"\n"+tc.line+"\n+++\nBody.\n"))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Parse with %s: error %v, want %q", tc.line, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse with %s: %v", tc.line, err)
			}
			got := f.Front.ISO
			if (got == nil) != (tc.want == nil) || !slices.Equal(got, tc.want) {
				t.Errorf("Parse with %s: ISO = %#v, want %#v", tc.line, got, tc.want)
			}
		})
	}
}
