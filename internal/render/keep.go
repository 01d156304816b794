package render

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"peacebuilding/internal/glossary"
	"peacebuilding/internal/markdown"
	"peacebuilding/internal/site"
)

// Japanese may break a line after almost any character, so a phone's narrow table cell
// breaks 1億ド/ル and 東ティモー/ル. The layouts show the figures, facts and event texts
// of Japanese pages as runs (View.Keep), each run that must stay whole in a
// <span class="nobr">: a number with its scale, unit, counter and 超 or 以上 (2万5,000丁超,
// 2006年12月), and a proper noun of the site (a country's name, official name or capital).

// Run is a piece of text; Keep marks a piece that must not be broken across lines, Wbr
// one that starts a phrase, where a line may break (see phraseBreak), and Lang one in
// another language than the page's (markEnglish).
type Run struct {
	Text string
	Keep bool
	Wbr  bool
	Lang string
}

// jaNumber matches a Japanese number with what belongs to it: 約, 最大, 第 or an era
// (平成17年度) before; digits with 万, 億, 兆, or numbers joined by hyphens (an address's
// 2-2-1, a postal code's 100-8919); a date (2006年12月3日) or a unit or counter; 以上 or 超
// after.
const jaNumber = `(?:約|最大|第|平成|昭和|令和)?[0-9０-９][0-9０-９,，.．]*(?:-[0-9０-９]+)*(?:[万億兆][0-9０-９,，]*)*` +
	`(?:年度|年(?:[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?)?|月(?:[0-9０-９]{1,2}日)?|日|ドル|円|人|丁|名|件|回|カ国|か国|ヵ国|分野|ページ|km²|%|％|歳|トン)?` +
	`(?:以上|以下|余り|超)?`

// NumberPattern is jaNumber, for the search page's script (assets/search.js), which keeps
// the numbers of its excerpts on one line as the pages keep theirs.
func (v *View) NumberPattern() string { return jaNumber }

// jaNumberLen is the length in bytes of the match of jaNumber at the start of s, 0 if
// there is none. It is written out rather than matched with the regular expression, which
// took a tenth of a Japanese brief's rendering; TestJaNumberLenIsThePattern holds it to
// the pattern, which the search page's script uses.
func jaNumberLen(s string) int {
	i := 0
	for _, before := range []string{"約", "最大", "第", "平成", "昭和", "令和"} {
		if strings.HasPrefix(s, before) {
			i = len(before)
			break
		}
	}
	n := digitLen(s[i:])
	if n == 0 {
		return 0
	}
	i += n
	for n > 0 { // [0-9０-９,，.．]*
		n = digitOrLen(s[i:], ",", "，", ".", "．")
		i += n
	}
	for strings.HasPrefix(s[i:], "-") { // (?:-[0-9０-９]+)*
		n := digitsLen(s[i+1:], -1)
		if n == 0 {
			break
		}
		i += 1 + n
	}
	for strings.HasPrefix(s[i:], "万") || strings.HasPrefix(s[i:], "億") || strings.HasPrefix(s[i:], "兆") { // (?:[万億兆][0-9０-９,，]*)*
		i += len("万")
		for n := 1; n > 0; i += n {
			n = digitOrLen(s[i:], ",", "，")
		}
	}
	i += jaUnitLen(s[i:])
	for _, after := range []string{"以上", "以下", "余り", "超"} {
		if strings.HasPrefix(s[i:], after) {
			return i + len(after)
		}
	}
	return i
}

// jaUnitLen is the length of jaNumber's unit or counter at the start of s, 0 if none: the
// first of its alternatives that matches, as the regular expression takes it.
func jaUnitLen(s string) int {
	// 年(?:[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?)? and 月(?:[0-9０-９]{1,2}日)?: a day or a
	// month of one or two digits, with the kanji after it.
	dated := func(s, kanji string) int {
		n := digitsLen(s, 2)
		if n > 0 && strings.HasPrefix(s[n:], kanji) {
			return n + len(kanji)
		}
		return 0
	}
	switch {
	case strings.HasPrefix(s, "年度"):
		return len("年度")
	case strings.HasPrefix(s, "年"):
		n := len("年")
		if m := dated(s[n:], "月"); m > 0 {
			n += m
			n += dated(s[n:], "日")
		}
		return n
	case strings.HasPrefix(s, "月"):
		return len("月") + dated(s[len("月"):], "日")
	}
	for _, unit := range jaUnits {
		if strings.HasPrefix(s, unit) {
			return len(unit)
		}
	}
	return 0
}

