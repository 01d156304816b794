// Package publish turns rendered files into the output folder: it fingerprints and
// minifies assets, minifies every file by type, and writes the output folder so that a
// failed build never damages it.
//
// Stage, which the build uses, takes files as they are made and publishes them into the
// output folder only when the build and its audit have passed: a new folder is swapped in
// whole; a previous output is updated in place, rewriting only the files whose bytes
// changed (see Stage). Write, for files already in memory, writes a sibling staging folder
// and swaps it in. Both refuse output paths where a mistake would destroy work: the
// project itself, its parents, its source folders, and any non-empty folder they did not
// create.
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
	"peacebuilding/internal/projectfs"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Marker is the file Write leaves in every folder it creates; a non-empty folder without it
// is not ours to replace.
const Marker = ".peacebuilding-output"

// File is one output file.
type File struct {
	Path string // slash-separated, relative to the output folder
	Data []byte
}

// NewMinifier returns a minifier for every type the site writes. A minifier is not safe
// for concurrent use with shared buffers; give each worker its own.
func NewMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

// mediaTypes maps file extensions to the types NewMinifier knows.
var mediaTypes = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript",
	".svg": "image/svg+xml", ".json": "application/json", ".xml": "application/xml",
}

// Minify minifies data according to the extension of name; other types pass through.
func Minify(m *minify.M, name string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok {
		return data, nil
	}
	out, err := m.Bytes(mt, data)
	if err != nil {
		return nil, fmt.Errorf("minify %s: %v", name, err)
	}
	return out, nil
}

// MinifyTo writes data to w minified like Minify, without Minify's copy of the output, for
// a pipeline that reuses its buffers.
func MinifyTo(m *minify.M, w io.Writer, name string, data []byte) error {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok {
		_, err := w.Write(data)
		return err
	}
	// A reader with a Bytes method lets the minifier read data in place instead of
	// copying it.
	if err := m.Minify(mt, w, bytes.NewBuffer(data)); err != nil {
		return fmt.Errorf("minify %s: %v", name, err)
	}
	return nil
}

// Assets reads every file of fsys (the assets/ folder), minifies CSS, JS and SVG, and
// names each by its content hash ("style.css" becomes "assets/style.1a2b3c4d.css") so that
// hosts can cache it forever. It returns the files and the map from source name to path.
func Assets(fsys fs.FS, m *minify.M) ([]File, map[string]string, error) {
	var files []File
	names := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("assets/%s: %v", p, err)
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("assets/%s: %v", p, projectfs.Reason(err))
		}
		if data, err = Minify(m, p, data); err != nil {
			return fmt.Errorf("assets/%s: %v", p, err)
		}
		sum := sha256.Sum256(data)
		ext := path.Ext(p)
		out := "assets/" + strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
		names[p] = out
		files = append(files, File{Path: out, Data: data})
		return nil
	})
	return files, names, err
}

// CheckOutput refuses an output folder that must never be replaced: the project root or a
// folder above it, one of the project's source folders (or inside one), or an existing
// non-empty folder without the marker file.
func CheckOutput(projectRoot, out string) error {
	root, err := filepath.Abs(projectRoot)
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved
	}
	if resolved, err := filepath.EvalSymlinks(root); err == nil {
		root = resolved
	}
	if abs == root || isWithin(abs, root) {
		return fmt.Errorf("refusing to write the site to %s: it is the project folder or contains it", out)
	}
	for _, src := range []string{"content", "layouts", "assets", "i18n", "data", "cmd", "internal", ".git"} {
		dir := filepath.Join(root, src)
		if abs == dir {
			return fmt.Errorf("refusing to write the site to %s: it is the source folder %s/", out, src)
		}
		if isWithin(dir, abs) {
			return fmt.Errorf("refusing to write the site to %s: it is inside the source folder %s/", out, src)
		}
	}
	entries, err := os.ReadDir(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("output folder %s: %v", out, err)
	case len(entries) == 0:
		return nil
	}
	if _, err := os.Stat(filepath.Join(abs, Marker)); err != nil {
		return fmt.Errorf("refusing to replace %s: it is not empty and was not made by this build (no %s file); choose another -out folder or empty it", out, Marker)
	}
	return nil
}

