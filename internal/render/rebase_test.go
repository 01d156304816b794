package render

import "testing"

func TestRebaseKeepsLinksWorkingAtAnotherURL(t *testing.T) {
	const from, to, prefix = "en/countries/cambodia/", "en/print/", "countries-cambodia--"
	tests := []struct {
		name, in, want string
	}{
		{"cross-link to a theme", `<a href="../../themes/ddr/">DDR</a>`, `<a href="../themes/ddr/">DDR</a>`},
		{"cross-link with fragment", `<a href="../sudan/#%E9%81%B8%E6%8C%99">x</a>`, `<a href="../countries/sudan/#%E9%81%B8%E6%8C%99">x</a>`},
		{"same section", `<a href="../sudan/">Sudan</a>`, `<a href="../countries/sudan/">Sudan</a>`},
		{"fragment of the page itself", `<a href="#elections">x</a>`, `<a href="#countries-cambodia--elections">x</a>`},
		{"the page itself with fragment", `<a href="./#elections">x</a>`, `<a href="#countries-cambodia--elections">x</a>`},
		{"the page itself", `<a href="./">x</a>`, `<a href="../countries/cambodia/">x</a>`},
		{"heading id", `<h2 id="elections">Elections</h2>`, `<h2 id="countries-cambodia--elections">Elections</h2>`},
		{"external link stays", `<a href="https://www.mofa.go.jp/?a=1&amp;b=2" class="ext">MOFA</a>`, `<a href="https://www.mofa.go.jp/?a=1&amp;b=2" class="ext">MOFA</a>`},
		{"mailto stays", `<a href="mailto:x@example.org" class="ext">x</a>`, `<a href="mailto:x@example.org" class="ext">x</a>`},
		{"text that looks like an attribute stays", `<p>write href=&quot;x&quot;</p>`, `<p>write href=&quot;x&quot;</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rebase(tt.in, from, to, prefix); got != tt.want {
				t.Errorf("rebase(%q, %q, %q, %q) =\n%s\nwant\n%s", tt.in, from, to, prefix, got, tt.want)
			}
		})
	}
}
