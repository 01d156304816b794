package numbers

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// found is the part of a Number that a test states; Offset is checked for
// every Number by checkNumbers.
type found struct {
	text   string
	value  float64
	kind   Kind
	unit   string
	approx bool
}

func (f found) String() string {
	s := fmt.Sprintf("%q=%s:%v", f.text, f.kind, f.value)
	if f.unit != "" {
		s += ":" + f.unit
	}
	if f.approx {
		s += ":approx"
	}
	return s
}

func summarize(ns []Number) []found {
	fs := []found{}
	for _, n := range ns {
		fs = append(fs, found{n.Text, n.Value, n.Kind, n.Unit, n.Approx})
	}
	return fs
}

// checkNumbers checks the invariants of Extract's result: each Text is the
// input at its Offset, values are finite and not negative, numbers do not
// overlap, and a unit goes with Money only.
func checkNumbers(t *testing.T, text, lang string, ns []Number) {
	t.Helper()
	end := 0
	for _, n := range ns {
		switch {
		case n.Text == "":
			t.Errorf("Extract(%q, %q): empty Text in %+v", text, lang, n)
		case n.Offset < end || n.Offset+len(n.Text) > len(text) || text[n.Offset:n.Offset+len(n.Text)] != n.Text:
			t.Errorf("Extract(%q, %q): Text %q is not the input at Offset %d (after %d)", text, lang, n.Text, n.Offset, end)
		case math.IsNaN(n.Value) || math.IsInf(n.Value, 0) || n.Value < 0:
			t.Errorf("Extract(%q, %q): Value of %q is %v", text, lang, n.Text, n.Value)
		case (n.Kind == Money) != (n.Unit != ""):
			t.Errorf("Extract(%q, %q): %q is %s with unit %q", text, lang, n.Text, n.Kind, n.Unit)
		default:
			end = n.Offset + len(n.Text)
		}
	}
}

type extractTest struct {
	name string
	lang string
	text string
	want []found
}

