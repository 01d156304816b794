package pdf

import (
	"slices"
	"testing"
)

func TestNewPlanJoinsABriefToANearlyEmptyPage(t *testing.T) {
	if MaxShared != 3 {
		t.Skipf("the cases below are written for MaxShared = 3, not %d", MaxShared)
	}
	briefs := []Brief{
		{"a", 2, 0.1, false},  // its second page is nearly empty: b follows on it
		{"b", 1, 0.5, false},  // ends at 0.65 of that page: c starts a page
		{"c", 1, 0.9, false},  // c fills its page: d starts a page
		{"d", 2, 0.2, false},  // e follows on d's last page,
		{"e", 1, 0.05, false}, // ending at 0.2+0.05+0.05 = 0.3, so f follows too,
		{"f", 1, 0.02, false}, // ending at 0.37, more than Share: g starts a page
		{"g", 1, 0.1, false},
		{"h", 1, 0.1, false}, // 0.25
		{"i", 1, 0.1, false}, // 0.4
		{"j", 1, 0.1, false}, // a page of its own
		{"k", 1, 0.1, false}, // 0.25
		{"l", 1, 0.0, false}, // 0.3
		{"m", 1, 0.1, false}, // j, k and l are MaxShared: a page of its own however empty the last
	}
	plan := NewPlan(briefs)
	want := []bool{false, true, false, false, true, true, false, true, true, false, true, true, false}
	if !slices.Equal(plan.Joined, want) {
		t.Errorf("NewPlan joins %v, want %v", plan.Joined, want)
	}
	// The first brief after the cover and the contents; a joined brief on the page where
	// the one before ends, any other on the page after.
	if want := []int{3, 4, 5, 6, 7, 7, 8, 8, 8, 9, 9, 9, 10}; !slices.Equal(plan.Start, want) {
		t.Errorf("NewPlan estimates the start pages %v, want %v", plan.Start, want)
	}
}

// The page that closes the booklet starts a page of its own, however empty the page before:
// as the first plan makes it, and when a printing leaves that page nearly empty.
func TestABriefAloneStartsAPage(t *testing.T) {
	briefs := []Brief{{"a", 1, 0.1, false}, {"future", 1, 0.5, true}}
	plan := NewPlan(briefs)
	if plan.Joined[1] {
		t.Fatal("NewPlan joins the brief alone to the nearly empty page before")
	}
	if want := []int{3, 4}; !slices.Equal(plan.Start, want) {
		t.Errorf("NewPlan estimates the start pages %v, want %v", plan.Start, want)
	}
	page := func(fill float64) PageWords {
		y := TopMargin + fill*(841.9-TopMargin-BottomMargin)
		return PageWords{Width: 595.3, Height: 841.9, Words: []Box{{XMin: 50, YMin: y - 10, XMax: 60, YMax: y, Text: "x"}}}
	}
	if plan.fillEmpty([]PageWords{page(1), page(1), page(0.1), page(0.5)}) || plan.Joined[1] {
		t.Errorf("fillEmpty joins the brief alone: %v", plan.Joined)
	}
}

func TestEstimateLetsABriefThatEndsAtAPagesFootFillIt(t *testing.T) {
	p := Plan{Anchors: []string{"a", "b", "c", "d"}, Joined: []bool{false, true, false, false}, Start: make([]int, 4), heights: []float64{0.25, 0.7, 2, 1}}
	p.estimate(0, 1, 1)
	// b ends at 0.25+0.05+0.7 = 1.0, the foot of page 2; c fills pages 3 and 4.
	if want := []int{2, 2, 3, 5}; !slices.Equal(p.Start, want) {
		t.Errorf("estimate: start pages %v, want %v", p.Start, want)
	}
}

func TestPlanQuery(t *testing.T) {
	p := Plan{Anchors: []string{"cambodia", "theme-ddr"}, Joined: []bool{false, true}, Start: []int{3, 5}}
	if got, want := p.Query(), "book=cambodia.3,%2Btheme-ddr.5"; got != want {
		t.Errorf("Query() = %q, want %q", got, want)
	}
}

