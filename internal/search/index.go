package search

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

	"peacebuilding/internal/glossary"
)

// index is a language's inverted index while it is made, held compactly: each token once,
// as a string (the map's key and its id's entry share it), and its passages as the bytes
// its shard will hold, delta-coded (appendDelta), rather than as numbers: at 10,000 briefs
// per language the index of Japanese holds some ten million postings.
type index struct {
	tok      tokenizer
	ids      map[string]int32 // token -> id
	keyIDs   map[uint32]int32 // a Japanese token's key (see tokenizer.tokens) -> id
	toks     []string         // id -> token
	postings [][]byte         // id -> its passages, as written in its shard
	last     []int32          // id -> 1 + the last passage it was indexed with, or 0
	passages int32            // the passages indexed so far: the next one's number

	// The glossary's abbreviations (see synonym). The tokens they are looked for at are
	// made first, with ids below atTokens, so that a token is known to be one by its id.
	syns     []synonym
	atTokens int32
	synAt    map[int32][]int32 // the id of a token a synonym is looked for at -> the synonyms
	found    []int32           // the ids below atTokens of the passage being indexed
}

// A synonym is an abbreviation that a passage writing its term in full is indexed under
// too, so that a reader who types the abbreviation finds it: SDF for "Self-Defense
// Forces", PKO for 国連平和維持活動. The glossary gives them (see synonyms).
type synonym struct {
	abbr string // the abbreviation's token: "sdf"
	// form is the term as the text writes it, folded as the tokenizer folds a text; an
	// English form without its plural s, so that "Self-Defense Force" is found too.
	form []byte
	// at is the form's longest token (with its key, see tokenizer.tokens), the first of
	// them if several are as long: a passage is looked at for the form only if it has
	// that token ("defense", rarer than "self"; a Japanese form's first pair, 国連).
	at    string
	atKey uint32
}

// newIndex makes the index of lang, with the abbreviations of g's terms (g may be nil).
func newIndex(g *glossary.Glossary, lang string) *index {
	ix := &index{ids: map[string]int32{}, keyIDs: map[uint32]int32{}, synAt: map[int32][]int32{}}
	if g != nil {
		ix.syns = synonyms(&ix.tok, g, lang)
	}
	for i, syn := range ix.syns {
		var id int32
		var ok bool
		if syn.atKey != 0 {
			id, ok = ix.keyIDs[syn.atKey]
		} else {
			id, ok = ix.ids[syn.at]
		}
		if !ok {
			id = ix.newToken(syn.at, syn.atKey)
		}
		ix.synAt[id] = append(ix.synAt[id], int32(i))
	}
	ix.atTokens = int32(len(ix.toks))
	return ix
}

// add indexes the next passage, text.
func (ix *index) add(text string) {
	p := ix.passages
	ix.passages++
	ix.found = ix.found[:0]
	ix.tok.tokens(text, func(t []byte, key uint32) {
		// A Japanese token is looked up by its key, an integer, which hashes and compares
		// faster than its bytes: Japanese text makes two tokens a character, and looking
		// them up was the largest part of indexing it.
		var id int32
		var ok bool
		if key != 0 {
			id, ok = ix.keyIDs[key]
		} else {
			id, ok = ix.ids[string(t)]
		}
		if !ok {
			id = ix.newToken(string(t), key)
		}
		if ix.last[id] != p+1 {
			ix.post(id, p)
			if id < ix.atTokens {
				ix.found = append(ix.found, id)
			}
		}
	})
	// The tokenizer keeps the folded text of the passage until its next one.
	for _, at := range ix.found {
		for _, i := range ix.synAt[at] {
			syn := ix.syns[i]
			if !hasWordAt(ix.tok.text, syn.form) {
				continue
			}
			id, ok := ix.ids[syn.abbr]
			if !ok {
				id = ix.newToken(syn.abbr, 0)
			}
			if ix.last[id] != p+1 {
				ix.post(id, p)
			}
		}
	}
}

// newToken gives s, whose key is key, an id, with no passage yet.
func (ix *index) newToken(s string, key uint32) int32 {
	id := int32(len(ix.toks))
	if key != 0 {
		ix.keyIDs[key] = id
	} else {
		ix.ids[s] = id
	}
	ix.toks = append(ix.toks, s)
	ix.postings = append(ix.postings, nil)
	ix.last = append(ix.last, 0)
	return id
}

// post adds passage p, which is not there yet, to the passages of token id. A token
// repeated in a passage is indexed once; the first passage is written as it is, the next
// ones as the difference from the one before.
func (ix *index) post(id, p int32) {
	ix.postings[id] = appendDelta(ix.postings[id], p-max(ix.last[id]-1, 0))
	ix.last[id] = p + 1
}

