package check

import (
	"fmt"
	"iter"
)

// matcher finds every occurrence of a fixed set of patterns in a text in one pass over its
// bytes, whatever the number of patterns: an Aho–Corasick automaton compiled into a table
// of transitions, one look-up per byte of text. The glossary check looks for hundreds of
// terms in every page; searching for each term in turn read every page hundreds of times.
//
// A matcher is built once per Run and only read afterwards, so it may be shared.
type matcher struct {
	patterns []string
	// class maps a byte of text to its column of next: the bytes that occur in patterns
	// have a column each (the bytes that fold to one byte share it), every other byte
	// shares column 0, which always leads back to the start. Columns keep the table small.
	class [256]int32
	width int32   // columns per state
	next  []int32 // next[state*width+column]: the state after reading a byte; state 0 is the start
	// out is the pattern that ends at each state, or -1; link is the nearest state on the
	// chain of failure links (shorter suffixes of what was read) where a pattern ends, or
	// -1; emit is the state itself when a pattern ends there, else its link: the first
	// state whose pattern ends at a byte, one look-up for the bytes where none does.
	out, link, emit []int32
}

// newMatcher builds a matcher of patterns, which must be distinct and not empty. Each byte
// of text is read as fold gives it (nil: as it is); patterns are matched as written, so a
// pattern byte that fold never gives (an upper case letter, when fold lowers) never matches.
func newMatcher(patterns []string, fold func(byte) byte) *matcher {
	m := &matcher{patterns: patterns}
	var column [256]int32 // column of each pattern byte, 0 for bytes no pattern has
	m.width = 1
	for _, p := range patterns {
		for i := range len(p) {
			if column[p[i]] == 0 {
				column[p[i]] = m.width
				m.width++
			}
		}
	}
	for b := range 256 {
		c := byte(b)
		if fold != nil {
			c = fold(c)
		}
		m.class[b] = column[c]
	}

	// The trie of the patterns; -1 is a missing transition. It has at most a state per
	// pattern byte, and the start.
	states := 1
	for _, p := range patterns {
		states += len(p)
	}
	m.next = make([]int32, 0, states*int(m.width))
	m.out = make([]int32, 0, states)
	m.link = make([]int32, 0, states)
	newState := func() int32 {
		for range m.width {
			m.next = append(m.next, -1)
		}
		m.out = append(m.out, -1)
		m.link = append(m.link, -1)
		return int32(len(m.out) - 1)
	}
	newState()
	for id, p := range patterns {
		if p == "" {
			panic("check: empty pattern")
		}
		s := int32(0)
		for i := range len(p) {
			at := s*m.width + column[p[i]]
			if m.next[at] < 0 {
				t := newState() // grows m.next: assigned apart
				m.next[at] = t
			}
			s = m.next[at]
		}
		if m.out[s] >= 0 {
			panic(fmt.Sprintf("check: pattern %q given twice", p))
		}
		m.out[s] = int32(id)
	}

	// Breadth first, so that the failure state of every state is complete before it is
	// used: a missing transition becomes the failure state's transition.
	fail := make([]int32, len(m.out))
	var queue []int32
	for c := range m.width {
		if t := m.next[c]; t < 0 {
			m.next[c] = 0
		} else {
			queue = append(queue, t) // fail[t] is the start
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for c := range m.width {
			t := m.next[s*m.width+c]
			f := m.next[fail[s]*m.width+c]
			if t < 0 {
				m.next[s*m.width+c] = f
				continue
			}
			fail[t] = f
			if m.out[f] >= 0 {
				m.link[t] = f
			} else {
				m.link[t] = m.link[f]
			}
			queue = append(queue, t)
		}
	}
	m.emit = make([]int32, len(m.out))
	for s, p := range m.out {
		if p >= 0 {
			m.emit[s] = int32(s)
		} else {
			m.emit[s] = m.link[s]
		}
	}
	return m
}

// matches yields every occurrence of every pattern in text, overlapping ones included, as
// the pattern's index and the byte offset where it starts. Occurrences come in the order
// of their ends, so the occurrences of one pattern come in text order.
func (m *matcher) matches(text string) iter.Seq2[int, int] {
	return func(yield func(pattern, start int) bool) {
		s := int32(0)
		for i := range len(text) {
			s = m.next[s*m.width+m.class[text[i]]]
			for t := m.emit[s]; t >= 0; t = m.link[t] {
				if p := m.out[t]; !yield(int(p), i+1-len(m.patterns[p])) {
					return
				}
			}
		}
	}
}
