package search

import (
	"slices"
	"strings"
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
}

func newIndex() *index { return &index{ids: map[string]int32{}, keyIDs: map[uint32]int32{}} }

// add indexes the next passage, text.
func (ix *index) add(text string) {
	p := ix.passages
	ix.passages++
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
			id = int32(len(ix.toks))
			s := string(t)
			if key != 0 {
				ix.keyIDs[key] = id
			} else {
				ix.ids[s] = id
			}
			ix.toks = append(ix.toks, s)
			ix.postings = append(ix.postings, nil)
			ix.last = append(ix.last, 0)
		}
		// A token repeated in a passage is indexed once; the first passage is written as
		// it is, the next ones as the difference from the one before.
		if last := ix.last[id]; last != p+1 {
			ix.postings[id] = appendDelta(ix.postings[id], p-max(last-1, 0))
			ix.last[id] = p + 1
		}
	})
}

// shards is the number of shards of the index: MinShards, or more so that a shard holds
// about ShardBytes, as a query reads one per token.
func (ix *index) shards() int {
	size := 0
	for id, t := range ix.toks {
		size += len(t) + len(`"":"",`) + len(ix.postings[id])
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
