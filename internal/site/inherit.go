package site

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"peacebuilding/internal/content"
	"peacebuilding/internal/geo"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/markdown"
	"peacebuilding/internal/numbers"
	"peacebuilding/internal/tomlx"
)

// inherit fills every page's values: text from the page's own file, language-neutral
// values from the master file. A translation may repeat a neutral value, but not change it.
func (b *builder) inherit() {
	cfg := b.site.Config
	checked := map[*content.File]bool{}   // translations compared with their master
	validated := map[*content.File]bool{} // master files whose neutral values were checked
	memo := b.memo.inheritance(cfg, b.themeSlugs(), len(b.site.Pages))
	for i, p := range b.site.Pages {
		m, f := p.Master, p.File
		if errs, warns, ok := memo.reuse(i, p); ok {
			checked[f], validated[m] = true, true
			b.errs = append(b.errs, errs...)
			b.site.Warnings = append(b.site.Warnings, warns...)
			continue
		}
		before, warned := len(b.errs), len(b.site.Warnings)
		if f != m && !checked[f] {
			checked[f] = true
			b.conflicts(m, f, p.Stale)
			b.site.Warnings = append(b.site.Warnings, f.StraightQuotes...)
		}
		if !validated[m] {
			validated[m] = true
			b.validateMaster(m, p)
		}
		fm, mm := &f.Front, &m.Front
		p.Title, p.Summary = fm.Title, fm.Summary
		if mm.Weight != nil {
			p.Weight = *mm.Weight
		}
		if mm.Region != nil {
			p.Region, _ = cfg.Region(*mm.Region)
		}
		p.ISO = mm.ISO
		if mf := mm.Facts; mf != nil {
			tf := fm.Facts
			if tf == nil {
				tf = mf
			}
			p.Facts = &Facts{
				OfficialName: or(tf.OfficialName, mf.OfficialName), Capital: or(tf.Capital, mf.Capital),
				Languages: tf.Languages, Source: or(tf.Source, mf.Source),
				AreaKm2: deref(mf.AreaKm2), PopulationMillions: deref(mf.PopulationMillions),
				GDPPerCapitaUSD: deref(mf.GDPPerCapitaUSD), Year: deref(mf.Year),
			}
			if len(p.Facts.Languages) == 0 {
				p.Facts.Languages = mf.Languages
			}
		}
		// The texts of events and figures are the file's, item by item, unless the file
		// has another number of them than its master: then they cannot be paired, and
		// the master's are shown (a stale translation; conflicts rejects any other).
		textLang, masterLang := langOf(f, p), langOf(m, p)
		if len(mm.Events) > 0 {
			p.Events = make([]Event, 0, len(mm.Events))
		}
		ownEvents := len(fm.Events) == len(mm.Events)
		for i, e := range mm.Events {
			text, lang := e.Text, masterLang
			if ownEvents && fm.Events[i].Text != "" {
				text, lang = fm.Events[i].Text, textLang
			}
			d, _ := numbers.ParseDate(deref(e.Date)) // validated in validate
			p.Events = append(p.Events, Event{Date: d, Raw: deref(e.Date), Text: text, Lang: lang})
		}
		if len(mm.Figures) > 0 {
			p.Figures = make([]Figure, 0, len(mm.Figures))
		}
		ownFigures := len(fm.Figures) == len(mm.Figures)
		for i, g := range mm.Figures {
			label, lang := g.Label, masterLang
			if ownFigures && fm.Figures[i].Label != "" {
				label, lang = fm.Figures[i].Label, textLang
			}
			p.Figures = append(p.Figures, Figure{Value: deref(g.Value), Unit: deref(g.Unit), Approx: deref(g.Approx), Label: label, Lang: lang})
		}
		p.Corrections, p.CorrectionsLang = mm.Corrections, masterLang
		if len(fm.Corrections) == len(mm.Corrections) {
			p.Corrections, p.CorrectionsLang = fm.Corrections, textLang
		}
		memo.remember(i, p, b.errs[before:], b.site.Warnings[warned:])
	}
}

