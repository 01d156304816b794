package numbers

import (
	"math"
	"peacebuilding/internal/markdown"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Kind says what a Number counts, and so which numbers of a translation it
// may be compared with.
type Kind int

const (
	Plain    Kind = iota // a count or measure: 1,300, 13.8 million, 18万1,000
	Money                // an amount with Unit "usd" or "jpy"
	Percent              // 20%, 20 percent, 20％
	Year                 // 2006, FY 2005, 2006年, 平成18年: Value is the year
	Month                // December 2006, 2006年12月: Value is year*100 + month
	Day                  // 23 October 1991, 1991年10月23日: Value is year*10000 + month*100 + day
	Fraction             // half of, two-thirds, 半数, 3分の1: Value is the fraction (0.5)
)

var kindNames = [...]string{"plain", "money", "percent", "year", "month", "day", "fraction"}

func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "Kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// A Number is a number found in a text.
type Number struct {
	Value  float64 // the full value: "4.5 billion" is 4.5e9; dates are encoded as their Kind says
	Kind   Kind
	Unit   string // "usd" or "jpy" for Money, "" otherwise
	Approx bool   // written with a marker such as "about", "over", 約 or 以上
	// Bound says which marker: "about" (about, 約, 程度, 前後), "over" (more than,
	// 以上, を超える, 強), "under" (nearly, 近く, 弱, 未満) or "up to" (最大); "" when exact.
	Bound  string
	Text   string // the source text matched, markers included: "about US$38.6 million"
	Offset int    // the byte offset of Text in the input
}

// Date returns the date of a Year, Month or Day number.
func (n Number) Date() (Date, bool) {
	v := int(n.Value)
	switch n.Kind {
	case Year:
		return Date{Year: v}, true
	case Month:
		return Date{Year: v / 100, Month: v % 100}, true
	case Day:
		return Date{Year: v / 10000, Month: v / 100 % 100, Day: v % 100}, true
	}
	return Date{}, false
}

// Equal reports whether a and b are the same number: the same value, up to
// the rounding of float64, of the same kind and unit. Text and Approx are
// not compared: "about 38.6 million" and 3,860万 are equal, and a check can
// compare Approx itself.
//
// Plain and Year are alike: whether "2000" is a year or 2,000 troops is a
// guess (see the package comment), and a translation that writes 2,000人
// for "2000 troops" is right.
func Equal(a, b Number) bool {
	return a.Kind.compared() == b.Kind.compared() && a.Unit == b.Unit && closeTo(a.Value, b.Value)
}

func (k Kind) compared() Kind {
	if k == Year {
		return Plain
	}
	return k
}

// closeTo allows for the last bits of a float64: 1億2,500万 is summed from
// its groups, 125000000 is parsed in one piece.
func closeTo(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

// Extract returns the numbers of a Markdown text written in lang ("en" or
// "ja"; anything else reads as English), in the order they appear. The
// package comment lists what it reads and what it leaves out.
func Extract(text, lang string) []Number {
	ja := lang == "ja"
	fractions := hasFractionWord(text, ja)
	if !hasDigit(text) && !(ja && hasKanjiNumeral(text)) && !(!ja && hasNumberWord(text)) && !fractions {
		return nil // most titles and many sections: no need to read them as runes
	}
	s := scanners.Get().(*scanner)
	defer s.release()
	s.reset(text, ja)
	for i := 0; i < len(s.r); {
		if fractions {
			if m, ok := s.fractionAt(i); ok {
				i = s.add(m)
				continue
			}
		}
		if t, ok := s.numberAt(i); ok {
			i = s.read(t)
		} else {
			i++
		}
	}
	s.ranges()
	if len(s.out) == 0 {
		return nil
	}
	// Small counts are words in English ("three pillars") and digits or
	// kanji in Japanese (3つ, 三つ): they would never match. They are dropped
	// only now, since the first number of a range ("5 to 10 billion yen")
	// takes the scale and unit of the second.
	kept := 0
	for _, n := range s.out {
		if n.Kind != Plain || n.Value >= 10 {
			kept++
		}
	}
	out := make([]Number, 0, kept)
	for _, n := range s.out {
		if n.Kind != Plain || n.Value >= 10 {
			out = append(out, n)
		}
	}
	return out
}

// hasDigit reports whether text has a digit, ASCII or full-width (U+FF10 to
// U+FF19, EF BC 90 to EF BC 99 in UTF-8): every number starts with one.
func hasDigit(text string) bool {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c >= '0' && c <= '9':
			return true
		case c == 0xEF && i+2 < len(text) && text[i+1] == 0xBC && text[i+2] >= 0x90 && text[i+2] <= 0x99:
			return true
		}
	}
	return false
}

// scanner holds the text as runes, folded for matching (full-width digits
// and letters become ASCII) and with Markdown link destinations, URLs and
// list markers blanked out. off maps each rune back to its byte offset, so
// that a Number's Text is always the input's own text.
type scanner struct {
	src   string
	r     []rune
	off   []int // off[i] is the byte offset of r[i]; off[len(r)] is len(src)
	ja    bool
	floor int // the end of the last number read: markers are never looked for before it
	out   []Number
	spans []span // the span of each Number of out
	// digits is where token writes a number's digits, reused from token to token.
	digits []byte
}

// scanners keeps scanners for reuse: a check extracts the numbers of every
// piece of text of every page, and a scanner's buffers, as large as its
// text, were most of what the check allocated.
var scanners = sync.Pool{New: func() any { return new(scanner) }}

// reset makes s the scanner of text, reusing its buffers.
func (s *scanner) reset(text string, ja bool) {
	s.src, s.ja, s.floor = text, ja, 0
	s.r, s.off = s.r[:0], s.off[:0]
	s.out, s.spans = s.out[:0], s.spans[:0]
	// Ranging over a string turns each invalid byte into one U+FFFD, so
	// the offsets stay those of the input.
	for i, c := range text {
		s.r = append(s.r, fold(c))
		s.off = append(s.off, i)
	}
	s.off = append(s.off, len(text))
	lines := readLines(s.r)
	blankMarkdown(s.r, lines)
	if ja {
		s.joinLines(lines)
	}
}

