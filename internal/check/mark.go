package check

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/projectfs"
	"peacebuilding/internal/tomlx"
)

// suggestTranslation is, for a translation name whose source src does not exist, " (did
// you mean content/ja/countries/liberia.md?)": the translation of the source whose name
// is closest: of the same name anywhere in the source language's folder (mark sudan:
// countries/sudan.md), else a close name in src's folder, then anywhere, or "" if none is
// close.
func suggestTranslation(fsys fs.FS, src, name string) string {
	srcRoot := strings.Join(strings.SplitN(src, "/", 3)[:2], "/") // content/en
	nameRoot := strings.Join(strings.SplitN(filepath.ToSlash(name), "/", 3)[:2], "/")
	var here, all []string // paths of sources relative to srcRoot, without .md
	fs.WalkDir(fsys, srcRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if rel, ok := strings.CutSuffix(strings.TrimPrefix(p, srcRoot+"/"), ".md"); ok {
			all = append(all, rel)
			if path.Dir(p) == path.Dir(src) {
				here = append(here, rel)
			}
		}
		return nil
	})
	want := strings.TrimSuffix(path.Base(src), ".md")
	// A page of that very name in another folder before a close name in this one, as the
	// check's own suggestion does (Report.suggestPage).
	if i := slices.IndexFunc(all, func(rel string) bool { return path.Base(rel) == want }); i >= 0 {
		return fmt.Sprintf(" (did you mean %s/%s.md?)", nameRoot, all[i])
	}
	for _, among := range [][]string{here, all} {
		bases := make([]string, len(among))
		for i, rel := range among {
			bases[i] = path.Base(rel)
		}
		if sug := tomlx.Suggest(want, bases); sug != "" {
			return fmt.Sprintf(" (did you mean %s/%s.md?)", nameRoot, among[slices.Index(bases, sug)])
		}
	}
	return ""
}

// Marked is the result of marking one translation.
type Marked struct {
	File, Source string // "content/ja/countries/cambodia.md", "content/en/countries/cambodia.md"
	Key, Lang    string // the pair it is in the report: "countries/cambodia", "ja"
	Hash         string
	Changed      bool // false when the file already had this hash
}

// Mark records in a translation which version of its source it was translated from: the
// source's content.SourceHash, as source_hash in the translation's front matter. path is
// the translation's file, as the translator typed it (relative to the working folder, or
// absolute); root is the project folder.
//
// The file is edited as text, not re-encoded, so that everything but the source_hash line
// stays byte for byte as the translator wrote it (comments, order, quoting, CRLF), and it
// is replaced atomically: an interrupted mark leaves the old file.
func Mark(root, path string, cfg *config.Config) (Marked, error) {
	name, lang, rel, err := contentPath(root, path, cfg)
	if err != nil {
		return Marked{}, err
	}
	src := filepath.ToSlash(filepath.Join("content", cfg.DefaultLanguage, rel))
	m := Marked{File: name, Source: src, Key: strings.TrimSuffix(rel, ".md"), Lang: lang}
	fsys := projectfs.New(root)
	srcData, err := fs.ReadFile(fsys, src)
	if errors.Is(err, fs.ErrNotExist) {
		if _, err := fs.Stat(fsys, name); errors.Is(err, fs.ErrNotExist) {
			// Neither file: a name mistyped or without its folder, as the check says it.
			return m, fmt.Errorf("%s: no page of the site%s", path, suggestTranslation(fsys, src, name))
		}
		return m, fmt.Errorf("%s: there is no source %s to mark it as translated from%s", name, src, suggestTranslation(fsys, src, name))
	}
	if err != nil {
		return m, fmt.Errorf("%s: %v", src, err)
	}
	sf := &content.File{Lang: cfg.DefaultLanguage, Path: rel, Name: src}
	if err := content.Parse(sf, srcData); err != nil {
		return m, err
	}
	m.Hash = content.SourceHash(sf)
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return m, fmt.Errorf("%s: no translation yet: start it with make check ARGS=\"-new %s\", translate it, then mark it", name, name)
	}
	if err != nil {
		return m, fmt.Errorf("%s: %v", name, pathless(err))
	}
	tf := &content.File{Lang: lang, Path: rel, Name: name}
	if err := content.Parse(tf, data); err != nil {
		return m, err
	}
	// A mark says the translation follows this version of its source; a copy still in
	// English (as -new starts one) follows nothing yet, and marked it left the list of
	// stale pages while the check still failed on it.
	if content.NotYetTranslated(tf) {
		return m, fmt.Errorf("%s: not marked: the page is still English, as -new copies it: translate it, then mark it", name)
	}
	if tf.Front.SourceHash == m.Hash {
		return m, nil
	}
	out, err := SetSourceHash(tf, data, m.Hash)
	if err != nil {
		return m, err
	}
	if err := writeAtomic(filepath.Join(root, filepath.FromSlash(name)), out); err != nil {
		return m, err
	}
	m.Changed = true
	return m, nil
}

