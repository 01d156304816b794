package render

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"peacebuilding/internal/geo"
	"peacebuilding/internal/numbers"
	"peacebuilding/internal/site"
)

// The pictures: a world map of the countries that have a brief, a locator map on each
// brief, bar charts of the figures and a timeline to look at. Each is inline SVG that
// the layouts write (layouts/pictures.html) from the values computed here: geometry and
// formatted numbers, nothing a reader needs a script for. Colours and patterns come from
// assets/style.css, by class, so that print and a dark theme can change them.

// WorldMap is the world map of a page.
type WorldMap struct {
	Title, Desc   string
	Width, Height float64
	// Land is the path of every shape without a brief, in one path element.
	Land string
	// Japan is Japan's shape, outlined: the country whose work the map shows.
	Japan       string
	JapanMarker geo.Point
	Links       []MapLink
	Regions     []MapRegion
}

// MapLink is a country with a brief on a map: a link to the brief.
//
// A brief of two countries of today (Sudan as of 2007: SDN and SSD) is one link of two
// shapes with one marker: one Tab stop and one name for a keyboard or a screen reader.
type MapLink struct {
	Page *site.Page
	// ISO are the ISO 3166-1 alpha-3 codes of its shapes, in the brief's order.
	ISO    []string
	Href   string
	Region string // the region slug, which styles it
	D      string // the shapes, one path
	Marker geo.Point
	// MarkerD is the marker's path, in its region's shape (markerPath), at the first
	// shape's anchor, or beside it where another marker stood too close (separateMarkers).
	MarkerD string
	// Hit is the centre of the link's invisible target around its marker, to a tenth
	// of a unit as the marker's path, and HitR its radius (hitRadii).
	Hit  geo.Point
	HitR float64
}

// Codes are the link's ISO codes, separated by spaces (its data-iso attribute).
func (l MapLink) Codes() string { return strings.Join(l.ISO, " ") }

// MapRegion is an entry of the map's legend, with its marker's shape drawn in the
// swatch's 20 by 14 box.
type MapRegion struct{ Slug, Name, MarkerD string }

// markerShapes are the shapes of the world map's markers, one per region in the config's
// order. A small country is mostly its marker, and a marker told from another by its
// colour alone is lost on a black-and-white printer and to readers who do not tell the
// colours apart: the shape names the region too, as the legend shows.
var markerShapes = []string{"circle", "square", "triangle", "diamond", "triangle-down"}

// markerPath is the path of a marker of the given shape centred on c, of about the area
// of a circle of radius r.
func markerPath(shape string, c geo.Point, r float64) string {
	n := func(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }
	at := func(x, y float64) string { return n(c.X+x) + " " + n(c.Y+y) }
	switch shape {
	case "square":
		h := r * math.Sqrt(math.Pi) / 2
		return "M" + at(-h, -h) + "H" + n(c.X+h) + "V" + n(c.Y+h) + "H" + n(c.X-h) + "Z"
	case "triangle", "triangle-down":
		a := r * math.Sqrt(4*math.Pi/math.Sqrt(3)) // the side
		h := a * math.Sqrt(3) / 2
		s := 1.0
		if shape == "triangle-down" {
			s = -1
		}
		return "M" + at(0, -s*2*h/3) + "L" + at(a/2, s*h/3) + "L" + at(-a/2, s*h/3) + "Z"
	case "diamond":
		d := r * math.Sqrt(math.Pi/2)
		return "M" + at(0, -d) + "L" + at(d, 0) + "L" + at(0, d) + "L" + at(-d, 0) + "Z"
	}
	return "M" + at(-r, 0) + "a" + n(r) + " " + n(r) + " 0 1 0 " + n(2*r) + " 0a" + n(r) + " " + n(r) + " 0 1 0 " + n(-2*r) + " 0Z"
}

// markerSize is the size of a world map's markers (markerPath's r), and markerGap the least
// distance between two markers' centres: two of the triangles side by side, whose side is
// 2.7 times the size, with a little room (Sierra Leone's and Liberia's were drawn one on
// the other).
const (
	markerSize = 5
	markerGap  = 16
)

