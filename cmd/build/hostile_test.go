package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"peacebuilding/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/hostile/*.txtar")

// TestHostileInput builds the fixture site, then builds it again with the files of one
// archive in testdata/hostile/ laid over it, into the same output folder. Each archive
// holds the files that differ from the fixture, directives in its comment, and the exact
// stderr of the second build in its "stderr" file. A build that fails must leave the
// previous output byte for byte as it was, and the project's own files too.
//
// Directives, one per line of the comment ("#" lines are comments):
//
//	ok                    the build must succeed (otherwise it must fail)
//	args ARG...           extra arguments ($ROOT is the project folder)
//	bom FILE / crlf FILE  add a byte-order mark / CRLF line endings to FILE
//	latin1 FILE           re-encode FILE from UTF-8 to ISO 8859-1, as an old editor would
//	pad FILE SIZE         append Markdown paragraphs to FILE until it has SIZE bytes
//	symlink FILE TARGET   make FILE a symbolic link to TARGET
//	fifo FILE             make FILE a named pipe, which no one writes to
//	sub FILE OLD => NEW   replace the first OLD in FILE by NEW (the rest of the line)
//	deny FILE             reading FILE fails with fs.ErrPermission (through the fs.FS)
//	same                  the new output must be byte-identical to the previous one
//	contains FILE TEXT    the new output file FILE must contain TEXT
//	lacks FILE TEXT       the new output file FILE must not contain TEXT
func TestHostileInput(t *testing.T) {
	t.Parallel() // beside TestKilledBuild, whose builds run in processes of their own
	names, err := filepath.Glob(filepath.Join(sitetest.RepoRoot(), "testdata", "hostile", "*.txtar"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no archives in testdata/hostile: %v", err)
	}
	for _, name := range names {
		text, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		ar := sitetest.ParseArchive(string(text))
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			// Each case has a project and an output folder of its own, so the cases run at
			// once; but deny swaps the build's openRoot, a global, for the length of its
			// case: such a case runs alone, before the others start.
			if !denies(ar) {
				t.Parallel()
			}
			runHostile(t, name, ar)
		})
	}
}

// denies reports whether an archive has the deny directive.
func denies(ar sitetest.Archive) bool {
	for _, line := range strings.Split(ar.Comment, "\n") {
		if fields := strings.Fields(line); len(fields) > 0 && fields[0] == "deny" {
			return true
		}
	}
	return false
}