// joinLines removes the line breaks inside a paragraph that the page does not show
// (markdown.SpaceAtBreak), with the indentation and quote marks of the line after: a
// translator may wrap a line in the middle of 1991年10月 or 2万5,000人, which is still one
// number. A break that starts or ends a block (lines.continues) is kept, and so is a hard
// line break (two spaces or a backslash at the line's end). off keeps the offsets of
// the runes left, so a Number's Text is the input's own.
func (s *scanner) joinLines(lines lineInfo) {
	r, off := s.r, s.off
	kept, k := 0, 0 // k: the line that r[i] is on
	for i := 0; i < len(r); i++ {
		if r[i] == '\n' && k+1 < len(lines.continues) {
			k++
			// r[i-1] and r[next] are still the input's: no rune has been written above
			// where it came from.
			if next := lines.textStart[k]; i > 0 && next < len(r) && lines.continues[k] && joins(r[i-1], r[next]) {
				i = next - 1
				continue
			}
		}
		r[kept], off[kept] = r[i], off[i]
		kept++
	}
	off[kept] = off[len(r)]
	s.r, s.off = r[:kept], off[:kept+1]
}

// release returns s to scanners, holding on to no text.
func (s *scanner) release() {
	s.src = ""
	clear(s.out)
	clear(s.spans)
	scanners.Put(s)
}

// fold maps the full-width forms of Japanese text to ASCII: １，３００ is 1,300.
func fold(c rune) rune {
	switch {
	case c >= '０' && c <= '９', c >= 'Ａ' && c <= 'Ｚ', c >= 'ａ' && c <= 'ｚ':
		return c - 0xFEE0 // the full-width forms are the ASCII ones moved up by 0xFEE0
	}
	switch c {
	case '，':
		return ','
	case '．':
		return '.'
	case '％':
		return '%'
	case '＄':
		return '$'
	case '￥':
		return '¥'
	case '\u3000', '\u00a0':
		return ' '
	}
	return c
}

// joins reports whether a line break inside a Japanese paragraph between last and next
// is nothing on the page: not a hard break (two spaces or a backslash before it), and
// next to a wide letter (markdown.SpaceAtBreak).
func joins(last, next rune) bool {
	return !unicode.IsSpace(last) && last != '\\' && !markdown.SpaceAtBreak(last, next, "ja")
}

// span is what read found at a number: a Number to report, or text to skip.
type span struct {
	start, end int // runes
	n          Number
	skip       bool
	// For a quantity: its digits and the power of ten of its scale ("15
	// billion" is 15 and 9, 3千万 3 and 7; 0 without a scale or when the
	// number has more than one group of digits, as 1億2,500万), and bare when
	// it has no currency, unit or percent sign. A range needs them.
	digits string
	exp    int
	bare   bool
}

func (s *scanner) read(t tok) int {
	m, ok := s.date(t)
	if !ok {
		m, ok = s.ignored(t)
	}
	if !ok {
		m = s.quantity(t)
	}
	return s.add(m)
}

// add records what read or fractionAt found at m, and returns where it ends.
func (s *scanner) add(m span) int {
	if !m.skip {
		// To the end of the last rune: a line break removed after it (joinLines) is
		// not the number's.
		_, last := utf8.DecodeRuneInString(s.src[s.off[m.end-1]:])
		m.n.Text = s.src[s.off[m.start] : s.off[m.end-1]+last]
		m.n.Offset = s.off[m.start]
		s.out = append(s.out, m.n)
		s.spans = append(s.spans, m)
	}
	s.floor = m.end
	return m.end
}

// tok is a number as written, without its markers.
type tok struct {
	start, end int    // runes
	digits     string // without separators: "1300", "13.8"
	grouped    bool   // written with thousands separators: never a year
}

func (t tok) integer() bool { return !t.grouped && !strings.Contains(t.digits, ".") }

// small is an integer of one or two digits: a day, a month, an era year.
func (t tok) small() bool { return t.integer() && len(t.digits) <= 2 }

// year is an integer of four digits.
func (t tok) year() bool { return t.integer() && len(t.digits) == 4 }

// int is the value of a small or year token.
func (t tok) int() int { return atoi(t.digits) }

// token reads digits at i, with thousands separators when every group after
// the first has exactly three digits (1,300 but not 1,30 or 2006,2007), and
// with decimals when a digit follows the point (13.8 but not "in 2006.").
func (s *scanner) token(i int) tok {
	// The runes of digits and the point are ASCII: one byte each.
	digits := s.digits[:0]
	write := func(from, to int) {
		for _, c := range s.r[from:to] {
			digits = append(digits, byte(c))
		}
	}
	j := s.digitsEnd(i)
	write(i, j)
	grouped := false
	if j-i <= 3 {
		for s.at(j) == ',' && s.digitsEnd(j+1) == j+4 {
			write(j+1, j+4)
			j += 4
			grouped = true
		}
	}
	if s.at(j) == '.' && isDigit(s.at(j+1)) {
		k := s.digitsEnd(j + 1)
		write(j, k)
		j = k
	}
	s.digits = digits
	return tok{start: i, end: j, digits: string(digits), grouped: grouped}
}

// date reads the dates around t. It also skips a day or month written
// without its year ("23 October", 12月5日): English writes the month as a
// word, so neither side has a number to compare.
func (s *scanner) date(t tok) (span, bool) {
	if t.year() && s.at(t.end) == '-' && isDigit(s.at(t.end+1)) {
		// An ISO date in running text: 2006-12-31.
		if e := t.end + 6; e <= len(s.r) && !isDigit(s.at(e)) && !isLetter(s.at(e)) {
			if d, err := ParseDate(string(s.r[t.start:e])); err == nil {
				return s.dateSpan(t.start, e, d), true
			}
		}
	}
	if s.ja {
		return s.dateJA(t)
	}
	return s.dateEN(t)
}