// hitRadii gives each of the points a radius for an invisible target around it, up to
// most, and at most half the distance to the nearest other point, so that two targets
// never overlap and each point stays its own link's (a target may lie over another
// link's country shape: Burundi's over the edge of the Democratic Republic of the Congo). On a phone the world map's markers
// are 4 px across and the timeline's marks 7 px: a finger missed them (a reader's trial);
// where they stand apart, their targets are now about 20 px across.
func hitRadii(points []geo.Point, most float64) []float64 {
	radii := make([]float64, len(points))
	for i, a := range points {
		r := most
		for j, b := range points {
			if j != i {
				r = min(r, math.Hypot(b.X-a.X, b.Y-a.Y)/2)
			}
		}
		radii[i] = math.Floor(r*10) / 10 // down: two halves rounded up overlapped by a tenth
	}
	return radii
}

// mapHit and markHit are the largest radii of the targets of the world map's markers and
// the timeline's marks, in their viewBox units: about 10 px on a phone, where the map is
// some 360 px wide for its 1,000 units and the chart 736 px for its 900.
const (
	mapHit  = 28
	markHit = 12
)

// separateMarkers moves apart the markers of links closer than gap, each pair
// symmetrically along the line between them, in at most eight passes (a move can bring a
// third closer; a cluster that does not settle by then keeps its last places, and the
// test on the real map would fail). Each move is at most half the gap. Deterministic:
// the links' order.
func separateMarkers(links []MapLink, gap float64) {
	for range 8 {
		moved := false
		for i := range links {
			for j := i + 1; j < len(links); j++ {
				a, b := &links[i].Marker, &links[j].Marker
				dx, dy := b.X-a.X, b.Y-a.Y
				d := math.Hypot(dx, dy)
				if d >= gap-1e-9 {
					continue
				}
				if d == 0 {
					dx, dy, d = 1, 0, 1
				}
				push := (gap - d) / 2
				a.X, a.Y = a.X-dx/d*push, a.Y-dy/d*push
				b.X, b.Y = b.X+dx/d*push, b.Y+dy/d*push
				moved = true
			}
		}
		if !moved {
			return
		}
	}
}

// regionShape is the marker shape of the region slug: by its place among the config's
// regions, so that a region keeps its shape whichever regions a language's map shows.
func (v *View) regionShape(slug string) string {
	for i, r := range v.Site.Config.Regions {
		if r.Slug == slug {
			return markerShapes[i%len(markerShapes)]
		}
	}
	return markerShapes[0]
}

// worldWidth is the world map's viewBox width; whole units are fine enough for a map
// shown at most about that many pixels wide.
const worldWidth = 1000

// worldNorth and worldSouth bound the world map: the north of Greenland and Tierra del
// Fuego are cut, Japan, Africa and every brief's country are whole.
const worldNorth, worldSouth = 75, -47

// WorldMap draws the world with this language's country briefs as links, or returns nil
// when no brief names a country (iso).
func (v *View) WorldMap() *WorldMap {
	f := geo.WorldFrame(worldWidth, worldNorth, worldSouth, 0)
	m := &WorldMap{Width: f.Width, Height: f.Height}
	linked := map[string]bool{}
	for _, p := range v.Pages("country") {
		var l *MapLink
		for _, code := range p.ISO {
			c := geo.Lookup(code)
			if c == nil || linked[code] {
				continue
			}
			linked[code] = true
			if l == nil {
				m.Links = append(m.Links, MapLink{Page: p, Href: v.Rel(p.URL), Region: p.Region.Slug, Marker: f.Point(c.Anchor())})
				l = &m.Links[len(m.Links)-1]
			}
			l.ISO = append(l.ISO, code)
			l.D += f.Path(c)
		}
	}
	if len(m.Links) == 0 {
		return nil
	}
	separateMarkers(m.Links, markerGap)
	markers := make([]geo.Point, len(m.Links))
	for i, l := range m.Links {
		markers[i] = l.Marker
	}
	for i, r := range hitRadii(markers, mapHit) {
		l := &m.Links[i]
		l.MarkerD = markerPath(v.regionShape(l.Region), l.Marker, markerSize)
		l.Hit = geo.Point{X: math.Round(l.Marker.X*10) / 10, Y: math.Round(l.Marker.Y*10) / 10}
		l.HitR = r
	}
	var land strings.Builder
	for _, c := range geo.Countries() {
		switch {
		case linked[c.Code]:
		case c.Code == "JPN":
			m.Japan = f.Path(c)
			m.JapanMarker = f.Point(c.Anchor())
		default:
			land.WriteString(f.Path(c))
		}
	}
	m.Land = land.String()
	m.Title, _ = v.T("map_title")
	m.Desc, _ = v.Tf("map_desc", len(m.Links))
	for _, g := range v.Regions() {
		for _, l := range m.Links {
			if l.Region == g.Region.Slug {
				m.Regions = append(m.Regions, MapRegion{Slug: g.Region.Slug, Name: g.Name, MarkerD: markerPath(v.regionShape(g.Region.Slug), geo.Point{X: 10, Y: 7}, 4)})
				break
			}
		}
	}
	return m
}

