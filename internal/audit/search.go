package audit

import (
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"

	"peacebuilding/internal/search"
)

// The search index (package search, read by assets/search.js on /<lang>/search/): a search
// page whose index is missing or broken would show readers a search box that finds
// nothing, so a build fails instead. For each search page, the audit checks that its
// meta.json is there and reads, that every shard and text file it implies is there, and
// that every result leads to a page of the output (and its #fragment to an id there).

// searchMeta is what the audit keeps of a search index's meta.json.
type searchMeta struct {
	err         string // why it does not read, if it does not
	shards      int
	chunks      []int // the number of passages in each text file
	passages    int
	docPassages int      // the passages of the documents, summed
	docURLs     []string // site-root-relative, with #fragment
	firstBad    string   // a document entry that is not [kind, url, title, passages]
	docsCount   int
	reads       bool // read.json is the index's too
}

const searchMetaName = "search/meta.json"

func summarizeSearchMeta(data []byte) *searchMeta {
	var m struct {
		Shards int `json:"shards"`
		// Numbers as the minifier writes them: 34000 is 34e3.
		Chunks   []float64 `json:"chunks"`
		Passages float64   `json:"passages"`
		Kinds    []string  `json:"kinds"`
		Docs     [][]any   `json:"docs"`
		Reads    bool      `json:"reads"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return &searchMeta{err: err.Error()}
	}
	s := &searchMeta{shards: m.Shards, passages: int(m.Passages), docsCount: len(m.Docs), reads: m.Reads}
	for _, c := range m.Chunks {
		s.chunks = append(s.chunks, int(c))
	}
	// A document is [kind, URL, title, passages]: its kind's place in kinds, its URL (""
	// or "#fragment" after the document before it: search.DocURL), the number of its
	// passages (package search).
	url := ""
	for _, d := range m.Docs {
		var kind, n float64
		var u string
		ok := len(d) == 4
		if ok {
			kind, ok = d[0].(float64)
		}
		if ok {
			u, ok = d[1].(string)
		}
		if ok {
			n, ok = d[3].(float64)
		}
		if !ok || kind < 0 || int(kind) >= len(m.Kinds) || n < 1 || url == "" && (u == "" || strings.HasPrefix(u, "#")) {
			s.firstBad = fmt.Sprint(d)
			break
		}
		if u != "" {
			url = search.DocURL(url, u)
			s.docURLs = append(s.docURLs, url)
		}
		s.docPassages += int(n)
	}
	return s
}

// checkSearch checks the index of every search page (layout "search").
func (a *auditor) checkSearch(out *reporter) {
	for _, p := range a.paths {
		pg := a.pages[p]
		if pg == nil || a.syms.str(pg.layout) != "search" {
			continue
		}
		dir := path.Dir(p) + "/"
		metaPath := dir + "meta.json"
		f, ok := a.files[metaPath]
		if !ok || f.search == nil {
			out.report(p, "layouts/search.html", "the search page has no index: %s is missing (package search writes it)", metaPath)
			continue
		}
		m := f.search
		switch {
		case m.err != "":
			out.report(metaPath, "", "does not read as a search index: %s", m.err)
			continue
		case m.shards <= 0 || len(m.chunks) == 0 || m.passages <= 0 || m.docsCount == 0:
			out.report(metaPath, "", "an empty search index: %d shards, %d text files, %d passages, %d documents", m.shards, len(m.chunks), m.passages, m.docsCount)
			continue
		case slices.Min(m.chunks) <= 0 || sum(m.chunks) != m.passages:
			out.report(metaPath, "", "the text files do not hold the %d passages: %v", m.passages, m.chunks)
			continue
		case m.firstBad != "":
			out.report(metaPath, "", "a document is not [kind, url, title, passages]: %s", m.firstBad)
			continue
		case m.docPassages != m.passages:
			out.report(metaPath, "", "the documents hold %d passages, not the %d of the index", m.docPassages, m.passages)
			continue
		}
		for n := range m.shards {
			if name := fmt.Sprintf("%ss/%d.json", dir, n); a.files[name] == nil {
				out.report(metaPath, "", "shard %s of the index is missing", name)
			}
		}
		for c := range m.chunks {
			if name := fmt.Sprintf("%st/%d.json", dir, c); a.files[name] == nil {
				out.report(metaPath, "", "text %s of the index is missing", name)
			}
		}
		if name := dir + "read.json"; m.reads && a.files[name] == nil {
			out.report(metaPath, "", "the readings %s of the index are missing", name)
		}
		for _, u := range m.docURLs {
			file, frag, _ := strings.Cut(u, "#")
			if file == "" || strings.HasSuffix(file, "/") {
				file += "index.html"
			}
			switch t := a.pages[file]; {
			case t == nil:
				out.report(metaPath, "", "a result leads to %s, which the output does not have", u)
			case frag != "" && !a.hasID(t.page, frag):
				out.report(metaPath, "", "a result leads to %s: %s has no id %q", u, file, frag)
			}
		}
	}
}

func sum(ns []int) int {
	t := 0
	for _, n := range ns {
		t += n
	}
	return t
}
