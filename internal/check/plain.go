package check

import (
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"
)

// plain blanks the parts of Markdown that are not text with spaces, keeping every byte
// offset and line break: link destinations, heading ids, URLs and reference definitions,
// in this order, each pass reading what the passes before it left (a URL inside a link
// destination is already gone). Each pass reads one line at a time, so the plain text
// of a run of whole lines is that run of the plain text.
//
// The passes find what these expressions find (FindAllIndex: leftmost, non-overlapping;
// terms_ref_test.go keeps them): hand-written, since the regexp package's backtracking
// was a tenth of the check's time.
//
//	link destination  \]\([^)\n]*\)   blanked after the ]
//	heading id        \{#[^}\n]*\}
//	URL               (?i)https?://[^\s<>"）)]+
//	reference         (?m)^ {0,3}\[[^\]^\n]+\]:[ \t]*\S+
func plain(s string) string {
	if !strings.Contains(s, "](") && !strings.Contains(s, "{#") && !strings.Contains(s, "://") && !strings.Contains(s, "]:") {
		return s // nothing to blank, nothing to copy
	}
	buf := scratch.Get().(*[]byte)
	b := append((*buf)[:0], s...)
	blankEnclosed(b, "](", ')', 1)
	blankEnclosed(b, "{#", '}', 0)
	blankURLs(b)
	blankReferences(b)
	out := string(b)
	*buf = b
	scratch.Put(buf)
	return out
}

// scratch holds the buffers plain blanks in, so that the string it returns is its only
// allocation: a check makes every page's text plain.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

// blank turns b[i:j] into spaces, line breaks excepted.
func blank(b []byte, i, j int) {
	for ; i < j; i++ {
		if b[i] != '\n' {
			b[i] = ' '
		}
	}
}

// blankEnclosed blanks each open ... close with no line break or other close inside,
// from skip bytes after its start: ](destination) and {#id}.
func blankEnclosed(b []byte, open string, close byte, skip int) {
	for i := 0; ; {
		k := indexFrom(b, i, open)
		if k < 0 {
			return
		}
		j := k + len(open)
		for j < len(b) && b[j] != close && b[j] != '\n' {
			j++
		}
		if j < len(b) && b[j] == close {
			blank(b, k+skip, j+1)
			i = j + 1
		} else {
			i = k + 1
		}
	}
}

// indexFrom is the index of s in b at or after from, or -1.
func indexFrom(b []byte, from int, s string) int {
	if from > len(b) {
		return -1
	}
	if i := bytes.Index(b[from:], []byte(s)); i >= 0 {
		return from + i
	}
	return -1
}

// blankURLs blanks http:// and https:// URLs (any case, ſ for s as (?i) has it) up to
// white space (\s: tab, line feed, form feed, carriage return, space), <, >, ", ）or ).
func blankURLs(b []byte) {
	if !bytes.Contains(b, []byte("://")) {
		return
	}
	for i := 0; i < len(b); {
		if end := urlEnd(b, i); end > i {
			blank(b, i, end)
			i = end
		} else {
			i++
		}
	}
}

// urlEnd returns the end of the URL that starts at i, or i when none does.
func urlEnd(b []byte, i int) int {
	j := i
	for _, c := range []byte("http") {
		if j >= len(b) || b[j]|0x20 != c { // |0x20 lowers ASCII letters and leaves h, t, p distinct
			return i
		}
		j++
	}
	switch {
	case j < len(b) && b[j]|0x20 == 's':
		j++
	case bytes.HasPrefix(b[j:], []byte("ſ")):
		j += len("ſ")
	}
	if !bytes.HasPrefix(b[j:], []byte("://")) {
		// "https" not followed by :// might still be "http" followed by it: not when
		// the s is there, since s is no colon.
		return i
	}
	j += len("://")
	start := j
	for j < len(b) {
		r, size := utf8.DecodeRune(b[j:])
		switch r {
		case '\t', '\n', '\f', '\r', ' ', '<', '>', '"', '）', ')':
			if j == start {
				return i
			}
			return j
		}
		j += size
	}
	if j == start {
		return i
	}
	return j
}

// blankReferences blanks reference definitions, whole: up to three spaces at the start of
// a line, [label] (not a footnote's [^label]), a colon, spaces or tabs, and a destination
// up to white space.
func blankReferences(b []byte) {
	if !bytes.Contains(b, []byte("]:")) {
		return
	}
	for line := 0; line < len(b); {
		next := len(b)
		if k := bytes.IndexByte(b[line:], '\n'); k >= 0 {
			next = line + k + 1
		}
		if end := referenceEnd(b[:next], line); end > line {
			blank(b, line, end)
		}
		line = next
	}
}

// referenceEnd returns the end of the reference definition on the line that starts at
// i, or i when it has none.
func referenceEnd(b []byte, i int) int {
	j := i
	for j < len(b) && j-i < 3 && b[j] == ' ' {
		j++
	}
	if j >= len(b) || b[j] != '[' {
		return i
	}
	j++
	label := j
	for j < len(b) && b[j] != ']' && b[j] != '^' && b[j] != '\n' {
		j++
	}
	if j == label || !bytes.HasPrefix(b[j:], []byte("]:")) {
		return i
	}
	j += len("]:")
	for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
		j++
	}
	dest := j
	for j < len(b) && !isRegexpSpace(b[j]) {
		j++
	}
	if j == dest {
		return i
	}
	return j
}

// isRegexpSpace is \s of the regexp package: ASCII white space but the vertical tab.
func isRegexpSpace(c byte) bool {
	return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}
