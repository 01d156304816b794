// Package search writes the search index of each language: what assets/search.js reads on
// the search page (/<lang>/search/) to find briefs, glossary terms and timeline events, in
// the reader's browser, from the built files alone.
//
// A language's index is in three kinds of files under <lang>/search/, so that a first
// query fetches a small part of it:
//
//   - meta.json: the documents (kind, URL, title, first passage), the number of shards
//     and passages per text chunk, and the stop words;
//   - s/<n>.json: shard n of the inverted index, token -> the passages it occurs in (ids
//     ascending, delta-coded). A query reads only the shards of its tokens;
//   - t/<n>.json: the text of ChunkSize passages, for the excerpts of the results shown.
//
// A document is made of passages: its title first, then its summary, facts, figures and
// body blocks (a brief), its other-language form (a glossary term), or its text (a
// timeline event). Passages are numbered across the language, in document order.
//
// The tokens are words for scripts with spaces and character bigrams for Japanese (see
// tokens.go): the index needs no dictionary, and the query is cut exactly as the text was.
package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"iter"
	"peacebuilding/internal/publish"
	"slices"
	"strconv"
	"strings"

	"peacebuilding/internal/numbers"
	"peacebuilding/internal/site"
)

// Shards is the number of shards of a language's inverted index, and ChunkSize the
// passages in one text file. With the real site, a shard is 2 to 10 KB and a chunk 1 to
// 4 KB: a first query reads meta.json, a few shards and a chunk per result shown.
const (
	Shards    = 32
	ChunkSize = 8
)

// Kinds of documents, as meta.json names them (the search page has a label for each).
const (
	KindCountry  = "country"
	KindTheme    = "theme"
	KindPage     = "page"
	KindGlossary = "glossary"
	KindTimeline = "timeline"
)

// Dir is the folder of a language's search page and index: "en/search/".
func Dir(lang string) string { return lang + "/search/" }

// doc is one search result.
type doc struct {
	kind, url, title string
	// indexed is the text of the title passage when it is not the title: a timeline
	// event's title names its brief, which must not make every event of Cambodia a title
	// hit for "Cambodia"; its date is indexed instead.
	indexed  string
	passages []string // after the title
}

// Files returns the index files of lang, in a fixed order.
// It yields each file as soon as it is written, so that the index of thousands of pages
// is never held whole; the file's Data is the caller's.
func Files(s *site.Site, lang string) iter.Seq[publish.File] {
	return func(yield func(publish.File) bool) { langFiles(lang, docs(s, lang), yield) }
}

// docs yields the documents of lang: briefs and stand-alone pages, then glossary terms,
// then timeline events. One at a time: the plain text of thousands of pages is not held.
func docs(s *site.Site, lang string) iter.Seq[doc] {
	return func(yield func(doc) bool) {
		for _, kind := range []site.Kind{site.KindCountry, site.KindTheme, site.KindStandalone} {
			for _, p := range s.Section(lang, kind) {
				if !yield(pageDoc(p, lang)) {
					return
				}
			}
		}
		for _, d := range otherDocs(s, lang) {
			if !yield(d) {
				return
			}
		}
	}
}

// otherDocs lists the glossary terms and the timeline events of lang.
func otherDocs(s *site.Site, lang string) []doc {
	var out []doc
	glossaryURL := lang + "/glossary/"
	for _, t := range s.Glossary.Sorted(lang) {
		d := doc{kind: KindGlossary, url: glossaryURL}
		en, ja := t.EN, t.JA
		if t.Abbr != "" {
			en += " (" + t.Abbr + ")"
			ja += "（" + t.Abbr + "）"
		}
		if lang == "ja" {
			d.title = ja
			d.passages = []string{en}
			if t.Reading != "" {
				d.passages = append(d.passages, t.Reading)
			}
		} else {
			d.title = en
			d.passages = []string{ja}
		}
		out = append(out, d)
	}
	// Timeline events in the order of the timeline page: by date, then page order.
	type event struct {
		e site.Event
		p *site.Page
	}
	var events []event
	for _, kind := range []site.Kind{site.KindCountry, site.KindTheme} {
		for _, p := range s.Section(lang, kind) {
			for _, e := range p.Events {
				events = append(events, event{e, p})
			}
		}
	}
	slices.SortStableFunc(events, func(a, b event) int { return a.e.Date.Compare(b.e.Date) })
	sep := " · "
	for _, ev := range events {
		out = append(out, doc{
			kind:     KindTimeline,
			url:      lang + "/timeline/#y" + strconv.Itoa(ev.e.Date.Year),
			title:    ev.e.Date.Format(lang) + sep + ev.p.Title,
			indexed:  ev.e.Date.Format(lang),
			passages: []string{ev.e.Text},
		})
	}
	return out
}

