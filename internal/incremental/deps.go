package incremental

import (
	"slices"

	"peacebuilding/internal/content"
	"peacebuilding/internal/site"
)

// What an output depends on. There are two kinds of output:
//
//   - A brief (a country or theme page) shows its own page and, of the pages it links to
//     in its lists (its translations in the language switch, a country's themes and
//     related countries, a theme's countries, its previous and next briefs), only what a link shows: URL, title,
//     summary, language, fallback. Its Markdown links were resolved when its body was
//     converted, so a change of their targets shows in its own Body (see site.Memo).
//     A brief is rendered again when its own page or one of those links changed.
//   - Everything else is made from many pages: the home, section and stand-alone pages
//     (the about page lists every correction), the timeline, figures, glossary and print
//     booklet, the chooser, the 404 page, the sitemap and robots.txt. Such an aggregate
//     is out of date as soon as any page changed.
//
// The layouts of briefs (country.html, theme.html and what they include) are read to
// check that (layouts.go): a page they name with .Link "key" is one more link of every
// brief, and if they read anything else of the site, briefs are aggregates too.

// isBrief reports whether p is rendered as a brief (render.PageJob gives countries and
// themes the layouts country and theme, those of briefLayouts).
func isBrief(p *site.Page) bool { return p.Kind == site.KindCountry || p.Kind == site.KindTheme }

// diff is what changed between the old model and the new one.
type diff struct {
	old, new *site.Site
	// changed holds the pages of the new model that are new or differ from the old
	// page of the same language and key.
	changed map[*site.Page]bool
	removed bool // a page of the old model is gone
	// copies says that the translations not yet translated, which no page shows and the
	// translation status reads, were added, removed or edited.
	copies bool
	// keyChanged holds the languages in which a page of keys (the pages brief layouts
	// name) appeared, vanished or shows differently.
	keyChanged map[string]bool
}

func compare(old, s *site.Site, keys []string) *diff {
	d := &diff{old: old, new: s, changed: map[*site.Page]bool{}, keyChanged: map[string]bool{}}
	for i, p := range s.Pages {
		// Pages come in the order of language and key: unless a page was added or
		// removed, the old page is at the same place.
		var o *site.Page
		if i < len(old.Pages) && sameKey(old.Pages[i], p) {
			o = old.Pages[i]
		} else {
			o = old.Lookup(p.Lang, p.Key)
		}
		if o == nil || !samePage(o, p) {
			d.changed[p] = true
		}
	}
	d.removed = len(old.Pages) != len(s.Pages)-countNew(d)
	d.copies = !slices.Equal(old.NotYetTranslated(), s.NotYetTranslated()) // a file edited is read anew
	for _, l := range s.Config.Languages {
		for _, key := range keys {
			if !d.sameLinkTo(old.Lookup(l.Code, key), s.Lookup(l.Code, key)) {
				d.keyChanged[l.Code] = true
			}
		}
	}
	return d
}

// countNew counts the changed pages that the old model does not have.
func countNew(d *diff) int {
	n := 0
	for p := range d.changed {
		if d.old.Lookup(p.Lang, p.Key) == nil {
			n++
		}
	}
	return n
}

// any reports whether any page was added, removed or changed.
func (d *diff) any() bool { return len(d.changed) > 0 || d.removed }

// briefChanged reports whether the brief of page p of the new model can render
// differently from the same brief of the old model.
func (d *diff) briefChanged(p *site.Page) bool {
	if d.changed[p] || d.keyChanged[p.Lang] {
		return true // its own values, or the pages it links to by key
	}
	// Its lists link to the same pages (samePage compares them by key): do they show
	// the same?
	for _, list := range [][]*site.Page{p.Translations, p.Themes, p.Backlinks, p.Related, p.Refs, {p.Prev, p.Next}} {
		for _, q := range list {
			if q != nil && d.changed[q] && !d.sameLinkTo(d.old.Lookup(q.Lang, q.Key), q) {
				return true
			}
		}
	}
	return false
}