// isWithin reports whether path is strictly inside dir.
func isWithin(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel)
}

// Write writes files into a staging folder next to out and swaps it in. On any error the
// staging folder is removed and out is left as it was.
func Write(out string, files []File) (err error) {
	out = filepath.Clean(out)
	for _, f := range files {
		if !fs.ValidPath(f.Path) || strings.Contains(f.Path, "\\") {
			return fmt.Errorf("invalid output path %q", f.Path)
		}
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	stage, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".staging-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			removeTree(stage)
		}
	}()
	// MkdirTemp makes 0700 folders; a web server running as another user must read it.
	if err := os.Chmod(stage, 0o755); err != nil {
		return err
	}
	// The folders first, a level at a time (each level's parents exist), then the files.
	var levels [][]string
	seen := map[string]bool{}
	for _, f := range files {
		for dir := path.Dir(f.Path); dir != "." && !seen[dir]; dir = path.Dir(dir) {
			seen[dir] = true
			depth := strings.Count(dir, "/")
			for len(levels) <= depth {
				levels = append(levels, nil)
			}
			levels[depth] = append(levels[depth], dir)
		}
	}
	for _, level := range levels {
		slices.Sort(level) // for a deterministic first error
		if err := each(level, func(dir string) error {
			return os.Mkdir(filepath.Join(stage, filepath.FromSlash(dir)), 0o755)
		}); err != nil {
			return err
		}
	}
	if err := each(files, func(f File) error {
		return os.WriteFile(filepath.Join(stage, filepath.FromSlash(f.Path)), f.Data, 0o644)
	}); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(stage, Marker), []byte(markerText), 0o644); err != nil {
		return err
	}
	return swap(stage, out)
}

// ioWorkers is how many files Write creates or removes at once. That work waits on the
// disk, not the CPU: on a disk that completes each change to a folder before the next, a
// few at a time take a third of the time of one after another.
const ioWorkers = 8

// each calls f for every item, ioWorkers at a time. After a failure the items not yet
// started are skipped; it returns the error of the first item, in order, that failed.
func each[T any](items []T, f func(T) error) error {
	errs := make([]error, len(items))
	var failed atomic.Bool
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(ioWorkers, len(items)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if !failed.Load() {
					if errs[i] = f(items[i]); errs[i] != nil {
						failed.Store(true)
					}
				}
			}
		}()
	}
	for i := range items {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// removeTree removes dir and everything in it, like os.RemoveAll but ioWorkers files at a
// time: replacing a site of 20,000 pages removes the previous 20,000 files and folders.
func removeTree(dir string) error {
	var files []string
	var levels [][]string // folders by depth
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, p)
			return nil
		}
		depth := strings.Count(p, string(filepath.Separator))
		for len(levels) <= depth {
			levels = append(levels, nil)
		}
		levels[depth] = append(levels[depth], p)
		return nil
	})
	if err == nil {
		err = each(files, os.Remove)
		// Deepest folders first: each is empty once its files and folders are gone.
		for i := len(levels) - 1; i >= 0 && err == nil; i-- {
			err = each(levels[i], os.Remove)
		}
	}
	// Whatever is left (a walk error, a file that appeared meanwhile), the slow way; it
	// reports the error, if any remains.
	return os.RemoveAll(dir)
}

// swap puts stage in place of out: out is moved aside, stage renamed to out, and the old
// tree removed. If the second rename fails, the old tree is moved back.
func swap(stage, out string) error {
	old := ""
	if _, err := os.Lstat(out); err == nil {
		old = stage + ".old"
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("moving the previous %s aside: %v", out, err)
		}
	}
	if err := os.Rename(stage, out); err != nil {
		if old != "" {
			os.Rename(old, out)
		}
		return fmt.Errorf("moving the new site into %s: %v", out, err)
	}
	if old != "" {
		return removeTree(old)
	}
	return nil
}

// SortFiles orders files by path, for deterministic output.
func SortFiles(files []File) {
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
}
