package render_test

import (
	"strings"
	"testing"
)

// Keep cuts a Japanese text into runs that the layouts keep whole on a line: numbers with
// what belongs to them, and the names of the site's countries, official names and
// capitals. Joined again, the runs are the text.
func TestKeepKeepsNumbersWithUnitsAndNamesWhole(t *testing.T) {
	_, views := realViews(t)
	ja, en := views["ja"], views["en"]
	for _, tt := range []struct {
		text string
		kept []string
	}{
		{"日本・カンボジア共同の小型武器管理プログラムによる回収数（2006年12月現在）", []string{"カンボジア", "2006年12月"}},
		{"2万5,000丁以上", []string{"2万5,000丁以上"}},
		{"約3,860万ドルと1億ドル", []string{"約3,860万ドル", "1億ドル"}},
		{"コンゴ民主共和国の選挙", []string{"コンゴ民主共和国"}},
		{"首都スリ・ジャヤワルダナプラ・コッテ", []string{"スリ・ジャヤワルダナプラ・コッテ"}},
		{"東ティモールに1,300人", []string{"東ティモール", "1,300人"}},
		{"1999年8月～2004年6月", []string{"1999年8月", "2004年6月"}},
		{"平和構築", nil},
	} {
		runs := ja.Keep(tt.text)
		var joined strings.Builder
		var kept []string
		for _, r := range runs {
			joined.WriteString(r.Text)
			if r.Keep {
				kept = append(kept, r.Text)
			}
		}
		if joined.String() != tt.text {
			t.Errorf("Keep(%q) runs join to %q", tt.text, joined.String())
		}
		if strings.Join(kept, "|") != strings.Join(tt.kept, "|") {
			t.Errorf("Keep(%q) keeps %q, want %q", tt.text, kept, tt.kept)
		}
	}
	if runs := en.Keep("over US$4.5 billion in Timor-Leste"); len(runs) != 1 || runs[0].Keep {
		t.Errorf("an English page's text is cut into runs: %+v", runs)
	}
}