// Locator is a brief's locator map: its countries highlighted in their neighbourhood.
type Locator struct {
	ID, Title, Desc string
	Width, Height   float64
	// Land is every other shape in the frame; Focus the brief's own countries. The map
	// reads no other page, so that a preview renders a brief again only when it changes
	// (internal/incremental).
	Land, Focus string
	// Markers ring the brief's countries that are too small to see at this scale.
	Markers []LocatorMarker
}

// A LocatorMarker rings a small country on a locator map: its centre and radius, in px.
type LocatorMarker struct {
	geo.Point
	R float64
}

// minRing is the least radius of a locator's ring, in px.
const minRing = 9

// ringRadius is the radius of the ring around a country whose box is w by h px: 6 px
// beyond the box's corners, so that an island stands inside its ring. At minRing, Timor
// (20 by 5 px, slanted) crossed its ring from side to side and read as a "no entry" sign.
func ringRadius(w, h float64) float64 {
	return max(minRing, math.Ceil(math.Hypot(w, h)/2)+6)
}

const (
	locatorWidth, locatorHeight = 300, 200
	// locatorSpan is the least a locator map shows around its country, in projected
	// units: about 30 degrees of longitude at the equator.
	locatorSpan = 0.55
)

// Locator draws the locator map of the view's page, or returns nil for a page that names
// no country.
func (v *View) Locator() *Locator {
	if v.Page == nil || len(v.Page.ISO) == 0 {
		return nil
	}
	f, err := geo.AroundFrame(v.Page.ISO, locatorSpan, locatorWidth, locatorHeight, 1)
	if err != nil {
		return nil // site.Build has rejected unknown codes
	}
	l := &Locator{ID: "loc-" + v.Page.Anchor(), Width: f.Width, Height: f.Height}
	l.Title, _ = v.Tf("locator_title", v.Page.Title)
	l.Desc, _ = v.Tf("locator_desc", v.Page.Title)
	var land, focus strings.Builder
	for _, c := range geo.Countries() {
		if !f.Shows(c) {
			continue
		}
		switch {
		case slices.Contains(v.Page.ISO, c.Code):
			focus.WriteString(f.Path(c))
			// Small: a box of less than 12 by 12 px on the map, or as little area (Timor-Leste,
			// 20 px long and 5 high, was a sliver a reader could miss).
			if b, scale := c.Box(), f.Width/f.View.W(); b.W()*scale*b.H()*scale < 12*12 {
				l.Markers = append(l.Markers, LocatorMarker{Point: f.Point(c.Anchor()), R: ringRadius(b.W()*scale, b.H()*scale)})
			}
		default:
			land.WriteString(f.Path(c))
		}
	}
	l.Land, l.Focus = land.String(), focus.String()
	return l
}

// Chart is a horizontal bar chart of the figures of one unit.
type Chart struct {
	ID            string // unique on the page: the chart's title and desc ids start with it
	Title, Desc   string
	Marks         []Run // the key to the marks of approximate bars, when the chart has one (View.Keep)
	Unit          string
	Width, Height float64
	Bars          []ChartBar
}