var extractTests = []extractTest{
	// English: digits, scales, currencies, percentages.
	{"en thousands separators", "en", "1,300 people and 8,140 personnel",
		[]found{{"1,300", 1300, Plain, "", false}, {"8,140", 8140, Plain, "", false}}},
	{"en no separator", "en", "8140 Self-Defense Forces personnel",
		[]found{{"8140", 8140, Plain, "", false}}},
	{"en decimal with scale", "en", "a population of 13.8 million",
		[]found{{"13.8 million", 13800000, Plain, "", false}}},
	{"en billion U.S. dollars", "en", "4.5 billion U.S. dollars",
		[]found{{"4.5 billion U.S. dollars", 4500000000, Money, "usd", false}}},
	{"en million U.S. dollars", "en", "38.6 million U.S. dollars",
		[]found{{"38.6 million U.S. dollars", 38600000, Money, "usd", false}}},
	{"en US dollars across a line break", "en", "38.6 million US\ndollars",
		[]found{{"38.6 million US\ndollars", 38600000, Money, "usd", false}}},
	{"en US$ prefix", "en", "US$100 million",
		[]found{{"US$100 million", 100000000, Money, "usd", false}}},
	{"en $ prefix", "en", "$750 million",
		[]found{{"$750 million", 750000000, Money, "usd", false}}},
	{"en other dollar is not usd", "en", "A$750 million",
		[]found{{"750 million", 750000000, Plain, "", false}}},
	{"en US$ without scale", "en", "GDP per capita of US$354",
		[]found{{"US$354", 354, Money, "usd", false}}},
	{"en small amount of money kept", "en", "US$5",
		[]found{{"US$5", 5, Money, "usd", false}}},
	{"en billion yen", "en", "20 billion yen",
		[]found{{"20 billion yen", 20000000000, Money, "jpy", false}}},
	{"en yen sign", "en", "¥33.5 billion",
		[]found{{"¥33.5 billion", 33500000000, Money, "jpy", false}}},
	{"en full-width yen sign", "en", "￥400 million",
		[]found{{"￥400 million", 400000000, Money, "jpy", false}}},
	{"en thousand", "en", "25 thousand",
		[]found{{"25 thousand", 25000, Plain, "", false}}},
	{"en trillion", "en", "1.2 trillion yen",
		[]found{{"1.2 trillion yen", 1200000000000, Money, "jpy", false}}},
	{"en scale word must be a word", "en", "4.5 billions",
		[]found{}},
	{"en percent sign", "en", "90% of voters",
		[]found{{"90%", 90, Percent, "", false}}},
	{"en percent word", "en", "20 percent",
		[]found{{"20 percent", 20, Percent, "", false}}},
	{"en per cent", "en", "20 per cent",
		[]found{{"20 per cent", 20, Percent, "", false}}},
	{"en small percentage kept", "en", "5%",
		[]found{{"5%", 5, Percent, "", false}}},

	// English approximations.
	{"en about", "en", "about 38.6 million U.S. dollars",
		[]found{{"about 38.6 million U.S. dollars", 38600000, Money, "usd", true}}},
	{"en About at a sentence start", "en", "About 1,300 people",
		[]found{{"About 1,300", 1300, Plain, "", true}}},
	{"en approximately", "en", "approximately 1,300", []found{{"approximately 1,300", 1300, Plain, "", true}}},
	{"en around", "en", "around 1,300", []found{{"around 1,300", 1300, Plain, "", true}}},
	{"en roughly", "en", "roughly 1,300", []found{{"roughly 1,300", 1300, Plain, "", true}}},
	{"en some", "en", "some 1,300 personnel", []found{{"some 1,300", 1300, Plain, "", true}}},
	{"en nearly", "en", "nearly 20%", []found{{"nearly 20%", 20, Percent, "", true}}},
	{"en almost", "en", "almost 1,300", []found{{"almost 1,300", 1300, Plain, "", true}}},
	{"en more than", "en", "more than 25,000 small arms", []found{{"more than 25,000", 25000, Plain, "", true}}},
	{"en over", "en", "over US$4.5 billion", []found{{"over US$4.5 billion", 4500000000, Money, "usd", true}}},
	{"en exceeding", "en", "exceeding 1,300", []found{{"exceeding 1,300", 1300, Plain, "", true}}},
	{"en at least", "en", "at least 1,300", []found{{"at least 1,300", 1300, Plain, "", true}}},
	{"en up to", "en", "up to ¥33.5 billion", []found{{"up to ¥33.5 billion", 33500000000, Money, "jpy", true}}},
	{"en approximation word must be a word", "en", "the handsome 1,300", []found{{"1,300", 1300, Plain, "", false}}},

	// English dates.
	{"en year", "en", "in 2006 Japan", []found{{"2006", 2006, Year, "", false}}},
	{"en month", "en", "as of December 2006", []found{{"December 2006", 200612, Month, "", false}}},
	{"en months and", "en", "in April and May 2006", []found{{"April", 200604, Month, "", false}, {"May 2006", 200605, Month, "", false}}},
	{"en months dash", "en", "April–May 2006", []found{{"April", 200604, Month, "", false}, {"May 2006", 200605, Month, "", false}}},
	{"en months of two years", "en", "from April 2005 to May 2006", []found{{"April 2005", 200504, Month, "", false}, {"May 2006", 200605, Month, "", false}}},
	{"en years shortened", "en", "in 2004-06 and 1998–99", []found{{"2004", 2004, Year, "", false}, {"06", 2006, Year, "", false}, {"1998", 1998, Year, "", false}, {"99", 1999, Year, "", false}}},
	{"en fiscal years shortened", "en", "in FY2004-05", []found{{"FY2004", 2004, Year, "", false}, {"05", 2005, Year, "", false}}},
	{"en a year and two digits that end no range", "en", "2004-06-01 and 2006-05", []found{{"2004-06-01", 20040601, Day, "", false}, {"2006", 2006, Year, "", false}}},
	{"en a day's month is no range", "en", "on 1 April and May 2006", []found{{"May 2006", 200605, Month, "", false}}},
	{"en no month before", "en", "Japan and May 2006", []found{{"May 2006", 200605, Month, "", false}}},
	{"en day month year", "en", "on 23 October 1991", []found{{"23 October 1991", 19911023, Day, "", false}}},
	{"en month day, year", "en", "on October 23, 1991", []found{{"October 23, 1991", 19911023, Day, "", false}}},
	{"en March 19, 2003", "en", "March 19, 2003", []found{{"March 19, 2003", 20030319, Day, "", false}}},
	{"en FY with space", "en", "FY 2005", []found{{"FY 2005", 2005, Year, "", false}}},
	{"en FY glued", "en", "FY2005 budget", []found{{"FY2005", 2005, Year, "", false}}},
	{"en year range with hyphen", "en", "2003-2005",
		[]found{{"2003", 2003, Year, "", false}, {"2005", 2005, Year, "", false}}},
	{"en year range with en dash", "en", "2003–2005",
		[]found{{"2003", 2003, Year, "", false}, {"2005", 2005, Year, "", false}}},
	{"en through", "en", "2004 through 2006",
		[]found{{"2004", 2004, Year, "", false}, {"2006", 2006, Year, "", false}}},
	{"en between", "en", "between 2000 and 2005",
		[]found{{"2000", 2000, Year, "", false}, {"2005", 2005, Year, "", false}}},
	{"en ISO date", "en", "updated 2006-12-31.", []found{{"2006-12-31", 20061231, Day, "", false}}},
	{"en lower-case may is no month", "en", "it may 2006", []found{{"2006", 2006, Year, "", false}}},
	{"en four digits out of the year range", "en", "1300 personnel", []found{{"1300", 1300, Plain, "", false}}},
	{"en separators make no year", "en", "2,000 troops", []found{{"2,000", 2000, Plain, "", false}}},
	{"en sentence ends after a year", "en", "It ended in 2006. Then 1,300 left.",
		[]found{{"2006", 2006, Year, "", false}, {"1,300", 1300, Plain, "", false}}},
	{"en comma list", "en", "1,300, 2,000 and 3,000",
		[]found{{"1,300", 1300, Plain, "", false}, {"2,000", 2000, Plain, "", false}, {"3,000", 3000, Plain, "", false}}},

	// Japanese.
	{"ja people", "ja", "1,300人", []found{{"1,300", 1300, Plain, "", false}}},
	{"ja people in man", "ja", "1,380万人", []found{{"1,380万", 13800000, Plain, "", false}}},
	{"ja usd oku", "ja", "45億ドル", []found{{"45億ドル", 4500000000, Money, "usd", false}}},
	{"ja usd man", "ja", "3,860万ドル", []found{{"3,860万ドル", 38600000, Money, "usd", false}}},
	{"ja beikoku dollars", "ja", "45億米ドル", []found{{"45億米ドル", 4500000000, Money, "usd", false}}},
	{"ja US$ sign", "ja", "US$45億", []found{{"US$45億", 4500000000, Money, "usd", false}}},
	{"ja small amount", "ja", "354ドル", []found{{"354ドル", 354, Money, "usd", false}}},
	{"ja jpy oku", "ja", "335億円", []found{{"335億円", 33500000000, Money, "jpy", false}}},
	{"ja jpy 4 oku", "ja", "4億円", []found{{"4億円", 400000000, Money, "jpy", false}}},
	{"ja mixed oku and man", "ja", "1億2,500万", []found{{"1億2,500万", 125000000, Plain, "", false}}},
	{"ja mixed man and units", "ja", "18万1,000 km²", []found{{"18万1,000", 181000, Plain, "", false}}},
	{"ja area set against its number", "ja", "面積18万1,000km²、1万4,874km²", []found{{"18万1,000", 181000, Plain, "", false}, {"1万4,874", 14874, Plain, "", false}}},
	{"ja km2 glued is a name", "ja", "50km2", nil},
	{"ja cho and oku", "ja", "1兆5,000億円", []found{{"1兆5,000億円", 1500000000000, Money, "jpy", false}}},
	{"ja decimal before a unit", "ja", "4.5億ドル", []found{{"4.5億ドル", 450000000, Money, "usd", false}}},
	{"ja sen man", "ja", "3千万円", []found{{"3千万円", 30000000, Money, "jpy", false}}},
	{"ja man sen", "ja", "2万5千丁", []found{{"2万5千", 25000, Plain, "", false}}},
	{"ja era gloss in the year", "ja", "日本は2004（平成16）年4月に", []found{{"2004（平成16）年4月", 200404, Month, "", false}}},
	{"ja era gloss after the year", "ja", "2004年（平成16年）4月", []found{{"2004年（平成16年）4月", 200404, Month, "", false}}},
	{"ja era gloss half-width", "ja", "2004(平成16)年", []found{{"2004(平成16)年", 2004, Year, "", false}}},
	{"ja era gloss of another year", "ja", "2004（平成17）年", []found{{"2004", 2004, Year, "", false}, {"17", 17, Plain, "", false}}},
	// A line break inside a paragraph joins Japanese text (the page shows none): a date or
	// an amount wrapped over two lines is one number.
	{"ja date over two lines", "ja", "1991年\n10月に", []found{{"1991年\n10月", 199110, Month, "", false}}},
	{"ja amount over two lines", "ja", "2万\n5,000人", []found{{"2万\n5,000", 25000, Plain, "", false}}},
	{"ja paragraphs stay apart", "ja", "1991年\n\n10月に", []found{{"1991年", 1991, Year, "", false}}},
	{"ja a heading ends its line", "ja", "## 2万\n5,000人", []found{{"2万", 20000, Plain, "", false}, {"5,000", 5000, Plain, "", false}}},
	{"ja a list item starts a line", "ja", "1991年\n- 10月に", []found{{"1991年", 1991, Year, "", false}}},
	{"en lines stay apart", "en", "in 2004\n2005 was", []found{{"2004", 2004, Year, "", false}, {"2005", 2005, Year, "", false}}},
	{"ja an item's line wrapped", "ja", "- 2万\n  5,000人を", []found{{"2万\n  5,000", 25000, Plain, "", false}}},
	{"ja a quote's line wrapped", "ja", "> 2万\n> 5,000人", []found{{"2万\n> 5,000", 25000, Plain, "", false}}},
	{"ja a hard break stays", "ja", "2万\\\n5,000人", []found{{"2万", 20000, Plain, "", false}, {"5,000", 5000, Plain, "", false}}},
	{"ja a number before a joined break ends there", "ja", "1991年\nに", []found{{"1991年", 1991, Year, "", false}}},
	{"ja units out of order end the number", "ja", "1万2万", []found{{"1万2", 10002, Plain, "", false}}},
	{"ja percent", "ja", "20%", []found{{"20%", 20, Percent, "", false}}},
	{"ja full-width percent", "ja", "20％", []found{{"20％", 20, Percent, "", false}}},
	{"ja percent word", "ja", "20パーセント", []found{{"20パーセント", 20, Percent, "", false}}},
	{"ja full-width digits", "ja", "１，３００人", []found{{"１，３００", 1300, Plain, "", false}}},
	{"ja full-width decimal", "ja", "３８．６万", []found{{"３８．６万", 386000, Plain, "", false}}},
	{"ja items mixed", "ja", "2万5,000丁", []found{{"2万5,000", 25000, Plain, "", false}}},

	// Japanese approximations.
	{"ja yaku", "ja", "約3,860万ドル", []found{{"約3,860万ドル", 38600000, Money, "usd", true}}},
	{"ja oyoso", "ja", "およそ1,300人", []found{{"およそ1,300", 1300, Plain, "", true}}},
	{"ja saidai", "ja", "最大45億ドル", []found{{"最大45億ドル", 4500000000, Money, "usd", true}}},
	{"ja ijou", "ja", "45億ドル以上", []found{{"45億ドル以上", 4500000000, Money, "usd", true}}},
	{"ja ijou after a counter", "ja", "2万5,000丁以上", []found{{"2万5,000丁以上", 25000, Plain, "", true}}},
	{"ja chou", "ja", "45億ドル超", []found{{"45億ドル超", 4500000000, Money, "usd", true}}},
	{"ja wo koeru", "ja", "1万人を超える", []found{{"1万人を超", 10000, Plain, "", true}}},
	{"ja amari", "ja", "3,000人余り", []found{{"3,000人余り", 3000, Plain, "", true}}},
	{"ja chikaku", "ja", "1,000人近く", []found{{"1,000人近く", 1000, Plain, "", true}}},
	{"ja ijou after a katakana counter", "ja", "100カ国以上", []found{{"100カ国以上", 100, Plain, "", true}}},
	{"ja counter of four letters is too long", "ja", "100カ国地域以上", []found{{"100", 100, Plain, "", false}}},

	// Japanese dates.
	{"ja year", "ja", "2006年に", []found{{"2006年", 2006, Year, "", false}}},
	{"ja month", "ja", "2006年12月現在", []found{{"2006年12月", 200612, Month, "", false}}},
	{"ja day", "ja", "1991年10月23日", []found{{"1991年10月23日", 19911023, Day, "", false}}},
	{"ja full-width month", "ja", "２００６年１２月", []found{{"２００６年１２月", 200612, Month, "", false}}},
	{"ja fiscal year", "ja", "2005年度", []found{{"2005年度", 2005, Year, "", false}}},
	{"ja heisei", "ja", "平成18年", []found{{"平成18年", 2006, Year, "", false}}},
	{"ja showa day", "ja", "昭和20年8月15日", []found{{"昭和20年8月15日", 19450815, Day, "", false}}},
	{"ja reiwa", "ja", "令和元年と令和2年", []found{{"令和2年", 2020, Year, "", false}}},
	{"ja year range", "ja", "2003～2005年",
		[]found{{"2003", 2003, Year, "", false}, {"2005年", 2005, Year, "", false}}},
	{"ja impossible month leaves the year", "ja", "2006年13月", []found{{"2006年", 2006, Year, "", false}}},
	{"ja years shortened", "ja", "2004～06年と1998年から99年まで", []found{{"2004", 2004, Year, "", false}, {"06年", 2006, Year, "", false}, {"1998年", 1998, Year, "", false}, {"99年", 1999, Year, "", false}}},
	{"ja era years shortened", "ja", "平成16年から18年まで", []found{{"平成16年", 2004, Year, "", false}, {"18年", 2006, Year, "", false}}},
	// から also starts a length of time: ten years, not the year 2010.
	{"ja a length of time after a year", "ja", "2004年から10年間、2001年から15年で、2004～10年間", []found{{"2004年", 2004, Year, "", false}, {"10", 10, Plain, "", false}, {"2001年", 2001, Year, "", false}, {"15", 15, Plain, "", false}, {"2004", 2004, Year, "", false}, {"10", 10, Plain, "", false}}},
	{"ja two digits without 年 are no year", "ja", "2004～06件", []found{{"2004", 2004, Year, "", false}}},
	{"ja months of a year", "ja", "2006年4～5月", []found{{"2006年4", 200604, Month, "", false}, {"5月", 200605, Month, "", false}}},
	{"ja month to month", "ja", "2006年4月から5月", []found{{"2006年4月", 200604, Month, "", false}, {"5月", 200605, Month, "", false}}},
	{"ja month range backwards is no range", "ja", "2006年5月～4月", []found{{"2006年5月", 200605, Month, "", false}}},
	{"ja year no number", "ja", "2006年の選挙", []found{{"2006年", 2006, Year, "", false}}},
	{"ja impossible day leaves the month", "ja", "2006年4月31日", []found{{"2006年4月", 200604, Month, "", false}}},
	{"ja year then a count", "ja", "2006年1,200人", []found{{"2006年", 2006, Year, "", false}, {"1,200", 1200, Plain, "", false}}},
	{"ja years as duration", "ja", "10年以上", []found{{"10年以上", 10, Plain, "", true}}},
	{"ja ISO date", "ja", "2006-12-31更新", []found{{"2006-12-31", 20061231, Day, "", false}}},

	// Markdown.
	{"md link text is read, destination is not", "en", "[1,300 people](cambodia.md#untac-1992) were sent",
		[]found{{"1,300", 1300, Plain, "", false}}},
	{"md image destination", "en", "![Map of 2006](maps/cambodia-2006.png)",
		[]found{{"2006", 2006, Year, "", false}}},
	{"md link destination with parentheses", "en", "[x](https://example.org/a_(2006)/b) 1,300",
		[]found{{"1,300", 1300, Plain, "", false}}},
	{"md bare URL", "en", "See https://www.mofa.go.jp/policy/2006/report-1234.html for 1,300",
		[]found{{"1,300", 1300, Plain, "", false}}},
	{"md URL in Japanese text", "ja", "https://www.mofa.go.jp/2006/x.html参照、1,300人",
		[]found{{"1,300", 1300, Plain, "", false}}},
	{"md list markers", "en", "1. First, 2,000 troops\n2. Second\n10. Tenth\n12) Twelfth",
		[]found{{"2,000", 2000, Plain, "", false}}},
	{"md list marker in a block quote", "en", "> 11. Eleven", []found{{"Eleven", 11, Plain, "", false}}},
	{"md year at a line start is a list marker", "en", "2006. That year", []found{}},
	{"md a wrapped line goes on with its paragraph", "en", "the accord of October\n1991. Then 2,000 troops",
		[]found{{"October\n1991", 199110, Month, "", false}, {"2,000", 2000, Plain, "", false}}},
	{"md a list of 1. interrupts a paragraph", "en", "Steps:\n1. First\n12. Twelfth", []found{}},
	{"md an item after an item", "en", "- one\n12. Twelfth", []found{}},
	{"md an item after a heading", "en", "## Steps\n12. Twelfth", []found{}},
	{"md a wrapped line in a block quote", "en", "> in the year\n> 1991. Then", []found{{"1991", 1991, Year, "", false}}},
	{"md a dash word does not start an item", "en", "-so on\n2006. That year", []found{{"2006", 2006, Year, "", false}}},
	{"md an item after an item's wrapped line", "en", "1. First item\nwraps here.\n12. Twelfth item", []found{}},
	{"md an item after a heading's underline", "en", "Text\n---\n12. Twelfth", []found{}},
	{"md decimal at a line start is a number", "en", "1.5 million voters", []found{{"1.5 million", 1500000, Plain, "", false}}},
	{"md heading id", "en", "## Elections of 2006 {#elections-2006}",
		[]found{{"2006", 2006, Year, "", false}}},
	{"md reference definition", "en", "[mofa]: https://www.mofa.go.jp/2006/a.html\n[r]: report-2006.md \"Report\"", []found{}},
	{"md footnote definition is text", "en", "[^1]: 1,300 people", []found{{"1,300", 1300, Plain, "", false}}},
	{"md table", "en", "| 2006 | 1,300 |\n| --- | --- |\n| 2007 | 25,000 |",
		[]found{{"2006", 2006, Year, "", false}, {"1,300", 1300, Plain, "", false}, {"2007", 2007, Year, "", false}, {"25,000", 25000, Plain, "", false}}},
	{"md emphasis", "en", "**US$4.5 billion**", []found{{"US$4.5 billion", 4500000000, Money, "usd", false}}},
}

