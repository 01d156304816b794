package render

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Japanese breaks a line after almost any character, and a browser that cannot find the
// phrases of a heading or a label (word-break: auto-phrase: none but Chromium, and not
// every build of it) breaks it inside a word: UNTAC：日本初の本格的なPKO参/加, 和/解. The
// layouts mark the places between the phrases of such short texts with <wbr>, and the
// style sheet lets them break only there (word-break: keep-all), or anywhere when a
// phrase is wider than the line (overflow-wrap: anywhere).
//
// A phrase ends where a line may end in careful Japanese typesetting: after a closing
// mark (、。」）・：) but for a particle after a bracket (（UNDP）の), before an opening one (「（), and where hiragana give way to a
// word in kanji, katakana or Latin letters (日本初の|本格的な|PKO参加,
// プログラムによる|回収数): particles and endings are hiragana, the words they follow
// rarely are. It is a rule of thumb, not a dictionary: a compound of kanji and katakana
// stays one phrase, and one wider than a line breaks where it must.

// isClosing reports whether a line may end after c: a closing mark (、。，．・：；！？ and the
// closing brackets). isOpening reports whether a line may start with c: an opening
// bracket (「『（［｛〈《【〔). isClosingBracket reports whether c is a closing mark that ends
// a noun phrase, not a clause (」』）］｝〉》】〕): a particle after one belongs to that
// phrase. They are switches, asked of every pair of letters of a Japanese text: searching
// a string of the marks for each was a twentieth of the rendering of a Japanese brief.
func isClosing(c rune) bool {
	switch c {
	case '、', '。', '，', '．', '・', '：', '；', '！', '？':
		return true
	}
	return isClosingBracket(c)
}

func isClosingBracket(c rune) bool {
	switch c {
	case '」', '』', '）', '］', '｝', '〉', '》', '】', '〕':
		return true
	}
	return false
}

func isOpening(c rune) bool {
	switch c {
	case '「', '『', '（', '［', '｛', '〈', '《', '【', '〔':
		return true
	}
	return false
}

// phraseBreak reports whether a line may break between the runes a and b of a Japanese
// text at a phrase boundary.
func phraseBreak(a, b rune) bool {
	switch {
	case a == 0 || b == 0:
		return false
	case isClosing(b), isOpening(a):
		return false // a closing mark stays with what it closes, an opening one with what follows
	case isClosingBracket(a) && isHiragana(b):
		return false // a particle stays with the bracket it follows: （UNDP）の|武器回収
	case isClosing(a), isOpening(b):
		return true
	case isHiragana(a) && !isHiragana(b) && b != 'ー' && (unicode.Is(unicode.Han, b) || unicode.Is(unicode.Katakana, b) || isLatinOrDigit(b)):
		return true
	}
	return false
}

// isHiragana is true for the hiragana that end a phrase: not the small ones (っ, ゃ),
// which belong to the syllable before.
func isHiragana(c rune) bool {
	switch c {
	case 'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ゎ', 'ゕ', 'ゖ':
		return false
	}
	return unicode.Is(unicode.Hiragana, c)
}

func isLatinOrDigit(c rune) bool {
	return c < utf8.RuneSelf && (unicode.IsLetter(c) || unicode.IsDigit(c)) || c >= '０' && c <= '９' || c >= 'Ａ' && c <= 'ｚ'
}

// phraseBreaks returns the byte offsets of s at which a line may break between phrases
// (phraseBreak, but not inside a compound), in order.
func phraseBreaks(s string) []int {
	var out []int
	var prev rune
	for i, c := range s {
		if phraseBreak(prev, c) && !insideCompound(s, i) {
			out = append(out, i)
		}
		prev = c
	}
	return out
}

// compounds are words written with hiragana inside them, where the rule of phraseBreak
// (hiragana giving way to kanji) would part them: 草の|根, 考え|方, 取り|組む, 絞り|込み.
// A Japanese editor's reading of the summaries and headings found these.
var compounds = []string{
	"草の根", "考え方", "取り組", "取り決", "取り扱", "絞り込", "繰り返", "振り返", "切れ目",
	"結び付", "引き続", "立ち上", "受け入", "働き掛", "呼び掛", "申し入", "打ち出", "組み合",
	"話し合", "乗り越", "積み重", "持ち込", "行き届", "差し伸",
}

// insideCompound reports whether byte i of s, where a phrase could begin, is inside one
// of the compounds.
func insideCompound(s string, i int) bool {
	for _, w := range compounds {
		for j := max(0, i-len(w)+1); j < i; j++ {
			if strings.HasPrefix(s[j:], w) {
				return true
			}
		}
	}
	return false
}