// MarkedKey is the page ("countries/cambodia") whose translation Mark(root, path, cfg)
// marks, or "" when path names none.
func MarkedKey(root, path string, cfg *config.Config) string {
	_, _, rel, err := contentPath(root, path, cfg)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(rel, ".md")
}

// onlySourceNamed returns the key of the one source page (content/<lang>/) named name
// (onlyKeyNamed: "chad" for countries/chad), or "".
func onlySourceNamed(root, lang, name string) string {
	dir := filepath.Join(root, "content", lang)
	return onlyKeyNamed(name, func(yield func(string) bool) {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return nil
			}
			rel, _ := filepath.Rel(dir, p)
			if !yield(strings.TrimSuffix(filepath.ToSlash(rel), ".md")) {
				return filepath.SkipAll
			}
			return nil
		})
	})
}

// contentPath checks that path is a translation file of the project at root and returns
// its name relative to root ("content/ja/countries/cambodia.md"), its language and its
// path inside the language folder. A page key ("countries/cambodia"), or a page's name
// alone when one page has it ("cambodia"), names the page's translation.
func contentPath(root, path string, cfg *config.Config) (name, lang, rel string, err error) {
	path = withoutPlace(path)
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		// Not all of a folder at once: each mark says that one translation was checked.
		return "", "", "", fmt.Errorf("%s is a folder: mark each translation by its file once it is done (make check ARGS=\"-mark %s\")", path, filepath.ToSlash(filepath.Join(path, "….md")))
	}
	if filepath.Ext(path) == ".md" && !filepath.IsAbs(path) && !strings.HasPrefix(filepath.ToSlash(filepath.Clean(path)), "content/") {
		if _, err := os.Stat(path); err != nil {
			path = strings.TrimSuffix(path, ".md") // countries/cambodia.md: the page's key
		}
	}
	if filepath.Ext(path) == "" {
		// A page key, as the check's report names pages ("countries/cambodia"): the
		// translation when there is one language to translate into.
		var into []string
		for _, l := range cfg.LanguageCodes() {
			if l != cfg.DefaultLanguage {
				into = append(into, l)
			}
		}
		if len(into) != 1 {
			return "", "", "", fmt.Errorf("%s: a page key names the page in every language; name the translation file (content/<lang>/%s.md)", path, path)
		}
		if key := onlySourceNamed(root, cfg.DefaultLanguage, path); key != "" {
			path = key // chad: countries/chad, the one page of that name, as the check reads it
		}
		path = filepath.Join(root, "content", into[0], filepath.FromSlash(path)+".md")
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return "", "", "", err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", "", "", err
	}
	r, err := filepath.Rel(absRoot, abs)
	if err != nil || strings.HasPrefix(r, "..") {
		return "", "", "", fmt.Errorf("%s: not a file of the project %s", path, root)
	}
	name = filepath.ToSlash(r)
	parts := strings.SplitN(name, "/", 3)
	if len(parts) < 3 || parts[0] != "content" || !strings.HasSuffix(name, ".md") {
		return "", "", "", fmt.Errorf("%s: not a content file (content/<lang>/...md)", path)
	}
	lang, rel = parts[1], parts[2]
	if _, ok := cfg.Language(lang); !ok {
		return "", "", "", fmt.Errorf("%s: %q is not a language of config.toml", path, lang)
	}
	if lang == cfg.DefaultLanguage {
		var translations []string
		for _, l := range cfg.Languages {
			if l.Code == lang {
				continue
			}
			t := "content/" + l.Code + "/" + rel
			if _, err := os.Stat(filepath.Join(absRoot, filepath.FromSlash(t))); err != nil {
				t += ", not started yet: make check ARGS=\"-new " + t + "\""
			}
			translations = append(translations, t)
		}
		return "", "", "", fmt.Errorf("%s: a page in %s, the default language, is a source, not a translation; mark its translation instead (%s)", path, lang, strings.Join(translations, "; "))
	}
	return name, lang, rel, nil
}

