package render_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"peacebuilding/internal/render"
	"peacebuilding/internal/site"
)

// Keep cuts a Japanese text into runs that the layouts keep whole on a line: numbers with
// what belongs to them, and the names of the site's countries, official names and
// capitals. Joined again, the runs are the text.
func TestKeepKeepsNumbersWithUnitsAndNamesWhole(t *testing.T) {
	_, views := realViews(t)
	ja, en := views["ja"], views["en"]
	for _, tt := range []struct {
		text string
		kept []string
	}{
		{"日本・カンボジア共同の小型武器管理プログラムによる回収数（2006年12月現在）", []string{"カンボジア", "2006年12月"}},
		{"2万5,000丁以上", []string{"2万5,000丁以上"}},
		{"約3,860万ドルと1億ドル", []string{"約3,860万ドル", "1億ドル"}},
		{"コンゴ民主共和国の選挙", []string{"コンゴ民主共和国"}},
		// Longer than the printed side column holds: two runs, a line may end between.
		{"スリランカ民主社会主義共和国", []string{"スリランカ", "民主社会主義共和国"}},
		{"アフガニスタン・イスラム共和国", []string{"アフガニスタン・", "イスラム共和国"}}, // a line may end after its ・
		{"首都スリ・ジャヤワルダナプラ・コッテ", []string{"スリ・", "ジャヤワルダナプラ・", "コッテ"}},
		{"東ティモールに1,300人", []string{"東ティモール", "1,300人"}},
		{"1999年8月～2004年6月", []string{"1999年8月～", "2004年6月"}}, // ～ never starts a line
		{"平和構築", nil},
		{"〒100-8919 東京都千代田区霞が関2-2-1）", []string{"100-8919", "2-2-1"}},           // an address's numbers
		{"第3回アフリカ開発会議（TICAD III）で", []string{"第3回", "アフリカ", "TICAD III", "）で"}}, // a name with its number
		{"UNDP IIIS、xTICAD III", nil}, // not inside a word
		{"『Consolidation of Peace and Nation-Building』", []string{"Nation-Building"}}, // a word with a hyphen
	} {
		runs := ja.Keep(tt.text)
		var joined strings.Builder
		var kept []string
		for _, r := range runs {
			joined.WriteString(r.Text)
			if r.Keep {
				kept = append(kept, r.Text)
			}
		}
		if joined.String() != tt.text {
			t.Errorf("Keep(%q) runs join to %q", tt.text, joined.String())
		}
		if strings.Join(kept, "|") != strings.Join(tt.kept, "|") {
			t.Errorf("Keep(%q) keeps %q, want %q", tt.text, kept, tt.kept)
		}
	}
	// The break inside a long name is a <wbr> between its runs; a short name has none.
	for name, want := range map[string][]string{"スリランカ民主社会主義共和国": {"民主社会主義共和国"}, "コンゴ民主共和国": nil} {
		var wbr []string
		for _, r := range ja.Keep(name) {
			if r.Wbr {
				wbr = append(wbr, r.Text)
			}
		}
		if !slices.Equal(wbr, want) {
			t.Errorf("Keep(%q) breaks before %q, want %q", name, wbr, want)
		}
	}
	// Names the real site does not have: each part fits the column; ー ends katakana too.
	for _, tt := range []struct{ name, parts string }{
		{"大ブリテン及び北アイルランド連合王国", "大ブリテン|+及び北アイルランド|+連合王国"},
		{"ミャンマー連邦共和国民主主義人民", "ミャンマー|+連邦共和国民主主義人民"},
		{"アフガニスタン・イスラム共和国", "アフガニスタン・|+イスラム共和国"},
		{"ボスニア・ヘルツェゴビナ", "ボスニア・ヘルツェゴビナ"}, // short: whole
		{"コンゴ民主共和国", "コンゴ民主共和国"},
	} {
		var parts []string
		for _, r := range render.AppendName(nil, tt.name) {
			if !r.Keep {
				t.Errorf("appendName(%q) gives a run not kept: %q", tt.name, r.Text)
			}
			parts = append(parts, map[bool]string{true: "+", false: ""}[r.Wbr]+r.Text)
		}
		if got := strings.Join(parts, "|"); got != tt.parts {
			t.Errorf("appendName(%q) = %s, want %s (+: a <wbr> before)", tt.name, got, tt.parts)
		}
	}
	// On an English page, only a hyphenated name is kept whole (a line may break after a
	// hyphen), not every name: "Democratic Socialist Republic of Sri Lanka" is wider than
	// a phone's table cell.
	runs := en.Keep("over US$4.5 billion in Sri Lanka and Timor-Leste")
	var kept []string
	for _, r := range runs {
		if r.Keep {
			kept = append(kept, r.Text)
		}
	}
	if !slices.Equal(kept, []string{"Timor-Leste"}) {
		t.Errorf("an English page's text keeps %q whole, want only the hyphenated name: %+v", kept, runs)
	}
}

