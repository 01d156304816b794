package site

import "testing"

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
