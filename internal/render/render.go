// Package render executes the layouts over the site model and returns every output file in
// memory: HTML pages, the sitemap, robots.txt. Layouts are parsed once, escaped by
// html/template and compiled by internal/tmplexec, which executes them (html/template
// does if TemplatesEnv says so); pages are rendered in parallel. UI strings come from
// i18n/<lang>.toml, one file per language, and every language must define every key.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"

	"regexp"
	"slices"
	"strconv"
	"strings"

	"peacebuilding/internal/config"
	"peacebuilding/internal/numbers"
	"peacebuilding/internal/parallel"
	"peacebuilding/internal/projectfs"
	"peacebuilding/internal/site"
	"peacebuilding/internal/tmplexec"
	"peacebuilding/internal/tomlx"

	"github.com/BurntSushi/toml"
)

// Renderer holds the parsed layouts and UI strings.
type Renderer struct {
	// templates are the page layouts of each language with its UI strings folded in (lang
	// -> layout), kept when html/template executes them (TemplatesEnv); compiled are the
	// same compiled by internal/tmplexec, which executes them otherwise. One of the two is
	// nil.
	templates map[string]map[string]*template.Template
	compiled  map[string]map[string]*tmplexec.Template
	strings   map[string]map[string]string // lang -> key -> text
	sources   map[string]string            // lang -> its i18n file's text, for lines
	// Assets maps an asset's source name ("style.css") to its fingerprinted output path
	// ("assets/style.1a2b3c4d.css").
	Assets map[string]string
	// PDFs are the printed PDFs the site publishes, by the URL of the page each prints
	// ("en/countries/cambodia/"): build pdf prints the site, then builds it again with
	// them, so that a page links to its PDF, with its size, only when the PDF exists.
	PDFs map[string]PDF
	// Slower says, one line per set of layouts, which sets html/template executes
	// because internal/tmplexec cannot (stdlibFor): the build warns of them.
	Slower []string
	sharedState
}

// baseLayouts are parsed with every page layout, base.html first: the page, the header
// and footer, the partials and the pictures; and after them any other file of layouts/
// (sharedLayouts).
var baseLayouts = []string{"base.html", "partials.html", "pictures.html"}

// sharedLayouts are the files of layouts parsed with every page layout: baseLayouts, then
// every other .html file that is not a page layout, by name, so that a designer can keep
// new partials in a file of their own (a designer's trial found one ignored, with "no
// such template" as the only word).
func sharedLayouts(layouts fs.FS) []string {
	names := slices.Clone(baseLayouts)
	all, _ := fs.Glob(layouts, "*.html") // a folder that cannot be listed: New says why
	for _, name := range all {
		if !slices.Contains(names, name) && !slices.Contains(pageTemplates, strings.TrimSuffix(name, ".html")) {
			names = append(names, name)
		}
	}
	return names
}

// pageTemplates are the layouts that render a whole page; each is parsed together with
// baseLayouts.
var pageTemplates = []string{"home", "countries", "themes", "country", "theme", "page", "timeline", "figures", "glossary", "print", "search", "chooser", "404", "status"}

// TemplatesEnv names the environment variable that says what executes the layouts:
// "stdlib" for html/template itself, to compare; unset (or "tmplexec") for
// internal/tmplexec, which executes the same escaped templates with the same output in
// a third of the time. The build command's -templates flag sets it.
const TemplatesEnv = "PEACEBUILDING_TEMPLATES"

// Executors are the values of TemplatesEnv.
var Executors = []string{"tmplexec", "stdlib"}

// New parses the layouts in fsys (the layouts/ folder) and reads the UI strings of langs
// from i18nFS (the i18n/ folder). Layouts and strings that New has parsed lately, byte for
// byte the same, are not parsed again (see parsedLayouts).
func New(layouts, i18nFS fs.FS, langs []string, assets map[string]string) (*Renderer, error) {
	env := os.Getenv(TemplatesEnv)
	in, ok := readLayoutInputs(layouts, i18nFS, langs, env)
	if ok {
		if r := parsedLayouts.get(in.key); r != nil {
			return r.fresh(assets, nil), nil
		}
		// Parse the bytes that make the key, even if a file changes meanwhile.
		layouts, i18nFS = in.layouts, in.i18n
	}
	r, err := parseRenderer(layouts, i18nFS, langs, env)
	if err != nil {
		return nil, err
	}
	if ok {
		parsedLayouts.put(in.key, r)
	}
	return r.fresh(assets, nil), nil
}