// ChartBar is one figure of a chart, laid out.
type ChartBar struct {
	Figure site.Figure
	Page   *site.Page // the figure's brief
	// Head is the brief's title, shown above the label on a chart of several briefs.
	Head   string
	Lines  []ChartLine // the label, wrapped
	Y      float64     // top of the bar
	W      float64     // length of the bar
	Value  string      // the figure as the text writes it: "more than 25,000", 「2万5,000丁以上」
	ValueX float64
	// End is where an approximate bar's end mark starts: the tip of an arrow (more than),
	// a dashed outline (about, nearly) or an outline for the whole bar (up to).
	End float64
}

// ChartLine is a line of text at a baseline.
type ChartLine struct {
	Text string
	Y    float64
	Head bool
}

// Chart geometry, in viewBox units, which the stylesheet shows at most 400 px wide (.chart
// svg): a chart 360 wide fits a phone's column (358 px at 390) nearly at full size, so
// that its 13-unit labels stay near 13 px there (at 440 they were 10.6 px, too small for
// kanji), and 14 px on a desktop.
const (
	chartWidth  = 360
	chartFont   = 13
	chartLine   = 16
	chartBar    = 14
	chartGap    = 12
	chartArrow  = 10
	chartMinBar = 2
	// chartBold is how much wider bold text (a bar's value, its head) runs than
	// textWidth's estimate for regular text.
	chartBold = 1.1
)

// Units lists the units figures are charted in, in the order of the charts.
var chartUnits = []string{"usd", "jpy", "people", "weapons", "items", "percent"}

// Charts makes one chart per unit of the view's page's figures that has two of them or
// more.
func (v *View) Charts() []Chart {
	if v.Page == nil {
		return nil
	}
	return v.charts(v.Page.Anchor(), []*site.Page{v.Page}, false)
}

// HasCharts reports whether the page has charts (Charts), without making them: for its
// entry in "On this page", which comes before them.
func (v *View) HasCharts() bool {
	if v.Page == nil {
		return false
	}
	for _, unit := range chartUnits {
		n := 0
		for _, f := range v.Page.Figures {
			if f.Unit == unit {
				n++
			}
		}
		if n >= minChartBars {
			return true
		}
	}
	return false
}

// SectionCharts makes one chart per unit of the figures of every brief of a kind
// ("country", "theme"), each bar headed by its brief's title, for the figures page. A
// section with more than maxBars figures of one unit gets no charts: a chart of hundreds
// of bars is read by no one (the table below is), and a site of thousands of briefs
// would carry megabytes of it.
func (v *View) SectionCharts(kind string) []Chart {
	charts := v.charts("figures-"+kind, v.Pages(kind), true)
	for _, c := range charts {
		if len(c.Bars) > maxBars {
			return nil
		}
	}
	return charts
}

// minChartBars is the fewest figures of one unit that make a chart.
const minChartBars = 2

// maxBars and maxTimelineRows bound the pictures of the whole site, for sites far larger
// than the briefing (the synthetic sites of make bench).
const (
	maxBars         = 60
	maxTimelineRows = 40
)

func (v *View) charts(id string, pages []*site.Page, heads bool) []Chart {
	var out []Chart
	sep, _ := v.T("list_separator")
	for _, unit := range chartUnits {
		c := Chart{ID: "chart-" + id + "-" + unit, Unit: unit, Width: chartWidth}
		for _, p := range pages {
			for _, f := range p.Figures {
				if f.Unit != unit {
					continue
				}
				// A sum that two briefs both report (Sierra Leone's and Liberia's joint
				// 4億円超, 両国の合計) is one bar headed by both: two bars read as twice
				// the money.
				if heads {
					same := func(b ChartBar) bool { return b.Figure == f && b.Page.LangAttr() == p.LangAttr() }
					if i := slices.IndexFunc(c.Bars, same); i >= 0 {
						c.Bars[i].Head += sep + p.Title
						continue
					}
				}
				b := ChartBar{Figure: f, Page: p, Value: v.Figure(f)}
				if heads {
					b.Head = p.Title
				}
				c.Bars = append(c.Bars, b)
			}
		}
		// A chart of one bar compares nothing: its figure is in the list beside it.
		if len(c.Bars) >= minChartBars {
			c.Title, _ = v.T("chart_" + unit)
			c.Desc, _ = v.Tf("chart_desc", len(c.Bars))
			if marks := v.chartMarks(c); marks != "" {
				c.Marks = v.Keep(marks)
			}
			c.layout()
			out = append(out, c)
		}
	}
	return out
}

