package render

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"peacebuilding/internal/publish"
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
// word pairs is at least mergeThreshold. On the real content the 35 pairs of one date
// that tell one event score 0.37 to 1.00, and the pairs that tell two events at most
// 0.29 (the Tokyo conference on the Western Balkans and the "peace ball" signed there;
// TestTimelineMergesRetoldEvents lists the cases).

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
	// ID is the entry's id on the timeline page, which the search links to: its date and
	// the key of its first brief in section order, "e-2003-06-countries-sri-lanka" (a
	// brief that tells the event at more length, or later in the order, leaves it as it
	// is), with _2, _3 after the first of one date and brief (no key has a _).
	ID string
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

// TimelineStyle is the rules of the timeline's filter by country or theme of one language,
// <lang>/timeline/filter.css, which the timeline page links. The filter works without
// script: a link to #f-<brief> targets an empty element before the chart and the years,
// and these rules show its notice, fade the chart's marks of other briefs (not to be
// clicked while faded), hide their events and the years left empty, and mark the chosen
// link. A file rather than a <style> in the page, so that the Content-Security-Policy of
// deploy/ needs no 'unsafe-inline'.
func TimelineStyle(s *site.Site, lang string) publish.File {
	v := &View{Site: s, Lang: lang}
	chart := v.hasTimelineChart()
	pages := v.FilterPages("")
	// Written straight into the bytes of the file, sized for its rules (about 400 bytes
	// a brief): at 10,000 briefs per language a builder's doublings and the copy into
	// bytes held three times the file's four megabytes at the build's end.
	var b bytes.Buffer
	b.Grow(len(pages) * 512)
	for _, p := range pages {
		id := cssIdent(FilterID(p))
		fmt.Fprintf(&b, "#%[1]s:target~.timeline .timeline-year li:not(.%[1]s),#%[1]s:target~.timeline .timeline-year:not(:has(.%[1]s)){display:none}\n", id)
		fmt.Fprintf(&b, "#%[1]s:target~.timeline .timeline-filter a[href=%[2]q]{font-weight:700;color:var(--text);background:var(--notice)}\n", id, "#"+FilterID(p))
		fmt.Fprintf(&b, "#%[1]s:target~.filter-status.%[1]s{display:block}\n", id)
		if chart {
			// A faded mark cannot be clicked: faded to 1.3:1 it is too faint to be a
			// target (WCAG 1.4.11), and its event is hidden from the list.
			fmt.Fprintf(&b, "#%[1]s:target~.timeline-chart a:not(.%[1]s){opacity:.15;pointer-events:none}\n", id)
		}
	}
	return publish.File{Path: lang + "/timeline/filter.css", Data: b.Bytes()}
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

// timelineEvent is one event of one brief, with the text the merge compares.
type timelineEvent struct {
	site.Event
	page   *site.Page
	master string // the default language's text of the event
	text   int    // the number of master among the distinct texts of the date
	grams  []uint64
}

// Timeline gathers the events of this language's country and theme briefs, oldest first,
// retold events merged; entries of one date keep page order.
//
// A site of thousands of briefs has tens of thousands of events: the words compared are
// made for one date at a time, and only for dates with more than one event, and the
// entries' lists of briefs share one array, so that the timeline's page holds little
// more than its entries while it renders.
func (v *View) Timeline() []TimelineYear { return Timeline(v.Site, v.Lang) }

// Timeline is the timeline of lang's briefs (View.Timeline), which the search index
// lists as the page shows it: one result per entry, at the entry.
func Timeline(s *site.Site, lang string) []TimelineYear {
	briefs := append(s.Section(lang, site.KindCountry), s.Section(lang, site.KindTheme)...)
	n := 0
	for _, p := range briefs {
		n += len(p.Events)
	}
	events := make([]timelineEvent, 0, n)
	for _, p := range briefs {
		master := s.Lookup(s.Config.DefaultLanguage, p.Key)
		for i, e := range p.Events {
			text := e.Text
			if master != nil && i < len(master.Events) {
				text = master.Events[i].Text
			}
			events = append(events, timelineEvent{Event: e, page: p, master: text})
		}
	}
	slices.SortStableFunc(events, func(a, b timelineEvent) int { return a.Date.Compare(b.Date) })

	var years []TimelineYear
	var m merger
	m.pages = make([]*site.Page, 0, len(events))
	ids := map[string]int{}
	for start := 0; start < len(events); {
		end := start + 1
		for end < len(events) && events[end].Date.Compare(events[start].Date) == 0 {
			end++
		}
		for _, e := range m.mergeRetold(events[start:end]) {
			e.ID = "e-" + e.Event.Raw + "-" + strings.ReplaceAll(e.Pages[0].Key, "/", "-")
			if ids[e.ID]++; ids[e.ID] > 1 {
				e.ID += "_" + strconv.Itoa(ids[e.ID])
			}
			if len(years) == 0 || years[len(years)-1].Year != e.Event.Date.Year {
				years = append(years, TimelineYear{Year: e.Event.Date.Year})
			}
			years[len(years)-1].Entries = append(years[len(years)-1].Entries, e)
		}
		start = end
	}
	return years
}

// merger is what the merge of one date's events reuses for the next date.
type merger struct {
	scratch gramScratch
	grams   []uint64     // the grams of every distinct text of the date, one after the other
	pages   []*site.Page // the entries' Pages, one after the other
	// A date of a large site has hundreds of events told in a few texts: each distinct
	// text's grams are made once, and each pair of texts is compared once.
	texts   map[string]int  // master text -> its number
	gramsOf [][]uint64      // the grams of each text, by number
	alike   map[[2]int]bool // pairs of texts compared, smaller number first
}

// mergeGroup is the events that tell one event, and the distinct texts they tell it in.
type mergeGroup struct {
	events []*timelineEvent
	texts  []int
}

// mergeRetold groups the events of one date: an event joins the first group it is alike
// to (with any of its members) that has no event of its brief yet.
func (m *merger) mergeRetold(events []timelineEvent) []TimelineEntry {
	if len(events) > 1 {
		m.grams, m.gramsOf = m.grams[:0], m.gramsOf[:0]
		if m.texts == nil {
			m.texts, m.alike = map[string]int{}, map[[2]int]bool{}
		}
		clear(m.texts)
		clear(m.alike)
		for i := range events {
			id, ok := m.texts[events[i].master]
			if !ok {
				start := len(m.grams)
				m.grams = append(m.grams, m.scratch.textGrams(events[i].master)...)
				id = len(m.gramsOf)
				m.texts[events[i].master] = id
				m.gramsOf = append(m.gramsOf, m.grams[start:len(m.grams):len(m.grams)])
			}
			events[i].text = id
		}
		// m.grams has stopped growing: the texts' slices stay valid.
		for i := range events {
			events[i].grams = m.gramsOf[events[i].text]
		}
	}
	var groups []mergeGroup
	for i := range events {
		e := &events[i]
		joined := false
		for gi := range groups {
			g := &groups[gi]
			if slices.ContainsFunc(g.events, func(m *timelineEvent) bool { return m.page == e.page }) {
				continue
			}
			if slices.ContainsFunc(g.texts, func(t int) bool { return m.alikeTexts(t, e.text) }) {
				g.events = append(g.events, e)
				if !slices.Contains(g.texts, e.text) {
					g.texts = append(g.texts, e.text)
				}
				joined = true
				break
			}
		}
		if !joined {
			groups = append(groups, mergeGroup{events: []*timelineEvent{e}, texts: []int{e.text}})
		}
	}
	entries := make([]TimelineEntry, 0, len(groups))
	for _, g := range groups {
		// The longest telling says most; the first of equals, to be deterministic.
		shown := g.events[0]
		for _, e := range g.events[1:] {
			if len(e.grams) > len(shown.grams) {
				shown = e
			}
		}
		start := len(m.pages)
		for _, e := range g.events {
			m.pages = append(m.pages, e.page)
		}
		entries = append(entries, TimelineEntry{Event: shown.Event, Page: shown.page, Pages: m.pages[start:len(m.pages):len(m.pages)]})
	}
	for i := range events {
		events[i].grams = nil // the next date reuses m.grams
	}
	return entries
}

// gramScratch is the memory textGrams reuses from one text to the next.
type gramScratch struct {
	lower []byte   // the words of the text in lower case, one after the other
	units [][2]int // the words (or pairs of characters) of lower, as spans
	grams []uint64 // before sorting
}

// textGrams are the hashes (FNV-1a) of the lower-case words of text and of its pairs of
// consecutive words (the two words with a space between them), sorted and without
// repeats. A Japanese master text has no spaces: its words are then its pairs of
// characters. They are valid until the next call.
func (g *gramScratch) textGrams(text string) []uint64 {
	g.lower, g.units = g.lower[:0], g.units[:0]
	start, runes := -1, 0 // the word being read: where it starts in lower, its characters
	var first rune
	endWord := func() {
		if start < 0 {
			return
		}
		if runes > 1 && !isLatin(first) {
			// Every pair of characters: from each character to the end of the next.
			for i := start; ; {
				_, n := utf8.DecodeRune(g.lower[i:])
				_, m := utf8.DecodeRune(g.lower[i+n:])
				g.units = append(g.units, [2]int{i, i + n + m})
				if i = i + n; i+m == len(g.lower) {
					break
				}
			}
		} else {
			g.units = append(g.units, [2]int{start, len(g.lower)})
		}
		start = -1
	}
	for _, r := range text {
		r = unicode.ToLower(r)
		if !wordRune(r) {
			endWord()
			continue
		}
		if start < 0 {
			start, runes, first = len(g.lower), 0, r
		}
		g.lower = utf8.AppendRune(g.lower, r)
		runes++
	}
	endWord()
	g.grams = g.grams[:0]
	prev := uint64(0)
	for i, u := range g.units {
		h := fnv1a(fnvOffset, g.lower[u[0]:u[1]])
		g.grams = append(g.grams, h)
		if i > 0 {
			g.grams = append(g.grams, fnv1a(fnv1a(prev, []byte(" ")), g.lower[u[0]:u[1]]))
		}
		prev = h
	}
	slices.Sort(g.grams)
	return slices.Compact(g.grams)
}

const fnvOffset = 14695981039346656037

// fnv1a continues the 64-bit FNV-1a hash h over b: the hash of a string and a space is
// where the hash of the string with the next word starts.
func fnv1a(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func isLatin(r rune) bool { return r < 0x250 }

// alikeTexts reports whether the texts numbered a and b of the date are alike.
func (m *merger) alikeTexts(a, b int) bool {
	key := [2]int{min(a, b), max(a, b)}
	same, ok := m.alike[key]
	if !ok {
		same = alike(m.gramsOf[a], m.gramsOf[b])
		m.alike[key] = same
	}
	return same
}

// alike reports whether the Dice coefficient of two sorted sets, 2|a∩b| / (|a|+|b|), is
// at least mergeThreshold. Most events of a date tell other events: the count stops as
// soon as what is left of the shorter set could not reach it.
func alike(a, b []uint64) bool {
	n := float64(len(a) + len(b))
	reaches := func(common int) bool { return n > 0 && 2*float64(common)/n >= mergeThreshold }
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		if !reaches(common + min(len(a)-i, len(b)-j)) {
			return false
		}
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
	return reaches(common)
}