// langOf is the language of f's texts shown on p: "" when it is p's own.
func langOf(f *content.File, p *Page) string {
	if f.Lang == p.Lang {
		return ""
	}
	return f.Lang
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// validateMaster validates the master file m of page p. A master in another language than
// the default has no source file. It is not marked as translated from one (source_hash):
// such a file makes no page (builder.group). An unmarked file may be a page of its own
// language, so it is validated, with a hint if that fails.
func (b *builder) validateMaster(m *content.File, p *Page) {
	b.site.Warnings = append(b.site.Warnings, m.StraightQuotes...)
	def := b.site.Config.DefaultLanguage
	if m.Lang == def {
		b.validate(m, p)
		// A number changed on one side only publishes two numbers for one fact; the
		// check fails on it, the build says it to the author, who may not run the check.
		b.site.Warnings = append(b.site.Warnings, m.FiguresNotInText...)
		return
	}
	source := path.Join("content", def, m.Path)
	n := len(b.errs)
	b.validate(m, p)
	if len(b.errs) > n {
		b.fail(m.Errorf(m.FrontLine-1, "%s", NoSource(source)))
	}
}

// validate checks the language-neutral values of the master file m of page p.
func (b *builder) validate(m *content.File, p *Page) {
	fm := &m.Front
	cfg := b.site.Config
	isCountry := p.Kind == KindCountry
	if fm.Region != nil && !isCountry {
		b.fail(m.Errorf(m.Line("region"), "region is only for country pages"))
	}
	if fm.ISO != nil && !isCountry {
		b.fail(m.Errorf(m.Line("iso"), "iso is only for country pages"))
	}
	if isCountry {
		b.validateISO(m)
	}
	if len(fm.Themes) > 0 && !isCountry {
		b.fail(m.Errorf(m.Line("themes"), "themes is only for country pages"))
	}
	if fm.Facts != nil && !isCountry {
		b.fail(m.Errorf(m.Line("facts"), "[facts] is only for country pages"))
	}
	if isCountry {
		switch {
		case fm.Region == nil:
			b.fail(m.Errorf(m.FrontLine-1, "front matter: region is required for a country (one of %s)", strings.Join(regionSlugs(b), ", ")))
		default:
			if _, ok := cfg.Region(*fm.Region); !ok {
				b.fail(m.Errorf(m.Line("region"), "unknown region %q (one of %s)", *fm.Region, strings.Join(regionSlugs(b), ", ")))
			}
		}
		for _, t := range fm.Themes {
			if b.byKey["themes/"+t] == nil {
				msg := fmt.Sprintf("unknown theme %q: there is no content/%s/themes/%s.md", t, m.Lang, t)
				if sug := suggestTheme(t, b.themeSlugs()); sug != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", sug)
				} else {
					msg += fmt.Sprintf(" (one of %s)", strings.Join(b.themeSlugs(), ", "))
				}
				b.fail(m.Errorf(m.Line("themes"), "%s", msg))
			}
		}
	}
	for i, e := range fm.Events {
		if e.Date == nil {
			b.fail(m.Errorf(m.ItemLine("events", i, "date"), "event %d has no date", i+1))
		} else if _, err := numbers.ParseDate(*e.Date); err != nil {
			b.fail(m.Errorf(m.ItemLine("events", i, "date"), "event %d: %v", i+1, err))
		}
		if strings.TrimSpace(e.Text) == "" {
			b.fail(m.Errorf(m.ItemLine("events", i, "text"), "event %d has no text", i+1))
		}
	}
	for i, g := range fm.Figures {
		switch {
		case g.Value == nil:
			b.fail(m.Errorf(m.ItemLine("figures", i, "value"), "figure %d has no value", i+1))
		case *g.Value < 0:
			b.fail(m.Errorf(m.ItemLine("figures", i, "value"), "figure %d: value must not be negative", i+1))
		}
		if g.Unit == nil || !slices.Contains(Units, *g.Unit) {
			b.fail(m.Errorf(m.ItemLine("figures", i, "unit"), "figure %d: unit must be one of %s", i+1, strings.Join(Units, ", ")))
		}
		if g.Approx != nil && !slices.Contains(Approx, *g.Approx) {
			b.fail(m.Errorf(m.ItemLine("figures", i, "approx"), "figure %d: approx must be one of %s", i+1, quoteAll(Approx)))
		}
		if strings.TrimSpace(g.Label) == "" {
			b.fail(m.Errorf(m.ItemLine("figures", i, "label"), "figure %d has no label", i+1))
		}
	}
}

// validateISO checks the iso codes of the country file m: each an ISO 3166-1 alpha-3 code
// that the maps have a shape for (package geo), once.
func (b *builder) validateISO(m *content.File) {
	codes := m.Front.ISO
	if codes == nil {
		return
	}
	line := m.Line("iso")
	if len(codes) == 0 {
		b.fail(m.Errorf(line, "iso: give at least one ISO 3166-1 alpha-3 code, such as \"KHM\", or leave the key out"))
	}
	for i, c := range codes {
		switch {
		case slices.Contains(codes[:i], c):
			b.fail(m.Errorf(line, "iso: %q is listed twice", c))
		case !geo.Known(c):
			msg := fmt.Sprintf("iso: unknown country code %q: write an ISO 3166-1 alpha-3 code that the maps know, such as \"KHM\"", c)
			if up := strings.ToUpper(c); up != c && geo.Known(up) {
				msg = fmt.Sprintf("iso: unknown country code %q (did you mean %q?)", c, up)
			}
			b.fail(m.Errorf(line, "%s", msg))
		}
	}
}

