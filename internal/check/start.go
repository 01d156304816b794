package check

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/projectfs"
)

// Started is a translation that Start wrote.
type Started struct {
	File, Source string // "content/ja/countries/chad.md", "content/en/countries/chad.md"
	// Dropped names the language-neutral values left out, as the check names them
	// ("weight", "facts.area_km2", "the date of event 2").
	Dropped []string
}

// Start writes the first draft of a translation: a copy of its source without the
// language-neutral values (weight, region, iso, themes, the numbers of its facts, the
// dates of its events, the values, units and approx of its figures), which the page takes
// from the source. A copy made by hand keeps them, and the day the English author changes
// one, the build stops on the translation. path names the translation as Mark takes it (a
// file, or a page key such as countries/chad); it must not exist yet. The draft is the
// source's text as it is, to be translated; the check reports it as still English until
// it is, and it is not marked (no source_hash).
func Start(root, path string, cfg *config.Config) (Started, error) {
	name, _, rel, err := contentPath(root, path, cfg)
	if err != nil {
		return Started{}, err
	}
	src := filepath.ToSlash(filepath.Join("content", cfg.DefaultLanguage, rel))
	st := Started{File: name, Source: src}
	fsys := projectfs.New(root)
	data, err := fs.ReadFile(fsys, src)
	if errors.Is(err, fs.ErrNotExist) {
		return st, fmt.Errorf("%s: there is no source %s to translate%s", name, src, suggestTranslation(fsys, src, name))
	}
	if err != nil {
		return st, fmt.Errorf("%s: %v", src, pathless(err))
	}
	sf := &content.File{Lang: cfg.DefaultLanguage, Path: rel, Name: src}
	if err := content.Parse(sf, data); err != nil {
		return st, err
	}
	drop := map[int]bool{} // file lines, from 1
	for _, v := range neutralLines(sf) {
		st.Dropped = append(st.Dropped, v.what)
		line := v.line(sf)
		for n := line; n < line+valueLines(sf, line); n++ {
			drop[n] = true
		}
	}
	lines := strings.SplitAfter(string(data), "\n")
	var out strings.Builder
	for i, l := range lines {
		if !drop[i+1] {
			out.WriteString(l)
		}
	}
	file := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return st, err
	}
	// O_EXCL: a translation written meanwhile is never replaced.
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return st, fmt.Errorf("%s: the translation exists already; make check ARGS=\"%s\" says what it needs", name, name)
	}
	if err != nil {
		return st, err
	}
	if _, err := f.WriteString(out.String()); err != nil {
		f.Close()
		os.Remove(file)
		return st, err
	}
	if err := f.Close(); err != nil {
		os.Remove(file)
		return st, err
	}
	return st, nil
}

// neutralLine is a language-neutral value of a content file and where it is written.
type neutralLine struct {
	what  string // as a finding names it: "weight", "facts.area_km2", "the date of event 2"
	table string // "facts", "events" or "figures", or "" for a top-level key
	item  int    // of events or figures
	key   string // in its table
	value string // as a text to compare: "95", "asia", "KHM,THA"
}

// line is the file line of v in f. It is looked up only for a value reported or left
// out: finding a key's line reads the front matter line by line (see place).
func (v neutralLine) line(f *content.File) int {
	switch v.table {
	case "":
		return f.Line(v.key)
	case "facts":
		return f.Line("facts", v.key)
	}
	return f.ItemLine(v.table, v.item, v.key)
}

// neutralLines lists the language-neutral values that f writes: weight, region, iso,
// themes, the numbers of its facts, and the dates of its events and the values, units and
// approx of its figures. The build checks them on its own (site's conflicts);
// TestNeutralValuesAgreeWithTheBuild holds the two lists together.
func neutralLines(f *content.File) []neutralLine {
	var out []neutralLine
	fm := &f.Front
	top := func(key, value string) {
		if f.Defined(key) {
			out = append(out, neutralLine{what: key, key: key, value: value})
		}
	}
	top("weight", fmt.Sprint(derefAny(fm.Weight)))
	top("region", fmt.Sprint(derefAny(fm.Region)))
	top("iso", strings.Join(fm.ISO, ","))
	top("themes", strings.Join(fm.Themes, ","))
	if x := fm.Facts; x != nil {
		for _, c := range []struct {
			key   string
			value any
		}{{"area_km2", x.AreaKm2}, {"population_millions", x.PopulationMillions}, {"gdp_per_capita_usd", x.GDPPerCapitaUSD}, {"year", x.Year}} {
			if f.Defined("facts", c.key) {
				out = append(out, neutralLine{what: "facts." + c.key, table: "facts", key: c.key, value: fmt.Sprint(derefAny(c.value))})
			}
		}
	}
	for i, e := range fm.Events {
		if e.Date != nil {
			out = append(out, neutralLine{fmt.Sprintf("the date of event %d", i+1), "events", i, "date", *e.Date})
		}
	}
	for i, g := range fm.Figures {
		for _, c := range []struct {
			key   string
			value any
		}{{"value", g.Value}, {"unit", g.Unit}, {"approx", g.Approx}} {
			if v := derefAny(c.value); v != nil {
				out = append(out, neutralLine{fmt.Sprintf("the %s of figure %d", c.key, i+1), "figures", i, c.key, fmt.Sprint(v)})
			}
		}
	}
	return out
}

// derefAny is what the pointer v points at, or nil for a nil pointer.
func derefAny(v any) any {
	switch p := v.(type) {
	case *float64:
		if p != nil {
			return *p
		}
	case *int:
		if p != nil {
			return *p
		}
	case *string:
		if p != nil {
			return *p
		}
	}
	return nil
}

// valueLines is how many lines the key = value at file line n of f's front matter takes:
// more than one for an array that goes on over the next lines (themes = [ …, … ]).
func valueLines(f *content.File, n int) int {
	lines := strings.Split(f.FrontSource, "\n")
	depth, inString := 0, false
	for k := n - f.FrontLine; k >= 0 && k < len(lines); k++ {
	runes:
		for _, r := range lines[k] {
			switch {
			case r == '"':
				inString = !inString
			case inString:
			case r == '[':
				depth++
			case r == ']':
				depth--
			case r == '#':
				break runes // a comment ends the line
			}
		}
		if depth <= 0 {
			return k - (n - f.FrontLine) + 1
		}
	}
	return 1
}
