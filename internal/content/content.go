// Package content reads the content files of every language: content/<lang>/**/*.md, each
// a TOML front matter block between "+++" lines and a Markdown body.
//
// It checks what one file can show on its own: encoding, size, place in the tree, front
// matter syntax, unknown keys and required fields. Rules that involve several files
// (translations, cross-links, themes that must exist) belong to package site.
package content

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"peacebuilding/internal/parallel"
	"peacebuilding/internal/projectfs"
	"peacebuilding/internal/tomlx"
)

// MaxFileSize bounds a content file. A brief is a few kilobytes; a file of megabytes is
// almost certainly a mistake (a pasted PDF, a binary) and would slow every build.
const MaxFileSize = 1 << 20

// Sections are the folders a language may have, besides its stand-alone pages.
var Sections = []string{"countries", "themes"}

// A File is one content file, read and decoded.
type File struct {
	Lang    string // "en"
	Path    string // relative to content/<lang>/, slash-separated: "countries/cambodia.md"
	Name    string // as shown in messages: "content/en/countries/cambodia.md"
	Section string // "countries", "themes", or "" for the home and stand-alone pages
	Slug    string // "cambodia"; "" for an _index.md
	Front   FrontMatter
	// FrontSource is the TOML text and FrontLine the file line of its first line, so that
	// errors found later can name the line of a key.
	FrontSource string
	FrontLine   int
	Body        string
	BodyLine    int // the file line of the body's first line
	// defined lists the keys the front matter writes (toml.Key.String, sorted) that
	// toml.MetaData.IsDefined would find. The MetaData itself is not kept: it holds the
	// whole decoded document, several times the size of the file, for every file of a
	// site that may have thousands.
	defined []string
	// FiguresNotInText lists the key figures whose value the file's text does not give,
	// as "file:line: message" (figuresNotInText): the build warns of them, the check
	// fails on them.
	FiguresNotInText []string
	// StraightQuotes lists the front matter's texts that write a straight quotation mark
	// or apostrophe, as "file:line: message" warnings (straightQuotes).
	StraightQuotes []string
	// fsys is the project the file was read from, and aside what SetBodyAside knows of
	// the body it let go, for ReadBody.
	fsys  fs.FS
	aside *asideBody
}

// asideBody is what a File keeps of a body set aside: enough to tell that the file read
// again is the file read first.
type asideBody struct {
	size int
	sum  uint64
}

// bodySeed seeds the sums of bodies set aside: they are compared within one process only.
var bodySeed = maphash.MakeSeed()

// SetBodyAside lets the body's text go until ReadBody reads the file again: a one-off
// build of thousands of files (site.BuildOnce) need not hold the Markdown of every file
// while it makes the model, and reads each body when it converts it. The front matter's
// text stays, for the lines of its keys. Only a file read from a project (Load, LoadFile)
// can set its body aside; SetBodyAside does nothing to another.
func (f *File) SetBodyAside() {
	if f.fsys == nil || f.aside != nil {
		return
	}
	f.aside = &asideBody{size: len(f.Body), sum: maphash.String(bodySeed, f.Body)}
	// The front matter's text is a part of the file's: alone, it would keep the whole.
	f.FrontSource, f.Body = strings.Clone(f.FrontSource), ""
}

// BodySetAside reports whether SetBodyAside let the body go (ReadBody reads it again).
func (f *File) BodySetAside() bool { return f.aside != nil }

// needsBody panics if f's body is set aside: what reads Body (what, "SourceHash") must
// run before SetBodyAside, or read the body with ReadBody.
func (f *File) needsBody(what string) {
	if f.aside != nil {
		panic("content: " + what + " of " + f.Name + ", whose body is set aside")
	}
}