// ignoreTests are texts in which Extract finds nothing, one rule each.
// fractionTests are fractions written in words, and their look-alikes that are none.
var fractionTests = []extractTest{
	{"en around half of", "en", "Around half of the conflicts flare up again within five years.",
		[]found{{"Around half", 0.5, Fraction, "", true}}},
	{"en two-thirds", "en", "two-thirds of the budget", []found{{"two-thirds", 2.0 / 3, Fraction, "", false}}},
	{"en a third of", "en", "more than a third of the mines", []found{{"more than a third", 1.0 / 3, Fraction, "", true}}},
	{"en one quarter", "en", "one quarter", []found{{"one quarter", 0.25, Fraction, "", false}}},
	{"en three-quarters", "en", "three-quarters of them", []found{{"three-quarters", 0.75, Fraction, "", false}}},
	{"ja about half", "ja", "紛争の約半数は再発している。", []found{{"約半数", 0.5, Fraction, "", true}}},
	{"ja half", "ja", "予算の半分", []found{{"半分", 0.5, Fraction, "", false}}},
	{"ja digits", "ja", "予算の3分の2以上", []found{{"3分の2以上", 2.0 / 3, Fraction, "", true}}},
	{"ja kanji", "ja", "三分の一", []found{{"三分の一", 1.0 / 3, Fraction, "", false}}},
	{"ja full-width", "ja", "４分の３", []found{{"４分の３", 0.75, Fraction, "", false}}},
	// None of these is a fraction.
	{"en half without of", "en", "a half-day workshop and half the time", nil},
	{"en first half of", "en", "the first half of 2006", []found{{"2006", 2006, Year, "", false}}},
	{"en a third country", "en", "a third country and a third round", nil},
	{"en behalf", "en", "on behalf of the people", nil},
	{"ja majority", "ja", "過半数の賛成", nil},
	{"ja peninsula", "ja", "半島と半年", nil},
	{"ja minutes", "ja", "30分の会合", []found{{"30", 30, Plain, "", false}}},
	{"ja not a proper fraction", "ja", "3分の5", nil},
}

