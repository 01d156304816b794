// In package markdown_test: content, which it splits the files with, reads numbers, which
// imports markdown.
package markdown_test

import (
	"strings"
	"testing"

	"peacebuilding/internal/content"
	"peacebuilding/internal/markdown"
	"peacebuilding/internal/synth"
)

// linkResolver resolves every link to a page URL, as the site's resolver does for links
// that exist.
type linkResolver struct{}

func (linkResolver) Resolve(dest string) (markdown.Target, error) {
	if strings.HasPrefix(dest, "https://") {
		return markdown.Target{URL: dest, External: true}, nil
	}
	page, frag, _ := strings.Cut(strings.TrimSuffix(dest, ".md"), "#")
	return markdown.Target{URL: "../" + page + "/", Page: page, Fragment: frag}, nil
}

// BenchmarkConvert converts the bodies of synthetic country briefs, English and Japanese:
// headings with ids, lists, a table, cross-links.
func BenchmarkConvert(b *testing.B) {
	files, err := synth.Generate(50, []string{"asia"})
	if err != nil {
		b.Fatal(err)
	}
	for _, lang := range []string{"en", "ja"} {
		var bodies [][]byte
		size := 0
		for _, f := range files {
			if strings.HasPrefix(f.Path, "content/"+lang+"/countries/") && !strings.HasSuffix(f.Path, "_index.md") {
				_, _, body, _, err := content.Split(string(f.Data))
				if err != nil {
					b.Fatal(err)
				}
				bodies = append(bodies, []byte(body))
				size += len(body)
			}
		}
		b.Run(lang, func(b *testing.B) {
			c := markdown.New()
			b.SetBytes(int64(size / len(bodies)))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if res := c.Convert(bodies[i%len(bodies)], "en", linkResolver{}); len(res.Problems) > 0 {
					b.Fatalf("problems: %v", res.Problems)
				}
				i++
			}
		})
	}
}