func (s *scanner) dateEN(t tok) (span, bool) {
	if isLetter(s.at(t.end)) {
		return span{}, false
	}
	if t.year() {
		// FY 2005 and FY2005: the one place where letters touch a number.
		if start, ok := s.before(s.spaceBack(t.start), "FY"); ok {
			// FY2004-05: two fiscal years, as 2004～05年度 says.
			if second, ok := s.shortYear(t.end, t.int(), t.int()/100*100, 0); ok {
				s.add(s.dateSpan(start, t.end, Date{Year: t.int()}))
				return second, true
			}
			return s.dateSpan(start, t.end, Date{Year: t.int()}), true
		}
		if month, start, ok := s.monthBefore(t.start); ok {
			// April and May 2006, April–May 2006: the first month is of that year too,
			// as 2006年4～5月 says.
			if first, fs, fe, ok := s.monthRangeBefore(start); ok {
				s.add(s.dateSpan(fs, fe, Date{Year: t.int(), Month: first}))
			}
			return s.dateSpan(start, t.end, Date{Year: t.int(), Month: month}), true
		}
	}
	if t.year() && (s.at(t.end) == '-' || s.at(t.end) == '–') {
		// 2004-06, 2004–06: a range of years.
		if second, ok := s.shortYear(t.end, t.int(), t.int()/100*100, 0); ok {
			s.add(s.dateSpan(t.start, t.end, Date{Year: t.int()}))
			return second, true
		}
	}
	if !t.small() || isLetter(s.at(t.start-1)) {
		return span{}, false
	}
	partial := span{start: t.start, end: t.end, skip: true}
	// 23 October 1991
	if j := s.space(t.end); j > t.end {
		if month, e, ok := s.monthAt(j); ok {
			if year, e, ok := s.yearAt(e); ok {
				if d := (Date{year, month, t.int()}); d.check() == nil {
					return s.dateSpan(t.start, e, d), true
				}
			}
			// The month is the day's: 1 April and May 2006 is no range of months.
			return span{start: t.start, end: e, skip: true}, true
		}
	}
	// October 23, 1991
	if month, start, ok := s.monthBefore(t.start); ok {
		e := t.end
		if s.at(e) == ',' {
			e++
		}
		if year, e, ok := s.yearAt(e); ok {
			if d := (Date{year, month, t.int()}); d.check() == nil {
				return s.dateSpan(start, e, d), true
			}
		}
		return partial, true
	}
	return span{}, false
}

// eras are the Japanese eras that the sources use, with the western year
// before each era's first year: 平成18年 is 1988+18 = 2006.
var eras = []struct {
	name string
	base int
}{
	{"昭和", 1925},
	{"平成", 1988},
	{"令和", 2018},
}

func (s *scanner) dateJA(t tok) (span, bool) {
	start, year, end := t.start, 0, 0 // end: after 年
	century := t.int() / 100 * 100    // what a second year of two digits counts from
	switch {
	case t.year() && s.at(t.end) == '年':
		year, end = t.int(), t.end+1
		// 2004年（平成16年）4月: the era's year glosses the western one.
		if e, ok := s.eraGloss(end, year, true); ok {
			end = e
		}
	case t.year():
		// 2004（平成16）年4月, as the ministry writes dates.
		if e, ok := s.eraGloss(t.end, t.int(), false); ok && s.at(e) == '年' {
			year, end = t.int(), e+1
		}
	case t.small() && s.at(t.end) == '年':
		for _, era := range eras {
			if st, ok := s.before(t.start, era.name); ok {
				start, year, end, century = st, era.base+t.int(), t.end+1, era.base
			}
		}
	}
	if year > 0 {
		switch s.at(end) {
		case '代':
			// 1990年代 is a decade; English glues it into "1990s", which
			// is skipped too.
			return span{start: t.start, end: end + 1, skip: true}, true
		case '度':
			// 2005年度 is the fiscal year, FY 2005.
			return s.dateSpan(start, end+1, Date{Year: year}), true
		}
		d := Date{Year: year}
		if s.at(end) == 'の' && isDigit(s.at(end+1)) {
			end++ // 2006年の4月
		}
		// 2006年4～5月: two months of the year, as "April and May 2006".
		if first, e, ok := s.smallBefore(end, 0); ok && first >= 1 && first <= 12 {
			if c := s.rangeAt(e); c > e {
				if month, e2, ok := s.smallBefore(c, '月'); ok && month > first && month <= 12 {
					s.add(s.dateSpan(start, e, Date{Year: year, Month: first}))
					return s.dateSpan(c, e2, Date{Year: year, Month: month}), true
				}
			}
		}
		if month, e, ok := s.smallBefore(end, '月'); ok && month >= 1 && month <= 12 {
			d.Month, end = month, e
			if day, e, ok := s.smallBefore(end, '日'); ok && day > 0 && (Date{year, d.Month, day}).check() == nil {
				d.Day, end = day, e
			} else if c := s.rangeAt(end); c > end {
				// 2006年4月～5月, 2006年4月から5月: the second month is of that year too.
				if month2, e2, ok := s.smallBefore(c, '月'); ok && month2 > month && month2 <= 12 {
					s.add(s.dateSpan(start, end, d))
					return s.dateSpan(c, e2, Date{Year: year, Month: month2}), true
				}
			}
		}
		if d.Month == 0 {
			// 2004年から06年まで, 平成16年から18年まで: the second year of the range.
			if second, ok := s.shortYear(end, year, century, '年'); ok {
				s.add(s.dateSpan(start, end, d))
				return second, true
			}
		}
		return s.dateSpan(start, end, d), true
	}
	if t.year() {
		// 2004～06年: a range of years whose first has no 年 of its own.
		if second, ok := s.shortYear(t.end, t.int(), century, '年'); ok {
			s.add(s.dateSpan(t.start, t.end, Date{Year: t.int()}))
			return second, true
		}
	}
	if t.small() && s.at(t.end) == '月' {
		end := t.end + 1
		if _, e, ok := s.smallBefore(end, '日'); ok {
			end = e
		}
		return span{start: t.start, end: end, skip: true}, true
	}
	// The day left after a date that has no such day (2006年4月31日).
	if t.small() && s.at(t.end) == '日' && s.at(t.start-1) == '月' {
		return span{start: t.start, end: t.end + 1, skip: true}, true
	}
	return span{}, false
}

