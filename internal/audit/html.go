package audit

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"html"
	"slices"
	"strings"
)

// page is what the audit keeps of one HTML file: only what its checks read, with every
// string as a sym of the summaries' table. A build keeps one for each of its pages until
// the audit, so it is kept small.
type page struct {
	path   string // output path: "en/countries/cambodia/index.html"
	lang   sym    // <html lang>
	layout sym    // from <body class="layout-x">
	// titles counts the <title> elements; titleBlank says that their text is white space.
	titles int32
	// descriptions counts the <meta name="description">; descriptionBlank says that the
	// content of the last is white space.
	descriptions int32
	// canonicals counts the <link rel="canonical" href>; canonical is the href of the first.
	canonicals       int32
	canonical        sym
	titleBlank       bool
	descriptionBlank bool
	noindex          bool // <meta name="robots" content="noindex">
	alternates       []alternate
	// social are the <meta property="og:…">, <meta name="twitter:…"> and <meta
	// name="theme-color"> of the head, key and content, in order (social.go).
	social    []alternate
	touchIcon bool // <link rel="apple-touch-icon">
	// jsonLD is the text of each <script type="application/ld+json"> of a home page: the
	// audit reads no other page's (checkWebSite), and they are long and differ on every
	// page (a BreadcrumbList on every brief).
	jsonLD []sym
	ids    []sym // every id, sorted, once
	dupIDs []sym // an id for each time it is used again, in order
	// unclosed says, for the first element left open that HTML does not close by itself
	// (a <strong> without </strong>), what closed it instead; "" when none is.
	unclosed string
	// refs is every href and src, in order, as uvarints: the sym of its value, times two,
	// plus one when the sym of its kind (see refKind) follows, which it does when the kind
	// differs from the previous link's. Most links are <a href> after an <a href>, and
	// most syms are below 2^20: about three bytes a link.
	refs []byte
}

// alternate is a <link rel="alternate" hreflang="..." href="...">.
type alternate struct {
	hreflang, href sym
}

// url is the URL page p is served at, relative to the site root: "en/countries/cambodia/".
func (p *page) url() string { return pageURL(p.path) }

// hasID reports whether p has an element with the id whose sym is id.
func (p *page) hasID(id sym) bool {
	_, found := slices.BinarySearch(p.ids, id)
	return found
}

// ref is an href or src of a page.
type ref struct {
	kind refKind
	val  string
}

// eachRef calls f for every href and src of p, in order.
func (p *page) eachRef(syms *symtab, f func(ref)) {
	var kind refKind
	for b := p.refs; len(b) > 0; {
		v, n := binary.Uvarint(b)
		b = b[n:]
		if v&1 != 0 {
			k, n := binary.Uvarint(b)
			b = b[n:]
			kind = decodeRefKind(syms.str(sym(k)))
		}
		f(ref{kind: kind, val: syms.str(sym(v >> 1))})
	}
}

// appendRef appends a link to refs; prevKind is the kind of the previous link, or 0.
func appendRef(refs []byte, kind, prevKind, val sym) []byte {
	if kind == prevKind {
		return binary.AppendUvarint(refs, uint64(val)<<1)
	}
	return binary.AppendUvarint(binary.AppendUvarint(refs, uint64(val)<<1|1), uint64(kind))
}

// refKind is what the audit needs of the element of an href or src. It is stored as a
// sym of its encoding: a byte of flags, then the tag name.
type refKind struct {
	tag      string
	attr     string // "href", "src" or "action"
	headLink bool   // <link rel="canonical"> or <link rel="alternate">
	ext      bool   // <a class="ext">: a deliberate external link written in Markdown
}

const (
	kindSrc = 1 << iota
	kindHeadLink
	kindExt
	kindAction // <form action>: the search box's, a link to the search page
)

