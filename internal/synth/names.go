package synth

import "strings"

// syllable is one unit of a made-up place name, written in both scripts.
type syllable struct{ en, ja string }

// syllables are consonant+vowel or vowel units: a name made of a fixed number of them
// splits back into its syllables in exactly one way (after each vowel), so distinct
// syllable sequences give distinct slugs.
var syllables = []syllable{
	{"ka", "カ"}, {"ki", "キ"}, {"ko", "コ"}, {"sa", "サ"}, {"shi", "シ"}, {"so", "ソ"},
	{"ta", "タ"}, {"te", "テ"}, {"to", "ト"}, {"na", "ナ"}, {"ni", "ニ"}, {"no", "ノ"},
	{"ma", "マ"}, {"mi", "ミ"}, {"mo", "モ"}, {"ra", "ラ"}, {"ri", "リ"}, {"ro", "ロ"},
	{"ba", "バ"}, {"bo", "ボ"}, {"da", "ダ"}, {"do", "ド"}, {"ga", "ガ"}, {"go", "ゴ"},
	{"ya", "ヤ"}, {"yo", "ヨ"}, {"wa", "ワ"}, {"lu", "ル"}, {"ve", "ヴェ"}, {"zu", "ズ"},
}

// endings make names look like country names; any ending can follow any syllables.
var endings = []syllable{{"ria", "リア"}, {"nia", "ニア"}, {"stan", "スタン"}, {"land", "ランド"}, {"ne", "ネ"}, {"", ""}}

// countryName returns the unique name of country i of n. The index is scrambled by a
// multiplication modulo 30^k (a bijection, since the factor is prime to 30) so that
// neighbouring countries do not get neighbouring names.
func countryName(i, n int) (slug, en, ja string) {
	k, size := 3, len(syllables)*len(syllables)*len(syllables)
	for size < n {
		k++
		size *= len(syllables)
	}
	x := (i*7919 + 4241) % size
	var en1, ja1 strings.Builder
	for range k {
		s := syllables[x%len(syllables)]
		x /= len(syllables)
		en1.WriteString(s.en)
		ja1.WriteString(s.ja)
	}
	e := endings[i%len(endings)]
	slug = en1.String() + e.en
	return slug, strings.ToUpper(slug[:1]) + slug[1:], ja1.String() + e.ja
}

// placeName returns a made-up city name from a seed; names may repeat.
func placeName(seed uint64) (en, ja string) {
	var e, j strings.Builder
	for range 2 + seed%2 {
		s := syllables[seed%uint64(len(syllables))]
		seed /= uint64(len(syllables))
		e.WriteString(s.en)
		j.WriteString(s.ja)
	}
	name := e.String()
	return strings.ToUpper(name[:1]) + name[1:], j.String()
}

// themeWords make theme titles: "Community recovery", 「コミュニティの復興」.
var (
	themeAdjectives = []syllable{
		{"Community", "コミュニティ"}, {"Regional", "地域"}, {"Electoral", "選挙"}, {"Judicial", "司法"},
		{"Maritime", "海上"}, {"Urban", "都市"}, {"Rural", "農村"}, {"Border", "国境"},
		{"Health", "保健"}, {"Water", "水"}, {"Education", "教育"}, {"Youth", "青年"},
		{"Media", "メディア"}, {"Land", "土地"}, {"Police", "警察"}, {"Customs", "税関"},
		{"Energy", "エネルギー"}, {"Transport", "運輸"}, {"Food", "食料"}, {"Gender", "ジェンダー"},
	}
	themeNouns = []syllable{
		{"recovery", "復興"}, {"security", "安全"}, {"reform", "改革"}, {"cooperation", "協力"},
		{"dialogue", "対話"}, {"governance", "ガバナンス"}, {"reconstruction", "再建"}, {"monitoring", "監視"},
		{"capacity building", "能力構築"}, {"infrastructure", "インフラ"}, {"services", "サービス"}, {"institutions", "制度"},
	}
)

// maxThemes is how many distinct theme titles the word lists give.
var maxThemes = len(themeAdjectives) * len(themeNouns)

// themeName returns the unique name of theme t.
func themeName(t int) (slug, en, ja string) {
	a := themeAdjectives[t%len(themeAdjectives)]
	n := themeNouns[(t/len(themeAdjectives)+t%len(themeAdjectives))%len(themeNouns)]
	en = a.en + " " + n.en
	return strings.ReplaceAll(strings.ToLower(en), " ", "-"), en, a.ja + "の" + n.ja
}
