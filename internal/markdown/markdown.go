// Package markdown converts a content file's Markdown body to HTML.
//
// One goldmark setup serves every page: CommonMark with GitHub tables, strikethrough and
// autolinks; East Asian line breaks, so that a line break between two Japanese characters
// does not become a space (joinLines); heading ids that keep Japanese letters; explicit ids written as
// {#id}. Raw HTML is never passed through: it is dropped and reported.
//
// Links are rewritten through a Resolver that the caller supplies, so this package knows
// nothing of URLs or languages. Conversion does not stop at a bad link: every problem is
// collected with its line and returned with the HTML.
package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A Resolver maps a link written in Markdown, such as "../themes/ddr.md#afghanistan", to
// the place it leads to, in the language of the page being converted. An error is a
// message for the writer; it is reported at the link's line.
type Resolver interface {
	Resolve(dest string) (Target, error)
}

// Target is a resolved link.
type Target struct {
	URL string
	// External marks a link to another site; it is printed with its URL on paper.
	External bool
	// Mark is appended to the link text, e.g. " (EN)" for a page that is not translated.
	Mark string
	// Page and Fragment name the content page and heading a cross-link points at, for the
	// caller to check once every page's headings are known.
	Page, Fragment string
}

// Heading is a heading of the document, with its id.
type Heading struct {
	Level int
	ID    string
	Text  string
	Line  int
	// Lang is the language of a heading written in the other language's script (its lang
	// attribute, for a list of the headings to repeat), or "".
	Lang string
}

// Link is a link of the document as written and as resolved.
type Link struct {
	Dest   string
	Target Target
	Line   int
}

// Problem is an error or a warning at a line of the converted text (1-based).
type Problem struct {
	Line    int
	Msg     string
	Warning bool
	Also    int // another line the problem involves (the first use of a duplicate id), or 0
}

// Result is a converted document.
type Result struct {
	HTML     []byte
	Headings []Heading
	Links    []Link
	Problems []Problem
}

// Converter converts Markdown. It is safe for use by one goroutine at a time; make one
// per worker.
type Converter struct {
	md goldmark.Markdown
}

// New returns a Converter with the site's one goldmark setup.
func New() *Converter { return &Converter{md: Goldmark()} }

// Goldmark is the site's goldmark setup: its extensions and options, without the site's
// own walk over the document (links, headings, problems) that Converter adds. The
// benchmark's floor converts with it too, so that it measures the same Markdown work.
func Goldmark() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.Linkify,
			// A line break between Japanese letters is joinLines's, not goldmark's
			// (linebreaks.go says why).
			extension.NewCJK(extension.WithEscapedSpace()),
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithHeadingAttribute(),
		),
		// Without html.WithUnsafe, raw HTML is replaced by a comment (removed by the
		// minifier) and javascript: URLs are dropped: translators cannot inject script.
		goldmark.WithRendererOptions(html.WithXHTML(), renderer.WithNodeRenderers(util.Prioritized(englishRenderer{}, 500))),
	)
}

