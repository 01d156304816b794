package projectfs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
)

// TestFS reads a project with a file of every kind the build may meet: regular files and
// folders are read as by os.DirFS, everything else fails before it is read.
func TestFS(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("config.toml", "title = 'x'\n")
	write("assets/style.css", "body{}")
	write("content/en/a.md", "+++\n+++\n")
	os.WriteFile(filepath.Join(outside, "secret"), []byte("secret"), 0o600)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(filepath.Join(outside, "secret"), filepath.Join(root, "assets", "p.css")))
	must(os.Symlink(outside, filepath.Join(root, "assets", "dir")))
	must(os.Symlink("/dev/zero", filepath.Join(root, "assets", "zero.css")))
	must(os.Symlink("style.css", filepath.Join(root, "assets", "inside.css")))
	must(syscall.Mkfifo(filepath.Join(root, "content", "en", "pipe.md"), 0o644))
	big := make([]byte, MaxFileSize+1)
	must(os.WriteFile(filepath.Join(root, "assets", "big.js"), big, 0o644))
	must(os.WriteFile(filepath.Join(root, "assets", "limit.js"), big[:MaxFileSize], 0o644))

	fsys := New(root)
	for _, c := range []struct{ name, err string }{
		{"config.toml", ""},
		{"assets/style.css", ""},
		{"assets/limit.js", ""},
		{"assets/p.css", "is a symbolic link"},
		{"assets/dir/secret", "assets/dir: is a symbolic link"},
		{"assets/zero.css", "is a symbolic link"},
		{"assets/inside.css", "is a symbolic link"},
		{"content/en/pipe.md", "is a named pipe"},
		{"assets/big.js", "is larger than 16 MB"},
		{"assets/missing.css", "no such file"},
		{"../outside", "invalid argument"},
	} {
		data, err := fs.ReadFile(fsys, c.name)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("ReadFile(%s) = %v", c.name, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("ReadFile(%s) = %d bytes, %v; want an error with %q", c.name, len(data), err, c.err)
		case c.err != "" && !strings.Contains(Reason(err).Error(), strings.TrimPrefix(c.err, "assets/dir: ")):
			t.Errorf("Reason(%v) lost the reason", err)
		}
	}
	// The walk of a folder sees the links for what they are, and does not enter them.
	var seen []string
	err := fs.WalkDir(fsys, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			seen = append(seen, p)
		}
		return nil
	})
	if err != nil || len(seen) != 4 {
		t.Errorf("walk of assets: links %v, error %v; want the 4 links, not entered", seen, err)
	}
	info, err := fs.Lstat(fsys, "assets/p.css")
	if err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat(assets/p.css) = %v, %v; want the link itself", info, err)
	}
	if _, err := fs.Stat(fsys, "assets/p.css"); !errors.Is(err, ErrSymlink) {
		t.Errorf("Stat(assets/p.css) = %v, want ErrSymlink", err)
	}
}

// TestFSRefusesADevice: a character device in the project (mknod needs root; skipped
// otherwise) is refused before it is read, like /dev/zero would be read forever.
func TestFSRefusesADevice(t *testing.T) {
	root := t.TempDir()
	// The device numbers of /dev/zero (1, 5).
	if err := syscall.Mknod(filepath.Join(root, "zero.css"), syscall.S_IFCHR|0o644, 1<<8|5); err != nil {
		t.Skipf("skipped: cannot make a device node here (%v); the named pipe case covers the same check", err)
	}
	_, err := fs.ReadFile(New(root), "zero.css")
	if err == nil || !strings.Contains(err.Error(), "is a device") {
		t.Errorf("ReadFile of a device = %v, want \"is a device\"", err)
	}
}

// TestFSIsAnFS runs the standard library's checks of an fs.FS over a tree of regular files.
func TestFSIsAnFS(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"a.txt", "d/b.txt", "d/e/c.txt"} {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := fstest.TestFS(New(root), "a.txt", "d/b.txt", "d/e/c.txt"); err != nil {
		t.Fatal(err)
	}
}