// hasWordAt reports whether text has form where no letter or digit of a word (of a
// script other than Japanese) runs into its start: "self-defense force" in "Maritime
// Self-Defense Force vessels", 国連平和維持活動 in 日本は国連平和維持活動に.
func hasWordAt(text, form []byte) bool {
	for from := 0; ; {
		i := bytes.Index(text[from:], form)
		if i < 0 {
			return false
		}
		i += from
		if r, _ := utf8.DecodeLastRune(text[:i]); i == 0 || !isWord(r) {
			return true
		}
		from = i + 1
	}
}

// synonyms are the abbreviations of the glossary's terms that lang's pages write: an
// abbreviation of both languages (PKO) for the term in either, and one of English alone
// (SDF) in English. An abbreviation that the tokenizer does not take as one token (one
// letter, a stop word) is left out.
func synonyms(tok *tokenizer, g *glossary.Glossary, lang string) []synonym {
	var out []synonym
	for _, t := range g.Terms {
		abbr, forms := t.Abbr, []string{t.JA}
		if lang == "en" {
			abbr, forms = t.EnglishAbbr(), []string{t.EN}
		} else {
			forms = append(forms, t.Also...)
		}
		var abbrToks []string
		tok.tokens(abbr, func(b []byte, _ uint32) { abbrToks = append(abbrToks, string(b)) })
		if len(abbrToks) != 1 {
			continue
		}
		for _, form := range forms {
			var words []string
			keys := map[string]uint32{}
			tok.tokens(form, func(b []byte, key uint32) {
				words = append(words, string(b))
				keys[string(b)] = key
			})
			folded := bytes.Clone(tok.text)
			// "Self-Defense Forces" is looked for as "self-defense force", and at a word of
			// it that the singular writes too.
			if n := len(words); lang == "en" && n > 1 && bytes.HasSuffix(folded, []byte("s")) && strings.HasSuffix(words[n-1], "s") {
				folded, words = folded[:len(folded)-1], words[:n-1]
			}
			longest := ""
			for _, w := range words {
				if len(w) > len(longest) {
					longest = w
				}
			}
			if longest != "" && longest != abbrToks[0] {
				out = append(out, synonym{abbr: abbrToks[0], form: folded, at: longest, atKey: keys[longest]})
			}
		}
	}
	return out
}

// shards is the number of shards of the index: MinShards, or more so that a shard holds
// about ShardBytes, as a query reads one per token.
func (ix *index) shards() int {
	size := 0
	for id, t := range ix.toks {
		if len(ix.postings[id]) > 0 { // a token of synAt that no passage has is not written
			size += len(t) + len(`"":"",`) + len(ix.postings[id])
		}
	}
	return max(MinShards, (size+ShardBytes-1)/ShardBytes)
}

// writeShards hands each of the n shards to emit, in order, until it returns false: a
// JSON object of its tokens in sorted order, each with the string of its passages. The
// postings of a shard are let go once it is written.
func (ix *index) writeShards(n int, emit func(shard int, data []byte) bool) {
	shards := make([][]int32, n)
	sizes := make([]int, n)
	for id, t := range ix.toks {
		if len(ix.postings[id]) == 0 {
			continue
		}
		s := shardOf(t, n)
		shards[s] = append(shards[s], int32(id))
		sizes[s] += len(t) + len(`"":"",`) + len(ix.postings[id])
	}
	for s, ids := range shards {
		slices.SortFunc(ids, func(a, b int32) int { return strings.Compare(ix.toks[a], ix.toks[b]) })
		b := make([]byte, 0, sizes[s]+2)
		b = append(b, '{')
		for i, id := range ids {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, ix.toks[id])
			b = append(b, ':', '"')
			b = append(b, ix.postings[id]...)
			b = append(b, '"')
			ix.postings[id] = nil
		}
		b = append(b, '}')
		if !emit(s, b) {
			return
		}
	}
}

// The postings of a token are a string of passage numbers, each the difference from the
// one before (the first: the number itself), in base 32, most significant digit first: a
// digit is postingDigits[32+d] but the last one of a number, postingDigits[d]. Frequent
// tokens, close passages: mostly one character a passage, where decimal numbers and commas
// took three. search.js decodes it.
const postingDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// appendDelta appends d (>= 0) to b as postingDigits.
func appendDelta(b []byte, d int32) []byte {
	var buf [7]byte // 32 bits in groups of 5
	i := len(buf) - 1
	buf[i] = postingDigits[d&31]
	for d >>= 5; d > 0; d >>= 5 {
		i--
		buf[i] = postingDigits[32+d&31]
	}
	return append(b, buf[i:]...)
}
