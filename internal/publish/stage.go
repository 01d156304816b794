package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
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
// The files are written into a staging folder beside out, which Commit swaps with out in
// one step: a reader, a deploy tool or a build killed at any moment finds out holding the
// previous build or the new one, never a mix of the two. On Linux the swap is one
// renameat2(RENAME_EXCHANGE) of the two folders; elsewhere, or on a file system without
// it, out is renamed aside and the stage renamed in its place, and if the build dies
// between the two renames the next build puts the previous output back first.
//
// A file that out already holds with the same bytes is not written again: the staging
// folder gets a hard link to it (or, across file systems, a copy with its time), so that
// it keeps its modification time and a deploy tool that compares times or sizes uploads
// only what changed.
//
// One build at a time: NewStage takes an advisory lock on the file .<out>.lock beside out,
// which the kernel releases when the process ends, however it ends. A second build into
// the same folder waits for the first. Staging folders of a build that was killed are
// removed by the next build.
type Stage struct {
	out, stage string
	created    string // the first of out's parent folders that NewStage made, or ""
	previous   string // out, when it holds a previous output to take unchanged files from
	project    string // the project's id, written into the marker
	compress   bool   // StageOptions.Precompress
	lock       *os.File
	files      chan File
	queued     queuedBytes // of the files in files and being written
	wg         sync.WaitGroup
	dirs       sync.Map // folders of the stage made so far
	mu         sync.Mutex
	made       map[string]bool // every path added
	written    int             // files written (not taken from the previous output)
	removed    []string        // files of the previous output that the build no longer makes, sorted
	compressed int             // compressed copies in the stage (-precompress), made or kept
	cleanup    error           // the previous output could not be removed after the swap
	// swapMu is held across the swap and by Stop: an interrupt either comes before the
	// swap and prevents it, or waits for it to end.
	swapMu  sync.Mutex
	swapped bool // the new site is in out
	stopped bool // Stop was called: Commit swaps nothing in
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

// errNoExchange says that the system cannot swap two folders in one step.
var errNoExchange = errors.New("folders cannot be exchanged here")

// StageOptions adjust NewStage.
type StageOptions struct {
	// Project is the project folder whose build this is. When set, out must pass
	// CheckOutput for it, and the marker written into out records it.
	Project string
	// Waiting, when set, is called before NewStage waits for another build that holds
	// out's lock, with the lock file's name.
	Waiting func(lock string)
	// Precompress writes name.gz and name.br beside each text file (see precompress.go).
	Precompress bool
}

// NewStage checks out (see StageOptions.Project), locks it, removes what a killed build
// left beside it and makes the staging folder (and out's parent folders, if
// missing).
func NewStage(out string, opts StageOptions) (_ *Stage, err error) {
	given := out // as the user wrote it, for messages
	if opts.Project != "" {
		if err := checkPlace(opts.Project, given); err != nil {
			return nil, err
		}
	}
	out = filepath.Clean(out)
	// A link to a folder (www/briefing -> ../public, a web root linked to the output) is
	// written through: the build replaces the folder it leads to, and the link stays. The
	// swap would otherwise put a folder where the link was, and leave the old output
	// behind it unchanged.
	if info, err := os.Lstat(out); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		// checkPlace above judged the folder it leads to (it resolves links).
		if target, err := filepath.EvalSymlinks(out); err == nil {
			if st, err := os.Stat(target); err == nil && st.IsDir() {
				out = target
			}
		}
	}
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
	s := &Stage{out: out, created: created, files: make(chan File, 64), made: map[string]bool{}, compress: opts.Precompress}
	defer func() {
		if err != nil {
			s.remove()
		}
	}()
	if s.lock, err = lock(s.lockName(), opts.Waiting); err != nil {
		return nil, fmt.Errorf("locking %s: %v", out, err)
	}
	if err := s.recover(); err != nil {
		return nil, err
	}
	if opts.Project != "" {
		if err := checkContents(opts.Project, given); err != nil {
			return nil, err
		}
		if s.project, err = projectID(opts.Project); err != nil {
			return nil, err
		}
	}
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		if _, err := os.Stat(filepath.Join(out, Marker)); err == nil {
			s.previous = out
		}
	}
	if s.stage, err = os.MkdirTemp(parent, s.sibling("staging-")); err != nil {
		return nil, err
	}
	// MkdirTemp makes 0700 folders; a web server running as another user must read it.
	if err := os.Chmod(s.stage, 0o755); err != nil {
		return nil, err
	}
	files := s.files
	for range ioWorkers {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			buf := make([]byte, compareChunk)
			for f := range files {
				s.write(f, buf)
				s.queued.give(len(f.Data))
			}
		}()
	}
	return s, nil
}