// ReadBody returns the body's text: Body, or the file's body read again once it was set
// aside. It fails if the file cannot be read or is no longer the file read first (an
// editor saved it during the build).
func (f *File) ReadBody() (string, error) {
	if f.aside == nil {
		return f.Body, nil
	}
	file, err := f.fsys.Open(f.Name)
	if err != nil {
		return "", fmt.Errorf("%s: %v", f.Name, projectfs.Reason(err))
	}
	defer file.Close()
	// A file replaced by a large one since is found changed without reading it all.
	data, err := io.ReadAll(io.LimitReader(file, MaxFileSize+1))
	if err != nil {
		return "", fmt.Errorf("%s: %v", f.Name, projectfs.Reason(err))
	}
	text := normalize(data)
	_, _, body, _, err := Split(text)
	if err != nil || len(body) != f.aside.size || maphash.String(bodySeed, body) != f.aside.sum {
		return "", fmt.Errorf("%s: the file changed while the site was being built from it: build again", f.Name)
	}
	return body, nil
}

// Release forgets what only the making of the site model reads, for a build that needs it
// no more (site.BuildOnce, before it converts the bodies, which it reads again with
// ReadBody): a site of thousands of files need not keep it all while it converts and
// renders. It forgets the file's text (FrontSource
// and Body), which keys it defines, and its decoded front matter but for source_hash (the
// pages hold the values they show; the strings they share with it stay). The name, place
// and BodyLine and FrontLine stay; Line and ItemLine, which look keys up in the text, then
// give FrontLine, whatever the key, and Defined reports false.
func (f *File) Release() {
	f.FrontSource, f.Body, f.defined = "", "", nil
	f.Front = FrontMatter{SourceHash: f.Front.SourceHash}
}

// IsIndex reports whether f introduces its section or language (an _index.md).
func (f *File) IsIndex() bool { return f.Slug == "" }

// Key identifies the page across languages: the path without ".md", e.g. "countries/cambodia".
func (f *File) Key() string { return strings.TrimSuffix(f.Path, ".md") }

// Defined reports whether the front matter writes key (e.g. "facts", "area_km2").
func (f *File) Defined(key ...string) bool {
	if len(key) == 0 {
		return false
	}
	_, ok := slices.BinarySearch(f.defined, toml.Key(key).String())
	return ok
}

// internedKeys are the keys of well-formed front matter, top-level and in [facts].
var internedKeys = func() map[string]string {
	m := map[string]string{}
	for _, k := range knownKeys {
		m[k] = k
		m["facts."+k] = "facts." + k
	}
	return m
}()

// keySets holds one copy of each list of defined keys: files of one kind write the same
// keys, and a list per file was 16 MB of a build's peak at 10,000 pages per language
// (while the files were read, before any could be let go).
var keySets = keySetCache{sets: map[string][]string{}}

// keySetCache maps lists of keys, joined by "\n", to one shared copy. It is shared by
// every build of a process, so that a preview running for days keeps at most maxKeySets
// lists: past that, a list that is new is kept by its file alone.
type keySetCache struct {
	mu   sync.Mutex
	sets map[string][]string
}

const maxKeySets = 1 << 10

// share returns the cache's copy of keys, which it adds if there is room.
func (c *keySetCache) share(keys []string) []string {
	joined := strings.Join(keys, "\n")
	c.mu.Lock()
	defer c.mu.Unlock()
	// A quoted key may hold "\n": the lists must be equal, not only their joins.
	if shared, ok := c.sets[joined]; ok && slices.Equal(shared, keys) {
		return shared
	}
	if len(c.sets) < maxKeySets {
		c.sets[joined] = keys
	}
	return keys
}