// eraGloss reads at i the year of year in a Japanese era, in parentheses: （平成16）, or
// with nen （平成16年）. It returns where the gloss ends. A gloss of another year is not
// one: its numbers are read, and differ from the other language's.
func (s *scanner) eraGloss(i, year int, nen bool) (int, bool) {
	if c := s.at(i); c != '(' && c != '（' {
		return 0, false
	}
	for _, era := range eras {
		j := i + 1
		for _, c := range era.name {
			if s.at(j) != c {
				j = -1
				break
			}
			j++
		}
		if j < 0 {
			continue
		}
		e := s.digitsEnd(j)
		if e == j || e-j > 2 || era.base+atoi(string(s.r[j:e])) != year {
			return 0, false
		}
		if nen {
			if s.at(e) != '年' {
				return 0, false
			}
			e++
		}
		if c := s.at(e); c != ')' && c != '）' {
			return 0, false
		}
		return e + 1, true
	}
	return 0, false
}

func (s *scanner) dateSpan(start, end int, d Date) span {
	n := Number{Kind: Year, Value: float64(d.Year)}
	switch {
	case d.Day != 0:
		n.Kind, n.Value = Day, float64(d.Year*10000+d.Month*100+d.Day)
	case d.Month != 0:
		n.Kind, n.Value = Month, float64(d.Year*100+d.Month)
	}
	return span{start: start, end: end, n: n}
}

// monthBefore finds an English month name, capitalized, and white space
// before i.
func (s *scanner) monthBefore(i int) (month, start int, ok bool) {
	j := s.spaceBack(i)
	if j == i {
		return 0, 0, false
	}
	for m, name := range monthNames {
		if start, ok := s.before(j, name); ok && unicode.IsUpper(s.r[start]) {
			return m + 1, start, true
		}
	}
	return 0, 0, false
}

// monthAt finds an English month name, capitalized, at i.
func (s *scanner) monthAt(i int) (month, end int, ok bool) {
	for m, name := range monthNames {
		if end, ok := s.after(i, name); ok && unicode.IsUpper(s.r[i]) {
			return m + 1, end, true
		}
	}
	return 0, 0, false
}

// yearAt finds white space and a four-digit year at i.
func (s *scanner) yearAt(i int) (year, end int, ok bool) {
	j := s.space(i)
	if j == i || !isDigit(s.at(j)) {
		return 0, 0, false
	}
	t := s.token(j)
	if !t.year() || isLetter(s.at(t.end)) {
		return 0, 0, false
	}
	return t.int(), t.end, true
}

// smallBefore reads a one- or two-digit number at i followed by unit (月, 日); with
// unit 0, by no unit, and end is the number's end.
func (s *scanner) smallBefore(i int, unit rune) (n, end int, ok bool) {
	t, ok := s.numberAt(i)
	switch {
	case !ok || !t.small():
		return 0, 0, false
	case unit == 0:
		return t.int(), t.end, true
	case s.at(t.end) != unit:
		return 0, 0, false
	}
	return t.int(), t.end + 1, true
}

// shortYear reads, after a range mark at i, the second year of a range whose first is year,
// written with two digits counted from century (the first year's century, or its era's
// base year) as writers of both languages shorten it: the 06 of 2004～06年, 2004-06 and
// FY2004-05, the 18 of 平成16年から18年まで. It must be later than year and followed by
// unit (年, but not 年間: 2004～10年間 is ten years), or by neither a digit nor a letter
// when unit is 0. After から, which also starts a length of time (2004年から10年で, in ten
// years), the two digits must start with 0 or the range end with まで or にかけて.
func (s *scanner) shortYear(i, year, century int, unit rune) (span, bool) {
	c := s.rangeAt(i)
	switch s.at(i) {
	case '～', '〜', '-', '–', '−', 'か':
	default:
		return span{}, false // と and ・ join two numbers of any kind
	}
	if c == i {
		return span{}, false
	}
	t, ok := s.numberAt(c)
	if !ok || !t.integer() || len(t.digits) != 2 {
		return span{}, false
	}
	second := century + t.int()
	end := t.end
	switch {
	case second <= year:
		return span{}, false
	case unit != 0 && (s.at(end) != unit || s.at(end+1) == '間'):
		return span{}, false
	case unit != 0:
		end++
	case isDigit(s.at(end)) || isLetter(s.at(end)):
		return span{}, false
	}
	if s.at(i) == 'か' && t.digits[0] != '0' {
		_, until := s.after(end, "まで")
		_, over := s.after(end, "にかけて")
		if !until && !over {
			return span{}, false
		}
	}
	return s.dateSpan(c, end, Date{Year: second}), true
}

// rangeAt returns where what follows a Japanese range mark at i starts (～, 〜, から, と,
// a dash), or i if there is none.
func (s *scanner) rangeAt(i int) int {
	switch s.at(i) {
	case '～', '〜', '-', '–', '−', 'と', '・':
		return i + 1
	}
	if e, ok := s.after(i, "から"); ok {
		return e
	}
	return i
}

