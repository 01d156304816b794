package check

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"

	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/sitetest"
	"peacebuilding/internal/synth"
)

// edgeGlossary has terms that make the matching rules meet: an abbreviation that is also
// a variant, an abbreviation of English only, variants shared by two terms or inside each other or inside an official
// form, variants that start with "s" (the plural rule), forms with punctuation at their
// ends, double spaces, digits and a non-ASCII Latin letter.
var edgeGlossary = &glossary.Glossary{Terms: []glossary.Term{
	{EN: "peacekeeping operations", JA: "国連平和維持活動", Abbr: "PKO", Variants: []string{"平和維持活動", "PKO", "PKOS"}},
	{EN: "Self-Defense  Forces", JA: "自衛隊", Abbr: "SDF", Variants: []string{"自衛軍", ""}},
	{EN: "Japan Coast Guard", JA: "海上保安庁", EnAbbr: "JCG", Variants: []string{"海保庁", "JCGS"}},
	{EN: "U.N.", JA: "国連", Abbr: "UN", Variants: []string{"U.N", "UNs", ".UN."}},
	{EN: "s-s", JA: "エス", Abbr: "S", Variants: []string{"sS", "ss", "SS", "s"}},
	{EN: "consolidation of peace", JA: "平和の定着", Variants: []string{"平和の固定化", "平和の固定"}},
	{EN: "fixing", JA: "固定", Variants: []string{"平和の固定", "固"}},
	{EN: "café society", JA: "カフェ", Abbr: "CAFÉ", Variants: []string{"CAFE", "Café"}},
	{EN: "group of 8", JA: "主要8か国", Abbr: "G8", Variants: []string{"G-8", "8"}},
	{EN: "(bracketed)", JA: "括弧", Variants: []string{"(", "括"}},
	{EN: "peace", JA: "平和"},
}}

// edgeGlossaryRepeats has variants that may follow themselves with no space and still be
// words (".s.s", and "ss" with a plural "s"), or overlap themselves (固固固). The search of
// a variant goes on after the last occurrence it took and counts that place as the start
// of a word.
var edgeGlossaryRepeats = &glossary.Glossary{Terms: []glossary.Term{
	{EN: "x", JA: "エックス", Variants: []string{".s", "s"}},
	{EN: "y", JA: "ワイ", Abbr: "Y", Variants: []string{"Y-"}},
	{EN: "z", JA: "ゼット", Variants: []string{"固固", ".."}}, // overlap themselves: 固固固, ...
}}

// compareTermChecks runs the glossary check and the reference implementation on one
// pair of texts and reports any difference.
func compareTermChecks(t *testing.T, x *termIndex, ref *refTermIndex, us []unit, src, dst *content.File) {
	t.Helper()
	got, want := x.check(us, src, dst), ref.check(us, src, dst)
	if !reflect.DeepEqual(got, want) {
		var b strings.Builder
		for _, u := range us {
			b.WriteString("\n  " + u.where + ": en " + quoteText(u.src.s) + "\n      ja " + quoteText(u.dst.s))
		}
		t.Fatalf("units:%s\ncheck:\n%s\nreference:\n%s", b.String(), problemsText(got), problemsText(want))
	}
}

func quoteText(s string) string { return strings.ReplaceAll(s, "\n", `\n`) }

func problemsText(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("  " + p.Where + ": " + p.Message + " | " + p.Source.String() + " | " + p.Translation.String() + "\n")
	}
	return b.String()
}