// definedKeys returns the keys that md.IsDefined reports: every key of md but those inside
// an array of tables (not reached through tables), and the tables that dotted keys make
// without naming them ("facts" of facts.capital = "x").
func definedKeys(md toml.MetaData) []string {
	var out []string
	for _, k := range md.Keys() {
		for i := 1; i <= len(k); i++ {
			name := k[:i].String()
			if known, ok := internedKeys[name]; ok {
				name = known // one copy of "facts.capital" for all files, not one per file
			}
			out = append(out, name)
			if t := md.Type(k[:i]...); t == "ArrayHash" || t == "Array" {
				break
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Line returns the file line of a front matter key.
func (f *File) Line(key ...string) int {
	return f.FrontLine - 1 + tomlx.KeyLine(f.FrontSource, toml.Key(key))
}

// ItemLine returns the file line of key in the index-th [[table]] of the front matter.
func (f *File) ItemLine(table string, index int, key string) int {
	return f.FrontLine - 1 + tomlx.ItemLine(f.FrontSource, table, index, key)
}

// Errorf formats an error at a file line, compiler style.
func (f *File) Errorf(line int, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", f.Name, line, fmt.Sprintf(format, args...))
}

// FrontMatter is the typed front matter. Pointers mark language-neutral values, which a
// translation may leave out (nil) to inherit them from the default language.
type FrontMatter struct {
	Title       string       `toml:"title"`
	Summary     string       `toml:"summary"`
	Weight      *int         `toml:"weight"`
	Region      *string      `toml:"region"`
	ISO         ISOCodes     `toml:"iso"`
	Themes      []string     `toml:"themes"`
	SourceHash  string       `toml:"source_hash"`
	Facts       *Facts       `toml:"facts"`
	Events      []Event      `toml:"events"`
	Figures     []Figure     `toml:"figures"`
	Corrections []Correction `toml:"corrections"`
	// Accept lists findings of the translator check that a translator accepted, with a
	// reason (internal/check). Only a translation's own accepts count; none is inherited.
	Accept []Accept `toml:"accept"`
}

// compact copies the strings of fm into one allocation. The decoder's strings are slices
// of its own copy of the whole front matter (BurntSushi/toml), which one title, summary or
// event text kept by a page would keep alive: 1.1 KB a country brief for the 0.4 KB of
// text it shows, 14 MB at 10,000 pages per language.
func (fm *FrontMatter) compact() {
	fields := fm.stringFields()
	n := 0
	for _, s := range fields {
		n += len(*s)
	}
	var b strings.Builder
	b.Grow(n)
	for _, s := range fields {
		b.WriteString(*s)
	}
	all := b.String()
	for _, s := range fields {
		*s, all = all[:len(*s)], all[len(*s):]
	}
}

// stringFields returns a pointer to every string of fm.
func (fm *FrontMatter) stringFields() []*string {
	out := []*string{&fm.Title, &fm.Summary, &fm.SourceHash}
	if fm.Region != nil {
		out = append(out, fm.Region)
	}
	for i := range fm.ISO {
		out = append(out, &fm.ISO[i])
	}
	for i := range fm.Themes {
		out = append(out, &fm.Themes[i])
	}
	if f := fm.Facts; f != nil {
		out = append(out, &f.OfficialName, &f.Capital, &f.Source)
		for i := range f.Languages {
			out = append(out, &f.Languages[i])
		}
	}
	for i := range fm.Events {
		e := &fm.Events[i]
		if e.Date != nil {
			out = append(out, e.Date)
		}
		out = append(out, &e.Text)
	}
	for i := range fm.Figures {
		g := &fm.Figures[i]
		if g.Unit != nil {
			out = append(out, g.Unit)
		}
		if g.Approx != nil {
			out = append(out, g.Approx)
		}
		out = append(out, &g.Label)
	}
	for i := range fm.Corrections {
		c := &fm.Corrections[i]
		out = append(out, &c.Source, &c.Correction, &c.Note)
	}
	for i := range fm.Accept {
		a := &fm.Accept[i]
		out = append(out, &a.Rule, &a.Where, &a.Text, &a.Reason)
	}
	return out
}

// Accept accepts the findings of the translator check that match it: of the check Rule
// ("figure", "glossary", "structure", "untranslated" or any other rule the check has), in
// the part Where if given ("section #small-arms"), whose text contains Text if given.
type Accept struct {
	Rule   string `toml:"rule"`
	Where  string `toml:"where"`
	Text   string `toml:"text"`
	Reason string `toml:"reason"`
}

// ISOCodes are the ISO 3166-1 alpha-3 codes of the countries a country brief is about,
// which its maps draw: `iso = "KHM"`, or a list for a brief about a region,
// `iso = ["BIH", "SRB"]`. nil when the front matter has no iso key.
type ISOCodes []string

// UnmarshalTOML accepts one code as a string or several as an array of strings.
func (c *ISOCodes) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*c = ISOCodes{v}
		return nil
	case []any:
		codes := ISOCodes{}
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return fmt.Errorf("iso: must be a code such as \"KHM\" or a list of codes, not a list holding %s", tomlType(e))
			}
			codes = append(codes, s)
		}
		*c = codes
		return nil
	}
	return fmt.Errorf("iso: must be a code such as \"KHM\" or a list of codes, not %s", tomlType(v))
}