// encode appends the encoding of k, for an element named tag (k.tag is not read: an
// element's name is bytes of the page until it is stored).
func (k refKind) encode(buf, tag []byte) []byte {
	var flags byte
	switch k.attr {
	case "src":
		flags |= kindSrc
	case "action":
		flags |= kindAction
	}
	if k.headLink {
		flags |= kindHeadLink
	}
	if k.ext {
		flags |= kindExt
	}
	return append(append(buf, flags), tag...)
}

func decodeRefKind(s string) refKind {
	k := refKind{tag: s[1:], attr: "href", headLink: s[0]&kindHeadLink != 0, ext: s[0]&kindExt != 0}
	switch {
	case s[0]&kindSrc != 0:
		k.attr = "src"
	case s[0]&kindAction != 0:
		k.attr = "action"
	}
	return k
}

// The attributes the audit reads; the others are skipped.
const (
	attrID = iota
	attrRel
	attrLang
	attrClass
	attrName
	attrContent
	attrHref
	attrSrc
	attrHreflang
	attrAction
	attrProperty
	attrType
	numAttrs
)

var attrNames = [numAttrs]string{"id", "rel", "lang", "class", "name", "content", "href", "src", "hreflang", "action", "property", "type"}

// attrIndex returns the index of the attribute name in attrNames, case aside, or -1.
func attrIndex(name []byte) int {
	var lower [8]byte // the longest of attrNames
	if len(name) > len(lower) {
		return -1
	}
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	switch string(lower[:len(name)]) {
	case "id":
		return attrID
	case "rel":
		return attrRel
	case "lang":
		return attrLang
	case "class":
		return attrClass
	case "name":
		return attrName
	case "content":
		return attrContent
	case "href":
		return attrHref
	case "src":
		return attrSrc
	case "hreflang":
		return attrHreflang
	case "action":
		return attrAction
	case "property":
		return attrProperty
	case "type":
		return attrType
	}
	return -1
}

// element is one start tag and the attributes the audit reads, as raw bytes of the file
// (first value wins, as in browsers).
type element struct {
	tag  []byte
	has  [numAttrs]bool
	raw  [numAttrs][]byte // quoted and with character references, as written; if has
	refs []int            // attrHref, attrSrc and attrAction, in the order written
}

// reset makes e the start tag named tag, without attributes.
func (e *element) reset(tag []byte) {
	e.tag, e.has, e.refs = tag, [numAttrs]bool{}, e.refs[:0]
}

func (e *element) set(i int, raw []byte) {
	if e.has[i] {
		return
	}
	e.has[i], e.raw[i] = true, raw
	if i == attrHref || i == attrSrc || i == attrAction {
		e.refs = append(e.refs, i)
	}
}

// value returns the value of attribute i, without quotes and with its character
// references decoded; "" when the element does not have it.
func (e *element) value(i int) string {
	if !e.has[i] {
		return ""
	}
	return attrValue(e.raw[i])
}

// parsePage reads an HTML file. The scanner is lenient and never fails on bad markup; the
// validator tests judge markup, the audit only what it links to.
func parsePage(syms *symtab, path string, data []byte) *page {
	pp := pageParser{page: &page{path: path}, syms: syms}
	pp.parse(&scanner{data: data})
	return pp.finish()
}

// pageParser fills a page as the scanner goes.
type pageParser struct {
	*page
	syms  *symtab
	ids   []sym
	title string
	// home says that the page's layout is the home page's; jsonLDTexts holds the texts of
	// its JSON-LD scripts, parts of the file, until finish knows whether to keep them.
	home        bool
	jsonLDTexts [][]byte
	// lastKind is the kind of the last href or src, and kindBytes its encoding: most
	// links are of the kind of the link before, which needs no look-up then.
	lastKind  sym
	kindBytes []byte
	scratch   []byte
	// open are the names of the elements open at this point of the page, outermost first
	// (closeElement).
	open []string
}