func runHostile(t *testing.T, archive string, ar sitetest.Archive) {
	tmp := t.TempDir()
	root := filepath.Join(tmp, "site")
	out := filepath.Join(root, "public")
	writeFixture(t, root)
	var stderr bytes.Buffer
	if err := run([]string{"-root", root, "-out", out, "-q"}, &bytes.Buffer{}, &stderr); err != nil {
		t.Fatalf("building the fixture: %v\n%s", err, stderr.String())
	}

	// Lay the archive's files over the project (and the output, for some), then apply
	// the directives.
	var wantStderr string
	haveStderr := false
	for _, f := range ar.Files {
		if f.Name == "stderr" {
			wantStderr, haveStderr = f.Data, true
			continue
		}
		writeFile(t, filepath.Join(root, filepath.FromSlash(f.Name)), []byte(f.Data))
	}
	args := []string{"-root", root, "-out", out, "-q"}
	wantOK, same := false, false
	var checks [][]string
	for _, line := range strings.Split(ar.Comment, "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		file := ""
		if len(fields) > 1 {
			file = filepath.Join(root, filepath.FromSlash(fields[1]))
		}
		switch verb := fields[0]; {
		case verb == "ok" && len(fields) == 1:
			wantOK = true
		case verb == "same" && len(fields) == 1:
			same = true
		case verb == "args":
			for _, a := range fields[1:] {
				args = append(args, strings.ReplaceAll(a, "$ROOT", root))
			}
		case verb == "bom" && len(fields) == 2:
			writeFile(t, file, append([]byte("\ufeff"), readFile(t, file)...))
		case verb == "crlf" && len(fields) == 2:
			writeFile(t, file, bytes.ReplaceAll(readFile(t, file), []byte("\n"), []byte("\r\n")))
		case verb == "latin1" && len(fields) == 2:
			writeFile(t, file, latin1(t, readFile(t, file)))
		case verb == "pad" && len(fields) == 3:
			size, err := strconv.Atoi(fields[2])
			if err != nil {
				t.Fatalf("pad: %v", err)
			}
			writeFile(t, file, pad(readFile(t, file), size))
		case verb == "symlink" && len(fields) == 3:
			os.Remove(file)
			if err := os.Symlink(fields[2], file); err != nil {
				t.Fatal(err)
			}
		case verb == "sub" && len(fields) >= 3 && strings.Contains(line, " => "):
			old, new, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "sub "+fields[1])), " => ")
			data := readFile(t, file)
			if !bytes.Contains(data, []byte(old)) {
				t.Fatalf("sub: %s has no %q", fields[1], old)
			}
			writeFile(t, file, bytes.Replace(data, []byte(old), []byte(new), 1))
		case verb == "fifo" && len(fields) == 2:
			os.Remove(file)
			if err := syscall.Mkfifo(file, 0o644); err != nil {
				t.Fatal(err)
			}
		case verb == "deny" && len(fields) == 2:
			denied, open := fields[1], openRoot
			openRoot = func(dir string) fs.FS { return denyFS{os.DirFS(dir), denied} }
			t.Cleanup(func() { openRoot = open })
		case (verb == "contains" || verb == "lacks") && len(fields) >= 3:
			checks = append(checks, []string{verb, fields[1], strings.Join(fields[2:], " ")})
		default:
			t.Fatalf("%s: bad directive %q", archive, line)
		}
	}
	project := snapshot(t, root, "public")
	before := snapshot(t, out)

	stderr.Reset()
	err := run(args, &bytes.Buffer{}, &stderr)
	if err != nil && !errors.Is(err, errReported) {
		fmt.Fprintf(&stderr, "build: %v\n", err) // as main prints it
	}
	got := strings.ReplaceAll(stderr.String(), tmp, "$TMP")

	if *update {
		ar = setFile(ar, "stderr", got)
		if err := os.WriteFile(archive, []byte(ar.Format()), 0o644); err != nil {
			t.Fatal(err)
		}
	} else if !haveStderr || got != wantStderr {
		t.Errorf("stderr of the build:\n%s\nwant:\n%s", got, wantStderr)
	}
	switch {
	case wantOK && err != nil:
		t.Fatalf("build failed, want success: %v", err)
	case !wantOK && err == nil:
		t.Fatalf("build succeeded, want failure")
	}
	if err != nil {
		if diff := compareTrees(before, snapshot(t, out)); diff != "" {
			t.Errorf("a failed build changed the previous output: %s", diff)
		}
	}
	if diff := compareTrees(project, snapshot(t, root, "public")); diff != "" {
		t.Errorf("the build changed the project's own files: %s", diff)
	}
	if same {
		if diff := compareTrees(before, snapshot(t, out)); diff != "" {
			t.Errorf("output differs from the fixture's: %s", diff)
		}
	}
	after := snapshot(t, out)
	for _, c := range checks {
		data, ok := after[c[1]]
		switch {
		case !ok:
			t.Errorf("output has no %s", c[1])
		case c[0] == "contains" && !strings.Contains(data, c[2]):
			t.Errorf("%s does not contain %q", c[1], c[2])
		case c[0] == "lacks" && strings.Contains(data, c[2]):
			t.Errorf("%s contains %q", c[1], c[2])
		}
	}
}

// writeFixture writes testdata/sites/basic, with the real layouts/, assets/ and i18n/, to dir.
func writeFixture(t *testing.T, dir string) {
	t.Helper()
	for name, f := range sitetest.FS(t, "testdata/sites/basic") {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), f.Data)
	}
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// latin1 re-encodes UTF-8 text whose letters all exist in ISO 8859-1.
func latin1(t *testing.T, data []byte) []byte {
	var out []byte
	for _, r := range string(data) {
		if r > 0xff {
			t.Fatalf("latin1: %q has no ISO 8859-1 form", r)
		}
		out = append(out, byte(r))
	}
	return out
}

