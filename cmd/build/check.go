package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"peacebuilding/internal/check"
	"peacebuilding/internal/config"
	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/projectfs"
)

func init() { subcommands["check"] = runCheck }

const checkUsage = `usage: make check ARGS="[-json] [-q] [-strict] [PATH...]"
       make check ARGS="-new FILE..."
       make check ARGS="-mark FILE..."
   or: build check [-root DIR] ..., the same with the program make leaves in .cache/bin/

Reports, per page, whether its translation is ok, missing, orphan (its source is gone)
or stale (the source changed since it was translated), and every number, glossary term,
heading, section, link and untranslated text that differs between a page and its
translation, with file:line in both, and the findings of the house style sheet
(data/style.toml). PATHs (content files of either language, absolute paths too, folders,
page keys such as countries/cambodia, or page titles in either language) check only
those pages; -q prints only what needs work. A finding a translator accepted ([[accept]]
in the translation, with a reason) is shown as accepted and does not fail the check.

It also builds the site model and lists what make build would reject in the content
(broken links, a translation that changes a language-neutral value, an unknown region
or theme...): a good translation can still fail the build.

The exit status is 1 on orphans, mismatches, style findings and build errors, and 0 when only missing
or stale pages remain (with -strict, those fail too). -new writes each translation FILE
(or page key, such as countries/chad) that does not exist yet as a copy of its source
without the language-neutral values, which the page takes from the source: the text to
translate in place. -mark records in each translation FILE (or page key) that it was
translated from the current version of its source (source_hash in its front matter).

`

func runCheck(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprint(stderr, checkUsage)
		fl.PrintDefaults()
	}
	root := fl.String("root", ".", "project folder (with config.toml and content/)")
	asJSON := fl.Bool("json", false, "print the report as JSON")
	strict := fl.Bool("strict", false, "fail on missing and stale translations too")
	mark := fl.Bool("mark", false, "mark the translation files given as arguments as translated from their current source")
	start := fl.Bool("new", false, "start the translation files given as arguments: a copy of the source without its language-neutral values")
	quiet := fl.Bool("q", false, "print only what needs work (text or JSON): no pages that are ok, no accepted findings")
	pages, err := parseInterleaved(fl, args)
	if err != nil {
		return err
	}
	if *mark && *start {
		return errors.New("check: -mark and -new are two steps: start a translation with -new, translate it, then mark it with -mark")
	}
	if *mark {
		return runMark(*root, pages, stdout, stderr)
	}
	if *start {
		return runStart(*root, pages, stdout, stderr)
	}
	if err := checkProject(*root); err != nil {
		return err
	}
	in, err := check.Load(projectfs.New(*root))
	if err != nil {
		if *asJSON {
			// Tools read the errors as values too: file, line, column, message.
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(struct {
				Errors []check.Diagnostic `json:"errors"`
				Failed bool               `json:"failed"`
			}{check.ParseDiagnostics(strings.Split(err.Error(), "\n")), true}); err != nil {
				return err
			}
		}
		return reportErrors(stderr, "check", err)
	}
	in.History, in.NoHistory = check.NewGit(*root)
	rep := check.Run(in)
	rep.SetBuild(buildErrors(in))
	rep.Figures = check.FiguresNotInText(in)
	rep.NumbersLeft = check.NumbersLeftBehind(rep, in)
	rep.Quiet = *quiet
	if len(pages) > 0 {
		if err := rep.Only(projectPaths(*root, pages)); err != nil {
			return fmt.Errorf("check: %v", err)
		}
	}
	if *asJSON {
		err = rep.WriteJSON(stdout)
	} else {
		err = rep.WriteText(stdout)
	}
	if err != nil {
		return err
	}
	if why := rep.Why(*strict); len(why) > 0 {
		fmt.Fprintf(stderr, "check failed: %s\n", strings.Join(why, ", "))
		return errReported
	}
	return nil
}

// parseInterleaved parses args with fl, flags before, between or after the other
// arguments (check countries/liberia -q), and returns the others in order; after "--",
// every argument is one of the others.
func parseInterleaved(fl *flag.FlagSet, args []string) ([]string, error) {
	var rest, after []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, after = args[:i], args[i+1:]
	}
	for {
		if err := fl.Parse(args); err != nil {
			return nil, err
		}
		if fl.NArg() == 0 {
			return append(rest, after...), nil
		}
		rest = append(rest, fl.Arg(0))
		args = fl.Args()[1:]
	}
}

func runStart(root string, files []string, stdout, stderr io.Writer) error {
	if len(files) == 0 {
		return errors.New("check -new: name the translations to start, e.g. content/ja/countries/chad.md or countries/chad")
	}
	cfg, err := config.Load(projectfs.New(root), "config.toml")
	if err != nil {
		return reportErrors(stderr, "check -new", err)
	}
	var errs []error
	for _, f := range files {
		st, err := check.Start(root, f, cfg)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Fprintf(stdout, "%s: written from %s, to translate in place\n", st.File, st.Source)
		if len(st.Dropped) > 0 {
			fmt.Fprintf(stdout, "    without its language-neutral values, which the page takes from %s: %s\n", st.Source, dropped(st.Dropped))
		}
		fmt.Fprintf(stdout, "    until its text is translated, make check fails on it (\"the page is still English\")\n")
		fmt.Fprintf(stdout, "    once translated: make check ARGS=\"-mark %s\"\n", st.File)
	}
	if len(errs) > 0 {
		return reportErrors(stderr, "check -new", errors.Join(errs...))
	}
	return nil
}