// oneBriefPerCountry rejects a country code (iso) that two briefs give: the maps draw a
// country as a link to one brief, and a brief copied to start another keeps the codes of
// the one it was copied from, which would leave the new brief off the world map without a
// word. The error is the copy's: the brief whose file is not named after its title (a
// copy keeps the title too); failing that, the later one. Site-wide, so not remembered
// page by page as validate's findings are.
func (b *builder) oneBriefPerCountry() {
	var codes []string
	briefs := map[string][]*content.File{} // by code, in page order
	for _, p := range b.site.Pages {
		m := p.Master
		if p.Kind != KindCountry {
			continue
		}
		for _, code := range m.Front.ISO {
			switch have := briefs[code]; {
			case len(have) == 0:
				codes = append(codes, code)
			case slices.Contains(have, m):
				continue // another page of the brief, or twice in one file: validateISO
			}
			briefs[code] = append(briefs[code], m)
		}
	}
	for _, code := range codes {
		have := briefs[code]
		if len(have) < 2 {
			continue
		}
		b.failCopies(have, slices.IndexFunc(have, namedAfterTitle), "iso", func(o *content.File) string {
			return fmt.Sprintf("iso: %q is also the country of %s:%d: each country has one brief", code, o.Name, o.Line("iso"))
		})
	}
}

// failCopies reports each brief of have, which share what only one brief may have, as a
// copy of have[original], at its key's line: msg says what they share, with the original
// o. With original < 0 the copy cannot be told: the later ones are named, without blame.
func (b *builder) failCopies(have []*content.File, original int, key string, msg func(o *content.File) string) {
	guess := "was this file copied from it?"
	if original < 0 {
		original, guess = 0, "one of the two was probably copied from the other"
	}
	o := have[original]
	for i, m := range have {
		if i != original {
			b.fail(m.Errorf(m.Line(key), "%s (%s)", msg(o), guess))
		}
	}
}

// oneTitlePerBrief rejects a brief whose title another brief of its language has: a brief
// copied to start another (README, "Adding a brief") and not yet rewritten published a
// second "Sudan", with Sudan's text, under a new address. The error is the copy's when
// the original is plain: the one named after its title or, for a translation, whose title
// is the glossary's name for its source's (sudan.md titled スーダン translates Sudan, and
// chad.md titled スーダン translates Chad); otherwise (theme files are not named after their titles) it names both and blames
// neither. A page shown in another language's text is its source's.
func (b *builder) oneTitlePerBrief() {
	type titleKey struct{ lang, title string }
	type brief struct{ file, master *content.File }
	var titles []titleKey
	briefs := map[titleKey][]brief{}
	for _, p := range b.site.Pages {
		if (p.Kind != KindCountry && p.Kind != KindTheme) || p.Fallback {
			continue
		}
		k := titleKey{p.Lang, strings.TrimSpace(p.File.Front.Title)}
		if len(briefs[k]) == 0 {
			titles = append(titles, k)
		}
		briefs[k] = append(briefs[k], brief{p.File, p.Master})
	}
	for _, k := range titles {
		have := briefs[k]
		if len(have) < 2 {
			continue
		}
		original := slices.IndexFunc(have, func(x brief) bool { return namedAfterTitle(x.file) })
		if original < 0 {
			// A translation: the one whose title is the glossary's name for its source's
			// (スーダン for Sudan), not for another's.
			original = slices.IndexFunc(have, func(x brief) bool {
				return x.master != nil && x.master != x.file && b.glossaryPair(x.master.Front.Title, x.file.Front.Title)
			})
		}
		files := make([]*content.File, len(have))
		for i, x := range have {
			files[i] = x.file
		}
		b.failCopies(files, original, "title", func(o *content.File) string {
			return fmt.Sprintf("title %q is also the title of %s:%d: each brief has its own", k.title, o.Name, o.Line("title"))
		})
	}
}

