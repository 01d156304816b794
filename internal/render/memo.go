package render

import (
	"crypto/sha256"
	"encoding/binary"
	"io/fs"
	"path"
	"slices"
	"sync"
)

// parsedLayouts remembers the renderers that New made lately, by what they were made from:
// the bytes of every layout and UI-string file, the languages and the executor. Parsing,
// escaping and compiling the layouts (28 sets for two languages) is a fixed cost of every
// build; a process that builds again and again with the same layouts (the preview after an
// edit to config.toml or assets/, the tests' builds of small sites, where it was a third
// of the CPU) pays it once. A renderer's layouts and strings are not changed once made
// (what rendering caches lives in the copy New returns, see Renderer.fresh), and both
// executors run one set from many goroutines at once.
var parsedLayouts layoutMemo

// layoutMemoSize is how many renderers parsedLayouts keeps: enough for a preview whose
// writer goes back and forth between two versions of a layout, while each holds some
// megabytes.
const layoutMemoSize = 2

type layoutMemo struct {
	mu      sync.Mutex
	entries []memoEntry // the most recently used last
}

type memoEntry struct {
	key [sha256.Size]byte
	r   *Renderer
}

func (m *layoutMemo) get(key [sha256.Size]byte) *Renderer {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, e := range m.entries {
		if e.key == key {
			m.entries = append(append(m.entries[:i:i], m.entries[i+1:]...), e)
			return e.r
		}
	}
	return nil
}

func (m *layoutMemo) put(key [sha256.Size]byte, r *Renderer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	// Two builds that missed at once parsed the same files: keep one.
	m.entries = slices.DeleteFunc(m.entries, func(e memoEntry) bool { return e.key == key })
	m.entries = append(m.entries, memoEntry{key, r})
	if len(m.entries) > layoutMemoSize {
		m.entries = append(m.entries[:0:0], m.entries[len(m.entries)-layoutMemoSize:]...)
	}
}

// layoutInputs are the files New parses, read once, and the key of parsedLayouts they
// make.
type layoutInputs struct {
	layouts, i18n readFiles
	key           [sha256.Size]byte
}

// layoutFiles are the files of layouts/ that New parses.
func layoutFiles(layouts fs.FS) []string {
	names := sharedLayouts(layouts)
	for _, name := range pageTemplates {
		names = append(names, name+".html")
	}
	return names
}

// readLayoutInputs reads every file New parses for langs and the executor env. It
// reports false if one cannot be read: New then parses from the folders themselves, and
// reports the reason as it always has.
func readLayoutInputs(layouts, i18nFS fs.FS, langs []string, env string) (layoutInputs, bool) {
	in := layoutInputs{layouts: readFiles{}, i18n: readFiles{}}
	h := sha256.New()
	// Each string with its length before it, so that no two lists of strings hash alike.
	write := func(b []byte) {
		h.Write(binary.AppendUvarint(nil, uint64(len(b))))
		h.Write(b)
	}
	write([]byte(env))
	for _, group := range []struct {
		fsys  fs.FS
		names []string
		into  readFiles
	}{
		{layouts, layoutFiles(layouts), in.layouts},
		{i18nFS, i18nFiles(langs), in.i18n},
	} {
		write(binary.AppendUvarint(nil, uint64(len(group.names))))
		for _, name := range group.names {
			data, err := fs.ReadFile(group.fsys, name)
			if err != nil {
				return layoutInputs{}, false
			}
			group.into[name] = data
			write([]byte(name))
			write(data)
		}
	}
	h.Sum(in.key[:0])
	return in, true
}

// i18nFiles are the files of i18n/ that New reads for langs, in their order: the first
// language's strings are the ones the others must match.
func i18nFiles(langs []string) []string {
	names := make([]string, len(langs))
	for i, lang := range langs {
		names[i] = lang + ".toml"
	}
	return names
}

// readFiles is a folder of files read into memory, for fs.ReadFile.
type readFiles map[string][]byte

func (f readFiles) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// Glob is fs.GlobFS's, for sharedLayouts.
func (f readFiles) Glob(pattern string) ([]string, error) {
	var names []string
	for name := range f {
		ok, err := path.Match(pattern, name)
		if err != nil {
			return nil, err
		}
		if ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names, nil
}

func (f readFiles) ReadFile(name string) ([]byte, error) {
	data, ok := f[name]
	if !ok {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	return slices.Clone(data), nil // fs.ReadFileFS: the caller may change what it gets
}
