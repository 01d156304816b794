package render

import (
	"fmt"
	"strings"
)

// The template parser reports a block left without its {{end}} at the end of the file
// ("layouts/country.html:25: unexpected EOF"), where a designer cannot tell which of the
// file's blocks lost its {{end}}: each {{end}} closed the block opened last, so the
// block the parser finds open is often not the one that lost it. unclosedHint names the
// block left open and, for the blocks in it that span several lines, the lines each
// {{end}} paired them with, where the one that closes too late shows.

// layoutBlock is a block of a layout's text: {{if}}, {{range}}, {{with}}, {{define}} or
// {{block}}, up to its {{end}}.
type layoutBlock struct {
	action    string // as written, shortened: "{{with .Page.Themes}}"
	line, end int    // end is 0 while it is open
	inner     []*layoutBlock
}

// openBlocks reads text's actions and returns the blocks open at its end, outermost
// first. It reads actions as text/template's lexer does: a comment ends at "*/}}", and a
// quoted string or character may hold "}}".
func openBlocks(text string) []*layoutBlock {
	var open []*layoutBlock
	line := 1
	for {
		i := strings.Index(text, "{{")
		if i < 0 {
			return open
		}
		line += strings.Count(text[:i], "\n")
		text = text[i+2:]
		n := actionEnd(text)
		if n < 0 {
			return open // the parser reports an unclosed action
		}
		action := text[:n]
		text = text[n+2:]
		at := line
		line += strings.Count(action, "\n")
		inside := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(action, "-"), "-"))
		keyword := ""
		if words := strings.Fields(inside); len(words) > 0 {
			keyword = words[0]
		}
		switch keyword {
		case "if", "range", "with", "define", "block":
			b := &layoutBlock{action: shortAction(inside), line: at}
			if len(open) > 0 {
				parent := open[len(open)-1]
				parent.inner = append(parent.inner, b)
			}
			open = append(open, b)
		case "end":
			if len(open) > 0 {
				open[len(open)-1].end = at
				open = open[:len(open)-1]
			}
		}
	}
}

// actionEnd returns the index of the "}}" that ends the action text starts with (after
// its "{{"), or -1.
func actionEnd(text string) int {
	if rest := strings.TrimLeft(strings.TrimPrefix(text, "-"), " \t\r\n"); strings.HasPrefix(rest, "/*") {
		start := len(text) - len(rest)
		if end := strings.Index(text[start:], "*/"); end >= 0 {
			after := start + end + 2
			if k := strings.Index(text[after:], "}}"); k >= 0 {
				return after + k
			}
		}
		return -1
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '"', '\'', '`':
			for i++; i < len(text) && text[i] != c; i++ {
				if text[i] == '\\' && c != '`' {
					i++
				}
			}
		case '}':
			if strings.HasPrefix(text[i:], "}}") {
				return i
			}
		}
	}
	return -1
}

// shortAction is an action as a message quotes it: "{{with .Page.Themes}}", its first 40
// bytes and "…" if longer.
func shortAction(inside string) string {
	inside = strings.Join(strings.Fields(inside), " ")
	if len(inside) > 40 {
		cut := 40
		for cut > 0 && inside[cut]&0xC0 == 0x80 {
			cut--
		}
		inside = inside[:cut] + "…"
	}
	return "{{" + inside + "}}"
}

// unclosedHint explains a block the parser found left open in text, at its end
// ("unexpected EOF") or where a {{define}} came inside it: the block left open, and the
// lines each {{end}} closed the blocks in it at. It is "" if no block is open at the end
// of text.
func unclosedHint(text string) string {
	open := openBlocks(text)
	if len(open) == 0 {
		return ""
	}
	last := open[len(open)-1]
	return fmt.Sprintf("%s on line %d has no {{end}}", last.action, last.line) + innerSpans(last, ", or a block inside it lost its own")
}

// strayElseHint explains an {{else}} the parser found outside any block that takes one,
// at the end of text ("expected end; found {{else}}"): a block before it lost its {{end}},
// and the {{end}} meant for it closed the block of the {{else}} early.
func strayElseHint(text string) string {
	open := openBlocks(text)
	if len(open) == 0 {
		return ""
	}
	spans := innerSpans(open[len(open)-1], ": a block before it lost its {{end}}")
	if spans == "" {
		return "" // on the {{else}}'s own line: the line says it
	}
	return "the {{else}} stands outside its block" + spans
}

// innerSpans is lead and where each {{end}} closed the blocks in b that ran over several
// lines, or "" if none did.
func innerSpans(b *layoutBlock, lead string) string {
	// The blocks in it over several lines, outer first: a block on one line rarely lost
	// its {{end}}, but the block of that line whose {{end}} it took then runs too far.
	var spans []string
	var walk func([]*layoutBlock)
	walk = func(blocks []*layoutBlock) {
		for _, c := range blocks {
			if c.end > c.line {
				spans = append(spans, fmt.Sprintf("%s (lines %d to %d)", c.action, c.line, c.end))
			}
			walk(c.inner)
		}
	}
	walk(b.inner)
	if len(spans) == 0 {
		return ""
	}
	if len(spans) > maxSpans {
		spans = append(spans[:maxSpans], "…")
	}
	return lead + ": each {{end}} closes the block opened last, and closed " + strings.Join(spans, ", ")
}

// maxSpans is how many blocks an unclosed block's hint lists.
const maxSpans = 8

// before is text up to line n (from 1), without it: where the parser stopped.
func before(text string, n int) string {
	at := 0
	for range n - 1 {
		i := strings.IndexByte(text[at:], '\n')
		if i < 0 {
			break
		}
		at += i + 1
	}
	return text[:at]
}