// keepHTML keeps the numbers of converted Markdown whole, in the text between its tags
// only: a paragraph of a Japanese brief does not break 7億5,000万ドル after 7. Names are
// not kept there (a body would change with other pages' titles). Tags, character
// references and code stay as they are, single characters are not wrapped, and without
// the wrapping spans the HTML is what it was.
func TestKeepHTMLWrapsNumbersInTextOnly(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`<p>国連予算で7億5,000万ドル超）。</p>`, `<p>国連予算で<span class="nobr">7億5,000万ドル超</span>）。</p>`},
		{`<p><a href="../countries/cambodia/">カンボジア</a>では平成17年度に</p>`, `<p><a href="../countries/cambodia/">カンボジア</a>では<span class="nobr">平成17年度</span>に</p>`},
		// A line of running text may end after the year of a date, not inside either part.
		{`<h2 id="y2005">2005年9月</h2>`, `<h2 id="y2005"><span class="nobr">2005年</span><span class="nobr">9月</span></h2>`},
		{`<p>2003年10月5日の</p>`, `<p><span class="nobr">2003年</span><span class="nobr">10月5日</span>の</p>`},
		{`<p>G8と&#39;5&#39;と<code>2006年</code></p>`, `<p>G8と&#39;5&#39;と<code>2006年</code></p>`},
		{`<p>平和構築</p>`, `<p>平和構築</p>`},
		// A heading marks where its phrases start; running text does not.
		{`<h2 id="un-peacekeeping">UNTAC：日本初の本格的なPKO参加</h2>`, `<h2 id="un-peacekeeping">UNTAC：<wbr>日本初の<wbr>本格的な<wbr>PKO参加</h2>`},
		{`<h3>2006年12月の東京会議</h3>`, `<h3><span class="nobr">2006年</span><span class="nobr">12月</span>の<wbr>東京会議</h3>`},
		{`<p>日本初の本格的な</p>`, `<p>日本初の本格的な</p>`},
		// A heading keeps a closing bracket with the particle after it.
		{`<h2 id="x">国連開発計画（UNDP）の武器回収</h2>`, `<h2 id="x">国連開発計画<wbr>（UNDP<span class="nobr">）の</span><wbr>武器回収</h2>`},
		{`<h2 id="y">東京会議（2006年）の成果</h2>`, `<h2 id="y">東京会議<wbr>（<span class="nobr">2006年）の</span><wbr>成果</h2>`},
	} {
		got := render.KeepHTML(tt.in)
		if got != tt.want {
			t.Errorf("keepHTML(%s)\n got %s\nwant %s", tt.in, got, tt.want)
		}
		if strings.NewReplacer(`<span class="nobr">`, "", `</span>`, "", "<wbr>", "").Replace(got) != tt.in {
			t.Errorf("keepHTML(%s) changed more than it wrapped: %s", tt.in, got)
		}
	}
}

