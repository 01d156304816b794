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

// Marker is the file every build leaves in its output folder, naming the project and the
// files it wrote; a non-empty folder without it, or with another project's, or holding
// files it does not list, is not ours to replace.
const Marker = ".peacebuilding-output"

// File is one output file.
type File struct {
	Path string // slash-separated, relative to the output folder
	Data []byte
}

// NewMinifier returns a minifier for every type the site writes. A minifier is not safe
// for concurrent use (it remembers pictures, see svgMemo); give each worker its own.
func NewMinifier() *minify.M { return newMinifier(&svgMemo{known: map[string][]byte{}}) }

func newMinifier(pictures *svgMemo) *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.Add("image/svg+xml", pictures)
	m.AddFunc("application/json", json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

// svgMemo minifies SVG, remembering the minified form of the first few small pictures
// inside pages: the HTML minifier hands each <svg> element of a page to the SVG minifier,
// and the two icons of the site header, the same bytes on every page, took 40% of its time
// on a country brief. The result depends only on the bytes and on whether the picture is
// inline.
type svgMemo struct {
	known map[string][]byte // inline picture -> minified
}

const (
	memoSVGSize  = 1024 // bytes: the icons, not the charts and maps
	memoSVGCount = 64   // the icons come first, on the first page
)

func (c *svgMemo) Minify(m *minify.M, w io.Writer, r io.Reader, params map[string]string) error {
	in, ok := r.(interface{ Bytes() []byte })
	if !ok || params["inline"] != "1" || len(in.Bytes()) > memoSVGSize {
		return svg.Minify(m, w, r, params)
	}
	if out, ok := c.known[string(in.Bytes())]; ok {
		_, err := w.Write(out)
		return err
	}
	if len(c.known) >= memoSVGCount {
		// Full: the pictures of one page each (a brief's small charts) go straight
		// through, without a copy of their bytes to remember them by.
		return svg.Minify(m, w, r, params)
	}
	key := string(in.Bytes()) // before the minifier reads it
	var out bytes.Buffer
	if err := svg.Minify(m, &out, r, params); err != nil {
		return err
	}
	c.known[key] = out.Bytes()
	_, err := w.Write(out.Bytes())
	return err
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
	if err := checkPlace(projectRoot, out); err != nil {
		return err
	}
	return checkContents(projectRoot, out)
}

// absolute returns the project folder and out as absolute paths with links resolved.
func absolute(projectRoot, out string) (root, abs string, err error) {
	if root, err = filepath.Abs(projectRoot); err != nil {
		return "", "", err
	}
	if abs, err = filepath.Abs(out); err != nil {
		return "", "", err
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved
	}
	if resolved, err := filepath.EvalSymlinks(root); err == nil {
		root = resolved
	}
	return root, abs, nil
}

// checkPlace refuses an output folder by where it is: the project or a folder above it,
// the home folder or above, a source folder or inside one.
func checkPlace(projectRoot, out string) error {
	root, abs, err := absolute(projectRoot, out)
	if err != nil {
		return err
	}
	if abs == root || isWithin(abs, root) {
		return fmt.Errorf("refusing to write the site to %s: it is the project folder or contains it", out)
	}
	if home, err := os.UserHomeDir(); err == nil {
		if resolved, err := filepath.EvalSymlinks(home); err == nil {
			home = resolved
		}
		if abs == home || isWithin(abs, home) {
			return fmt.Errorf("refusing to write the site to %s: it is the home folder or contains it", out)
		}
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
	return nil
}

// checkContents refuses a non-empty output folder that is not this project's output.
func checkContents(projectRoot, out string) error {
	root, abs, err := absolute(projectRoot, out)
	if err != nil {
		return err
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
	project, files, err := readMarker(abs)
	if err != nil {
		return fmt.Errorf("refusing to replace %s: it is not empty and was not made by this build (no %s file); choose another -out folder or empty it", out, Marker)
	}
	id, err := projectID(root)
	if err != nil {
		return err
	}
	switch {
	case files == nil && !isWithin(root, abs):
		// The marker of an earlier release records no project: trusted only inside the project.
		return fmt.Errorf("refusing to replace %s: its %s file does not say which project wrote it; delete the folder, or choose another -out folder", out, Marker)
	case files != nil && project != id:
		return fmt.Errorf("refusing to replace %s: it was written by the build of another project folder; delete the folder, or choose another -out folder", out)
	case files != nil:
		if foreign, n := foreignFiles(abs, files); n > 0 {
			more := ""
			if n > 1 {
				more = fmt.Sprintf(" and %d more", n-1)
			}
			return fmt.Errorf("refusing to replace %s: it holds %s%s, which the build did not write; move such files away: every build replaces this folder whole", out, foreign, more)
		}
	}
	return nil
}

// foreignFiles returns the first file under out (in walk order) that is not in files, and
// how many there are.
func foreignFiles(out string, files map[string]bool) (first string, n int) {
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(out, p)
		if rel = filepath.ToSlash(rel); rel != Marker && !files[rel] {
			if n == 0 {
				first = rel
			}
			n++
		}
		return nil
	})
	return first, n
}

// isWithin reports whether path is strictly inside dir.
func isWithin(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel)
}

// Write writes files into out through a Stage (see Stage), for files already in memory.
// On any error out is left as it was.
func Write(out string, files []File) error {
	s, err := NewStage(out, StageOptions{})
	if err != nil {
		return err
	}
	for _, f := range files {
		s.Add(f)
	}
	return s.Commit()
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

// SortFiles orders files by path, for deterministic output.
func SortFiles(files []File) {
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
}