// parseRenderer parses the layouts and reads the UI strings for New, for the executor env
// names (TemplatesEnv).
func parseRenderer(layouts, i18nFS fs.FS, langs []string, env string) (*Renderer, error) {
	r := &Renderer{strings: map[string]map[string]string{}}
	switch env {
	case "", "tmplexec":
		r.compiled = map[string]map[string]*tmplexec.Template{}
		r.compiledPartials = map[string]*tmplexec.Template{}
		// For the sets tmplexec cannot compile (stdlibFor).
		r.templates = map[string]map[string]*template.Template{}
		r.partials = map[string]*template.Template{}
	case "stdlib":
		r.templates = map[string]map[string]*template.Template{}
		r.partials = map[string]*template.Template{}
	default:
		return nil, fmt.Errorf("%s=%q: want one of %s", TemplatesEnv, env, strings.Join(Executors, ", "))
	}
	if err := r.loadStrings(i18nFS, langs); err != nil {
		return nil, err
	}
	if err := r.parse(layouts, langs); err != nil {
		return nil, err
	}
	return r, nil
}

// fresh returns a renderer with r's parsed layouts and UI strings, the given assets and
// PDFs, and nothing that rendering with r left behind. It names what it takes from r, so
// that a cache added to Renderer starts empty in the copy.
func (r *Renderer) fresh(assets map[string]string, pdfs map[string]PDF) *Renderer {
	return &Renderer{
		templates: r.templates, compiled: r.compiled, strings: r.strings, sources: r.sources,
		Assets: assets, PDFs: pdfs, Slower: r.Slower,
		sharedState: sharedState{partials: r.partials, compiledPartials: r.compiledPartials},
	}
}

// parseLayouts parses the files names of layouts into t, as template.ParseFS does, but
// reads each by its name: ParseFS globs, and a layout it cannot read (a symbolic link)
// would be "no match" instead of the reason.
func parseLayouts(t *template.Template, layouts fs.FS, names ...string) error {
	for _, name := range names {
		text, err := fs.ReadFile(layouts, name)
		if err != nil {
			return fmt.Errorf("layouts/%s: %v", name, projectfs.Reason(err))
		}
		tt := t
		if name != t.Name() {
			tt = t.New(name)
		}
		if _, err := tt.Parse(string(text)); err != nil {
			msg := strings.TrimPrefix(err.Error(), "template: ")
			hint := ""
			switch {
			case strings.HasSuffix(msg, "unexpected EOF"):
				hint = unclosedHint(string(text))
			case strings.Contains(msg, "unexpected <define>"), strings.Contains(msg, "expected end; found {{else}}"):
				// A block left open before another {{define}} of the file, or one that
				// took the {{end}} of the block of an {{else}}.
				if m := templatePos.FindStringSubmatch(err.Error()); m != nil {
					line, _ := strconv.Atoi(strings.SplitN(m[2], ":", 2)[0])
					if strings.Contains(msg, "<define>") {
						hint = unclosedHint(before(string(text), line))
					} else {
						hint = strayElseHint(before(string(text), line))
					}
				}
			}
			if hint != "" {
				msg += ": " + hint
			}
			return fmt.Errorf("layouts/%s", msg)
		}
	}
	return nil
}

// definitionRe finds the templates a layout file defines, {{define "name"}} and {{block
// "name" …}}, with or without trimming.
var definitionRe = regexp.MustCompile(`\{\{-?\s*(?:define|block)\s+"([^"]*)"`)