// sameLinkTo compares what links to two versions of a page show; either may be nil (no
// such page).
func (d *diff) sameLinkTo(a, b *site.Page) bool {
	if a == nil || b == nil {
		return a == b
	}
	return !d.changed[b] || sameLink(a, b)
}

// samePage reports whether two versions of a page have the same values, and link to the
// same pages (by language and key). TestSamePageKnowsEveryField fails when site.Page gets
// a field that samePage does not know.
func samePage(a, b *site.Page) bool {
	return a.Lang == b.Lang && a.Kind == b.Kind && a.Key == b.Key && a.Section == b.Section &&
		a.Slug == b.Slug && a.URL == b.URL &&
		sameFile(a.File, b.File) && sameFile(a.Master, b.Master) &&
		a.Fallback == b.Fallback && a.Stale == b.Stale &&
		a.Title == b.Title && a.Summary == b.Summary && a.Weight == b.Weight &&
		a.Region.Slug == b.Region.Slug && slices.Equal(a.ISO, b.ISO) && sameFacts(a.Facts, b.Facts) &&
		sameSlice(a.Events, b.Events) && sameSlice(a.Figures, b.Figures) &&
		sameSlice(a.Corrections, b.Corrections) && a.CorrectionsLang == b.CorrectionsLang &&
		a.SameBody(b) && sameSlice(a.Headings, b.Headings) && sameSlice(a.Links, b.Links) &&
		slices.EqualFunc(a.Themes, b.Themes, sameKey) && slices.EqualFunc(a.Backlinks, b.Backlinks, sameKey) &&
		slices.EqualFunc(a.Related, b.Related, sameKey) && slices.EqualFunc(a.Translations, b.Translations, sameKey) &&
		slices.EqualFunc(a.Refs, b.Refs, sameKey) &&
		sameNeighbour(a.Prev, b.Prev) && sameNeighbour(a.Next, b.Next)
}

// sameNeighbour compares a Prev or Next link by key; either may be nil.
func sameNeighbour(a, b *site.Page) bool {
	if a == nil || b == nil {
		return a == b
	}
	return sameKey(a, b)
}

// sameSlice is slices.Equal that ends at once for the same array. Strings, slices and
// facts that site.Memo carries over are shared between builds: comparing an unchanged page
// mostly compares pointers.
func sameSlice[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || &a[0] == &b[0] || slices.Equal(a, b)
}

// sameFile compares content files by name and text: a file saved again unchanged is the
// same. Region names and every other configured value can only change with config.toml,
// which rebuilds everything.
func sameFile(a, b *content.File) bool {
	return a == b || a.Name == b.Name && a.FrontSource == b.FrontSource && a.Body == b.Body
}

func sameFacts(a, b *site.Facts) bool {
	if a == nil || b == nil || a == b {
		return a == b
	}
	return a.OfficialName == b.OfficialName && a.Capital == b.Capital && a.AreaKm2 == b.AreaKm2 &&
		a.PopulationMillions == b.PopulationMillions && slices.Equal(a.Languages, b.Languages) &&
		a.GDPPerCapitaUSD == b.GDPPerCapitaUSD && a.Year == b.Year && a.Source == b.Source
}

func sameKey(a, b *site.Page) bool { return a.Lang == b.Lang && a.Key == b.Key }

// sameLink compares what a link to a page can show: where it leads, the title and
// summary, and the language of the text.
func sameLink(a, b *site.Page) bool {
	return sameKey(a, b) && a.URL == b.URL && a.Slug == b.Slug && a.Kind == b.Kind &&
		a.Title == b.Title && a.Summary == b.Summary &&
		a.Fallback == b.Fallback && a.Stale == b.Stale &&
		a.File.Lang == b.File.Lang && a.Master.Lang == b.Master.Lang
}
