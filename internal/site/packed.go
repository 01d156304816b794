package site

import (
	"encoding/binary"
	"html/template"
	"slices"
	"sync"
	"unsafe"

	"github.com/pierrec/lz4/v4"
)

// packedHTML is a converted body kept compressed while the model lives: a body is read a
// few times (its page, its booklet part, the glossary and the search index), and a site of
// thousands of pages held every body whole through rendering (52 MB at 10,000 country
// briefs per language, a fifth of the live heap).
//
// The compression is LZ4's block format (github.com/pierrec/lz4/v4): runs of bytes that
// are either new or a repeat of the 64 KB before them, with no entropy coding. HTML
// repeats its tags and attributes, so a body shrinks to 60% (to 46% deflated), for a
// fraction of deflate's CPU: on bodies of a few kilobytes deflate's Huffman tables, built
// for each body and read back at each read, cost more than the bytes (deflating and
// inflating the bodies was 5% of a build's CPU). The library rather than code of ours:
// it is fuzzed and checked against the reference C implementation, and decodes in
// assembly on amd64 and arm64.
//
// It holds the length of the HTML as a uvarint, then the LZ4 block, or the HTML itself
// when the block would not be shorter (a packed body is either, told apart by length).
type packedHTML []byte

// compressors are pack's: a Compressor is a table of 8 KB, cleared for each body.
var compressors = sync.Pool{New: func() any { return new(lz4.Compressor) }}

// pack compresses html.
func pack(html []byte) packedHTML {
	head := binary.AppendUvarint(nil, uint64(len(html)))
	buf := make([]byte, lz4.CompressBlockBound(len(html)))
	c := compressors.Get().(*lz4.Compressor)
	n, err := c.CompressBlock(html, buf)
	compressors.Put(c)
	if err != nil || n == 0 || n >= len(html) {
		// Not shorter (a few bytes of text): kept as it is. With room for the bound,
		// CompressBlock neither fails nor gives up.
		return slices.Concat(head, html)
	}
	return slices.Concat(head, buf[:n]) // the model keeps it: a copy without the room
}

// html decompresses p.
func (p packedHTML) html() template.HTML {
	size, k := binary.Uvarint(p)
	if uint64(len(p)-k) == size {
		return template.HTML(p[k:]) // stored as it is
	}
	out := make([]byte, size)
	if n, err := lz4.UncompressBlock(p[k:], out); err != nil || n != len(out) {
		panic("site: a packed body does not unpack to its length") // pack made it
	}
	// The string is out's bytes, without a copy, as strings.Builder's String: nothing
	// writes to out after this. A copy doubled what the reads of every body allocate
	// (the peak RSS at 10,000 pages per language looked some 50 MB higher with it).
	return template.HTML(unsafe.String(unsafe.SliceData(out), len(out))) // the only template.HTML: goldmark output, raw HTML dropped
}