func TestExtractFractions(t *testing.T) {
	runExtractTests(t, fractionTests)
}

var ignoreTests = []extractTest{
	{"en small count", "en", "5 people", nil},
	{"en small decimal", "en", "3.5 times", nil},
	{"en number words below ten", "en", "three pillars and nine of them", nil},
	{"en glued to letters before", "en", "G8 and UNSCR1325", nil},
	{"en ordinal", "en", "the 6th and 12th rounds", nil},
	{"en decade", "en", "the 1990s", nil},
	{"en unit glued", "en", "an A4 page, 50km2", nil},
	{"en scale glued", "en", "US$4.5bn", nil},
	{"en page", "en", "p. 12", nil},
	{"en page glued", "en", "p.12", nil},
	{"en page range", "en", "pp. 12-15", nil},
	{"en day without year", "en", "on 23 October and on October 24", nil},
	{"ja ordinal", "ja", "第6回、第12回", nil},
	{"ja small count", "ja", "3つ、5人", nil},
	{"ja kanji words that are no numbers", "ja", "三つの柱、一部、十分な支援、唯一の国、数千人、万一", nil},
	{"ja month and day without year", "ja", "12月5日と6月", nil},
	{"ja decade", "ja", "1990年代", nil},
	{"ja glued to Latin letters", "ja", "G8サミット、ＵＮＳＣＲ１３２５", nil},
	{"ja era year in kanji", "ja", "平成元年", nil},
	{"ja anniversary and other ordinals", "ja", "国連加盟50周年、12回目、10番目、20度目", nil},
	{"empty", "en", "", nil},
}

