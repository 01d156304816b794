package search

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The tokenizer. assets/search.js has the same rules for the query; a change here is a
// change there (TestTokenizerAgreesWithSearchJS runs search.js's with Node.js and compares
// the words on generated texts; the browser test, internal/browsertest, searches the real
// site):
//
//   - text is folded: full-width ASCII (Ａ, １) to ASCII, then lower case;
//   - a run of Japanese script (kanji, hiragana, katakana, ー, 々) gives every bigram of
//     the run, and every character of it but hiragana as a unigram: Japanese has no
//     spaces, and a bigram index finds 武器 inside 小型武器 without a dictionary, so a
//     query and the text are always cut the same way;
//   - a middle dot ・ inside a run joins its two parts and is no character of them:
//     クメール・ルージュ gives the bigrams of クメールルージュ, which a reader types as
//     often (and 難民・国内避難民 a bigram 民国 that nobody searches for); so is the long
//     vowel mark ー, which a reader leaves out or adds where the text does not (サマワ
//     for サマーワ, ダルフル for ダルフール);
//   - any other run of letters and digits is a word, if it has two characters or more (or
//     is a digit) and is not a stop word; words are indexed as written (the query side
//     matches them by prefix and by English stem, see search.js);
//   - a number in groups of three digits is one word of its digits: 8,140 is 8140, what a
//     reader types, and its mark covers the whole number; a decimal number is one word
//     with its point (4.5 billion is not 5 billion);
//   - a Japanese number with a scale is one word of its value: 2万5,000 is 25000, 1億 is
//     100000000 (see scaled); its scales are still characters of their Japanese run;
//   - a number with an English scale (million, billion) is also one word of its value:
//     4.5 billion is 4500000000, as 45億 is; the scale is a word of its own;
//   - a number with a unit written against it (ドル, 円, 人, 丁, …: units), or after a
//     currency sign ($, ¥), is also one word with the unit, 100000000ドル (see withUnit):
//     a query with the unit asks for it, and US$100 million and 1億ドル meet.

// Stop words are left out of the index and of queries: they are in nearly every passage.
var stopWords = []string{"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "which", "with"}

// fold maps one character as search.js's fold does: full-width ASCII to ASCII, lower case.
func fold(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	return unicode.ToLower(r)
}

// isJapanese reports whether r belongs to a run of Japanese script.
func isJapanese(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー' || r == '々'
}

// isWord reports whether r belongs to a word of any other script.
func isWord(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !isJapanese(r)
}

// A charClass is what the tokenizer makes of a (folded) character.
type charClass uint8

const (
	otherClass    charClass = iota + 1 // between tokens
	wordClass                          // in a word
	japaneseClass                      // in a Japanese run, and a token by itself
	hiraganaClass                      // in a Japanese run, not a token by itself
	joinerClass                        // in a Japanese run, and in none of its tokens (・, ー)
)

func classOf(r rune) charClass {
	switch {
	case r == '・' || r == 'ー':
		return joinerClass
	case unicode.Is(unicode.Hiragana, r):
		return hiraganaClass
	case isJapanese(r):
		return japaneseClass
	case isWord(r):
		return wordClass
	}
	return otherClass
}

// A tokenizer cuts texts into tokens, reusing its memory from one text to the next. It
// remembers what it makes of each character of the Basic Multilingual Plane it meets (the
// character folded, and the class of that): the Unicode tables are looked up once per
// character rather than once per occurrence.
type tokenizer struct {
	chars [1 << 16]uint32 // a character's folded form << 8 | its class; 0: not looked up yet
	text  []byte          // the text, folded
	at    []int32         // where each character of text starts, and len(text)
	runes []rune          // each character of text
	class []charClass     // the class of each character of text
	pair  []byte          // a bigram across a ・
	num   []byte          // a number's digits without its commas
	unit  []byte          // a number with its unit (withUnit)
}

// char is r folded, and its class.
func (t *tokenizer) char(r rune) (rune, charClass) {
	if r < 0x80 {
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			return r, wordClass
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A', wordClass
		}
		return r, otherClass
	}
	if r >= 1<<16 {
		f := fold(r)
		return f, classOf(f)
	}
	c := t.chars[r]
	if c == 0 {
		f := fold(r)
		c = uint32(f)<<8 | uint32(classOf(f))
		t.chars[r] = c
	}
	return rune(c >> 8), charClass(c)
}