// layout places the bars: each label above its bar, wrapped to the chart's width, the bar
// from the left edge in proportion to the chart's largest value, the value after it.
func (c *Chart) layout() {
	top := 0.0
	valueRoom := 0.0
	for _, b := range c.Bars {
		valueRoom = max(valueRoom, textWidth(b.Value, chartFont)*chartBold) // the value is bold
	}
	lineWidth := c.Width - 12 // a label's line, short of the chart's edge
	longest := c.Width - valueRoom - chartArrow - 8
	high := 0.0
	for _, b := range c.Bars {
		high = max(high, b.Figure.Value)
	}
	for i := range c.Bars {
		b := &c.Bars[i]
		y := top
		for _, line := range wrap(b.Head, lineWidth/chartBold, chartFont) { // the head is bold
			y += chartLine
			b.Lines = append(b.Lines, ChartLine{Text: line, Y: y - 4, Head: true})
		}
		for _, line := range wrap(b.Figure.Label, lineWidth, chartFont) {
			y += chartLine
			b.Lines = append(b.Lines, ChartLine{Text: line, Y: y - 4})
		}
		b.Y = y + 2
		b.W = chartMinBar
		if high > 0 {
			b.W = max(chartMinBar, math.Round(longest*b.Figure.Value/high*10)/10)
		}
		b.ValueX = b.W + 6
		switch b.Figure.Approx {
		case "over":
			b.End = b.W
			b.ValueX += chartArrow
		case "about", "nearly":
			b.End = math.Round(max(b.W-12, b.W*0.6)*10) / 10
		}
		top = b.Y + chartBar + chartGap
	}
	c.Height = top - chartGap + 4
}

// ValueAttr is the figure's value in full, for the bar's data-value attribute.
func (b ChartBar) ValueAttr() string { return strconv.FormatFloat(b.Figure.Value, 'f', -1, 64) }

// Open is the length of the bar's outlined end: an "about" or "nearly" bar's last part,
// all of an "up to" bar.
func (b ChartBar) Open() float64 { return b.W - b.Solid() }

// chartMarkKinds are the marks of approximate bars, each with the approximations it shows
// (site.Approx), in the order of the key.
var chartMarkKinds = []struct {
	key    string
	approx []string
}{
	{"chart_mark_over", []string{"over"}},
	{"chart_mark_about", []string{"about", "nearly"}},
	{"chart_mark_up_to", []string{"up-to"}},
}

// chartMarks is the key to the marks of c's approximate bars: a sentence for each kind of
// mark that a bar of c has, none when all are exact. A key to marks the chart does not
// draw had the reader look for them.
func (v *View) chartMarks(c Chart) string {
	var parts []string
	for _, k := range chartMarkKinds {
		if slices.ContainsFunc(c.Bars, func(b ChartBar) bool { return slices.Contains(k.approx, b.Figure.Approx) }) {
			s, _ := v.T(k.key)
			parts = append(parts, s)
		}
	}
	sep, _ := v.T("chart_marks_separator")
	return strings.Join(parts, sep)
}

// ArrowPoints is the arrow after a "more than" bar.
func (b ChartBar) ArrowPoints() string {
	return pts(b.W, b.Y-2, b.W+chartArrow, b.Y+chartBar/2, b.W, b.Y+chartBar+2)
}

// ValueY is the baseline of the bar's value.
func (b ChartBar) ValueY() float64 { return b.Y + chartBar - 3 }

// BarH is the height of a bar.
func (ChartBar) BarH() float64 { return chartBar }

