package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Stage takes a build's files as they are made, for a build that does not keep them all in
// memory, and publishes them into out when Commit is called; Abort drops them. Until
// Commit, out is left exactly as it was, so a build that fails loses nothing.
//
// A file that out already holds with the same bytes is not written again: Commit leaves it
// as it is, with its modification time, so that a deploy tool that compares times or sizes
// uploads only what changed, and a rebuild after a small edit writes and removes little.
// The other files are written into a staging folder next to out. Commit then removes from
// out what the build no longer makes and moves the staged files in, each with one rename.
// A reader of out during Commit may see some pages of the new build and some of the old
// for that moment; the folder as a whole is never missing. When out does not exist yet
// (or is empty), every file is staged and the staging folder is renamed to out.
type Stage struct {
	out, stage string
	created    string // the first of out's parent folders that NewStage made, or ""
	update     bool   // out is a previous output, to update in place
	files      chan File
	wg         sync.WaitGroup
	dirs       sync.Map // folders of the stage made so far
	mu         sync.Mutex
	made       map[string]bool // every path added
	staged     []string        // the paths written to the stage
	removed    int             // files of the previous output that Commit removed
	// The errors of the first invalid path and the first failed write, by path order, as
	// Write would report them.
	invalid, failed pathError
}

type pathError struct {
	path string
	err  error
}

// keep records err of path if it comes first in path order.
func (e *pathError) keep(path string, err error) {
	if e.err == nil || path < e.path {
		*e = pathError{path, err}
	}
}

// NewStage makes the staging folder for out (and out's parent folders, if missing). The
// caller has checked out with CheckOutput: if it holds anything, it is a previous output.
func NewStage(out string) (*Stage, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	created := ""
	for dir := parent; ; dir = filepath.Dir(dir) {
		if _, err := os.Lstat(dir); err == nil || filepath.Dir(dir) == dir {
			break
		}
		created = dir
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	stage, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".staging-")
	if err != nil {
		return nil, err
	}
	s := &Stage{out: out, stage: stage, created: created, files: make(chan File, 64), made: map[string]bool{}}
	// A previous output is updated in place; a folder reached through a symbolic link is
	// replaced as a whole, as before, since its files may be on another file system.
	info, err := os.Lstat(out)
	if err == nil && info.IsDir() {
		_, err = os.Stat(filepath.Join(out, Marker))
		s.update = err == nil
	}
	// MkdirTemp makes 0700 folders; a web server running as another user must read it.
	if err := os.Chmod(stage, 0o755); err != nil {
		s.Abort()
		return nil, err
	}
	for range ioWorkers {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			buf := make([]byte, compareChunk)
			for f := range s.files {
				s.write(f, buf)
			}
		}()
	}
	return s, nil
}

// Add queues f to be written (a big file it writes at once); the caller may reuse f.Data
// when it returns. It may be called from several goroutines at once, and not after Commit
// or Abort. Errors are reported by Commit.
func (s *Stage) Add(f File) {
	if !fs.ValidPath(f.Path) || strings.Contains(f.Path, "\\") || f.Path == Marker {
		s.mu.Lock()
		s.invalid.keep(f.Path, fmt.Errorf("invalid output path %q", f.Path))
		s.mu.Unlock()
		return
	}
	s.mu.Lock()
	s.made[f.Path] = true
	s.mu.Unlock()
	if len(f.Data) > bigFile {
		// A booklet of thousands of briefs: written by the caller rather than copied, so
		// that it is never held twice.
		s.write(f, make([]byte, compareChunk))
		return
	}
	f.Data = bytes.Clone(f.Data)
	s.files <- f
}

// bigFile is the size beyond which Stage.Add writes a file itself instead of queueing a copy.
const bigFile = 1 << 20

// compareChunk is how much of a previous output file is read at a time to compare it.
const compareChunk = 64 << 10

// write stages f unless out has it already; buf is the caller's buffer for the comparison.
func (s *Stage) write(f File, buf []byte) {
	s.mu.Lock()
	skip := s.invalid.err != nil || s.failed.err != nil
	s.mu.Unlock()
	if skip {
		return // the stage will be removed: spare the disk
	}
	if s.update && sameFile(filepath.Join(s.out, filepath.FromSlash(f.Path)), f.Data, buf) {
		return
	}
	name := filepath.Join(s.stage, filepath.FromSlash(f.Path))
	err := s.mkdir(path.Dir(f.Path))
	if err == nil {
		err = os.WriteFile(name, f.Data, 0o644)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.failed.keep(f.Path, err)
		return
	}
	s.staged = append(s.staged, f.Path)
}