// pageDoc is the document of a brief or stand-alone page.
func pageDoc(p *site.Page, lang string) doc {
	kind := KindPage
	switch p.Kind {
	case site.KindCountry:
		kind = KindCountry
	case site.KindTheme:
		kind = KindTheme
	}
	d := doc{kind: kind, url: p.URL, title: p.Title}
	if p.Summary != "" {
		d.passages = append(d.passages, p.Summary)
	}
	if f := p.Facts; f != nil {
		facts := []string{f.OfficialName, f.Capital}
		facts = append(facts, f.Languages...)
		facts = slices.DeleteFunc(facts, func(s string) bool { return s == "" })
		if len(facts) > 0 {
			list := ", "
			if lang == "ja" {
				list = "、"
			}
			d.passages = append(d.passages, strings.Join(facts, list))
		}
	}
	for _, f := range p.Figures {
		sep := " "
		if lang == "ja" {
			sep = "　"
		}
		d.passages = append(d.passages, numbers.Figure(f.Value, f.Unit, f.Approx, lang)+sep+f.Label)
	}
	d.passages = append(d.passages, plainText(string(p.Body()))...)
	return d
}

// langFiles writes the index of one language's documents, handing each file to yield
// until it returns false.
func langFiles(lang string, docs iter.Seq[doc], yield func(publish.File) bool) {
	type docJSON = [4]any // kind, url, title, first passage
	meta := struct {
		Version   int       `json:"v"`
		Shards    int       `json:"shards"`
		ChunkSize int       `json:"chunk"`
		Passages  int       `json:"passages"`
		Stop      []string  `json:"stop"`
		Docs      []docJSON `json:"docs"`
	}{Version: 1, Shards: Shards, ChunkSize: ChunkSize, Stop: stopWords}
	dir := Dir(lang)
	postings := map[string][]int{}
	// The text chunks are written as the passages come: passage id is in chunk
	// id/ChunkSize. A title's text is in meta.json: its place in a chunk is empty.
	n := 0 // passages so far
	chunk := make([]string, 0, ChunkSize)
	flush := func() bool {
		if len(chunk) == 0 {
			return true
		}
		ok := yield(publish.File{Path: fmt.Sprintf("%st/%d.json", dir, (n-1)/ChunkSize), Data: marshal(chunk)})
		chunk = chunk[:0]
		return ok
	}
	add := func(text string, title bool) bool {
		id := n
		n++
		tokens(text, func(tok string) {
			ids := postings[tok]
			if len(ids) == 0 || ids[len(ids)-1] != id {
				postings[tok] = append(ids, id)
			}
		})
		if title {
			text = ""
		}
		if chunk = append(chunk, text); len(chunk) == ChunkSize {
			return flush()
		}
		return true
	}
	for d := range docs {
		meta.Docs = append(meta.Docs, docJSON{d.kind, d.url, d.title, n})
		if !add(cmp.Or(d.indexed, d.title), true) {
			return
		}
		for _, p := range d.passages {
			if !add(p, false) {
				return
			}
		}
	}
	if !flush() {
		return
	}
	meta.Passages = n
	if !yield(publish.File{Path: dir + "meta.json", Data: marshal(meta)}) {
		return
	}

	// Shards, each an object of tokens in sorted order.
	shards := make([][]string, Shards)
	for tok := range postings {
		n := shardOf(tok, Shards)
		shards[n] = append(shards[n], tok)
	}
	for n, toks := range shards {
		slices.Sort(toks)
		var b bytes.Buffer
		b.WriteByte('{')
		for i, tok := range toks {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(marshal(tok))
			b.WriteString(":[")
			prev := 0
			for j, id := range postings[tok] {
				if j > 0 {
					b.WriteByte(',')
				}
				b.WriteString(strconv.Itoa(id - prev))
				prev = id
			}
			b.WriteByte(']')
		}
		b.WriteByte('}')
		if !yield(publish.File{Path: fmt.Sprintf("%ss/%d.json", dir, n), Data: b.Bytes()}) {
			return
		}
	}
}

// marshal encodes v as JSON without escaping <, > and & (the files are not HTML).
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // strings, ints and slices of them always encode
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