// definedOnce reports a template that two of the shared files define, or that a shared
// file other than base.html defines although the page layouts do ("main", "head-extra"):
// html/template keeps the last definition without a word, and a designer's backup copy
// of partials.html (partials-old.html, read after it) replaced every partial edited since.
func definedOnce(layouts fs.FS, shared []string) error {
	first := map[string]string{} // name -> "layouts/file:line"
	for _, name := range shared {
		text, err := fs.ReadFile(layouts, name)
		if err != nil {
			continue // parseLayouts says why
		}
		for _, m := range definitionRe.FindAllSubmatchIndex(text, -1) {
			def := string(text[m[2]:m[3]])
			at := fmt.Sprintf("layouts/%s:%d", name, 1+bytes.Count(text[:m[0]], []byte("\n")))
			if prev, ok := first[def]; ok {
				return fmt.Errorf("%s: template %q is also defined at %s, and the later file's would replace it: define each name once (a copy of a layout kept in layouts/ is read too)", at, def, prev)
			}
			if def == "main" && name != "base.html" {
				return fmt.Errorf("%s: template \"main\" is each page layout's own: a file of partials must not define it (a copy of a page layout kept in layouts/ is read as partials)", at)
			}
			first[def] = at
		}
	}
	return nil
}

// layoutSet is one page layout of one language, parsed with base.html and the partials,
// and compiled.
type layoutSet struct {
	t      *template.Template // when html/template executes the layouts
	x      *tmplexec.Template // otherwise
	shared []string           // the partials the page layout includes with {{.Shared "name"}}
	err    error
	// slower says why html/template executes a set that internal/tmplexec could not
	// compile (see stdlibFor); "" when it need not.
	slower string
}

// placeHTMLError is err, an error of compiling the layouts of what ("layouts/country.html"),
// at the file and line of the layouts it is about when html/template names none: a stray
// quotation mark made `html/template:base.html: "\"" in attribute name: "related\" aria-…"`,
// which names the set, not the file, and no line (a designer's trial). html/template quotes
// the text where its reading of the HTML failed; the one layout file that has it is the place.
func placeHTMLError(layouts fs.FS, what string, err error) error {
	var te *template.Error
	if !errors.As(err, &te) || te.Line != 0 || te.Node != nil {
		return fmt.Errorf("%s: %v", what, err)
	}
	i := strings.LastIndex(te.Description, `: "`)
	if i < 0 {
		return fmt.Errorf("%s: %v", what, err)
	}
	quoted, uerr := strconv.Unquote(te.Description[i+2:])
	if uerr != nil || quoted == "" {
		return fmt.Errorf("%s: %v", what, err)
	}
	// The files of the set: the page layout's own and those parsed with every one.
	names := sharedLayouts(layouts)
	if own := strings.TrimPrefix(what, "layouts/"); !slices.Contains(names, own) {
		names = append([]string{own}, names...)
	}
	var places []string
	for _, name := range names {
		data, rerr := fs.ReadFile(layouts, name)
		if rerr != nil {
			continue
		}
		text := string(data)
		for at, from := 0, 0; ; from = at + 1 {
			k := strings.Index(text[from:], quoted)
			if k < 0 {
				break
			}
			at = from + k
			places = append(places, fmt.Sprintf("layouts/%s:%d", name, 1+strings.Count(text[:at], "\n")))
		}
	}
	if len(places) != 1 {
		return fmt.Errorf("%s: %v", what, err)
	}
	return fmt.Errorf("%s: %s (html/template reads the HTML there so: a quotation mark or a tag before it may be left open)", places[0], te.Description)
}

// appendNew appends s to list unless list has it: the sets of every language say the same.
func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// stdlibFor is a set for html/template to execute when tmplexec cannot compile it (err,
// an error of Compile): a layout editor's srcset attribute or {{slice}} then builds, with
// the same output, instead of failing (a designer's trial). Any other error is the
// layouts'.
func stdlibFor(layouts fs.FS, what string, parse func() (*template.Template, error), err error) layoutSet {
	if !errors.Is(err, tmplexec.ErrUnsupported) {
		return layoutSet{err: placeHTMLError(layouts, what, err)}
	}
	t, perr := parse()
	if perr != nil {
		return layoutSet{err: perr}
	}
	slower := fmt.Sprintf("%s: %v: html/template executes it instead, with the same output, more slowly", what, err)
	var ue *tmplexec.UnsupportedError
	if errors.As(err, &ue) {
		// At the construct's place first, as an editor jumps to it, and the action as
		// written, without the escapers html/template added to it.
		action := addedEscapers.ReplaceAllString(ue.Context, "")
		construct := ue.What + " in " + action
		if name, ok := strings.CutPrefix(ue.What, "escaper "); ok && escaperPlaces[name] != "" {
			construct = action + " in " + escaperPlaces[name]
		} else if strings.HasPrefix(ue.What, "function ") {
			construct = ue.What
		}
		slower = fmt.Sprintf("layouts/%s: %s is not supported by the layouts' executor: html/template executes %s instead, with the same output, more slowly",
			ue.Location, construct, what)
	}
	return layoutSet{t: t, slower: slower}
}