// An English name joined by hyphens stays whole on a line, in the text only: not in a
// tag's attributes, code, an acronym's compound or a lower-case one.
func TestKeepNamesHTMLKeepsHyphenatedNames(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`<p>Democratic Republic of Timor-Leste</p>`, `<p>Democratic Republic of <span class="nobr">Timor-Leste</span></p>`},
		{`<p><a href="../timor-leste/" title="Timor-Leste">Timor-Leste’s</a> UN-led, post-conflict Guinea-Bissau-Ecowas</p>`,
			`<p><a href="../timor-leste/" title="Timor-Leste"><span class="nobr">Timor-Leste</span>’s</a> UN-led, post-conflict <span class="nobr">Guinea-Bissau-Ecowas</span></p>`},
		{`<p>the Self-Defense Forces, Timor-Leste-based, X-Ray, Bosnia-and-Herzegovina</p>`,
			`<p>the <span class="nobr">Self-Defense</span> Forces, <span class="nobr">Timor-Leste</span>-based, X-Ray, Bosnia-and-Herzegovina</p>`},
		{`<p><code>Timor-Leste</code> and <pre>Timor-Leste</pre> NewTimor-Leste Timor-Leste2</p>`, `<p><code>Timor-Leste</code> and <pre>Timor-Leste</pre> NewTimor-Leste Timor-Leste2</p>`},
		{`<p>Timor-`, `<p>Timor-`},
		{`<p>ÉTimor-Leste, 2Timor-Leste</p>`, `<p>ÉTimor-Leste, 2Timor-Leste</p>`},
		{`<p>Jean-Noël and Jean-Paul, &amp;Timor-Leste</p>`, `<p>Jean-Noël and <span class="nobr">Jean-Paul</span>, &amp;<span class="nobr">Timor-Leste</span></p>`},
		// A line broke after "St.", read as a sentence's end.
		{`<p>the summit in St. Petersburg (July 2006), St. Étienne, St. X2, Ft. Worth, St. </p>`,
			`<p>the summit in <span class="nobr">St. Petersburg</span> (July 2006), St. Étienne, St. X2, Ft. Worth, St. </p>`},
		// A line broke a postal code after its hyphen (100- / 8919).
		{`<p>Kasumigaseki 2-2-1, Tokyo 100-8919, 2005-06a, x100-8, 12-, 7-Eleven, 10-20é</p>`,
			`<p>Kasumigaseki <span class="nobr">2-2-1</span>, Tokyo <span class="nobr">100-8919</span>, 2005-06a, x100-8, 12-, 7-Eleven, 10-20é</p>`},
		// After keepUnits, a no-break space joins the range to its unit.
		{"<p>10-20\u00a0million</p>", "<p><span class=\"nobr\">10-20</span>\u00a0million</p>"},
	} {
		if got := render.KeepNamesHTML(tt.in); got != tt.want {
			t.Errorf("keepNamesHTML(%s)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

// An English text's runs: its hyphenated names kept, the rest with its units joined.
func TestEnglishRuns(t *testing.T) {
	got := render.EnglishRuns("Democratic Republic of Timor-Leste, 1,500 people and 33.5 billion yen")
	want := []render.Run{{Text: "Democratic Republic of "}, {Text: "Timor-Leste", Keep: true}, {Text: ", 1,500 people and 33.5\u00a0billion\u00a0yen"}}
	if !slices.Equal(got, want) {
		t.Errorf("EnglishRuns = %+v, want %+v", got, want)
	}
	// A range kept whole keeps its unit on its line too.
	got = render.EnglishRuns("between 10-20 million yen")
	want = []render.Run{{Text: "between "}, {Text: "10-20", Keep: true}, {Text: "\u00a0million\u00a0yen"}}
	if !slices.Equal(got, want) {
		t.Errorf("EnglishRuns = %+v, want %+v", got, want)
	}
	if got := render.EnglishRuns("Dili"); !slices.Equal(got, []render.Run{{Text: "Dili"}}) {
		t.Errorf("EnglishRuns(Dili) = %+v, want one run", got)
	}
}

// An English number stays on the line of the word of its unit: a no-break space between.
func TestKeepUnitsJoinsNumbersToTheirUnits(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`<p>about 33.5 billion yen and US$4.5 billion</p>`, "<p>about 33.5\u00a0billion\u00a0yen and US$4.5\u00a0billion</p>"},
		{`<p>about 20 percent, 1,500 people</p>`, "<p>about 20\u00a0percent, 1,500 people</p>"},
		{`<p>In 2005 yenloans</p>`, `<p>In 2005 yenloans</p>`},
	} {
		if got := render.KeepUnits(tt.in); got != tt.want {
			t.Errorf("keepUnits(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzKeepUnits: keepUnits joins what the regular expression it replaced matched, and
// nothing else.
func FuzzKeepUnits(f *testing.F) {
	for _, s := range []string{
		"about 33.5 billion yen and US$4.5 billion", "20 percent", "In 2005 yenloans",
		"3 million yenx", "3 million dollars_", "7 trillion", "1 yen", "9 percentage", "x million",
		"5 billion dollars and 6 billion yen.",
	} {
		f.Add(s)
	}
	unitRe := regexp.MustCompile(`\d (?:(?:million|billion|trillion)(?: yen| dollars)?|percent|yen)\b`)
	f.Fuzz(func(t *testing.T, s string) {
		want := unitRe.ReplaceAllStringFunc(s, func(m string) string { return strings.ReplaceAll(m, " ", "\u00a0") })
		if got := render.KeepUnits(s); got != want {
			t.Errorf("keepUnits(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzKeepHTML: whatever the HTML, keepHTML only inserts whole <span class="nobr"> pairs
// around text: taken out again, they leave the input as it was.
func FuzzKeepHTML(f *testing.F) {
	for _, s := range []string{
		`<p>国連予算で7億5,000万ドル超）。</p>`,
		`<p><a href="../x/">カンボジア</a>では平成17年度に&amp;2005年9月</p>`,
		`<p>G8と&#39;5&#39;と<code>2006年</code>と<pre>1,300人</pre>1,300人`,
		`<p>約3,860万ドル<`,
		`&12年`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, html string) {
		if strings.Contains(html, "nobr") || strings.Contains(html, "</span>") || strings.Contains(html, "<wbr>") {
			return // the check below could not tell the inserted spans and breaks from the input's
		}
		got := render.KeepHTML(html)
		if strings.Count(got, `<span class="nobr">`) != strings.Count(got, `</span>`) {
			t.Fatalf("keepHTML(%q) = %q: unbalanced spans", html, got)
		}
		if back := strings.NewReplacer(`<span class="nobr">`, "", `</span>`, "", "<wbr>", "").Replace(got); back != html {
			t.Fatalf("keepHTML(%q) = %q: more changed than the spans and breaks", html, got)
		}
	})
}

// FuzzKeepNamesHTML: keepNamesHTML only inserts spans, balanced, each around a hyphenated
// name or number, and none inside a tag (a name in an attribute stays as it is).
func FuzzKeepNamesHTML(f *testing.F) {
	for _, s := range []string{
		`<p>Democratic Republic of Timor-Leste</p>`,
		`<p><a href="../x/" title="Timor-Leste">Timor-Leste’s</a> UN-led &amp;Guinea-Bissau</p>`,
		`<p><code>Timor-Leste</code> Jean-Noël Timor-Leste-based <pre>A-B`,
		`Ab-Cd<`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, html string) {
		if strings.Contains(html, "nobr") || strings.Contains(html, "</span>") {
			return // the check below could not tell the inserted spans from the input's
		}
		got := render.KeepNamesHTML(html)
		if back := strings.NewReplacer(`<span class="nobr">`, "", `</span>`, "").Replace(got); back != html {
			t.Fatalf("keepNamesHTML(%q) = %q: more changed than the spans", html, got)
		}
		for rest := got; ; {
			i := strings.Index(rest, `<span class="nobr">`)
			if i < 0 {
				break
			}
			rest = rest[i+len(`<span class="nobr">`):]
			j := strings.Index(rest, `</span>`)
			if j < 0 {
				t.Fatalf("keepNamesHTML(%q) = %q: a span not closed", html, got)
			}
			if name := rest[:j]; !strings.Contains(name, "-") || strings.ContainsAny(name, "<>& ") {
				t.Fatalf("keepNamesHTML(%q) = %q: kept %q, not a hyphenated name", html, got, name)
			}
		}
	})
}

// A page's print class gives the browser the size build pdf printed its PDF at.
func TestPDFPrintClass(t *testing.T) {
	for _, tt := range []struct {
		scale  float64
		noRefs bool
		want   string
	}{{0, false, ""}, {1, false, ""}, {0.96, false, "print-scale-96"}, {0.93, false, "print-scale-93"},
		{1, true, "print-no-refs"}, {0.93, true, "print-scale-93 print-no-refs"}} {
		if got := (&render.PDF{Scale: tt.scale, NoRefs: tt.noRefs}).PrintClass(); got != tt.want {
			t.Errorf("PrintClass at %v, without refs %v = %q, want %q", tt.scale, tt.noRefs, got, tt.want)
		}
	}
}

// A country of which the source gives none of its region's columns gets one cell saying
// so, as wide as those columns, not a row of dashes (the Philippines: no key facts).
func TestFactColumnsShowsACountryWithoutFigures(t *testing.T) {
	c := render.FactColumns{Capital: true, Area: true, GDP: true}
	if got := c.Count(); got != 3 {
		t.Errorf("Count = %d, want 3", got)
	}
	for _, tt := range []struct {
		name  string
		facts *site.Facts
		want  bool
	}{
		{"no facts", nil, false},
		{"only a value the table has no column for", &site.Facts{PopulationMillions: 4.5}, false},
		{"a capital", &site.Facts{Capital: "Dili"}, true},
		{"an area", &site.Facts{AreaKm2: 14000}, true},
	} {
		if got := c.Shows(tt.facts); got != tt.want {
			t.Errorf("%s: Shows = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// A region's table shows a dash where a country with values lacks one of its columns,
// and only there: the note that explains the dash is printed with it.
func TestRegionDashes(t *testing.T) {
	dili := &site.Facts{Capital: "Dili", AreaKm2: 14000}
	kabul := &site.Facts{Capital: "Kabul", AreaKm2: 652000, GDPPerCapitaUSD: 300}
	for _, tt := range []struct {
		name  string
		facts []*site.Facts
		want  bool
	}{
		{"every column of every row", []*site.Facts{dili, dili}, false},
		{"a row without facts, in one cell", []*site.Facts{dili, nil}, false},
		{"a row without the GDP another has", []*site.Facts{dili, kabul}, true},
		{"no facts at all", []*site.Facts{nil}, false},
	} {
		var g render.RegionGroup
		for _, f := range tt.facts {
			g.Countries = append(g.Countries, &site.Page{Facts: f})
		}
		if got := g.Dashes(); got != tt.want {
			t.Errorf("%s: Dashes = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// A Japanese text is set by phrase on a page of either language (the glossary's Japanese
// column), where Phrases sets an English page's text, its title, as it is.
func TestJapanesePhrasesOnAnEnglishPage(t *testing.T) {
	_, views := realViews(t)
	const text = "西バルカン平和定着・経済発展閣僚会合"
	for _, lang := range []string{"en", "ja"} {
		runs := views[lang].JapanesePhrases(text)
		var joined strings.Builder
		wbr := 0
		for _, r := range runs {
			joined.WriteString(r.Text)
			if r.Wbr {
				wbr++
			}
		}
		if joined.String() != text || wbr == 0 {
			t.Errorf("%s: JapanesePhrases(%q) = %+v, want the text in phrases", lang, text, runs)
		}
	}
	if runs := views["en"].Phrases("The terakoya (寺子屋) of Cambodia"); len(runs) != 1 {
		t.Errorf("en: Phrases of an English title = %+v, want it whole", runs)
	}
}

// TestKeepMarksEnglishWords: in a Japanese text, English words and phrases are runs marked
// as English, so that a screen reader reads them in English (WCAG 3.1.2); abbreviations
// in capitals, units and texts with no Japanese letter are not. Joined again, the runs are
// the text.
func TestKeepMarksEnglishWords(t *testing.T) {
	_, views := realViews(t)
	ja := views["ja"]
	for _, tt := range []struct {
		text    string
		english []string
	}{
		{"外務省のパンフレット『Japan’s Efforts on Peacebuilding』（2007年）に基づく。", []string{"Japan’s Efforts on Peacebuilding"}},
		{"出典の「armed crush」は「armed clash」の誤植である。", []string{"armed crush", "armed clash"}},
		{"公用語は「Cambodian」とある。", []string{"Cambodian"}},
		{"国連開発計画（UNDP）とTICAD IVの支援", nil},
		{"面積18万1,000km²", nil},
		{"Official Language: Cambodian", nil}, // no Japanese letter: its element says its language
		// Accents, a subtitle after a colon; capitals with a plural or possessive; an
		// address.
		{"コートジボワール（Côte d’Ivoire）の", []string{"Côte d’Ivoire"}},
		{"外務省『Japan’s Efforts on Peacebuilding: Towards Consolidation』（2007年）", []string{"Japan’s Efforts on Peacebuilding: Towards Consolidation"}},
		{"日本はNGOsとUNDP'sの協力", nil},
		// A hyphenated word kept whole on its line is English too.
		{"『Consolidation of Peace and Nation-Building』（2007年）", []string{"Consolidation of Peace and", "Nation-Building"}},
		{"詳しくはhttps://www.mofa.go.jp/mofaj/gaiko/を参照", nil},
	} {
		runs := ja.Keep(tt.text)
		var got []string
		var all strings.Builder
		for _, r := range runs {
			all.WriteString(r.Text)
			if r.Lang == "en" {
				got = append(got, r.Text)
			} else if r.Lang != "" {
				t.Errorf("%q: a run %q in %q", tt.text, r.Text, r.Lang)
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.english, "|") {
			t.Errorf("Keep(%q) marks %q as English, want %q", tt.text, got, tt.english)
		}
		if all.String() != tt.text {
			t.Errorf("Keep(%q) runs join to %q", tt.text, all.String())
		}
	}
}
