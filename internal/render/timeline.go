package render

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"unicode"

	"peacebuilding/internal/site"
)

// The timeline: every dated event of the country and theme briefs of a language, one
// entry per event. Briefs retell the same event in their own words (the 1992 conference
// that set up ICORC is on the Cambodia brief and on the reconstruction theme): events of
// the same date on different briefs whose texts are alike are one entry, with a link to
// every brief it comes from.
//
// Alike is judged on the default language's texts (the master of each page), so that
// both languages merge the same events: the Dice coefficient of the two texts' words and
// word pairs is at least mergeThreshold. On the real content the 34 pairs of one date
// that tell one event score 0.37 to 1.00, and the pairs that tell two events at most
// 0.25 (TestTimelineMergesRetoldEvents lists the cases).

// mergeThreshold is the similarity from which two events of one date are one.
const mergeThreshold = 0.35

// TimelineYear is one year of the timeline.
type TimelineYear struct {
	Year    int
	Entries []TimelineEntry
}

// TimelineEntry is one event and the briefs that tell it.
type TimelineEntry struct {
	Event site.Event   // as the first brief of Pages tells it, or the longest telling
	Page  *site.Page   // the brief whose text is shown
	Pages []*site.Page // every brief that tells the event, in section order
}

// FilterClasses are the filter keys of the entry, as class names: "f-countries-cambodia
// f-themes-ddr".
func (e TimelineEntry) FilterClasses() string {
	var keys []string
	for _, p := range e.Pages {
		keys = append(keys, FilterID(p))
	}
	return strings.Join(keys, " ")
}

// FilterID is the id (and class) that filters the timeline to the events of page p.
func FilterID(p *site.Page) string { return "f-" + strings.ReplaceAll(p.Key, "/", "-") }

// TimelineStyles are the rules of the timeline's filter by country or theme, one file per
// language, <lang>/timeline/filter.css, which the timeline page links. The filter works
// without script: a link to #f-<brief> targets an empty element before the years, and these
// rules hide the events of other briefs and the years left empty, and mark the chosen link.
// A file rather than a <style> in the page, so that the Content-Security-Policy of deploy/
// needs no 'unsafe-inline'.
func TimelineStyles(s *site.Site) []File {
	var files []File
	for _, lang := range s.Config.LanguageCodes() {
		files = append(files, TimelineStyle(s, lang))
	}
	return files
}

// TimelineStyle is the filter.css of one language (see TimelineStyles).
func TimelineStyle(s *site.Site, lang string) File {
	v := &View{Site: s, Lang: lang}
	var b strings.Builder
	for _, p := range v.FilterPages("") {
		id := cssIdent(FilterID(p))
		fmt.Fprintf(&b, "#%[1]s:target~.timeline-year li:not(.%[1]s),#%[1]s:target~.timeline-year:not(:has(.%[1]s)){display:none}\n", id)
		fmt.Fprintf(&b, "#%[1]s:target~.timeline-filter a[href=%[2]q]{font-weight:700;color:var(--text);background:var(--notice)}\n", id, "#"+FilterID(p))
		fmt.Fprintf(&b, "#%[1]s:target~.filter-status.%[1]s{display:block}\n", id)
	}
	return File{Path: lang + "/timeline/filter.css", Data: []byte(b.String())}
}

// cssIdent escapes what a CSS identifier cannot hold as is (a content file's name is a
// slug, but the build does not require it).
func cssIdent(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r == '-' || r == '_' || r >= 0x80 || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || (i > 0 && '0' <= r && r <= '9') {
			b.WriteRune(r)
			continue
		}
		fmt.Fprintf(&b, "\\%x ", r)
	}
	return b.String()
}

// FilterPages are the briefs that have events, to filter the timeline by, of kind
// "country" or "theme", or both (""), in section order.
func (v *View) FilterPages(kind string) []*site.Page {
	var out []*site.Page
	for _, k := range []string{"country", "theme"} {
		if kind != "" && kind != k {
			continue
		}
		for _, p := range v.Pages(k) {
			if len(p.Events) > 0 {
				out = append(out, p)
			}
		}
	}
	return out
}