// tokens calls f with every token of text; the bytes are f's only until it returns. key
// is a Japanese token's characters, when they are of the Basic Multilingual Plane: the
// first << 16 | the second (0 for a token of one character); a token with key 0 is a word
// or a rarer character.
func (t *tokenizer) tokens(text string, f func(tok []byte, key uint32)) {
	b, at, rs, cs := t.text[:0], t.at[:0], t.runes[:0], t.class[:0]
	for _, r := range text {
		r, c := t.char(r)
		at = append(at, int32(len(b)))
		rs = append(rs, r)
		cs = append(cs, c)
		b = utf8.AppendRune(b, r)
	}
	at = append(at, int32(len(b)))
	t.text, t.at, t.runes, t.class = b, at, rs, cs
	key := func(r1, r2 rune) uint32 {
		if r1 >= 1<<16 || r2 >= 1<<16 {
			return 0
		}
		return uint32(r1)<<16 | uint32(r2)
	}
	inRun := func(c charClass) bool { return c == japaneseClass || c == hiraganaClass || c == joinerClass }
	scaledEnd := 0 // where the last Japanese number with a scale ends
	for i := 0; i < len(cs); {
		switch cs[i] {
		case japaneseClass, hiraganaClass:
			j := i
			for j < len(cs) && inRun(cs[j]) {
				j++
			}
			for k := i; k < j; k++ {
				if cs[k] == joinerClass {
					continue
				}
				if cs[k] != hiraganaClass {
					f(b[at[k]:at[k+1]], key(rs[k], 0))
				}
				next := k + 1
				for next < j && cs[next] == joinerClass {
					next++
				}
				switch {
				case next == j:
				case next == k+1:
					f(b[at[k]:at[k+2]], key(rs[k], rs[k+1]))
				default: // across a ・
					t.pair = append(append(t.pair[:0], b[at[k]:at[k+1]]...), b[at[next]:at[next+1]]...)
					f(t.pair, key(rs[k], rs[next]))
				}
			}
			i = j
		case wordClass:
			j := i
			for j < len(cs) && cs[j] == wordClass {
				j++
			}
			if i >= scaledEnd {
				// A Japanese number with a scale is one token of its value (see scaled),
				// and its digits are none of their own: 2万5,000 is 25000, what an English
				// text writes and a reader types, and not 2 or 5,000.
				if v, end, ok := t.scaled(rs, cs, i); ok {
					f(v, 0)
					t.withUnit(v, rs, i, end, f)
					scaledEnd = end
				}
			}
			inScaled := i < scaledEnd
			end := numberEnd(rs, cs, i, j)
			if !inScaled && (end > j || allDigits(rs[i:j])) {
				// A number in groups is one token of its digits, as a reader types it
				// (8,140 is 8140), and a decimal one token with its point (4.5); a digit
				// alone is one too (US$5 billion). A number with an English scale after it
				// is also one token of its value, as a Japanese one: 4.5 billion is
				// 4500000000, what 45億 is and 4,500,000,000 reads; the scale is a word of
				// its own. (The digits stay a token: 350 finds US$350 million.)
				t.num = t.num[:0]
				for _, r := range rs[i:end] {
					if r != ',' {
						t.num = append(t.num, byte(r))
					}
				}
				f(t.num, 0)
				if exp, ok := englishScale(rs, cs, end); ok {
					if v, ok := scaleDigits(rs[i:end], exp); ok {
						t.num = strconv.AppendInt(t.num[:0], v, 10)
						f(t.num, 0)
					}
				}
				t.withUnit(t.num, rs, i, end, f)
				i = end
				break
			}
			// A word of one letter says nothing.
			if w := b[at[i]:at[j]]; j-i >= 2 && !isStop(w) && !inScaled {
				f(w, 0)
			}
			i = max(j, end)
		default:
			i++
		}
	}
}