// addedEscapers are the escapers html/template adds to an action: " | _html_template_attrescaper".
var addedEscapers = regexp.MustCompile(` \| _html_template_[a-z]+`)

// escaperPlaces names where a value stands, by the html/template escaper that escapes it
// there, for the escapers internal/tmplexec does not run.
var escaperPlaces = map[string]string{
	"srcsetescaper":    "a srcset attribute",
	"cssvaluefilter":   "a style attribute or element",
	"cssescaper":       "a CSS string",
	"jsvalescaper":     "a script",
	"jsstrescaper":     "a JavaScript string",
	"jsregexpescaper":  "a JavaScript regular expression",
	"jstmpllitescaper": "a JavaScript template literal",
}

// parse parses and compiles the layouts of every language, with its UI strings folded in
// (see foldStrings): per language, base.html with the partials, then each page layout with
// a copy of them. The sets are independent of one another, so they are made on every core
// at once: on one core, they took a quarter of the real site's build. The error is the one
// a loop over the languages and then their page layouts would meet first.
func (r *Renderer) parse(layouts fs.FS, langs []string) error {
	// The files every set parses, listed and checked once for all languages and sets.
	sharedFiles := sharedLayouts(layouts)
	if err := definedOnce(layouts, sharedFiles); err != nil {
		return err
	}
	bases := make([]layoutSet, len(langs))
	parseBase := func(lang string) (*template.Template, error) {
		base := template.New("base.html").Funcs(funcs)
		if err := parseLayouts(base, layouts, sharedFiles...); err != nil {
			return nil, err
		}
		if err := missingStrings(foldStrings(base, r.strings[lang]), "", lang); err != nil {
			return nil, err
		}
		return base, nil
	}
	parallel.For(len(langs), func() func(int) {
		return func(i int) { bases[i].t, bases[i].err = parseBase(langs[i]) }
	})
	// Every set has its own copy of base.html and the partials, escaped alike: each of
	// those is compiled once per language, for all the sets.
	shared := tmplexec.NewShared()
	pages := make([]layoutSet, len(langs)*len(pageTemplates))
	parallel.For(len(pages), func() func(int) {
		return func(k int) {
			i, name := k/len(pageTemplates), pageTemplates[k%len(pageTemplates)]
			if bases[i].err != nil {
				return
			}
			pages[k] = r.parsePage(layouts, bases[i].t, langs[i], name, shared)
		}
	})
	for i := range langs {
		if bases[i].err != nil {
			return bases[i].err
		}
		for j := range pageTemplates {
			if err := pages[i*len(pageTemplates)+j].err; err != nil {
				return err
			}
		}
	}
	if r.compiled == nil {
		// html/template executes the sets it parsed.
		for i, lang := range langs {
			r.partials[lang] = bases[i].t
			r.templates[lang] = map[string]*template.Template{}
			for j, name := range pageTemplates {
				r.templates[lang][name] = pages[i*len(pageTemplates)+j].t
			}
		}
		return nil
	}
	// The partials are compiled on their own for {{.Shared "name"}}, once every page layout
	// has its copy of them (tmplexec escapes the set it is given, and an escaped set
	// cannot be copied).
	partials := make([]layoutSet, len(langs))
	parallel.For(len(langs), func() func(int) {
		return func(i int) {
			var names []string
			for j := range pageTemplates {
				names = append(names, pages[i*len(pageTemplates)+j].shared...)
			}
			slices.Sort(names)
			again := func() (*template.Template, error) { return parseBase(langs[i]) }
			var err error
			if partials[i].x, err = compileLayouts(bases[i].t, again, shared, slices.Compact(names)...); err != nil {
				partials[i] = stdlibFor(layouts, "layouts/partials.html", again, err)
			}
		}
	})
	for i, lang := range langs {
		if partials[i].err != nil {
			return partials[i].err
		}
		if partials[i].x != nil {
			r.compiledPartials[lang] = partials[i].x
		} else {
			r.partials[lang] = partials[i].t
			r.Slower = appendNew(r.Slower, partials[i].slower)
		}
		r.compiled[lang] = map[string]*tmplexec.Template{}
		r.templates[lang] = map[string]*template.Template{}
		for j, name := range pageTemplates {
			set := pages[i*len(pageTemplates)+j]
			if set.x != nil {
				r.compiled[lang][name] = set.x
			} else {
				r.templates[lang][name] = set.t
				r.Slower = appendNew(r.Slower, set.slower)
			}
		}
	}
	return nil
}

