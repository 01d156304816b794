package numbers

import (
	"math"
	"strconv"
	"strings"
)

// Group writes v as a plain number in the reader's language, with as many
// decimals as v needs: 181000 is "181,000" in English and "18万1,000" in
// Japanese, 13.8 is "13.8" in both.
//
// Japanese counts in groups of four digits (万, 億, 兆) and keeps the comma
// inside a group, so a Japanese reader never sees "181,000" or "1.25億".
// Any lang other than "ja" is English. NaN and infinities are written as
// strconv writes them.
func Group(v float64, lang string) string {
	d, ok := toDecimal(v)
	if !ok {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	if lang == "ja" {
		return d.japanese()
	}
	return d.english()
}

// Figure writes a contribution figure of the content model: value is the
// full number in its unit (4.5 billion is 4500000000), unit is one of people,
// usd, jpy, items, weapons or percent, approx is "", "about", "nearly", "over" or
// "up-to".
//
//	Figure(4500000000, "usd", "over", "en")  == "over US$4.5 billion"
//	Figure(4500000000, "usd", "over", "ja")  == "45億ドル超"
//	Figure(38600000, "usd", "about", "ja")   == "約3,860万ドル"
//	Figure(25000, "items", "", "ja")         == "2万5,000"
//	Figure(25000, "weapons", "over", "ja")   == "2万5,000丁超"
//
// English switches to million, billion or trillion from 1,000,000 on, when
// the scaled number needs at most three decimals (US$38.6 million); otherwise
// it groups all digits (US$1,234,567). Percentages are never scaled. Items
// get no counter word: the figure's label says what was counted, and the
// Japanese counter (丁, 台, 件) depends on the thing. Weapons are items
// counted with 丁 in Japanese (2万5,000丁, as MOFA counts small arms); in
// English they are items too, since the label names the weapons.
//
// An unknown unit is written as items and an unknown approx is left out:
// validating front matter is the content package's job, and a figure page
// should still render while the build reports the error.
func Figure(value float64, unit, approx, lang string) string {
	ja := lang == "ja"
	num := Group(value, lang)
	if d, ok := toDecimal(value); ok && !ja && unit != "percent" {
		num = d.englishScaled()
	}

	var s string
	switch {
	case unit == "people" && ja:
		s = num + "人"
	case unit == "people" && value == 1:
		s = num + " person"
	case unit == "people":
		s = num + " people"
	case unit == "usd" && ja:
		s = num + "ドル"
	case unit == "usd":
		s = "US$" + num
	case unit == "jpy" && ja:
		s = num + "円"
	case unit == "jpy":
		s = "¥" + num
	case unit == "weapons" && ja:
		s = num + "丁"
	case unit == "percent":
		// Half-width "%" in Japanese too: it is what the source documents
		// use in running text, and one form keeps pages consistent.
		s = num + "%"
	default:
		s = num
	}

	switch {
	case approx == "about" && ja:
		return "約" + s
	case approx == "about":
		return "about " + s
	case approx == "nearly" && ja:
		return s + "近く" // 90%近く: the number comes first, as the source's translation writes it
	case approx == "nearly":
		return "nearly " + s
	case approx == "over" && ja:
		// 超 ("more than"), not 以上: in 公用文 以上 includes the number
		// itself ("or more"), which "more than" and "over" do not. Running
		// text writes …を超える; a figure stands alone, so it takes 超
		// (docs/ja-style.md, rule over).
		return s + "超"
	case approx == "over":
		return "over " + s
	case approx == "up-to" && ja:
		return "最大" + s
	case approx == "up-to":
		return "up to " + s
	}
	return s
}

// Area writes a surface in square kilometres: "181,000 km²" / "18万1,000km²". Japanese
// sets a unit against its number, as it does 人 and % (docs/ja-style.md, section 5).
func Area(km2 float64, lang string) string {
	if lang == "ja" {
		return Group(km2, lang) + "km²"
	}
	return Group(km2, lang) + " km²"
}

// Millions writes a population given in millions, as the facts table stores
// it: 13.8 is "13.8 million" in English and "1,380万" in Japanese; 0.9 is
// "0.9 million" and "90万". The caller adds 人 where the sentence needs it,
// as it adds "people" in English.
func Millions(m float64, lang string) string {
	d, ok := toDecimal(m)
	if !ok {
		return strconv.FormatFloat(m, 'f', -1, 64)
	}
	if lang == "ja" {
		return d.shift(6).japanese()
	}
	return d.english() + " million"
}

// decimal is a number as decimal digits: the shortest representation that
// reads back as the same float64 (strconv 'f', -1). Formatting moves the
// decimal point in these digits instead of multiplying or dividing floats,
// so 38.6 million is never written as 38.599999999999994.
type decimal struct {
	neg  bool
	ints string // integer digits without leading zeros; "0" when there are none
	frac string // fraction digits without trailing zeros; "" for a whole number
}

// toDecimal reports false for NaN and infinities, which have no digits.
func toDecimal(v float64) (decimal, bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return decimal{}, false
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	var d decimal
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		d.neg, s = true, rest
	}
	d.ints, d.frac, _ = strings.Cut(s, ".")
	if d.ints == "0" && d.frac == "" {
		d.neg = false // -0 is written 0
	}
	return d, true
}

