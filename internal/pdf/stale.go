package pdf

import (
	"errors"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// RemoveStale removes from the PDF folder out the PDFs of a language folder that targets
// no longer make: a brief that was deleted, or booklet.pdf once a booklet is printed in
// parts. It touches only *.pdf files directly in the folders of the targets' languages,
// and returns the names it removed, slash-separated and relative to out, sorted.
func RemoveStale(out string, targets []Target) ([]string, error) {
	made := map[string]bool{}
	var langs []string
	for _, t := range targets {
		made[t.Out] = true
		if !slices.Contains(langs, t.Lang) {
			langs = append(langs, t.Lang)
		}
	}
	var removed []string
	var errs []error
	for _, lang := range langs {
		entries, err := os.ReadDir(filepath.Join(out, lang))
		if err != nil {
			if !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, err)
			}
			continue
		}
		for _, e := range entries {
			name := path.Join(lang, e.Name())
			if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), ".pdf") || made[name] {
				continue
			}
			if err := os.Remove(filepath.Join(out, filepath.FromSlash(name))); err != nil {
				errs = append(errs, err)
				continue
			}
			removed = append(removed, name)
		}
	}
	slices.Sort(removed)
	return removed, errors.Join(errs...)
}
