package check

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"peacebuilding/internal/sitetest"
)

// TestPlain lists each input above what plain makes of it, ~ standing for a byte blanked.
func TestPlain(t *testing.T) {
	tests := []struct{ in, want string }{
		{"no markup",
			"no markup"},
		{"[a](b/c.md#d) and [e](f)",
			"[a]~~~~~~~~~~ and [e]~~~"},
		{"[a](b\nc) text",
			"[a](b\nc) text"},
		{"[a](b](c)",
			"[a]~~~~~~"},
		{"## Title {#id}\n",
			"## Title ~~~~~\n"},
		{"{#a\n}",
			"{#a\n}"},
		{"see https://example.org/x.",
			"see ~~~~~~~~~~~~~~~~~~~~~~"},
		{"see HTTP://Example.org/X and httpſ://x y", // ſ is two bytes
			"see ~~~~~~~~~~~~~~~~~~~~ and ~~~~~~~~~~ y"},
		{"https:// http:x https:/x",
			"https:// http:x https:/x"},
		{"(https://x.org/a)b <http://y>\"",
			"(~~~~~~~~~~~~~~~)b <~~~~~~~~>\""},
		{"u https://a\vb\fc", // \v is no white space to \s
			"u ~~~~~~~~~~~\fc"},
		{"[r]: https://x.org/ODA", // the URL goes first, and leaves the reference no destination
			"[r]: ~~~~~~~~~~~~~~~~~"},
		{"[r]: /path/to\n   [s]:\tdest more\n    [t]: no\n[^f]: note\n[]: x\n[u]:\n",
			"~~~~~~~~~~~~~\n~~~~~~~~~~~~ more\n    [t]: no\n[^f]: note\n[]: x\n[u]:\n"},
		{"[a]: x [b]: y\n",
			"~~~~~~ [b]: y\n"},
		{"[日本](目的地) {#見出し} https://例.jp/ab",
			"[日本]" + strings.Repeat("~", len("(目的地) {#見出し} https://例.jp/ab"))},
	}
	for _, tt := range tests {
		want := strings.ReplaceAll(tt.want, "~", " ")
		if got := plain(tt.in); got != want {
			t.Errorf("plain(%q)\n got %q\nwant %q", tt.in, got, want)
		}
		if ref := refPlain(tt.in); ref != want {
			t.Errorf("refPlain(%q)\n got %q\nwant %q (the test is wrong)", tt.in, ref, want)
		}
	}
}

// TestPlainIsLineByLine checks what sections rely on: the plain text of a run of whole
// lines is that run of the plain text.
func TestPlainIsLineByLine(t *testing.T) {
	lines := []string{"text", "[a](b)", "[a](b", "c) {#d}", "https://x.org/ab", "[r]: /x", "  [s]: y z", "{#e", "}", ""}
	r := rand.New(rand.NewPCG(15, 16))
	for range 20000 {
		var b strings.Builder
		var starts []int
		for range 1 + r.IntN(8) {
			starts = append(starts, b.Len())
			b.WriteString(lines[r.IntN(len(lines))] + lines[r.IntN(len(lines))] + "\n")
		}
		body := b.String()
		whole := plain(body)
		from := starts[r.IntN(len(starts))]
		to := starts[r.IntN(len(starts))]
		if to < from {
			from, to = to, from
		}
		if r.IntN(3) == 0 {
			to = len(body)
		}
		if got, want := whole[from:to], plain(body[from:to]); got != want {
			t.Fatalf("plain(%q)[%d:%d] = %q, plain of the lines is %q", body, from, to, got, want)
		}
	}
}

// TestPlainAgreesWithReference compares plain with the regular expressions it replaced
// on random texts made of pieces of Markdown, and on every content file of the site.
func TestPlainAgreesWithReference(t *testing.T) {
	pieces := []string{"[", "]", "(", ")", "{", "}", "#", "^", ":", "/", "//", "://", "http", "https", "HTTPS", "ſ",
		"s", " ", "   ", "\t", "\n", "\v", "\f", "\r", "<", ">", "\"", "）", "a", "日本", "](", "{#", "]:", "\n[", "x.org"}
	r := rand.New(rand.NewPCG(7, 8))
	for range 200000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		in := b.String()
		if got, want := plain(in), refPlain(in); got != want {
			t.Fatalf("plain(%q)\n got %q\nwant %q", in, got, want)
		}
	}
	files, err := os.ReadDir(sitetest.RepoRoot() + "/content/en/countries")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		for _, lang := range []string{"en", "ja"} {
			data, err := os.ReadFile(sitetest.RepoRoot() + "/content/" + lang + "/countries/" + f.Name())
			if err != nil {
				continue
			}
			if got, want := plain(string(data)), refPlain(string(data)); got != want {
				t.Errorf("plain differs from the reference on %s", f.Name())
			}
		}
	}
}
