package pipeline

import (
	"slices"
	"testing"

	"peacebuilding/internal/publish"
	"peacebuilding/internal/render"
	"peacebuilding/internal/site"
)

func TestQueueOrder(t *testing.T) {
	country := &site.Page{Kind: site.KindCountry}
	section := &site.Page{Kind: site.KindSection}
	jobs := []Output{
		0: {Page: country},
		1: {Page: section},
		2: {Job: &render.Job{Layout: "print", View: &render.View{Booklet: &render.Booklet{}}}},
		3: {Job: &render.Job{Layout: "country", View: &render.View{Page: country}}},
		4: {Job: &render.Job{Layout: "timeline", View: &render.View{}}},
		5: {Job: &render.Job{Layout: "print", View: &render.View{Booklet: &render.Booklet{}}}},
		6: {Path: "sitemap.xml", Data: func(func(publish.File) bool) {}},
	}
	q := newQueue(jobs)
	var got []int
	take := func() (int, bool) {
		i, booklet, ok := q.next()
		if !ok {
			t.Fatalf("queue ran out after %v", got)
		}
		got = append(got, i)
		return i, booklet
	}
	// The first booklet first; the second waits while the first is rendered and other
	// work is left; then the whole-site pages before the pages of one file, and the
	// files that are not pages last.
	if i, booklet := take(); i != 2 || !booklet {
		t.Fatalf("first job %d (booklet %v), want the booklet 2", i, booklet)
	}
	if i, _ := take(); i != 1 {
		t.Fatalf("second job %d while a booklet is rendered, want the section index 1", i)
	}
	q.done(true)
	if i, booklet := take(); i != 5 || !booklet {
		t.Fatalf("after the first booklet: job %d, want the booklet 5", i)
	}
	for range 4 {
		take()
	}
	if _, _, ok := q.next(); ok {
		t.Fatalf("queue hands out more than the %d jobs", len(jobs))
	}
	if want := []int{2, 1, 5, 4, 0, 3, 6}; !slices.Equal(got, want) {
		t.Errorf("jobs in order %v, want %v", got, want)
	}
}

func TestQueueGivesTheLastBookletsAtOnce(t *testing.T) {
	jobs := []Output{{Job: &render.Job{Layout: "print", View: &render.View{Booklet: &render.Booklet{}}}}, {Job: &render.Job{Layout: "print", View: &render.View{Booklet: &render.Booklet{}}}}}
	q := newQueue(jobs)
	q.next()
	// Nothing else is left: the second booklet goes to the idle worker now.
	if i, booklet, ok := q.next(); !ok || i != 1 || !booklet {
		t.Errorf("second booklet with nothing else left: next() = %d, %v, %v; want 1, true, true", i, booklet, ok)
	}
}

func TestQueueTakesBookletPartsAsOtherSitePages(t *testing.T) {
	parts := make([]site.BookletPart, 3)
	jobs := []Output{
		{Job: &render.Job{Layout: "print", View: &render.View{Booklet: &render.Booklet{Part: parts[0], Parts: parts}}}},
		{Job: &render.Job{Layout: "print", View: &render.View{Booklet: &render.Booklet{Part: parts[1], Parts: parts}}}},
	}
	q := newQueue(jobs)
	for want := range 2 {
		if i, booklet, ok := q.next(); !ok || i != want || booklet {
			t.Errorf("next() = %d, %v, %v; want %d, false, true: a part is not a whole booklet", i, booklet, ok, want)
		}
	}
}

func TestQueueGivesTheSearchIndexLastAndAlone(t *testing.T) {
	none := func(func(publish.File) bool) {}
	outputs := []Output{
		{Path: "en/search/", Many: true, Data: none},
		{Page: &site.Page{Kind: site.KindCountry}},
		{Path: "ja/search/", Many: true, Data: none},
	}
	q := newQueue(outputs)
	if i, _, ok := q.next(); !ok || i != 1 {
		t.Fatalf("first output %d, %v; want the page 1", i, ok)
	}
	// The page is being rendered: another worker gets nothing, and stops.
	if i, _, ok := q.next(); ok {
		t.Fatalf("while a page is rendered: next() = %d; want nothing", i)
	}
	q.done(false)
	for _, want := range []int{0, 2} {
		i, _, ok := q.next()
		if !ok || i != want {
			t.Fatalf("next() = %d, %v; want the search index %d", i, ok, want)
		}
		if _, _, ok := q.next(); ok {
			t.Fatalf("two search indexes handed out at once")
		}
		q.done(false)
	}
}
