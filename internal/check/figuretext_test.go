package check

import (
	"strings"
	"testing"
)

// TestFiguresNotInText: every key figure of the real briefs is in its page's text, and a
// figure changed in the front matter alone is found at its value's line, as is a text
// changed alone; the Japanese files, which take the values from the English, are not read.
func TestFiguresNotInText(t *testing.T) {
	in, err := Load(realProject(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := FiguresNotInText(in); len(got) != 0 {
		t.Errorf("the real briefs have figures not in their text:\n%s", strings.Join(got, "\n"))
	}
	for _, c := range []struct {
		name string
		edit edit
		want string
	}{
		{"the figure changed", edit{File: "content/en/countries/iraq.md", Old: "value = 8140", New: "value = 8150"},
			"content/en/countries/iraq.md:41: figure 2 (Self-Defense Forces personnel deployed under the Iraq special measures law (total as of January 2007)): its value 8150 is not in the page's text"},
		{"the text changed", edit{File: "content/en/countries/iraq.md", Old: "a total of 50 staff", New: "a total of 60 staff"},
			"content/en/countries/iraq.md:47: figure 3 (MOFA staff administering ODA from the Liaison Office in Samawah): its value 50 is not in the page's text"},
	} {
		in, err := Load(plant(t, realProject(t), []edit{c.edit}))
		if err != nil {
			t.Fatal(err)
		}
		got := FiguresNotInText(in)
		if len(got) != 1 || !strings.HasPrefix(got[0], c.want) {
			t.Errorf("%s: found %q, want one finding %q", c.name, got, c.want)
		}
	}
}

// The report's list of figures not in their text says whose they are: the source pages'
// authors', not the translators' (a translator's trial took one for a translation's).
func TestFiguresNotInTextSaysWhose(t *testing.T) {
	r := &Report{Source: "en", Figures: []string{"content/en/countries/iraq.md:47: figure 3 (…): its value 55 is not in the page's text"}}
	var b strings.Builder
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if want := "key figures that their page's text does not give: 1 (in the en pages: for their authors to fix, not the translators)\ncontent/en/countries/iraq.md:47:"; !strings.Contains(b.String(), want) {
		t.Errorf("the report says\n%s\nwant %q", b.String(), want)
	}
}
