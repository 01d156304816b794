package incremental

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"peacebuilding/internal/pipeline"
)

// Measurement is the cost of rebuilding after one-file edits, next to a full build.
type Measurement struct {
	Full time.Duration // Full: load, convert, render and minify everything
	// Rebuilds are the times of Rebuild after each edit: one content file's body changed.
	Rebuilds []time.Duration
	// Outputs is the median number of output files each edit changed or left out of date.
	Outputs int
	// Aggregates is the median time to make, after an edit, every page it left out of
	// date (what a preview does when each of them is asked for).
	Aggregates time.Duration
}

// Rebuild is the median rebuild time.
func (m Measurement) Rebuild() time.Duration { return median(m.Rebuilds) }

// String is the report line of the benchmark.
func (m Measurement) String() string {
	r := m.Rebuild()
	return fmt.Sprintf("full %.2f s; rebuild after a one-file edit %.0f ms median of %d (%.1f%% of full), %d outputs; pages made from the whole site, when asked for: %.0f ms",
		m.Full.Seconds(), float64(r)/float64(time.Millisecond), len(m.Rebuilds), 100*float64(r)/float64(m.Full), m.Outputs, float64(m.Aggregates)/float64(time.Millisecond))
}

// Measure builds the project in dir in full, then edits the body of n country briefs of
// the default language one at a time (a sentence added), timing Rebuild after each, and
// puts each file back as it was. It is for the benchmark, on a synthetic site.
func Measure(dir string, n int) (Measurement, error) {
	var m Measurement
	b := New(os.DirFS(dir), pipeline.Options{})
	start := time.Now()
	if err := b.Full(); err != nil {
		return m, err
	}
	m.Full = time.Since(start)
	s := b.Site()
	lang := s.Config.DefaultLanguage
	var briefs []string
	for _, p := range s.Pages {
		if p.Lang == lang && p.File.Lang == lang && p.File.Section == "countries" && !p.File.IsIndex() {
			briefs = append(briefs, p.File.Name)
		}
	}
	if len(briefs) == 0 {
		return m, fmt.Errorf("%s: no country briefs to edit", dir)
	}
	var outputs []int
	var aggregates []time.Duration
	for i := range n {
		name := briefs[i*len(briefs)/n] // spread over the site
		file := filepath.Join(dir, filepath.FromSlash(name))
		orig, err := os.ReadFile(file)
		if err != nil {
			return m, err
		}
		edited := strings.TrimRight(string(orig), "\n") + fmt.Sprintf("\n\nEdited for the benchmark (%d).\n", i)
		if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
			return m, err
		}
		start := time.Now()
		changed, err := b.Rebuild([]string{name})
		m.Rebuilds = append(m.Rebuilds, time.Since(start))
		outputs = append(outputs, len(changed))
		if err == nil {
			start = time.Now()
			_, err = b.Files()
			aggregates = append(aggregates, time.Since(start))
		}
		if werr := os.WriteFile(file, orig, 0o644); werr != nil {
			return m, werr
		}
		if err != nil {
			return m, err
		}
		if _, err := b.Rebuild([]string{name}); err != nil {
			return m, err
		}
		if _, err := b.Files(); err != nil {
			return m, err
		}
	}
	m.Outputs = median(outputs)
	m.Aggregates = median(aggregates)
	return m, nil
}

func median[T int | time.Duration](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
