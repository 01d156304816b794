package check

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"peacebuilding/internal/content"
	"peacebuilding/internal/numbers"
	"peacebuilding/internal/sitetest"
	"peacebuilding/internal/synth"
)

func TestCount(t *testing.T) {
	f := &content.File{
		Front: content.FrontMatter{Title: "Japan's *aid* — 2006", Summary: "平和構築 の 支援。",
			Facts: &content.Facts{Languages: []string{"English", "", "Tetum"}}},
		Body: "## Heading {#id}\n\n- see [the list](../x.md) | ** # >\n",
	}
	// Words: Japan's *aid* 2006 平和構築 の 支援。 English Tetum Heading see [the list] (not
	// — ## - | ** # >, which have no letter or digit). Characters: the runes of all of
	// these but # * _ ` > |: 7+3+1+4, 4+1+3, 7+5, 7+1+3+4+5.
	words, chars := count(f, plain(f.Body))
	if words != 12 || chars != 55 {
		t.Errorf("count = %d words, %d characters, want 12 and 55", words, chars)
	}
}

// TestCountAgreesWithReference compares count with strings.Fields and a rune test per
// word on random texts (white space of every kind, marks, letters and digits of both
// languages) and on every file of the real and a synthetic site.
func TestCountAgreesWithReference(t *testing.T) {
	pieces := []string{" ", "\t", "\n", "\v", "\f", "\r", "\u0085", "\u00a0", "\u3000", "\u2003", "#", "*", "_", "`", ">",
		"|", "-", "—", "a", "Z", "é", "1", "１", "٣", "平", "の", "。", "[x](y)", "{#id}", "https://x.org"}
	r := rand.New(rand.NewPCG(9, 10))
	randomText := func() string {
		var b strings.Builder
		for range r.IntN(20) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 20000 {
		f := &content.File{Front: content.FrontMatter{Title: randomText(), Summary: randomText(), Events: []content.Event{{Text: randomText()}}},
			Body: randomText()}
		if r.IntN(2) == 0 {
			f.Front.Facts = &content.Facts{OfficialName: randomText(), Languages: []string{randomText(), randomText()}}
		}
		w, c := count(f, plain(f.Body))
		if rw, rc := refCount(f); w != rw || c != rc {
			t.Fatalf("count(%+v) = %d, %d; the reference counts %d, %d", f.Front, w, c, rw, rc)
		}
	}
	real := os.DirFS(sitetest.RepoRoot())
	fake, err := synth.FS(50, real)
	if err != nil {
		t.Fatal(err)
	}
	for _, fsys := range []fs.FS{real, fake} {
		in, err := Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range in.Files {
			w, c := count(f, plain(f.Body))
			if rw, rc := refCount(f); w != rw || c != rc {
				t.Errorf("%s: count = %d, %d; the reference counts %d, %d", f.Name, w, c, rw, rc)
			}
		}
	}
}

// The blank lines that end a section's text, before the next heading, start no block: an
// empty block had made a section's paragraphs one more than its translation's, or, by
// chance as many, led a finding to the next heading (a review).
func TestBlockStartsEndWithTheLastBlock(t *testing.T) {
	for s, want := range map[string][]int{
		"## A\n\nP1\n\nP2\n\n": {0, 6, 10},
		"## A\n\nP1\n\nP2\n":   {0, 6, 10},
		"## A\n\nP1\n\n\n":     {0, 6},
		"P1":                   {0},
	} {
		if got := blockStarts(s); !slices.Equal(got, want) {
			t.Errorf("blockStarts(%q) = %v, want %v", s, got, want)
		}
	}
}

// A number a text lacks is shown as the other language writes it, unless that is how the
// finding already quotes it: "2005" (en would write it 2005) contradicted itself.
func TestWrittenIn(t *testing.T) {
	for _, tc := range []struct {
		text, lang, want string
	}{
		{"1991年10月23日", "en", " (en would write it 23 October 1991)"},
		{"23 October 1991", "ja", " (ja would write it 1991年10月23日)"},
		{"2005年", "en", " (en would write it 2005)"},
		{"2005", "en", ""},
		{"2005", "ja", " (ja would write it 2005年)"},
	} {
		if got := writtenIn(onlyNumber(t, tc.text, tc.lang), tc.lang); got != tc.want {
			t.Errorf("writtenIn(%q, %s) = %q, want %q", tc.text, tc.lang, got, tc.want)
		}
	}
}

// onlyNumber is the one number of text, written in the language other than lang, the
// language a suggestion is for.
func onlyNumber(t *testing.T, text, lang string) numbers.Number {
	t.Helper()
	from := "en"
	if lang == "en" {
		from = "ja"
	}
	ns := numbers.Extract(text, from)
	if len(ns) != 1 {
		t.Fatalf("Extract(%q, %s) = %v, want one number", text, from, ns)
	}
	return ns[0]
}

// A suggestion, written into the translation as it is, is the number the check asks for:
// its value, its unit and its approximation. The suggestion for "about US$880 million"
// dropped the 約, and the check then reported the approximation.
func TestWrittenInPassesTheCheck(t *testing.T) {
	for _, tc := range []struct{ text, lang, want string }{
		{"about US$880 million", "ja", "約8億8,000万ドル"},
		{"more than 40 percent", "ja", "40%超"},
		{"nearly US$5 million", "ja", "500万ドル近く"},
		{"less than ¥1 billion", "ja", "10億円未満"},
		{"up to US$30 million", "ja", "最大3,000万ドル"},
		{"US$7.41 million", "ja", "741万ドル"},
		{"約1億円", "en", "about ¥100 million"},
		{"40%超", "en", "more than 40%"},
		{"90%近く", "en", "nearly 90%"},
		{"1億円未満", "en", "less than ¥100 million"},
		{"最大3,000万ドル", "en", "up to US$30 million"},
	} {
		src := onlyNumber(t, tc.text, tc.lang)
		got := writtenIn(src, tc.lang)
		if want := " (" + tc.lang + " would write it " + tc.want + ")"; got != want {
			t.Errorf("writtenIn(%q, %s) = %q, want %q", tc.text, tc.lang, got, want)
			continue
		}
		dst := numbers.Extract(tc.want, tc.lang)
		if len(dst) != 1 || dst[0].Value != src.Value || dst[0].Unit != src.Unit || dst[0].Bound != src.Bound {
			t.Errorf("%q written as suggested, %q, reads as %+v, want the value, unit and bound of %+v", tc.text, tc.want, dst, src)
		}
	}
}

// A section whose heading the translation dropped joins the section before it when most
// of its own numbers are in that section's translation: not for a number the translation
// happens to use too, and not across a section dropped whole.
func TestPairSectionsJoinsADroppedHeading(t *testing.T) {
	const en = "Intro.\n\n## Budget {#budget}\n\nThe budget rose to 15 billion yen in 2003.\n\n## Elections {#elections}\n\nIn 1993, 4,000,000 voters and 1,400 monitors.\n\n## Police {#police}\n\nSome 500 officers were trained in 2004.\n\n## Staff {#staff}\n\nAbout 70 experts.\n"
	for _, tc := range []struct {
		name, ja string
		budget   string // the end of the source text paired with the Japanese budget section
	}{
		{"heading dropped, text kept",
			"前文。\n\n## 予算 {#budget}\n\n2003年、予算は150億円に増えた。\n\n1993年、有権者400万人と監視要員1,400人。\n\n## 警察 {#police}\n\n2004年に約500人の警察官が研修を受けた。\n\n## 人員 {#staff}\n\n約70人の専門家。\n",
			"1,400 monitors.\n\n"},
		{"section dropped whole, a year of it used",
			"前文。\n\n## 予算 {#budget}\n\n1993年の2年後、2003年に予算は150億円に増えた。\n\n## 警察 {#police}\n\n2004年に約500人の警察官が研修を受けた。\n\n## 人員 {#staff}\n\n約70人の専門家。\n",
			"in 2003.\n\n"},
		{"a section dropped whole before one whose heading was dropped",
			"前文。\n\n## 予算 {#budget}\n\n2003年、予算は150億円に増えた。\n\n2004年に約500人の警察官が研修を受けた。\n\n## 人員 {#staff}\n\n約70人の専門家。\n",
			"in 2003.\n\n"},
	} {
		src := &content.File{Lang: "en", Body: en}
		dst := &content.File{Lang: "ja", Body: tc.ja}
		pairs := pairSections(src, dst)
		if len(pairs) < 2 || pairs[1][0].id != "budget" {
			t.Errorf("%s: pairs %+v, want the budget sections second", tc.name, pairs)
			continue
		}
		if got := en[:pairs[1][0].end]; !strings.HasSuffix(got, tc.budget) {
			t.Errorf("%s: the budget's source text ends %q, want %q", tc.name, got[max(0, len(got)-30):], tc.budget)
		}
	}
}