// tomlType names the kind of a decoded TOML value for a message.
func tomlType(v any) string {
	switch v.(type) {
	case int64, float64:
		return "a number"
	case bool:
		return "true or false"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return "a date"
}

// Facts is a country's data box.
type Facts struct {
	OfficialName       string   `toml:"official_name"`
	Capital            string   `toml:"capital"`
	AreaKm2            *float64 `toml:"area_km2"`
	PopulationMillions *float64 `toml:"population_millions"`
	Languages          []string `toml:"languages"`
	GDPPerCapitaUSD    *float64 `toml:"gdp_per_capita_usd"`
	Year               *int     `toml:"year"`
	Source             string   `toml:"source"`
}

// Event is a dated event; Date is YYYY, YYYY-MM or YYYY-MM-DD.
type Event struct {
	Date *string `toml:"date"`
	Text string  `toml:"text"`
}

// Figure is a key number of Japan's contribution.
type Figure struct {
	Value  *float64 `toml:"value"`
	Unit   *string  `toml:"unit"`
	Approx *string  `toml:"approx"`
	Label  string   `toml:"label"`
}

// Correction is an editor's note where the source is evidently wrong.
type Correction struct {
	Source     string `toml:"source"`
	Correction string `toml:"correction"`
	Note       string `toml:"note"`
}

// knownKeys are the suggestions offered for a misspelt key.
var knownKeys = []string{
	"title", "summary", "weight", "region", "iso", "themes", "source_hash", "facts", "events", "figures", "corrections",
	"official_name", "capital", "area_km2", "population_millions", "languages", "gdp_per_capita_usd", "year", "source",
	"date", "text", "value", "unit", "approx", "label", "correction", "note",
	"accept", "rule", "where", "reason",
}

var slugRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Load reads content/<lang>/ for each language from fsys (rooted at the project). Files
// come back ordered by language (in the order given), then path. All problems found are
// returned together, joined, in the same order.
func Load(fsys fs.FS, langs []string) ([]*File, []string, error) {
	// The walk only lists the files; they are read and parsed on every core, since a site
	// of thousands of pages spends most of its loading in TOML and Markdown splitting. The
	// results are gathered in walk order, so errors and warnings come in the same order
	// as from one file after another.
	type entry struct {
		path, lang string
		typ        fs.FileMode
		walkErr    error // an error of the walk itself at this point, instead of a file
		file       *File
		warning    string
		err        error
	}
	var entries []entry
	for _, lang := range langs {
		root := path.Join("content", lang)
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == root && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipDir // a language without content yet: every page falls back
				}
				entries = append(entries, entry{walkErr: fmt.Errorf("%s: %v", p, projectfs.Reason(err))})
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if p != root && strings.HasPrefix(name, ".") {
					return fs.SkipDir
				}
				return nil
			}
			entries = append(entries, entry{path: p, lang: lang, typ: d.Type()})
			return nil
		})
		if err != nil {
			entries = append(entries, entry{walkErr: err})
		}
	}
	parallel.For(len(entries), func() func(int) {
		return func(i int) {
			e := &entries[i]
			if e.walkErr == nil {
				e.file, e.warning, e.err = loadEntry(fsys, e.path, e.lang, e.typ)
			}
		}
	})
	var files []*File
	var errs []error
	var warnings []string
	for _, e := range entries {
		switch {
		case e.walkErr != nil:
			errs = append(errs, e.walkErr)
		case e.err != nil:
			errs = append(errs, e.err)
		case e.warning != "":
			warnings = append(warnings, e.warning)
		case e.file != nil:
			files = append(files, e.file)
		}
	}
	order := map[string]int{}
	for i, l := range langs {
		order[l] = i
	}
	slices.SortFunc(files, func(a, b *File) int {
		return cmp.Or(cmp.Compare(order[a.Lang], order[b.Lang]), cmp.Compare(a.Path, b.Path))
	})
	return files, warnings, errors.Join(errs...)
}