// parsePage parses the page layout name over a copy of base, lang's base.html and
// partials, and compiles it unless html/template executes the layouts.
func (r *Renderer) parsePage(layouts fs.FS, base *template.Template, lang, name string, shared *tmplexec.Shared) layoutSet {
	parse := func() (*template.Template, error) {
		t := template.Must(base.Clone())
		if err := parseLayouts(t, layouts, name+".html"); err != nil {
			return nil, err
		}
		// The shared files' keys were reported with base.
		if err := missingStrings(foldStrings(t, r.strings[lang]), name+".html", lang); err != nil {
			return nil, err
		}
		return t, nil
	}
	t, err := parse()
	if err != nil {
		return layoutSet{err: err}
	}
	if r.compiled == nil {
		return layoutSet{t: t}
	}
	set := layoutSet{shared: sharedNames(t)}
	if set.x, err = compileLayouts(t, parse, shared, "base.html"); err != nil {
		return stdlibFor(layouts, "layouts/"+name+".html", parse, err)
	}
	return set
}

// compileLayouts compiles a set of layouts for internal/tmplexec, with direct calls of the
// methods the layouts call most: any other is called through reflection.
func compileLayouts(t *template.Template, again func() (*template.Template, error), shared *tmplexec.Shared, entries ...string) (*tmplexec.Template, error) {
	return tmplexec.Compile(t, again, funcs, entries, tmplexec.Share(shared),
		tmplexec.Methods[*View](), tmplexec.Methods[*Chrome](), tmplexec.Methods[*site.Page](),
		tmplexec.Methods[*Booklet](), tmplexec.Methods[*PDF](), tmplexec.Methods[*ChartBar](),
		tmplexec.Methods[*config.Region](), tmplexec.Methods[*numbers.Date](), tmplexec.Methods[*TimelineEntry](),
		tmplexec.Func1[*site.Page, string](),           // filterID
		tmplexec.Method1[*View, *site.Page, *View](),   // For
		tmplexec.Method1[*View, string, []Run](),       // Keep
		tmplexec.Method1[*View, site.Event, string](),  // Date
		tmplexec.Method1[*View, site.Figure, string](), // Figure
		tmplexec.Method1[*View, float64, string](),     // Area, USD, Population
		tmplexec.Method1[*View, string, *site.Page](),  // Link
		tmplexec.Method1[*Chrome, string, *site.Page](),
		tmplexec.Method0[*View, config.Language](),
		tmplexec.Method0[*Chrome, config.Language](),
		tmplexec.Method0[*View, *site.Page](), // Prev, Next
		tmplexec.Method0[*View, [2]int](),     // ShareImageSize
		tmplexec.Method0[*View, []string](),
		tmplexec.Method0[*View, *PDF](),
		tmplexec.Method0[*View, *Locator](),
		tmplexec.Method0[*View, []Chart](),
	)
}

// CheckStrings reports what New would of the UI strings in fsys (the i18n folder) of
// langs, for the translation check to list with the build's other errors.
func CheckStrings(fsys fs.FS, langs []string) error {
	r := &Renderer{strings: map[string]map[string]string{}}
	return r.loadStrings(fsys, langs)
}