// jaUnits are jaNumber's units and counters after 年度, 年 and 月, in its order.
var jaUnits = []string{"日", "ドル", "円", "人", "丁", "名", "件", "回", "カ国", "か国", "ヵ国", "分野", "ページ", "km²", "%", "％", "歳", "トン"}

// digitLen is the length of the digit ([0-9０-９]) that starts s, 0 if s starts with none.
func digitLen(s string) int {
	switch {
	case s == "":
		return 0
	case isDigit(s[0]):
		return 1
	case len(s) >= 3 && s[0] == 0xef && s[1] == 0xbc && s[2] >= 0x90 && s[2] <= 0x99: // ０-９, U+FF10-FF19
		return 3
	}
	return 0
}

// digitsLen is the length of the digits that start s, at most most of them (all if most < 0).
func digitsLen(s string, most int) int {
	i := 0
	for count := 0; count != most; count++ {
		n := digitLen(s[i:])
		if n == 0 {
			break
		}
		i += n
	}
	return i
}

// digitOrLen is the length of the digit or of the first of marks that starts s, 0 if none
// does.
func digitOrLen(s string, marks ...string) int {
	if n := digitLen(s); n > 0 {
		return n
	}
	for _, m := range marks {
		if strings.HasPrefix(s, m) {
			return len(m)
		}
	}
	return 0
}

// latinWordLen is the length in bytes of the words of Latin letters at the start of s that
// a line must not part, 0 if none: a name in capitals with its number after a space, TICAD
// III (（TICAD / III） in a side column of dates), and a word with hyphens, Nation-Building
// (『…and Nation-/Building』 on the Japanese booklet's cover), which Japanese text around it
// gives no reason to split. It is the regular expression
// ^(?:[A-Z][A-Z0-9]+ (?:[IVX]+|[0-9]{1,2})\b|[A-Za-z]+(?:-[A-Za-z]+)+) written out
// (TestLatinWordLenIsThePattern).
func latinWordLen(s string) int {
	isUpper := func(c byte) bool { return 'A' <= c && c <= 'Z' }
	// A word boundary after s[:end], whose last byte is a letter or a digit.
	wordEnds := func(end int) bool { return end == len(s) || !isWordByte(s[end]) }
	if s != "" && isUpper(s[0]) {
		name := 1
		for name < len(s) && (isUpper(s[name]) || isDigit(s[name])) {
			name++
		}
		if name >= 2 && name < len(s) && s[name] == ' ' {
			start := name + 1
			end := start
			for end < len(s) && (s[end] == 'I' || s[end] == 'V' || s[end] == 'X') {
				end++
			}
			if end > start && wordEnds(end) {
				return end
			}
			for end = start; end < len(s) && end < start+2 && isDigit(s[end]); end++ {
			}
			if end > start && wordEnds(end) {
				return end
			}
		}
	}
	end := 0
	for end < len(s) && isLatinLetter(s[end]) {
		end++
	}
	hyphens := 0
	for end > 0 && end < len(s) && s[end] == '-' {
		next := end + 1
		for next < len(s) && isLatinLetter(s[next]) {
			next++
		}
		if next == end+1 {
			break
		}
		end = next
		hyphens++
	}
	if hyphens == 0 {
		return 0
	}
	return end
}

// keepers are proper nouns to keep whole, and their lengths in bytes by their first rune,
// longest first: a look-up per length per character of text, however many countries the
// site has (a list of names per first rune was a scan of thousands of names per character
// on a site where many names begin alike). What they were made from is site or glossary.
type keepers struct {
	site     *site.Site
	glossary *glossary.Glossary
	names    map[string]bool
	lens     map[rune][]int
}

func newKeepers() *keepers { return &keepers{names: map[string]bool{}, lens: map[rune][]int{}} }

func (k *keepers) add(n string) {
	// A name written with Latin letters breaks at its spaces, like any English text.
	if n == "" || strings.Contains(n, " ") || k.names[n] {
		return
	}
	k.names[n] = true
	first, _ := utf8.DecodeRuneInString(n)
	if !slices.Contains(k.lens[first], len(n)) {
		k.lens[first] = append(k.lens[first], len(n))
	}
}

