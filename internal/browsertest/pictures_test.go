package browsertest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// pictureWidths are the widths the pictures are checked at: a desktop and a common phone.
var pictureWidths = []int64{1280, 390}

// picturePages are the pages with pictures, per language: the world map (home, countries
// index), a brief's locator map and charts, the figures page's charts and the timeline.
var picturePages = []string{"", "countries/", "countries/cambodia/", "countries/sudan/", "themes/peacekeeping/", "figures/", "timeline/"}

type pictureBox struct {
	Figure      string  // the class of the figure
	Width       float64 // the svg's rendered size
	Height      float64
	Right       float64 // the right edge of the svg, or of its scrolling box
	ClientWidth float64
	Title, Desc bool
}

// picturesJS measures every picture of the page: an svg in a figure (not the legend's
// swatches, nor the timeline's copy of its row labels).
const picturesJS = `Array.from(document.querySelectorAll("figure > svg, figure > .scroll-wrap > .timeline-plot > svg:not(.timeline-labels)")).map(svg => {
	const fig = svg.closest("figure"), r = svg.getBoundingClientRect(), wrap = svg.closest(".scroll-wrap");
	const box = wrap ? wrap.getBoundingClientRect() : r;
	return {Figure: fig.className, Width: r.width, Height: r.height, Right: box.right,
		ClientWidth: document.documentElement.clientWidth,
		Title: !!svg.querySelector(":scope > title") && svg.querySelector(":scope > title").textContent.trim() !== "",
		Desc: !!svg.querySelector(":scope > desc") && svg.querySelector(":scope > desc").textContent.trim() !== ""};
})`

// TestPicturesInBrowser shows the pages with pictures at 1280 and 390 px in each
// language: every picture is drawn at a readable size inside the page (the timeline may
// scroll inside its own box), has a title and a description, and the page does not scroll
// sideways.
func TestPicturesInBrowser(t *testing.T) {
	startBrowser(t)
	views := pictureViews(picturePages)
	inTabs(t, slices.Sorted(maps.Keys(views)), openTab, func(t *testing.T, tb *tab, name string) {
		url, w := views[name].url, views[name].width
		tb.page(t)
		tb.viewport(t, w)
		tb.open(t, url)
		checkNoHorizontalScroll(t, tb, w)
		pics := eval[[]pictureBox](t, tb, picturesJS)
		if len(pics) == 0 {
			t.Fatalf("%s: no pictures", url)
		}
		for _, pic := range pics {
			if pic.Width < 150 || pic.Height < 20 {
				t.Errorf("%s: a %s picture is drawn %gx%g px", url, pic.Figure, pic.Width, pic.Height)
			}
			if pic.Right > pic.ClientWidth+0.5 {
				t.Errorf("%s: a %s picture ends at %g px, beyond the page's %g px", url, pic.Figure, pic.Right, pic.ClientWidth)
			}
			if !pic.Title || !pic.Desc {
				t.Errorf("%s: a %s picture has no title or no desc", url, pic.Figure)
			}
		}
		for _, e := range tb.takeErrors() {
			t.Error(e)
		}
	})
}

// view is a page at a width.
type view struct {
	url   string
	width int64
}

// pictureViews returns each of pages in each language at each of pictureWidths, by
// subtest name ("en/countries/ at 390 px").
func pictureViews(pages []string) map[string]view {
	views := map[string]view{}
	for _, lang := range site.langs {
		for _, p := range pages {
			for _, w := range pictureWidths {
				views[fmt.Sprintf("%s/%s at %d px", lang, p, w)] = view{site.base + lang + "/" + p, w}
			}
		}
	}
	return views
}

type mapFocus struct {
	ISO          string
	Href         string
	OutlineStyle string
	OutlineWidth float64
	Stroke       float64 // the stroke width of the focused country's shape
}

const mapLinksJS = `Array.from(document.querySelectorAll(".world-map svg.map a[data-iso]")).map(a => a.getAttribute("data-iso"))`