// rangeTests are ranges whose first number takes the scale and unit written
// after the second, and look-alikes that are no range.
var rangeTests = []extractTest{
	{"en range takes scale and currency", "en", "5 to 10 billion yen",
		[]found{{"5", 5e9, Money, "jpy", false}, {"10 billion yen", 1e10, Money, "jpy", false}}},
	{"en range takes percent", "en", "10-15%",
		[]found{{"10", 10, Percent, "", false}, {"15%", 15, Percent, "", false}}},
	{"en and only after between", "en", "in 2005 and US$10 million",
		[]found{{"2005", 2005, Year, "", false}, {"US$10 million", 1e7, Money, "usd", false}}},
	{"en larger first number takes no scale", "en", "300 or 15 million people",
		[]found{{"300", 300, Plain, "", false}, {"15 million", 15e6, Plain, "", false}}},
	{"en comma is no range", "en", "1,300 people, 15 billion yen",
		[]found{{"1,300", 1300, Plain, "", false}, {"15 billion yen", 15e9, Money, "jpy", false}}},
	{"ja range takes scale and currency", "ja", "10～15億円",
		[]found{{"10", 1e9, Money, "jpy", false}, {"15億円", 15e8, Money, "jpy", false}}},
	{"ja two groups give no scale", "ja", "10～1億2,500万円",
		[]found{{"10", 10, Money, "jpy", false}, {"1億2,500万円", 125e6, Money, "jpy", false}}},
	{"ja year range stays years", "ja", "2003～2005年",
		[]found{{"2003", 2003, Year, "", false}, {"2005年", 2005, Year, "", false}}},
}

