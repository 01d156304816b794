package content

import (
	"slices"
	"strconv"
	"strings"

	"peacebuilding/internal/numbers"
)

// figuresNotInText lists, as "file:line: message" at each value, the key figures of f
// whose value f's own text (its body and events) does not give: a figure changed in the
// front matter alone, which the page then shows beside a text that gives another number
// (an author's trial changed 90 to 85 in a figure, and the page said "nearly 85%" over
// "nearly 90 percent"), or a text changed alone. Every figure of the real briefs is in its
// text: the box repeats what the text says. Only the source language's files give values;
// a translation takes them from its source, and the translator check compares its text
// with them. Parse finds them, on every core as the files are read, and keeps them with
// the file, which a preview reads again only once it changes.
func (f *File) figuresNotInText() []string {
	var out []string
	var said []numbers.Number
	read := false
	text := ""
	for i, g := range f.Front.Figures {
		if g.Value == nil {
			continue // the site model reports a figure without a value
		}
		if text == "" {
			text = f.numberedText()
		}
		if writesInFull(text, *g.Value) {
			continue // most figures: the number as written, without reading every number
		}
		if !read {
			said, read = numbers.Extract(text, f.Lang), true
		}
		if !slices.ContainsFunc(said, func(n numbers.Number) bool { return n.Value == *g.Value }) {
			out = append(out, f.Errorf(f.ItemLine("figures", i, "value"),
				"figure %d (%s): its value %s is not in the page's text: give it there too, or correct the one that is wrong",
				i+1, g.Label, strconv.FormatFloat(*g.Value, 'f', -1, 64)).Error())
		}
	}
	return out
}

// numberedText is the text of a page that states its numbers: its body and its events.
func (f *File) numberedText() string {
	text := f.Body
	for _, e := range f.Front.Events {
		text += "\n" + e.Text
	}
	return text
}

// writesInFull reports whether text writes the whole number v in digits, as 8140 or
// 8,140, standing alone (not in 18,140, 8,140.5, 50th or a link's address, report-50),
// where numbers.Extract would read it too.
func writesInFull(text string, v float64) bool {
	if v != float64(int64(v)) || v < 0 {
		return false
	}
	plain := strconv.FormatInt(int64(v), 10)
	grouped := plain
	for i := len(plain) - 3; i > 0; i -= 3 {
		grouped = grouped[:i] + "," + grouped[i:]
	}
	for _, w := range []string{grouped, plain} {
		for from := 0; ; {
			k := strings.Index(text[from:], w)
			if k < 0 {
				break
			}
			at, end := from+k, from+k+len(w)
			from = at + 1
			if at > 0 && (isWordByte(text[at-1]) || strings.IndexByte(",.-/_=#?&:", text[at-1]) >= 0) {
				continue
			}
			if end < len(text) && (isWordByte(text[end]) || strings.IndexByte("-/_", text[end]) >= 0 ||
				(text[end] == ',' || text[end] == '.') && end+1 < len(text) && isDigit(text[end+1])) {
				continue
			}
			if scaled(text[end:]) {
				continue // 50 million is not 50
			}
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// scaled reports whether rest, the text after a number, starts with a word that scales
// it: " million", "万".
func scaled(rest string) bool {
	rest = strings.TrimPrefix(rest, " ")
	for _, w := range []string{"thousand", "million", "billion", "trillion", "千", "万", "億", "兆"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// isWordByte reports whether c is an ASCII letter or digit.
func isWordByte(c byte) bool { return isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'z' }