// longestFirst orders the lengths so that コンゴ民主共和国 wins over a shorter name inside it.
func (k *keepers) longestFirst() {
	for _, lens := range k.lens {
		slices.SortFunc(lens, func(a, b int) int { return cmp.Compare(b, a) })
	}
}

// keepNames returns the Japanese proper nouns of s, made once per site model.
func (r *Renderer) keepNames(s *site.Site) *keepers {
	if k := r.keep.Load(); k != nil && k.site == s {
		return k
	}
	k := newKeepers()
	k.site = s
	for _, p := range s.Section("ja", site.KindCountry) {
		k.add(p.Title)
		if f := p.Facts; f != nil {
			k.add(f.OfficialName)
			k.add(f.Capital)
		}
	}
	for _, rg := range s.Config.Regions {
		k.add(rg.Name("ja"))
	}
	k.longestFirst()
	r.keep.Store(k)
	return k
}

// maxBodyName is the longest name, in letters, that a Japanese body keeps (writeName): a
// longer one (サンクトペテルブルク) breaks as any text, as it did before names were kept.
const maxBodyName = 8

// bodyNames returns the names that a Japanese body keeps (keepHTML, writeName): the people,
// countries and places of the glossary, written without a ・ (a line may end there:
// ボスニア・|ヘルツェゴビナ), of at most maxBodyName letters. A body split 小泉純|一郎,
// 東ティモー|ル and ミン|ダナオ. The names come from the glossary, not from the site's
// titles: a body then changes only with data/glossary.toml, which the preview rebuilds
// everything for, not with the title of every country it names.
func (r *Renderer) bodyNames(gl *glossary.Glossary) *keepers {
	if gl == nil {
		return nil
	}
	if k := r.bodyKeep.Load(); k != nil && k.glossary == gl {
		return k
	}
	k := newKeepers()
	k.glossary = gl
	for _, t := range gl.Terms {
		if t.Kind != "person" && t.Kind != "country" && t.Kind != "place" {
			continue
		}
		for _, n := range append([]string{t.JA}, t.Variants...) {
			if !strings.Contains(n, "・") && utf8.RuneCountInString(n) <= maxBodyName {
				k.add(n)
			}
		}
	}
	k.longestFirst()
	r.bodyKeep.Store(k)
	return k
}

// Keep splits text into runs for a page in the view's language: on a Japanese page, the
// numbers with their units and the proper nouns are runs to keep whole; on others, the
// hyphenated names and numbers are (englishRuns), and the text may break anywhere else it
// normally would but between a number and the word of its unit (keepUnits).
func (v *View) Keep(text string) []Run {
	if text == "" {
		return []Run{{}}
	}
	if v.Lang != "ja" {
		return englishRuns(text)
	}
	return markEnglish(phrased(keepRuns(text, v.r.keepNames(v.Site), true)))
}

// Phrases is Keep without the names, for a text in a large face (a page's title): a name
// kept whole there could be wider than a phone's screen (ボスニア・ヘルツェゴビナ).
func (v *View) Phrases(text string) []Run {
	if v.Lang != "ja" || text == "" {
		return []Run{{Text: keepUnits(text)}}
	}
	return v.JapanesePhrases(text)
}

// JapanesePhrases is Phrases for a Japanese text on a page of any language: the glossary's
// Japanese column, which on the English page broke 閣僚会/合.
func (v *View) JapanesePhrases(text string) []Run {
	return markEnglish(phrased(keepRuns(text, nil, true)))
}

