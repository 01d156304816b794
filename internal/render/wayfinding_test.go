package render_test

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"peacebuilding/internal/render"
	"peacebuilding/internal/site"
	"peacebuilding/internal/sitetest"
)

// realViews builds the real site and returns a view of its timeline page per language.
func realViews(t *testing.T) (*site.Site, map[string]*render.View) {
	t.Helper()
	fsys := os.DirFS(sitetest.RepoRoot())
	s := buildSite(t, fsys)
	r := newRenderer(t, fsys, s.Config)
	views := map[string]*render.View{}
	for _, lang := range s.Config.LanguageCodes() {
		views[lang] = r.NewView(s, "timeline", lang, lang+"/timeline/", "timeline", nil)
	}
	return s, views
}

// Briefs retell one event in their own words; the timeline shows it once, with a link to
// each brief. The cases are the real content's: the retellings the issue names and the
// others of one date found by reading the briefs, and events of one date that differ.
func TestTimelineMergesRetoldEvents(t *testing.T) {
	s, views := realViews(t)
	var counts []int
	for _, lang := range s.Config.LanguageCodes() {
		entries := map[string][][]string{} // date -> the briefs of each of its entries
		n, events := 0, 0
		for _, y := range views[lang].Timeline() {
			for _, e := range y.Entries {
				n++
				var pages []string
				for _, p := range e.Pages {
					if slices.Contains(pages, p.Key) {
						t.Errorf("%s: one entry of %s has two events of %s", lang, e.Event.Raw, p.Key)
					}
					pages = append(pages, p.Key)
				}
				entries[e.Event.Raw] = append(entries[e.Event.Raw], pages)
				if y.Year != e.Event.Date.Year {
					t.Errorf("%s: an event of %s is under the year %d", lang, e.Event.Raw, y.Year)
				}
			}
		}
		for _, p := range s.Pages {
			if p.Lang == lang && (p.Kind == site.KindCountry || p.Kind == site.KindTheme) {
				events += len(p.Events)
			}
		}
		counts = append(counts, n)
		together := func(raw, a, b string) bool {
			return slices.ContainsFunc(entries[raw], func(pages []string) bool { return slices.Contains(pages, a) && slices.Contains(pages, b) })
		}
		for _, c := range []struct{ raw, a, b string }{
			{"1992-06", "countries/cambodia", "themes/reconstruction"},       // ICORC
			{"1992-06", "countries/cambodia", "themes/peacekeeping"},         // the Peace Cooperation Law
			{"1997-07", "countries/cambodia", "themes/elections-and-police"}, // the armed clash
			{"1999", "countries/cambodia", "themes/rule-of-law"},             // judicial reform
			{"1999-08", "countries/timor-leste", "themes/elections-and-police"},
			{"2007-02", "countries/timor-leste", "themes/peacekeeping"},
			{"2007-02", "themes/elections-and-police", "themes/peacekeeping"},
			{"2003-03-20", "countries/iraq", "themes/refugees-and-humanitarian-aid"},                 // aid as the offensive began
			{"2004-04", "countries/bosnia-and-herzegovina", "themes/education-sport-reconciliation"}, // the "peace ball"
		} {
			if !together(c.raw, c.a, c.b) {
				t.Errorf("%s: the event of %s on %s and on %s are not one entry: %v", lang, c.raw, c.a, c.b, entries[c.raw])
			}
		}
		for _, c := range []struct{ raw, a, b string }{
			{"2004-04", "countries/afghanistan", "countries/bosnia-and-herzegovina"}, // Berlin and Tokyo
			{"2006-02", "countries/burundi", "countries/sudan"},                      // mine clearance, TICAD
			{"2006-12", "themes/human-security", "themes/small-arms"},
			{"1998", "countries/cambodia", "themes/human-security"},
		} {
			if together(c.raw, c.a, c.b) {
				t.Errorf("%s: different events of %s on %s and %s are one entry", lang, c.raw, c.a, c.b)
			}
		}
		if n >= events {
			t.Errorf("%s: %d entries for %d events: nothing merged", lang, n, events)
		}
	}
	if counts[0] != counts[1] {
		t.Errorf("the languages merge differently: %v entries", counts)
	}
}

func TestFilterIDsAreUniqueAndMatchEntries(t *testing.T) {
	_, views := realViews(t)
	v := views["en"]
	seen := map[string]bool{}
	for _, p := range v.FilterPages("") {
		id := render.FilterID(p)
		if seen[id] || strings.ContainsAny(id, " /#") {
			t.Errorf("filter id %q is repeated or not a plain id", id)
		}
		seen[id] = true
	}
	for _, y := range v.Timeline() {
		for _, e := range y.Entries {
			for _, c := range strings.Fields(e.FilterClasses()) {
				if !seen[c] {
					t.Errorf("entry of %s has class %q, which no filter link targets", e.Event.Raw, c)
				}
			}
		}
	}
}

