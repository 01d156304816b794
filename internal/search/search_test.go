package search

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"peacebuilding/internal/glossary"
	"peacebuilding/internal/publish"
	"peacebuilding/internal/render"
	"peacebuilding/internal/site"
	"peacebuilding/internal/sitetest"
)

func collect(text string) []string {
	var out []string
	new(tokenizer).tokens(text, func(t []byte, key uint32) {
		// A key is the token's characters, as they were when it has one.
		if rs := []rune(string(t)); key != 0 && (len(rs) == 1 && key != uint32(rs[0])<<16 || len(rs) == 2 && key != uint32(rs[0])<<16|uint32(rs[1])) {
			out = append(out, fmt.Sprintf("%s (key %#x)", t, key))
			return
		}
		out = append(out, string(t))
	})
	return out
}

func TestTokens(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		// Japanese: every bigram of a run, and each character but hiragana.
		{"小型武器", []string{"小", "小型", "型", "型武", "武", "武器", "器"}},
		{"武器の回収", []string{"武", "武器", "器", "器の", "の回", "回", "回収", "収"}},
		// Words: folded, stop words and one-letter words left out.
		{"The Landmines of Cambodia's", []string{"landmines", "cambodia"}},
		{"ＯＤＡ大綱", []string{"oda", "大", "大綱", "綱"}},
		// A number in groups is one word of its digits, a decimal number one word with its
		// point; not a list, a decimal comma or a group of four. A digit is a word.
		{"1.5; 1,234.5; 2005. In", []string{"1.5", "1234.5", "2005"}},
		// A number with an English scale is also one word of its value, as a Japanese one; after
		// a currency sign, also one with the unit a Japanese text writes (1億ドル, 4億円).
		{"US$7.14 million; ¥400\u00a0million, 4.5 billion", []string{"us", "7.14", "7140000", "7140000ドル", "million", "400", "400000000", "400000000円", "million", "4.5", "4500000000", "billion"}},
		{"US$500,000 and $5; 5 millions, 5  million, 5 million-strong", []string{"us", "500000", "500000ドル", "5", "5ドル", "5", "millions", "5", "million", "5", "5000000", "million", "strong"}},
		{"8,140 SDF; 2万5,000丁; 25,000,000 yen; 1999, 2000", []string{"8140", "sdf", "25000", "25000丁", "万", "丁", "25000000", "yen", "1999", "2000"}},
		// A Japanese number with a scale is one word of its value; its digits are none.
		{"1億ドル", []string{"100000000", "100000000ドル", "億", "億ド", "ド", "ドル", "ル"}},
		{"7億5,000万", []string{"750000000", "億", "万"}},
		{"4.5億、1,300万人", []string{"450000000", "億", "13000000", "13000000人", "万", "万人", "人"}},
		// A number with its unit is a word too, after the number's own.
		{"354ドル、1,300人、3隻、2003年", []string{"354", "354ドル", "ド", "ドル", "ル", "1300", "1300人", "人", "3", "3隻", "隻", "2003", "年"}},
		{"約20％, 20% of", []string{"約", "20", "20%", "20", "20%"}},
		// Not a scale that does not fall (2万, then 3億), nor one written with 千 (which
		// multiplies).
		{"2万3億 3千万 2万5千", []string{"20000", "万", "300000000", "億", "3", "千", "千万", "万", "2", "万", "5", "千"}},
		// The digits after the last scale are its remainder only when they are less than it.
		{"2万50,000", []string{"20000", "万", "50000"}},
		{"1,2 and 1,0000 and 1,000a and ２５，０００ and 1.5a", []string{"1", "2", "1", "0000", "1", "000a", "25000", "1", "5a"}},
		// Non-ASCII letters folded too, and the same character twice (it is looked up once).
		{"Ｃôte d'Ivoire ÉLECTIONS, côte", []string{"côte", "ivoire", "élections", "côte"}},
		// A middle dot joins the parts of a name: クメールルージュ finds クメール・ルージュ.
		{"東ティモール・ディリ", []string{"東", "東テ", "テ", "ティ", "ィ", "ィモ", "モ", "モル", "ル", "ルデ", "デ", "ディ", "ィ", "ィリ", "リ"}},
		// So does the long vowel mark, which a reader leaves out: サマワ finds サマーワ.
		{"サマーワ", []string{"サ", "サマ", "マ", "マワ", "ワ"}},
		{"ーサマワー", []string{"サ", "サマ", "マ", "マワ", "ワ"}},
		{"ル・・ル", []string{"ル", "ルル", "ル"}},
		{"・ル・", []string{"ル"}},
	}
	for _, c := range cases {
		if got := collect(c.text); !slices.Equal(got, c.want) {
			t.Errorf("tokens(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestPlainTextSplitsBlocksAndDecodes(t *testing.T) {
	got := PlainText(`<h2 id="a">Aid &amp; trade</h2><p>Japan&#39;s <a href="x">help</a>
	for  <em>peace</em>.</p><ul><li>One</li><li>Two &quot;2&quot;</li></ul>`)
	want := []string{"Aid & trade", "Japan's help for peace.", "One", `Two "2"`}
	if !slices.Equal(got, want) {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}

// TestPlainTextCollapsesSpacesAsFields compares PlainText with the plain way to collapse
// white space (strings.Fields, then Join), on tricky text and every page of the fixture
// site and of the real site.
func TestPlainTextCollapsesSpacesAsFields(t *testing.T) {
	var names []string
	for name := range blockTags {
		names = append(names, name)
	}
	blockTag := regexp.MustCompile(`(?i)</?(` + strings.Join(names, "|") + `)(\s[^>]*)?>`)
	fields := func(html string) []string {
		var blocks []string
		for _, block := range blockTag.Split(html, -1) {
			text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(block, "")
			if s := strings.Join(strings.Fields(text), " "); s != "" {
				blocks = append(blocks, unescape(s))
			}
		}
		return blocks
	}
	htmls := []string{
		"<p>  a\t\n b  </p><p> </p><li>\u00a0x\u2003y\u3000z&nbsp;w </li>",
		"<p>bad \xff\xfe utf-8 <em> in </em>  it</p>text after<br>end",
		"<div>  <p>x</p>  y  </div>",
	}
	for _, s := range []*site.Site{buildSite(t, sitetest.FS(t, "testdata/sites/basic")), buildSite(t, os.DirFS(sitetest.RepoRoot()))} {
		for _, l := range s.Config.LanguageCodes() {
			for _, kind := range []site.Kind{site.KindCountry, site.KindTheme, site.KindStandalone} {
				for _, p := range s.Section(l, kind) {
					htmls = append(htmls, string(p.Body()))
				}
			}
		}
	}
	for _, h := range htmls {
		if got, want := PlainText(h), fields(h); !slices.Equal(got, want) {
			t.Errorf("PlainText(%q) = %q, want %q", h, got, want)
		}
	}
}

// TestIndexOfTheFixtureSite builds the fixture site's index and reads it back: every
// token of every passage is in the shard that shardOf names, with that passage.
func TestIndexOfTheFixtureSite(t *testing.T) {
	s := buildSite(t, sitetest.FS(t, "testdata/sites/basic"))
	cfg := s.Config
	files := map[string][]byte{}
	for _, l := range cfg.LanguageCodes() {
		for f := range Files(s, l) {
			files[f.Path] = f.Data
		}
	}
	for _, lang := range cfg.LanguageCodes() {
		var meta struct {
			Shards, Passages int
			Chunks           []int
			Kinds            []string
			Docs             [][4]any
		}
		if err := json.Unmarshal(files[Dir(lang)+"meta.json"], &meta); err != nil {
			t.Fatalf("%s meta.json: %v", lang, err)
		}
		if meta.Shards < MinShards || len(meta.Chunks) == 0 || len(meta.Docs) == 0 {
			t.Fatalf("%s meta.json: %d shards, %d text files, %d documents", lang, meta.Shards, len(meta.Chunks), len(meta.Docs))
		}
		kinds := map[string]int{}
		firsts := []int{} // the first passage of each document
		n := 0
		terms := map[string]bool{} // the glossary's anchors
		for _, term := range s.Glossary.Terms {
			terms[lang+"/glossary/#"+term.ID()] = true
		}
		url := ""
		for i, d := range meta.Docs {
			kind := meta.Kinds[int(d[0].(float64))]
			kinds[kind]++
			firsts = append(firsts, n)
			n += int(d[3].(float64))
			if i == 0 && d[1] == "" {
				t.Errorf("%s: the first document has no URL: %v", lang, d)
			}
			// A glossary term leads to its row, each to its own.
			url = DocURL(url, d[1].(string))
			if kind == KindGlossary {
				if !terms[url] {
					t.Errorf("%s: the glossary term %q leads to %s, the anchor of no term", lang, d[2], url)
				}
				delete(terms, url)
			}
		}
		if len(terms) > 0 {
			t.Errorf("%s: %d glossary terms have no search document of their own (or share one): %v", lang, len(terms), slices.Sorted(maps.Keys(terms)))
		}
		if n != meta.Passages {
			t.Errorf("%s: the documents hold %d passages, meta.json says %d", lang, n, meta.Passages)
		}
		for _, k := range []string{KindCountry, KindTheme, KindGlossary, KindTimeline} {
			if kinds[k] == 0 {
				t.Errorf("%s: no document of kind %s: %v", lang, k, kinds)
			}
		}
		// Read every passage back and look each of its tokens up.
		shards := make([]map[string]string, meta.Shards)
		for n := range shards {
			if err := json.Unmarshal(files[fmt.Sprintf("%ss/%d.json", Dir(lang), n)], &shards[n]); err != nil {
				t.Fatalf("%s shard %d: %v", lang, n, err)
			}
		}
		var texts []string
		for c, n := range meta.Chunks {
			var chunk []string
			if err := json.Unmarshal(files[fmt.Sprintf("%st/%d.json", Dir(lang), c)], &chunk); err != nil {
				t.Fatalf("%s text %d: %v", lang, c, err)
			}
			if len(chunk) != n {
				t.Fatalf("%s text %d: %d passages, meta.json says %d", lang, c, len(chunk), n)
			}

			texts = append(texts, chunk...)
		}
		if len(texts) != meta.Passages {
			t.Fatalf("%s: %d passages in the texts, meta.json says %d", lang, len(texts), meta.Passages)
		}
		checked := 0
		for id, text := range texts {
			new(tokenizer).tokens(text, func(b []byte, _ uint32) {
				tok := string(b)
				ids, err := decodePostings(shards[shardOf(tok, meta.Shards)][tok])
				if err != nil {
					t.Errorf("%s: token %q: %v", lang, tok, err)
				}
				if !slices.Contains(ids, id) {
					t.Errorf("%s: token %q of passage %d (%q) is not indexed with it", lang, tok, id, text)
				}
				checked++
			})
		}
		if checked == 0 {
			t.Errorf("%s: no token checked", lang)
		}
		// Every document's title passage is empty in the texts: its title is in meta.json.
		for i, d := range meta.Docs {
			if first := firsts[i]; texts[first] != "" || strings.TrimSpace(d[2].(string)) == "" {
				t.Errorf("%s: document %v: title passage %q", lang, d, texts[first])
			}
		}
	}
}

// TestTextFilesCloseAtChunkBytes indexes documents of passages of many sizes: each text
// file but the last is closed by the passage that brings it to ChunkBytes, and a bigger
// index has more shards, each near ShardBytes.
func TestTextFilesCloseAtChunkBytes(t *testing.T) {
	var docs []doc
	for i := range 3000 {
		d := doc{kind: KindCountry, url: fmt.Sprintf("en/countries/c%d/", i), title: fmt.Sprintf("Country %d", i)}
		for j := range 1 + i%5 {
			var words []string
			for k := range 5 + (i*13+j*31)%40 {
				words = append(words, fmt.Sprintf("w%d", (i*131+j*17+k*7919)%60000))
			}
			d.passages = append(d.passages, strings.Join(words, " "))
		}
		docs = append(docs, d)
	}
	files := map[string][]byte{}
	langFiles("en", slices.Values(docs), nil, ChunkBytes, func(f publish.File) bool { files[f.Path] = f.Data; return true })
	var meta struct {
		Shards int
		Chunks []int
	}
	if err := json.Unmarshal(files["en/search/meta.json"], &meta); err != nil {
		t.Fatal(err)
	}
	if len(meta.Chunks) < 2 {
		t.Fatalf("%d text files: the test wants several", len(meta.Chunks))
	}
	for c := range meta.Chunks {
		var chunk []string
		if err := json.Unmarshal(files[fmt.Sprintf("en/search/t/%d.json", c)], &chunk); err != nil {
			t.Fatal(err)
		}
		size := 0
		for _, p := range chunk {
			size += len(p)
		}
		last := len(chunk[len(chunk)-1])
		if c < len(meta.Chunks)-1 && (size < ChunkBytes || size-last >= ChunkBytes) {
			t.Errorf("text %d: %d bytes, %d without its last passage; a file closes at %d", c, size, size-last, ChunkBytes)
		}
	}
	shardBytes := 0
	for n := range meta.Shards {
		shardBytes += len(files[fmt.Sprintf("en/search/s/%d.json", n)])
	}
	if meta.Shards <= MinShards || shardBytes/meta.Shards > ShardBytes || shardBytes/meta.Shards < ShardBytes/4 {
		t.Errorf("%d shards of %d bytes in all: want more than %d, near %d bytes each", meta.Shards, shardBytes, MinShards, ShardBytes)
	}
}

// decodePostings reads the passages of a token as search.js does.
func decodePostings(s string) ([]int, error) {
	var ids []int
	at, v := 0, 0
	for i := range len(s) {
		d := strings.IndexByte(postingDigits, s[i])
		if d < 0 {
			return ids, fmt.Errorf("%q: %q is not a digit", s, s[i])
		}
		v = v*32 + d&31
		if d < 32 {
			at += v
			ids = append(ids, at)
			v = 0
		}
	}
	if v != 0 || len(s) > 0 && strings.IndexByte(postingDigits[32:], s[len(s)-1]) >= 0 {
		return ids, fmt.Errorf("%q: the last number is not finished", s)
	}
	return ids, nil
}

// TestPostingsReadBack writes passage numbers as a token's postings and reads them back as
// search.js does: small and large differences, the first passage 0, and numbers of every
// length up to 32 bits.
func TestPostingsReadBack(t *testing.T) {
	for _, want := range [][]int{
		{0},
		{0, 1, 2, 3},
		{5, 31, 32, 33, 1023, 1024, 1025},
		{31, 32 + 31, 32*32 + 32 + 31, 1 << 20, 1<<20 + 1, 1<<31 - 1},
	} {
		var b []byte
		prev := 0
		for _, id := range want {
			b = appendDelta(b, int32(id-prev))
			prev = id
		}
		got, err := decodePostings(string(b))
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("postings %v written as %q read back as %v (%v)", want, b, got, err)
		}
	}
	// One character a passage for passages close together.
	ix := newIndex(nil, "en")
	for range 40 {
		ix.add("landmines")
	}
	if got := string(ix.postings[ix.ids["landmines"]]); got != "A"+strings.Repeat("B", 39) {
		t.Errorf("a word in 40 passages in a row: postings %q, want A then 39 B", got)
	}
}

// TestAbbreviationsFindTheTermInFull indexes passages under the abbreviation of a
// glossary term they write in full (SDF for "Self-Defense Forces", PKO for 国連平和維持活動),
// and only those: not where the words of the term stand apart, inside a longer word or
// in a term whose abbreviation is of the other language.
func TestAbbreviationsFindTheTermInFull(t *testing.T) {
	g := &glossary.Glossary{Terms: []glossary.Term{
		{EN: "Self-Defense Forces", JA: "自衛隊", EnAbbr: "SDF"},
		{EN: "peacekeeping operations", JA: "国連平和維持活動", Abbr: "PKO", Also: []string{"平和維持活動"}},
		{EN: "a", JA: "エー", Abbr: "A"}, // one letter: no token of its own
	}}
	for _, c := range []struct {
		lang     string
		passages []string
		abbr     string
		want     []int
		syn      map[string][]string
	}{
		{"en", []string{
			"Japan's Self-Defense Forces deployed to Iraq",
			"Maritime SELF-DEFENSE FORCE vessels",
			"self-help, defense forces",
			"theself-defense force",
			"SDF personnel",
			"UN peacekeeping operation",
		}, "sdf", []int{0, 1, 4}, map[string][]string{"sdf": {"self-defense force"}, "pko": {"peacekeeping operation"}}},
		{"en", []string{"peacekeeping", "PKO", "Peacekeeping Operations in Cambodia"}, "pko", []int{1, 2}, nil},
		{"ja", []string{"自衛隊の派遣", "国連平和維持活動への参加", "平和維持活動", "平和の維持"}, "pko", []int{1, 2}, map[string][]string{"pko": {"国連平和維持活動", "平和維持活動"}}},
		{"ja", []string{"自衛隊"}, "sdf", nil, nil},
	} {
		var docs []doc
		for _, p := range c.passages {
			docs = append(docs, doc{kind: KindPage, url: c.lang + "/x/", title: "x", passages: []string{p}})
		}
		files := map[string][]byte{}
		langFiles(c.lang, slices.Values(docs), g, ChunkBytes, func(f publish.File) bool { files[f.Path] = f.Data; return true })
		var meta struct {
			Shards int
			Syn    map[string][]string
		}
		if err := json.Unmarshal(files[Dir(c.lang)+"meta.json"], &meta); err != nil {
			t.Fatal(err)
		}
		var shard map[string]string
		if err := json.Unmarshal(files[fmt.Sprintf("%ss/%d.json", Dir(c.lang), shardOf(c.abbr, meta.Shards))], &shard); err != nil {
			t.Fatal(err)
		}
		// A token made for the synonyms that no passage has is not written.
		for n := range meta.Shards {
			var sh map[string]string
			if err := json.Unmarshal(files[fmt.Sprintf("%ss/%d.json", Dir(c.lang), n)], &sh); err != nil {
				t.Fatal(err)
			}
			for tok, ps := range sh {
				if ps == "" {
					t.Errorf("%s shard %d: token %q with no passage", c.lang, n, tok)
				}
			}
		}
		ids, err := decodePostings(shard[c.abbr])
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, id := range ids {
			got = append(got, id/2) // each document: its title passage, then its one passage
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s %q: indexed in passages %v, want %v of %q", c.lang, c.abbr, got, c.want, c.passages)
		}
		if c.syn != nil && !reflect.DeepEqual(meta.Syn, c.syn) {
			t.Errorf("%s meta.json syn = %v, want %v", c.lang, meta.Syn, c.syn)
		}
	}
}

// The readings a Japanese query may be typed in: keyed as a query reads them (no ー, ・
// or space), each term once, and none for a term with other than Japanese script, whose
// pairs of characters the index does not all have, nor on the English edition.
func TestReadingsOfTheGlossary(t *testing.T) {
	g := &glossary.Glossary{Terms: []glossary.Term{
		{EN: "Self-Defense Forces", JA: "自衛隊", Reading: "じえいたい"},
		{EN: "peacekeeping operations", JA: "国連平和維持活動", Reading: "こくれん へいわ・いじかつどう"},
		{EN: "ODA Charter", JA: "ODA大綱", Reading: "おーでぃーえーたいこう"},
		{EN: "Tokyo", JA: "東京", Reading: "とうきょう"},
		{EN: "Tokyo Conference", JA: "東京", Reading: "とうきょう"},
	}}
	got := readings(g, "ja")
	want := map[string][]string{"じえいたい": {"自衛隊"}, "こくれんへいわいじかつどう": {"国連平和維持活動"}, "とうきょう": {"東京"}}
	if !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("readings = %q, want %q", got, want)
	}
	if got := readings(g, "en"); got != nil {
		t.Errorf("the English edition has readings: %q", got)
	}
}

// An event that several briefs tell is one entry of the timeline page and one result,
// named by every brief that tells it and linked to the entry: the search listed June 2003
// twice, under Sri Lanka and under reconstruction.
func TestTimelineEventsAreTheTimelinesEntries(t *testing.T) {
	s := buildSite(t, os.DirFS(sitetest.RepoRoot()))
	for _, lang := range s.Config.LanguageCodes() {
		byURL := map[string]doc{}
		for _, d := range otherDocs(s, lang) {
			if d.kind == KindTimeline {
				if _, twice := byURL[d.url]; twice {
					t.Errorf("%s: two timeline results at %s", lang, d.url)
				}
				byURL[d.url] = d
			}
		}
		entries, merged := 0, 0
		for _, y := range render.Timeline(s, lang) {
			for _, e := range y.Entries {
				entries++
				d, ok := byURL[lang+"/timeline/#"+e.ID]
				if !ok {
					t.Errorf("%s: no result at the entry %s", lang, e.ID)
					continue
				}
				if len(e.Pages) > 1 {
					merged++
				}
				for _, p := range e.Pages {
					if !strings.Contains(d.title, p.Title) {
						t.Errorf("%s: the result %q does not name %s, which tells the event", lang, d.title, p.Title)
					}
				}
			}
		}
		if len(byURL) != entries || merged == 0 {
			t.Errorf("%s: %d timeline results for %d entries, %d of them told by several briefs; want one per entry, and some merged", lang, len(byURL), entries, merged)
		}
	}
}

func TestVariantsOfTheGlossary(t *testing.T) {
	g := &glossary.Glossary{Terms: []glossary.Term{
		{EN: "Timor-Leste", JA: "東ティモール", Variants: []string{"東チモール"}},
		{EN: "ex-combatants", JA: "元戦闘員", Variants: []string{"元兵士"}},
		{EN: "International Peace Cooperation Law", JA: "国際平和協力法", Variants: []string{"PKO法"}},
		{EN: "Official Development Assistance Charter", JA: "ODA大綱", Variants: []string{"政府開発援助大綱"}},
		{EN: "Samawah", JA: "サマーワ", Variants: []string{"サマワ"}},
		{EN: "Samawah office", JA: "サマーワ事務所", Variants: []string{"サマワ"}},
	}}
	// As a query reads them, without ー; none in Latin letters, whose pairs are not the
	// index's (PKO法), and none for a term so written (ODA大綱).
	want := map[string][]string{"東チモル": {"東ティモール"}, "元兵士": {"元戦闘員"}, "サマワ": {"サマーワ", "サマーワ事務所"}}
	if got := variants(g); !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("variants = %q, want %q", got, want)
	}
}