// monthRangeBefore finds, before the month name that starts at i, another joined to it
// as a range or a pair ("April and May", "April to May", "April–May"), and returns it
// with where its name starts and ends.
func (s *scanner) monthRangeBefore(i int) (month, start, end int, ok bool) {
	j := i
	switch c := s.at(i - 1); {
	case (c == '–' || c == '-') && i-1 >= s.floor:
		j = i - 1
	default:
		k := s.spaceBack(i)
		if k == i {
			return 0, 0, 0, false
		}
		for _, word := range []string{"and", "to", "or", "through"} {
			if w, ok := s.before(k, word); ok {
				j = w
				break
			}
		}
		if j == i {
			return 0, 0, 0, false
		}
		if j = s.spaceBack(j); j == k {
			return 0, 0, 0, false
		}
	}
	for m, name := range monthNames {
		if start, ok := s.before(j, name); ok && unicode.IsUpper(s.r[start]) {
			return m + 1, start, j, true
		}
	}
	return 0, 0, 0, false
}

// ignored skips the numbers that are names or references, not quantities.
func (s *scanner) ignored(t tok) (span, bool) {
	skip := span{start: t.start, end: t.end, skip: true}
	// G8, UNSCR1325, A4, 6th, 1990s, km2: part of a name or an ordinal.
	if isLetter(s.at(t.start-1)) || s.gluedName(t.end) {
		return skip, true
	}
	// 第6回, 第12条: a Japanese ordinal, which English writes as "sixth"
	// or glues as "12th". So are 50周年 ("50th anniversary"), 2回目 and
	// 3番目.
	if s.ja && s.at(t.start-1) == '第' {
		return skip, true
	}
	if s.ja {
		for _, suffix := range []string{"周年", "回目", "番目", "度目"} {
			if end, ok := s.after(t.end, suffix); ok {
				return span{start: t.start, end: end, skip: true}, true
			}
		}
	}
	// p. 12, pp. 12-15: a page of the source, which translations renumber.
	j := s.spaceBack(t.start)
	if _, ok := s.before(j, "p."); ok {
		return s.pageRange(skip), true
	}
	if _, ok := s.before(j, "pp."); ok {
		return s.pageRange(skip), true
	}
	return span{}, false
}

func (s *scanner) pageRange(m span) span {
	if strings.ContainsRune("-–—~", s.at(m.end)) && isDigit(s.at(m.end+1)) {
		m.end = s.token(m.end + 1).end
	}
	return m
}

// quantity reads a count, an amount of money or a percentage at t, with
// its scale, currency and approximation markers.
func (s *scanner) quantity(t tok) span {
	m := span{start: t.start, end: t.end, digits: t.digits}
	if s.ja {
		m.n.Value, m.end, m.exp = s.myriad(t)
	} else {
		m.n.Value = parse(t.digits, 0)
		if e, exp, ok := s.scaleWord(t.end); ok {
			m.n.Value, m.end, m.exp = parse(t.digits, exp), e, exp
		}
	}
	scaled := m.end != t.end

	if start, unit, ok := s.currencyBefore(m.start); ok {
		m.start, m.n.Kind, m.n.Unit = start, Money, unit
	}
	if s.ja && s.at(m.end) == '割' && t.small() && m.n.Value <= 10 && m.end == t.end {
		// 2割 is 20 percent; 2割2分 is 22.
		m.n.Kind, m.n.Value, m.end = Percent, m.n.Value*10, m.end+1
		if bu, ok := s.numberAt(m.end); ok && bu.integer() && len(bu.digits) == 1 && s.at(bu.end) == '分' {
			m.n.Value, m.end = m.n.Value+float64(bu.int()), bu.end+1
			if rin, ok := s.numberAt(m.end); ok && rin.integer() && len(rin.digits) == 1 && s.at(rin.end) == '厘' {
				m.n.Value, m.end = m.n.Value+float64(rin.int())/10, rin.end+1 // 2割2分5厘 is 22.5
			}
		}
	} else if end, kind, unit, ok := s.unitAfter(m.end); ok {
		m.end = end
		switch {
		case kind == Percent:
			m.n.Kind, m.n.Unit = Percent, ""
		case m.n.Kind != Money:
			m.n.Kind, m.n.Unit = Money, unit
		}
	}
	if start, bound, ok := s.approxBefore(m.start); ok {
		m.start, m.n.Approx, m.n.Bound = start, true, bound
	}
	if end, bound, ok := s.approxAfter(m.end); ok {
		m.end, m.n.Approx, m.n.Bound = end, true, bound
	}
	m.bare = m.n.Kind == Plain

	v := m.n.Value
	switch {
	case math.IsInf(v, 0) || math.IsNaN(v):
		m.skip = true
	case m.n.Kind == Plain && !scaled && t.year() && v >= 1800 && v <= 2099:
		m.n.Kind = Year
	}
	return m
}

// ranges gives the first number of a range the scale and the currency or
// percent sign written only after the second: "from 10 billion to 15
// billion yen" and "10 to 15 billion yen" are both 100億円から150億円 in
// Japanese, "10-15%" is 10%～15%. The two numbers must be joined by nothing
// but a dash, "to", "or" ("and" after "between") or ～, から, ないし.
func (s *scanner) ranges() {
	for i := 0; i+1 < len(s.out); i++ {
		a, b := &s.spans[i], s.spans[i+1]
		if !a.bare || b.digits == "" || !s.rangeJoin(*a, b) {
			continue
		}
		n := &s.out[i]
		if a.exp == 0 && b.exp > 0 && parse(a.digits, 0) < parse(b.digits, 0) {
			n.Value, a.exp = parse(a.digits, b.exp), b.exp
			if n.Kind == Year {
				n.Kind = Plain // "2000 to 3000 billion" was no year
			}
		}
		if b.n.Kind == Money || b.n.Kind == Percent {
			n.Kind, n.Unit, a.bare = b.n.Kind, b.n.Unit, false
		}
	}
}

var (
	rangeWordsEN = []string{"-", "–", "—", "to", "or"}
	rangeWordsJA = []string{"-", "－", "–", "—", "~", "～", "〜", "から", "ないし", "乃至"}
)