// Solid is the length of the bar's solid part: all of it but for the dashed end of an
// "about" or "nearly" bar and an "up to" bar, which is an outline.
func (b ChartBar) Solid() float64 {
	switch b.Figure.Approx {
	case "about", "nearly":
		return b.End
	case "up-to":
		return 0
	}
	return b.W
}

func pts(v ...float64) string {
	var s []string
	for i := 0; i+1 < len(v); i += 2 {
		s = append(s, num(v[i])+","+num(v[i+1]))
	}
	return strings.Join(s, " ")
}

func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// textWidth estimates the width of s in a sans-serif font of size font: a full em for kana
// and kanji, about 0.55 em for Latin letters and digits, more for capitals (UNAMET,
// UNTAET, UNMISET is a fifth wider than its count of letters at 0.55 em), less for a
// space.
func textWidth(s string, font float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r == ' ':
			w += 0.3
		case r >= 'A' && r <= 'Z':
			w += 0.68
		case r < 0x2000:
			w += 0.58
		case r >= 0xff61 && r <= 0xff9f: // half-width kana
			w += 0.5
		default:
			w += 1
		}
	}
	return w * font
}

// Characters a line may not start with (closing punctuation, small kana, the long vowel
// mark, the iteration mark) or end with (opening brackets): 禁則 of Japanese typesetting.
const (
	notLineStart = "、。，．）」』】〕〉》・ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ,.;:!?)]"
	notLineEnd   = "（「『【〔〈《([$"
)

// wrap breaks s into lines no wider than width: in English at spaces, in Japanese between
// two characters, but never before a character that may not start a line, after one that
// may not end it, or inside a number with its unit or a date (2005年11月, 7億5,000万ドル:
// keepRuns). A Japanese line ends between two phrases wherever one fits, unless that
// takes more lines than ending a line between phrases only where it is at least
// phraseFill full, and else at the last character that fits. Only a word wider than the chart is
// broken where it must be. A last line shorter than a quarter of the width (「る）」
// alone) takes words from the lines above: the lines are made as narrow as they can be
// without adding one, as CSS's text-wrap: balance does.
func wrap(s string, width, font float64) []string {
	fill := 0.0
	lines, forced := wrapGreedy(s, width, font, fill)
	if l, f := wrapGreedy(s, width, font, phraseFill); len(l) < len(lines) || f < forced {
		fill, lines, forced = phraseFill, l, f
	}
	if len(lines) < 2 || textWidth(lines[len(lines)-1], font) >= width/4 {
		return lines
	}
	// hi always wraps into as many lines, breaking no more words where it must.
	lo, hi := width/2, width
	for range 12 {
		mid := (lo + hi) / 2
		if l, f := wrapGreedy(s, mid, font, fill); len(l) == len(lines) && f <= forced {
			hi = mid
		} else {
			lo = mid
		}
	}
	lines, _ = wrapGreedy(s, hi, font, fill)
	return lines
}

// wrapGreedy breaks s into lines as wrap does, each line as long as it can be, ending a
// Japanese line between two phrases where that leaves it at least fill full, and counts
// the words wider than the width that it had to break where it must.
func wrapGreedy(s string, width, font, fill float64) (lines []string, forced int) {
	for s != "" {
		if textWidth(s, font) <= width {
			lines = append(lines, s)
			break
		}
		// fits is the end of the longest start of s within the width.
		fits, w := 0, 0.0
		for i, r := range s {
			if w += textWidth(string(r), font); w > width {
				break
			}
			fits = i + utf8.RuneLen(r)
		}
		kept := keptRanges(s, nil, true)
		cut := fits
		for cut > 0 && !canBreak(s, cut, kept) {
			_, size := utf8.DecodeLastRuneInString(s[:cut])
			cut -= size
		}
		if cut == 0 {
			cut = fits // one word wider than the chart: break it where it must
			forced++
		} else if p := phraseCut(s, cut, kept); textWidth(s[:p], font) >= width*fill {
			cut = p // between two phrases (研修を受けた|指導員), not inside a word (指|導員)
		}
		if cut == 0 {
			_, cut = utf8.DecodeRuneInString(s)
		}
		lines = append(lines, strings.TrimRight(s[:cut], " "))
		s = strings.TrimLeft(s[cut:], " ")
	}
	return lines, forced
}