// dropped names the values Start left out in a line: "weight, region, 4 values of
// [facts], the dates of 9 events, 6 values of [[figures]]".
func dropped(values []string) string {
	var out []string
	facts, dates, figures := 0, 0, 0
	for _, v := range values {
		switch {
		case strings.HasPrefix(v, "facts."):
			facts++
		case strings.HasPrefix(v, "the date of event "):
			dates++
		case strings.Contains(v, " of figure "):
			figures++
		default:
			out = append(out, v)
		}
	}
	if facts > 0 {
		out = append(out, fmt.Sprintf("%d %s of [facts]", facts, check.Plural(facts, "value", "values")))
	}
	if dates > 0 {
		out = append(out, fmt.Sprintf("the %s of %d %s", check.Plural(dates, "date", "dates"), dates, check.Plural(dates, "event", "events")))
	}
	if figures > 0 {
		out = append(out, fmt.Sprintf("%d %s of [[figures]]", figures, check.Plural(figures, "value", "values")))
	}
	return strings.Join(out, ", ")
}

func runMark(root string, files []string, stdout, stderr io.Writer) error {
	if len(files) == 0 {
		return errors.New("check -mark: name the translation files to mark, e.g. content/ja/countries/cambodia.md")
	}
	cfg, err := config.Load(projectfs.New(root), "config.toml")
	if err != nil {
		return reportErrors(stderr, "check -mark", err)
	}
	changes, history := staleChanges(root, files, cfg)
	var errs []error
	var marked []check.Marked
	for _, f := range files {
		m, err := check.Mark(root, f, cfg)
		switch {
		case err != nil:
			errs = append(errs, err)
		case m.Changed:
			fmt.Fprintf(stdout, "%s: marked as translated from the current %s (source_hash %s)\n", m.File, m.Source, m.Hash)
			if c, ok := changes[m.File]; ok {
				// The last look at what the mark confirms: a reworded sentence without
				// numbers or terms is in no later report.
				fmt.Fprintf(stdout, "    this records as translated what changed in %s since %s (%s): %s\n", m.Source, c.Commit, c.Date, strings.Join(c.Changes, ", "))
				if at, ok := untouchedSince(history, c.Commit, root, m.Source, m.File); ok {
					fmt.Fprintf(stderr, "warning: %s is as it was before %s changed (%s): if those changes need none in it, the mark stands; if they do, update it and mark it again\n", m.File, m.Source, at)
				}
			}
		default:
			fmt.Fprintf(stdout, "%s: already marked as translated from the current %s\n", m.File, m.Source)
		}
		if err == nil {
			marked = append(marked, m)
		}
	}
	warnOpenMismatches(root, marked, stderr)
	if len(errs) > 0 {
		return reportErrors(stderr, "check -mark", errors.Join(errs...))
	}
	return nil
}

