package glossary

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestSorted(t *testing.T) {
	g := &Glossary{Terms: []Term{
		{EN: "the Ottawa Treaty", JA: "対人地雷禁止条約", Reading: "たいじんじらいきんしじょうやく"},
		{EN: "DDR", JA: "武装解除・動員解除・社会復帰", Reading: "ぶそうかいじょ"},
		{EN: "human security", JA: "人間の安全保障", Reading: "にんげんのあんぜんほしょう"},
		{EN: "peacebuilding", JA: "平和構築", Reading: "へいわこうちく"},
		{EN: "JICA", JA: "国際協力機構", Reading: "こくさいきょうりょくきこう"},
		{EN: "Japan Platform", JA: "ジャパン・プラットフォーム", Reading: "ジャパン・プラットフォーム"},
		{EN: "grant aid", JA: "贈与", Reading: "ぞうよ"},
	}}
	var en, ja []string
	for _, term := range g.Sorted("en") {
		en = append(en, term.EN)
	}
	for _, term := range g.Sorted("ja") {
		ja = append(ja, term.JA)
	}
	wantEN := []string{"DDR", "grant aid", "human security", "Japan Platform", "JICA", "the Ottawa Treaty", "peacebuilding"}
	// 五十音順: こ, し(ジャ), そ(ぞ), た, に, ふ(ぶ), へ
	wantJA := []string{"国際協力機構", "ジャパン・プラットフォーム", "贈与", "対人地雷禁止条約", "人間の安全保障", "武装解除・動員解除・社会復帰", "平和構築"}
	if !slices.Equal(en, wantEN) {
		t.Errorf("Sorted(en) = %q, want %q", en, wantEN)
	}
	if !slices.Equal(ja, wantJA) {
		t.Errorf("Sorted(ja) = %q, want %q", ja, wantJA)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, c := range []struct{ name, in, err string }{
		{"missing ja", "[[terms]]\nen = \"x\"\nreading = \"え\"\nkind = \"concept\"\n", "data/glossary.toml:2: glossary term needs both en and ja"},
		{"reading not kana", "[[terms]]\nen = \"x\"\nja = \"平和\"\nreading = \"heiwa\"\nkind = \"concept\"\n", `data/glossary.toml:2: reading "heiwa" of "x" must be written in hiragana (katakana sorts apart in 五十音順)`},
		{"reading in katakana", "[[terms]]\nen = \"x\"\nja = \"平和\"\nreading = \"ヘイワ\"\nkind = \"concept\"\n", `data/glossary.toml:2: reading "ヘイワ" of "x" must be written in hiragana (katakana sorts apart in 五十音順)`},
		{"variant equal to the official form", "[[terms]]\nen = \"x\"\nja = \"平和\"\nreading = \"へいわ\"\nkind = \"concept\"\nvariants = [\"平和\"]\n", `data/glossary.toml:2: variant "平和" of "x" is its official form: a variant is a form not to write`},
		{"also equal to the official form", "[[terms]]\nen = \"x\"\nja = \"平和\"\nreading = \"へいわ\"\nkind = \"concept\"\nalso = [\"平和\"]\n", `data/glossary.toml:2: also "平和" of "x" is its official form or a variant`},
		{"variant too short", "[[terms]]\nen = \"x\"\nja = \"平和\"\nreading = \"へいわ\"\nkind = \"concept\"\nvariants = [\"平\"]\n", `data/glossary.toml:2: variant "平" of "x" is too short: it would be found inside unrelated words`},
		{"abbreviation of both kinds", "[[terms]]\nen = \"Self-Defense Forces\"\nja = \"自衛隊\"\nreading = \"じえいたい\"\nabbr = \"SDF\"\nen_abbr = \"SDF\"\nkind = \"organisation\"\n", `data/glossary.toml:2: "Self-Defense Forces" has both abbr and en_abbr: an abbreviation is written in both languages (abbr) or in English only (en_abbr)`},
		{"variant equal to the English abbreviation", "[[terms]]\nen = \"x\"\nja = \"平和\"\nreading = \"へいわ\"\nen_abbr = \"XYZ\"\nkind = \"concept\"\nvariants = [\"XYZ\"]\n", `data/glossary.toml:2: variant "XYZ" of "x" is its official form: a variant is a form not to write`},
		{"unknown kind", "[[terms]]\nen = \"x\"\nja = \"平和\"\nreading = \"へいわ\"\nkind = \"idea\"\n", `data/glossary.toml:2: kind "idea" of "x" must be one of concept, programme, law, organisation, conference, country, person, place, document`},
		{"duplicate", "[[terms]]\nen = \"X\"\nja = \"a\"\nreading = \"あ\"\nkind = \"concept\"\n[[terms]]\nen = \"x\"\nja = \"b\"\nreading = \"い\"\nkind = \"concept\"\n", `data/glossary.toml:7: term "x" is listed twice, or spelt as another is but for case and punctuation (also line 2)`},
		{"the same anchor", "[[terms]]\nen = \"Mine-clearance\"\nja = \"a\"\nreading = \"あ\"\nkind = \"concept\"\n[[terms]]\nen = \"mine clearance\"\nja = \"b\"\nreading = \"い\"\nkind = \"concept\"\n", `data/glossary.toml:7: term "mine clearance" is listed twice, or spelt as another is but for case and punctuation (also line 2)`},
		{"unknown key", "[[terms]]\nen = \"x\"\nja = \"a\"\nreading = \"あ\"\nkind = \"concept\"\nnotes = \"\"\n", `data/glossary.toml:6: unknown key "terms.notes" (did you mean "note"?)`},
	} {
		_, err := Load(fstest.MapFS{"data/glossary.toml": {Data: []byte(c.in)}}, "data/glossary.toml")
		if err == nil || err.Error() != c.err {
			t.Errorf("%s: Load error = %v, want %q", c.name, err, c.err)
		}
	}
}

// The glossary page marks the terms whose Japanese form the editors could not confirm
// (unconfirmed = true), as the about pages promise; each such term's note says why.
func TestRealGlossaryMarksWhatItsNotesDoubt(t *testing.T) {
	g, err := Load(os.DirFS("../.."), "data/glossary.toml")
	if err != nil {
		t.Fatal(err)
	}
	marked := 0
	for _, term := range g.Terms {
		if term.Unconfirmed {
			marked++
			if !strings.Contains(term.Note, "not confirmed") {
				t.Errorf("data/glossary.toml:%d: %q is unconfirmed, but its note does not say why", term.Line, term.EN)
			}
		}
	}
	if marked == 0 {
		t.Error("no term is marked unconfirmed")
	}
}

func TestInitialIsTheIndexHeadingOfTheSortedTerm(t *testing.T) {
	for _, tt := range []struct {
		term   Term
		en, ja string
	}{
		{Term{EN: "peacebuilding", Reading: "へいわこうちく"}, "P", "は"},
		{Term{EN: "The Hague process", Reading: "はーぐ"}, "H", "は"},
		{Term{EN: "grant aid", Reading: "むしょうしきんきょうりょく"}, "G", "ま"},
		{Term{EN: "ODA", Reading: "せいふかいはつえんじょ"}, "O", "さ"},
		{Term{EN: "DDR", Reading: "ぶそうかいじょ"}, "D", "は"}, // ぶ sorts with ふ
		{Term{EN: "JICA", Reading: "ジャイカ"}, "J", "さ"},   // katakana, voiced
		{Term{EN: "refugee", Reading: "なんみん"}, "R", "な"},
		{Term{EN: "3 pillars", Reading: "ん"}, "", "わ"},
	} {
		if got := tt.term.Initial("en"); got != tt.en {
			t.Errorf("%q.Initial(en) = %q, want %q", tt.term.EN, got, tt.en)
		}
		if got := tt.term.Initial("ja"); got != tt.ja {
			t.Errorf("%q.Initial(ja) = %q, want %q", tt.term.Reading, got, tt.ja)
		}
	}
	// Every term of the real glossary has an initial, and the sorted terms go through the
	// initials in order: a jump link leads to the first of its terms.
	g, err := Load(os.DirFS(filepath.Join("..", "..")), "data/glossary.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "ja"} {
		initials := Initials(lang)
		last := -1
		for _, term := range g.Sorted(lang) {
			i := slices.Index(initials, term.Initial(lang))
			if i < last {
				t.Errorf("%s: %q (initial %q) sorts after a term of a later initial", lang, term.EN, term.Initial(lang))
			}
			last = max(last, i)
			if i < 0 {
				t.Errorf("%s: %q has no initial among %v", lang, term.EN, initials)
			}
		}
	}
}
