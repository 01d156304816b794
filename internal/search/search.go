// Package search writes the search index of each language: what assets/search.js reads on
// the search page (/<lang>/search/) to find briefs, glossary terms and timeline events, in
// the reader's browser, from the built files alone.
//
// A language's index is in three kinds of files under <lang>/search/, so that a first
// query fetches a small part of it (and two small files a query reads when it needs them:
// read.json, the readings of the glossary's terms, and var.json, their variants):
//
//   - meta.json: the documents (kind, URL, title, number of passages), the number of
//     shards and of passages, the number of passages in each text file, the stop words
//     and the names of the kinds;
//   - s/<n>.json: shard n of the inverted index, token -> the passages it occurs in (ids
//     ascending, delta-coded in a string of base-32 digits, see index.go). A query reads
//     only the shards of its tokens;
//   - t/<n>.json: the text of consecutive passages, textBytes or a little more, for the
//     excerpts of the results shown.
//
// A document is made of passages: its title first, then its summary, figures, body blocks
// and facts (a brief), its other-language form (a glossary term), or its text (a
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
	"strings"
	"unicode"

	"peacebuilding/internal/glossary"
	"peacebuilding/internal/numbers"
	"peacebuilding/internal/render"
	"peacebuilding/internal/site"
)

// MinShards is the fewest shards of a language's inverted index: a bigger index has more,
// so that a shard stays near ShardBytes, as a query reads one per token.
//
// The texts are in files of textBytes or a little more (a file is closed by the passage
// that reaches its size): ChunkBytes for a small site; for a bigger one, the size that
// gives about TextFiles files (PageText a page), up to MaxChunkBytes, as a query reads a
// text file per result shown. Every file costs the build a few system calls: a site of
// 1,000 briefs a language, whose texts were all in 2 KB files, wrote 2,400 of them, half
// of its output, where it now writes 161.
//
// A first query reads meta.json, a shard per token and a text file per result shown: on
// the real site (some 45 pages a language) a shard is 0.7 to 5.8 KB and a text file up to
// 2.2 KB (smaller files, more of them: a first query reads ten); at 1,000 briefs a
// language a shard is 11 to 62 KB and a text file 33 to 37 KB. With 16 shards, a first
// Japanese query on the real site read 150 KB of files, where 32 make it 135: as many
// files, each half the size.
const (
	MinShards     = 32
	ShardBytes    = 32 << 10
	ChunkBytes    = 1536
	MaxChunkBytes = 32 << 10
	TextFiles     = 64
	PageText      = 2560 // bytes: 2.6 KB a brief at 1,000 synthetic briefs, 2.3 KB on the real site
)

// textBytes is the size at which a text file of lang's index closes.
func textBytes(s *site.Site, lang string) int {
	pages := 0
	for _, kind := range []site.Kind{site.KindCountry, site.KindTheme, site.KindStandalone} {
		pages += len(s.Section(lang, kind))
	}
	return min(MaxChunkBytes, max(ChunkBytes, PageText*pages/TextFiles))
}

// Kinds of documents, in the order meta.json lists their names (the search page has a
// label for each): a document gives its kind by its place in the list.
const (
	KindCountry  = "country"
	KindTheme    = "theme"
	KindPage     = "page"
	KindGlossary = "glossary"
	KindTimeline = "timeline"
)

var kinds = []string{KindCountry, KindTheme, KindPage, KindGlossary, KindTimeline}

// Dir is the folder of a language's search page and index: "en/search/".
func Dir(lang string) string { return lang + "/search/" }

// doc is one search result.
type doc struct {
	kind, url, title string
	// indexed is the text of the title passage when it is not the title: a timeline
	// event's title names its brief, which must not make every event of Cambodia a title
	// hit for "Cambodia", so its date is indexed instead; a page's title is indexed with
	// its titles in the other languages.
	indexed  string
	passages []string // after the title
}