// markEnglish marks the English words of a Japanese text with their language
// (markdown.EnglishWords), so that a screen reader reads 『Japan’s Efforts on
// Peacebuilding』 and 「armed crush」 in English (WCAG 3.1.2). A text with no Japanese
// letter is left alone: its element says its language (an English event on a page shown
// in English, the source's wording in an editor's note).
func markEnglish(runs []Run) []Run {
	japanese := false
	for _, r := range runs {
		if markdown.HasJapanese(r.Text) {
			japanese = true
			break
		}
	}
	if !japanese {
		return runs
	}
	// Most texts have no English word: their runs are returned as they are, and a new
	// list is made only from the first run that has one.
	var out []Run
	for i, r := range runs {
		var words [][2]int
		switch {
		case !r.Keep:
			words = markdown.EnglishWords(r.Text)
		case !markdown.HasJapanese(r.Text) && len(markdown.EnglishWords(r.Text)) > 0:
			// An English word kept whole (Nation-Building): marked as it stands. (Most
			// kept runs, 2006年12月 or カンボジア, are Japanese and need no look.)
			r.Lang = "en"
			if out == nil {
				out = append(make([]Run, 0, len(runs)), runs[:i]...)
			}
		}
		if r.Keep || len(words) == 0 {
			if out != nil {
				out = append(out, r)
			}
			continue
		}
		if out == nil {
			out = append(make([]Run, 0, len(runs)+2*len(words)), runs[:i]...)
		}
		from := 0
		for _, w := range words {
			if w[0] > from {
				out = append(out, Run{Text: r.Text[from:w[0]], Wbr: r.Wbr && from == 0})
			}
			out = append(out, Run{Text: r.Text[w[0]:w[1]], Wbr: r.Wbr && w[0] == 0, Lang: "en"})
			from = w[1]
		}
		if from < len(r.Text) {
			out = append(out, Run{Text: r.Text[from:]})
		}
	}
	if out == nil {
		return runs
	}
	return out
}

// phrased cuts the runs that may break into phrases, and marks each run that starts a
// phrase after the first (Wbr): the layouts put a <wbr> there.
func phrased(runs []Run) []Run {
	out := make([]Run, 0, len(runs))
	var prev rune
	for _, r := range runs {
		first, _ := utf8.DecodeRuneInString(r.Text)
		wbr := phraseBreak(prev, first)
		if r.Keep {
			// A long name may carry a break of its own (appendName).
			out = append(out, Run{Text: r.Text, Keep: true, Wbr: wbr || r.Wbr})
		} else {
			from := 0
			for _, at := range phraseBreaks(r.Text) {
				out = appendGlued(out, r.Text[from:at], wbr)
				from, wbr = at, true
			}
			out = appendGlued(out, r.Text[from:], wbr)
		}
		prev, _ = utf8.DecodeLastRuneInString(r.Text)
	}
	return out
}

// appendGlued appends the phrase text to runs, marked with wbr, with each closing bracket
// and the particle after it a run to keep: keep-all stops a browser breaking between
// letters, not after a closing mark, and a line began with the particle, （UNDP）|の.
func appendGlued(runs []Run, text string, wbr bool) []Run {
	from := 0
	for _, g := range gluedPairs(text) {
		if g[0] > from {
			runs = append(runs, Run{Text: text[from:g[0]], Wbr: wbr})
			wbr = false
		}
		runs = append(runs, Run{Text: text[g[0]:g[1]], Keep: true, Wbr: wbr})
		from, wbr = g[1], false
	}
	if from < len(text) {
		runs = append(runs, Run{Text: text[from:], Wbr: wbr})
	}
	return runs
}

// gluedPairs returns the byte ranges of s that are a closing bracket and the particle
// after it, in order.
func gluedPairs(s string) [][2]int {
	var out [][2]int
	var prev rune
	for i, c := range s {
		if isClosingBracket(prev) && isHiragana(c) {
			out = append(out, [2]int{i - utf8.RuneLen(prev), i + utf8.RuneLen(c)})
		}
		prev = c
	}
	return out
}

// isLatinLetter reports whether the byte c is an ASCII letter.
func isLatinLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// wordBounded reports whether text[start:end], a name, is not part of a longer word of
// Latin letters: a brief shown in English under its English name (Towa) is not kept inside
// "Towards".
func wordBounded(text string, start, end int) bool {
	if isLatinLetter(text[start]) && start > 0 && isLatinLetter(text[start-1]) {
		return false
	}
	return !isLatinLetter(text[end-1]) || end == len(text) || !isLatinLetter(text[end])
}

