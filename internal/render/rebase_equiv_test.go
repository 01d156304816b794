package render

import (
	"math/rand/v2"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// attrRe is the pattern of the attributes that rebase rewrites (see nextAttr).
var attrRe = regexp.MustCompile(` (href|id)="([^"]*)"`)

// rebaseByReplace is rebase as first written, with a regular expression, ReplaceAllStringFunc
// and a second match per attribute: the reference that the one-pass scan must match.
func rebaseByReplace(html, from, to, prefix string) string {
	base := &url.URL{Path: "/" + from}
	return attrRe.ReplaceAllStringFunc(html, func(m string) string {
		sub := attrRe.FindStringSubmatch(m)
		return rebaseAttr(m, sub[1], sub[2], base, to, prefix)
	})
}

// TestRebaseMatchesReplaceAll compares rebase with rebaseByReplace on random
// concatenations of attribute-like and plain pieces.
func TestRebaseMatchesReplaceAll(t *testing.T) {
	pieces := []string{
		` href="../sudan/#x"`, ` id="elections"`, ` href="#a"`, ` href="./"`, ` href="https://e.org/?a=1&amp;b=2"`,
		` href=""`, ` id=""`, ` href="`, `"`, ` `, `href="x"`, `<a`, `>text</a>`, `<p>`, ` id="é"`, ` href="../../themes/ddr/"`,
		`="`, ` id`, ` href`, `=`, `""`, `x`,
	}
	r := rand.New(rand.NewPCG(1, 2))
	const from, to, prefix = "en/countries/cambodia/", "en/print/", "countries-cambodia--"
	for n := range 20000 {
		var b strings.Builder
		for range 1 + n%12 {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		in := b.String()
		if got, want := rebase(in, from, to, prefix), rebaseByReplace(in, from, to, prefix); got != want {
			t.Fatalf("rebase(%q) = %q, ReplaceAllStringFunc gives %q", in, got, want)
		}
	}
}