// pad appends paragraphs of plain text until data is size bytes long.
func pad(data []byte, size int) []byte {
	const para = "Japan supported the consolidation of peace with aid, people and ideas.\n\n"
	for len(data)+len(para) <= size {
		data = append(data, para...)
	}
	return append(data, bytes.Repeat([]byte("x"), size-len(data))...)
}

// denyFS fails to open one file with fs.ErrPermission, as an unreadable file does for
// anyone but root.
type denyFS struct {
	fs.FS
	name string
}

func (d denyFS) Open(name string) (fs.File, error) {
	if name == d.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.FS.Open(name)
}

// snapshot reads every file under dir (symbolic links as "-> target", pipes by their type),
// skipping the
// top-level folders in skip.
func snapshot(t *testing.T, dir string, skip ...string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir() && slices.Contains(skip, rel):
			return filepath.SkipDir
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			files[rel] = "-> " + target
			return err
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			files[rel] = "(" + d.Type().String() + ")" // a pipe: reading it would wait forever
			return nil
		}
		data, err := os.ReadFile(p)
		files[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatalf("snapshot of %s: %v", dir, err)
	}
	return files
}

// compareTrees describes the first differences between two snapshots, or returns "".
func compareTrees(want, got map[string]string) string {
	var diffs []string
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			diffs = append(diffs, name+" is gone")
		case g != w:
			diffs = append(diffs, name+" changed")
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			diffs = append(diffs, name+" is new")
		}
	}
	slices.Sort(diffs)
	if len(diffs) > 5 {
		diffs = append(diffs[:5], fmt.Sprintf("and %d more", len(diffs)-5))
	}
	return strings.Join(diffs, "; ")
}

// setFile replaces or adds the file name of an archive.
func setFile(ar sitetest.Archive, name, data string) sitetest.Archive {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data = data
			return ar
		}
	}
	ar.Files = append(ar.Files, sitetest.ArchiveFile{Name: name, Data: data})
	return ar
}

// TestUnreadableFileOnDisk checks what the unreadable-file archive checks through the fs.FS,
// with a real file without read permission. Root reads every file whatever its mode, so
// the test runs only for other users.
func TestUnreadableFileOnDisk(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: file permissions do not stop reads (unreadable-file.txtar covers it through the fs.FS)")
	}
	root := filepath.Join(t.TempDir(), "site")
	out := filepath.Join(root, "public")
	writeFixture(t, root)
	var stderr bytes.Buffer
	if err := run([]string{"-root", root, "-out", out, "-q"}, &bytes.Buffer{}, &stderr); err != nil {
		t.Fatalf("building the fixture: %v\n%s", err, stderr.String())
	}
	before := snapshot(t, out)
	name := filepath.Join(root, "content", "en", "countries", "sudan.md")
	if err := os.Chmod(name, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(name, 0o644) })
	stderr.Reset()
	err := run([]string{"-root", root, "-out", out, "-q"}, &bytes.Buffer{}, &stderr)
	want := "content/en/countries/sudan.md: permission denied\nbuild failed: 1 error(s); the previous output was left as it was\n"
	if err == nil || stderr.String() != want {
		t.Errorf("build with an unreadable file: %v, stderr:\n%s\nwant:\n%s", err, stderr.String(), want)
	}
	if diff := compareTrees(before, snapshot(t, out)); diff != "" {
		t.Errorf("a failed build changed the previous output: %s", diff)
	}
}

// TestErrorNamesEscaped: a file whose name holds a line break and an escape sequence is
// named with them escaped, so that its error is one line and cannot clear the terminal or
// pass for another error; it is counted once.
func TestErrorNamesEscaped(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	writeFixture(t, root)
	name := "evil\x1b[2J\nbuild failed: 0 error(s).md"
	writeFile(t, filepath.Join(root, "content", "en", "countries", name), []byte("+++\ntitle = \"x\n+++\n"))
	var stderr bytes.Buffer
	if err := run([]string{"-root", root, "-out", filepath.Join(root, "public"), "-q"}, &bytes.Buffer{}, &stderr); err == nil {
		t.Fatal("the build succeeded")
	}
	lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `evil\x1b[2J\nbuild failed`) || lines[1] != "build failed: 1 error(s); the previous output was left as it was" {
		t.Errorf("stderr:\n%s\nwant one error naming the file with its control characters escaped, and a count of 1", stderr.String())
	}
}
