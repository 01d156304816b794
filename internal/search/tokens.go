package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The tokenizer. assets/search.js has the same rules for the query; a change here is a
// change there (the browser test, internal/browsertest, searches the real site):
//
//   - text is folded: full-width ASCII (Ａ, １) to ASCII, then lower case;
//   - a run of Japanese script (kanji, hiragana, katakana, ー, 々) gives every bigram of
//     the run, and every character of it but hiragana as a unigram: Japanese has no
//     spaces, and a bigram index finds 武器 inside 小型武器 without a dictionary, so a
//     query and the text are always cut the same way;
//   - any other run of letters and digits is a word, if it has two characters or more and
//     is not a stop word; words are indexed as written (the query side matches them by
//     prefix and by English stem, see search.js).

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
	unknownClass  charClass = iota // not looked up yet
	otherClass                     // between tokens
	wordClass                      // in a word
	japaneseClass                  // in a Japanese run, and a token by itself
	hiraganaClass                  // in a Japanese run, not a token by itself
)

func classOf(r rune) charClass {
	switch {
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
// remembers the class of each character of the Basic Multilingual Plane it meets: the
// Unicode tables are looked up once per character rather than once per occurrence.
type tokenizer struct {
	classes [1 << 16]charClass
	runes   []rune // the text, folded
	tok     []byte // the token being handed over
}

func (t *tokenizer) class(r rune) charClass {
	if r < 0x80 {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z' {
			return wordClass
		}
		return otherClass
	}
	if r >= 1<<16 {
		return classOf(r)
	}
	c := t.classes[r]
	if c == unknownClass {
		c = classOf(r)
		t.classes[r] = c
	}
	return c
}

// tokens calls f with every token of text; the bytes are f's only until it returns.
func (t *tokenizer) tokens(text string, f func([]byte)) {
	rs := t.runes[:0]
	for _, r := range text {
		if r < 0x80 {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = fold(r)
		}
		rs = append(rs, r)
	}
	t.runes = rs
	for i := 0; i < len(rs); {
		switch c := t.class(rs[i]); c {
		case japaneseClass, hiraganaClass:
			j := i
			for j < len(rs) && t.isJapaneseClass(rs[j]) {
				j++
			}
			for k := i; k < j; k++ {
				if t.class(rs[k]) != hiraganaClass {
					f(t.utf8(rs[k : k+1]))
				}
				if k+1 < j {
					f(t.utf8(rs[k : k+2]))
				}
			}
			i = j
		case wordClass:
			j := i
			for j < len(rs) && t.class(rs[j]) == wordClass {
				j++
			}
			if w := t.utf8(rs[i:j]); j-i >= 2 && !isStop(w) {
				f(w)
			}
			i = j
		default:
			i++
		}
	}
}

// utf8 is run in UTF-8, in the tokenizer's buffer.
func (t *tokenizer) utf8(run []rune) []byte {
	t.tok = t.tok[:0]
	for _, r := range run {
		t.tok = utf8.AppendRune(t.tok, r)
	}
	return t.tok
}

func (t *tokenizer) isJapaneseClass(r rune) bool {
	c := t.class(r)
	return c == japaneseClass || c == hiraganaClass
}

func isStop(w []byte) bool {
	for _, s := range stopWords {
		if s == string(w) {
			return true
		}
	}
	return false
}

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

// plainText returns the text of rendered HTML, one string per block (paragraph, list item,
// heading, table cell), entities decoded. The HTML is goldmark's output: tags are well
// formed and '<' in text is escaped.
func plainText(html string) []string {
	var blocks []string
	var b strings.Builder
	flush := func() {
		if s := strings.Join(strings.Fields(b.String()), " "); s != "" {
			blocks = append(blocks, unescape(s))
		}
		b.Reset()
	}
	for len(html) > 0 {
		i := strings.IndexByte(html, '<')
		if i < 0 {
			b.WriteString(html)
			break
		}
		b.WriteString(html[:i])
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