// sibling names a file beside out that belongs to its builds: .public.lock,
// .public.staging-123, .public.old (ignored by git as /.public.*).
func (s *Stage) sibling(suffix string) string { return "." + filepath.Base(s.out) + "." + suffix }

func (s *Stage) lockName() string {
	return filepath.Join(filepath.Dir(s.out), s.sibling("lock"))
}

// aside is where the two-rename swap moves the previous output.
func (s *Stage) aside() string { return filepath.Join(filepath.Dir(s.out), s.sibling("old")) }

// recover undoes what a killed build left: a previous output moved aside and not yet
// replaced goes back, and staging folders and old outputs are removed. It runs under the
// lock, so no other build is using them.
func (s *Stage) recover() error {
	if _, err := os.Lstat(s.out); errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Lstat(s.aside()); err == nil {
			if err := os.Rename(s.aside(), s.out); err != nil {
				return fmt.Errorf("putting back the previous output %s: %v", s.out, err)
			}
		}
	}
	leftovers, err := filepath.Glob(filepath.Join(filepath.Dir(s.out), globEscape(s.sibling("staging-"))+"*"))
	if err != nil {
		return err
	}
	for _, dir := range append(leftovers, s.aside()) {
		if err := removeTree(dir); err != nil {
			return fmt.Errorf("removing what an interrupted build left: %v", err)
		}
	}
	return nil
}

// globEscape quotes the pattern characters of a file name for filepath.Glob.
func globEscape(name string) string {
	var b strings.Builder
	for _, r := range name {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
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
	s.queued.take(len(f.Data))
	f.Data = bytes.Clone(f.Data)
	s.files <- f
}

// queuedBytes bounds the bytes of the copies Stage.Add queues for its writers. Rendering
// is faster than writing when a burst of larger files comes (the search index's shards,
// the pages made from the whole site): at 10,000 country briefs per language the queue of
// 64 copies held 12 MB at the build's largest live heap. Files wait in the render's
// workers instead, which hold them anyway. The zero value is ready to use.
type queuedBytes struct {
	mu   sync.Mutex
	cond *sync.Cond
	n    int
}

// maxQueued is the most bytes queued at once; a file larger than it is queued alone
// (bigFile is less: such files are written by Add's caller).
const maxQueued = 4 << 20

// take waits until n more bytes may be queued, and counts them.
func (q *queuedBytes) take(n int) {
	q.mu.Lock()
	if q.cond == nil {
		q.cond = sync.NewCond(&q.mu)
	}
	for q.n > 0 && q.n+n > maxQueued {
		q.cond.Wait()
	}
	q.n += n
	q.mu.Unlock()
}

// give counts n bytes as written.
func (q *queuedBytes) give(n int) {
	q.mu.Lock()
	q.n -= n
	if q.cond != nil {
		q.cond.Broadcast()
	}
	q.mu.Unlock()
}

// bigFile is the size beyond which Stage.Add writes a file itself instead of queueing a copy.
const bigFile = 1 << 20

// compareChunk is how much of a previous output file is read at a time to compare it.
const compareChunk = 64 << 10

// write stages f, from the previous output when that has the same bytes; buf is the
// caller's buffer for the comparison.
func (s *Stage) write(f File, buf []byte) {
	s.mu.Lock()
	skip := s.invalid.err != nil || s.failed.err != nil
	s.mu.Unlock()
	if skip {
		return // the stage will be removed: spare the disk
	}
	name := filepath.Join(s.stage, filepath.FromSlash(f.Path))
	err := s.mkdir(path.Dir(f.Path))
	written := true
	if err == nil && s.previous != "" {
		old := filepath.Join(s.previous, filepath.FromSlash(f.Path))
		if info, ok := sameFile(old, f.Data, buf); ok {
			written = false
			err = keepFile(old, name, f.Data, info)
		}
	}
	if err == nil && written {
		err = os.WriteFile(name, f.Data, 0o644)
	}
	if err == nil && s.compress && Compressible(f.Path, len(f.Data)) {
		err = s.precompress(f, !written)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.failed.keep(f.Path, err)
		return
	}
	if written {
		s.written++
	}
}

// keepFile puts the unchanged file old at name: a hard link, or where the two cannot be
// linked (another file system), a copy with old's modification time.
func keepFile(old, name string, data []byte, info fs.FileInfo) error {
	if os.Link(old, name) == nil {
		return nil
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return err
	}
	return os.Chtimes(name, info.ModTime(), info.ModTime())
}

// sameFile reports whether name is a regular file holding exactly data, and returns its
// information. It reads the file a chunk at a time into buf, so that comparing a booklet
// of tens of megabytes does not hold it twice.
func sameFile(name string, data, buf []byte) (fs.FileInfo, bool) {
	info, err := os.Lstat(name)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return nil, false
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	for len(data) > 0 {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(data))])
		if err != nil || !bytes.Equal(buf[:n], data[:n]) {
			return nil, false
		}
		data = data[n:]
	}
	// The file may have grown since Lstat: it must end here.
	n, _ := f.Read(buf[:1])
	return info, n == 0
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
	if s.files == nil {
		return nil
	}
	close(s.files)
	s.files = nil
	s.wg.Wait()
	if s.invalid.err != nil {
		return s.invalid.err
	}
	return s.failed.err
}