// keepRuns cuts a Japanese text into runs: numbers with their units, and the names of k
// (none when k is nil), each a run to keep. A date is one run with wholeDates; without,
// its year is one and its month and day another (2003年 and 10月5日), as in running text,
// where a line may end after the year: a justified line that cannot take the whole date
// was spread out by the width of the date (a fifth of a printed line's width). Words of
// Latin letters that a line must not part (latinWordLen) are runs to keep too.
func keepRuns(text string, k *keepers, wholeDates bool) []Run {
	var runs []Run
	last := 0
	for pos := 0; pos < len(text); {
		r, size := utf8.DecodeRuneInString(text[pos:])
		n, name := 0, false
		if k != nil {
			for _, l := range k.lens[r] {
				if pos+l <= len(text) && k.names[text[pos:pos+l]] && wordBounded(text, pos, pos+l) {
					n, name = l, true
					break
				}
			}
		}
		if n == 0 && r < utf8.RuneSelf && isLatinLetter(byte(r)) && (pos == 0 || !isLatinLetter(text[pos-1])) {
			n = latinWordLen(text[pos:])
		}
		if n == 0 && (unicode.IsDigit(r) || r == '約' || r == '最' || r == '第' || r == '平' || r == '昭' || r == '令') {
			if n = jaNumberLen(text[pos:]); n > 0 {
				if y := strings.Index(text[pos:pos+n], "年"); !wholeDates && y > 0 && pos+y+len("年") < pos+n {
					if c, _ := utf8.DecodeRuneInString(text[pos+y+len("年"):]); unicode.IsDigit(c) {
						n = y + len("年") // the month and day are the next run
					}
				}
			}
		}
		if n == 0 {
			pos += size
			continue
		}
		// The ～ of a range ends a line with the number before it, never starts one:
		// （2004年3月|～2006年12月） read as a list's dash.
		for _, dash := range []string{"～", "〜"} {
			if strings.HasPrefix(text[pos+n:], dash) {
				n += len(dash)
				break
			}
		}
		if pos > last {
			runs = append(runs, Run{Text: text[last:pos]})
		}
		if name {
			runs = appendName(runs, text[pos:pos+n])
		} else {
			runs = append(runs, Run{Text: text[pos : pos+n], Keep: true})
		}
		pos += n
		last = pos
	}
	if last < len(text) {
		runs = append(runs, Run{Text: text[last:]})
	}
	return runs
}

// maxSideColumnName is the longest name, in letters, that the printed key facts of a
// Japanese brief hold on one line: its side column is 40 mm, set at 7.8 pt.
const maxSideColumnName = 12

// appendName appends the name to runs as a run to keep. A name longer than
// maxSideColumnName is kept in parts marked Wbr: after each ・ (アフガニスタン・|イスラム
// 共和国, スリ・|ジャヤワルダナプラ・|コッテ), or in a name without one, each starting
// where kanji follow katakana (スリランカ|民主社会主義共和国, 大ブリテン|及び北アイルランド|
// 連合王国). Kept whole, the side column broke it where it ran out of room (共|和国), and a
// phone's facts box ran it past its edge.
func appendName(runs []Run, name string) []Run {
	if utf8.RuneCountInString(name) <= maxSideColumnName {
		return append(runs, Run{Text: name, Keep: true})
	}
	dot := strings.Contains(name, "・")
	from := 0
	var prev rune
	for i, c := range name {
		if dot && prev == '・' || !dot && (unicode.Is(unicode.Katakana, prev) || prev == 'ー') && unicode.Is(unicode.Han, c) {
			runs = append(runs, Run{Text: name[from:i], Keep: true, Wbr: from > 0})
			from = i
		}
		prev = c
	}
	return append(runs, Run{Text: name[from:], Keep: true, Wbr: from > 0})
}