// numberEnd is where a number whose first digits are the word rs[i:j] ends, when it
// goes on past the word: in groups of three digits (8,140 and 25,000,000, not 1,2 or
// 1,0000), then perhaps a decimal point and digits (4.5, 1,234.5). Else it is j.
func numberEnd(rs []rune, cs []charClass, i, j int) int {
	if !allDigits(rs[i:j]) {
		return j
	}
	if j-i <= 3 {
		for j+3 < len(rs) && rs[j] == ',' && allDigits(rs[j+1:j+4]) && (j+4 == len(rs) || cs[j+4] != wordClass) {
			j += 4
		}
	}
	if j+1 < len(rs) && rs[j] == '.' && isDigit(rs[j+1]) {
		k := j + 1
		for k < len(rs) && cs[k] == wordClass {
			k++
		}
		if allDigits(rs[j+1 : k]) {
			j = k
		}
	}
	return j
}

// A Japanese number with a scale (万, 億, 兆) is one token of its value: 2万5,000 is
// 25000, 1億 is 100000000, 4.5億 is 450000000, 7億5,000万 is 750000000. A query for 1億ドル
// then finds 1億ドル and not 45億ドル with a 1 in a date nearby, and 25,000 finds 2万5,000.
// The number is its digits (as numberEnd reads them), then a scale, then perhaps more
// digits with a smaller scale, and perhaps digits without one (less than the last scale:
// the 5,000 of 2万5,000). A number written with 千, 百 or 十 (3千万, 2万5千) is not read:
// those multiply as well as add.
var scales = map[rune]int{'万': 4, '億': 8, '兆': 12}

// scaled returns the value of the Japanese number with a scale that starts at rs[i], as
// decimal digits (the tokenizer's until its next call), and where it ends.
func (t *tokenizer) scaled(rs []rune, cs []charClass, i int) ([]byte, int, bool) {
	var total int64
	last, parts, stop := 17, 0, i // the exponent of the last scale read; the parts read; their end
	for p := i; p < len(rs) && isDigit(rs[p]); {
		q := p
		for q < len(rs) && cs[q] == wordClass {
			q++
		}
		end := max(numberEnd(rs, cs, p, q), q)
		if !allDigitsOrNumber(rs[p:end]) {
			return nil, 0, false
		}
		exp, scaled := 0, false
		if end < len(rs) {
			switch rs[end] {
			case '千', '百', '十':
				return nil, 0, false
			}
			exp, scaled = scales[rs[end]]
		}
		if scaled && exp >= last || !scaled && parts == 0 {
			break
		}
		v, ok := scaleDigits(rs[p:end], exp)
		if !ok || !scaled && v >= pow10(last) {
			break
		}
		total += v
		parts++
		if !scaled {
			stop = end
			break
		}
		last, p, stop = exp, end+1, end+1
	}
	if parts == 0 {
		return nil, 0, false
	}
	t.num = strconv.AppendInt(t.num[:0], total, 10)
	return t.num, stop, true
}

// allDigitsOrNumber reports whether rs is digits, with thousands separators or a
// decimal point as numberEnd reads them.
func allDigitsOrNumber(rs []rune) bool {
	for _, r := range rs {
		if !isDigit(r) && r != ',' && r != '.' {
			return false
		}
	}
	return len(rs) > 0
}

// scaleDigits is the value of the number rs (1,300 or 4.5) times 10^exp, when it is a
// whole number below 10^16.
func scaleDigits(rs []rune, exp int) (int64, bool) {
	var v int64
	frac := -1 // digits after the point
	for _, r := range rs {
		switch {
		case r == '.':
			frac = 0
		case isDigit(r):
			if v >= pow10(15) {
				return 0, false
			}
			v = v*10 + int64(r-'0')
			if frac >= 0 {
				frac++
			}
		}
	}
	exp -= max(frac, 0)
	if exp < 0 || exp > 16 || v >= pow10(16-exp) {
		return 0, false
	}
	return v * pow10(exp), true
}

// pow10 is 10^n, for n from 0 to 17.
func pow10(n int) int64 {
	v := int64(1)
	for range n {
		v *= 10
	}
	return v
}

// units are the currencies, counters and the percent sign a text writes against a number:
// a number with one is also a token with it (1億ドル: 100000000ドル, 1,300人: 1300人, 20%:
// 20%), which a query that writes the unit must find, so that 50億円 does not find 50億ドル
// nor 20% the 20th of a month.
var units = []string{"ドル", "円", "人", "丁", "隻", "台", "件", "名", "校", "回", "%"}

// unitAt is the unit of units that rs[k:] starts with, or "".
func unitAt(rs []rune, k int) string {
	for _, u := range units {
		if n := utf8.RuneCountInString(u); k+n <= len(rs) && string(rs[k:k+n]) == u {
			return u
		}
	}
	return ""
}

