package site

import (
	"bytes"
	"encoding/binary"
	"html/template"
	"unsafe"
)

// packedHTML is a converted body kept compressed while the model lives: a body is read a
// few times (its page, its booklet part, the glossary and the search index), and a site of
// thousands of pages held every body whole through rendering (52 MB at 10,000 country
// briefs per language, a fifth of the live heap).
//
// The compression is the simplest kind of LZ77, LZ4's: a body is copied as runs of bytes
// that are either new or a repeat of the 64 KB before them, with no entropy coding. HTML
// repeats its tags and attributes, so a body shrinks to 60% (to 46% deflated), for a
// fifth of deflate's CPU to pack and a sixth to unpack: on bodies of a few kilobytes its
// Huffman tables, built for each body and read back at each read, cost more than the
// bytes (deflating and inflating the bodies was 5% of a build's CPU).
//
// It holds the length of the HTML as a uvarint, then sequences. A sequence is a token
// byte, whose high four bits are the number of new bytes and low four bits the length of
// the repeat minus minMatch (15 in either: the rest follows as a uvarint), then the new
// bytes, then the distance back to the repeat as two bytes, little-endian. The last
// sequence has new bytes only, and ends the data.
type packedHTML []byte

const (
	minMatch  = 4 // the shortest repeat worth a sequence
	maxOffset = 1<<16 - 1
	hashBits  = 12 // pack's table of the last place of each 4 bytes: 16 KB, on the stack
)

// pack compresses html.
func pack(html []byte) packedHTML {
	// Room for new bytes only (a token and a uvarint, then the bytes), so that dst hardly
	// ever grows; the model keeps a copy without the room.
	dst := binary.AppendUvarint(make([]byte, 0, 2*binary.MaxVarintLen64+len(html)+1), uint64(len(html)))
	var last [1 << hashBits]int32 // where each hash of 4 bytes was last seen, plus 1
	lit := 0                      // where the new bytes not yet written start
	for i := 0; i+minMatch <= len(html); {
		seq := binary.LittleEndian.Uint32(html[i:])
		h := seq * 2654435761 >> (32 - hashBits)
		from := int(last[h]) - 1
		last[h] = int32(i + 1)
		if from < 0 || i-from > maxOffset || binary.LittleEndian.Uint32(html[from:]) != seq {
			i++
			continue
		}
		n := minMatch
		for i+n < len(html) && html[from+n] == html[i+n] {
			n++
		}
		dst = appendSequence(dst, html[lit:i], i-from, n)
		i += n
		lit = i
	}
	return bytes.Clone(appendSequence(dst, html[lit:], 0, 0)) // the model keeps it: no slack
}

// appendSequence appends new bytes lit then, unless n is 0, a repeat of n bytes from off
// bytes back.
func appendSequence(dst, lit []byte, off, n int) []byte {
	token := byte(min(len(lit), 15)) << 4
	if n > 0 {
		token |= byte(min(n-minMatch, 15))
	}
	dst = append(dst, token)
	if len(lit) >= 15 {
		dst = binary.AppendUvarint(dst, uint64(len(lit)-15))
	}
	dst = append(dst, lit...)
	if n == 0 {
		return dst
	}
	dst = binary.LittleEndian.AppendUint16(dst, uint16(off))
	if n-minMatch >= 15 {
		dst = binary.AppendUvarint(dst, uint64(n-minMatch-15))
	}
	return dst
}

// html decompresses p.
func (p packedHTML) html() template.HTML {
	size, k := binary.Uvarint(p)
	if size == 0 {
		return ""
	}
	out := make([]byte, 0, size)
	src := p[k:]
	for {
		token := src[0]
		src = src[1:]
		lit := int(token >> 4)
		if lit == 15 {
			more, k := binary.Uvarint(src)
			lit, src = lit+int(more), src[k:]
		}
		out, src = append(out, src[:lit]...), src[lit:]
		if len(src) == 0 {
			break
		}
		off := int(binary.LittleEndian.Uint16(src))
		src = src[2:]
		n := int(token&15) + minMatch
		if token&15 == 15 {
			more, k := binary.Uvarint(src)
			n, src = n+int(more), src[k:]
		}
		from := len(out) - off
		for n > 0 {
			// A repeat may overlap the bytes it makes ("abababab" is "ab" and a repeat
			// of 6 bytes from 2 back): copy what is already there, as often as needed.
			chunk := min(n, off)
			out = append(out, out[from:from+chunk]...)
			from, n = from+chunk, n-chunk
		}
	}
	if uint64(len(out)) != size {
		panic("site: a packed body does not unpack to its length") // pack made it
	}
	// The string is out's bytes, without a copy, as strings.Builder's String: nothing
	// writes to out after this. A copy doubled what the reads of every body allocate
	// (the peak RSS at 10,000 pages per language looked some 50 MB higher with it).
	return template.HTML(unsafe.String(unsafe.SliceData(out), len(out))) // the only template.HTML: goldmark output, raw HTML dropped
}
