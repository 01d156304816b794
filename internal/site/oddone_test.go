package site

import (
	"fmt"
	"strings"
	"testing"

	"peacebuilding/internal/glossary"
	"peacebuilding/internal/sitetest"
)

// The item a translation lacks is found by the numbers and abbreviations that the texts
// of the two languages share; where nothing tells the neighbours apart, the places tied
// are given as a range, and with no anchors at all, nothing is claimed.
func TestExtraItem(t *testing.T) {
	en := []string{
		"In 1990 Japan hosts the Tokyo meeting.",
		"The Paris Peace Agreements establish UNTAC.",
		"Japan sends 600 engineers.",
		"Elections are held.",
		"A government is formed.",
		"At ICORC, pledges reach US$880 million.",
	}
	ja := []string{
		"1990年、日本が東京会議を開催する。",
		"パリ和平協定によりUNTACが設置される。",
		"日本が施設部隊600人を派遣する。",
		"選挙が行われる。",
		"政府が発足する。",
		"ICORCでの拠出表明は8億8,000万ドルに達する。",
	}
	without := func(list []string, i int) []string {
		return append(append([]string{}, list[:i]...), list[i+1:]...)
	}
	for _, tc := range []struct {
		name        string
		long, short []string
		first, last int
		ok          bool
	}{
		{"an item with numbers dropped", en, without(ja, 2), 2, 2, true},
		{"the last item dropped", en, without(ja, 5), 5, 5, true},
		// Items 4 and 5 have no anchor: dropping either lines up the same.
		{"an item without anchors dropped", en, without(ja, 3), 3, 4, true},
		{"an item added", ja, without(en, 1), 1, 1, true},
		{"no anchors at all", []string{"あ", "い", "う"}, []string{"A", "B"}, 0, 0, false},
		// A typo in the dropped item's neighbour (6,000 for 600) does not point at the
		// neighbour: the two places tie, and with two items nothing is claimed.
		{"a typo beside the dropped item", []string{"Elections are held.", "Japan sends 600 engineers."}, []string{"日本が施設部隊6,000人を派遣する。"}, 0, 0, false},
		{"not one item apart", en, ja, 0, 0, false},
	} {
		first, last, ok := extraItem(tc.long, tc.short, "en", "ja")
		if tc.long[0] == ja[0] {
			first, last, ok = extraItem(tc.long, tc.short, "ja", "en")
		}
		if ok != tc.ok || ok && (first != tc.first || last != tc.last) {
			t.Errorf("%s: extraItem = %d, %d, %v; want %d, %d, %v", tc.name, first, last, ok, tc.first, tc.last, tc.ok)
		}
	}
}

// The build's error for a translation that lacks one event names it, at its line in the
// source, with the start of its text: the real Cambodia brief without its fourth event.
func TestCountErrorNamesTheMissingEvent(t *testing.T) {
	fsys := sitetest.Copy(t, "config.toml", "content")
	const ja = "content/ja/countries/cambodia.md"
	parts := strings.Split(string(fsys[ja].Data), "[[events]]\n")
	if len(parts) < 6 {
		t.Fatalf("%s has %d events, want at least 5", ja, len(parts)-1)
	}
	fsys[ja].Data = []byte(strings.Join(append(parts[:4:4], parts[5:]...), "[[events]]\n"))
	cfg, files := loadFiles(t, fsys)
	en := string(fsys["content/en/countries/cambodia.md"].Data)
	at := strings.Count(en[:nthIndex(en, "[[events]]", 4)], "\n") + 1
	_, err := Build(cfg, files, &glossary.Glossary{})
	want := fmt.Sprintf("the one missing here seems to be event 4 of content/en/countries/cambodia.md, line %d: ", at)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Build error = %v, want one containing %q", err, want)
	}
}

// nthIndex is the index of the nth (1-based) sep in s, or -1.
func nthIndex(s, sep string, n int) int {
	at := -1
	for range n {
		i := strings.Index(s[at+1:], sep)
		if i < 0 {
			return -1
		}
		at += 1 + i
	}
	return at
}