// withUnit calls f with the number num and its unit, when rs[end:] starts with one, or
// else with its currency, when the number rs[start:end] follows $ or ¥: an English text's
// US$100 million is 100000000ドル and ¥400 million 400000000円, as a Japanese text writes
// them, so that a query for 1億ドル finds both.
func (t *tokenizer) withUnit(num []byte, rs []rune, start, end int, f func(tok []byte, key uint32)) {
	u := unitAt(rs, end)
	if u == "" && start > 0 {
		u = currencies[rs[start-1]]
	}
	if u != "" {
		t.unit = append(append(t.unit[:0], num...), u...)
		f(t.unit, 0)
	}
}

// currencies are the signs written before an amount, and the unit a Japanese text writes
// after it instead.
var currencies = map[rune]string{'$': "ドル", '¥': "円"}

// englishScales are the words of an English number's scale, and their exponents.
var englishScales = map[string]int{"million": 6, "billion": 9}

// englishScale is the exponent of the scale word that follows a number ending at rs[end],
// after one space (no-break or not), as in 7.14 million.
func englishScale(rs []rune, cs []charClass, end int) (int, bool) {
	if end >= len(rs) || rs[end] != ' ' && rs[end] != '\u00a0' {
		return 0, false
	}
	k := end + 1
	for k < len(rs) && cs[k] == wordClass {
		k++
	}
	exp, ok := englishScales[string(rs[end+1:k])]
	return exp, ok
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

func allDigits(rs []rune) bool {
	for _, r := range rs {
		if !isDigit(r) {
			return false
		}
	}
	return true
}

// isStop reports whether w is a stop word.
func isStop(w []byte) bool { return stopSet[string(w)] }

var stopSet = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range stopWords {
		m[w] = true
	}
	return m
}()

// shardKey is what decides a token's shard: a Japanese token itself, the first two
// characters of a word, so that every word a query word may match by prefix or by stem
// (which keeps the first two letters) is in the query word's shard.
func shardKey(tok string) string {
	rs := []rune(tok)
	if isJapanese(rs[0]) || len(rs) <= 2 {
		return tok
	}
	return string(rs[:2])
}

// shardOf is the shard of a token: FNV-1a over the code points of its shard key, modulo
// n. search.js computes the same.
func shardOf(tok string, n int) int {
	h := uint32(2166136261)
	for _, r := range shardKey(tok) {
		h ^= uint32(r)
		h *= 16777619
	}
	return int(h % uint32(n))
}

// PlainText returns the text of rendered HTML, one string per block (paragraph, list item,
// heading, table cell), its runs of white space made one space, entities decoded. The
// HTML is goldmark's output: tags are well formed and '<' in text is escaped.
func PlainText(html string) []string {
	var blocks []string
	var b []byte   // the block so far, its spaces collapsed
	space := false // a space is due before the next text of the block
	text := func(s string) {
		for len(s) > 0 {
			r, n := utf8.DecodeRuneInString(s)
			if unicode.IsSpace(r) {
				space = len(b) > 0
			} else {
				if space {
					b = append(b, ' ')
					space = false
				}
				b = append(b, s[:n]...)
			}
			s = s[n:]
		}
	}
	flush := func() {
		if len(b) > 0 {
			blocks = append(blocks, unescape(string(b)))
		}
		b, space = b[:0], false
	}
	for len(html) > 0 {
		i := strings.IndexByte(html, '<')
		if i < 0 {
			text(html)
			break
		}
		text(html[:i])
		j := strings.IndexByte(html[i:], '>')
		if j < 0 {
			break
		}
		tag := strings.ToLower(strings.TrimLeft(html[i+1:i+j], "/"))
		if name, _, _ := strings.Cut(tag, " "); blockTags[name] {
			flush()
		}
		html = html[i+j+1:]
	}
	flush()
	return blocks
}

var blockTags = map[string]bool{"p": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "td": true, "th": true, "tr": true, "blockquote": true, "dd": true, "dt": true, "div": true, "section": true, "ul": true, "ol": true, "table": true, "br": true}

var unescaper = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#34;", `"`, "&#39;", "'", "&nbsp;", "\u00a0")

func unescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return unescaper.Replace(s)
}
