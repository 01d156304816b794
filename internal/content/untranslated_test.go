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