// Convert converts src, written in the language lang ("en", "ja"), resolving every link
// through r.
func (c *Converter) Convert(src []byte, lang string, r Resolver) Result {
	ids := newHeadingIDs()
	ctx := parser.NewContext(parser.WithIDs(ids))
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	// Before the walk, which reads each heading's text as the page shows it.
	joinLines(doc, src, lang)
	lines := newLineIndex(src)
	var res Result
	seen := map[string]int{}     // heading ids, at their lines
	seenText := map[string]int{} // level-2 heading texts, at their lines
	rawHTMLLine, boldLine, quoteLine := 0, 0, 0
	var autolinks []*ast.AutoLink
	var japaneseBlocks []ast.Node // of a page in another language than Japanese
	var code [][2]int             // the byte ranges of src shown as code

	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			if first, ok := n.FirstChild().(*ast.Text); ok {
				if last, ok := n.LastChild().(*ast.Text); ok {
					code = append(code, [2]int{first.Segment.Start, last.Segment.Stop})
				}
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			if l := n.Lines(); l.Len() > 0 {
				code = append(code, [2]int{l.At(0).Start, l.At(l.Len() - 1).Stop})
			}
		case *ast.Paragraph:
			if markLang(n, n, src, lang) == "ja" {
				japaneseBlocks = append(japaneseBlocks, n)
			}
		case *ast.TextBlock:
			// A tight list's item: its text has no element of its own but the item's.
			if item, ok := n.Parent().(*ast.ListItem); ok && item.ChildCount() == 1 {
				if markLang(item, n, src, lang) == "ja" {
					japaneseBlocks = append(japaneseBlocks, item)
				}
			}
		case *east.TableCell:
			if markLang(n, n, src, lang) == "ja" {
				japaneseBlocks = append(japaneseBlocks, n)
			}
		case *ast.Heading:
			headingLang := markLang(n, n, src, lang)
			if headingLang == "ja" {
				japaneseBlocks = append(japaneseBlocks, n)
			}
			id, _ := n.AttributeString("id")
			idStr := string(asBytes(id))
			line := lines.of(n, src)
			if prev, dup := seen[idStr]; dup {
				res.Problems = append(res.Problems, Problem{Line: line, Msg: "heading id \"" + idStr + "\" is used twice", Also: prev})
			}
			seen[idStr] = line
			text := plainText(n, src)
			// Two sections alike get ids of their own (text, text-1) but read the same in
			// "On this page", which lists the level-2 headings (an author's trial). Lower
			// headings alike in different sections ("Results") are common and listed nowhere.
			if prev, dup := seenText[text]; n.Level == 2 && dup {
				res.Problems = append(res.Problems, Problem{Line: line, Warning: true,
					Msg: fmt.Sprintf("heading %q is also the heading on line %d: \"On this page\" lists both alike; word them apart", text, prev)})
			} else if n.Level == 2 {
				seenText[text] = line
			}
			// An id in full-width braces, as a Japanese input method types them, is no id:
			// the heading would show it. (Not in code, which shows what is typed.)
			if lit, ok := LiteralID(textOutsideCode(n, src)); ok {
				res.Problems = append(res.Problems, Problem{Line: line, Warning: true,
					Msg: fmt.Sprintf("%s is not read as the heading's id and is shown as text: write {#%s} at the end of the heading, in half-width braces", lit, LiteralIDName(lit))})
			}
			res.Headings = append(res.Headings, Heading{Level: n.Level, ID: idStr, Text: text, Line: line, Lang: headingLang})
		case *ast.Link:
			res.link(n, string(n.Destination), lines.of(n, src), r, func(dest string) { n.Destination = []byte(dest) })
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				autolinks = append(autolinks, n)
			}
		case *ast.Text:
			_, inCode := n.Parent().(*ast.CodeSpan)
			// The briefs write typographic quotes; a straight one is printed as typed (an
			// author's trial published "Japan's" among pages of "Japan’s"), and the
			// glossary does not find a term written with it.
			if !inCode && straightQuote(src, n.Segment) {
				if line := lines.of(n, src); line != quoteLine {
					quoteLine = line
					res.Problems = append(res.Problems, Problem{Line: line, Warning: true, Msg: StraightQuoteAdvice})
				}
			}
			// A ** that did not pair is printed as it is. In Japanese it happens without a
			// slip of the hand: CommonMark ends bold after a mark such as ） only when a
			// space or another mark follows, and Japanese writes a letter there.
			if inCode || !bytes.Contains(n.Segment.Value(src), []byte("**")) {
				break
			}
			if line := lines.of(n, src); line != boldLine { // its opening ** too is text
				boldLine = line
				res.Problems = append(res.Problems, Problem{Line: line, Msg: "** would be printed as it is: bold does not end at a ** between a mark such as ） or 」 and a letter; end it before the mark (**会議**（TICAD IV）は, not **会議（TICAD IV）**は) or put a mark after it (**会議（TICAD IV）**：)"})
			}
		case *ast.Image:
			res.Problems = append(res.Problems, Problem{Line: lines.of(n, src), Msg: "images are not supported in content files; describe the picture in text"})
		case *ast.RawHTML, *ast.HTMLBlock:
			// One warning per line: an inline <b>…</b> is two nodes.
			if line := lines.of(n, src); line != rawHTMLLine {
				rawHTMLLine = line
				res.Problems = append(res.Problems, Problem{Line: line, Msg: "raw HTML is not allowed and was left out; write Markdown instead", Warning: true})
			}
		}
		return ast.WalkContinue, nil
	})

	// An autolink (<https://…>, or a bare address) goes through the resolver like any link:
	// it becomes a link node, after the walk, so that <javascript:…> is refused at its line.
	for _, n := range autolinks {
		dest, line := string(n.URL(src)), lines.of(n, src)
		link := ast.NewLink()
		link.AppendChild(link, ast.NewString(n.Label(src)))
		n.Parent().ReplaceChild(n.Parent(), n, link)
		res.link(link, dest, line, r, func(d string) { link.Destination = []byte(d) })
	}

	if lang == "ja" {
		markEnglishWords(doc, src)
	}
	// A Japanese block of another page (a citation quoted in Japanese) has its English
	// words marked as a Japanese page has.
	for _, n := range japaneseBlocks {
		markEnglishWords(n, src)
	}

	// A link typed with full-width brackets is no link: the reader would see its address.
	// (Not in code, which shows what is typed.)
	for _, m := range FullWidthLinks(string(src), 0, len(src)) {
		if slices.ContainsFunc(code, func(r [2]int) bool { return r[0] <= m[0] && m[0] < r[1] }) {
			continue
		}
		lit := string(src[m[0]:m[1]])
		res.Problems = append(res.Problems, Problem{Line: lines.line(m[0]), Warning: true,
			Msg: fmt.Sprintf("%s is shown as text, not as a link: write the brackets and parentheses half-width, [%s](%s)", lit, src[m[2]:m[3]], src[m[4]:m[5]])})
	}

	var buf bytes.Buffer
	if err := c.md.Renderer().Render(&buf, src, doc); err != nil {
		res.Problems = append(res.Problems, Problem{Line: 1, Msg: "render: " + err.Error()})
	}
	res.HTML = buf.Bytes()
	return res
}