const mapFocusJS = `(() => {
	const a = document.activeElement;
	if (!a || !a.closest || !a.closest(".world-map")) return {ISO: "", Href: "", OutlineStyle: "", OutlineWidth: 0, Stroke: 0};
	const s = getComputedStyle(a), path = a.querySelector("path");
	return {ISO: a.getAttribute("data-iso") || "", Href: a.getAttribute("href") || "",
		OutlineStyle: s.outlineStyle, OutlineWidth: parseFloat(s.outlineWidth) || 0,
		Stroke: path ? parseFloat(getComputedStyle(path).strokeWidth) || 0 : 0};
})()`

// TestWorldMapKeyboard tabs through the home page and the countries index at 1280 and
// 390 px: every country link of the world map takes the focus, in the map's order, and
// shows that it has it.
func TestWorldMapKeyboard(t *testing.T) {
	startBrowser(t)
	views := pictureViews([]string{"", "countries/"})
	inTabs(t, slices.Sorted(maps.Keys(views)), openTab, func(t *testing.T, tb *tab, name string) {
		url, w := views[name].url, views[name].width
		tb.page(t)
		tb.viewport(t, w)
		tb.open(t, url)
		want := eval[[]string](t, tb, mapLinksJS)
		if len(want) == 0 {
			t.Fatalf("%s: the world map has no country links", url)
		}
		var got []string
		for range 60 + len(want) {
			press(t, tb, "\t")
			f := eval[mapFocus](t, tb, mapFocusJS)
			if f.ISO == "" {
				if len(got) > 0 {
					break // past the map
				}
				continue
			}
			got = append(got, f.ISO)
			if f.OutlineStyle == "none" || f.OutlineWidth < 1 {
				t.Errorf("%s: the focused link of %s has no outline (%s %gpx)", url, f.ISO, f.OutlineStyle, f.OutlineWidth)
			}
			if f.Stroke < 3 {
				t.Errorf("%s: the focused shape of %s is not outlined (stroke %g)", url, f.ISO, f.Stroke)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: Tab reached the countries %s, want every link of the map: %s", url, strings.Join(got, " "), strings.Join(want, " "))
		}
	})
}

// TestMarkersAreTargetsOnAPhone: on a phone, a tap a few pixels beside a world map's
// marker or a timeline mark reaches its link, within the invisible target around it
// (render.hitRadii): a reader's trial found markers of 4 px and marks of 7 px too small
// for a finger. Each target is tried at 70% of its radius on its four sides.
func TestMarkersAreTargetsOnAPhone(t *testing.T) {
	tb := newTab(t, false)
	const tapsJS = `(() => {
		const missed = [];
		let tried = 0;
		for (const hit of document.querySelectorAll("svg.map a .hit, .timeline-chart svg a .hit")) {
			const a = hit.closest("a");
			hit.scrollIntoView({block: "center", inline: "center"});
			const box = hit.getBoundingClientRect();
			const r = box.width / 2 * 0.7;
			if (r < 4) continue; // a target hemmed in by its neighbours: no wider than its mark
			tried++;
			const x = box.left + box.width / 2, y = box.top + box.height / 2;
			for (const [dx, dy] of [[r, 0], [-r, 0], [0, r], [0, -r]]) {
				const at = document.elementFromPoint(x + dx, y + dy);
				if (!at || at.closest("a") !== a) {
					missed.push((a.getAttribute("aria-label") || a.getAttribute("href")) + " at " + Math.round(dx) + "," + Math.round(dy) + " px: " + (at ? at.outerHTML.slice(0, 60) : "nothing"));
					break;
				}
			}
		}
		return {Tried: tried, Missed: missed};
	})()`
	for _, page := range []string{"en/", "ja/timeline/"} {
		tb.page(t)
		tb.viewport(t, phoneWidth)
		if status := tb.open(t, site.base+page); status != 200 {
			t.Fatalf("%s: status %d", page, status)
		}
		got := eval[struct {
			Tried  int
			Missed []string
		}](t, tb, tapsJS)
		if got.Tried < 5 {
			t.Errorf("%s: %d targets tried, want the map's or the chart's, five or more", page, got.Tried)
		}
		for _, m := range got.Missed {
			t.Errorf("%s at %d px: a tap beside %s", page, phoneWidth, m)
		}
	}
}