// sameFile reports whether name is a regular file holding exactly data. It reads the file
// a chunk at a time into buf, so that comparing a booklet of tens of megabytes does not
// hold it twice.
func sameFile(name string, data, buf []byte) bool {
	info, err := os.Lstat(name)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	for len(data) > 0 {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(data))])
		if err != nil || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	// The file may have grown since Lstat: it must end here.
	n, _ := f.Read(buf[:1])
	return n == 0
}

// mkdir makes the folder dir of the stage and its parents, once each.
func (s *Stage) mkdir(dir string) error {
	if dir == "." {
		return nil
	}
	if _, done := s.dirs.Load(dir); done {
		return nil
	}
	if err := s.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	// Two workers may make the same folder at once; the second finds it made.
	if err := os.Mkdir(filepath.Join(s.stage, filepath.FromSlash(dir)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	s.dirs.Store(dir, true)
	return nil
}

// finish waits for the queued files and returns the first error, as Write would.
func (s *Stage) finish() error {
	close(s.files)
	s.wg.Wait()
	if s.invalid.err != nil {
		return s.invalid.err
	}
	return s.failed.err
}

// Commit writes the last queued files and publishes the build into out (see Stage). On an
// error before out is touched, the stage is removed and out is left as it was.
func (s *Stage) Commit() (err error) {
	defer func() {
		if err != nil {
			s.remove()
		}
	}()
	if err := s.finish(); err != nil {
		return err
	}
	if !s.update {
		if err := os.WriteFile(filepath.Join(s.stage, Marker), []byte(markerText), 0o644); err != nil {
			return err
		}
		return swap(s.stage, s.out)
	}
	if err := s.updateOut(); err != nil {
		return fmt.Errorf("updating %s: %v; it may now hold part of this build: build again", s.out, err)
	}
	return removeTree(s.stage)
}

const markerText = "This folder is written by the peacebuilding site build: every build makes it match the site, removing any other file.\n"

// updateOut makes out hold exactly the build: it removes what the build did not make, then
// moves the staged files in.
func (s *Stage) updateOut() error {
	// What the build no longer makes: files first, then the folders they leave empty,
	// deepest first. A folder that a staged file needs is made again below.
	var stale []string
	err := filepath.WalkDir(s.out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(s.out, p)
		if rel = filepath.ToSlash(rel); !d.IsDir() && rel != Marker && !s.made[rel] {
			stale = append(stale, rel)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := each(stale, func(rel string) error { return os.Remove(filepath.Join(s.out, filepath.FromSlash(rel))) }); err != nil {
		return err
	}
	s.removed = len(stale)
	var emptied []string // the folders that held stale files, and theirs
	seen := map[string]bool{}
	for _, rel := range stale {
		for dir := path.Dir(rel); dir != "." && !seen[dir]; dir = path.Dir(dir) {
			seen[dir] = true
			emptied = append(emptied, dir)
		}
	}
	slices.SortFunc(emptied, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	for _, dir := range emptied {
		os.Remove(filepath.Join(s.out, filepath.FromSlash(dir))) // fails, as it should, while the folder holds anything
	}
	// The staged files, each in one rename. A file whose folder is missing (a new section)
	// gets it made first.
	slices.Sort(s.staged) // for a deterministic first error
	return each(s.staged, func(p string) error {
		to := filepath.Join(s.out, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		return os.Rename(filepath.Join(s.stage, filepath.FromSlash(p)), to)
	})
}

// Written is how many files Commit wrote into out: those that changed, or all of them
// for a new output folder. Removed is how many files of the previous output it removed.
func (s *Stage) Written() int { return len(s.staged) }

// Removed: see Written.
func (s *Stage) Removed() int { return s.removed }

// Abort removes the stage and the parent folders NewStage made; out is left as it was.
func (s *Stage) Abort() {
	s.finish()
	s.remove()
}

func (s *Stage) remove() {
	removeTree(s.stage)
	if s.created == "" {
		return
	}
	// Empty folders only, deepest first: whatever else appeared in them stays.
	for dir := filepath.Dir(s.out); ; dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil || dir == s.created {
			return
		}
	}
}