// loadEntry reads the file p of content/<lang>/, of the given type, as Load finds it: a
// file Load skips gives nothing, a stray file a warning.
func loadEntry(fsys fs.FS, p, lang string, typ fs.FileMode) (*File, string, error) {
	name := path.Base(p)
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") {
		return nil, "", nil // editor backups and hidden files
	}
	// Before the .md check: a link to a folder is no ".md" either, and it must not
	// pass as a stray file (a link that points at itself or a parent loops forever).
	if typ&fs.ModeSymlink != 0 {
		return nil, "", fmt.Errorf("%s: %v", p, projectfs.ErrSymlink)
	}
	if !strings.HasSuffix(name, ".md") {
		return nil, fmt.Sprintf("%s: not a .md file; ignored", p), nil
	}
	f, err := readFile(fsys, p, lang, strings.TrimPrefix(p, path.Join("content", lang)+"/"))
	return f, "", err
}

// LoadFile reads one file, p ("content/en/countries/cambodia.md"), exactly as Load would
// read it in its walk, for a rebuild after an edit. It returns nothing, and no error, for
// a file Load does not read: one that does not exist (any more), is hidden or a backup, is
// in a hidden folder, or is not under content/<lang>/ of one of langs.
func LoadFile(fsys fs.FS, p string, langs []string) (*File, string, error) {
	parts := strings.Split(p, "/")
	if len(parts) < 3 || parts[0] != "content" || !slices.Contains(langs, parts[1]) {
		return nil, "", nil
	}
	for _, dir := range parts[2 : len(parts)-1] {
		if strings.HasPrefix(dir, ".") {
			return nil, "", nil
		}
	}
	info, err := fs.Lstat(fsys, p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, "", nil
	case err != nil:
		return nil, "", fmt.Errorf("%s: %v", p, projectfs.Reason(err))
	case info.IsDir():
		return nil, "", nil
	}
	return loadEntry(fsys, p, parts[1], info.Mode().Type())
}

func readFile(fsys fs.FS, name, lang, rel string) (*File, error) {
	f := &File{Lang: lang, Path: rel, Name: name}
	if err := f.place(); err != nil {
		return nil, err
	}
	if info, err := fs.Stat(fsys, name); err == nil && info.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s: file is %.1f MB; a content file may be at most %d MB", name, float64(info.Size())/(1<<20), MaxFileSize>>20)
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, projectfs.Reason(err))
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%s: file is %.1f MB; a content file may be at most %d MB", name, float64(len(data))/(1<<20), MaxFileSize>>20)
	}
	if err := Parse(f, data); err != nil {
		return nil, err
	}
	f.fsys = fsys
	return f, nil
}

var byteOrderMark = []byte("\ufeff")