// untouchedSince reports whether the translation (relative to the project at root) is
// now what it was before the first commit that changed source after marked, the commit
// the translation was marked from, but for its source_hash line, which the mark rewrote,
// and its line ends; and that commit. Marking it then records as translated English
// changes that its text does not show (a translator's trial marked a stale page without
// touching it, and nothing said so). A translation edited since, or with the source in
// one commit, is not. When the source's change is not committed yet, the translation is
// compared with its last commit (HEAD). A translation renamed since is not compared.
func untouchedSince(h check.History, marked, root, source, translation string) (string, bool) {
	if h == nil {
		return "", false
	}
	logs, err := h.Logs([]string{source})
	if err != nil {
		return "", false
	}
	var first check.Commit // the oldest commit of source after marked
	found := false
	for _, c := range logs[source] {
		if strings.HasPrefix(c.Hash, marked) {
			found = true
			break
		}
		first = c
	}
	if !found {
		return "", false
	}
	before, at := first.Hash+"^", ""
	if first.Hash == "" {
		before, at = "HEAD", "not committed yet"
	} else {
		at = first.Hash[:min(10, len(first.Hash))] + ", " + first.Date
	}
	now, err := os.ReadFile(filepath.Join(root, translation))
	if err != nil {
		return "", false
	}
	then, err := h.Show(check.Commit{Hash: before}, translation)
	if err != nil {
		return "", false
	}
	withoutHash := func(b []byte) string {
		var keep []string
		// CRLF on disk where git keeps LF (core.autocrlf on Windows): line ends aside.
		for _, l := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n") {
			if !strings.HasPrefix(strings.TrimSpace(l), "source_hash") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	return at, withoutHash(then) == withoutHash(now)
}

// staleChanges returns, by translation file, the staleness of each of files (as -mark
// names them) that is stale and whose source's history says what changed since it was
// marked, and the project's history; nothing if the check cannot load the project. Only
// those pages are checked (Input.Keys): the rest of a large site would triple the time of
// a mark.
func staleChanges(root string, files []string, cfg *config.Config) (map[string]*check.Staleness, check.History) {
	var keys []string
	for _, f := range files {
		if k := check.MarkedKey(root, f, cfg); k != "" {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil, nil
	}
	in, err := check.Load(projectfs.New(root))
	if err != nil {
		return nil, nil
	}
	in.Keys = keys
	in.History, in.NoHistory = check.NewGit(root)
	out := map[string]*check.Staleness{}
	for _, p := range check.Run(in).Pairs {
		if p.State == check.Stale && p.Translation != nil && p.Stale != nil && p.Stale.Commit != "" && len(p.Stale.Changes) > 0 {
			out[p.Translation.File] = p.Stale
		}
	}
	return out, in.History
}

// warnOpenMismatches warns about each marked page that the check still finds numbers or
// terms to fix in, or that the build rejects: marking records that a translation is
// current, not that it is right, and a page marked with open mismatches is easily
// forgotten. A project the check cannot load gets no warnings; the marks stand either way.
func warnOpenMismatches(root string, marked []check.Marked, stderr io.Writer) {
	if len(marked) == 0 {
		return
	}
	in, err := check.Load(projectfs.New(root))
	if err != nil {
		return
	}
	rep := check.Run(in)
	rep.SetBuild(buildErrors(in))
	for _, m := range marked {
		p := rep.Lookup(m.Key, m.Lang)
		if p == nil {
			continue
		}
		// A finding the translator accepted ([[accept]]) is not one to warn about.
		var what []string
		if n := p.Open(); n > 0 {
			what = append(what, fmt.Sprintf("the check still finds %d %s in it", n, check.Plural(n, "mismatch", "mismatches")))
		}
		// House style too: it fails the check as a mismatch does (a translator's trial
		// marked a page with an open および and was told of its mismatches alone).
		if n := p.StyleOpen(); n > 0 {
			what = append(what, fmt.Sprintf("it has %d house style %s", n, check.Plural(n, "finding", "findings")))
		}
		if n := p.BuildErrors; n > 0 {
			what = append(what, fmt.Sprintf("make build rejects it (%d %s)", n, check.Plural(n, "error", "errors")))
		}
		if len(what) > 0 {
			fmt.Fprintf(stderr, "warning: %s: marked, but %s: make check lists them\n", m.File, strings.Join(what, ", and "))
		}
	}
}

// buildErrors are the errors the build would report on the content of in, in the order
// and form it prints them: by file, line and column.
func buildErrors(in check.Input) []string {
	// The model cannot be made without a file that cannot be read: its errors are the
	// build's first, and the model's would follow from them.
	lines := in.Unreadable
	if len(lines) == 0 {
		lines = check.SiteErrors(in)
	}
	lines = append(slices.Clip(lines), in.UIErrors...)
	errs := make([]error, len(lines))
	for i, line := range lines {
		errs[i] = errors.New(line)
	}
	return diagnostics(errors.Join(errs...))
}

// reportErrors prints every error, one per line, and a count.
func reportErrors(w io.Writer, what string, err error) error {
	lines := strings.Split(err.Error(), "\n")
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintf(w, "%s failed: %d error(s)\n", what, len(lines))
	return errReported
}

// statusPage is the build's hook for the translation status page (/status/), dated from
// git when the project is a git repository.
func statusPage(root string) pipeline.Extra {
	h, noHistory := projectHistory(root)
	return check.StatusPage(projectfs.New(root), h, noHistory)
}

// projectHistory is the git history of the project at root (check.NewGit), or nil and
// why there is none.
func projectHistory(root string) (check.History, string) {
	abs, err := filepath.Abs(root)
	if err != nil {
		abs = root
	}
	return check.NewGit(abs)
}

// gitDates returns pipeline.Options.Dates for the project at root: the date of each
// file's last commit, from git; nil outside a git repository (files are then dated by
// their modification time).
func gitDates(root string) func(names []string) map[string]string {
	abs, err := filepath.Abs(root)
	if err != nil {
		abs = root
	}
	h, _ := check.NewGit(abs)
	if h == nil {
		return nil
	}
	return func(names []string) map[string]string {
		logs, err := h.Logs(names)
		if err != nil {
			return nil // dated by modification time instead
		}
		dates := map[string]string{}
		for name, commits := range logs {
			if len(commits) > 0 {
				dates[name] = commits[0].Date
			}
		}
		return dates
	}
}

// projectPaths returns paths with each absolute path inside the project folder root made
// relative to it (an editor runs the check on the absolute path of the file it shows).
func projectPaths(root string, paths []string) []string {
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return paths
	}
	out := slices.Clone(paths)
	for i, p := range out {
		if !filepath.IsAbs(p) {
			continue
		}
		if rel, err := filepath.Rel(absRoot, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			out[i] = rel
		}
	}
	return out
}
