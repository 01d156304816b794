package site

import (
	"os"
	"strings"
	"testing"

	"peacebuilding/internal/glossary"
	"peacebuilding/internal/synth"
)

// TestPackedHTMLGivesBackItsHTML packs bodies of every size the site has, the edges of
// LZ4's block format (runs of new bytes and repeats of 15 bytes and more, repeats that
// overlap what they make, repeats farther back than a sequence can reach) and bodies kept
// as they are (too short to shrink), and unpacks them.
func TestPackedHTMLGivesBackItsHTML(t *testing.T) {
	for _, html := range []string{
		"",
		"<p>a</p>",
		"abcdefghijklmnopqrstuvwxyz", // new bytes only, more than 15
		"abcdabcd",                   // the shortest repeat
		"abcd" + strings.Repeat("x", 100) + "abcd", // a repeat after a run
		strings.Repeat("a", 1000),                  // a repeat that overlaps itself
		"<p>" + strings.Repeat("ab", 500) + "</p>", // overlapping, 2 back
		"<h2 id=\"背景\">背景</h2>\n<p>" + strings.Repeat("日本は平和構築を支援した。", 500) + "</p>",
		strings.Repeat("<li><a href=\"../themes/ddr/#x\">DDR</a></li>\n", 3000),
		// a repeat farther back than a sequence can reach: 70,000 is more than 64 KB
		"<p id=\"x\">" + strings.Repeat(" ", 70_000) + "<p id=\"x\">",
	} {
		p := pack([]byte(html))
		if got := string(p.html()); got != html {
			t.Errorf("pack(%d bytes).html() gave %d bytes, not the same", len(html), len(got))
		}
		if strings.Contains(html, "<li>") && len(p) > len(html)/10 {
			t.Errorf("pack(%d bytes of repetitive HTML) kept %d bytes: not compressed", len(html), len(p))
		}
	}
}

// FuzzPackedHTML checks that any bytes come back from pack as they went in.
func FuzzPackedHTML(f *testing.F) {
	f.Add([]byte("<p>Japan's <em>assistance</em>, <em>assistance</em> and assistance.</p>"))
	f.Add([]byte(strings.Repeat("ab", 40)))
	f.Fuzz(func(t *testing.T, html []byte) {
		if got := pack(html).html(); string(got) != string(html) {
			t.Errorf("pack(%q).html() = %q", html, got)
		}
	})
}

// BenchmarkPackedHTML measures the price of keeping bodies compressed, on the bodies of a
// synthetic site of 1,000 countries per language: pack is paid once per page when the
// model is built, html at each read (a page, its booklet part, the glossary, the search
// index).
func BenchmarkPackedHTML(b *testing.B) {
	fsys, err := synth.FS(1000, os.DirFS("../.."))
	if err != nil {
		b.Fatal(err)
	}
	cfg, files := loadFiles(b, fsys)
	s, err := Build(cfg, files, &glossary.Glossary{})
	if err != nil {
		b.Fatal(err)
	}
	var bodies [][]byte
	size, packed := 0, 0
	for _, p := range s.Pages {
		bodies = append(bodies, []byte(p.Body()))
		size, packed = size+len(bodies[len(bodies)-1]), packed+len(p.body.packedBytes())
	}
	b.Logf("%d bodies: %d bytes of HTML, %d packed", len(bodies), size, packed)
	b.Run("pack", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, h := range bodies {
				pack(h)
			}
		}
	})
	b.Run("html", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, p := range s.Pages {
				p.Body()
			}
		}
	})
}