// shift returns d × 10^n.
func (d decimal) shift(n int) decimal {
	digits := d.ints + d.frac
	point := len(d.ints) + n
	if point < 1 {
		digits = strings.Repeat("0", 1-point) + digits
		point = 1
	}
	if point > len(digits) {
		digits += strings.Repeat("0", point-len(digits))
	}
	ints := strings.TrimLeft(digits[:point], "0")
	if ints == "" {
		ints = "0"
	}
	return decimal{neg: d.neg, ints: ints, frac: strings.TrimRight(digits[point:], "0")}
}

func (d decimal) english() string {
	s := thousands(d.ints)
	if d.frac != "" {
		s += "." + d.frac
	}
	if d.neg {
		s = "-" + s
	}
	return s
}

// englishScales are tried largest first: 4,500,000,000 is "4.5 billion",
// not "4,500 million".
var englishScales = []struct {
	exp  int
	word string
}{
	{12, "trillion"},
	{9, "billion"},
	{6, "million"},
}

// englishScaled writes d with a scale word when d is at least a million and
// the scaled number needs at most three decimals; "1.2345 billion" would be
// harder to read than the digits.
func (d decimal) englishScaled() string {
	for _, s := range englishScales {
		if len(d.ints) > s.exp {
			if m := d.shift(-s.exp); len(m.frac) <= 3 {
				return m.english() + " " + s.word
			}
			break
		}
	}
	return d.english()
}

// myriads are the Japanese units of four digits, largest first. Everything
// above 兆 stays in the 兆 group (12,345兆): 京 is not used for money.
var myriads = []struct {
	exp  int
	unit string
}{
	{12, "兆"},
	{8, "億"},
	{4, "万"},
}

// japanese writes d in groups of four digits, each with its unit and with
// thousands separators inside: 125000000 is "1億2,500万", 13800000 is
// "1,380万". Zero groups are left out. Decimals go with the last group.
func (d decimal) japanese() string {
	var b strings.Builder
	if d.neg {
		b.WriteString("-")
	}
	wrote := false
	ints := d.ints
	for _, m := range myriads {
		if len(ints) <= m.exp {
			continue
		}
		head := strings.TrimLeft(ints[:len(ints)-m.exp], "0")
		ints = ints[len(ints)-m.exp:]
		if head != "" {
			b.WriteString(thousands(head))
			b.WriteString(m.unit)
			wrote = true
		}
	}
	rest := strings.TrimLeft(ints, "0")
	if rest != "" || d.frac != "" || !wrote {
		if rest == "" {
			rest = "0"
		}
		b.WriteString(thousands(rest))
		if d.frac != "" {
			b.WriteString("." + d.frac)
		}
	}
	return b.String()
}

// thousands puts a comma between groups of three digits: "181000" -> "181,000".
func thousands(ints string) string {
	if len(ints) <= 3 {
		return ints
	}
	var b strings.Builder
	head := len(ints) % 3
	if head == 0 {
		head = 3
	}
	b.WriteString(ints[:head])
	for i := head; i < len(ints); i += 3 {
		b.WriteString(",")
		b.WriteString(ints[i : i+3])
	}
	return b.String()
}
