package markdown

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// A line break inside a paragraph (a soft line break) is a space in English, and nothing
// between two Japanese characters, where a space would show as a gap: CSS Text 3's
// segment break transformation, applied here because browsers do not apply it yet.
//
// goldmark's own option for it (extension.WithEastAsianLineBreaks) looks only at a break
// between two runs of plain text: a break before a link, emphasis or code was dropped, so
// that "and\n[disarmament](…)" printed "anddisarmament", and a break after one was kept,
// a space in the middle of Japanese text. Its CSS3Draft rule also drops a break next to
// any punctuation, "one,\ntwo" printing "one,two". goldmark renders every soft break as a
// newline here; joinLines removes the ones that must go, looking at the letters on each
// side whatever element holds them.

// joinLines removes the soft line breaks of doc that join East Asian text (see above),
// in a document written in lang.
func joinLines(doc ast.Node, src []byte, lang string) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := n.(*ast.Text)
		if !entering || !ok || !t.SoftLineBreak() {
			return ast.WalkContinue, nil
		}
		before, after := lastRuneUpTo(t, src), firstRuneAfter(t, src)
		if before != utf8.RuneError && after != utf8.RuneError && !SpaceAtBreak(before, after, lang) {
			t.SetSoftLineBreak(false)
		}
		return ast.WalkContinue, nil
	})
}

// SpaceAtBreak reports whether a line break between the letters before and after is a
// space (CSS Text 3, 4.1.3): not when both are wide (East Asian Width F, W or H) and
// neither is Hangul, nor next to a zero-width space. In Japanese text not next to a wide
// letter either: Japanese sets a Latin word or a mark against its letters
// (国連開発計画（UNDP）の, 日本はUNDPを), and a break there is nothing too.
func SpaceAtBreak(before, after rune, lang string) bool {
	if before == '\u200B' || after == '\u200B' {
		return false
	}
	if unicode.Is(unicode.Hangul, before) || unicode.Is(unicode.Hangul, after) {
		return true
	}
	wide := func(r rune) bool {
		w := util.EastAsianWidth(r)
		return w == "F" || w == "W" || w == "H"
	}
	if lang == "ja" {
		return !wide(before) && !wide(after)
	}
	return !(wide(before) && wide(after))
}

// lastRuneUpTo is the last letter of the text that ends with t: t's own, or, when t is
// empty (a line that ends with a link or emphasis), the last of what comes before it in
// its block. utf8.RuneError when there is none.
func lastRuneUpTo(t *ast.Text, src []byte) rune {
	if v := t.Segment.Value(src); len(v) > 0 {
		r, _ := utf8.DecodeLastRune(v)
		return r
	}
	for n := ast.Node(t); n != nil && n.Type() == ast.TypeInline; n = n.Parent() {
		for s := n.PreviousSibling(); s != nil; s = s.PreviousSibling() {
			if r := edgeRune(s, src, false); r != utf8.RuneError {
				return r
			}
		}
	}
	return utf8.RuneError
}

// firstRuneAfter is the first letter after t in its block, inside whatever element holds
// it: the next line's. utf8.RuneError when there is none.
func firstRuneAfter(t *ast.Text, src []byte) rune {
	for n := ast.Node(t); n != nil && n.Type() == ast.TypeInline; n = n.Parent() {
		for s := n.NextSibling(); s != nil; s = s.NextSibling() {
			if r := edgeRune(s, src, true); r != utf8.RuneError {
				return r
			}
		}
	}
	return utf8.RuneError
}

// edgeRune is the first (or last) letter that node n shows, searching its inline
// children; utf8.RuneError when it shows none.
func edgeRune(n ast.Node, src []byte, first bool) rune {
	var text []byte
	switch n := n.(type) {
	case *ast.Text:
		text = n.Segment.Value(src)
	case *ast.String:
		text = n.Value
	case *ast.AutoLink:
		text = n.Label(src)
	default:
		c := n.FirstChild()
		if !first {
			c = n.LastChild()
		}
		for c != nil {
			if r := edgeRune(c, src, first); r != utf8.RuneError {
				return r
			}
			if first {
				c = c.NextSibling()
			} else {
				c = c.PreviousSibling()
			}
		}
		return utf8.RuneError
	}
	if len(text) == 0 {
		return utf8.RuneError
	}
	var r rune
	if first {
		r, _ = utf8.DecodeRune(text)
	} else {
		r, _ = utf8.DecodeLastRune(text)
	}
	return r
}