func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var (
	hashLine = regexp.MustCompile(`^(\s*source_hash\s*=\s*)("[^"]*"|'[^']*')`)
	// oneLine matches a key whose value is a one-line string, with an optional comment.
	oneLine = regexp.MustCompile(`^\s*(?:title|summary)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*')\s*(?:#.*)?$`)
)

// SetSourceHash returns data, the bytes of file f, with source_hash set to hash: the value
// of an existing source_hash line replaced, or a new line inserted after a one-line
// summary, else after a one-line title, else after the opening +++ (where the content
// model shows it: after the values that say what the page is). The result is parsed again and must decode to the same
// front matter and body but for source_hash; if not, nothing is written.
func SetSourceHash(f *content.File, data []byte, hash string) ([]byte, error) {
	bom := []byte{}
	if bytes.HasPrefix(data, []byte("\ufeff")) {
		bom, data = data[:3], data[3:]
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	edit := func(at int, insert bool) []byte {
		var b bytes.Buffer
		b.Write(bom)
		for i, l := range lines {
			if i == at && !insert {
				m := hashLine.FindSubmatchIndex(l)
				b.Write(l[:m[4]])
				fmt.Fprintf(&b, "%q", hash)
				b.Write(l[m[5]:])
				continue
			}
			b.Write(l)
			if i == at && insert {
				eol := "\n"
				if bytes.HasSuffix(l, []byte("\r\n")) {
					eol = "\r\n"
				}
				fmt.Fprintf(&b, "source_hash = %q%s", hash, eol)
			}
		}
		return b.Bytes()
	}
	var tries [][]byte
	switch {
	case f.Defined("source_hash"):
		if at := f.Line("source_hash") - 1; at < len(lines) && hashLine.Match(lines[at]) {
			tries = append(tries, edit(at, false))
		}
	default:
		for _, key := range []string{"summary", "title"} {
			if at := f.Line(key) - 1; at < len(lines) && oneLine.Match(bytes.TrimRight(lines[at], "\r\n")) {
				tries = append(tries, edit(at, true))
			}
		}
		tries = append(tries, edit(f.FrontLine-2, true)) // after the opening +++
	}
	for _, out := range tries {
		if sameButHash(f, out, hash) {
			return out, nil
		}
	}
	return nil, fmt.Errorf("%s:%d: cannot set source_hash: write it as one line, source_hash = \"%s\"", f.Name, f.FrontLine-1, hash)
}

// sameButHash reports whether out decodes like f, with source_hash set to hash.
func sameButHash(f *content.File, out []byte, hash string) bool {
	g := &content.File{Lang: f.Lang, Path: f.Path, Name: f.Name, Section: f.Section, Slug: f.Slug}
	if content.Parse(g, out) != nil || g.Front.SourceHash != hash || g.Body != f.Body {
		return false
	}
	want, got := f.Front, g.Front
	want.SourceHash, got.SourceHash = "", ""
	return reflect.DeepEqual(want, got)
}

// writeAtomic replaces the file at path with data, keeping its permissions: the data goes
// to a hidden temporary file in the same folder (which content.Load skips), then is
// renamed over the old file.
func writeAtomic(path string, data []byte) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), info.Mode().Perm()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