// A term's "used in" links lead to pages whose content file writes the term (the English
// form in any case, or the abbreviation, on English pages; the official form or the
// abbreviation on Japanese ones); the brief of a country that is a term uses it.
func TestGlossaryUsedInLeadsToBriefsThatWriteTheTerm(t *testing.T) {
	s, views := realViews(t)
	for _, lang := range s.Config.LanguageCodes() {
		listed := 0
		for _, e := range views[lang].GlossaryEntries() {
			for _, p := range e.UsedIn {
				listed++
				src := p.File.FrontSource + p.File.Body
				form, abbr := e.JA, e.Abbr
				if lang == "en" {
					src, form, abbr = strings.ToLower(src), strings.ToLower(e.EN), e.EnglishAbbr()
				}
				if !strings.Contains(src, form) && (abbr == "" || !strings.Contains(p.File.FrontSource+p.File.Body, abbr)) {
					t.Errorf("%s: %q is said to be used in %s, whose file does not write it", lang, form, p.Key)
				}
			}
			if e.EN == "Cambodia" && !slices.ContainsFunc(e.UsedIn, func(p *site.Page) bool { return p.Key == "countries/cambodia" }) {
				t.Errorf("%s: the Cambodia brief is not among the uses of %q", lang, e.JA)
			}
			// A term of a page that is not a brief is used there too: "failed states" is
			// on the home page alone.
			if e.EN == "failed states" && !slices.ContainsFunc(e.UsedIn, func(p *site.Page) bool { return p.Key == "_index" }) {
				t.Errorf("%s: the home page is not among the uses of %q", lang, e.EN)
			}
		}
		if listed == 0 {
			t.Errorf("%s: no term is used anywhere", lang)
		}
	}
}

// Jump links: each initial with terms leads to the first of them, and the initials
// without terms are not links.
func TestGlossaryInitialsLeadToTheirFirstTerm(t *testing.T) {
	s, views := realViews(t)
	for _, lang := range s.Config.LanguageCodes() {
		first := map[string]int{}
		entries := views[lang].GlossaryEntries()
		for i, e := range entries {
			if e.First {
				first[e.Initial] = i
			}
		}
		for _, in := range views[lang].GlossaryInitials() {
			i, ok := first[in.Label]
			if in.Has != ok {
				t.Errorf("%s: initial %q: link %v, first term found %v", lang, in.Label, in.Has, ok)
			}
			if ok && slices.ContainsFunc(entries[:i], func(e render.GlossaryEntry) bool { return e.Initial == in.Label }) {
				t.Errorf("%s: initial %q does not lead to its first term", lang, in.Label)
			}
		}
	}
}

// The world map tells a small country's region by its marker's shape as well as its
// colour: each region of the real site's legend has its own shape, and every brief's
// marker is its region's (the legend draws the shape centred in its 20 by 14 box).
func TestWorldMapMarkersShapedByRegion(t *testing.T) {
	s, views := realViews(t)
	for _, lang := range s.Config.LanguageCodes() {
		m := views[lang].WorldMap()
		if m == nil || len(m.Regions) < 2 {
			t.Fatalf("%s: a world map of fewer than two regions", lang)
		}
		shapes := map[string]string{} // legend marker -> region
		byRegion := map[string]string{}
		for _, r := range m.Regions {
			if other, dup := shapes[r.MarkerD]; dup {
				t.Errorf("%s: regions %s and %s have the same marker", lang, other, r.Slug)
			}
			shapes[r.MarkerD], byRegion[r.Slug] = r.Slug, r.MarkerD
		}
		for _, l := range m.Links {
			// The same shape as the legend's, which is centred on (10, 7).
			if got, want := shapeOf(t, l.MarkerD, l.Marker.X, l.Marker.Y), shapeOf(t, byRegion[l.Region], 10, 7); got != want {
				t.Errorf("%s: %s's marker %q (%s) is not its region's shape %q (%s)", lang, l.Codes(), l.MarkerD, got, byRegion[l.Region], want)
			}
		}
	}
}

// shapeOf reduces a marker path centred on (x, y) to what tells the shapes apart: the
// kinds of its commands and where its first point lies from the centre (a triangle's
// apex above it, an upside-down one's below).
func shapeOf(t *testing.T, d string, x, y float64) string {
	t.Helper()
	var px, py float64
	if _, err := fmt.Sscanf(d, "M%g %g", &px, &py); err != nil {
		t.Fatalf("marker path %q does not start with a point: %v", d, err)
	}
	sign := func(v float64) string {
		switch {
		case v < -0.5:
			return "-"
		case v > 0.5:
			return "+"
		}
		return "0"
	}
	kinds := strings.Map(func(r rune) rune {
		if strings.ContainsRune("MLHVaZ", r) {
			return r
		}
		return -1
	}, d)
	return kinds + sign(px-x) + sign(py-y)
}

// No two markers of the world map overlap: Sierra Leone's and Liberia's were one on the
// other, and each is its country's link.
func TestWorldMapMarkersDoNotOverlap(t *testing.T) {
	s, views := realViews(t)
	for _, lang := range s.Config.LanguageCodes() {
		m := views[lang].WorldMap()
		for i, a := range m.Links {
			for _, b := range m.Links[i+1:] {
				if d := math.Hypot(a.Marker.X-b.Marker.X, a.Marker.Y-b.Marker.Y); d < 15.99 {
					t.Errorf("%s: the markers of %s and %s are %.1f apart, want 16 at least", lang, a.Codes(), b.Codes(), d)
				}
			}
		}
	}
}

// HasCharts, which "On this page" asks before the charts are made, agrees with Charts on
// every page of the real site: a contents entry without its section would lead nowhere.
func TestHasChartsIsCharts(t *testing.T) {
	fsys := os.DirFS(sitetest.RepoRoot())
	s := buildSite(t, fsys)
	r := newRenderer(t, fsys, s.Config)
	with := 0
	for _, p := range s.Pages {
		v := r.PageJob(s, p).View
		if got, want := v.HasCharts(), len(v.Charts()) > 0; got != want {
			t.Errorf("%s: HasCharts = %v, but %d charts", p.URL, got, len(v.Charts()))
		}
		if v.HasCharts() {
			with++
		}
	}
	if with == 0 {
		t.Error("no page of the real site has charts")
	}
}