// normalize is the text of a file's bytes as Parse reads it: without a byte-order mark,
// with LF line endings.
func normalize(data []byte) string {
	return strings.ReplaceAll(string(bytes.TrimPrefix(data, byteOrderMark)), "\r\n", "\n")
}

// place derives section and slug from the path and rejects files outside the model.
func (f *File) place() error {
	parts := strings.Split(strings.TrimSuffix(f.Path, ".md"), "/")
	switch {
	case len(parts) == 1:
		f.Slug = parts[0]
	case len(parts) == 2 && slices.Contains(Sections, parts[0]):
		f.Section, f.Slug = parts[0], parts[1]
	case len(parts) == 2:
		return fmt.Errorf("%s: unknown section %q (expected %s)", f.Name, parts[0], strings.Join(Sections, " or "))
	default:
		return fmt.Errorf("%s: content files are at most one folder deep (content/<lang>/<section>/<slug>.md)", f.Name)
	}
	if f.Slug == "_index" {
		f.Slug = ""
		return nil
	}
	if slices.Contains(Sections, f.Slug) && f.Section == "" {
		return fmt.Errorf("%s: a page may not be named like the section %q", f.Name, f.Slug)
	}
	if !slugRe.MatchString(f.Slug) {
		return fmt.Errorf("%s: file name %q is not a valid slug: use lower-case ASCII letters, digits and hyphens (it becomes the URL)", f.Name, f.Slug+".md")
	}
	return nil
}

// Parse decodes data, the bytes of f's file, into f. It accepts a UTF-8 byte-order mark
// and CRLF line endings, which Windows editors write.
func Parse(f *File, data []byte) error {
	data = bytes.TrimPrefix(data, byteOrderMark)
	if i := invalidUTF8(data); i >= 0 {
		line, col := position(data, i)
		return fmt.Errorf("%s:%d:%d: file is not valid UTF-8 (save it as UTF-8)", f.Name, line, col)
	}
	if i := controlChar(data); i >= 0 {
		line, col := position(data, i)
		return fmt.Errorf("%s:%d:%d: control character U+%04X: delete it (an editor may show it as ^%c or not at all)", f.Name, line, col, data[i], data[i]+'@')
	}
	front, frontLine, body, bodyLine, err := Split(normalize(data))
	if err != nil {
		return fmt.Errorf("%s:%v", f.Name, err)
	}
	f.FrontSource, f.FrontLine, f.Body, f.BodyLine = front, frontLine, body, bodyLine
	md, terrs := tomlx.Decode(front, frontLine, &f.Front, knownKeys)
	f.Front.compact()
	f.defined = keySets.share(definedKeys(md))
	var errs []error
	for _, e := range terrs {
		errs = append(errs, fmt.Errorf("%s:%d:%s", f.Name, e.Line, colSuffix(e)))
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if strings.TrimSpace(f.Front.Title) == "" {
		errs = append(errs, f.Errorf(f.lineOr("title"), "front matter: title is required"))
	}
	if strings.TrimSpace(f.Front.Summary) == "" {
		errs = append(errs, f.Errorf(f.lineOr("summary"), "front matter: summary is required"))
	}
	f.FiguresNotInText = f.figuresNotInText()
	f.StraightQuotes = f.straightQuotes()
	return errors.Join(errs...)
}

func colSuffix(e *tomlx.Error) string {
	if e.Col > 0 {
		return fmt.Sprintf("%d: front matter: %s", e.Col, e.Msg)
	}
	return " front matter: " + e.Msg
}

// lineOr is the line of key, or of the opening "+++" when the key is absent.
func (f *File) lineOr(key string) int {
	if f.Defined(key) {
		return f.Line(key)
	}
	return f.FrontLine - 1
}

// Split cuts text into the front matter between the first two "+++" lines and the body.
// It returns the 1-based file lines where each starts. An error carries "line:col: "
// and a message, for the caller to put the file name in front of.
func Split(text string) (front string, frontLine int, body string, bodyLine int, err error) {
	if strings.TrimSpace(text) == "" {
		return "", 0, "", 0, errors.New("1:1: file is empty: it needs front matter between +++ lines, with at least title and summary")
	}
	lines := strings.SplitAfter(text, "\n")
	if strings.TrimRight(lines[0], " \t\n") != "+++" {
		return "", 0, "", 0, errors.New("1:1: front matter: the file must start with a line of +++")
	}
	offset := len(lines[0])
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \t\n") == "+++" {
			end := offset + len(lines[i])
			return text[len(lines[0]):offset], 2, text[end:], i + 2, nil
		}
		offset += len(lines[i])
	}
	// A line of plus signs that is not "+++" is no TOML either: the closing line mistyped
	// (full-width ＋＋＋, two or four of them). Not "---", which may be a thematic break of
	// the text after a closing line left out, nor a lone + (a list item in a TOML string).
	for i := 1; i < len(lines); i++ {
		if l := strings.TrimSpace(lines[i]); utf8.RuneCountInString(l) >= 2 && strings.Trim(l, "+＋") == "" {
			return "", 0, "", 0, fmt.Errorf("%d:1: front matter: %q does not close the front matter: write +++, three half-width plus signs, on a line of their own", i+1, l)
		}
	}
	return "", 0, "", 0, errors.New("1:1: front matter: no closing +++ line: the front matter runs to the end of the file; put a line of +++ after its last line, before the text")
}