func TestStartsReadsNamedDestinations(t *testing.T) {
	pdf := []byte(`%PDF-1.4
1 0 obj
<</Type /Catalog /Pages 2 0 R /Dests 9 0 R>>
endobj
2 0 obj
<</Type /Pages /Count 3 /Kids [4 0 R 3 0 R]>>
endobj
4 0 obj
<</Type /Pages /Count 2 /Kids [5 0 R 6 0 R] /Parent 2 0 R>>
endobj
5 0 obj
<</Type /Page /Parent 4 0 R>>
endobj
6 0 obj
<</Type /Page /Parent 4 0 R>>
endobj
3 0 obj
<</Type /Page /Parent 2 0 R>>
endobj
9 0 obj
<</main [5 0 R /XYZ 0 841 0]
/cambodia [6 0 R /XYZ 0 841 0]
/theme#2Dddr [3 0 R /XYZ 0 841 0]>>
endobj
`)
	got, err := Starts(pdf)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"main": 1, "cambodia": 2, "theme-ddr": 3}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("Starts: %s on page %d, want %d (all: %v)", k, got[k], v, got)
		}
	}
}

func TestFillEmptyJoinsAcrossRunsUpToMaxShared(t *testing.T) {
	page := func(fill float64) PageWords {
		y := TopMargin + fill*(841.9-TopMargin-BottomMargin)
		return PageWords{Width: 595.3, Height: 841.9, Words: []Box{{XMin: 50, YMin: y - 10, XMax: 60, YMax: y, Text: "x"}}}
	}
	// Pages 2 and 4 are nearly empty; c starts page 3 and d continues it (a run of two),
	// e starts page 5.
	pages := []PageWords{page(1), page(0.1), page(0.9), page(0.1), page(0.9)}
	p := Plan{Anchors: []string{"a", "b", "c", "d", "e"}, Joined: []bool{false, false, false, true, false}, Start: []int{1, 2, 3, 3, 5}, heights: []float64{1, 0.1, 0.5, 0.3, 0.9}}
	if !p.fillEmpty(pages) {
		t.Fatal("fillEmpty changed nothing")
	}
	// c joins b's page, making b, c and d a run of three; e would make it four.
	if want := []bool{false, false, true, true, false}; !slices.Equal(p.Joined, want) {
		t.Errorf("fillEmpty: joined %v, want %v", p.Joined, want)
	}
	// c and d now fit on page 2 (0.1 + 0.05 + 0.5, then + 0.05 + 0.3), so e moves up to page 3.
	if want := []int{1, 2, 2, 2, 3}; !slices.Equal(p.Start, want) {
		t.Errorf("fillEmpty: estimated start pages %v, want %v", p.Start, want)
	}
}

// A run of MaxShared briefs whose last brief runs on from page 2 onto a nearly empty page 3:
// the brief after cannot join the run, so the last brief leaves it and starts a page, and
// a later pass does not join it again.
func TestFillEmptyTakesTheLastBriefOutOfAFullRun(t *testing.T) {
	page := func(fill float64) PageWords {
		y := TopMargin + fill*(841.9-TopMargin-BottomMargin)
		return PageWords{Width: 595.3, Height: 841.9, Words: []Box{{XMin: 50, YMin: y - 10, XMax: 60, YMax: y, Text: "x"}}}
	}
	pages := []PageWords{page(1), page(0.9), page(0.08), page(0.9)}
	p := Plan{Anchors: []string{"a", "b", "c", "d"}, Joined: []bool{false, true, true, false}, Start: []int{1, 2, 2, 4}, heights: []float64{1, 0.6, 0.4, 0.9}}
	if !p.fillEmpty(pages) {
		t.Fatal("fillEmpty changed nothing")
	}
	if want := []bool{false, true, false, false}; !slices.Equal(p.Joined, want) {
		t.Fatalf("fillEmpty: joined %v, want %v (c out of the run)", p.Joined, want)
	}
	// c starts the page after the one it started on, and d the page after c's.
	if want := []int{1, 2, 3, 4}; !slices.Equal(p.Start, want) {
		t.Errorf("fillEmpty: estimated start pages %v, want %v", p.Start, want)
	}
	// Printed again, c starts page 3, which b's end left nearly empty: c stays apart.
	p.Start = []int{1, 2, 3, 4}
	pages = []PageWords{page(1), page(0.1), page(0.9), page(0.9)}
	if p.fillEmpty(pages) || p.Joined[2] {
		t.Errorf("fillEmpty joined c again: %v", p.Joined)
	}
}