// TestTermCheckAgreesWithReference compares the glossary check with the straightforward
// search it replaced, one term at a time, on random texts made of glossary forms in
// every case and width, pieces of them, and what may touch them.
func TestTermCheckAgreesWithReference(t *testing.T) {
	real, err := glossary.Load(os.DirFS(sitetest.RepoRoot()), "data/glossary.toml")
	if err != nil {
		t.Fatal(err)
	}
	// The units' places are offsets in bodies of line breaks: unit i starts on line 10*i+1.
	src := &content.File{Name: "content/en/x.md", Lang: "en", Body: strings.Repeat("\n", 50), BodyLine: 1}
	dst := &content.File{Name: "content/ja/x.md", Lang: "ja", Body: strings.Repeat("\n", 50), BodyLine: 1}
	r := rand.New(rand.NewPCG(3, 4))
	for _, g := range []*glossary.Glossary{edgeGlossary, edgeGlossaryRepeats, real} {
		x, ref := newTermIndex(g), newRefTermIndex(g)
		var pieces []string
		for _, term := range g.Terms {
			pieces = append(pieces, term.EN, strings.ToUpper(term.EN), strings.ToLower(term.EN),
				strings.ReplaceAll(term.EN, " ", "\n"), term.JA, runePrefix(term.JA, 2), term.Abbr,
				term.Abbr+"s", strings.Map(fullWidth, term.Abbr), strings.ToLower(term.Abbr), term.EnAbbr, term.EnAbbr+"s")
			pieces = append(pieces, term.Variants...)
			if f := strings.Fields(term.EN); len(f) > 1 {
				pieces = append(pieces, f[0], f[len(f)-1])
			}
		}
		pieces = append(pieces, " ", " ", "  ", "\n", "\t", "s", "S", "a", "1", "é", "-", ".", "の", "。",
			"[link](https://example.org/PKO)", "{#PKO}", "https://PKO.org/UN", "\n[r]: https://x/UN\n", "## ", "ſ")
		randomText := func() string {
			var b strings.Builder
			for range r.IntN(30) {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
			return b.String()
		}
		for range 3000 {
			var us []unit
			for i := range r.IntN(4) {
				where := "section #s"
				if r.IntN(5) == 0 {
					where = "correction 1"
				}
				s, d := randomText(), randomText()
				us = append(us, unit{where, text{s: s, plain: plain(s), at: bodyPlace(src, 10*i), body: r.IntN(2) == 0},
					text{s: d, plain: plain(d), at: bodyPlace(dst, 10*i+1), body: true}, nil})
			}
			compareTermChecks(t, x, ref, us, src, dst)
		}
	}
}

func fullWidth(r rune) rune {
	switch {
	case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return r + 0xFEE0
	}
	return r
}

func runePrefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// TestTermCheckAgreesWithReferenceOnSites compares the glossary check with the reference
// on every pair of the real site and of a synthetic one.
func TestTermCheckAgreesWithReferenceOnSites(t *testing.T) {
	real := os.DirFS(sitetest.RepoRoot())
	fake, err := synth.FS(100, real)
	if err != nil {
		t.Fatal(err)
	}
	for _, fsys := range []fs.FS{real, fake} {
		in, err := Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		x, ref := newTermIndex(in.Glossary), newRefTermIndex(in.Glossary)
		byKey := map[string]*content.File{}
		for _, f := range in.Files {
			if f.Lang == "en" {
				byKey[f.Key()] = f
			}
		}
		pairs := 0
		for _, f := range in.Files {
			if src := byKey[f.Key()]; f.Lang == "ja" && src != nil {
				compareTermChecks(t, x, ref, units(src, f, plain(src.Body), plain(f.Body)), src, f)
				pairs++
			}
		}
		if pairs < 10 {
			t.Fatalf("only %d pairs", pairs)
		}
	}
}

// The form written instead of a term's official one is found where it is, whole, and
// never inside another term's official form.
// TestNearFormOfAName: a person's name in three kanji is near with one kanji replaced,
// and only then; a term of three characters of another kind has no near form.
func TestNearFormOfAName(t *testing.T) {
	for _, tc := range []struct {
		name, text, official string
		person               bool
		taken                [][2]int
		want                 string // "" for none
	}{
		{"one kanji wrong", "日本政府代表の明石泰氏が訪問した。", "明石康", true, nil, "明石泰"},
		{"after the name with a particle", "明石は、後に明石泰氏として", "明石康", true, nil, "明石泰"},
		{"two wrong", "日本政府代表の明示泰氏が訪問した。", "明石康", true, nil, ""},
		{"inside another term's form", "明石泰子基金", "明石康", true, [][2]int{{0, len("明石泰子基金")}}, ""},
		{"not a person", "自衛権を行使する。", "自衛隊", false, nil, ""},
		{"not a person, a longer word", "外務大臣が訪問した。", "外務省", false, nil, ""},
	} {
		_, got, ok := nearForm(tc.text, tc.official, tc.person, tc.taken)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("%s: nearForm(%q, %q, person %v) = %q, %v; want %q", tc.name, tc.text, tc.official, tc.person, got, ok, tc.want)
		}
	}
}

func TestNearForm(t *testing.T) {
	for _, tc := range []struct {
		name, text, official string
		taken                [][2]int
		want                 string // "" for none
	}{
		{"shortened", "日本は世界食糧計画に拠出した。", "国連世界食糧計画", nil, "世界食糧計画"},
		{"two characters swapped, whole", "パリ平和協定が締結された。", "パリ和平協定", nil, "パリ平和協定"},
		{"inside another term's form", "草の根・人間の安全保障無償資金協力を供与した。", "草の根無償資金協力", [][2]int{{0, len("草の根・人間の安全保障無償資金協力")}}, ""},
		{"too far", "日本は国連に拠出した。", "国連世界食糧計画", nil, ""},
		{"too short to tell", "国連が設立された。", "国際連", nil, ""},
		{"two characters", "国連が設立された。", "国際", nil, ""},
	} {
		_, got, ok := nearForm(tc.text, tc.official, false, tc.taken)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("%s: nearForm(%q, %q) = %q, %v; want %q", tc.name, tc.text, tc.official, got, ok, tc.want)
		}
	}
}
