package pipeline

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"peacebuilding/internal/parallel"
	"slices"
	"strings"

	"peacebuilding/internal/content"
)

// sources holds the content files as content.Load would return them, one entry per file
// path, so that an edit re-reads only the edited file.
type sources struct {
	langs   []string
	entries map[string]entry // by path: "content/en/countries/cambodia.md"
	walkErr []error          // folders that could not be read
	// sorted is the files in content.Load's order, and at the index of each path;
	// nil when a file was added or removed since it was sorted.
	sorted []*content.File
	at     map[string]int
}

// entry is what content.LoadFile made of one file: a file, a warning or an error.
type entry struct {
	file    *content.File
	warning string
	err     error
}

// loadSources walks content/<lang>/ of every language like content.Load and reads every file,
// in parallel.
func loadSources(fsys fs.FS, langs []string) *sources {
	s := &sources{langs: langs, entries: map[string]entry{}}
	var paths []string
	for _, lang := range langs {
		root := path.Join("content", lang)
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil && p == root && errors.Is(err, fs.ErrNotExist):
				return fs.SkipDir // a language without content yet
			case err != nil:
				s.walkErr = append(s.walkErr, fmt.Errorf("%s: %v", p, pathless(err)))
			case d.IsDir() && p != root && strings.HasPrefix(d.Name(), "."):
				return fs.SkipDir
			case !d.IsDir():
				paths = append(paths, p)
			}
			return nil
		})
		if err != nil {
			s.walkErr = append(s.walkErr, err)
		}
	}
	entries := make([]entry, len(paths))
	parallel.For(len(paths), func() func(int) {
		return func(i int) { entries[i] = s.read(fsys, paths[i]) }
	})
	for i, p := range paths {
		s.set(p, entries[i])
	}
	return s
}

func (s *sources) read(fsys fs.FS, p string) entry {
	f, w, err := content.LoadFile(fsys, p, s.langs)
	return entry{file: f, warning: w, err: err}
}

func (s *sources) set(p string, e entry) {
	old := s.entries[p]
	if e == (entry{}) {
		delete(s.entries, p) // gone, or a file content.Load skips
	} else {
		s.entries[p] = e
	}
	switch i, ok := s.at[p]; {
	case old.file == nil && e.file == nil:
	case ok && e.file != nil:
		s.sorted[i] = e.file // edited: same place
	default:
		s.sorted, s.at = nil, nil // added or removed: sort again
	}
}

// reload re-reads the file at p, which was edited, created or removed.
func (s *sources) reload(fsys fs.FS, p string) { s.set(p, s.read(fsys, p)) }

// files returns what content.Load would: the files ordered by language, then path; the
// warnings; and every error joined, both in the order of its walk.
func (s *sources) files() ([]*content.File, []string, error) {
	order := map[string]int{}
	for i, l := range s.langs {
		order[l] = i
	}
	if s.sorted == nil {
		s.sorted = make([]*content.File, 0, len(s.entries))
		for _, e := range s.entries {
			if e.file != nil {
				s.sorted = append(s.sorted, e.file)
			}
		}
		slices.SortFunc(s.sorted, func(a, b *content.File) int {
			return cmp.Or(cmp.Compare(order[a.Lang], order[b.Lang]), cmp.Compare(a.Path, b.Path))
		})
		s.at = make(map[string]int, len(s.sorted))
		for i, f := range s.sorted {
			s.at[f.Name] = i
		}
	}
	files := slices.Clone(s.sorted) // site.Build keeps it
	var noted []string              // paths with a warning or an error
	for p, e := range s.entries {
		if e.file == nil {
			noted = append(noted, p)
		}
	}
	slices.SortFunc(noted, func(a, b string) int { return walkOrder(order, a, b) })
	var warnings []string
	errs := slices.Clone(s.walkErr)
	for _, p := range noted {
		if e := s.entries[p]; e.err != nil {
			errs = append(errs, e.err)
		} else {
			warnings = append(warnings, e.warning)
		}
	}
	return files, warnings, errors.Join(errs...)
}

// walkOrder orders paths under content/ as content.Load's walk meets them: languages in
// their order, then by name within each folder ("a/b.md" before "a-c.md", unlike a plain
// string comparison).
func walkOrder(order map[string]int, a, b string) int {
	pa, pb := strings.Split(a, "/"), strings.Split(b, "/")
	if c := cmp.Compare(order[pa[1]], order[pb[1]]); c != 0 {
		return c
	}
	for i := 2; i < len(pa) && i < len(pb); i++ {
		if c := cmp.Compare(pa[i], pb[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(pa), len(pb))
}

// pathless drops the path that fs errors repeat, since the message names the file already.
func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
