package numbers

import (
	"strconv"
	"strings"
)

// Numbers written without digits: kanji numerals in Japanese (千三百, 二〇〇七年一月,
// 六千万) and English number words from ten up ("ten-year", "twenty"). Words below ten
// stay unread, as digits below 10 do: "three pillars" and 3つ have nothing to compare.

// numberAt reads the number that starts at rune i: digits, or in Japanese kanji
// numerals, or in English a number word.
func (s *scanner) numberAt(i int) (tok, bool) {
	c := s.at(i)
	switch {
	case isDigit(c):
		return s.token(i), true
	case s.ja && kanjiValue(c) >= 0:
		return s.kanjiToken(i)
	case !s.ja && isLetter(c) && !isLetter(s.at(i-1)):
		return s.wordToken(i)
	}
	return tok{}, false
}

// kanjiValue is the value of a kanji digit (〇 to 九, and 零), 10, 100 or 1000 for 十, 百
// and 千, and -1 for any other rune. 万, 億 and 兆 are read by myriad, as after digits.
func kanjiValue(c rune) int {
	// A switch, not a search of "〇一二…": it is asked of every rune of a Japanese text.
	switch c {
	case '〇', '零':
		return 0
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	case '十':
		return 10
	case '百':
		return 100
	case '千':
		return 1000
	}
	return -1
}

// kanjiToken reads kanji numerals at i: positional (二〇〇七 is 2007) or with 十, 百 and
// 千 (千三百 is 1300). A single kanji is a number only before a unit, a counter of
// people or a date (一月, 千人, 十万): 一部, 十分 and 唯一 are words. A numeral after 数,
// 何 or 幾 is no number (数千人 is "thousands").
func (s *scanner) kanjiToken(i int) (tok, bool) {
	if strings.ContainsRune("数何幾", s.at(i-1)) || kanjiValue(s.at(i-1)) >= 0 {
		return tok{}, false
	}
	j := i
	positional := true
	for kanjiValue(s.at(j)) >= 0 {
		if kanjiValue(s.at(j)) >= 10 {
			positional = false
		}
		j++
	}
	if j-i == 1 && !strings.ContainsRune("万億兆人名年月日", s.at(j)) {
		return tok{}, false
	}
	var digits string
	if positional {
		var b strings.Builder
		for _, c := range s.r[i:j] {
			b.WriteByte(byte('0' + kanjiValue(c)))
		}
		digits = strings.TrimLeft(b.String(), "0")
		if digits == "" {
			digits = "0"
		}
	} else {
		total, cur := 0, 0
		for _, c := range s.r[i:j] {
			switch v := kanjiValue(c); {
			case v < 10:
				cur = cur*10 + v
			default:
				total += max(cur, 1) * v
				cur = 0
			}
		}
		digits = strconv.Itoa(total + cur)
	}
	// 二千 is 2,000 people rather than the year 2000 (which Japanese writes 二〇〇〇年).
	return tok{start: i, end: j, digits: digits, grouped: !positional && len(digits) > 2}, true
}

// numberWords are the English number words from ten up that wordToken reads; a tens
// word may take a unit after a hyphen (twenty-five).
var (
	teens = []string{"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tens  = []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	units = []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
)

// wordToken reads an English number word of ten or more at i, on word boundaries.
func (s *scanner) wordToken(i int) (tok, bool) {
	// Every number word starts with one of these letters: most words need no more look.
	if !strings.ContainsRune("tefsnTEFSN", s.at(i)) {
		return tok{}, false
	}
	for k, w := range teens {
		if end, ok := s.after(i, w); ok {
			return tok{start: i, end: end, digits: strconv.Itoa(10 + k)}, true
		}
	}
	for k, w := range tens {
		end, ok := s.after(i, w)
		if !ok {
			continue
		}
		v := 20 + 10*k
		if s.at(end) == '-' {
			for u, uw := range units {
				if e, ok := s.after(end+1, uw); ok {
					v, end = v+u+1, e
					break
				}
			}
		}
		return tok{start: i, end: end, digits: strconv.Itoa(v)}, true
	}
	return tok{}, false
}

// hasKanjiNumeral reports whether text may hold a kanji numeral.
func hasKanjiNumeral(text string) bool {
	return strings.ContainsAny(text, "〇一二三四五六七八九十百千零")
}

// hasNumberWord reports whether text may hold an English number word of ten or more:
// every one ends in "en", "ve" or "ty" (ten, eleven, twelve, thirteen, twenty).
func hasNumberWord(text string) bool {
	return strings.Contains(text, "en") || strings.Contains(text, "ve") || strings.Contains(text, "ty")
}