// Files returns the index files of lang, in a fixed order.
// It yields each file as soon as it is written, so that the index of thousands of pages
// is never held whole; the file's Data is the caller's.
func Files(s *site.Site, lang string) iter.Seq[publish.File] {
	return func(yield func(publish.File) bool) {
		langFiles(lang, docs(s, lang), s.Glossary, textBytes(s, lang), yield)
	}
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
	for _, t := range s.Glossary.Sorted(lang) {
		d := doc{kind: KindGlossary, url: lang + "/glossary/#" + t.ID()}
		en, ja := t.EN, t.JA
		if a := t.EnglishAbbr(); a != "" {
			en += " (" + a + ")"
		}
		if t.Abbr != "" {
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
	// The timeline's entries as its page shows them (render.Timeline): an event that
	// several briefs tell is one entry, one result, linked to the entry itself. Its
	// briefs are in its title, and in brackets after its text, which is what is indexed
	// (the title's date alone is: a brief's name in the title would count as much as in
	// a brief's title): "Cambodia 1998" finds the election of 1998, whose text does not
	// name Cambodia.
	list, open, close := ", ", " (", ")"
	if lang == "ja" {
		list, open, close = "、", "（", "）"
	}
	for _, y := range render.Timeline(s, lang) {
		for _, e := range y.Entries {
			titles := make([]string, len(e.Pages))
			for i, p := range e.Pages {
				titles[i] = p.Title
			}
			out = append(out, doc{
				kind:     KindTimeline,
				url:      lang + "/timeline/#" + e.ID,
				title:    e.Event.Date.Format(lang) + " · " + strings.Join(titles, list),
				indexed:  e.Event.Date.Format(lang),
				passages: []string{e.Event.Text + open + strings.Join(titles, list) + close},
			})
		}
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
	// The title is indexed with the page's titles in the other languages: a Japanese
	// reader who types Cambodia or DDR finds カンボジア and 武装解除・動員解除・社会復帰
	// (DDR), an English one who types 地雷 finds Mine action, as title hits.
	for _, t := range p.Translations {
		if t.Title != p.Title && !strings.Contains(d.indexed, t.Title) {
			d.indexed = cmp.Or(d.indexed, p.Title) + " " + t.Title
		}
	}
	if p.Summary != "" {
		d.passages = append(d.passages, p.Summary)
	}
	for _, f := range p.Figures {
		// The value, then what it counts: "1,300 people: Japanese personnel sent to
		// UNTAC", as an excerpt shows it.
		sep := ": "
		if lang == "ja" {
			sep = "　"
		}
		d.passages = append(d.passages, numbers.Figure(f.Value, f.Unit, f.Approx, lang)+sep+f.Label)
	}
	d.passages = append(d.passages, PlainText(string(p.Body()))...)
	// The key facts last: of passages that hit as often, the first is the excerpt, and
	// "Kingdom of Cambodia, Phnom Penh, Khmer" said less of the brief found for
	// "Cambodia" than a sentence of its text.
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
	return d
}

// DocURL is the URL of a document of meta.json whose URL field is u, after a document
// with the URL prev: u itself, prev for "", prev's page with another fragment for
// "#fragment", and for "-rest" prev's page and fragment up to its first "-", then rest
// (#term-asia after #term-yasushi-akashi: a glossary's 216 terms each save "#term").
// assets/search.js reads them alike.
func DocURL(prev, u string) string {
	switch {
	case u == "":
		return prev
	case strings.HasPrefix(u, "#"):
		page, _, _ := strings.Cut(prev, "#")
		return page + u
	case strings.HasPrefix(u, "-"):
		page, fragment, _ := strings.Cut(prev, "#")
		kind, _, _ := strings.Cut(fragment, "-")
		return page + "#" + kind + u
	}
	return u
}

// langFiles writes the index of one language's documents, handing each file to yield
// until it returns false. A text file closes once it holds chunkSize bytes of text.
func langFiles(lang string, docs iter.Seq[doc], g *glossary.Glossary, chunkSize int, yield func(publish.File) bool) {
	// A document is [kind, URL, title, passages]: its kind's place in kinds; its URL, ""
	// for the URL of the document before it (the events of a year), "#fragment" for
	// another place on the page before's, or "-rest" for a fragment that starts as the
	// one before up to its first "-" (the glossary's terms; see DocURL); the number of its
	// passages, its title's included.
	type docJSON = [4]any
	meta := struct {
		Version  int      `json:"v"`
		Shards   int      `json:"shards"`
		Passages int      `json:"passages"`
		Chunks   []int    `json:"chunks"` // the number of passages in each text file
		Stop     []string `json:"stop"`
		Kinds    []string `json:"kinds"`
		// Syn gives, for an abbreviation that passages are indexed under when they write
		// its term in full, the forms to mark in their excerpts: "sdf": ["self-defense force"].
		Syn map[string][]string `json:"syn"`
		// Reads says that read.json gives, for the reading of each glossary term, the
		// terms it reads ("じえいたい": ["自衛隊"], see readings): loaded only for a query
		// with a word in hiragana, not with every first query.
		Reads bool `json:"reads,omitempty"`
		// Vars says that var.json gives, for each form of a glossary term that the site
		// does not write (東チモール, 元兵士), the term's form that it does (see variants):
		// loaded only when a query finds nothing.
		Vars bool      `json:"vars,omitempty"`
		Docs []docJSON `json:"docs"`
	}{Version: 5, Stop: stopWords, Kinds: kinds, Syn: map[string][]string{}}
	dir := Dir(lang)
	ix := newIndex(g, lang)
	for _, syn := range ix.syns {
		meta.Syn[syn.abbr] = append(meta.Syn[syn.abbr], string(syn.form))
	}
	// The text files are written as the passages come: a file is closed once it holds
	// chunkSize bytes of text. A title's text is in meta.json: its place in a file is empty.
	var chunk []string
	chunkBytes := 0
	flush := func() bool {
		if len(chunk) == 0 {
			return true
		}
		ok := yield(publish.File{Path: fmt.Sprintf("%st/%d.json", dir, len(meta.Chunks)), Data: marshal(chunk)})
		meta.Chunks = append(meta.Chunks, len(chunk))
		chunk, chunkBytes = chunk[:0], 0
		return ok
	}
	add := func(text string, title bool) bool {
		ix.add(text)
		if title {
			text = ""
		}
		chunk = append(chunk, text)
		if chunkBytes += len(text); chunkBytes >= chunkSize {
			return flush()
		}
		return true
	}
	prevURL := ""
	for d := range docs {
		url := d.url
		path, fragment, hasFragment := strings.Cut(url, "#")
		prevPath, prevFragment, _ := strings.Cut(prevURL, "#")
		switch kind, _, _ := strings.Cut(fragment, "-"); {
		case url == prevURL:
			url = ""
		case hasFragment && path == prevPath && kind != fragment && strings.HasPrefix(prevFragment, kind+"-"):
			url = strings.TrimPrefix(fragment, kind) // the glossary's terms, one after another: "-asia" after "#term-…"
		case hasFragment && path == prevPath:
			url = "#" + fragment
		}
		prevURL = d.url
		meta.Docs = append(meta.Docs, docJSON{slices.Index(kinds, d.kind), url, d.title, 1 + len(d.passages)})
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
	if read := readings(g, lang); len(read) > 0 {
		if !yield(publish.File{Path: dir + "read.json", Data: marshal(read)}) {
			return
		}
		meta.Reads = true
	}
	if vars := variants(g); len(vars) > 0 {
		if !yield(publish.File{Path: dir + "var.json", Data: marshal(vars)}) {
			return
		}
		meta.Vars = true
	}
	meta.Passages = int(ix.passages)
	meta.Shards = ix.shards()
	if !yield(publish.File{Path: dir + "meta.json", Data: marshal(meta)}) {
		return
	}
	ix.writeShards(meta.Shards, func(n int, data []byte) bool {
		return yield(publish.File{Path: fmt.Sprintf("%ss/%d.json", dir, n), Data: data})
	})
}

// readings maps the reading of each glossary term of a Japanese edition, as a query
// reads it (queryKey), to the terms of that reading: a reader who types じらい or
// じえいたい without converting it finds 地雷 and 自衛隊 in the briefs, not only the
// glossary's rows. A term written with other than
// Japanese script (ODA大綱) is left out: its pairs of characters are not all the index's.
func readings(g *glossary.Glossary, lang string) map[string][]string {
	if g == nil || lang != "ja" {
		return nil
	}
	out := map[string][]string{}
	for _, t := range g.Terms {
		key := queryKey(t.Reading)
		if key == "" || !allJapanese(t.JA) || slices.Contains(out[key], t.JA) {
			continue
		}
		out[key] = append(out[key], t.JA)
	}
	return out
}

// variants maps each variant of a glossary term written in Japanese script (the forms
// the translation check asks a translator not to write: 東チモール, 元兵士; not PKO法), as
// a query reads it (queryKey), to the term's Japanese form: a reader
// who types a form the site does not use finds the one it does. nil without a glossary.
func variants(g *glossary.Glossary) map[string][]string {
	if g == nil {
		return nil
	}
	out := map[string][]string{}
	for _, t := range g.Terms {
		for _, v := range t.Variants {
			key := queryKey(v)
			if key == "" || !allJapanese(v) || !allJapanese(t.JA) || slices.Contains(out[key], t.JA) {
				continue
			}
			out[key] = append(out[key], t.JA)
		}
	}
	return out
}

// queryKey is a Japanese word as a query reads it: without ー, ・ or spaces, which the
// query leaves out.
func queryKey(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 'ー' || r == '・' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// allJapanese reports whether s is all characters of a run of Japanese script, or ・.
func allJapanese(s string) bool {
	for _, r := range s {
		if !isJapanese(r) && r != '・' {
			return false
		}
	}
	return s != ""
}

// appendJSONString appends s as a JSON string. A token is letters and digits: only a
// quote, a backslash or a control character, which a token cannot have, would need
// escaping, and they are escaped all the same.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = fmt.Appendf(b, `\u%04x`, c)
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
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
