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
		i, ok := q.next()
		if !ok {
			t.Fatalf("queue ran out after %v", got)
		}
		got = append(got, i)
		return i, q.kinds[i] == bookletOutput
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
	q.done(2)
	if i, booklet := take(); i != 5 || !booklet {
		t.Fatalf("after the first booklet: job %d, want the booklet 5", i)
	}
	for range 4 {
		take()
	}
	if _, ok := q.next(); ok {
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
	if i, ok := q.next(); !ok || i != 1 {
		t.Errorf("second booklet with nothing else left: next() = %d, %v; want 1, true", i, ok)
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
		if i, ok := q.next(); !ok || i != want || q.kinds[i] == bookletOutput {
			t.Errorf("next() = %d, %v (kind %d); want %d, true, not a booklet: a part is not a whole booklet", i, ok, q.kinds[i], want)
		}
	}
}

func TestQueueGivesTheSearchIndexesAfterTheWholeSitePagesOneAtATime(t *testing.T) {
	none := func(func(publish.File) bool) {}
	country := &site.Page{Kind: site.KindCountry}
	outputs := []Output{
		0: {Page: country},
		1: {Path: "en/search/", Many: true, Data: none},
		2: {Path: "ja/search/", Many: true, Data: none},
		3: {Job: &render.Job{Layout: "timeline", View: &render.View{}}},
		4: {Page: country},
	}
	q := newQueue(outputs)
	next := func(want int, why string) {
		t.Helper()
		if i, ok := q.next(); !ok || i != want {
			t.Fatalf("%s: next() = %d, %v; want %d", why, i, ok, want)
		}
	}
	next(3, "first")
	// The timeline is being rendered: a page of one file, not a search index.
	next(0, "while the timeline is rendered")
	q.done(3)
	next(1, "after the timeline")
	// The first index is being made: a page, not the second index, then nothing.
	next(4, "while a search index is made")
	if i, ok := q.next(); ok {
		t.Fatalf("while a search index is made and nothing else is left: next() = %d; want nothing (two indexes at once)", i)
	}
	q.done(0)
	q.done(4)
	q.done(1)
	next(2, "after the first index")
}
