package markdown

import "testing"

// A literal id is one the heading would show: not one in code, which shows what is typed.
func TestLiteralID(t *testing.T) {
	for _, tc := range []struct{ title, want string }{
		{"小型武器の回収 ｛#small-arms｝", "｛#small-arms｝"},
		{"Elections {#elections} and more", "{#elections}"},
		{"Write `{#id}` after a heading", ""},
		{"Write ``{#id}`` and `x` then {#real}", "{#real}"},
		{"An open ` backtick {#x}", "{#x}"},
	} {
		got, ok := LiteralID(tc.title)
		if ok != (tc.want != "") || got != tc.want {
			t.Errorf("LiteralID(%q) = %q, %v; want %q", tc.title, got, ok, tc.want)
		}
	}
}
