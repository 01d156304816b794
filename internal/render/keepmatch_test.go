package render

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// jaNumberLen and latinWordLen are regular expressions written out. These tests hold them
// to the expressions on texts drawn from the pieces the expressions are made of, and on
// Japanese and English sentences: every length must be the one the expression matches.

var (
	jaNumberRe  = regexp.MustCompile(`^` + jaNumber)
	latinWordRe = regexp.MustCompile(`^(?:[A-Z][A-Z0-9]+ (?:[IVX]+|[0-9]{1,2})\b|[A-Za-z]+(?:-[A-Za-z]+)+)`)
)

// matchLen is the length of re's match at the start of s, 0 if none.
func matchLen(re *regexp.Regexp, s string) int {
	if m := re.FindStringIndex(s); m != nil {
		return m[1]
	}
	return 0
}

// randomTexts returns n texts of up to 12 pieces drawn from pieces, the same for the same
// seed.
func randomTexts(seed uint64, n int, pieces []string) []string {
	rng := rand.New(rand.NewPCG(seed, seed))
	texts := make([]string, n)
	for i := range texts {
		var b strings.Builder
		for range rng.IntN(12) + 1 {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts[i] = b.String()
	}
	return texts
}

func TestJaNumberLenIsThePattern(t *testing.T) {
	pieces := []string{
		"0", "1", "2", "9", "０", "１", "９", "12", "2006", ",", "，", ".", "．", "-", "--",
		"約", "最大", "最", "第", "平成", "昭和", "令和", "令", "万", "億", "兆",
		"年度", "年", "月", "日", "ドル", "円", "人", "丁", "名", "件", "回", "カ国", "か国", "ヵ国",
		"カ", "分野", "ページ", "km²", "km", "%", "％", "歳", "トン", "以上", "以下", "余り", "超", "以",
		"度", "の", "a", " ", "\uff0f", "：", "ｐ", "/", ":", "\xef\xbc", "\xef", "２０",
	}
	texts := randomTexts(1, 200000, pieces)
	texts = append(texts, "", "約", "2006年12月3日", "7億5,000万ドル", "2万5,000丁超", "平成17年度", "100-8919",
		"2-2-1", "年123月", "2006年1", "12月31日以上", "1２３", "3.5％以下", "第3回")
	for _, s := range texts {
		if got, want := jaNumberLen(s), matchLen(jaNumberRe, s); got != want {
			t.Fatalf("jaNumberLen(%q) = %d, the pattern matches %d bytes", s, got, want)
		}
	}
}

func TestLatinWordLenIsThePattern(t *testing.T) {
	pieces := []string{
		"A", "T", "I", "V", "X", "TICAD", "UN", "PKO", "a", "z", "ab", "-", "--", " ", "  ", "0",
		"1", "12", "123", "_", "é", "日", "III", "IV", "Nation", "Building", "s", ".", "'", "\t", "\u00a0",
	}
	texts := randomTexts(2, 200000, pieces)
	texts = append(texts, "", "TICAD III", "TICAD IVa", "UN 12a", "UN 12", "UN 123", "Nation-Building",
		"Nation-Building-", "a-b-c", "TICAD IV_", "X1 V日本", "TICAD １")
	for _, s := range texts {
		if got, want := latinWordLen(s), matchLen(latinWordRe, s); got != want {
			t.Fatalf("latinWordLen(%q) = %d, the pattern matches %d bytes", s, got, want)
		}
	}
}