// phraseFill is how full a line must be for wrap to end it at a phrase's end rather than
// at the last character that fits, when ending every line between phrases would take
// more lines: a line shorter than that breaks inside a phrase instead.
const phraseFill = 0.6

// phraseCut returns the last byte offset of s, at most cut, where a line may end between
// two Japanese phrases (phraseBreak, and canBreak's rules), or cut if there is none or s
// is not Japanese there (English lines end at spaces anyway).
func phraseCut(s string, cut int, kept [][2]int) int {
	for p := cut; p > 0; {
		prev, size := utf8.DecodeLastRuneInString(s[:p])
		next, _ := utf8.DecodeRuneInString(s[p:])
		if next == ' ' || prev == ' ' {
			return cut
		}
		if phraseBreak(prev, next) && !insideCompound(s, p) && canBreak(s, p, kept) {
			return p
		}
		p -= size
	}
	return cut
}

// canBreak reports whether a line may end at byte i of s. kept are the byte ranges that
// stay whole.
func canBreak(s string, i int, kept [][2]int) bool {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[i:])
	if next == ' ' {
		return true // the space goes: the line ends before it
	}
	if prev == ' ' {
		return !strings.ContainsRune(notLineStart, next)
	}
	if prev < 0x2e80 && next < 0x2e80 {
		return false // inside a word, or a word and its punctuation
	}
	if strings.ContainsRune(notLineStart, next) || strings.ContainsRune(notLineEnd, prev) {
		return false
	}
	for _, k := range kept {
		if k[0] < i && i < k[1] {
			return false
		}
	}
	return true
}

// TimelineChart is the timeline to look at: one row per country, and one for Japan's own
// laws and policies (the events of theme briefs), on an axis of years.
type TimelineChart struct {
	Title, Desc   string
	Width, Height float64
	Axis          []TimelineTick
	Rows          []TimelineRow
	Left, Right   float64 // the x of the first and the end of the last year
	Bottom        float64 // the y of the axis
}

// LabelsWidth is the width of the row labels' column, as an SVG width attribute, when the
// chart is drawn at its least width and scrolls: on a phone the labels stay in view while
// the years scroll under them, at the scale of the chart.
func (t *TimelineChart) LabelsWidth() string {
	return strconv.FormatFloat(t.Left/t.Width*timelineMinRem, 'f', 3, 64) + "rem"
}

// TimelineTick is a year on the axis.
type TimelineTick struct {
	Year  int
	X     float64
	Label bool // every other year is labelled
}

// TimelineRow is one row of the timeline.
type TimelineRow struct {
	Label string
	Page  *site.Page // nil for the row of theme events
	Y     float64
	Marks []TimelineMark
}

// TimelineMark is one event on the timeline, a link to its brief's key dates.
type TimelineMark struct {
	Entry TimelineEntry
	Href  string
	Label string // date, event and brief, for the link's name and tooltip
	X, Y  float64
	Theme bool
	HitR  float64 // the radius of its invisible target (hitRadii)
}

// hasTimelineChart reports whether the timeline has few enough rows for a chart: a row per
// country with events, and one for Japan's own.
func (v *View) hasTimelineChart() bool {
	rows := 1
	for _, p := range v.Pages("country") {
		if len(p.Events) > 0 {
			rows++
		}
	}
	return rows <= maxTimelineRows
}

const (
	timelineWidth = 900
	timelineFont  = 12
	timelineRow   = 24
	// timelineMinRem is the least width the chart is drawn at, in rem (the style sheet's
	// .timeline-chart svg min-width): on a narrower screen it scrolls sideways, at this
	// width, and its row labels stay in view (TimelineChart.LabelsWidth).
	timelineMinRem = 46
)

