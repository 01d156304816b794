package audit

import "bytes"

// scanner reads an HTML page for the audit: its start tags, with the attributes the audit
// reads, the text of its raw text elements (title, script...) and its end tags. Text,
// comments, doctypes and CDATA sections are skipped without being returned.
//
// It splits a page exactly as tdewolff/parse's HTML lexer does (the lexer of the minifier
// that made the page, and what the audit read pages with before), quirks included: an
// <svg>, <math> or <xml> element is skipped whole, a '"' anywhere in it opening or closing
// a quote, and a NUL byte in it ends the page; a raw text element ends at the first "</"
// whose following letters name it, case aside ("</title2>" ends a title); "<!-->" opens a
// comment that "-->" or "--!>" ends. scan_test.go compares the two on real pages, tricky
// HTML and fuzzed input. What it does not do is what made the lexer cost more than
// everything else the audit does: it copies nothing and changes nothing (the lexer
// lower-cases names in place, so it needed a copy of every page), and it jumps to the next
// '<' or quote with bytes.IndexByte rather than stepping through every byte.
type scanner struct {
	data []byte
	pos  int
	// raw is the raw text element whose text comes next, after its start tag: "" for none.
	raw string
	// name holds a tag name lower-cased, when it is not already.
	name []byte
}

// token is what scanner.next found.
type token uint8

const (
	endOfPage token = iota
	startTag        // a start tag closed by ">"; the element holds its name and attributes
	voidTag         // a start tag closed by "/>"
	rawText         // the text of a raw text element: title, textarea, style, xmp, iframe, script, plaintext
	endTag          // an end tag; next returns its name, lower-cased
)

// next returns the next token of the page. For startTag and voidTag it fills e; for
// rawText it returns the text, as written, and for endTag the name, lower-cased (valid
// until the next call).
func (s *scanner) next(e *element) (token, []byte) {
	if s.raw != "" {
		raw := s.raw
		s.raw = ""
		if text := s.rawText(raw); len(text) > 0 {
			return rawText, text
		}
	}
	d := s.data
	for {
		i := bytes.IndexByte(d[s.pos:], '<')
		if i < 0 {
			s.pos = len(d)
			return endOfPage, nil
		}
		s.pos += i
		c := s.byteAt(s.pos + 1)
		switch {
		case c == '/' && s.pos+2 < len(d) && d[s.pos+2] != '>':
			s.pos += 2
			isEnd := isLetter(s.byteAt(s.pos))
			from, to := s.pos, s.pos
			for to < len(d) && !isSpace(d[to]) && d[to] != '>' && d[to] != '/' {
				to++
			}
			s.skipPast('>') // an end tag, or a bogus comment: "</ x>"
			if isEnd {
				return endTag, s.lower(d[from:to])
			}
		case isLetter(c):
			if t, ok := s.readStartTag(e); ok {
				return t, nil
			}
		case c == '!':
			s.pos += 2
			s.markup()
		case c == '?':
			s.skipPast('>') // a bogus comment
		default:
			s.pos++ // a '<' that starts no tag: text
		}
	}
}

// byteAt returns the byte at i, or 0 past the end of the page.
func (s *scanner) byteAt(i int) byte {
	if i < len(s.data) {
		return s.data[i]
	}
	return 0
}

// skipPast moves past the next c, or to the end of the page.
func (s *scanner) skipPast(c byte) {
	if i := bytes.IndexByte(s.data[s.pos:], c); i >= 0 {
		s.pos += i + 1
	} else {
		s.pos = len(s.data)
	}
}