func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// controlChar returns the offset of the first C0 control character or DEL other than tab,
// line feed and a carriage return before a line feed, or -1: such a character (ESC, BEL,
// a vertical tab) is invisible in most editors and would be copied into the HTML.
func controlChar(data []byte) int {
	for i, c := range data {
		switch {
		case c == '\t' || c == '\n':
		case c == '\r' && i+1 < len(data) && data[i+1] == '\n':
		case c < 0x20 || c == 0x7f:
			return i
		}
	}
	return -1
}

// position turns a byte offset into a 1-based line and column (in runes).
func position(data []byte, offset int) (line, col int) {
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// appendFields appends to dst the fields of s (as strings.Fields splits them) joined by
// single spaces: strings.Join(strings.Fields(s), " ") without the copies, since every
// build hashes every body of the site.
func appendFields(dst []byte, s string) []byte {
	begin := len(dst)
	start := -1 // where the current field began, or -1 between fields
	field := func(end int) {
		if len(dst) > begin {
			dst = append(dst, ' ')
		}
		dst = append(dst, s[start:end]...)
		start = -1
	}
	for i, r := range s {
		switch space := unicode.IsSpace(r); {
		case space && start >= 0:
			field(i)
		case !space && start < 0:
			start = i
		}
	}
	if start >= 0 {
		field(len(s))
	}
	return dst
}

// SourceHash fingerprints the translatable text of f: title, summary, text facts, event
// texts, figure labels, corrections and body. Runs of white space count as one space, so
// re-wrapping a paragraph does not make its translations stale.
func SourceHash(f *File) string {
	f.needsBody("SourceHash")
	h := sha256.New()
	var buf []byte
	add := func(s string) {
		buf = append(appendFields(buf[:0], s), 0)
		h.Write(buf)
	}
	fm := &f.Front
	add(fm.Title)
	add(fm.Summary)
	if fm.Facts != nil {
		add(fm.Facts.OfficialName)
		add(fm.Facts.Capital)
		add(strings.Join(fm.Facts.Languages, "\x1f"))
		add(fm.Facts.Source)
	}
	for _, e := range fm.Events {
		add(e.Text)
	}
	for _, g := range fm.Figures {
		add(g.Label)
	}
	for _, c := range fm.Corrections {
		add(c.Source)
		add(c.Correction)
		add(c.Note)
	}
	add(f.Body)
	return hex.EncodeToString(h.Sum(nil))[:16]
}
