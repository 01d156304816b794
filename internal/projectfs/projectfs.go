// Package projectfs opens the project folder for the build: an fs.FS that reads regular
// files inside the project and nothing else.
//
// Git stores symbolic links, so a pull request could add assets/p.css -> /etc/passwd and
// have the build publish whatever the machine can read; a link to /dev/zero, a named pipe
// or a device would make the build read forever or hang. So every path the build opens
// must lead, folder by folder, through no symbolic link, to a folder or a regular file;
// anything else is an error naming the path, found before the file is opened for reading;
// and no file is read past MaxFileSize, counted while reading rather than trusted from
// its reported size. The project folder itself may be reached through a link: that is
// where the user chose to run the build.
package projectfs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// MaxFileSize is the most the build reads of any one file: far above any content file,
// layout, asset or data file of a briefing (content files have their own, lower limit).
const MaxFileSize = 16 << 20

// ErrSymlink is the error of a path that is, or passes through, a symbolic link.
var ErrSymlink = errors.New("is a symbolic link; the build reads only files inside the project: copy the file instead")

// ErrTooLarge is the error of a file that holds more than MaxFileSize bytes.
var ErrTooLarge = fmt.Errorf("is larger than %d MB, the most the build reads of a file", MaxFileSize>>20)

// FS is the project folder as the build reads it. It implements fs.ReadFileFS,
// fs.ReadDirFS, fs.StatFS and fs.ReadLinkFS (whose Lstat lets a walk tell a link apart).
type FS struct {
	root string
	dirs sync.Map // folders checked to be real folders, by slash path
}

// New returns the project folder root as an FS.
func New(root string) *FS { return &FS{root: root} }

// notRegular describes a file that is neither a folder nor a regular file.
func notRegular(mode fs.FileMode) error {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return errors.New("is a named pipe, not a regular file")
	case mode&fs.ModeSocket != 0:
		return errors.New("is a socket, not a regular file")
	case mode&fs.ModeDevice != 0:
		return errors.New("is a device, not a regular file")
	}
	return errors.New("is not a regular file")
}

// check makes sure that every folder on the way to name is a real folder, and returns
// name's own Lstat information. It opens nothing.
func (f *FS) check(op, name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name != "." {
		for i := strings.IndexByte(name, '/'); i >= 0; i = next(name, i) {
			if err := f.checkDir(op, name[:i]); err != nil {
				return nil, err
			}
		}
	}
	info, err := os.Lstat(f.path(name))
	if err != nil {
		return nil, &fs.PathError{Op: op, Path: name, Err: unwrap(err)}
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return nil, &fs.PathError{Op: op, Path: name, Err: ErrSymlink}
	}
	return info, nil
}

// next returns the index of the slash after the one at i, or -1.
func next(name string, i int) int {
	j := strings.IndexByte(name[i+1:], '/')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

func (f *FS) checkDir(op, dir string) error {
	if _, ok := f.dirs.Load(dir); ok {
		return nil
	}
	info, err := os.Lstat(f.path(dir))
	switch {
	case err != nil:
		return &fs.PathError{Op: op, Path: dir, Err: unwrap(err)}
	case info.Mode()&fs.ModeSymlink != 0:
		return &fs.PathError{Op: op, Path: dir, Err: ErrSymlink}
	case !info.IsDir():
		return &fs.PathError{Op: op, Path: dir, Err: errors.New("is not a folder")}
	}
	f.dirs.Store(dir, true)
	return nil
}

func (f *FS) path(name string) string { return filepath.Join(f.root, filepath.FromSlash(name)) }

// unwrap drops the *PathError of an os call, whose path is the absolute one; the caller's
// error names the path relative to the project.
func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Open opens a folder or a regular file; a regular file reads at most MaxFileSize bytes.
func (f *FS) Open(name string) (fs.File, error) {
	info, err := f.check("open", name)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() && !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: notRegular(info.Mode())}
	}
	// The flags refuse a link and do not wait for a writer, should the file have been
	// replaced by one since it was checked; the opened file is then checked again.
	file, err := os.OpenFile(f.path(name), os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: unwrap(err)}
	}
	now, err := file.Stat()
	if err != nil || !os.SameFile(info, now) {
		file.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("changed while it was being opened")}
	}
	if info.IsDir() {
		return file, nil
	}
	return &limitedFile{File: file, name: name, left: MaxFileSize}, nil
}

// limitedFile fails a read past MaxFileSize instead of reading on.
type limitedFile struct {
	*os.File
	name string
	left int64
}

func (l *limitedFile) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// One byte more tells a file of exactly MaxFileSize bytes from a longer one.
		var one [1]byte
		if n, _ := l.File.Read(one[:]); n == 0 {
			return 0, io.EOF
		}
		return 0, &fs.PathError{Op: "read", Path: l.name, Err: ErrTooLarge}
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.File.Read(p)
	l.left -= int64(n)
	return n, err
}

// ReadFile reads a regular file whole, up to MaxFileSize bytes.
func (f *FS) ReadFile(name string) ([]byte, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if _, ok := file.(*limitedFile); !ok {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a folder")}
	}
	return io.ReadAll(file)
}

// ReadDir lists a folder; its entries report links, pipes and devices as what they are,
// and opening them fails.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	info, err := f.check("readdir", name)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("is not a folder")}
	}
	entries, err := os.ReadDir(f.path(name))
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: unwrap(err)}
	}
	return entries, nil
}

// Stat describes name without following a link: a link is an error, as for Open.
func (f *FS) Stat(name string) (fs.FileInfo, error) { return f.check("stat", name) }

// Lstat describes name itself, a link included, when the folders on its way are real.
func (f *FS) Lstat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrInvalid}
	}
	if dir := pathDir(name); dir != "." {
		if _, err := f.check("lstat", dir); err != nil {
			return nil, err
		}
	}
	info, err := os.Lstat(f.path(name))
	if err != nil {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: unwrap(err)}
	}
	return info, nil
}

// ReadLink is refused: the build follows no link.
func (f *FS) ReadLink(name string) (string, error) {
	return "", &fs.PathError{Op: "readlink", Path: name, Err: ErrSymlink}
}

func pathDir(name string) string {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		return name[:i]
	}
	return "."
}

// Reason returns why an fs call failed without the path that its *fs.PathError repeats,
// for messages that name the file already ("assets/p.css: is a symbolic link; ...").
func Reason(err error) error { return unwrap(err) }
