package audit

import (
	"hash/maphash"
	"strings"
	"sync"
)

// A sym names a string of a symtab: equal strings have equal syms. The empty string is
// always sym 0.
type sym uint32

// symtab stores each distinct string of a build's summaries once. The same links (the
// header, the footer, the head of every page) and ids recur on thousands of pages: a page
// keeps 4-byte syms instead of strings, and the text of the strings lies in a few large
// blocks instead of one allocation each. Its zero value is empty and ready; sym may be
// called from several goroutines at once, str and lookup once no sym call can run.
type symtab struct {
	mu    sync.Mutex
	seed  maphash.Seed
	strs  []string // sym-1 -> string
	slots []sym    // open addressing by hash; 0 is a free slot
	block *strings.Builder
}

const (
	// symBlockSize is the size of the blocks that hold the text of short strings.
	symBlockSize = 64 << 10
	// symOwnBlock is the length from which a string gets an allocation of its own, so
	// that a long string never leaves most of a block unused.
	symOwnBlock = symBlockSize / 16
)

// sym returns the sym of b, adding b to the table if it is new. It does not keep b.
func (t *symtab) sym(b []byte) sym {
	if len(b) == 0 {
		return 0
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.slots == nil {
		t.seed = maphash.MakeSeed()
		t.slots = make([]sym, 1024)
	}
	i := t.slot(maphash.Bytes(t.seed, b), string(b))
	if t.slots[i] != 0 {
		return t.slots[i]
	}
	t.strs = append(t.strs, t.store(b))
	s := sym(len(t.strs))
	t.slots[i] = s
	if 2*len(t.strs) > len(t.slots) {
		t.grow()
	}
	return s
}

// symString is sym for a string.
func (t *symtab) symString(s string) sym { return t.sym([]byte(s)) }

// slot returns the slot of s, whose hash is h: the one that holds it or the free one
// where it belongs. The comparison string(b) == ... does not allocate.
func (t *symtab) slot(h uint64, s string) int {
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		if t.slots[i] == 0 || t.strs[t.slots[i]-1] == s {
			return int(i)
		}
	}
}

// grow doubles the slots and places every sym again.
func (t *symtab) grow() {
	t.slots = make([]sym, 2*len(t.slots))
	for i, s := range t.strs {
		t.slots[t.slot(maphash.String(t.seed, s), s)] = sym(i + 1)
	}
}

// store copies b into the current block and returns the copy. A block is never grown:
// the strings already cut from it stay valid and unchanged as later ones are appended.
func (t *symtab) store(b []byte) string {
	if len(b) >= symOwnBlock {
		return string(b)
	}
	if t.block == nil || t.block.Cap()-t.block.Len() < len(b) {
		t.block = new(strings.Builder)
		t.block.Grow(symBlockSize)
	}
	start := t.block.Len()
	t.block.Write(b)
	return t.block.String()[start:]
}

// str returns the string of s.
func (t *symtab) str(s sym) string {
	if s == 0 {
		return ""
	}
	return t.strs[s-1]
}

// lookup returns the sym of s, if s is in the table.
func (t *symtab) lookup(s string) (sym, bool) {
	if s == "" {
		return 0, true
	}
	if t.slots == nil {
		return 0, false
	}
	i := t.slot(maphash.String(t.seed, s), s)
	return t.slots[i], t.slots[i] != 0
}