func (res *Result) link(n *ast.Link, dest string, line int, r Resolver, set func(string)) {
	t, err := r.Resolve(dest)
	if err != nil {
		res.Problems = append(res.Problems, Problem{Line: line, Msg: err.Error()})
		set("")
		return
	}
	set(t.URL)
	if t.External {
		n.SetAttributeString("class", []byte("ext"))
	}
	if t.Mark != "" {
		n.AppendChild(n, ast.NewString([]byte(t.Mark)))
	}
	res.Links = append(res.Links, Link{Dest: dest, Target: t, Line: line})
}

// markLang gives the element el a lang attribute when the text of block is written in
// the other language's script (scriptCount.lang), and returns that language or "".
func markLang(el, block ast.Node, src []byte, lang string) string {
	var n scriptCount
	_ = ast.Walk(block, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch c := c.(type) {
			case *ast.Text:
				n.add(c.Segment.Value(src))
			case *ast.String:
				n.add(c.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	l := n.lang(lang)
	if l != "" {
		el.SetAttributeString("lang", []byte(l))
	}
	return l
}

// scriptCount counts the Japanese characters and the Latin letters of a text.
type scriptCount struct{ japanese, latin int }

func (n *scriptCount) add(text []byte) {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if 'a' <= c|0x20 && c|0x20 <= 'z' {
				n.latin++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if isJapanese(r) {
			n.japanese++
		}
		i += size
	}
}

// lang returns the language of a block of text in a page written in lang when it is the
// other one: "ja" for Japanese on an English page (a citation or a title quoted in
// Japanese), "en" for English on a Japanese page; "" for the page's own. Screen readers
// switch voices by the lang attribute, and browsers choose the Japanese forms of kanji by
// it: under lang="en", a Chinese font's forms may be drawn. A block is Japanese when at
// least half as many of its characters are Japanese as are Latin letters (an English
// sentence that gives a Japanese name in brackets stays English), and English when it has
// no Japanese character and a dozen Latin letters or more (an acronym alone stays).
func (n scriptCount) lang(lang string) string {
	switch {
	case lang == "en" && n.japanese > 0 && 2*n.japanese >= n.latin:
		return "ja"
	case lang == "ja" && n.japanese == 0 && n.latin >= 12:
		return "en"
	}
	return ""
}

// isJapanese reports whether r is Japanese punctuation, a kana, a kanji (the unified
// ideographs and extension A) or a full-width form.
func isJapanese(r rune) bool {
	return (r >= 0x3000 && r <= 0x30ff) || (r >= 0x3400 && r <= 0x9fff) || (r >= 0xff00 && r <= 0xffef)
}

func asBytes(v any) []byte {
	switch v := v.(type) {
	case []byte:
		return v
	case string:
		return []byte(v)
	}
	return nil
}

// plainText is the text of a node's inline children, as a reader sees it.
func plainText(n ast.Node, src []byte) string {
	return strings.TrimSpace(inlineText(n, src, true))
}

// textOutsideCode is the text of the inline content of n without its code spans.
func textOutsideCode(n ast.Node, src []byte) string {
	return inlineText(n, src, false)
}

// inlineText is the text of n's inline children, with or without its code spans; a
// soft line break is a space.
func inlineText(n ast.Node, src []byte, code bool) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); code && t != nil; t = t.NextSibling() {
				if tt, ok := t.(*ast.Text); ok {
					b.Write(tt.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// headingIDs makes heading ids from heading text. It keeps non-ASCII letters: goldmark's
// default drops every multi-byte rune, which would turn all Japanese headings into
// "heading", "heading-1", ... and break every link to them when a heading is added.
type headingIDs struct {
	used map[string]bool
}

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}} }

// Generate implements parser.IDs.
func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slugify(string(value))
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs: an explicit {#id} is reserved so generated ids avoid it.
func (s *headingIDs) Put(value []byte) { s.used[string(value)] = true }

// Slugify turns heading text into an id: letters and digits of any script are kept (ASCII
// letters lower-cased), white space, hyphens and underscores become one hyphen, the rest
// is dropped. Text with nothing left gives "section".
func Slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-' || r == '_' || r == '\u3000':
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// lineIndex finds the line of a node from the byte offsets goldmark keeps.
type lineIndex struct{ starts []int }

func newLineIndex(src []byte) lineIndex {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{starts: starts}
}

// of returns the 1-based line where n (or, for inline nodes, its nearest block) starts.
func (li lineIndex) of(n ast.Node, src []byte) int {
	offset := -1
	for p := n; p != nil && offset < 0; p = p.Parent() {
		switch t := p.(type) {
		case *ast.Text:
			offset = t.Segment.Start
		case *ast.AutoLink:
			// AutoLink has no segment of its own; try its neighbours below.
		default:
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				offset = p.Lines().At(0).Start
			} else if p.Type() == ast.TypeInline {
				for c := p.FirstChild(); c != nil; c = c.NextSibling() {
					if t, ok := c.(*ast.Text); ok {
						offset = t.Segment.Start
						break
					}
				}
			}
		}
	}
	if offset < 0 {
		return 1
	}
	return li.line(offset)
}

// line returns the 1-based line of the byte at offset.
func (li lineIndex) line(offset int) int {
	lo, hi := 0, len(li.starts)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if li.starts[mid] <= offset {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

// StraightQuoteAdvice is the warning of a straight quotation mark or apostrophe in a
// page's text: in its body here, in its front matter in package content.
const StraightQuoteAdvice = "a straight quotation mark: write ’ for an apostrophe (Japan’s) and “…” for a quotation, or 「…」 in Japanese, as the pages do"

// straightQuote reports whether the text of seg in src has a straight quotation mark or
// apostrophe that the writer did not escape: \" is one written on purpose.
func straightQuote(src []byte, seg text.Segment) bool {
	for i := seg.Start; i < seg.Stop; i++ {
		if (src[i] == '"' || src[i] == '\'') && (i == 0 || src[i-1] != '\\') {
			return true
		}
	}
	return false
}
