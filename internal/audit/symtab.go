package audit

import (
	"encoding/binary"
	"hash/maphash"
	"strings"
	"sync"
)

// A sym names a string of a symtab: equal strings have equal syms. The empty string is
// always sym 0.
type sym uint32

// symtab stores each distinct string of a build's summaries once. The same links (the
// header, the footer, the head of every page) and ids recur on thousands of pages: a page
// keeps 4-byte syms instead of strings, and the strings lie in a few large blocks, each
// after its length, instead of one allocation and one string header each. Its zero value
// is empty and ready; sym may be called from several goroutines at once, str and lookup
// once no sym call can run.
type symtab struct {
	mu     sync.Mutex
	seed   maphash.Seed
	locs   []uint64 // sym-1 -> its block's index << 32 | its offset in the block
	blocks []*strings.Builder
	open   int   // the block that short strings go to; -1 before the first
	slots  []sym // open addressing by hash; 0 is a free slot
	// tags holds a byte of the hash of each slot's string: most strings met in a probe
	// are told apart by it, without reading them from their blocks.
	tags []uint8
}

// tag is the byte of hash h that tags keeps.
func tag(h uint64) uint8 { return uint8(h >> 56) }

const (
	// symBlockSize is the size of the blocks that hold short strings.
	symBlockSize = 64 << 10
	// symOwnBlock is the length from which a string gets a block of its own, so that a
	// long string never leaves most of a block unused.
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
		t.slots, t.tags = make([]sym, 1024), make([]uint8, 1024)
		t.open = -1
	}
	h := maphash.Bytes(t.seed, b)
	mask := uint64(len(t.slots) - 1)
	i := h & mask
	for ; t.slots[i] != 0; i = (i + 1) & mask {
		if t.tags[i] == tag(h) && t.str(t.slots[i]) == string(b) { // no allocation: a comparison
			return t.slots[i]
		}
	}
	t.locs = append(t.locs, t.store(b))
	s := sym(len(t.locs))
	t.slots[i], t.tags[i] = s, tag(h)
	// Linear probing stays short up to three quarters full.
	if 4*len(t.locs) > 3*len(t.slots) {
		t.grow()
	}
	return s
}

// symString is sym for a string.
func (t *symtab) symString(s string) sym { return t.sym([]byte(s)) }

// grow doubles the slots and places every sym again.
func (t *symtab) grow() {
	t.slots, t.tags = make([]sym, 2*len(t.slots)), make([]uint8, 2*len(t.tags))
	mask := uint64(len(t.slots) - 1)
	for i := range t.locs {
		s := sym(i + 1)
		h := maphash.String(t.seed, t.str(s))
		j := h & mask
		for t.slots[j] != 0 {
			j = (j + 1) & mask
		}
		t.slots[j], t.tags[j] = s, tag(h)
	}
}

// store copies b, after its length, into a block and returns where. Short strings go to
// the open block until it is full, long ones to a block of their own. A block is never
// grown: the strings already cut from it by str stay valid and unchanged as later ones are
// appended.
func (t *symtab) store(b []byte) uint64 {
	size := binary.MaxVarintLen64 + len(b)
	index := t.open
	switch {
	case size >= symOwnBlock:
		index = t.newBlock(size)
	case index < 0 || t.blocks[index].Cap()-t.blocks[index].Len() < size:
		index = t.newBlock(symBlockSize)
		t.open = index
	}
	block := t.blocks[index]
	loc := uint64(index)<<32 | uint64(block.Len())
	var n [binary.MaxVarintLen64]byte
	block.Write(n[:binary.PutUvarint(n[:], uint64(len(b)))])
	block.Write(b)
	return loc
}

// newBlock adds a block of the given size and returns its index.
func (t *symtab) newBlock(size int) int {
	block := new(strings.Builder)
	block.Grow(size)
	t.blocks = append(t.blocks, block)
	return len(t.blocks) - 1
}

// str returns the string of s. It does not allocate: the string is part of its block.
func (t *symtab) str(s sym) string {
	if s == 0 {
		return ""
	}
	loc := t.locs[s-1]
	b := t.blocks[loc>>32].String()[uint32(loc):]
	n, k := uvarint(b)
	return b[k : k+int(n)]
}

// uvarint is binary.Uvarint for a string.
func uvarint(s string) (uint64, int) {
	var x uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		x |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return x, i + 1
		}
	}
	return 0, 0
}

// lookup returns the sym of s, if s is in the table.
func (t *symtab) lookup(s string) (sym, bool) {
	if s == "" {
		return 0, true
	}
	if t.slots == nil {
		return 0, false
	}
	h := maphash.String(t.seed, s)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; t.slots[i] != 0; i = (i + 1) & mask {
		if t.tags[i] == tag(h) && t.str(t.slots[i]) == s {
			return t.slots[i], true
		}
	}
	return 0, false
}