func (pp *pageParser) parse(s *scanner) {
	// One element is reused for every tag: element keeps nothing of it.
	var e element
	inTitle, inJSONLD := false, false
	var jsonLD []byte // the text of the JSON-LD script being read, a part of the file
	for {
		tok, text := s.next(&e)
		switch tok {
		case endOfPage:
			return
		case startTag, voidTag:
			pp.element(&e)
			if tok == startTag {
				pp.openElement(e.tag)
			}
			inTitle = string(e.tag) == "title" && tok == startTag
			if inTitle {
				pp.titles++
			}
			inJSONLD = string(e.tag) == "script" && strings.EqualFold(e.value(attrType), "application/ld+json") && tok == startTag
			jsonLD = nil
		case rawText:
			if inTitle {
				pp.title += html.UnescapeString(string(text))
			}
			if inJSONLD {
				jsonLD = text // a raw text element has one text, up to its end tag
			}
		case endTag:
			if inJSONLD {
				pp.jsonLDTexts = append(pp.jsonLDTexts, jsonLD)
			}
			inTitle, inJSONLD = false, false
			pp.closeElement(text)
		}
	}
}

// openElement notes that the element tag is open, unless it is void.
func (pp *pageParser) openElement(tag []byte) {
	if name, void := elementName(tag); !void {
		pp.open = append(pp.open, name)
	}
}

// closeElement closes the open element name and those opened inside it, and notes the
// first of them that HTML does not close by itself: a layout's <strong> without its end
// tag built, published and made the rest of the page bold (a designer's trial). The
// minifier keeps every end tag the layouts and Markdown write (publish.NewMinifier), so
// an end tag missing from the page was missing from its layout. An end tag that closes no
// open element is left to the validator tests.
func (pp *pageParser) closeElement(name []byte) {
	k := len(pp.open) - 1
	for k >= 0 && pp.open[k] != string(name) {
		k--
	}
	if k < 0 {
		return
	}
	for _, inside := range pp.open[k+1:] {
		if !optionalEnd(inside) && pp.unclosed == "" {
			pp.unclosed = fmt.Sprintf("<%s> is not closed before </%s>", inside, name)
		}
	}
	pp.open = pp.open[:k]
}