// A brief planned to share the page of the brief before, printed at the top of a page of
// its own (the brief before filled its page), leaves the run: its pages are then headed
// by its title. A brief that did share the page stays in its run.
func TestSeparateTakesOutABriefThatStartsItsPage(t *testing.T) {
	line := func(y float64, words ...string) []Box {
		var out []Box
		for i, w := range words {
			x := 50 + 60*float64(i)
			out = append(out, Box{XMin: x, YMin: y - 12, XMax: x + 50, YMax: y, Text: w})
		}
		return out
	}
	head := line(30, "Countries") // in the top margin: not the page's body
	page := func(lines ...[]Box) PageWords {
		p := PageWords{Width: 595.3, Height: 841.9, Words: slices.Clone(head)}
		for _, l := range lines {
			p.Words = append(p.Words, l...)
		}
		return p
	}
	pages := []PageWords{
		page(line(80, "Cambodia"), line(100, "text")),
		page(line(80, "Sri", "Lanka"), line(100, "text"), line(700, "Japan’s", "support")),
		page(line(80, "Philippines", "(Mindanao)"), line(100, "text"), line(500, "Timor-Leste"), line(520, "text")),
	}
	titles := titled("Cambodia", "Sri Lanka", "Philippines (Mindanao)", "Timor-Leste")
	p := Plan{Anchors: []string{"cambodia", "sri-lanka", "philippines", "timor-leste"}, Joined: []bool{false, false, true, true}, Start: []int{1, 2, 3, 3}}
	if !p.separate(pages, titles) {
		t.Fatal("separate changed nothing")
	}
	if want := []bool{false, false, false, true}; !slices.Equal(p.Joined, want) {
		t.Errorf("separate: joined %v, want %v (the Philippines out of the run, Timor-Leste on its page)", p.Joined, want)
	}
	if want := []bool{false, false, true, false}; !slices.Equal(p.apart, want) {
		t.Errorf("separate: apart %v, want %v (fillEmpty must not join the Philippines again)", p.apart, want)
	}
	if p.separate(pages, titles) {
		t.Errorf("separate changed the plan again: joined %v", p.Joined)
	}
}

// A brief planned to share a page whose title the printing put at the page's foot (below
// Stranded) starts the next page instead, and the briefs after it move with it.
func TestSeparateMovesAStrandedTitle(t *testing.T) {
	line := func(y float64, text string) Box { return Box{XMin: 50, YMin: y - 12, XMax: 300, YMax: y, Text: text} }
	foot := TopMargin + 0.9*(841.9-TopMargin-BottomMargin)
	pages := []PageWords{
		{Width: 595.3, Height: 841.9, Words: []Box{line(80, "Sudan"), line(400, "text"), line(foot, "Liberia"), line(foot+14, "Summary.")}},
		{Width: 595.3, Height: 841.9, Words: []Box{line(80, "Text of Liberia.")}},
	}
	p := Plan{Anchors: []string{"sudan", "liberia", "burundi"}, Joined: []bool{false, true, false}, Start: []int{1, 1, 2}, heights: []float64{0.8, 0.5, 0.5}}
	if !p.separate(pages, titled("Sudan", "Liberia", "Burundi")) {
		t.Fatal("separate changed nothing")
	}
	if want := []bool{false, false, false}; !slices.Equal(p.Joined, want) {
		t.Errorf("joined %v, want %v", p.Joined, want)
	}
	if want := []int{1, 2, 3}; !slices.Equal(p.Start, want) {
		t.Errorf("start pages %v, want %v (Liberia on a page of its own, Burundi after it)", p.Start, want)
	}
}