// Commit writes the last queued files and the marker, and swaps the stage in for out (see
// Stage). On an error before the swap, the stage is removed and out is left as it was.
// After the swap, a previous output that cannot be removed is no error: Leftover says so,
// and the next build removes it.
func (s *Stage) Commit() (err error) {
	defer s.remove()
	if err := s.finish(); err != nil {
		return err
	}
	paths := slices.Sorted(func(yield func(string) bool) {
		for p := range s.made {
			if !yield(p) {
				return
			}
		}
	})
	if s.previous != "" {
		if s.removed, err = s.listRemoved(); err != nil {
			return err
		}
	}
	s.swapMu.Lock()
	if s.stopped {
		s.swapMu.Unlock()
		return ErrStopped
	}
	old, err := s.commitLocked(paths)
	s.swapMu.Unlock()
	if err != nil || old == "" {
		return err
	}
	s.cleanup = removeTree(old)
	return nil
}

// ErrStopped is Commit's error after Stop: the caller is being interrupted, and leaves the
// exit and its message to the interrupt's handler.
var ErrStopped = errors.New("the build was stopped before its site was swapped in")

// commitLocked writes the marker and swaps the stage in, with swapMu held, and returns
// where the previous output now is ("" if there was none).
func (s *Stage) commitLocked(paths []string) (string, error) {
	// The marker is the stage's last file: the swap follows at once.
	if err := os.WriteFile(filepath.Join(s.stage, Marker), marker(s.project, paths), 0o644); err != nil {
		return "", err
	}
	if _, err := os.Lstat(s.out); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(s.stage, s.out); err != nil {
			return "", fmt.Errorf("moving the new site into %s: %v", s.out, err)
		}
		s.swapped = true
		return "", nil
	}
	old, err := s.swap()
	if err != nil {
		return "", err
	}
	s.swapped = true
	return old, nil
}

// Stop is for a build being interrupted: from then on Commit swaps nothing in. It waits
// for a swap under way, and reports whether the new site is in the output folder (the
// interrupt came after the swap) and whether there is an output folder at all (none
// before a first build; none either if a swap without exchange failed to put the
// previous one back).
func (s *Stage) Stop() (swapped, outExists bool) {
	s.swapMu.Lock()
	defer s.swapMu.Unlock()
	s.stopped = true
	_, err := os.Lstat(s.out)
	return s.swapped, err == nil
}