func (s *scanner) rangeJoin(a, b span) bool {
	// Every joining word has at most three letters: more text between the
	// numbers is no range, and most numbers have a sentence between them.
	letters := 0
	for _, c := range s.r[a.end:b.start] {
		if !unicode.IsSpace(c) {
			if letters++; letters > 3 {
				return false
			}
		}
	}
	between := strings.Join(strings.Fields(string(s.r[a.end:b.start])), " ")
	if s.ja {
		return slices.Contains(rangeWordsJA, between)
	}
	if between == "and" {
		before := strings.ToLower(string(s.r[max(0, a.start-8):a.start]))
		return strings.HasSuffix(strings.TrimRight(before, " \t\n"), "between")
	}
	return slices.Contains(rangeWordsEN, between)
}

// parse reads digits × 10^exp. Parsing "13.8e6" in one piece rounds once,
// where 13.8 * 1e6 would round twice.
func parse(digits string, exp int) float64 {
	if exp == 0 {
		v, _ := strconv.ParseFloat(digits, 64) // out of range is ±Inf, which quantity drops
		return v
	}
	var buf [32]byte
	b := append(append(buf[:0], digits...), 'e')
	b = strconv.AppendInt(b, int64(exp), 10)
	v, _ := strconv.ParseFloat(string(b), 64)
	return v
}

// scaleWords are the English scales, with the white space that must come
// before them.
var scaleWords = []struct {
	word string
	exp  int
}{
	{" thousand", 3},
	{" million", 6},
	{" billion", 9},
	{" trillion", 12},
}

// scaleWord reads " million" and its kin after an English number.
func (s *scanner) scaleWord(i int) (end, exp int, ok bool) {
	for _, w := range scaleWords {
		if end, ok := s.after(i, w.word); ok {
			return end, w.exp, true
		}
	}
	return 0, 0, false
}

// myriad reads the Japanese units after a number, and the numbers between
// them: 1億2,500万 is 1億 + 2,500万, 18万1,000 is 18万 + 1,000, 3千万 is
// 3千 × 万. The units after each number must get smaller, as they do when
// the number is written in kanji; a unit out of order ends the number.
// Each term is parsed with its own exponent, so whole values are exact.
// scale is the power of ten of the units of a number with one group of
// digits (15億: 8, 3千万: 7), and 0 for 1億2,500万 or a number without units.
func (s *scanner) myriad(t tok) (value float64, end, scale int) {
	type term struct {
		digits string
		exp    int
	}
	var (
		total    float64
		section  []term // terms of 十, 百 and 千 waiting for their 万, 億 or 兆
		cur      = t.digits
		have     = true // cur is not yet in a term
		groups   = 1    // groups of digits read
		bigMax   = 13   // the next 万, 億 or 兆 must be below this exponent
		smallMax = 4    // the next 十, 百 or 千 must be below this exponent
	)
	end = t.end
	for {
		exp, big, ok := unitOf(s.at(end))
		if !ok {
			break
		}
		if big {
			if exp >= bigMax || !have && len(section) == 0 {
				break // 1万億, 1億万: no number for this unit
			}
			if have {
				section = append(section, term{cur, 0})
			}
			for _, tm := range section {
				total += parse(tm.digits, tm.exp+exp)
			}
			section, have, bigMax, smallMax = nil, false, exp, 4
		} else {
			if !have || exp >= smallMax {
				break
			}
			section = append(section, term{cur, exp})
			have, smallMax = false, exp
		}
		scale += exp
		end++
		// A number right after a unit goes on: the 1,000 of 18万1,000.
		if n, ok := s.numberAt(end); ok {
			if s.gluedName(n.end) {
				break
			}
			cur, have, end = n.digits, true, n.end
			groups++
		}
	}
	if have {
		section = append(section, term{cur, 0})
	}
	for _, tm := range section {
		total += parse(tm.digits, tm.exp)
	}
	if groups > 1 {
		scale = 0
	}
	return total, end, scale
}

func unitOf(c rune) (exp int, big, ok bool) {
	switch c {
	case '十':
		return 1, false, true
	case '百':
		return 2, false, true
	case '千':
		return 3, false, true
	case '万':
		return 4, true, true
	case '億':
		return 8, true, true
	case '兆':
		return 12, true, true
	}
	return 0, false, false
}

// currencyBefore reads US$, $ or ¥ before a number (in either language).
func (s *scanner) currencyBefore(i int) (start int, unit string, ok bool) {
	j := s.spaceBack(i)
	if start, ok := s.before(j, "US$"); ok {
		return start, "usd", true
	}
	// A $ after other letters (A$, NZ$) is another dollar.
	if j-1 >= s.floor && s.r[j-1] == '$' && !isLetter(s.at(j-2)) {
		return j - 1, "usd", true
	}
	if j-1 >= s.floor && s.r[j-1] == '¥' {
		return j - 1, "jpy", true
	}
	return 0, "", false
}

var (
	unitsEN = []struct {
		text string
		kind Kind
		unit string
	}{
		{" percent", Percent, ""},
		{" per cent", Percent, ""},
		{" U.S. dollars", Money, "usd"},
		{" U.S. dollar", Money, "usd"},
		{" US dollars", Money, "usd"},
		{" US dollar", Money, "usd"},
		{" dollars", Money, "usd"},
		{" dollar", Money, "usd"},
		{" yen", Money, "jpy"},
	}
	unitsJA = []struct {
		text string
		kind Kind
		unit string
	}{
		{"%", Percent, ""},
		{"パーセント", Percent, ""},
		{"米ドル", Money, "usd"},
		{"ドル", Money, "usd"},
		{"円", Money, "jpy"},
	}
)

// unitAfter reads the currency or percent sign after a number and its scale.
func (s *scanner) unitAfter(i int) (end int, kind Kind, unit string, ok bool) {
	units := unitsJA
	if !s.ja {
		units = unitsEN
		if j := s.space(i); s.at(j) == '%' {
			return j + 1, Percent, "", true
		}
	}
	for _, u := range units {
		if end, ok := s.after(i, u.text); ok {
			return end, u.kind, u.unit, true
		}
	}
	return 0, 0, "", false
}

