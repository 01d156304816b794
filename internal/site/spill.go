package site

import (
	"fmt"
	"html/template"
	"os"
	"sync/atomic"
)

// spill keeps the packed bodies of a one-off build (BuildOnce) in a temporary file
// instead of the heap. A body is read a few times after the model is made (its page, its
// booklet part, the glossary and the search index), and until then it only takes room:
// at 10,000 country briefs per language the packed bodies were 30 to 36 MB of a live heap
// of about 200 MB, through the whole render. In the file they take the operating system's
// page cache, which it can write out and drop, not the build's memory; a read is one
// pread of a few kilobytes.
//
// The file is removed as soon as it is made (it has no name, so that a killed build
// leaves nothing behind) and closed when the site is let go (os.File's finalizer), or
// when the build fails. Where the file cannot be made or written (a full or read-only
// temporary folder, or Windows, which cannot remove an open file), the bodies stay in
// memory: the build is the same, only larger. TMPDIR chooses the folder; a tmpfs there
// keeps the bodies in memory after all, outside the build's own (and, in a container,
// within its memory limit).
//
// A preview's model keeps its bodies in memory: its Memo hands them from one rebuild to
// the next, which a file written once per build could not.
type spill struct {
	f    *os.File
	size atomic.Int64 // bytes handed out: the end of the last body written or being written
}

// newSpill makes the temporary file of a build, or returns nil when it cannot.
func newSpill() *spill {
	f, err := os.CreateTemp("", "build-bodies-*")
	if err != nil {
		return nil
	}
	if err := os.Remove(f.Name()); err != nil {
		// Windows removes no file that is open: the empty file goes once closed.
		f.Close()
		os.Remove(f.Name())
		return nil
	}
	return &spill{f: f}
}

// close closes the file of a build that failed, whose site nobody reads; a site built
// lets it go with the site (os.File's finalizer).
func (s *spill) close() {
	if s != nil {
		s.f.Close()
	}
}

// storedBody is where a page's packed body is kept: in memory, or at an offset of the
// build's spill file.
type storedBody struct {
	packed packedHTML // nil when spilled
	spill  *spill
	at     int64
	size   int
}

// put stores p in the spill file, or keeps it in memory if s is nil or the write fails.
// Workers call it concurrently: each write has its own part of the file.
func (s *spill) put(p packedHTML) storedBody {
	if s == nil {
		return storedBody{packed: p}
	}
	at := s.size.Add(int64(len(p))) - int64(len(p))
	if _, err := s.f.WriteAt(p, at); err != nil {
		return storedBody{packed: p} // the part stays a hole: nothing reads it
	}
	return storedBody{spill: s, at: at, size: len(p)}
}

// packedBytes returns the packed body, read back from the file if it was spilled.
func (b storedBody) packedBytes() packedHTML {
	if b.spill == nil {
		return b.packed
	}
	p := make(packedHTML, b.size)
	if _, err := b.spill.f.ReadAt(p, b.at); err != nil {
		// The build wrote these bytes moments before: only a failing disk cannot give
		// them back, and a page without its body must not be published.
		panic(fmt.Sprintf("site: reading a converted body back from the build's temporary file: %v", err))
	}
	return p
}

// html is the body's HTML.
func (b storedBody) html() template.HTML { return b.packedBytes().html() }