// A brief spills when its last page holds a few lines: with a list of pages referred to,
// counted down to the list's heading, however long the list.
func TestSpillsCountsDownToTheList(t *testing.T) {
	body := 841.9 - TopMargin - BottomMargin
	at := func(f float64, text string) Box {
		y := TopMargin + f*body
		return Box{XMin: 50, YMin: y, XMax: 300, YMax: y + 10, Text: text}
	}
	full := PageWords{Width: 595.3, Height: 841.9, Words: []Box{at(0, "Text"), at(0.97, "text")}}
	listed := PageWords{Width: 595.3, Height: 841.9, Words: []Box{at(0, "Two"), at(0.02, "lines."), at(0.05, "Pages referred to (addresses under x)"), at(0.12, "a"), at(0.19, "b"), at(0.26, "c"), at(0.30, "Source.")}}
	heading := RefsHeading([]byte(`<h2 class=print-refs-h>Pages referred to (addresses under https://example.org/)</h2>`))
	if heading != "Pagesreferredto" {
		t.Fatalf("RefsHeading = %q", heading)
	}
	if !Spills([]PageWords{full, listed}, heading, FitFill) {
		t.Error("two lines of text before a list of four lines do not spill")
	}
	if Spills([]PageWords{full, listed}, "", FitFill) {
		t.Error("a last page 31% full spills, counted whole")
	}
	if Spills([]PageWords{listed}, heading, FitFill) {
		t.Error("a brief of one page spills")
	}
}

// titled is the heads of briefs with these titles and no lead.
func titled(titles ...string) []BriefHead {
	heads := make([]BriefHead, len(titles))
	for i, t := range titles {
		heads[i] = BriefHead{Title: t}
	}
	return heads
}

// A brief planned to share a page whose head and figures the printing put on it, and its
// text (with its side column) on the next page, starts the next page: the Japanese
// booklet's Iraq, whose figures ended one page and its text began the next. A lead that no
// page shows moves nothing.
func TestSeparateMovesAHeadApartFromItsText(t *testing.T) {
	line := func(y float64, text string) Box { return Box{XMin: 50, YMin: y - 12, XMax: 300, YMax: y, Text: text} }
	pages := func() []PageWords {
		return []PageWords{
			{Width: 595.3, Height: 841.9, Words: []Box{line(80, "Afghanistan"), line(200, "Notes."), line(300, "Iraq"), line(320, "Summary."), line(400, "50億ドル")}},
			{Width: 595.3, Height: 841.9, Words: []Box{line(80, "イラクの安定と復興は国際社会"), line(300, "Text of Bosnia.")}},
		}
	}
	p := Plan{Anchors: []string{"afghanistan", "iraq", "bosnia"}, Joined: []bool{false, true, true}, Start: []int{1, 1, 2}, heights: []float64{0.3, 0.9, 0.3}}
	heads := []BriefHead{{Title: "Afghanistan"}, {Title: "Iraq", Lead: "イラクの安定と復興"}, {Title: "Bosnia"}}
	if !p.separate(pages(), heads) {
		t.Fatal("separate changed nothing")
	}
	if want := []bool{false, false, true}; !slices.Equal(p.Joined, want) {
		t.Errorf("joined %v, want %v (Iraq starts a page)", p.Joined, want)
	}
	if p.Start[1] != 2 {
		t.Errorf("Iraq starts on page %d, want 2", p.Start[1])
	}
	q := Plan{Anchors: []string{"afghanistan", "iraq", "bosnia"}, Joined: []bool{false, true, true}, Start: []int{1, 1, 2}, heights: []float64{0.3, 0.9, 0.3}}
	heads[1].Lead = "どこにもない"
	if q.separate(pages(), heads) {
		t.Errorf("a lead that no page shows moved the plan: joined %v", q.Joined)
	}
}