// marker is an approximation word and the bound it sets.
type marker struct{ word, bound string }

var (
	approxEN = []marker{
		{"approximately", "about"}, {"about", "about"}, {"around", "about"}, {"roughly", "about"},
		{"some", "about"}, {"nearly", "under"}, {"almost", "under"}, {"less than", "under"}, {"fewer than", "under"},
		{"more than", "over"}, {"over", "over"}, {"exceeding", "over"}, {"at least", "over"},
		{"up to", "up to"},
	}
	approxBeforeJA = []marker{{"約", "about"}, {"およそ", "about"}, {"最大で", "up to"}, {"最大", "up to"}}
	approxAfterJA  = []marker{
		{"以上", "over"}, {"を上回", "over"}, {"を超", "over"}, {"超", "over"}, {"余り", "over"}, {"余", "over"}, {"強", "over"},
		{"近く", "under"}, {"弱", "under"}, {"未満", "under"}, {"以下", "under"},
		{"程度", "about"}, {"前後", "about"}, {"ほど", "about"}, {"規模", "about"},
		{"あまり", "over"}, {"足らず", "under"},
	}
)

// approxBefore reads "about" and its kin before a number and its currency.
func (s *scanner) approxBefore(i int) (start int, bound string, ok bool) {
	words := approxEN
	if s.ja {
		words = approxBeforeJA
	}
	j := s.spaceBack(i)
	for _, w := range words {
		if start, ok := s.before(j, w.word); ok {
			return start, w.bound, true
		}
	}
	return 0, "", false
}

// approxAfter reads 以上 and its kin after a Japanese number, allowing a
// counter of up to three letters between them: 2万5,000丁以上, 100カ国以上,
// 15か国以上, 30通り以上, 1万人を超える, 1,000人規模. A particle ends the number's
// phrase (the 規模 of 113件の小規模事業, 113 small projects, says nothing of 113), and a
// marker of one kanji is no marker at the start of a word: 3万人強制送還 is not "over".
func (s *scanner) approxAfter(i int) (end int, bound string, ok bool) {
	if !s.ja {
		return 0, "", false
	}
	for p := i; p <= i+3; p++ {
		for _, w := range approxAfterJA {
			if end, ok := s.after(p, w.word); ok && !(end == p+1 && unicode.Is(unicode.Han, s.at(end))) {
				return end, w.bound, true
			}
		}
		c := s.at(p)
		if strings.ContainsRune(particles, c) || !unicode.In(c, unicode.Han, unicode.Hiragana, unicode.Katakana) && c != 'ー' {
			break
		}
	}
	return 0, "", false
}

// particles are the hiragana that end a noun phrase: a counter (人, か国, 通り) has none.
const particles = "のがをにとではもやへ"

// after reports whether lit is written at i and returns where it ends.
// Letters match in any case; a space in lit matches any run of white space
// (a line break included); a lit that ends in a letter must end a word.
func (s *scanner) after(i int, lit string) (int, bool) {
	var last rune
	for _, c := range lit {
		last = c
		if c == ' ' {
			j := s.space(i)
			if j == i {
				return 0, false
			}
			i = j
			continue
		}
		if i >= len(s.r) || !sameLetter(s.r[i], c) {
			return 0, false
		}
		i++
	}
	if isLetter(last) && isLetter(s.at(i)) {
		return 0, false
	}
	return i, true
}

// before reports whether lit is written just before i, after the last
// number read, and returns where it starts; a lit that starts with a letter
// must start a word.
func (s *scanner) before(i int, lit string) (int, bool) {
	// lit is read backwards in place: a conversion to runes cost an
	// allocation per marker tried, and markers are tried at every number.
	for k := len(lit); k > 0; {
		c, size := utf8.DecodeLastRuneInString(lit[:k])
		k -= size
		if c == ' ' {
			j := s.spaceBack(i)
			if j == i {
				return 0, false
			}
			i = j
			continue
		}
		if i-1 < s.floor || !sameLetter(s.r[i-1], c) {
			return 0, false
		}
		i--
	}
	if first, _ := utf8.DecodeRuneInString(lit); isLetter(first) && isLetter(s.at(i-1)) {
		return 0, false
	}
	return i, true
}

func (s *scanner) space(i int) int {
	for i < len(s.r) && unicode.IsSpace(s.r[i]) {
		i++
	}
	return i
}

func (s *scanner) spaceBack(i int) int {
	for i > s.floor && unicode.IsSpace(s.r[i-1]) {
		i--
	}
	return i
}

func (s *scanner) digitsEnd(i int) int {
	for isDigit(s.at(i)) {
		i++
	}
	return i
}

// at returns the rune at i, or 0 outside the text.
func (s *scanner) at(i int) rune {
	if i < 0 || i >= len(s.r) {
		return 0
	}
	return s.r[i]
}

func isDigit(c rune) bool { return c >= '0' && c <= '9' }

// gluedName reports whether a number that ends at i is glued to letters that make it part
// of a name (G8 in reverse: 6th, 1990s, km2), not to the unit that Japanese sets against
// its number: 18万1,000km² (numbers.Area).
func (s *scanner) gluedName(i int) bool {
	return isLetter(s.at(i)) && !(s.at(i) == 'k' && s.at(i+1) == 'm' && s.at(i+2) == '²')
}