func (r *Renderer) loadStrings(fsys fs.FS, langs []string) error {
	var errs []error
	sources := map[string]string{}
	r.sources = sources
	for _, lang := range langs {
		name := lang + ".toml"
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, fmt.Errorf("i18n/%s: %v", name, projectfs.Reason(err)))
			continue
		}
		m := map[string]string{}
		if _, terrs := tomlx.Decode(string(data), 1, &m, nil); len(terrs) > 0 {
			for _, e := range terrs {
				errs = append(errs, fmt.Errorf("i18n/%s:%s", name, e))
			}
			continue
		}
		r.strings[lang] = m
		sources[lang] = string(data)
	}
	// A layout gives a string's values for every language alike: each language's string
	// must take the same verbs as the first language's, or a page would read %!s(MISSING).
	if len(errs) == 0 && len(langs) > 1 {
		first := langs[0]
		for _, lang := range langs[1:] {
			for _, key := range slices.Sorted(maps.Keys(r.strings[lang])) {
				want, ok := r.strings[first][key]
				if got := verbs(r.strings[lang][key]); ok && !slices.Equal(got, verbs(want)) {
					errs = append(errs, fmt.Errorf("i18n/%s.toml:%d: %s takes the values %s, but i18n/%s.toml's takes %s: the layouts give every language the same values",
						lang, tomlx.KeyLine(sources[lang], toml.Key{key}), key, describeVerbs(got), first, describeVerbs(verbs(want))))
				}
			}
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	// Every key of every language must exist in all the others.
	for _, lang := range langs {
		for _, other := range langs {
			for _, key := range sortedKeys(r.strings[other]) {
				if _, ok := r.strings[lang][key]; !ok {
					errs = append(errs, fmt.Errorf("i18n/%s.toml: missing key %q (defined in i18n/%s.toml)", lang, key, other))
				}
			}
		}
	}
	return errors.Join(errs...)
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// line returns the line of key in lang's i18n file.
func (r *Renderer) line(lang, key string) int { return tomlx.KeyLine(r.sources[lang], toml.Key{key}) }

// T returns the UI string key in lang.
func (r *Renderer) T(lang, key string) (string, error) {
	s, ok := r.strings[lang][key]
	if !ok {
		return "", fmt.Errorf("i18n/%s.toml: no key %q (used by a layout)", lang, key)
	}
	return s, nil
}

// Job is one page to render: a layout and its data.
type Job struct {
	Layout string
	View   *View
}

// Path is the output file of the job: "en/countries/cambodia/index.html".
func (j Job) Path() string { return OutputPath(j.View.Path) }

// Execute renders one job into w; the pipeline minifies and hands over each page as soon
// as it is rendered.
func (r *Renderer) Execute(w io.Writer, j Job) error {
	var err error
	if x := r.compiled[j.View.Lang][j.Layout]; x != nil {
		err = x.Execute(w, "base.html", j.View)
	} else if t := r.templates[j.View.Lang][j.Layout]; t != nil {
		err = t.ExecuteTemplate(w, "base.html", j.View)
	} else {
		return noLayout(j)
	}
	if err != nil {
		return &ExecError{Page: j.View.Path, Layout: j.Layout, Err: err}
	}
	return nil
}

// ExecError is a layout that failed on a page.
type ExecError struct {
	Page, Layout string
	Err          error
	others       int // the other pages it failed on alike (JoinExecErrors)
}

// templatePos is where the template package's errors say they happened: "template:
// country.html:12:20: rest".
var templatePos = regexp.MustCompile(`^template: ([^:\s]+\.html):(\d+(?::\d+)?): `)

// Error reads as a compiler's, at the layout's file and line when the error names them:
// "layouts/country.html:12:20: executing "main" at <.X>: … (rendering en/countries/sudan/)".
func (e *ExecError) Error() string {
	where := fmt.Sprintf("rendering %s", e.Page)
	if e.others > 0 {
		where += fmt.Sprintf(" and %d other page(s)", e.others)
	}
	msg := e.Err.Error()
	if m := templatePos.FindStringSubmatchIndex(msg); m != nil {
		return fmt.Sprintf("layouts/%s:%s: %s (%s)", msg[m[2]:m[3]], msg[m[4]:m[5]], msg[m[1]:], where)
	}
	return fmt.Sprintf("%s with layouts/%s.html: %s", where, e.Layout, msg)
}

func (e *ExecError) Unwrap() error { return e.Err }

// JoinExecErrors joins the errors of rendering pages (errors.Join), each message once: a
// slip in a layout or a partial fails every page that uses it alike, and is reported
// once, naming the first page (by path) and how many others.
func JoinExecErrors(errs []error) error {
	var out []error
	first := map[string]*ExecError{} // message -> its report
	for _, err := range errs {
		var e *ExecError
		if !errors.As(err, &e) {
			if err != nil {
				out = append(out, err)
			}
			continue
		}
		key := e.Err.Error()
		if f, ok := first[key]; ok {
			f.others++
			if e.Page < f.Page {
				f.Page, f.Layout = e.Page, e.Layout
			}
			continue
		}
		c := *e
		first[key] = &c
		out = append(out, &c)
	}
	return errors.Join(out...)
}

func noLayout(j Job) error {
	return fmt.Errorf("rendering %s: no layout %q in language %q", j.View.Path, j.Layout, j.View.Lang)
}

// OutputPath turns a page URL into the file that serves it: directories get index.html.
func OutputPath(url string) string {
	if url == "" || strings.HasSuffix(url, "/") {
		return path.Join(url, "index.html")
	}
	return url
}

// PageJob is the job of one content page of s.
func (r *Renderer) PageJob(s *site.Site, p *site.Page) Job {
	layout := "page"
	switch p.Kind {
	case site.KindHome:
		layout = "home"
	case site.KindSection:
		layout = p.Section
	case site.KindCountry:
		layout = "country"
	case site.KindTheme:
		layout = "theme"
	}
	v := r.pageView(s, p)
	v.Layout = layout // content pages get theirs here; <body class="layout-..."> names it
	return Job{layout, v}
}

// SiteJobs are the jobs of the pages made from the whole site: the generated pages of
// each language (with the parts of a booklet in parts), the language chooser and the 404
// page.
func (r *Renderer) SiteJobs(s *site.Site) []Job {
	var jobs []Job
	add := func(layout string, v *View) {
		v.Layout = layout
		jobs = append(jobs, Job{layout, v})
	}
	booklets := map[string][]site.BookletPart{}
	for _, l := range s.Config.Languages {
		booklets[l.Code] = s.Booklet(l.Code)
	}
	for _, l := range s.Config.Languages {
		for _, g := range generated {
			v := r.generatedView(s, l.Code, g.layout, g.titleKey, g.summaryKey)
			if g.layout != "print" {
				add(g.layout, v)
				continue
			}
			parts := booklets[l.Code]
			v.Booklet = &Booklet{Parts: parts}
			if len(parts) == 1 {
				v.Booklet.Part = parts[0]
				add("print", v)
				continue
			}
			// A booklet in parts: lang/print/ is the contents of the parts, which follow.
			v.Description, _ = v.Tf("print_summary_parts", len(parts))
			add("print", v)
			for _, part := range parts {
				add("print", r.bookletPartView(s, l.Code, part, booklets))
			}
		}
	}
	add("chooser", r.rootView(s, "", "chooser"))
	add("404", r.rootView(s, "404.html", "404"))
	return jobs
}

// generated are the pages made from the whole site rather than one content file.
var generated = []struct{ layout, titleKey, summaryKey string }{
	{"timeline", "timeline_title", "timeline_summary"},
	{"figures", "figures_title", "figures_summary"},
	{"glossary", "glossary_title", "glossary_summary"},
	{"print", "print_title", "print_summary"},
	{"search", "search_title", "search_summary"},
}

// verbRe matches a fmt verb, flags and width included; %% is a literal percent sign.
var verbRe = regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z%]`)

// verbs returns the fmt verbs of a UI string in order, without %%.
func verbs(s string) []string {
	var out []string
	for _, v := range verbRe.FindAllString(s, -1) {
		if v != "%%" {
			out = append(out, v)
		}
	}
	return out
}

func describeVerbs(vs []string) string {
	if len(vs) == 0 {
		return "none"
	}
	return strings.Join(vs, " ")
}
