package content

import (
	"strings"
	"testing"
	"unicode"
)

// A Japanese file is not yet translated while nine letters in ten of its title, summary
// and body are Latin: a copy of the English, its title and summary translated too; not
// once a paragraph of it is Japanese, nor an English file.
func TestNotYetTranslated(t *testing.T) {
	english := strings.Repeat("Japan supported the peace process with grants and personnel. ", 8)
	japanese := strings.Repeat("日本は無償資金協力と要員派遣により和平プロセスを支援した。", 3)
	for _, c := range []struct {
		name                   string
		lang, title, sum, body string
		want                   bool
	}{
		{"a copy", "ja", "Cambodia", "Support.", english, true},
		{"a copy, its title and summary translated", "ja", "カンボジア", "和平プロセスを支援。", english, true},
		{"a paragraph translated", "ja", "カンボジア", "和平プロセスを支援。", english + "\n\n" + japanese, false},
		{"translated", "ja", "カンボジア", "和平プロセスを支援。", japanese, false},
		{"an English file", "en", "Cambodia", "Support.", english, false},
		{"no letters", "ja", "", "", "2007", false},
	} {
		f := &File{Lang: c.lang, Body: c.body}
		f.Front.Title, f.Front.Summary = c.title, c.sum
		if got := NotYetTranslated(f); got != c.want {
			t.Errorf("%s: NotYetTranslated = %v, want %v", c.name, got, c.want)
		}
	}
}

// countLetters' fast paths count as unicode.IsLetter and IsLatinLetter do, rune by rune.
func TestCountLettersAsUnicode(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r < 0x10000; r++ {
		if r < 0xd800 || r > 0xdfff {
			all.WriteRune(r)
		}
	}
	for _, s := range []string{all.String(), "Japan 日本は、「平和構築」を支援。ー・゠ ｱｲｳ ＡＢＣ Éé ß"} {
		wantLatin, wantAll := 0, 0
		for _, r := range s {
			if unicode.IsLetter(r) {
				wantAll++
				if IsLatinLetter(r) {
					wantLatin++
				}
			}
		}
		if latin, n := countLetters(s); latin != wantLatin || n != wantAll {
			t.Errorf("countLetters = %d Latin of %d letters, want %d of %d", latin, n, wantLatin, wantAll)
		}
	}
}

func BenchmarkNotYetTranslated(b *testing.B) {
	f := &File{Lang: "ja", Body: strings.Repeat("日本は無償資金協力と要員派遣により和平プロセスを支援した（UNDP、2006年）。\n", 40)}
	for b.Loop() {
		NotYetTranslated(f)
	}
}

// Link destinations and heading ids are not text: they count for nothing.
func TestCountTextLettersSkipsLinksAndIDs(t *testing.T) {
	for _, c := range []struct {
		body       string
		latin, all int
	}{
		{"## 和平 {#peace-process}\n\n[国連](../themes/un-peacekeeping.md)を参照。", 0, 7},
		{"See [DDR](ddr.md) {#x}", 6, 6},
		{"an unclosed [link](ddr.md", 14, 14}, // unclosed: the rest is read as its destination
		{"", 0, 0},
	} {
		if latin, all := countTextLetters(c.body); latin != c.latin || all != c.all {
			t.Errorf("countTextLetters(%q) = %d Latin of %d, want %d of %d", c.body, latin, all, c.latin, c.all)
		}
	}
}

func TestTextLine(t *testing.T) {
	for _, c := range []struct {
		body string
		want int
	}{
		{"\nChad borders Sudan.\n", 9},
		{"Chad borders Sudan.\n", 8},
		{"\n  \n\tChad\n", 10},
		{"\n\n", 8},
	} {
		if got := (&File{Body: c.body, BodyLine: 8}).TextLine(); got != c.want {
			t.Errorf("TextLine of a body %q from line 8 = %d, want %d", c.body, got, c.want)
		}
	}
}