// isLetter is true for Latin letters: a number glued to one is a name.
func isLetter(c rune) bool {
	if c < utf8.RuneSelf { // most of an English text: the Latin letters of ASCII are these
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	return unicode.Is(unicode.Latin, c)
}

func sameLetter(a, b rune) bool {
	return a == b || a < unicode.MaxASCII && b < unicode.MaxASCII && unicode.ToLower(a) == unicode.ToLower(b)
}

// blankMarkdown turns into spaces the parts of Markdown whose digits are
// not the text's numbers: link destinations, URLs, {#heading-ids}, reference
// definitions and ordered-list markers. Blanking keeps every rune in place,
// so offsets stay right.
func blankMarkdown(r []rune, lines lineInfo) {
	blank := func(i, j int) {
		for ; i < j && i < len(r); i++ {
			if r[i] != '\n' {
				r[i] = ' '
			}
		}
	}
	for k, start := 0, 0; start < len(r); k++ {
		end := start
		for end < len(r) && r[end] != '\n' {
			end++
		}
		blankLineStart(r[start:end], lines.continues[k], blank, start)
		start = end + 1
	}
	for i := 0; i < len(r); i++ {
		switch {
		case r[i] == ']' && i+1 < len(r) && r[i+1] == '(':
			// [text](destination "title"), nested parentheses included
			j, depth := i+1, 0
			for ; j < len(r) && r[j] != '\n'; j++ {
				if r[j] == '(' {
					depth++
				} else if r[j] == ')' {
					if depth--; depth == 0 {
						j++
						break
					}
				}
			}
			blank(i+1, j)
		case r[i] == '{' && i+1 < len(r) && r[i+1] == '#':
			j := i
			for j < len(r) && r[j] != '}' && r[j] != '\n' {
				j++
			}
			blank(i, j+1)
		case (r[i] == 'h' || r[i] == 'H') && (hasPrefixFold(r[i:], "http://") || hasPrefixFold(r[i:], "https://")):
			// A URL ends at white space, at < > " or at non-ASCII text.
			j := i
			for j < len(r) && r[j] < unicode.MaxASCII && !unicode.IsSpace(r[j]) && !strings.ContainsRune(`<>"`, r[j]) {
				j++
			}
			blank(i, j)
		}
	}
}

// blankLineStart blanks an ordered-list marker ("1. ", "12) ", also inside
// block quotes) and the destination of a reference definition
// ("[label]: destination"). Footnote definitions ("[^1]: text") are text.
func blankLineStart(line []rune, continues bool, blank func(i, j int), at int) {
	i := skipIndent(line)
	if j := orderedMarker(line, i); j > i {
		// A line after a paragraph's text continues it, unless it starts a list with 1.
		// (CommonMark): "in October\n1991." is the year 1991.
		if !continues || string(line[i:j-1]) == "1" {
			blank(at+i, at+j)
		}
		return
	}
	if i < len(line) && line[i] == '[' && i+1 < len(line) && line[i+1] != '^' {
		k := i + 1
		for k+1 < len(line) && !(line[k] == ']' && line[k+1] == ':') {
			k++
		}
		if k+1 >= len(line) {
			return
		}
		k += 2
		for k < len(line) && unicode.IsSpace(line[k]) {
			k++
		}
		e := k
		for e < len(line) && !unicode.IsSpace(line[e]) {
			e++
		}
		blank(at+k, at+e)
	}
}

// skipIndent returns where line's text starts, after its indentation and quote marks.
func skipIndent(line []rune) int {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '>') {
		i++
	}
	return i
}

// orderedMarker returns the end of the ordered-list marker at line[i:] (CommonMark: one to
// nine digits, then . or ), then white space or the end of the line), or i if there is
// none.
func orderedMarker(line []rune, i int) int {
	j := i
	for j < len(line) && isDigit(line[j]) {
		j++
	}
	if j > i && j-i <= 9 && j < len(line) && (line[j] == '.' || line[j] == ')') &&
		(j+1 == len(line) || line[j+1] == ' ' || line[j+1] == '\t') {
		return j + 1
	}
	return i
}

// lineInfo describes the lines of a Markdown text as CommonMark reads them: continues[k]
// says that line k goes on with the paragraph of the line before, and textStart[k] is
// where its text starts in the runes, after its indentation and quote marks.
type lineInfo struct {
	continues []bool
	textStart []int
}

// readLines reads the lines of r. A line continues a paragraph (lazily or indented) but
// when it is blank, a heading, a table row, a rule or a heading's underline, a fence, a
// bullet, or a numbered item, which continues it only after a paragraph that is no list
// item's and when its number is not 1: "in October⏎1991." is the year 1991, and "12." after
// an item is the next item, however its paragraph wrapped.
func readLines(r []rune) lineInfo {
	var ls lineInfo
	inPara, inItem := false, false // the paragraph of the line before, and whether it is an item's
	for start := 0; start <= len(r); {
		end := start
		for end < len(r) && r[end] != '\n' {
			end++
		}
		line := r[start:end]
		i := skipIndent(line)
		ls.textStart = append(ls.textStart, start+i)
		marker := orderedMarker(line, i)
		ordered := marker > i
		rule := i < len(line) && ruleLine(line[i:])
		bullet := !rule && i < len(line) && strings.ContainsRune("-*+", line[i]) && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t')
		breaks := i == len(line) || rule || bullet || strings.ContainsRune("#|", line[i]) || hasPrefixFold(line[i:], "```") || hasPrefixFold(line[i:], "~~~")
		cont := false
		switch {
		case breaks:
		case ordered:
			cont = inPara && !inItem && string(line[i:marker-1]) != "1"
		default:
			cont = inPara
		}
		ls.continues = append(ls.continues, cont)
		switch {
		case i == len(line) || breaks && !bullet:
			inPara, inItem = false, false
		case bullet, ordered && !cont:
			inPara, inItem = true, true
		case cont:
		default: // a paragraph starts; indented, it is a list item's
			inPara, inItem = true, i > 0 && line[0] != '>'
		}
		start = end + 1
	}
	return ls
}

// ruleLine reports whether line is a thematic break or a heading's underline: only -, *,
// _ or =, with spaces.
func ruleLine(line []rune) bool {
	marks := 0
	for _, r := range line {
		switch r {
		case '-', '*', '_', '=':
			marks++
		case ' ', '\t':
		default:
			return false
		}
	}
	return marks > 0
}

func hasPrefixFold(r []rune, prefix string) bool {
	i := 0
	for _, c := range prefix {
		if i >= len(r) || !sameLetter(r[i], c) {
			return false
		}
		i++
	}
	return true
}