func TestExtractRanges(t *testing.T) {
	runExtractTests(t, rangeTests)
}

func runExtractTests(t *testing.T, tests []extractTest) {
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Extract(tt.text, tt.lang)
			checkNumbers(t, tt.text, tt.lang, got)
			want := tt.want
			if want == nil {
				want = []found{}
			}
			if g := summarize(got); !slices.Equal(g, want) {
				t.Errorf("Extract(%q, %q)\n got %v\nwant %v", tt.text, tt.lang, g, want)
			}
		})
	}
}

func TestExtract(t *testing.T) {
	runExtractTests(t, extractTests)
}

func TestExtractIgnores(t *testing.T) {
	runExtractTests(t, ignoreTests)
}

func TestExtractOffsets(t *testing.T) {
	text := "２００６年、約3,860万ドル"
	got := Extract(text, "ja")
	var offsets []int
	for _, n := range got {
		offsets = append(offsets, n.Offset)
	}
	want := []int{0, len("２００６年、")}
	if !slices.Equal(offsets, want) {
		t.Errorf("Extract(%q, %q) offsets = %v, want %v", text, "ja", offsets, want)
	}
}

// TestTranslationPairs checks that an English text and its Japanese
// translation give Equal numbers, with the same Approx flags unless the
// translation drops the approximation.
func TestTranslationPairs(t *testing.T) {
	tests := []struct {
		name          string
		en, ja        string
		approxDiffers bool
	}{
		{"billion dollars", "4.5 billion U.S. dollars", "45億ドル", false},
		{"about million dollars", "about 38.6 million U.S. dollars", "約3,860万ドル", false},
		{"billion yen", "33.5 billion yen", "335億円", false},
		{"yen sign", "¥33.5 billion", "335億円", false},
		{"month", "December 2006", "2006年12月", false},
		{"personnel", "8140 Self-Defense Forces personnel", "8,140人", false},
		{"population", "13.8 million", "1,380万", false},
		{"more than items", "more than 25,000 small arms", "2万5,000丁以上", false},
		{"items without approximation", "more than 25,000 small arms", "25,000丁", true},
		{"percent", "20 percent", "20%", false},
		{"full-width percent", "20%", "２０％", false},
		{"day first", "23 October 1991", "1991年10月23日", false},
		{"month first", "October 23, 1991", "1991年10月23日", false},
		{"fiscal year", "FY 2005", "2005年度", false},
		{"era year", "in 2006", "平成18年", false},
		{"area", "181,000 km²", "18万1,000 km²", false},
		{"mixed units", "US$125 million", "1億2,500万ドル", false},
		{"year or count", "2000 troops", "2,000人", false},
		{"year range", "2003-2005", "2003～2005年", false},
		{"ordinal", "the sixth round", "第6回", false},
		{"anniversary", "the 50th anniversary", "50周年", false},
		{"range with the unit at the end", "from 10 billion to 15 billion yen", "100億円から150億円", false},
		{"range with the scale at the end", "10 to 15 billion yen", "100億～150億円", false},
		{"ja range with the scale at the end", "10 billion to 15 billion yen", "100～150億円", false},
		{"range from a small number", "5 to 10 billion yen", "50億円から100億円", false},
		{"between", "between 5 and 10 million U.S. dollars", "500万～1,000万ドル", false},
		{"percent range", "10-15%", "10～15%", false},
		{"small count", "three pillars", "3つの柱", false},
		{"about half", "around half of the conflicts", "紛争の約半数", false},
		{"two-thirds", "two-thirds of the budget", "予算の3分の2", false},
		{"number words", "approximately twenty percent", "約20%", false},
		{"number word with a hyphen", "a ten-year conflict", "10年に及ぶ紛争", false},
		{"twenty-five", "twenty-five countries", "25か国", false},
		{"kanji count", "1,300 personnel", "千三百人", false},
		{"kanji count with myriad", "60 million U.S. dollars", "六千万ドル", false},
		{"kanji month", "January 2007", "二〇〇七年一月", false},
		// Two months of one year, as a translator writes them (a translator's trial).
		{"years shortened", "from 2004 to 2006", "2004～06年に", false},
		{"years shortened, from", "between 2004 and 2006", "2004年から06年まで", false},
		{"fiscal years shortened", "in FY2004-05", "2004～05年度に", false},
		{"months and", "in April and May 2006", "2006年4～5月にかけて", false},
		{"months to", "from April to May 2006", "2006年4月から5月にかけて", false},
		{"months dash", "April–May 2006", "2006年4月～5月", false},
		{"months no", "in April and May 2006", "2006年の4月から5月にかけて", false},
		{"months and, kanji", "April and May 2006", "二〇〇六年四月と五月", false},
		{"kanji count of thousands", "2,000 troops", "二千人", false},
		{"wari", "about 20 percent", "約2割", false},
		{"wari and bu", "about 22 percent", "約2割2分", false},
		{"wari, bu and rin", "about 22.5 percent", "約2割2分5厘", false},
		{"teido", "about 1,000 people", "1,000人程度", false},
		{"zengo", "about 1,000 people", "1,000人前後", false},
		{"hodo", "about 1,000 people", "1,000人ほど", false},
		{"kibo", "about 1,000 people", "1,000人規模", false},
		{"over, hiragana counter", "more than 15 countries", "15か国以上", false},
		{"over, counter with kana", "more than 30 ways", "30通り以上", false},
		{"amari", "more than 1,000 people", "1,000人あまり", false},
		{"tarazu", "fewer than 1,000 people", "1,000人足らず", false},
		// A particle ends the counter: 規模 here is the projects' size, not "about".
		{"kibo after a particle", "113 small projects", "113件の小規模事業", false},
		{"about after a particle is not about", "about 113 projects", "113件の小規模事業", true},
		// 強 starting a word (強制, forced) is no marker.
		{"kyo starting a word", "30,000 people deported", "3万人強制送還", false},
		{"kyo starting a word is not over", "more than 30,000 people deported", "3万人強制送還", true},
		{"kyo", "more than 20 percent", "2割強", false},
		{"uwamawaru", "more than 1,000 people", "1,000人を上回る", false},
		{"miman", "fewer than 1,000", "1,000未満", false},
		{"ika", "less than 15 percent", "15％以下", false},
		{"about is not more than", "more than 400 million yen", "約4億円", true},
		{"more than is not about", "about 400 million yen", "4億円以上", true},
		{"sentence", "Japan sent some 1,300 personnel to UNTAC in 1992 and pledged US$100 million.",
			"日本は1992年にUNTACへ約1,300人を派遣し、1億ドルを拠出した。", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			en, ja := Extract(tt.en, "en"), Extract(tt.ja, "ja")
			// Word order differs between the languages: match each English
			// number with an unused Japanese one.
			used := make([]bool, len(ja))
			for _, e := range en {
				i := -1
				for k, j := range ja {
					if !used[k] && Equal(e, j) {
						i = k
						break
					}
				}
				if i < 0 {
					t.Errorf("%v of %q has no Equal number in Extract(%q, \"ja\") = %v", summarize([]Number{e}), tt.en, tt.ja, summarize(ja))
					continue
				}
				used[i] = true
				if (e.Approx != ja[i].Approx || e.Bound != ja[i].Bound) != tt.approxDiffers {
					t.Errorf("Approx of %q is %v (%q), of %q %v (%q)", e.Text, e.Approx, e.Bound, ja[i].Text, ja[i].Approx, ja[i].Bound)
				}
			}
			for i, j := range ja {
				if !used[i] {
					t.Errorf("%v of %q has no Equal number in Extract(%q, \"en\") = %v", summarize([]Number{j}), tt.ja, tt.en, summarize(en))
				}
			}
		})
	}
}

