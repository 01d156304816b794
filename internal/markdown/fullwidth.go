package markdown

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// fullWidthLink matches a Markdown link with a full-width bracket or parenthesis, as a
// Japanese input method writes them: [法の支配]（../themes/rule-of-law.md）. Markdown
// does not read it as a link, and the page would show its address as text. The
// submatches are the text and the target.
var fullWidthLink = regexp.MustCompile(`[\[［]([^\]］\n]+)[\]］][(（]([^)）\s]+)[)）]`)

// FullWidthLinks finds the links of body[start:end] written with a full-width bracket or
// parenthesis, which Markdown does not read as links: the offsets in body of each match
// of fullWidthLink and its text and destination. Brackets around something that is not a
// link's destination (［注］（外務省）) are not links. The build warns about them and the
// translation check reports them.
func FullWidthLinks(body string, start, end int) [][]int {
	// A match with only ASCII brackets is a link as Markdown reads it: without ［, ］ or
	// ]（ there is nothing to report, and the expression's backtracking over every [ of
	// a body is spared (2% of a build's CPU).
	if part := body[start:end]; !strings.Contains(part, "［") && !strings.Contains(part, "］") && !strings.Contains(part, "]（") && !closedFullWidth(part) {
		return nil
	}
	var out [][]int
	for _, m := range fullWidthLink.FindAllStringSubmatchIndex(body[start:end], -1) {
		for i := range m {
			m[i] += start
		}
		lit, target := body[m[0]:m[1]], body[m[4]:m[5]]
		// [a](b.md) is a link; [a](b.md） is none, its destination never closed.
		if strings.HasPrefix(lit, "[") && strings.Contains(lit, "](") && strings.HasSuffix(lit, ")") ||
			!strings.Contains(target, ".md") && !strings.Contains(target, "://") && !strings.HasPrefix(target, "#") {
			continue // a link as Markdown reads it, or brackets around something else
		}
		out = append(out, m)
	}
	return out
}

// closedFullWidth reports whether a link destination of text, after "](", ends at a
// full-width ）rather than at ): [法の支配](../themes/rule-of-law.md）.
func closedFullWidth(text string) bool {
	for {
		i := strings.Index(text, "](")
		if i < 0 {
			return false
		}
		text = text[i+2:]
		if end := strings.IndexAny(text, ")） \t\n"); end >= 0 && strings.HasPrefix(text[end:], "）") {
			return true
		}
	}
}

// LiteralID returns the {#…} or ｛#…｝ that a heading's text still holds after its id
// was split off: Markdown publishes it as text. One in code (`{#id}`), which shows what
// is typed, is not one.
func LiteralID(title string) (string, bool) {
	title = blankCode(title)
	for _, open := range []string{"{#", "｛#", "｛＃", "{＃"} {
		if i := strings.Index(title, open); i >= 0 {
			rest := title[i:]
			if j := strings.IndexAny(rest, "}｝"); j >= 0 {
				_, size := utf8.DecodeRuneInString(rest[j:])
				rest = rest[:j+size]
			}
			return rest, true
		}
	}
	return "", false
}

// blankCode replaces the code spans of a line of Markdown (`code`, or between runs of two
// or more backticks) with spaces: a run of backticks opens one that the next run of as
// many closes.
func blankCode(line string) string {
	b := []byte(line)
	for i := 0; i < len(b); {
		if b[i] != '`' {
			i++
			continue
		}
		n := backticks(b, i)
		end := -1
		for j := i + n; j < len(b); {
			if b[j] != '`' {
				j++
				continue
			}
			m := backticks(b, j)
			if m == n {
				end = j + m
				break
			}
			j += m
		}
		if end < 0 {
			i += n // no closing run: the backticks are text
			continue
		}
		for k := i; k < end; k++ {
			b[k] = ' '
		}
		i = end
	}
	return string(b)
}

// backticks is the length of the run of backticks at b[i].
func backticks(b []byte, i int) int {
	n := 0
	for i+n < len(b) && b[i+n] == '`' {
		n++
	}
	return n
}

// LiteralIDName is the id that lit, a literal id (LiteralID), stands for: ｛#ddr｝ is ddr.
func LiteralIDName(lit string) string {
	return strings.TrimSpace(strings.Trim(lit, "{}｛｝#＃ "))
}