// TimelineChart lays this language's events out on an axis from the first year to the
// last, or returns nil when there are none.
func (v *View) TimelineChart() *TimelineChart {
	// Counted before the events are gathered and merged, which a site of a thousand
	// countries would do only to draw nothing.
	if !v.hasTimelineChart() {
		return nil // too many countries for one picture: the list below has every event
	}
	label, _ := v.T("timeline_row_japan")
	var rows []TimelineRow
	for _, p := range v.Pages("country") {
		if len(p.Events) > 0 {
			rows = append(rows, TimelineRow{Label: p.Title, Page: p})
		}
	}
	rows = append(rows, TimelineRow{Label: label})
	years := v.Timeline()
	if len(years) == 0 {
		return nil
	}
	first, last := years[0].Year, years[len(years)-1].Year
	t := &TimelineChart{Width: timelineWidth, Right: timelineWidth - 10}
	t.Title, _ = v.T("timeline_chart_title")
	t.Desc, _ = v.Tf("timeline_chart_desc", first, last)
	for _, r := range rows {
		t.Left = max(t.Left, textWidth(r.Label, timelineFont))
	}
	t.Left = math.Round(min(t.Left+16, timelineWidth/3))
	per := (t.Right - t.Left) / float64(last-first+1)
	xOf := func(d numbers.Date) float64 {
		f := float64(d.Year - first)
		switch {
		case d.Month == 0:
			f += 0.5
		case d.Day == 0:
			f += (float64(d.Month) - 0.5) / 12
		default:
			f += (float64(d.Month-1) + float64(d.Day)/31) / 12
		}
		return math.Round((t.Left+f*per)*10) / 10
	}
	index := map[*site.Page]int{}
	for i, r := range rows {
		if r.Page != nil {
			index[r.Page] = i
		}
	}
	for i := range rows {
		rows[i].Y = float64(i)*timelineRow + timelineRow/2 + 4
	}
	// An event is marked on the row of every country whose brief tells it (an event told
	// by two countries' briefs is on both rows), or on Japan's row when only themes do.
	type place struct {
		row  int
		page *site.Page
	}
	for _, y := range years {
		for _, e := range y.Entries {
			var places []place
			for _, p := range e.Pages {
				if i, ok := index[p]; ok {
					places = append(places, place{i, p})
				}
			}
			if len(places) == 0 {
				places = []place{{len(rows) - 1, e.Page}}
			}
			for _, pl := range places {
				rows[pl.row].Marks = append(rows[pl.row].Marks, v.timelineMark(e, pl.page, xOf(e.Event.Date), rows[pl.row]))
			}
		}
	}
	var marks []geo.Point
	for _, r := range rows {
		for _, m := range r.Marks {
			marks = append(marks, geo.Point{X: m.X, Y: m.Y})
		}
	}
	radii := hitRadii(marks, markHit)
	for i := range rows {
		for j := range rows[i].Marks {
			rows[i].Marks[j].HitR, radii = radii[0], radii[1:]
		}
	}
	t.Rows = rows
	t.Bottom = float64(len(rows))*timelineRow + 8
	for y := first; y <= last+1; y++ {
		t.Axis = append(t.Axis, TimelineTick{Year: y, X: math.Round((t.Left+float64(y-first)*per)*10) / 10, Label: (y-first)%2 == 0 && y <= last})
	}
	t.Height = t.Bottom + 22
	return t
}

// timelineMark is the mark of entry e on row r, a link to p, staggered from the row's
// previous mark when the two would overlap, so that each stays visible and can be clicked.
func (v *View) timelineMark(e TimelineEntry, p *site.Page, x float64, r TimelineRow) TimelineMark {
	// To the brief's key dates, which list the event, not to the top of the brief: a
	// reader's trial tapped a mark for the event and landed two screens from it.
	m := TimelineMark{Entry: e, Href: v.Rel(p.URL) + "#events-h-" + p.Anchor(), X: x, Y: r.Y, Theme: p.Kind == site.KindTheme}
	m.Label, _ = v.Tf("timeline_mark", v.Date(e.Event), e.Event.Text, p.Title)
	if n := len(r.Marks); n > 0 {
		prev := r.Marks[n-1]
		if m.X-prev.X < 8 && prev.Y == r.Y {
			m.Y = r.Y - 6
		} else if m.X-prev.X < 8 {
			m.Y = r.Y + 6
			if prev.Y > r.Y {
				m.Y = r.Y
			}
		}
	}
	return m
}