func TestEqual(t *testing.T) {
	usd := func(v float64) Number { return Number{Value: v, Kind: Money, Unit: "usd"} }
	tests := []struct {
		name string
		a, b Number
		want bool
	}{
		{"same money", usd(4.5e9), usd(4500000000), true},
		{"float rounding", usd(0.1 + 0.2), usd(0.3), true},
		{"different value", usd(4.5e9), usd(4.6e9), false},
		{"different currency", usd(4.5e9), Number{Value: 4.5e9, Kind: Money, Unit: "jpy"}, false},
		{"money and count", usd(1300), Number{Value: 1300}, false},
		{"approx and text ignored", Number{Value: 1300, Approx: true, Text: "about 1,300"}, Number{Value: 1300, Text: "1,300"}, true},
		{"year and plain alike", Number{Value: 2000, Kind: Year}, Number{Value: 2000}, true},
		{"year and month differ", Number{Value: 2006, Kind: Year}, Number{Value: 2006, Kind: Month}, false},
		{"percent and plain differ", Number{Value: 20, Kind: Percent}, Number{Value: 20}, false},
		{"zero", Number{}, Number{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Equal(tt.a, tt.b); got != tt.want {
				t.Errorf("Equal(%+v, %+v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestNumberDate(t *testing.T) {
	for _, s := range []string{"2006", "2006-12", "1991-10-23"} {
		want, _ := ParseDate(s)
		for _, lang := range []string{"en", "ja"} {
			text := want.Format(lang)
			ns := Extract(text, lang)
			if len(ns) != 1 {
				t.Errorf("Extract(%q, %q) = %v, want one date", text, lang, summarize(ns))
				continue
			}
			if got, ok := ns[0].Date(); !ok || got != want {
				t.Errorf("Extract(%q, %q)[0].Date() = %v, %v, want %v, true", text, lang, got, ok, want)
			}
		}
	}
	if d, ok := (Number{Value: 2006}).Date(); ok {
		t.Errorf("Number{Value: 2006}.Date() = %v, true, want false for a Plain number", d)
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{Plain: "plain", Money: "money", Percent: "percent", Year: "year", Month: "month", Day: "day", Fraction: "fraction", Kind(9): "Kind(9)"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
}

var (
	roundTripValues = []float64{
		0.5, 5, 10, 13.8, 20, 99.9, 354, 1000, 1300, 1999, 2006, 8140, 10000, 10000.5, 25000,
		181000, 999999, 1000000, 1100000, 1234567, 7140000, 13800000, 38600000, 100000000,
		125000000, 1234500000, 4500000000, 15000000000, 20000000000, 33500000000,
		1e12, 2.5e13, 1.2345e16, 123456789.123, 1e21,
	}
	roundTripUnits   = []string{"people", "usd", "jpy", "items", "percent"}
	roundTripApproxs = []string{"", "about", "nearly", "over", "up-to"}
)

// roundTrip checks that the figure Figure writes extracts back to its value.
func roundTrip(t *testing.T, v float64, unit, approx, lang string) {
	t.Helper()
	text := Figure(v, unit, approx, lang)
	ns := Extract(text, lang)
	want := Number{Value: v}
	switch unit {
	case "usd", "jpy":
		want.Kind, want.Unit = Money, unit
	case "percent":
		want.Kind = Percent
	default:
		if v < 10 {
			if len(ns) != 0 {
				t.Errorf("Extract(%q, %q) = %v, want nothing: a small count", text, lang, summarize(ns))
			}
			return
		}
	}
	bound := map[string]string{"about": "about", "nearly": "under", "over": "over", "up-to": "up to"}[approx]
	if len(ns) != 1 || !Equal(ns[0], want) || ns[0].Approx != (approx != "") || ns[0].Bound != bound {
		t.Errorf("Extract(Figure(%v, %q, %q, %q) = %q) = %v, want %v (bound %q)", v, unit, approx, lang, text, summarize(ns), v, bound)
	}
}

func TestFigureRoundTrip(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		for _, unit := range roundTripUnits {
			for _, approx := range roundTripApproxs {
				for _, v := range roundTripValues {
					roundTrip(t, v, unit, approx, lang)
				}
			}
		}
	}
}

func TestGroupAreaMillionsRoundTrip(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		for _, v := range roundTripValues {
			if v < 10 {
				continue
			}
			for _, c := range []struct {
				call, text string
				want       float64
			}{
				{"Group", Group(v, lang), v},
				{"Area", Area(v, lang), v},
				{"Millions", Millions(v, lang), v * 1e6},
			} {
				ns := Extract(c.text, lang)
				if len(ns) != 1 || !Equal(ns[0], Number{Value: c.want}) {
					t.Errorf("Extract(%s(%v, %q) = %q) = %v, want %v", c.call, v, lang, c.text, summarize(ns), c.want)
				}
			}
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, tests := range [][]extractTest{extractTests, ignoreTests} {
		for _, tt := range tests {
			f.Add(tt.text, tt.lang == "ja")
		}
	}
	f.Add("約\xff3,860万ドル", true)
	f.Add("99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999兆", true)
	f.Add("1e400 "+strings.Repeat("9", 400)+" trillion", false)
	f.Fuzz(func(t *testing.T, text string, ja bool) {
		lang := "en"
		if ja {
			lang = "ja"
		}
		checkNumbers(t, text, lang, Extract(text, lang))
	})
}

func FuzzFigureRoundTrip(f *testing.F) {
	for _, v := range roundTripValues {
		for u := range roundTripUnits {
			f.Add(v, uint8(u), uint8(u%len(roundTripApproxs)))
		}
	}
	f.Add(5e-324, uint8(1), uint8(0))
	f.Add(math.MaxFloat64, uint8(2), uint8(3))
	f.Fuzz(func(t *testing.T, v float64, unit, approx uint8) {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			t.Skip("figures are finite and not negative")
		}
		u := roundTripUnits[int(unit)%len(roundTripUnits)]
		a := roundTripApproxs[int(approx)%len(roundTripApproxs)]
		for _, lang := range []string{"en", "ja"} {
			roundTrip(t, v, u, a, lang)
		}
	})
}

func TestHasDigit(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"", false},
		{"no digits, 平和構築", false},
		{"in 2006", true},
		{"０", true},
		{"９", true},
		{"／：", false}, // U+FF0F and U+FF1A, either side of the full-width digits
		{"\xef\xbc", false},
	}
	for _, tt := range tests {
		if got := hasDigit(tt.text); got != tt.want {
			t.Errorf("hasDigit(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestKanjiValueAndIsLetter: the fast paths of kanjiValue and isLetter give what their
// definitions say, for every rune.
func TestKanjiValueAndIsLetter(t *testing.T) {
	others := map[rune]int{'零': 0, '十': 10, '百': 100, '千': 1000}
	for c := rune(0); c <= unicode.MaxRune; c++ {
		want := -1
		if i := strings.IndexRune("〇一二三四五六七八九", c); i >= 0 {
			want = i / len("〇")
		} else if v, ok := others[c]; ok {
			want = v
		}
		if got := kanjiValue(c); got != want {
			t.Errorf("kanjiValue(%q) = %d, want %d", c, got, want)
		}
		if got, want := isLetter(c), unicode.Is(unicode.Latin, c); got != want {
			t.Errorf("isLetter(%q) = %v, want %v", c, got, want)
		}
	}
}
