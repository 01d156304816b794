package content

import (
	"strings"
	"testing"
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