// keepHTML keeps the numbers and names of converted Japanese Markdown whole: in the text
// between the tags of html, each number with its unit of more than one character is
// wrapped in <span class="nobr">, so that a paragraph does not break 7億5,000万ドル after 7
// or 2005年9月 after 9 (it may break it after 年), and each of the names of k
// (Renderer.bodyNames; none if k is nil) in <span class="nobr name">, whole or at its ends
// (writeName), which print lets break, where a justified line would rather part a name
// than spread out. Character references (&amp;) and code are left as they are.
func keepHTML(html string, k *keepers) string {
	var b strings.Builder
	last := 0 // html[:last] is in b
	grow := func() {
		if b.Len() == 0 {
			b.Grow(len(html) + len(html)/8)
		}
	}
	// text wraps the numbers of html[start:end] and, in a heading, marks the places
	// between its phrases with <wbr> (see phraseBreak), as the layouts do for titles.
	text := func(start, end int, heading bool) {
		var breaks []int
		if heading {
			breaks = phraseBreaks(html[start:end])
		}
		wbr := func(upTo int) { // the breaks before html offset upTo
			for len(breaks) > 0 && start+breaks[0] < upTo {
				if at := start + breaks[0]; at >= last {
					grow()
					b.WriteString(html[last:at])
					b.WriteString("<wbr>")
					last = at
				}
				breaks = breaks[1:]
			}
		}
		kept := keptRanges(html[start:end], k, false)
		if heading {
			kept = withGlued(kept, html[start:end])
		}
		for _, r := range kept {
			run := html[start+r[0] : start+r[1]]
			if utf8.RuneCountInString(run) < 2 {
				continue
			}
			wbr(start + r[0] + 1) // a break just before the run, none inside it
			for len(breaks) > 0 && breaks[0] < r[1] {
				breaks = breaks[1:]
			}
			grow()
			b.WriteString(html[last : start+r[0]])
			if k != nil && k.names[run] {
				writeName(&b, run)
			} else {
				b.WriteString(`<span class="nobr">`)
				b.WriteString(run)
				b.WriteString(`</span>`)
			}
			last = start + r[1]
		}
		wbr(end)
	}
	eachText(html, text)
	if b.Len() == 0 {
		return html
	}
	b.WriteString(html[last:])
	return b.String()
}

// nameEnds is how many letters of a long katakana name stay together at each of its ends:
// a line may part it between them (アフガ|ニスタン, オース|ト|ラリア), never nearer an end
// (ミン|ダナオ), as English hyphenation keeps three letters on each side. Kept whole, a
// name of seven letters left a phone's line of twenty ending a third short (a Japanese
// reader's trial). A name with kanji stays whole: its parts are words (安倍総|理大臣
// would part 総理), and 東ティモー|ル was the fault that names were first kept for.
const nameEnds = 3

// writeName writes name, one of the glossary's names, to b kept whole on a line, or a
// katakana one of twice nameEnds letters or more kept whole at its ends only.
func writeName(b *strings.Builder, name string) {
	if utf8.RuneCountInString(name) < 2*nameEnds || !allKatakana(name) {
		b.WriteString(`<span class="nobr name">`)
		b.WriteString(name)
		b.WriteString(`</span>`)
		return
	}
	head, tail := 0, len(name)
	for range nameEnds {
		_, n := utf8.DecodeRuneInString(name[head:])
		head += n
		_, n = utf8.DecodeLastRuneInString(name[:tail])
		tail -= n
	}
	b.WriteString(`<span class="nobr name">`)
	b.WriteString(name[:head])
	b.WriteString(`</span>`)
	b.WriteString(name[head:tail])
	b.WriteString(`<span class="nobr name">`)
	b.WriteString(name[tail:])
	b.WriteString(`</span>`)
}

// allKatakana reports whether s is katakana and the long vowel mark only: no kanji, and
// no combining mark, which a split could part from its letter.
func allKatakana(s string) bool {
	for _, r := range s {
		if r != 'ー' && !unicode.Is(unicode.Katakana, r) {
			return false
		}
	}
	return true
}

// eachText calls text with each run of the text of html between its tags and character
// references (&amp;), outside code, and whether the run is in a heading.
func eachText(html string, text func(start, end int, heading bool)) {
	code, heading := false, false
	for i := 0; i < len(html); {
		switch html[i] {
		case '<':
			end := strings.IndexByte(html[i:], '>')
			if end < 0 {
				end = len(html) - i - 1
			}
			tag := html[i : i+end+1]
			switch {
			case strings.HasPrefix(tag, "<code"), strings.HasPrefix(tag, "<pre"):
				code = true
			case strings.HasPrefix(tag, "</code"), strings.HasPrefix(tag, "</pre"):
				code = false
			case len(tag) > 3 && tag[1] == 'h' && tag[2] >= '1' && tag[2] <= '6':
				heading = true
			case len(tag) > 4 && tag[1] == '/' && tag[2] == 'h' && tag[3] >= '1' && tag[3] <= '6':
				heading = false
			}
			i += end + 1
		case '&':
			end := strings.IndexByte(html[i:], ';')
			if end < 0 {
				end = 0
			}
			i += end + 1
		default:
			j := i
			for j < len(html) && html[j] != '<' && html[j] != '&' {
				j++
			}
			if !code {
				text(i, j, heading)
			}
			i = j
		}
	}
}