// timelineEvent is one event of one brief, with what the merge compares.
type timelineEvent struct {
	site.Event
	page  *site.Page
	grams []uint64 // sorted, of the master text
}

// Timeline gathers the events of this language's country and theme briefs, oldest first,
// retold events merged; entries of one date keep page order.
func (v *View) Timeline() []TimelineYear {
	var events []timelineEvent
	for _, kind := range []string{"country", "theme"} {
		for _, p := range v.Pages(kind) {
			master := v.Site.Lookup(v.Site.Config.DefaultLanguage, p.Key)
			for i, e := range p.Events {
				text := e.Text
				if master != nil && i < len(master.Events) {
					text = master.Events[i].Text
				}
				events = append(events, timelineEvent{Event: e, page: p, grams: textGrams(text)})
			}
		}
	}
	slices.SortStableFunc(events, func(a, b timelineEvent) int { return a.Date.Compare(b.Date) })

	var years []TimelineYear
	for start := 0; start < len(events); {
		end := start + 1
		for end < len(events) && events[end].Date.Compare(events[start].Date) == 0 {
			end++
		}
		for _, e := range mergeRetold(events[start:end]) {
			if len(years) == 0 || years[len(years)-1].Year != e.Event.Date.Year {
				years = append(years, TimelineYear{Year: e.Event.Date.Year})
			}
			years[len(years)-1].Entries = append(years[len(years)-1].Entries, e)
		}
		start = end
	}
	return years
}

// mergeRetold groups the events of one date: an event joins the first group it is alike
// to (with any of its members) that has no event of its brief yet.
func mergeRetold(events []timelineEvent) []TimelineEntry {
	var groups [][]timelineEvent
	for _, e := range events {
		joined := false
		for gi, g := range groups {
			if slices.ContainsFunc(g, func(m timelineEvent) bool { return m.page == e.page }) {
				continue
			}
			if slices.ContainsFunc(g, func(m timelineEvent) bool { return dice(m.grams, e.grams) >= mergeThreshold }) {
				groups[gi] = append(g, e)
				joined = true
				break
			}
		}
		if !joined {
			groups = append(groups, []timelineEvent{e})
		}
	}
	entries := make([]TimelineEntry, 0, len(groups))
	for _, g := range groups {
		// The longest telling says most; the first of equals, to be deterministic.
		shown := g[0]
		for _, m := range g[1:] {
			if len(m.grams) > len(shown.grams) {
				shown = m
			}
		}
		entry := TimelineEntry{Event: shown.Event, Page: shown.page}
		for _, m := range g {
			entry.Pages = append(entry.Pages, m.page)
		}
		entries = append(entries, entry)
	}
	return entries
}

// textGrams are the hashes of the lower-case words of text and of its pairs of
// consecutive words, sorted and without repeats. A Japanese master text has no spaces:
// its words are then its pairs of characters.
func textGrams(text string) []uint64 {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var units []string
	for _, w := range words {
		if r := []rune(w); len(r) > 1 && !isLatin(r[0]) {
			for i := 0; i+1 < len(r); i++ {
				units = append(units, string(r[i:i+2]))
			}
			continue
		}
		units = append(units, w)
	}
	grams := make([]uint64, 0, 2*len(units))
	hash := func(s string) uint64 {
		h := fnv.New64a()
		h.Write([]byte(s))
		return h.Sum64()
	}
	for i, u := range units {
		grams = append(grams, hash(u))
		if i > 0 {
			grams = append(grams, hash(units[i-1]+" "+u))
		}
	}
	slices.Sort(grams)
	return slices.Compact(grams)
}

func isLatin(r rune) bool { return r < 0x250 }

// dice is the Dice coefficient of two sorted sets: 2|a∩b| / (|a|+|b|).
func dice(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}