// elementName is the name of the element tag, as a string the pages share for the HTML
// elements (a switch, not a map: a look-up per start tag of every page was a fifth of the
// audit's reading), and whether it is void (no end tag).
func elementName(tag []byte) (name string, void bool) {
	switch string(tag) {
	case "area":
		return "area", true
	case "base":
		return "base", true
	case "br":
		return "br", true
	case "col":
		return "col", true
	case "embed":
		return "embed", true
	case "hr":
		return "hr", true
	case "img":
		return "img", true
	case "input":
		return "input", true
	case "link":
		return "link", true
	case "meta":
		return "meta", true
	case "param":
		return "param", true
	case "source":
		return "source", true
	case "track":
		return "track", true
	case "wbr":
		return "wbr", true
	case "html":
		return "html", false
	case "head":
		return "head", false
	case "body":
		return "body", false
	case "p":
		return "p", false
	case "li":
		return "li", false
	case "dt":
		return "dt", false
	case "dd":
		return "dd", false
	case "rt":
		return "rt", false
	case "rp":
		return "rp", false
	case "optgroup":
		return "optgroup", false
	case "option":
		return "option", false
	case "colgroup":
		return "colgroup", false
	case "caption":
		return "caption", false
	case "thead":
		return "thead", false
	case "tbody":
		return "tbody", false
	case "tfoot":
		return "tfoot", false
	case "tr":
		return "tr", false
	case "td":
		return "td", false
	case "th":
		return "th", false
	case "a":
		return "a", false
	case "abbr":
		return "abbr", false
	case "address":
		return "address", false
	case "article":
		return "article", false
	case "aside":
		return "aside", false
	case "b":
		return "b", false
	case "bdi":
		return "bdi", false
	case "blockquote":
		return "blockquote", false
	case "button":
		return "button", false
	case "cite":
		return "cite", false
	case "code":
		return "code", false
	case "data":
		return "data", false
	case "del":
		return "del", false
	case "details":
		return "details", false
	case "dfn":
		return "dfn", false
	case "div":
		return "div", false
	case "dl":
		return "dl", false
	case "em":
		return "em", false
	case "fieldset":
		return "fieldset", false
	case "figcaption":
		return "figcaption", false
	case "figure":
		return "figure", false
	case "footer":
		return "footer", false
	case "form":
		return "form", false
	case "h1":
		return "h1", false
	case "h2":
		return "h2", false
	case "h3":
		return "h3", false
	case "h4":
		return "h4", false
	case "h5":
		return "h5", false
	case "h6":
		return "h6", false
	case "header":
		return "header", false
	case "i":
		return "i", false
	case "iframe":
		return "iframe", false
	case "ins":
		return "ins", false
	case "kbd":
		return "kbd", false
	case "label":
		return "label", false
	case "legend":
		return "legend", false
	case "main":
		return "main", false
	case "mark":
		return "mark", false
	case "nav":
		return "nav", false
	case "noscript":
		return "noscript", false
	case "ol":
		return "ol", false
	case "output":
		return "output", false
	case "pre":
		return "pre", false
	case "q":
		return "q", false
	case "ruby":
		return "ruby", false
	case "s":
		return "s", false
	case "samp":
		return "samp", false
	case "script":
		return "script", false
	case "search":
		return "search", false
	case "section":
		return "section", false
	case "select":
		return "select", false
	case "small":
		return "small", false
	case "span":
		return "span", false
	case "strong":
		return "strong", false
	case "style":
		return "style", false
	case "sub":
		return "sub", false
	case "summary":
		return "summary", false
	case "sup":
		return "sup", false
	case "table":
		return "table", false
	case "template":
		return "template", false
	case "textarea":
		return "textarea", false
	case "time":
		return "time", false
	case "title":
		return "title", false
	case "u":
		return "u", false
	case "ul":
		return "ul", false
	case "var":
		return "var", false
	case "video":
		return "video", false
	}
	return string(tag), false
}

// optionalEnd reports whether HTML lets a page leave out the end tag of the element name
// (and html, head and body altogether): the parser closes it by itself.
func optionalEnd(name string) bool {
	switch name {
	case "html", "head", "body", "p", "li", "dt", "dd", "rt", "rp", "rb", "rtc", "optgroup", "option", "colgroup", "caption", "thead", "tbody", "tfoot", "tr", "td", "th":
		return true
	}
	return false
}

// finish sets what is known only at the end of the file, and returns the page with its
// slices no longer than their contents.
func (pp *pageParser) finish() *page {
	p := pp.page
	for _, name := range pp.open {
		if !optionalEnd(name) && p.unclosed == "" {
			p.unclosed = fmt.Sprintf("<%s> is not closed by the end of the page", name)
		}
	}
	p.titleBlank = strings.TrimSpace(pp.title) == ""
	p.ids = slices.Clone(pp.ids)
	slices.Sort(p.ids)
	p.ids = slices.Compact(p.ids)
	if len(p.ids) < len(pp.ids) {
		// Some id is used twice: name it each time it is used again, in order.
		seen := map[sym]bool{}
		for _, id := range pp.ids {
			if seen[id] {
				p.dupIDs = append(p.dupIDs, id)
			}
			seen[id] = true
		}
	}
	if pp.home {
		for _, text := range pp.jsonLDTexts {
			p.jsonLD = append(p.jsonLD, pp.syms.sym(text))
		}
	}
	p.ids = slices.Clone(p.ids)
	p.alternates = slices.Clone(p.alternates)
	p.social = slices.Clone(p.social)
	p.refs = bytes.Clone(p.refs)
	return p
}

// symOf returns the sym of the value of attribute i of e, as value does.
func (pp *pageParser) symOf(e *element, i int) sym {
	if !e.has[i] {
		return 0
	}
	v := unquote(e.raw[i])
	if bytes.IndexByte(v, '&') >= 0 {
		return pp.syms.symString(html.UnescapeString(string(v)))
	}
	return pp.syms.sym(v)
}