// withGlued adds to kept, the sorted ranges of s to keep whole, each closing bracket of s
// with the particle after it (gluedPairs), merging ranges that touch or overlap.
func withGlued(kept [][2]int, s string) [][2]int {
	glued := gluedPairs(s)
	if len(glued) == 0 {
		return kept
	}
	all := append(slices.Clone(kept), glued...)
	slices.SortFunc(all, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	out := all[:1]
	for _, r := range all[1:] {
		if last := &out[len(out)-1]; r[0] <= last[1] {
			last[1] = max(last[1], r[1])
		} else {
			out = append(out, r)
		}
	}
	return out
}

// keptRanges returns the byte ranges of s's numbers with their units and of the names of
// k (keepRuns, dates whole or not): what keepHTML wraps and wrap does not break.
func keptRanges(s string, k *keepers, wholeDates bool) [][2]int {
	var out [][2]int
	at := 0
	for _, r := range keepRuns(s, k, wholeDates) {
		if r.Keep {
			out = append(out, [2]int{at, at + len(r.Text)})
		}
		at += len(r.Text)
	}
	return out
}

// unitWords are the words of a unit that keepUnits joins to the number before them, each
// with the words that may follow it as part of the unit ("33.5 billion yen").
var unitWords = []struct {
	word  string
	after []string
}{
	{"million", []string{" yen", " dollars"}},
	{"billion", []string{" yen", " dollars"}},
	{"trillion", []string{" yen", " dollars"}},
	{"percent", nil},
	{"yen", nil},
}

// keepUnits joins each number of English HTML or text to the word of its unit with a
// no-break space (a body, and Keep's summaries, dates and labels): a line that breaks
// there leaves "US$4.5" at the end of one line and "billion" alone at the start of the
// next. The words are no tag or attribute names, and a body's attributes hold addresses
// and ids, which have no such space. It scans for the spaces after digits rather than
// matching a regular expression, which was 3% of a build's CPU.
func keepUnits(html string) string {
	var b strings.Builder
	last := 0 // html[:last] is in b
	for i := 1; i < len(html); i++ {
		if html[i] != ' ' || !isDigit(html[i-1]) {
			continue
		}
		end := unitEnd(html, i+1)
		if end < 0 {
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(html) + 16)
		}
		b.WriteString(html[last:i])
		b.WriteString(strings.ReplaceAll(html[i:end], " ", "\u00a0"))
		last, i = end, end-1
	}
	if last == 0 {
		return html
	}
	b.WriteString(html[last:])
	return b.String()
}