// glossaryPair reports whether the glossary gives ja as the Japanese name of en.
func (b *builder) glossaryPair(en, ja string) bool {
	if b.site.Glossary == nil {
		return false
	}
	return slices.ContainsFunc(b.site.Glossary.Terms, func(t glossary.Term) bool {
		return strings.EqualFold(t.EN, strings.TrimSpace(en)) && t.JA == strings.TrimSpace(ja)
	})
}

// suggestTheme is the theme slug t was probably meant as: a near spelling, or the one
// slug whose words include all of t's ("refugees" for refugees-and-humanitarian-aid,
// which is too many letters away to be a misspelling); "" if none is, or several.
func suggestTheme(t string, slugs []string) string {
	if sug := tomlx.Suggest(t, slugs); sug != "" {
		return sug
	}
	words := strings.Split(strings.ToLower(t), "-")
	found := ""
	for _, slug := range slugs {
		has := strings.Split(slug, "-")
		if !slices.ContainsFunc(words, func(w string) bool { return w == "" || !slices.Contains(has, w) }) {
			if found != "" {
				return "" // several: the message lists them all
			}
			found = slug
		}
	}
	return found
}

// namedAfterTitle reports whether f's file name is its title's slug: sudan.md titled
// Sudan, not chad.md titled Sudan.
func namedAfterTitle(f *content.File) bool {
	return strings.TrimSuffix(path.Base(f.Name), ".md") == markdown.Slugify(f.Front.Title)
}

func regionSlugs(b *builder) []string {
	var out []string
	for _, r := range b.site.Config.Regions {
		out = append(out, r.Slug)
	}
	return out
}

func (b *builder) themeSlugs() []string {
	var out []string
	for _, k := range b.keys {
		if slug, ok := strings.CutPrefix(k, "themes/"); ok && slug != "_index" {
			out = append(out, slug)
		}
	}
	return out
}

