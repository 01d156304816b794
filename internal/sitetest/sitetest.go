// Package sitetest builds fixture sites for tests: a fixture folder under testdata/ with
// the repository's real layouts/, assets/ and i18n/ laid over it, in memory, so that each
// test exercises the layouts that ship.
package sitetest

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

// RepoRoot is the repository folder, found from this file's location.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// FS returns the fixture at dir (relative to the repository) with the real layouts/,
// assets/ and i18n/ added where the fixture has none of its own.
func FS(t testing.TB, dir string) fstest.MapFS {
	t.Helper()
	root := RepoRoot()
	m := fstest.MapFS{}
	add := func(base, prefix string) {
		err := filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(base, p)
			name := filepath.ToSlash(filepath.Join(prefix, rel))
			if _, ok := m[name]; ok {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
			return nil
		})
		if err != nil {
			t.Fatalf("reading %s: %v", base, err)
		}
	}
	add(filepath.Join(root, dir), "")
	for _, shared := range []string{"layouts", "assets", "i18n"} {
		if !hasPrefix(m, shared+"/") {
			add(filepath.Join(root, shared), shared)
		}
	}
	return m
}

// Copy returns the repository's files and folders names (slash-separated, relative to
// the repository: "config.toml", "content") in memory, by their repository paths, for a
// test to change a copy of the real project.
func Copy(t testing.TB, names ...string) fstest.MapFS {
	t.Helper()
	root := os.DirFS(RepoRoot())
	out := fstest.MapFS{}
	for _, top := range names {
		err := fs.WalkDir(root, top, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(root, name)
			out[name] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func hasPrefix(m fstest.MapFS, prefix string) bool {
	for name := range m {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// Archive is a parsed txtar archive: a comment and named files.
type Archive struct {
	Comment string
	Files   []ArchiveFile
}

// ArchiveFile is one file of an Archive.
type ArchiveFile struct {
	Name string
	Data string
}

// ParseArchive parses the txtar format: "-- name --" lines start each file.
func ParseArchive(text string) Archive {
	var a Archive
	lines := strings.SplitAfter(text, "\n")
	cur := -1
	for _, l := range lines {
		t := strings.TrimRight(l, "\r\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			a.Files = append(a.Files, ArchiveFile{Name: strings.TrimSpace(t[3 : len(t)-3])})
			cur = len(a.Files) - 1
			continue
		}
		if cur < 0 {
			a.Comment += l
		} else {
			a.Files[cur].Data += l
		}
	}
	return a
}

// Format writes an Archive back in the txtar format.
func (a Archive) Format() string {
	var b strings.Builder
	b.WriteString(a.Comment)
	for _, f := range a.Files {
		b.WriteString("-- " + f.Name + " --\n")
		b.WriteString(f.Data)
		if f.Data != "" && !strings.HasSuffix(f.Data, "\n") {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Seeds returns fuzz seeds for a parser of one kind of file: the repository files named
// (relative to the repository) and every file called archiveName in the hostile-input
// archives of testdata/hostile/.
func Seeds(tb testing.TB, files []string, archiveName string) [][]byte {
	tb.Helper()
	root := RepoRoot()
	var seeds [][]byte
	for _, name := range files {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			tb.Fatal(err)
		}
		seeds = append(seeds, data)
	}
	archives, _ := filepath.Glob(filepath.Join(root, "testdata", "hostile", "*.txtar"))
	for _, a := range archives {
		data, err := os.ReadFile(a)
		if err != nil {
			tb.Fatal(err)
		}
		for _, file := range ParseArchive(string(data)).Files {
			if file.Name == archiveName {
				seeds = append(seeds, []byte(file.Data))
			}
		}
	}
	return seeds
}

// Beside lists what is in out's parent folder besides out and the lock file builds keep
// there (.<out>.lock): what a build must not leave behind.
func Beside(t testing.TB, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); n != filepath.Base(out) && n != "."+filepath.Base(out)+".lock" {
			names = append(names, n)
		}
	}
	return names
}

// HeapInUse is the memory the heap holds after a collection: what a benchmark reports as
// held by the work it measures.
func HeapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// Git makes dir a place to run git in for a test, and returns the command: git with its
// arguments in dir, under a fixed author and no user or system configuration, failing
// the test on an error. Without git the test is skipped, or fails where REQUIRE_TOOLS is
// set (as in CI).
func Git(t testing.TB, dir string) func(args ...string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("REQUIRE_TOOLS") != "" {
			t.Fatal("git not found, and REQUIRE_TOOLS is set")
		}
		t.Skip("git not found: apt-get install git")
	}
	return func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=T",
			"GIT_COMMITTER_EMAIL=t@example.org", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// HalfWidthParenthesisStyle is a house style sheet (data/style.toml) of one Japanese
// rule, a half-width parenthesis after Japanese text, for tests of its findings.
const HalfWidthParenthesisStyle = `lang = "ja"

[[rules]]
id = "half-width-parenthesis"
pattern = '[\p{Han}\p{Hiragana}\p{Katakana}][(]'
preferred = "全角の（）"
note = "和文中の括弧は全角。"
example = "派遣(UNTAC)"
allowed = ["派遣（UNTAC）"]
`