// swap exchanges the stage and out, and returns where the previous output now is.
func (s *Stage) swap() (string, error) {
	err := exchange(s.stage, s.out)
	if err == nil {
		return s.stage, nil
	}
	if !errors.Is(err, errNoExchange) {
		return "", fmt.Errorf("swapping the new site into %s: %v", s.out, err)
	}
	if err := os.Rename(s.out, s.aside()); err != nil {
		return "", fmt.Errorf("moving the previous %s aside: %v", s.out, err)
	}
	if err := os.Rename(s.stage, s.out); err != nil {
		if rerr := os.Rename(s.aside(), s.out); rerr != nil {
			return "", fmt.Errorf("moving the new site into %s: %v; the previous output is in %s and the next build puts it back", s.out, err, s.aside())
		}
		return "", fmt.Errorf("moving the new site into %s: %v", s.out, err)
	}
	return s.aside(), nil
}

// listRemoved lists the files of the previous output that the build no longer makes: from
// the list in its marker, or by walking it when the marker has none.
func (s *Stage) listRemoved() ([]string, error) {
	var gone []string
	if _, files, err := readMarker(s.previous); err == nil && files != nil {
		for p := range files {
			if !s.made[p] {
				gone = append(gone, p)
			}
		}
		slices.Sort(gone)
		return gone, nil
	}
	err := filepath.WalkDir(s.previous, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(s.previous, p)
		if rel = filepath.ToSlash(rel); rel != Marker && !s.made[rel] {
			gone = append(gone, rel)
		}
		return nil
	})
	return gone, err // WalkDir walks in lexical order
}

// Written is how many files Commit wrote into out: those that changed, or all of them
// for a new output folder.
func (s *Stage) Written() int { return s.written }

// Removed lists the files of the previous output that Commit removed, as paths of the
// site ("en/pdf/booklet.pdf"), sorted.
func (s *Stage) Removed() []string { return slices.Clone(s.removed) }

// Compressed is how many compressed copies (name.gz, name.br) the output holds beside the
// site's files, made or kept from the previous output.
func (s *Stage) Compressed() int { return s.compressed }

// Leftover is the error of removing the previous output after a successful Commit, or nil.
func (s *Stage) Leftover() error { return s.cleanup }

// Abort removes the stage and the parent folders NewStage made; out is left as it was.
func (s *Stage) Abort() {
	s.finish()
	s.remove()
}

// remove removes the stage and the parent folders NewStage made, and releases the lock.
func (s *Stage) remove() {
	if s.stage != "" {
		removeTree(s.stage) // after a swap the stage is the previous output, or gone
	}
	if s.lock != nil {
		unlock(s.lock)
		s.lock = nil
		if s.created != "" {
			// A new folder holds the lock file alone when the build failed.
			if entries, err := os.ReadDir(filepath.Dir(s.out)); err == nil && len(entries) == 1 {
				os.Remove(s.lockName())
			}
		}
	}
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

// markerHead is the first line of the marker file.
const markerHead = "This folder is written by the peacebuilding site build: every build replaces it whole with the site. Put files to publish in assets/ or content/, not here."

// marker is the text of the marker file: what it is, the project that wrote the folder
// (a hash of its absolute path: the marker is published, the path is not), and the files
// the build wrote, one per line.
func marker(project string, paths []string) []byte {
	var b bytes.Buffer
	b.WriteString(markerHead + "\n")
	b.WriteString("project: " + project + "\n")
	b.WriteString("files:\n")
	for _, p := range paths {
		b.WriteString(p + "\n")
	}
	return b.Bytes()
}

// projectID names a project folder by a hash of its absolute path with links resolved.
func projectID(root string) (string, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved
	}
	sum := sha256.Sum256([]byte(abs))
	return hex.EncodeToString(sum[:8]), nil
}

// readMarker reads the marker of out: the project that wrote it ("" for the marker of an
// earlier release, which recorded nothing) and its files (nil then).
func readMarker(out string) (project string, files map[string]bool, err error) {
	data, err := os.ReadFile(filepath.Join(out, Marker))
	if err != nil {
		return "", nil, err
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[1], "project: ") || lines[2] != "files:" {
		return "", nil, nil
	}
	files = map[string]bool{}
	for _, l := range lines[3:] {
		files[l] = true
	}
	return strings.TrimPrefix(lines[1], "project: "), files, nil
}
