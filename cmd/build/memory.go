package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
)

// The garbage collector's default (GOGC=100) lets the heap grow to twice what is live
// before it collects, and further while a collection runs on a busy machine: a build of
// 10,000 pages per language peaked at 2.5 times its live heap. The build knows what it
// must hold: the site model and the search index of a language, each about as large as
// the content it reads, the audit's summaries, and the layouts. limitMemory sets a soft
// limit (runtime/debug.SetMemoryLimit) from the size of the content folder, with room for
// that and more, so that the collector works harder only when the heap nears it.
//
// A limit below what is live would make the collector run without end (the runtime then
// caps it at half the CPU): the limit is several times the content, more than any phase
// of the build has held. A user's GOGC or GOMEMLIMIT wins: with either set, the build sets
// nothing.

// limitsMemory is set by main: the limit is the process's, and the tests' builds share
// theirs.
var limitsMemory bool

// Memory the limit allows: memoryBase for the program and its layouts, and
// memoryPerContent bytes per byte of content. At 10,000 country briefs per language (69 MB
// of content) the live heap peaks near 165 MB, since the converted bodies wait in a file
// (site.spill) and the Markdown is read again when it is converted (site.BuildOnce):
// four times the content (340 MiB) lets the collector run as often as six times did
// (96 to 103 collections, the same CPU, taking turns) for a peak RSS near 350 MiB instead
// of 410 to 495; three times (271 MiB) made it run a fifth more often, for 3 to 5 more
// CPU-seconds of 46, and 236 MiB (256 to 264 MiB of RSS) half as often again, for 6 to 14
// more. At 1,000 pages per language the limit (92 MiB) is above what the collector's own
// pace lets the heap reach, and changes nothing.
const (
	memoryBase       = 64 << 20
	memoryPerContent = 4
)

// limitMemory sets the build's soft memory limit from the size of root's content folder,
// unless GOGC or GOMEMLIMIT is set. It returns the limit set, or 0.
func limitMemory(root string) int64 {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return 0
	}
	limit := memoryLimit(contentSize(filepath.Join(root, "content")))
	debug.SetMemoryLimit(limit)
	return limit
}

// memoryLimit is the soft memory limit of a build of content bytes of content files.
func memoryLimit(content int64) int64 {
	return memoryBase + memoryPerContent*content
}

// contentSize adds up the sizes of the files under dir; what it cannot read counts for
// nothing (the build reports it).
func contentSize(dir string) int64 {
	var size int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		if info, err := d.Info(); err == nil {
			size += info.Size()
		}
		return nil
	})
	return size
}