// markup skips what follows "<!": a comment, a CDATA section, a doctype or a bogus comment.
func (s *scanner) markup() {
	rest := s.data[s.pos:]
	switch {
	case bytes.HasPrefix(rest, []byte("--")):
		// The comment ends at the first "-->" or "--!>" after its "<!--".
		for i := s.pos + 2; ; i++ {
			k := bytes.Index(s.data[i:], []byte("--"))
			if k < 0 {
				s.pos = len(s.data)
				return
			}
			i += k
			if s.byteAt(i+2) == '>' {
				s.pos = i + 3
				return
			}
			if s.byteAt(i+2) == '!' && s.byteAt(i+3) == '>' {
				s.pos = i + 4
				return
			}
		}
	case bytes.HasPrefix(rest, []byte("[CDATA[")):
		if k := bytes.Index(rest[7:], []byte("]]>")); k >= 0 {
			s.pos += 7 + k + 3
		} else {
			s.pos = len(s.data)
		}
	default:
		s.skipPast('>') // a doctype or a bogus comment
	}
}

// readStartTag reads the start tag at s.pos, its '<' followed by a letter, into e, and
// returns startTag or voidTag; endOfPage when the page ends inside the tag (the tag is not
// read) or at a NUL byte of an <svg>, <math> or <xml> element. It reports false when it
// skipped such an element whole: there is no token to return.
func (s *scanner) readStartTag(e *element) (token, bool) {
	d := s.data
	start := s.pos + 1
	i := start
	for i < len(d) && !isSpace(d[i]) && d[i] != '>' && !(d[i] == '/' && s.byteAt(i+1) == '>') {
		i++
	}
	s.pos = i
	name := s.lower(d[start:i])
	switch string(name) {
	case "svg", "math", "xml":
		if !s.skipForeign(string(name)) {
			s.pos = len(d) // the lexer stops at a NUL byte in such an element
			return endOfPage, true
		}
		return 0, false
	case "textarea", "title", "style", "xmp", "iframe", "script", "plaintext":
		s.raw = rawElements[string(name)]
	}
	e.reset(name)
	for {
		for s.pos < len(d) && isSpace(d[s.pos]) {
			s.pos++
		}
		switch {
		case s.pos == len(d):
			return endOfPage, true
		case d[s.pos] == '>':
			s.pos++
			return startTag, true
		case d[s.pos] == '/' && s.byteAt(s.pos+1) == '>':
			s.pos += 2
			return voidTag, true
		}
		s.attribute(e)
	}
}

// rawElements are the names of the raw text elements, as constants: scanner.raw holds
// one after its start tag, whose name may be in s.name.
var rawElements = map[string]string{
	"textarea": "textarea", "title": "title", "style": "style", "xmp": "xmp",
	"iframe": "iframe", "script": "script", "plaintext": "plaintext",
}

// lower returns name lower-cased: name itself when it has no upper-case letter, else a
// copy in s.name, valid until the next call.
func (s *scanner) lower(name []byte) []byte {
	i := 0
	for i < len(name) && !('A' <= name[i] && name[i] <= 'Z') {
		i++
	}
	if i == len(name) {
		return name
	}
	s.name = append(s.name[:0], name...)
	for j := i; j < len(s.name); j++ {
		if c := s.name[j]; 'A' <= c && c <= 'Z' {
			s.name[j] = c + 'a' - 'A'
		}
	}
	return s.name
}

// attribute reads the attribute at s.pos into e, if it is one that the audit reads.
func (s *scanner) attribute(e *element) {
	d := s.data
	i := s.pos
	for i < len(d) && !isSpace(d[i]) && d[i] != '=' && d[i] != '>' && !(d[i] == '/' && s.byteAt(i+1) == '>') {
		i++
	}
	name := d[s.pos:i]
	s.pos = i
	for i < len(d) && isSpace(d[i]) {
		i++
	}
	var val []byte
	if i < len(d) && d[i] == '=' {
		i++
		for i < len(d) && isSpace(d[i]) {
			i++
		}
		start := i
		if q := s.byteAt(i); q == '"' || q == '\'' {
			if k := bytes.IndexByte(d[i+1:], q); k >= 0 {
				i += k + 2
			} else {
				i = len(d)
			}
		} else {
			for i < len(d) && !isSpace(d[i]) && d[i] != '>' {
				i++
			}
		}
		val = d[start:i]
		s.pos = i
	}
	if k := attrIndex(name); k >= 0 {
		e.set(k, val)
	}
}