// conflicts reports every language-neutral value that translation t writes differently
// from master m, naming both files.
func (b *builder) conflicts(m, t *content.File, stale bool) {
	report := func(line, mline int, what string, tv, mv any) {
		b.fail(t.Errorf(line, "%s is %v here but %v in %s:%d; language-neutral values are written once, in %s (remove it here)", what, plain(tv), plain(mv), m.Name, mline, m.Name))
	}
	tf, mf := &t.Front, &m.Front
	if tf.Weight != nil && (mf.Weight == nil || *tf.Weight != *mf.Weight) {
		report(t.Line("weight"), m.Line("weight"), "weight", *tf.Weight, show(mf.Weight))
	}
	if tf.Region != nil && (mf.Region == nil || *tf.Region != *mf.Region) {
		report(t.Line("region"), m.Line("region"), "region", quote(*tf.Region), showq(mf.Region))
	}
	if tf.ISO != nil && !slices.Equal(tf.ISO, mf.ISO) {
		report(t.Line("iso"), m.Line("iso"), "iso", fmt.Sprintf("%q", []string(tf.ISO)), fmt.Sprintf("%q", []string(mf.ISO)))
	}
	if t.Defined("themes") && !slices.Equal(tf.Themes, mf.Themes) {
		report(t.Line("themes"), m.Line("themes"), "themes", fmt.Sprintf("%q", tf.Themes), fmt.Sprintf("%q", mf.Themes))
	}
	if tf.Facts != nil {
		var mfacts content.Facts
		if mf.Facts != nil {
			mfacts = *mf.Facts
		}
		for _, c := range []struct {
			key    string
			tv, mv *float64
		}{
			{"area_km2", tf.Facts.AreaKm2, mfacts.AreaKm2},
			{"population_millions", tf.Facts.PopulationMillions, mfacts.PopulationMillions},
			{"gdp_per_capita_usd", tf.Facts.GDPPerCapitaUSD, mfacts.GDPPerCapitaUSD},
		} {
			if c.tv != nil && (c.mv == nil || *c.tv != *c.mv) {
				report(t.Line("facts", c.key), m.Line("facts", c.key), "facts."+c.key, *c.tv, show(c.mv))
			}
		}
		if tf.Facts.Year != nil && (mfacts.Year == nil || *tf.Facts.Year != *mfacts.Year) {
			report(t.Line("facts", "year"), m.Line("facts", "year"), "facts.year", *tf.Facts.Year, show(mfacts.Year))
		}
	}
	// counted says whether the translation has as many items of table as the source; the
	// items' texts (tt, mt, in the languages tl and ml) name the one a translation lacks or
	// adds, when that can be told.
	counted := func(table string, tt, mt []string, tl, ml string) bool {
		tn, mn := len(tt), len(mt)
		switch {
		case tn == 0 || tn == mn:
			return true
		case stale:
			// The source may have gained or lost an item since the translation: the page
			// shows the source's items until the counts match again. An author of the
			// source alone does not stop the build; make check says which side changed.
			b.site.Warnings = append(b.site.Warnings, fmt.Sprintf("%s:%d: %d [[%s]] here but %d in %s, and this translation was marked against an earlier version of that file: the %s page shows the %s %s until the counts match (make check says which side changed)", t.Name, t.Line(table), tn, table, mn, m.Name, t.Lang, m.Lang, table))
		default:
			which, item := "", strings.TrimSuffix(table, "s")
			if i, j, ok := extraItem(mt, tt, ml, tl); ok {
				which = ": the one missing here seems to be " + oneOf(item, i, j, "of "+m.Name, m.ItemLine(table, i, ""), mt[i])
			} else if i, j, ok := extraItem(tt, mt, tl, ml); ok {
				which = ": the one too many seems to be " + oneOf(item, i, j, "here", t.ItemLine(table, i, ""), tt[i])
			}
			b.fail(t.Errorf(t.Line(table), "%d [[%s]] here but %d in %s: a translation has the same %s in the same order%s", tn, table, mn, m.Name, table, which))
		}
		return false
	}
	if counted("events", eventTexts(tf.Events), eventTexts(mf.Events), t.Lang, m.Lang) {
		for i, e := range tf.Events {
			if e.Date != nil && (mf.Events[i].Date == nil || *e.Date != *mf.Events[i].Date) {
				report(t.ItemLine("events", i, "date"), m.ItemLine("events", i, "date"), fmt.Sprintf("the date of event %d", i+1), quote(*e.Date), showq(mf.Events[i].Date))
			}
		}
	}
	if counted("figures", figureTexts(tf.Figures), figureTexts(mf.Figures), t.Lang, m.Lang) {
		for i, g := range tf.Figures {
			mg := mf.Figures[i]
			if g.Value != nil && (mg.Value == nil || *g.Value != *mg.Value) {
				report(t.ItemLine("figures", i, "value"), m.ItemLine("figures", i, "value"), fmt.Sprintf("the value of figure %d", i+1), *g.Value, show(mg.Value))
			}
			if g.Unit != nil && (mg.Unit == nil || *g.Unit != *mg.Unit) {
				report(t.ItemLine("figures", i, "unit"), m.ItemLine("figures", i, "unit"), fmt.Sprintf("the unit of figure %d", i+1), quote(*g.Unit), showq(mg.Unit))
			}
			if g.Approx != nil && deref(g.Approx) != deref(mg.Approx) {
				report(t.ItemLine("figures", i, "approx"), m.ItemLine("figures", i, "approx"), fmt.Sprintf("the approx of figure %d", i+1), quote(*g.Approx), quote(deref(mg.Approx)))
			}
		}
	}
	// A correction quotes the source document as it is in both files: the quotes line up.
	counted("corrections", correctionSources(tf.Corrections), correctionSources(mf.Corrections), m.Lang, m.Lang)
}

func eventTexts(events []content.Event) []string {
	out := make([]string, len(events))
	for i, e := range events {
		out[i] = e.Text
	}
	return out
}

// figureTexts are the labels of figures; not their values, which a translation inherits
// and so leaves out.
func figureTexts(figures []content.Figure) []string {
	out := make([]string, len(figures))
	for i, g := range figures {
		out[i] = g.Label
	}
	return out
}

func correctionSources(corrections []content.Correction) []string {
	out := make([]string, len(corrections))
	for i, c := range corrections {
		out[i] = c.Source
	}
	return out
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// quoteAll quotes each of list and joins them: `"", "about"`.
func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = quote(s)
	}
	return strings.Join(q, ", ")
}

// plain writes a number of the front matter as a translator wrote it, 200000000 rather
// than %v's 2e+08.
func plain(v any) any {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return v
}

func show[T any](p *T) any {
	if p == nil {
		return "not set"
	}
	return *p
}

func showq(p *string) string {
	if p == nil {
		return "not set"
	}
	return quote(*p)
}

// NoSource is the build's error for a file of another language than the default whose
// default-language file does not exist, when the file cannot be a page of its own: why
// its other errors arise. TranslatesMissing is the error for such a file marked as a
// translation (source_hash). The translation check, which reports such a file as an
// orphan, leaves these errors out.
func NoSource(source string) string {
	return "there is no " + source + ": if this file translates a page that was renamed or removed, rename or delete it too"
}

// TranslatesMissing: see NoSource.
func TranslatesMissing(source string) string {
	return "translates " + source + ", which does not exist (delete this file, or restore or rename the source)"
}
