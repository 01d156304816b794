package site

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"html/template"
	"io"
	"strings"
	"sync"
)

// packedHTML is a converted body kept deflated while the model lives: a body is read a
// few times (its page, its booklet part, the glossary and the search index), and a site of
// thousands of pages held every body whole through rendering (52 MB at 10,000 country
// briefs per language, a fifth of the live heap; deflated, a quarter of that). Inflating
// a body costs about as much as minifying it, a small part of the page's rendering.
//
// It holds the length of the HTML as a uvarint, then the deflated bytes.
type packedHTML []byte

var (
	deflaters = sync.Pool{New: func() any {
		w, _ := flate.NewWriter(nil, flate.BestSpeed) // only fails on a bad level
		return w
	}}
	inflaters = sync.Pool{New: func() any { return flate.NewReader(nil) }}
)

// pack deflates html.
func pack(html []byte) packedHTML {
	var buf bytes.Buffer
	buf.Grow(binary.MaxVarintLen64 + len(html)/3)
	buf.Write(binary.AppendUvarint(nil, uint64(len(html))))
	w := deflaters.Get().(*flate.Writer)
	w.Reset(&buf)
	w.Write(html) // a bytes.Buffer does not fail
	w.Close()
	deflaters.Put(w)
	return bytes.Clone(buf.Bytes()) // without the slack of the guessed size
}

// html inflates p.
func (p packedHTML) html() template.HTML {
	n, k := binary.Uvarint(p)
	if n == 0 {
		return ""
	}
	r := inflaters.Get().(io.ReadCloser)
	defer inflaters.Put(r)
	r.(flate.Resetter).Reset(bytes.NewReader(p[k:]), nil)
	var b strings.Builder
	b.Grow(int(n))
	var chunk [4096]byte
	for {
		m, err := r.Read(chunk[:])
		b.Write(chunk[:m])
		if err == io.EOF {
			break
		}
		if err != nil {
			panic("site: a packed body does not inflate: " + err.Error()) // pack made it
		}
	}
	return template.HTML(b.String()) // the only template.HTML: goldmark output, raw HTML dropped
}