// rawText reads the text of the raw text element name, up to its end tag, which it
// leaves for next.
func (s *scanner) rawText(name string) []byte {
	d := s.data
	start := s.pos
	if name == "plaintext" {
		s.pos = len(d)
		return d[start:]
	}
	for i := start; ; {
		k := bytes.IndexByte(d[i:], '<')
		if k < 0 {
			break
		}
		i += k
		switch {
		case s.byteAt(i+1) == '/':
			_, from, to := s.tagName(i)
			if equalFold(d[from:to], name) {
				s.pos = i
				return d[start:i]
			}
			i = to
		case name == "script" && bytes.HasPrefix(d[i+1:], []byte("!--")):
			end, ok := s.scriptComment(i + 4)
			if ok {
				s.pos = end
				return d[start:end]
			}
			i = end
		default:
			i++
		}
	}
	s.pos = len(d)
	return d[start:]
}

// tagName reads the name of a tag whose '<' is at lt: whether it is an end tag, and where
// the letters of its name start and end (the name may be empty).
func (s *scanner) tagName(lt int) (isEnd bool, from, to int) {
	isEnd = s.byteAt(lt+1) == '/'
	from = lt + 1
	if isEnd {
		from++
	}
	to = from
	for to < len(s.data) && isLetter(s.data[to]) {
		to++
	}
	return isEnd, from, to
}

// scriptComment reads a "<!--" of a script from just after it, as the lexer does: to its
// "-->", where it returns, unless a "</script" that no "<script" opened comes first: the
// script ends there, and it returns where that end tag starts and true.
func (s *scanner) scriptComment(i int) (int, bool) {
	d := s.data
	inScript := false
	for i < len(d) {
		switch d[i] {
		case '-':
			if s.byteAt(i+1) == '-' && s.byteAt(i+2) == '>' {
				return i + 3, false
			}
			i++
		case '<':
			isEnd, from, to := s.tagName(i)
			if equalFold(d[from:to], "script") {
				if isEnd && !inScript {
					return i, true
				}
				inScript = !isEnd
			}
			i = to
		default:
			i++
		}
	}
	return len(d), true
}

// skipForeign skips an <svg>, <math> or <xml> element from after its name to the end of its
// end tag, counting nested elements of the same name, as the lexer does. It reports false
// at a NUL byte, where the lexer stops reading the page.
func (s *scanner) skipForeign(name string) bool {
	d := s.data
	i := s.pos
	nested, inQuote := 0, false
	for {
		for i < len(d) && !foreignStops[d[i]] {
			i++
		}
		if i == len(d) {
			s.pos = i
			return true
		}
		switch c := d[i]; {
		case c == '"':
			inQuote = !inQuote
			i++
		case c == '<' && !inQuote:
			isEnd, from, j := s.tagName(i)
			selfClosing := !isEnd && s.byteAt(j) == '/'
			if !selfClosing && equalFold(d[from:j], name) {
				if isEnd && nested == 0 {
					s.pos = j
					return s.skipTagEnd()
				}
				if isEnd {
					nested--
				} else {
					nested++
				}
			}
			i = j
		case c == 0:
			return false
		default:
			i++ // a '<' in quotes
		}
	}
}

// foreignStops are the bytes that skipForeign looks at.
var foreignStops = [256]bool{'"': true, '<': true, 0: true}

// skipTagEnd moves past the next '>', or to the end of the page; it reports false at a
// NUL byte before it, as skipForeign does.
func (s *scanner) skipTagEnd() bool {
	for i := s.pos; i < len(s.data); i++ {
		switch s.data[i] {
		case '>':
			s.pos = i + 1
			return true
		case 0:
			return false
		}
	}
	s.pos = len(s.data)
	return true
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// isSpace reports whether c is white space between attributes: HTML's, with no '\v'.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// equalFold reports whether b is lower, case aside; lower is lower case ASCII.
func equalFold(b []byte, lower string) bool {
	if len(b) != len(lower) {
		return false
	}
	for i := range len(b) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