func (pp *pageParser) element(e *element) {
	if e.has[attrID] {
		pp.ids = append(pp.ids, pp.symOf(e, attrID))
	}
	tag := e.tag
	// rel is read for <link> and for every href and src: lower-case it once.
	var rel string
	if e.has[attrRel] && (string(tag) == "link" || len(e.refs) > 0) {
		rel = strings.ToLower(e.value(attrRel))
	}
	switch string(tag) {
	case "html":
		pp.lang = pp.symOf(e, attrLang)
	case "body":
		for c := range strings.FieldsSeq(e.value(attrClass)) {
			if name, ok := strings.CutPrefix(c, "layout-"); ok {
				pp.layout = pp.syms.symString(name)
				pp.home = name == "home"
			}
		}
	case "meta":
		if key := strings.ToLower(e.value(attrProperty)); strings.HasPrefix(key, "og:") {
			pp.social = append(pp.social, alternate{pp.syms.symString(key), pp.symOf(e, attrContent)})
		}
		if key := strings.ToLower(e.value(attrName)); strings.HasPrefix(key, "twitter:") || key == "theme-color" {
			pp.social = append(pp.social, alternate{pp.syms.symString(key), pp.symOf(e, attrContent)})
		}
		switch strings.ToLower(e.value(attrName)) {
		case "description":
			pp.descriptionBlank = strings.TrimSpace(e.value(attrContent)) == ""
			pp.descriptions++
		case "robots":
			pp.noindex = slices.Contains(strings.FieldsFunc(strings.ToLower(e.value(attrContent)), isListSep), "noindex")
		}
	case "link":
		if e.has[attrHref] && hasField(rel, "apple-touch-icon") {
			pp.touchIcon = true
		}
		if e.has[attrHref] {
			if hasField(rel, "canonical") {
				if pp.canonicals == 0 {
					pp.canonical = pp.symOf(e, attrHref)
				}
				pp.canonicals++
			}
			if e.has[attrHreflang] && hasField(rel, "alternate") {
				pp.alternates = append(pp.alternates, alternate{hreflang: pp.symOf(e, attrHreflang), href: pp.symOf(e, attrHref)})
			}
		}
	}
	if len(e.refs) == 0 {
		return
	}
	kind := refKind{
		headLink: string(tag) == "link" && (hasField(rel, "canonical") || hasField(rel, "alternate")),
		ext:      string(tag) == "a" && hasField(e.value(attrClass), "ext"),
	}
	for _, i := range e.refs {
		kind.attr = attrNames[i]
		pp.scratch = kind.encode(pp.scratch[:0], tag)
		k := pp.lastKind
		if !bytes.Equal(pp.scratch, pp.kindBytes) {
			k = pp.syms.sym(pp.scratch)
			pp.kindBytes = append(pp.kindBytes[:0], pp.scratch...)
		}
		pp.refs = appendRef(pp.refs, k, pp.lastKind, pp.symOf(e, i))
		pp.lastKind = k
	}
}

// hasField reports whether one of the white-space separated fields of s is f.
func hasField(s, f string) bool {
	for field := range strings.FieldsSeq(s) {
		if field == f {
			return true
		}
	}
	return false
}

// unquote removes the quotes of a raw attribute value.
func unquote(v []byte) []byte {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}

// attrValue removes the quotes of a raw attribute value and decodes its character references.
func attrValue(raw []byte) string {
	return html.UnescapeString(string(unquote(raw)))
}

func isListSep(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }

// pageURL is the URL, relative to the site root, at which a host serves the output file
// path: folders are served by their index.html.
func pageURL(path string) string {
	if path == "index.html" {
		return ""
	}
	if dir, ok := strings.CutSuffix(path, "/index.html"); ok {
		return path[:len(dir)+1]
	}
	return path
}