// unitEnd is the end of the unit's words that start s[at:], or -1 if none does. A word
// ends where an ASCII letter, digit or underscore does not follow ("yenloans" is none).
func unitEnd(s string, at int) int {
	wordEnds := func(end int) bool { return end == len(s) || !isWordByte(s[end]) }
	for _, u := range unitWords {
		if !strings.HasPrefix(s[at:], u.word) {
			continue
		}
		end := at + len(u.word)
		for _, a := range u.after {
			if strings.HasPrefix(s[end:], a) && wordEnds(end+len(a)) {
				return end + len(a)
			}
		}
		if wordEnds(end) {
			return end
		}
	}
	return -1
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isWordByte(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

// hyphenatedName returns the end of a name of capitalised words joined by hyphens that
// starts s[at:] ("Timor-Leste", "Guinea-Bissau", "Secretary-General"), or -1: a line may
// break after a hyphen, which printed "Democratic Republic of Timor-" above "Leste". A
// word is an ASCII capital and lower-case letters; the name ends where no letter or digit
// follows.
func hyphenatedName(s string, at int) int {
	word := func(i int) int { return capitalisedWordEnd(s, i) }
	end := word(at)
	if end < 0 {
		return -1
	}
	joined := 0
	for end < len(s) && s[end] == '-' {
		next := word(end + 1)
		if next < 0 {
			break
		}
		end, joined = next, joined+1
	}
	if joined == 0 || (end < len(s) && isWordByte(s[end])) {
		return -1
	}
	if r, _ := utf8.DecodeRuneInString(s[end:]); unicode.IsLetter(r) {
		return -1 // a word with a letter beyond ASCII (Jean-Noël): not cut before it
	}
	return end
}

// capitalisedWordEnd returns the end of the word of an ASCII capital and lower-case
// letters at s[i:], or -1: an initial or an acronym (UN-led) is no name.
func capitalisedWordEnd(s string, i int) int {
	if i >= len(s) || s[i] < 'A' || s[i] > 'Z' {
		return -1
	}
	i++
	start := i
	for i < len(s) && 'a' <= s[i] && s[i] <= 'z' {
		i++
	}
	if i == start {
		return -1
	}
	return i
}

// saintName returns the end of a name after the abbreviation St. that starts s[at:] ("St.
// Petersburg"), or -1: a line broke after "St.", which a reader takes for a sentence's end.
func saintName(s string, at int) int {
	const st = "St. "
	if !strings.HasPrefix(s[at:], st) {
		return -1
	}
	i := capitalisedWordEnd(s, at+len(st))
	if i < 0 || i < len(s) && (isWordByte(s[i]) || s[i] >= utf8.RuneSelf) {
		return -1 // a word that goes on beyond the letters read: not cut inside it
	}
	return i
}

// hyphenatedNumber returns the end of the numbers joined by hyphens that start s[i:] (a
// postal code, 100-8919; an address, 2-2-1), or -1: a line broke after the hyphen.
func hyphenatedNumber(s string, i int) int {
	end, joined := i, 0
	for {
		start := end
		for end < len(s) && '0' <= s[end] && s[end] <= '9' {
			end++
		}
		if end == start {
			return -1 // a hyphen not followed by a digit: not a number's
		}
		if end+1 < len(s) && s[end] == '-' && '0' <= s[end+1] && s[end+1] <= '9' {
			end++
			joined++
			continue
		}
		break
	}
	if joined == 0 || end < len(s) && isWordByte(s[end]) {
		return -1 // no hyphen, or a word that goes on
	}
	if r, _ := utf8.DecodeRuneInString(s[end:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
		return -1 // a word with a letter beyond ASCII; a no-break space before a unit ends it
	}
	return end
}

// englishNames returns the ranges of s that are names a line must not break: hyphenated
// names (hyphenatedName), names after St. (saintName) and numbers joined by hyphens
// (hyphenatedNumber), each starting a word.
func englishNames(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); i++ {
		digit := '0' <= s[i] && s[i] <= '9'
		if !digit && (s[i] < 'A' || s[i] > 'Z') {
			continue
		}
		if before, _ := utf8.DecodeLastRuneInString(s[:i]); before == '_' || unicode.IsLetter(before) || unicode.IsDigit(before) {
			continue // inside a word
		}
		end := -1
		if digit {
			end = hyphenatedNumber(s, i)
		} else if end = hyphenatedName(s, i); end < 0 {
			end = saintName(s, i)
		}
		if end > 0 {
			out = append(out, [2]int{i, end})
			i = end - 1
		}
	}
	return out
}

// keepNamesHTML wraps each name a line must not break (englishNames) in the text of
// English HTML in <span class="nobr">, outside tags, character references and code.
func keepNamesHTML(html string) string {
	var b strings.Builder
	last := 0 // html[:last] is in b
	eachText(html, func(start, end int, _ bool) {
		for _, r := range englishNames(html[start:end]) {
			if b.Len() == 0 {
				b.Grow(len(html) + 64)
			}
			b.WriteString(html[last : start+r[0]])
			b.WriteString(`<span class="nobr">`)
			b.WriteString(html[start+r[0] : start+r[1]])
			b.WriteString(`</span>`)
			last = start + r[1]
		}
	})
	if last == 0 {
		return html
	}
	b.WriteString(html[last:])
	return b.String()
}

// englishRuns is Keep for an English text: its names kept whole (englishNames), and each
// number joined to the word of its unit (keepUnits).
func englishRuns(text string) []Run {
	// The units first: a kept number's unit stays joined to it (10-20 million yen).
	text = keepUnits(text)
	var runs []Run
	last := 0
	for _, r := range englishNames(text) {
		if r[0] > last {
			runs = append(runs, Run{Text: text[last:r[0]]})
		}
		runs = append(runs, Run{Text: text[r[0]:r[1]], Keep: true})
		last = r[1]
	}
	if last < len(text) || len(runs) == 0 {
		runs = append(runs, Run{Text: text[last:]})
	}
	return runs
}
