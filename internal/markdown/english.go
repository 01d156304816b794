package markdown

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A screen reader reads a page in the language of its lang attribute, and English words
// in a Japanese sentence in a Japanese voice unless they are marked (WCAG 3.1.2): the
// source's title 『Japan’s Efforts on Peacebuilding』, the source's wording quoted in an
// editor's note. markLang marks a whole block written in the other language; the English
// words inside a Japanese block are marked here, and in the short texts of the layouts
// by render.View.Keep, by the same rule (EnglishWords).

// englishWords matches a run of Latin words: Latin letters of any accent (Côte
// d’Ivoire), with the digits, apostrophes, hyphens and periods inside words, and the
// spaces, commas, colons and ampersands between them (a title and its subtitle).
var englishWords = regexp.MustCompile(`\p{Latin}(?:[\p{Latin}\d’'.\-]*[\p{Latin}\d.])?(?:[ ,:;&]+\p{Latin}(?:[\p{Latin}\d’'.\-]*[\p{Latin}\d.])?)*`)

// EnglishWords returns the byte ranges of s that are English words to mark as English in
// a Japanese text: runs of Latin words of three letters or more, one of them a word with
// a lower-case letter. A word in capitals (UNDP, PKO, TICAD IV), with its plural or
// possessive (NGOs, UNDP's), is read as Japanese text writes it, and so is a unit (km²);
// a path, a file or an address (../themes/ddr.md, www.mofa.go.jp) is no word to read.
func EnglishWords(s string) [][2]int {
	// A match starts with a Latin letter: the expression looks only from the first one, a
	// Japanese text without any costs a pass over its letters (the expression tried to
	// match at each of them, a twentieth of the rendering of a Japanese brief).
	first := strings.IndexFunc(s, isLatin)
	if first < 0 {
		return nil
	}
	var out [][2]int
	for _, m := range englishWords.FindAllStringIndex(s[first:], -1) {
		m[0], m[1] = m[0]+first, m[1]+first
		if addressLike(s, m[0], m[1]) {
			continue
		}
		letters, lower := 0, false
		for _, w := range strings.FieldsFunc(s[m[0]:m[1]], func(c rune) bool { return strings.ContainsRune(" ,:;&", c) }) {
			for _, c := range w {
				if unicode.IsLetter(c) {
					letters++
				}
			}
			lower = lower || hasLowerWord(w)
		}
		if letters >= 3 && lower {
			out = append(out, [2]int{m[0], m[1]})
		}
	}
	return out
}

// hasLowerWord reports whether the word w has a lower-case letter other than the s of
// a plural or possessive of capitals (NGOs, UNDP's).
func hasLowerWord(w string) bool {
	for _, suffix := range []string{"’s", "'s", "s"} {
		if rest, ok := strings.CutSuffix(w, suffix); ok && rest != "" && !strings.ContainsFunc(rest, unicode.IsLower) {
			return false
		}
	}
	return strings.ContainsFunc(w, unicode.IsLower)
}

// addressLike reports whether the words s[start:end] are part of a path, a file name or
// an address: next to a slash, an @ or an underscore, before "://", or with a period
// inside a word (rule-of-law.md). A colon alone ends a title ("…Peacebuilding: Towards…").
func addressLike(s string, start, end int) bool {
	const marks = "/\\@_"
	if start > 0 && strings.ContainsRune(marks, rune(s[start-1])) || end < len(s) && strings.ContainsRune(marks, rune(s[end])) || strings.HasPrefix(s[end:], "://") {
		return true
	}
	w := s[start:end]
	for i := 1; i+1 < len(w); i++ {
		if w[i] == '.' && isASCIILetter(w[i-1]) && isASCIILetter(w[i+1]) {
			return true
		}
	}
	return false
}

// isLatin reports whether c is a letter of the Latin script (\p{Latin}).
func isLatin(c rune) bool {
	if c < 0x80 {
		return isASCIILetter(byte(c))
	}
	return unicode.Is(unicode.Latin, c)
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// HasJapanese reports whether s has a Japanese character (isJapanese).
func HasJapanese(s string) bool {
	for _, r := range s {
		if isJapanese(r) {
			return true
		}
	}
	return false
}

// kindEnglish is the kind of an englishSpan node.
var kindEnglish = ast.NewNodeKind("English")

// englishSpan holds English words of a Japanese block: <span lang="en" class="inline-lang">
// (the style sheet keeps the sentence's face for them).
type englishSpan struct{ ast.BaseInline }

func (n *englishSpan) Kind() ast.NodeKind { return kindEnglish }

func (n *englishSpan) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// englishRenderer writes englishSpan nodes.
type englishRenderer struct{}

func (englishRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindEnglish, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span lang="en" class="inline-lang">`)
		} else {
			_, _ = w.WriteString(`</span>`)
		}
		return ast.WalkContinue, nil
	})
}

// markEnglishWords wraps the English words of doc's Japanese blocks in englishSpan nodes.
// A block that markLang marked as in the other language, or that has no Japanese
// character (a heading "Elections"), says its language as a whole, and is left alone; so
// is code, shown as typed.
func markEnglishWords(doc ast.Node, src []byte) {
	var runs [][]*ast.Text // runs of texts to mark in, each of sibling texts that follow on in src
	var block [][]*ast.Text
	japanese := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeBlock && n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline {
			if entering {
				block, japanese = block[:0], false
			} else if japanese {
				runs = append(runs, block...)
			}
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		if _, ok := n.AttributeString("lang"); ok && n != doc {
			return ast.WalkSkipChildren, nil // a block in the other language, marked whole
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			japanese = japanese || HasJapanese(string(n.Segment.Value(src)))
			// The parser cuts a line's text at each space (where an address may start):
			// the pieces of one line are read as one text.
			if k := len(block) - 1; k >= 0 {
				if prev := block[k][len(block[k])-1]; prev.NextSibling() == n && prev.Segment.Stop == n.Segment.Start && !prev.SoftLineBreak() && !prev.HardLineBreak() {
					block[k] = append(block[k], n)
					break
				}
			}
			block = append(block, []*ast.Text{n})
		case *ast.String:
			japanese = japanese || HasJapanese(string(n.Value))
		}
		return ast.WalkContinue, nil
	})
	for _, run := range runs {
		first, last := run[0], run[len(run)-1]
		start, stop := first.Segment.Start, last.Segment.Stop
		words := EnglishWords(string(src[start:stop]))
		if len(words) == 0 {
			continue
		}
		parent := first.Parent()
		var at ast.Node = first
		insert := func(n ast.Node) {
			parent.InsertAfter(parent, at, n)
			at = n
		}
		from := 0
		for _, w := range words {
			if w[0] > from {
				insert(ast.NewTextSegment(text.NewSegment(start+from, start+w[0])))
			}
			span := &englishSpan{}
			span.AppendChild(span, ast.NewTextSegment(text.NewSegment(start+w[0], start+w[1])))
			insert(span)
			from = w[1]
		}
		// The run's line break, if any, goes with its last piece.
		end := ast.NewTextSegment(text.NewSegment(start+from, stop))
		end.SetSoftLineBreak(last.SoftLineBreak())
		end.SetHardLineBreak(last.HardLineBreak())
		insert(end)
		for _, t := range run {
			parent.RemoveChild(parent, t)
		}
	}
}
