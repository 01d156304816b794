package render

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// wrap keeps every line within the width, loses no character but the spaces it breaks
// at, and does not break inside a number or before closing punctuation.
func TestWrapChartLabels(t *testing.T) {
	for _, tc := range []struct {
		s     string
		width float64
	}{
		{"Japanese personnel sent to UNTAC (Self-Defense Forces, civilian police, election monitors)", 300},
		{"イラク人道復興支援特別措置法に基づき派遣された自衛隊員（2007年1月現在、延べ人数）", 200},
		{"日本・カンボジア共同の小型武器管理プログラムによる回収数（2006年12月現在）", 150},
		{"Supercalifragilisticexpialidocious", 60},
	} {
		lines := wrap(tc.s, tc.width, 13)
		if got := strings.Join(lines, ""); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(tc.s, " ", "") {
			t.Errorf("wrap(%q) lost text: %q", tc.s, lines)
		}
		for i, l := range lines {
			if w := textWidth(l, 13); w > tc.width && strings.Contains(l, " ") {
				t.Errorf("wrap(%q, %g): line %q is %g wide", tc.s, tc.width, l, w)
			}
			if i == 0 {
				continue
			}
			prev, _ := utf8.DecodeLastRuneInString(lines[i-1])
			first := []rune(l)[0]
			if isDigit(prev) && (isDigit(first) || strings.ContainsRune("年月日", first)) {
				t.Errorf("wrap(%q): breaks inside a number: %q | %q", tc.s, lines[i-1], l)
			}
			if strings.ContainsRune("、。）」", first) {
				t.Errorf("wrap(%q): a line starts with %q", tc.s, first)
			}
		}
	}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
