// Package synth writes a synthetic bilingual site in the real content model, for the
// benchmarks: n country briefs per language plus themes, home, section and stand-alone
// pages, with English bodies and their Japanese translations (headings with explicit ids,
// lists, a table, cross-links with #fragments, an external link), facts, events, figures
// and a few editor's corrections.
//
// Like a real site, a few Japanese translations are missing (the page falls back to
// English) and a few are stale (their source_hash is out of date); the rest carry the
// hash of their source. The output depends only on n: the same n gives the same bytes.
package synth

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/numbers"
)

// File is one generated file, its path relative to the project folder.
type File struct {
	Path string
	Data []byte
}

// Marker is written into every folder Write makes, so that Write replaces only a
// synthetic site it made before and never a folder of someone's work.
const Marker = ".synthetic-site"

// rng is SplitMix64: tiny, fast, and fixed forever, so the corpus never changes with a
// Go release (math/rand/v2 does not promise a stable stream for its helpers).
type rng struct{ s uint64 }

func newRNG(seeds ...int) *rng {
	r := &rng{s: 0x5eed}
	for _, s := range seeds {
		r.s = r.s*0x100000001b3 ^ uint64(s)
		r.next()
	}
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// Themes is the number of theme pages of a site with n countries: the real site's 16, and
// one more per 50 countries, up to the number of distinct titles the word lists give.
func Themes(n int) int { return min(max(16, n/50), maxThemes) }

// translation states of a Japanese page.
const (
	translated = iota
	stale      // source_hash out of date: shown with a notice
	missing    // no Japanese file: the page falls back to English
)

// state decides the Japanese translation of page i: about 3% missing, 3% stale.
func state(kind string, i int) int {
	switch newRNG(len(kind), i, 77).intn(100) {
	case 0, 1, 2:
		return missing
	case 3, 4, 5:
		return stale
	}
	return translated
}

// Generate returns the content files of a site with n countries per language whose
// countries use the given region slugs, sorted by path.
func Generate(n int, regions []string) ([]File, error) {
	if n < 1 {
		return nil, fmt.Errorf("synthetic site: need at least 1 country, not %d", n)
	}
	if len(regions) == 0 {
		return nil, fmt.Errorf("synthetic site: config.toml has no [[regions]]")
	}
	g := &generator{n: n, themes: Themes(n), regions: regions}
	for i := range n {
		g.country(i)
	}
	for t := range g.themes {
		g.theme(t)
	}
	g.fixed()
	if len(g.errs) > 0 {
		return nil, g.errs[0]
	}
	slices.SortFunc(g.files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return g.files, nil
}

type generator struct {
	n, themes int
	regions   []string
	files     []File
	errs      []error
}

// page is the text of one page in both languages, and its language-neutral values.
type page struct {
	rel              string // "countries/katoria.md"
	title, summary   pair
	neutral          string // TOML of the language-neutral keys: weight, region, themes
	facts            *facts
	events           []event
	figures          []figure
	correction       bool
	body             pair
	translationState int
}

type facts struct {
	official, capital, language pair
	area, gdp, year             int
	population                  float64
}

type event struct {
	date string
	text pair
}

type figure struct {
	value  float64
	unit   string
	approx string
	label  pair
}

// emit writes the English file and, unless the translation is missing, the Japanese one.
func (g *generator) emit(p *page) {
	en := p.render("en", "")
	g.files = append(g.files, File{Path: "content/en/" + p.rel, Data: en})
	if p.translationState == missing {
		return
	}
	hash := "0000000000000000"
	if p.translationState == translated {
		f := &content.File{Lang: "en", Path: p.rel, Name: "content/en/" + p.rel}
		if err := content.Parse(f, en); err != nil {
			g.errs = append(g.errs, fmt.Errorf("synthetic site: generated an invalid file: %v", err))
			return
		}
		hash = content.SourceHash(f)
	}
	g.files = append(g.files, File{Path: "content/ja/" + p.rel, Data: p.render("ja", hash)})
}

// render writes the file of p in lang; language-neutral values only in English.
func (p *page) render(lang, hash string) []byte {
	pick := func(t pair) string {
		if lang == "ja" {
			return t.ja
		}
		return t.en
	}
	var b bytes.Buffer
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\nsummary = %s\n", quote(pick(p.title)), quote(pick(p.summary)))
	if lang == "en" {
		b.WriteString(p.neutral)
	} else if hash != "" {
		fmt.Fprintf(&b, "source_hash = %s\n", quote(hash))
	}
	if f := p.facts; f != nil {
		b.WriteString("\n[facts]\n")
		fmt.Fprintf(&b, "official_name = %s\ncapital = %s\n", quote(pick(f.official)), quote(pick(f.capital)))
		if lang == "en" {
			fmt.Fprintf(&b, "area_km2 = %d\npopulation_millions = %s\n", f.area, strconv.FormatFloat(f.population, 'f', 1, 64))
		}
		fmt.Fprintf(&b, "languages = [%s]\n", quote(pick(f.language)))
		if lang == "en" {
			if f.gdp > 0 {
				fmt.Fprintf(&b, "gdp_per_capita_usd = %d\n", f.gdp)
			}
			fmt.Fprintf(&b, "year = %d\n", f.year)
		}
		fmt.Fprintf(&b, "source = %s\n", quote(pick(factsSource)))
	}
	for _, e := range p.events {
		b.WriteString("\n[[events]]\n")
		if lang == "en" {
			fmt.Fprintf(&b, "date = %s\n", quote(e.date))
		}
		fmt.Fprintf(&b, "text = %s\n", quote(pick(e.text)))
	}
	for _, f := range p.figures {
		b.WriteString("\n[[figures]]\n")
		if lang == "en" {
			fmt.Fprintf(&b, "value = %s\nunit = %s\napprox = %s\n", strconv.FormatFloat(f.value, 'f', -1, 64), quote(f.unit), quote(f.approx))
		}
		fmt.Fprintf(&b, "label = %s\n", quote(pick(f.label)))
	}
	if p.correction {
		c := correction
		fmt.Fprintf(&b, "\n[[corrections]]\nsource = %s\ncorrection = %s\nnote = %s\n", quote(pick(c.source)), quote(pick(c.correction)), quote(pick(c.note)))
	}
	b.WriteString("+++\n\n")
	b.WriteString(pick(p.body))
	return b.Bytes()
}

// quote writes a TOML basic string; the generated text has no control characters.
func quote(s string) string { return `"` + quoter.Replace(s) + `"` }

var quoter = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// bodyWriter writes the same Markdown in both languages.
type bodyWriter struct {
	en, ja strings.Builder
	repl   [2]*strings.Replacer // en, ja
}

func (w *bodyWriter) add(t pair) {
	w.en.WriteString(w.repl[0].Replace(t.en))
	w.ja.WriteString(w.repl[1].Replace(t.ja))
}

// raw writes text that is the same in both languages (Markdown syntax).
func (w *bodyWriter) raw(s string) { w.add(pair{s, s}) }

func (w *bodyWriter) heading(level int, h pair) {
	w.raw(strings.Repeat("#", level) + " ")
	w.add(h)
	w.raw("\n\n")
}

// paragraph writes k sentences picked by r; Japanese sentences are not separated by spaces.
func (w *bodyWriter) paragraph(r *rng, k int) {
	var picked []int
	for len(picked) < k {
		if s := r.intn(len(sentences)); !slices.Contains(picked, s) {
			picked = append(picked, s)
		}
	}
	for j, s := range picked {
		if j > 0 {
			w.add(pair{" ", ""})
		}
		w.add(sentences[s])
	}
	w.raw("\n\n")
}

// list writes k entries of from, consecutive from a random start (in order if numbered).
func (w *bodyWriter) list(r *rng, k int, numbered bool, from []pair) {
	start := r.intn(len(from))
	if numbered {
		start = 0
	}
	for j := range k {
		if numbered {
			w.raw(strconv.Itoa(j+1) + ". ")
		} else {
			w.raw("- ")
		}
		w.add(from[(start+j)%len(from)])
		w.raw("\n")
	}
	w.raw("\n")
}

func (w *bodyWriter) link(text pair, dest string) {
	w.raw("[")
	w.add(text)
	w.raw("](" + dest + ")")
}

// keyFigures writes a sentence that gives the page's key figures, as the real briefs'
// texts give theirs: the box repeats what the text says, and the build warns of a figure
// the text does not give. Before, the synthetic sites gave none of them (1,950 such
// figures at 1,000 pages per language).
func (w *bodyWriter) keyFigures(figures []figure) {
	if len(figures) == 0 {
		return
	}
	var en, ja []string
	for _, f := range figures {
		en = append(en, f.label.en+": "+numbers.Figure(f.value, f.unit, f.approx, "en"))
		ja = append(ja, f.label.ja+"は"+numbers.Figure(f.value, f.unit, f.approx, "ja"))
	}
	w.add(pair{"Key figures: " + strings.Join(en, "; ") + ".\n\n", "主な数値では、" + strings.Join(ja, "、") + "である。\n\n"})
}

func (w *bodyWriter) pair() pair { return pair{w.en.String(), w.ja.String()} }

// placeholders returns the replacers of a page's {C}, {K}, {O}, {Y1}... in both languages.
func placeholders(r *rng, name, capital pair) [2]*strings.Replacer {
	y1 := 1990 + r.intn(8)
	y2 := y1 + 1 + r.intn(5)
	y3 := y2 + 1 + r.intn(4)
	org := organisations[r.intn(len(organisations))]
	nums := []string{
		"{Y1}", strconv.Itoa(y1), "{Y2}", strconv.Itoa(y2), "{Y3}", strconv.Itoa(y3),
		"{N1}", strconv.Itoa(1000 + 100*r.intn(400)), "{N2}", strconv.Itoa(20 + r.intn(900)),
		"{N3}", strconv.Itoa(5 + r.intn(200)), "{N4}", strconv.Itoa(10 + r.intn(990)),
	}
	return [2]*strings.Replacer{
		strings.NewReplacer(append(nums, "{C}", name.en, "{K}", capital.en, "{O}", org.en)...),
		strings.NewReplacer(append(nums, "{C}", name.ja, "{K}", capital.ja, "{O}", org.ja)...),
	}
}

func (g *generator) country(i int) {
	r := newRNG(g.n, i)
	slug, en, ja := countryName(i, g.n)
	name := pair{en, ja}
	capEN, capJA := placeName(r.next())
	capital := pair{capEN, capJA}
	p := &page{rel: "countries/" + slug + ".md", title: name, translationState: state("country", i)}
	p.summary = pair{
		fmt.Sprintf("Japan’s support for peace in %s: ceasefire, elections, reintegration of former combatants and reconstruction.", en),
		fmt.Sprintf("%sの平和に向けた日本の支援：停戦、選挙、元戦闘員の社会復帰、復興。", ja),
	}
	// Themes: 2 to 6 distinct, in the order picked.
	var themes []int
	for k := 2 + r.intn(5); len(themes) < k; {
		if t := r.intn(g.themes); !slices.Contains(themes, t) {
			themes = append(themes, t)
		}
	}
	var slugs []string
	for _, t := range themes {
		s, _, _ := themeName(t)
		slugs = append(slugs, quote(s))
	}
	p.neutral = fmt.Sprintf("weight = %d\nregion = %s\nthemes = [%s]\n", 10*(1+r.intn(100)), quote(g.regions[r.intn(len(g.regions))]), strings.Join(slugs, ", "))
	p.facts = &facts{
		official: pair{fmt.Sprintf(officialFmt.en, en), fmt.Sprintf(officialFmt.ja, ja)},
		capital:  capital,
		language: pair{fmt.Sprintf(languageFmt.en, en), fmt.Sprintf(languageFmt.ja, ja)},
		area:     1000 * (1 + r.intn(2000)),
		// population_millions with one decimal, as written in the real briefs.
		population: float64(5+r.intn(800)) / 10,
		year:       2005 + r.intn(2),
	}
	if r.intn(10) > 0 {
		p.facts.gdp = 100 + r.intn(5000)
	}
	p.events = g.events(r, 3+r.intn(6))
	p.figures = g.figures(r, 1+r.intn(3))
	p.correction = r.intn(25) == 0

	p.body = g.countryBody(i, name, capital, themes, p.figures)
	g.emit(p)
}

// countryBody writes the body of country i in both languages. It has its own random
// numbers, so that the text does not depend on how many the front matter used.
func (g *generator) countryBody(i int, name, capital pair, themes []int, figures []figure) pair {
	r := newRNG(g.n, i, 1)
	w := &bodyWriter{repl: placeholders(r, name, capital)}
	w.paragraph(r, 3)
	w.keyFigures(figures)
	w.add(seeAlso)
	w.add(pair{" ", ""})
	for j, t := range themes[:min(2, len(themes))] {
		if j > 0 {
			w.add(andWord)
		}
		ts, ten, tja := themeName(t)
		w.link(pair{ten, tja}, "../themes/"+ts+".md")
	}
	w.add(pair{".\n\n", "。\n\n"})
	w.heading(2, hPeace)
	w.paragraph(r, 3+r.intn(2))
	w.list(r, 3+r.intn(3), false, items)
	w.heading(2, hAssist)
	w.paragraph(r, 3)
	w.heading(3, hProg)
	w.add(tableHead)
	for range 3 + r.intn(3) {
		_, ten, tja := themeName(themes[r.intn(len(themes))])
		year := strconv.Itoa(1995 + r.intn(12))
		amount := strconv.Itoa(1 + r.intn(90))
		w.add(pair{"| " + year + " | " + ten + " | US$" + amount + " million |\n", "| " + year + " | " + tja + " | " + amount + "百万米ドル |\n"})
	}
	w.raw("\n")
	w.heading(3, hSteps)
	w.list(r, len(steps), true, steps)
	if g.n > 1 {
		w.add(compare)
		w.add(pair{" ", ""})
		for j, d := range []int{1, g.n - 1} {
			if j > 0 {
				w.add(andWord)
			}
			oslug, oen, oja := countryName((i+d*(1+j))%g.n, g.n)
			w.link(pair{oen, oja}, oslug+".md#peace-process")
		}
		w.add(pair{".\n\n", "。\n\n"})
	}
	w.heading(2, hOutlook)
	w.paragraph(r, 2+r.intn(3))
	w.add(external)
	w.raw("\n")
	return w.pair()
}

func (g *generator) events(r *rng, k int) []event {
	year := 1990 + r.intn(6)
	var out []event
	for range k {
		year += r.intn(3)
		date := strconv.Itoa(min(year, 2006))
		if r.intn(3) > 0 {
			date += fmt.Sprintf("-%02d", 1+r.intn(12))
		}
		out = append(out, event{date: date, text: events[r.intn(len(events))]})
	}
	// Dates are written in order, as on the real pages; same-year dates may not be.
	slices.SortStableFunc(out, func(a, b event) int { return strings.Compare(a.date, b.date) })
	return out
}

func (g *generator) figures(r *rng, k int) []figure {
	var out []figure
	for j := range k {
		f := figureKinds[(r.intn(len(figureKinds))+j)%len(figureKinds)]
		v := float64(1+r.intn(99)) * f.scale
		// Not "nearly", added later: the figures stay those of the sites that earlier
		// rounds' measurements were taken on (their text gives them since the twelfth).
		out = append(out, figure{value: v, unit: f.unit, approx: []string{"", "about", "over", "up-to"}[r.intn(4)], label: f.label})
	}
	return out
}

func (g *generator) theme(t int) {
	r := newRNG(g.n, -1-t)
	slug, en, ja := themeName(t)
	name := pair{en, ja}
	p := &page{rel: "themes/" + slug + ".md", title: name, translationState: state("theme", t)}
	p.summary = pair{
		fmt.Sprintf("How Japan supports %s in countries emerging from conflict.", strings.ToLower(en)),
		fmt.Sprintf("紛争から立ち直る国々における%sへの日本の支援。", ja),
	}
	p.neutral = fmt.Sprintf("weight = %d\n", 10*(1+t))
	p.events = g.events(r, 2+r.intn(3))
	p.figures = g.figures(r, 1+r.intn(2))
	p.correction = r.intn(25) == 0
	capEN, capJA := placeName(r.next())
	w := &bodyWriter{repl: placeholders(r, pair{"the country", "当該国"}, pair{capEN, capJA})}
	w.paragraph(r, 3)
	w.keyFigures(p.figures)
	w.add(seeAlso)
	w.add(pair{" ", ""})
	for j, d := range []int{1, 2} {
		if j > 0 {
			w.add(andWord)
		}
		oslug, oen, oja := themeName((t + d) % g.themes)
		w.link(pair{oen, oja}, oslug+".md#overview")
	}
	w.add(pair{".\n\n", "。\n\n"})
	w.heading(2, hOverview)
	w.paragraph(r, 4)
	w.list(r, 4, false, items)
	w.heading(2, hApproach)
	w.paragraph(r, 3)
	w.list(r, len(steps), true, steps)
	p.body = w.pair()
	g.emit(p)
}

// fixed writes the pages every site has: the home page, the section introductions and the
// stand-alone pages that the footer links to.
func (g *generator) fixed() {
	simple := func(rel string, title, summary pair, body pair) {
		g.emit(&page{rel: rel, title: title, summary: summary, body: body, translationState: translated})
	}
	simple("_index.md",
		pair{"Japan’s Peacebuilding Efforts", "日本の平和構築への取組"},
		pair{fmt.Sprintf("A synthetic briefing on %d countries and %d themes.", g.n, g.themes), fmt.Sprintf("%dか国・%d分野を扱う合成の資料。", g.n, g.themes)},
		pair{"This site is generated for benchmarks; its places are made up.\n\nSee the [countries](countries/_index.md) and the [themes](themes/_index.md).\n",
			"このサイトはベンチマーク用に生成されたもので、地名は架空である。\n\n[国別](countries/_index.md)と[分野別](themes/_index.md)の一覧を参照されたい。\n"})
	simple("countries/_index.md", pair{"Countries", "国別"}, pair{"Every country brief, by region.", "地域別に並べた国別編の一覧。"},
		pair{"Each brief describes Japan’s support for one country.\n", "各ページは一か国に対する日本の支援を説明する。\n"})
	simple("themes/_index.md", pair{"Themes", "分野別"}, pair{"Every theme brief.", "分野別編の一覧。"},
		pair{"Each brief describes one field of Japan’s peacebuilding.\n", "各ページは日本の平和構築の一分野を説明する。\n"})
	for _, s := range []struct{ slug, en, ja string }{{"about", "About this briefing", "本サイトについて"}, {"future", "Future efforts", "今後の取組"}, {"sources", "Sources", "出典"}} {
		simple(s.slug+".md", pair{s.en, s.ja}, pair{s.en + ".", s.ja + "。"}, pair{"## " + s.en + "\n\nThe places on this site are made up.\n", "## " + s.ja + "\n\nこのサイトの地名は架空である。\n"})
	}
}

// copied are the parts of the project a synthetic site uses as they are.
var copied = []string{"config.toml", "layouts", "assets", "i18n", "data"}

// Files returns every file of a synthetic site of n countries per language: the content,
// and the config, layouts, assets, UI strings and data of project, so that it builds like
// the real one.
func Files(n int, project fs.FS) ([]File, error) {
	cfg, err := config.Load(project, "config.toml")
	if err != nil {
		return nil, err
	}
	var regions []string
	for _, r := range cfg.Regions {
		regions = append(regions, r.Slug)
	}
	files, err := Generate(n, regions)
	if err != nil {
		return nil, err
	}
	for _, name := range copied {
		err := fs.WalkDir(project, name, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(project, p)
			files = append(files, File{Path: p, Data: data})
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("synthetic site: copying the project's %s: %v", name, err)
		}
	}
	return files, nil
}

// FS returns the synthetic site of Files in memory, for benchmarks that should not measure
// a disk.
func FS(n int, project fs.FS) (fs.FS, error) {
	files, err := Files(n, project)
	if err != nil {
		return nil, err
	}
	m := fstest.MapFS{}
	for _, f := range files {
		m[f.Path] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return m, nil
}

// Write writes the synthetic site of Files into dir. dir must not exist, be empty, or hold
// a synthetic site written before (which is replaced, unless it is the same site).
func Write(dir string, n int, project fs.FS) error {
	files, err := Files(n, project)
	if err != nil {
		return err
	}
	// The marker records what was written: a site written before with the same files is
	// left as it is (writing tens of thousands of files is slow on some disks).
	sum := sha256.New()
	for _, f := range files {
		fmt.Fprintf(sum, "%s %d\n", f.Path, len(f.Data))
		sum.Write(f.Data)
	}
	marker := fmt.Sprintf("synthetic site, %d countries per language; replaced by `build synth`\nfingerprint %x\n", n, sum.Sum(nil))
	if old, err := os.ReadFile(filepath.Join(dir, Marker)); err == nil && string(old) == marker {
		return nil
	}
	if err := clear(dir); err != nil {
		return err
	}
	for _, f := range files {
		full := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, f.Data, 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, Marker), []byte(marker), 0o644)
}

// clear empties dir if it is a synthetic site, and refuses any other non-empty folder.
func clear(dir string) error {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err != nil {
		return fmt.Errorf("refusing to replace %s: it is not empty and holds no %s file (choose an empty or new folder)", dir, Marker)
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
}
