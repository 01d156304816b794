package check

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"peacebuilding/internal/content"
)

// edit replaces the first Old of File with New (Old must be there).
type edit struct{ File, Old, New string }

// plant applies edits to a copy of fsys, in order.
func plant(t *testing.T, fsys fstest.MapFS, edits []edit) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	for k, v := range fsys {
		out[k] = v
	}
	for _, e := range edits {
		f := out[e.File]
		if f == nil || !strings.Contains(string(f.Data), e.Old) {
			t.Fatalf("plant: %q is not in %s", e.Old, e.File)
		}
		out[e.File] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), e.Old, e.New, 1))}
	}
	return out
}

// swap exchanges two strings of a file.
func swap(file, a, b string) []edit {
	return []edit{{file, a, "\x00swap\x00"}, {file, b, a}, {file, "\x00swap\x00", b}}
}

// lineOf is the 1-based line of the first s in data.
func lineOf(data []byte, s string) int {
	i := strings.Index(string(data), s)
	if i < 0 {
		return 0
	}
	return strings.Count(string(data[:i]), "\n") + 1
}

const (
	jaCambodia = "content/ja/countries/cambodia.md"
	// jaCambodiaReconstruction is the text of the section {#reconstruction} of jaCambodia.
	jaCambodiaReconstruction = "1992年6月、日本は国連開発計画（UNDP）と共同でカンボジア復興閣僚会議の議長を務めた。同会議では、中長期的な復興支援を調整する仕組みとしてカンボジア復興国際委員会（ICORC）の設置が合意された。日本は現在もカンボジアに対する最大の援助国である（[復興と平和の配当](../themes/reconstruction.md)、[平和構築のためのODA](../themes/oda.md)参照）。"
	enCambodia               = "content/en/countries/cambodia.md"
)

// missed are mistakes a reviewer catches, each planted into a copy of the real content:
// the check must report it, with the rule and a message containing want, at the line of
// at in the translation (and a line of the source).
var missed = []struct {
	name  string
	edits []edit
	rule  string
	want  string
	at    string // a text on the line the finding must name in the translation
}{
	{"heading id deleted", []edit{{jaCambodia, "## 復興支援 {#reconstruction}", "## 復興支援"}},
		"structure", "has no {#reconstruction}", "## 復興支援"},
	{"heading id changed", []edit{{jaCambodia, "{#elections}", "{#election}"}},
		"structure", "heading id {#election} here, {#elections} in the en page", "## 選挙支援と法の支配"},
	{"heading id in full-width braces", []edit{{jaCambodia, "{#elections}", "｛#elections｝"}},
		"structure", "｛#elections｝ is not read as a heading id", "## 選挙支援と法の支配"},
	{"link in full-width parentheses", []edit{{jaCambodia, "[法の支配](../themes/rule-of-law.md)", "[法の支配]（../themes/rule-of-law.md）"}},
		"structure", "[法の支配]（../themes/rule-of-law.md） is not read as a link", "また1999年以来"},
	{"two sections swapped", swap(jaCambodia, "## 和平に向けた外交努力 {#peace-process}", "## UNTAC：日本初の本格的なPKO参加 {#un-peacekeeping}"),
		"structure", "section {#un-peacekeeping} is in another place than in the en page", "## UNTAC：日本初の本格的なPKO参加"},
	{"a heading added", []edit{{jaCambodia, "- 自衛隊員（国道の補修などに従事）", "### 要員\n\n- 自衛隊員（国道の補修などに従事）"}},
		"structure", "this heading has no {#id} and the en page has no heading here", "### 要員"},
	{"heading level changed", []edit{{jaCambodia, "## 復興支援 {#reconstruction}", "### 復興支援 {#reconstruction}"}},
		"structure", "the heading is level 3 (###) here but level 2 (##) in the en page", "### 復興支援"},
	{"table row deleted", []edit{{"content/ja/future.md", "| 知的貢献 | 国際社会の議論の発展に貢献する。国連平和構築委員会をはじめとする国際的な場で知的イニシアティブを発揮する。 |\n", ""}},
		"structure", "5 table rows in en, 4 in ja", "| 国際平和協力 |"},
	{"level-1 heading in the body", []edit{{jaCambodia, "## 復興支援 {#reconstruction}", "# 復興支援 {#reconstruction}"}},
		"structure", "level-1 heading", "# 復興支援"},
	{"two events swapped", swap(jaCambodia, "日本がカンボジアに関する東京会議を開催し、紛争当事者に対話の場を提供する。", "パリ和平協定が締結され、国連カンボジア暫定統治機構（UNTAC）が設置される。"),
		"structure", "event 1 and event 2 seem to be swapped", "パリ和平協定が締結され"},
	{"two events without numbers swapped", swap("content/ja/countries/timor-leste.md", "日本が第1回東ティモール支援国会合を主催する。", "東ティモールが独立する。"),
		"structure", "event 2 and event 3 seem to be swapped", "東ティモールが独立する。"},
	{"paragraph deleted", []edit{{jaCambodia, "\nまた1999年以来、[法の支配](../themes/rule-of-law.md)の強化も支援している。\n", ""}},
		"structure", "2 paragraphs in en, 1 in ja", "1998年の総選挙を前にした"},
	{"paragraph added to a section of one", []edit{{jaCambodia, "を作った。\n", "を作った。\n\n東京会議は成功した。\n"}},
		"structure", "1 paragraph in en, 2 in ja", "東京会議は成功した。"},
	{"list item deleted", []edit{{jaCambodia, "- 文民警察要員\n", ""}},
		"structure", "3 list items in en, 2 in ja", "- 選挙監視要員"},
	{"section deleted", []edit{{jaCambodia, "## 復興支援 {#reconstruction}\n\n" + jaCambodiaReconstruction + "\n\n", ""}},
		"structure", "section {#reconstruction} of the en page is missing in the ja page: it goes before this heading", "## 選挙支援と法の支配"},
	// Its text kept under the section before, where the numbers cannot tell (its year is
	// that section's too): the blocks can, and the hint names the line (a translator's
	// trial put the heading before the next one, as the hint said then).
	{"section heading deleted", []edit{{jaCambodia, "## 復興支援 {#reconstruction}\n", ""}},
		"structure", "the heading of section {#reconstruction} of the en page is missing in the ja page: its text seems to start here", "1992年6月、日本は国連開発計画"},
	{"link to the wrong page", []edit{{jaCambodia, "(../themes/rule-of-law.md)", "(../themes/ddr.md)"}},
		"structure", "leads to ../themes/ddr.md where en links to ../themes/rule-of-law.md", "[法の支配](../themes/ddr.md)"},
	{"one of two links to a page removed", []edit{{"content/ja/themes/ddr.md", "- [シエラレオネ](../countries/sierra-leone.md)：日本の拠出", "- シエラレオネ：日本の拠出"}},
		"structure", "one of the 2 links to ../countries/sierra-leone.md (lines ", "## アフリカ {#africa}"},
	{"link removed", []edit{{jaCambodia, "[法の支配](../themes/rule-of-law.md)", "法の支配"}},
		"structure", "the link to ../themes/rule-of-law.md is missing", "## 選挙支援と法の支配"},
	{"English sentence appended", []edit{{jaCambodia, "日本はUNTACに合計1,300人の要員を派遣した。", "日本はUNTACに合計1,300人の要員を派遣した。Japan sent it a total of 1,300 personnel."}},
		"untranslated", "English in the ja text", "Japan sent it"},
	// Names take half its words: as many capitals as prose (a translator's trial).
	{"English sentence full of names", []edit{{"content/ja/countries/timor-leste.md", "- 国連難民高等弁務官事務所（UNHCR）の要請を受け、国際平和協力法に基づき自衛隊が東ティモール難民向けの救援物資を空輸", "- In June 2004 Japan provided US$3 million in emergency grant aid through the Office of the United Nations High Commissioner for Refugees (UNHCR) for refugees from Darfur in Chad."}},
		"untranslated", "English in the ja text", "In June 2004 Japan provided"},
	{"event text left in English", []edit{{jaCambodia, "日本がカンボジアに関する東京会議を開催し、紛争当事者に対話の場を提供する。", "Japan hosts the Tokyo meeting on Cambodia, giving the parties a venue for dialogue."}},
		"untranslated", "event 1 text is the en text", "Japan hosts"},
	{"heading left in English", []edit{{"content/ja/themes/ddr.md", "## アフリカ {#africa}", "## Africa {#africa}"}},
		"untranslated", "the heading is the en heading, not translated", "## Africa {#africa}"},
	{"figure label left in English", []edit{{jaCambodia, "UNTACへの日本の派遣要員（自衛隊員、文民警察要員、選挙監視要員）", "Japanese personnel sent to UNTAC (Self-Defense Forces, civilian police, election monitors)"}},
		"untranslated", "figure 1 label is the en text", "Japanese personnel"},
	// Equal to the source's, they build; changed there, they would stop the build here.
	{"weight kept in a translation", []edit{{jaCambodia, `source_hash = "`, "weight = 10\nsource_hash = \""}},
		"structure", "weight is written here too: language-neutral values are taken from content/en/countries/cambodia.md", "weight = 10"},
	{"event date kept in a translation", []edit{{jaCambodia, "[[events]]\n", "[[events]]\ndate = \"1990-06\"\n"}},
		"structure", "the date of event 1 is written here too", `date = "1990-06"`},
	{"yen as dollars", []edit{{"content/ja/countries/liberia.md", "4億円を超える", "4億ドルを超える"}},
		"figure", `currency differs: "more than ¥400 million" in en, "4億ドルを超" (US$400 million) in ja`, "4億ドルを超"},
	{"about for more than", []edit{{"content/ja/countries/liberia.md", "4億円を超える", "約4億円の"}},
		"figure", `"more than ¥400 million" in en (more than), "約4億円" (¥400 million) in ja (about)`, "約4億円"},
	{"half as a third", []edit{{"content/ja/themes/consolidation-of-peace.md", "紛争の約半数が", "紛争の約3分の1が"}},
		"figure", `number differs: "around half" (1/2) in en, "約3分の1" (1/3) in ja`, "紛争の約3分の1が"},
	{"counter of ships for people", []edit{{jaCambodia, "合計1,300人の要員", "合計1,300隻の要員"}},
		"figure", "the counter 隻 counts ships, but the en text counts people here", "合計1,300隻"},
	{"glossary term wrong in one section", []edit{{jaCambodia, "1991年10月のパリ和平協定締結", "1991年10月のパリ平和協定締結"}},
		"glossary", `"Paris Peace Agreements" is used in this part in en; the ja text of this part should write パリ和平協定`, "1991年10月のパリ平和協定締結"},
	// The form written instead is pointed at, with its column.
	{"term shortened in one section", []edit{{"content/ja/countries/iraq.md", "国連世界食糧計画（WFP）", "世界食糧計画"}},
		"glossary", "should write 国連世界食糧計画; it seems to write 世界食糧計画", "世界食糧計画"},
	// The abbreviation beside it does not make a misspelt official form right (a
	// translator's trial).
	{"term misspelt beside its abbreviation", []edit{{jaCambodia, "1992年6月、日本は国連開発計画（UNDP）と共同で", "1992年6月、日本は国連発展計画（UNDP）と共同で"}},
		"glossary", "should write 国連開発計画; it seems to write 国連発展計画", "日本は国連発展計画（UNDP）と共同で"},
	// A part left in English that holds more names than prose (a translator's trial).
	{"a sentence of names left in English", []edit{{"content/ja/countries/liberia.md", "アフリカの他の国については、[スーダン](sudan.md)、[コンゴ民主共和国](dr-congo.md)、[シエラレオネ](sierra-leone.md)、[ブルンジ](burundi.md)の各ページを参照されたい。", "See also the other African briefs: [Sudan](sudan.md), [Democratic Republic of the Congo](dr-congo.md), [Sierra Leone](sierra-leone.md) and [Burundi](burundi.md)."}},
		"untranslated", "English in the ja text", "See also the other African briefs"},
	// JICA's name before October 2003, with its abbreviation beside it, which alone had
	// let it pass (a translator's trial): a variant of the glossary's, reported as one.
	{"JICA's former name beside its abbreviation", []edit{{"content/ja/countries/dr-congo.md", "国際協力機構（[JICA]", "国際協力事業団（[JICA]"}},
		"glossary", "国際協力事業団 is not the official form of \"Japan International Cooperation Agency\": write 国際協力機構", "国際協力事業団（[JICA]"},
	{"rule of law as 法治 in one section", []edit{{jaCambodia, "## 選挙支援と法の支配", "## 選挙支援と法治"}, {jaCambodia, "[法の支配](../themes/rule-of-law.md)の強化", "[法治](../themes/rule-of-law.md)の強化"}},
		"glossary", "should write 法の支配", "## 選挙支援と法治"},
	// A title or an event is shown alone (menus, the timeline): a wrong form there is
	// wrong even when the page writes the official form elsewhere.
	{"term not official in the title", []edit{{"content/ja/themes/human-security.md", `title = "人間の安全保障"`, `title = "ヒューマン・セキュリティ"`}},
		"glossary", "the ja text of this part should write 人間の安全保障", `title = "ヒューマン・セキュリティ"`},
	{"term not official in an event", []edit{{"content/ja/themes/human-security.md", "小渕恵三総理大臣が人間の安全保障の考え方", "小渕恵三総理大臣がヒューマン・セキュリティの考え方"}},
		"glossary", "the ja text of this part should write 人間の安全保障", "ヒューマン・セキュリティの考え方"},
	// SDF is an abbreviation of English alone (en_abbr): the Japanese must write 自衛隊.
	{"SDF in en, 自衛隊 left out in ja", []edit{
		{"content/ja/themes/elections-and-police.md", "主に文民警察要員、自衛隊員、", "主に文民警察要員、"},
		{"content/ja/themes/elections-and-police.md", "に、自衛隊員、文民警察要員", "に、文民警察要員"},
		{"content/ja/themes/elections-and-police.md", "文民警察要員、自衛隊員、選挙", "文民警察要員、選挙"},
		{"content/en/themes/elections-and-police.md", "among them Self-Defense Forces personnel", "among them SDF personnel"},
		{"content/en/themes/elections-and-police.md", "officers, Self-Defense Forces personnel", "officers, SDF personnel"},
	}, "glossary", `"SDF" is used in en; the ja page should write 自衛隊`, "label = \"東ティモールの国連ミッション"},
	{"SDF in a Japanese text", []edit{{"content/ja/themes/elections-and-police.md", "主に文民警察要員、自衛隊員、", "主に文民警察要員、SDF隊員、"}},
		"glossary", `SDF is not the official form of "Self-Defense Forces": write 自衛隊`, "主に文民警察要員、SDF隊員"},
	{"PKO協力法, a form not to write", []edit{{jaCambodia, "1992年6月に成立した国際平和協力法に基づく", "1992年6月に成立したPKO協力法に基づく"}},
		"glossary", `PKO協力法 is not the official form of "International Peace Cooperation Law": write 国際平和協力法`, "1992年6月に成立したPKO協力法"},
	{"PKO協力法 in one section", []edit{{jaCambodia, "1992年6月に成立した国際平和協力法に基づく", "1992年6月に成立したPKO協力法に基づく"}, {jaCambodia, "[国連PKOと国際平和協力法]", "[国連PKOとPKO協力法]"}},
		"glossary", `PKO協力法 is not the official form of "International Peace Cooperation Law": write 国際平和協力法`, "1992年6月に成立したPKO協力法に基づく"},
	{"title left in English", []edit{{jaCambodia, `title = "カンボジア"`, `title = "Cambodia"`}},
		"untranslated", "the title is the en text", `title = "Cambodia"`},
}

func TestPlantedMistakesAreReported(t *testing.T) {
	base := realProject(t)
	for _, c := range missed {
		t.Run(c.name, func(t *testing.T) {
			// The rules an acceptance may name are the rules of the findings.
			if !slices.Contains(Rules, c.rule) {
				t.Errorf("rule %q of the finding is not among Rules %q", c.rule, Rules)
			}
			fsys := plant(t, base, c.edits)
			in, err := Load(fsys)
			if err != nil {
				t.Fatal(err)
			}
			rep := Run(in)
			ja := c.edits[0].File
			want := lineOf(fsys[ja].Data, c.at)
			if want == 0 {
				t.Fatalf("%q is not in the planted %s", c.at, ja)
			}
			var found []string
			for _, p := range rep.Pairs {
				for _, pr := range p.Problems {
					if pr.Accepted != "" {
						continue
					}
					found = append(found, pr.Check+": "+pr.Message+" @ "+pr.Translation.String())
					if pr.Check == c.rule && strings.Contains(pr.Message, c.want) &&
						pr.Translation.File == ja && pr.Translation.Line == want &&
						pr.Source.File == translationName(ja, "ja", "en") && pr.Source.Line > 0 {
						return
					}
				}
			}
			t.Errorf("no %s finding %q at %s:%d; the check found:\n%s", c.rule, c.want, ja, want, strings.Join(found, "\n"))
		})
	}
}

// falseAlarms are good translations that the check once reported, each planted into a
// copy of the real content: the check must find nothing in the page.
var falseAlarms = []struct {
	name  string
	edits []edit
}{
	{"ten-year is 10年", []edit{
		{enCambodia, "the Cambodian conflict", "the ten-year Cambodian conflict"},
		{jaCambodia, "カンボジア紛争の政治的解決", "10年に及ぶカンボジア紛争の政治的解決"}}},
	{"kanji numerals for a count", []edit{{jaCambodia, "合計1,300人", "合計千三百人"}}},
	// Two months of one year, however the translation joins them (a translator's trial).
	{"April and May as 4～5月", []edit{
		{"content/en/countries/timor-leste.md", "Conditions deteriorated again in the spring of 2006", "Conditions deteriorated again in April and May 2006"},
		{"content/ja/countries/timor-leste.md", "2006年春に情勢が再び悪化し", "2006年4～5月にかけて情勢が再び悪化し"}}},
	{"April and May as 4月から5月", []edit{
		{"content/en/countries/timor-leste.md", "Conditions deteriorated again in the spring of 2006", "Conditions deteriorated again in April and May 2006"},
		{"content/ja/countries/timor-leste.md", "2006年春に情勢が再び悪化し", "2006年の4月から5月にかけて情勢が再び悪化し"}}},
	{"kanji numerals for a month", []edit{{"content/ja/themes/reconstruction.md", "2007年1月までに、主にサマーワ", "二〇〇七年一月までに、主にサマーワ"}}},
	{"kanji numerals with 万", []edit{{"content/ja/themes/small-arms.md", "6,000万ドル", "六千万ドル"}}},
	{"約2割 for about 20 percent", []edit{{"content/ja/themes/peacekeeping.md", "約20%", "約2割"}}},
	{"2割強 for more than 20 percent", []edit{
		{"content/en/themes/peacekeeping.md", "about 20 percent", "more than 20 percent"},
		{"content/ja/themes/peacekeeping.md", "約20%", "2割強"}}},
	{"程度 for about", []edit{{"content/ja/countries/colombia.md", "約2,000万ドル", "2,000万ドル程度"}}},
	{"前後 for about", []edit{{"content/ja/countries/colombia.md", "約2,000万ドル", "2,000万ドル前後"}}},
	{"ほど for about", []edit{{"content/ja/countries/colombia.md", "約2,000万ドル", "2,000万ドルほど"}}},
	{"規模 for about", []edit{{"content/ja/countries/colombia.md", "約2,000万ドル", "2,000万ドル規模"}}},
	{"を上回る for more than", []edit{{"content/ja/themes/ticad-and-africa.md", "7億5,000万ドルを超える", "7億5,000万ドルを上回る"}}},
	// An abbreviation stands for its term: words near it are no misspelling of the
	// official form (a review of the rule for 国連発展計画（UNDP）).
	{"words near an abbreviation", []edit{{jaCambodia, "1992年6月、日本は国連開発計画（UNDP）と共同で", "1992年6月、日本は国連の計画を担うUNDPと共同で"}}},
	{"another name before an abbreviation", []edit{{jaCambodia, "1992年6月、日本は国連開発計画（UNDP）と共同で", "1992年6月、日本は国連開発グループのUNDPと共同で"}}},
	{"an English title quoted in Japanese", []edit{{jaCambodia, "パリ和平協定に基づき、", "パリ和平協定（Agreements on a Comprehensive Political Settlement of the Cambodia Conflict）に基づき、"}}},
	{"a term inside a longer term is not used alone", []edit{
		{"content/en/countries/liberia.md", "part of Japan’s wider support", "part of Japan’s wider support, through the Tokyo International Conference on African Development (TICAD),"},
		{"content/ja/countries/liberia.md", "この取組は、", "この取組は、アフリカ開発会議（TICAD）を通じた"}}},
	{"国の再建 for the reconstruction of a country", []edit{
		{"content/en/countries/liberia.md", "part of Japan’s wider support", "part of Japan’s support for the reconstruction of the country and its wider support"},
		{"content/ja/countries/liberia.md", "この取組は、", "この取組は、国の再建と"}}},
	{"an acronym as the title", []edit{{jaCambodia, `title = "カンボジア"`, `title = "UNTAC"`}, {enCambodia, `title = "Cambodia"`, `title = "UNTAC"`}}},
	// Lines wrapped anywhere in a paragraph, as docs/content-model.md allows.
	{"a date and an amount wrapped in Japanese", []edit{{jaCambodia, "1991年10月のパリ", "1991年\n10月のパリ"}, {jaCambodia, "2万5,000丁を超え、", "2万\n5,000丁を超え、"}}},
	{"a year starts a wrapped English line", []edit{{enCambodia, "Agreements of October 1991.", "Agreements of October\n1991."}}},
	{"an era year glosses the western one", []edit{{"content/ja/countries/bosnia-and-herzegovina.md", "日本は2004年4月、", "日本は2004（平成16）年4月、"}}},
}

func TestFalseAlarmsAreNotReported(t *testing.T) {
	base := realProject(t)
	for _, c := range falseAlarms {
		t.Run(c.name, func(t *testing.T) {
			fsys := plant(t, base, c.edits)
			in, err := Load(fsys)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range Run(in).Pairs {
				for _, pr := range p.Problems {
					if pr.Accepted == "" {
						t.Errorf("%s: %s, %s: %s\n    %s\n    %s", pr.Check, p.Key, pr.Where, pr.Message, pr.Source, pr.Translation)
					}
				}
			}
		})
	}
}

// An untranslated copy of the English is one finding, "still English", not a finding per
// number and term that the copy does not write the Japanese way.
func TestUntranslatedCopyIsStillEnglish(t *testing.T) {
	fsys := realProject(t)
	en := string(fsys[enCambodia].Data)
	ja := string(fsys[jaCambodia].Data)
	hash := ja[strings.Index(ja, "source_hash"):]
	hash = hash[:strings.IndexByte(hash, '\n')+1]
	fsys[jaCambodia] = &fstest.MapFile{Data: []byte(strings.Replace(en, "+++\n", "+++\n"+hash, 1))}
	in, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	rep := Run(in)
	p := rep.Lookup("countries/cambodia", "ja")
	if len(p.Problems) != 1 || p.Problems[0].Check != "untranslated" || !strings.Contains(p.Problems[0].Message, "still English") {
		t.Fatalf("problems of an untranslated copy: %+v, want one, still English", p.Problems)
	}
	// No Japanese written yet: the table's count of its characters is 0, not the copy's
	// English letters.
	if p.Translation.Chars != 0 || p.Source.Words == 0 {
		t.Errorf("an untranslated copy counts %d characters (its source %d words), want 0", p.Translation.Chars, p.Source.Words)
	}
	// At the line of its quoted text, the first line of text after the front matter, not
	// the blank line before it.
	if got := p.Problems[0].Translation; got.File != jaCambodia || got.Line == 0 || got.Line != lineOf(fsys[jaCambodia].Data, strings.TrimSuffix(got.Text, "…")) {
		t.Errorf("still English reported at %s, want the line of its text in %s", got, jaCambodia)
	}
	// The English side shows the same first line of text, not a place with nothing there.
	if src, dst := p.Problems[0].Source, p.Problems[0].Translation; src.File != enCambodia || src.Text == "" || !strings.HasPrefix(src.Text, strings.TrimSuffix(dst.Text, "…")) {
		t.Errorf("still English: the English side is %s, want the first line of text of %s, as the Japanese side's %s", src, enCambodia, dst)
	}
	// Nor a style finding per English quotation mark: the house style waits for the
	// translation (the copy has “UNTAC” quotes and half-width punctuation to find).
	for _, f := range rep.Style {
		if f.Loc.File == jaCambodia {
			t.Errorf("a style finding in the untranslated copy: %s: %s", f.Loc, f.Message)
		}
	}
	if !strings.ContainsAny(en, "“”") {
		t.Fatal("the English Cambodia brief has no curly quotes: the style half of the test checks nothing")
	}
}

// English pasted into a translated part of a page is one finding, untranslated: its
// numbers and terms, written the English way, are not also mismatches (a translator's
// trial: "1992" was reported as not in the en text, which writes "June 1992").
func TestEnglishPastedIsOneFinding(t *testing.T) {
	fsys := plant(t, realProject(t), []edit{{"content/ja/countries/timor-leste.md", "- 国連難民高等弁務官事務所（UNHCR）の要請を受け、国際平和協力法に基づき自衛隊が東ティモール難民向けの救援物資を空輸", "- Self-Defense Forces airlifts of relief supplies for refugees from Timor-Leste in 2001, at the request of UNHCR."}})
	in, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	p := Run(in).Lookup("countries/timor-leste", "ja")
	line := lineOf(fsys["content/ja/countries/timor-leste.md"].Data, "Self-Defense Forces airlifts")
	var english int
	for _, pr := range p.Problems {
		switch {
		case pr.Check == "untranslated" && pr.Translation.Line == line:
			english++
		case pr.Translation.Line == line:
			t.Errorf("a finding of the English pasted in besides untranslated: %s: %s", pr.Check, pr.Message)
		}
	}
	if english != 1 {
		t.Errorf("%d untranslated findings at line %d, want 1; findings: %+v", english, line, p.Problems)
	}
}

// A page whose translation is under way, its last two sections still in English, is not
// "still English": its English parts are reported each at its line, and the parts already
// translated are checked. Half its letters are Latin, since English takes more letters than
// Japanese for the same words.
func TestPartlyTranslatedPageIsCheckedPartByPart(t *testing.T) {
	fsys := realProject(t)
	en := string(fsys[enCambodia].Data)
	ja := string(fsys[jaCambodia].Data)
	enRest := en[strings.Index(en, "## Elections and the rule of law {#elections}"):]
	jaAt := strings.Index(ja, "## 選挙支援と法の支配 {#elections}")
	fsys[jaCambodia] = &fstest.MapFile{Data: []byte(ja[:jaAt] + enRest)}
	if share := content.LatinShare(strings.SplitN(string(fsys[jaCambodia].Data), "+++", 3)[2]); share < 0.5 {
		t.Fatalf("the planted page is %.2f Latin letters: the test needs a page that is mostly Latin", share)
	}
	// A number changed in a translated part must still be found.
	fsys = plant(t, fsys, []edit{{jaCambodia, "日本はUNTACに合計1,300人の要員を派遣した。", "日本はUNTACに合計1,200人の要員を派遣した。"}})
	in, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	p := Run(in).Lookup("countries/cambodia", "ja")
	var english, number bool
	for _, pr := range p.Problems {
		switch {
		case strings.Contains(pr.Message, "still English"):
			t.Errorf("a page partly translated is reported as still English: %s", pr.Message)
		case pr.Check == "untranslated" && (strings.HasPrefix(pr.Message, "English in the ja text") || pr.Message == "the heading is the en heading, not translated") && pr.Translation.Line >= lineOf(fsys[jaCambodia].Data, "{#elections}"):
			english = true
		case pr.Check == "figure" && pr.Translation.Line == lineOf(fsys[jaCambodia].Data, "1,200人"):
			number = true
		case pr.Translation.Line >= lineOf(fsys[jaCambodia].Data, "{#elections}"):
			t.Errorf("a part left in English has a finding besides untranslated: %s: %s", pr.Check, pr.Message)
		}
	}
	if !english || !number {
		t.Errorf("English parts reported: %v, the changed number in a translated part: %v; want both; problems: %+v", english, number, p.Problems)
	}
}

// A counter finding quotes the number and its counter as the translation writes them,
// even where the number reads on past the counter (2万5,000人を超え: "more than").
func TestCounterFindingQuotesTheText(t *testing.T) {
	fsys := plant(t, realProject(t), []edit{{jaCambodia, "回収数は2万5,000丁を超え", "回収数は2万5,000人を超え"}})
	in, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, pr := range Run(in).Lookup("countries/cambodia", "ja").Problems {
		if strings.Contains(pr.Message, "the counter 人") {
			if pr.Translation.Text != "2万5,000人" {
				t.Errorf("the finding quotes %q, want %q", pr.Translation.Text, "2万5,000人")
			}
			return
		}
	}
	t.Fatal("the counter 人 for weapons was not reported")
}

// TestVariantPointsAtTheEnglishTerm: a non-official form in a translation is reported
// with the line where the English writes the term, quoted, for the translator to compare
// with, not the part's first line "(not found in this part)", which would be false.
func TestVariantPointsAtTheEnglishTerm(t *testing.T) {
	base := realProject(t)
	fsys := plant(t, base, []edit{{jaCambodia, "1992年6月に成立した国際平和協力法に基づく", "1992年6月に成立したPKO法に基づく"}})
	want := lineOf(fsys[enCambodia].Data, "This was Japan’s first full-scale deployment")
	pr := findProblem(t, fsys, "PKO法", func(pr Problem) bool {
		return pr.Check == "glossary" && strings.HasPrefix(pr.Message, "PKO法 is not the official form")
	})
	if pr.Source.File != enCambodia || pr.Source.Line != want || pr.Source.Text != "International Peace Cooperation Law" {
		t.Errorf("the source of the finding is %s, want %s:%d quoting the term", pr.Source, enCambodia, want)
	}
}

// findProblem checks fsys and returns the first problem that match accepts; the test
// fails, saying that what was not reported, if there is none.
func findProblem(t *testing.T, fsys fstest.MapFS, what string, match func(Problem) bool) Problem {
	t.Helper()
	in, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range Run(in).Pairs {
		for _, pr := range p.Problems {
			if match(pr) {
				return pr
			}
		}
	}
	t.Fatalf("%s was not reported", what)
	return Problem{}
}

// TestEnglishLeftInPointsAtTheSource: English left in a translation is usually the
// source's own words, and the finding's source line is where they are, quoted, rather than
// the start of the part with "(not found in this part)", which would be false.
func TestEnglishLeftInPointsAtTheSource(t *testing.T) {
	base := realProject(t)
	fsys := plant(t, base, []edit{{jaCambodia, "日本はUNTACに合計1,300人の要員を派遣した。", "日本はUNTACに合計1,300人の要員を派遣した。Japan sent it a total of 1,300 personnel."}})
	want := lineOf(fsys[enCambodia].Data, "Japan sent it a total of 1,300 personnel")
	pr := findProblem(t, fsys, "the English sentence left in the translation", func(pr Problem) bool {
		return pr.Check == "untranslated" && strings.Contains(pr.Message, "Japan sent it")
	})
	if pr.Source.File != enCambodia || pr.Source.Line != want || !strings.Contains(pr.Source.Text, "Japan sent it") {
		t.Errorf("the source of the finding is %s, want %s:%d quoting the English", pr.Source, enCambodia, want)
	}
}

// TestEnglishSentenceWithNumbersIsOneFinding: a sentence left in English is one
// finding even where numbers break its words into runs (a translator's trial was told of
// two scraps of one sentence, cut at 200,000 and US$5).
func TestEnglishSentenceWithNumbersIsOneFinding(t *testing.T) {
	const left = "Japan sent it a total of 1,300 personnel, in 1992 and 1993, for US$5 million in all."
	fsys := plant(t, realProject(t), []edit{{jaCambodia, "日本はUNTACに合計1,300人の要員を派遣した。", left}})
	in, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, pr := range Run(in).Lookup("countries/cambodia", "ja").Problems {
		if pr.Check == "untranslated" {
			got = append(got, pr.Message)
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], "Japan sent it a total of 1,300 personnel, in 1992") {
		t.Errorf("the English sentence gives %q, want one finding quoting it from its start", got)
	}
}

// TestDroppedEventIsOneFinding deletes an event of a translation: the count, which the
// build rejects, is reported, and no event is compared with the one after its
// counterpart (which made a false finding for every later event).
func TestDroppedEventIsOneFinding(t *testing.T) {
	base := realProject(t)
	const sudan = "content/ja/countries/sudan.md"
	fsys := plant(t, base, []edit{{sudan, "[[events]]\ntext = \"日本がスーダン暫定DDRプログラム（IDDRP）に対し、児童・女性兵士を対象とする714万ドルの無償資金協力を実施する。\"\n\n", ""}})
	in, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	rep := Run(in)
	p := rep.Lookup("countries/sudan", "ja")
	for _, pr := range p.Problems {
		if strings.HasPrefix(pr.Where, "event ") {
			t.Errorf("a finding compares events of lists of different lengths: %s: %s", pr.Where, pr.Message)
		}
	}
	if errs := SiteErrors(in); !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, "3 [[events]] here but 4") }) {
		t.Errorf("the count of events is not reported; build errors: %q", errs)
	}
}

// TestBrokenLinkIsReportedOnce plants a link to no page in either language: the build's
// error names it at its line, and the structure check does not also report the other
// language's link, which is right, as leading elsewhere.
func TestBrokenLinkIsReportedOnce(t *testing.T) {
	base := realProject(t)
	for _, file := range []string{enCambodia, jaCambodia} {
		t.Run(file, func(t *testing.T) {
			fsys := plant(t, base, []edit{{file, "(../themes/rule-of-law.md)", "(../themes/rule-of-lw.md)"}})
			in, err := Load(fsys)
			if err != nil {
				t.Fatal(err)
			}
			for _, pr := range Run(in).Lookup("countries/cambodia", "ja").Problems {
				if pr.Accepted == "" {
					t.Errorf("a finding besides the build's error: %s: %s: %s", pr.Check, pr.Where, pr.Message)
				}
			}
			at := fmt.Sprintf("%s:%d: link \"../themes/rule-of-lw.md\": there is no page", file, lineOf(fsys[file].Data, "rule-of-lw.md"))
			if errs := SiteErrors(in); len(errs) != 1 || !strings.HasPrefix(errs[0], at) {
				t.Errorf("the build's errors are %q, want one starting %q", errs, at)
			}
		})
	}
}

// TestFullWidthLinkIsOneFinding: a link written with full-width brackets is one mistake,
// reported as such; its path is not English left untranslated, its link not also missing,
// and the full stop of its path not a style finding. Full-width brackets around what is
// not a link's destination (a note) are no link: the link it replaced is missing.
func TestFullWidthLinkIsOneFinding(t *testing.T) {
	for _, tc := range []struct{ name, with, want string }{
		{"parentheses", "[法の支配]（../themes/rule-of-law.md）", "is not read as a link"},
		{"brackets", "［法の支配](../themes/rule-of-law.md)", "is not read as a link"},
		{"closing bracket", "[法の支配］(../themes/rule-of-law.md)", "is not read as a link"},
		{"a note, not a link", "法の支配［注］（外務省）", "the link to ../themes/rule-of-law.md is missing in ja"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := plant(t, realProject(t), []edit{{jaCambodia, "[法の支配](../themes/rule-of-law.md)", tc.with}})
			in, err := Load(fsys)
			if err != nil {
				t.Fatal(err)
			}
			p := Run(in).Lookup("countries/cambodia", "ja")
			var found []string
			for _, pr := range p.Problems {
				if pr.Accepted == "" {
					found = append(found, pr.Check+": "+pr.Message)
				}
			}
			for _, f := range p.Style {
				found = append(found, "style "+f.Rule+": "+f.Form)
			}
			if len(found) != 1 || !strings.Contains(found[0], tc.want) {
				t.Errorf("findings: %q, want the one %q", found, tc.want)
			}
			// The misspelt link is pointed at in the English too: the line of its link.
			for _, pr := range p.Problems {
				if pr.Check == "structure" && pr.Accepted == "" && !strings.Contains(pr.Source.Text, "](../themes/rule-of-law.md)") {
					t.Errorf("the finding points at %s in the English, not at the line of its link", pr.Source)
				}
			}
		})
	}
}

// A heading id in full-width braces is pointed at in the English at the heading of that
// id, not at the body's first line.
func TestLiteralHeadingIDPointsAtItsHeading(t *testing.T) {
	fsys := plant(t, realProject(t), []edit{{jaCambodia, "{#elections}", "｛#elections｝"}})
	pr := findProblem(t, fsys, "the heading id in full-width braces", func(pr Problem) bool {
		return pr.Check == "structure" && strings.Contains(pr.Message, "｛#elections｝ is not read as a heading id")
	})
	if want := lineOf(fsys[enCambodia].Data, "{#elections}"); pr.Source.Line != want || !strings.Contains(pr.Source.Text, "{#elections}") {
		t.Errorf("the source is %s, want line %d, the English heading of #elections", pr.Source, want)
	}
}

// TestDroppedListItemIsPointedAt drops one item of a list of three: the finding names the
// item of the source that has no counterpart, and the place in the translation where it
// is missing, found by the numbers, acronyms and glossary terms the other items share,
// not the lists' last items, which both languages have.
func TestDroppedListItemIsPointedAt(t *testing.T) {
	items := []string{"- 自衛隊員（国道の補修などに従事）\n", "- 文民警察要員\n", "- 選挙監視要員\n"}
	sources := []string{"Self-Defense Forces personnel", "civilian police officers", "election monitors"}
	for i := range items {
		t.Run(sources[i], func(t *testing.T) {
			fsys := plant(t, realProject(t), []edit{{jaCambodia, items[i], ""}})
			pr := findProblem(t, fsys, "the dropped list item", func(pr Problem) bool {
				return pr.Check == "structure" && strings.Contains(pr.Message, "3 list items in en, 2 in ja")
			})
			if want := lineOf(fsys[enCambodia].Data, "- "+sources[i]); pr.Source.Line != want {
				t.Errorf("the source line is %s, want %d, the dropped item's", pr.Source, want)
			}
			// Where it is missing: the item after it, or the one before for the last.
			at := items[len(items)-2]
			if i < len(items)-1 {
				at = items[i+1]
			}
			if want := lineOf(fsys[jaCambodia].Data, at); pr.Translation.Line != want {
				t.Errorf("the translation line is %s, want %d", pr.Translation, want)
			}
		})
	}
}

// TestEnglishNotInTheSourcePointsAtItsPart: English left in a translation that the source
// does not have (a draft's own words) is pointed at in the source by its part's first
// line, quoted, not as "not found".
func TestEnglishNotInTheSourcePointsAtItsPart(t *testing.T) {
	fsys := plant(t, realProject(t), []edit{{jaCambodia, "日本はUNTACに合計1,300人の要員を派遣した。", "日本はUNTACに合計1,300人の要員を派遣した。The draft says this in its own words here."}})
	pr := findProblem(t, fsys, "the English sentence that the source does not have", func(pr Problem) bool {
		return pr.Check == "untranslated" && strings.Contains(pr.Message, "The draft says")
	})
	heading := "## UNTAC: Japan’s first full-scale PKO {#un-peacekeeping}"
	if want := lineOf(fsys[enCambodia].Data, heading); pr.Source.Line != want || pr.Source.Text != heading {
		t.Errorf("the source of the finding is %s, want %s:%d: %s", pr.Source, enCambodia, want, heading)
	}
}

// missingItem names the item the shorter list lacks: by how the others pair, and, between
// choices that pair as well, by a feature the shorter list has nowhere.
func TestMissingItem(t *testing.T) {
	f := func(features ...string) map[string]bool {
		m := map[string]bool{}
		for _, x := range features {
			m[x] = true
		}
		return m
	}
	for _, tc := range []struct {
		name        string
		long, short []map[string]bool
		want        int
	}{
		{"the first, by pairing", []map[string]bool{f("a"), f("b"), f("c")}, []map[string]bool{f("b"), f("c")}, 0},
		{"the middle, by pairing", []map[string]bool{f("a"), f("b"), f("c")}, []map[string]bool{f("a"), f("c")}, 1},
		{"the first, by what the other list lacks", []map[string]bool{f("sdf"), f(), f("unv")}, []map[string]bool{f(), f("unv")}, 0},
		{"nothing to tell them apart: the last", []map[string]bool{f(), f(), f()}, []map[string]bool{f(), f()}, 2},
	} {
		if got := missingItem(tc.long, tc.short); got != tc.want {
			t.Errorf("%s: missingItem = %d, want %d", tc.name, got, tc.want)
		}
	}
}

// A link leads somewhere when the build would publish it: a scheme the build allows, a
// #heading of the page, or a content file of the site; not another scheme, a query or a
// page that is not there.
func TestLeadsToPage(t *testing.T) {
	pages := map[string]bool{"themes/ddr": true, "countries/cambodia": true}
	for dest, want := range map[string]bool{
		"https://www.mofa.go.jp/": true,
		"mailto:a@example.org":    true,
		"ftp://example.org/":      false,
		"javascript:alert(1)":     false,
		"#elections":              true,
		"../themes/ddr.md":        true,
		"../themes/ddr.md#intro":  true,
		"../themes/ddr.md?x=1":    false,
		"../themes/dd.md":         false,
		"../themes/ddr/":          false,
	} {
		if got := leadsToPage(dest, "countries/cambodia", pages); got != want {
			t.Errorf("leadsToPage(%q) = %v, want %v", dest, got, want)
		}
	}
}

// A mistake in the English file (a heading id in full-width braces) is placed there for
// the preview's one-line views, not at the Japanese line that stands for it; a mistake in
// the Japanese file is placed in it.
func TestProblemPlaceIsWhereTheMistakeIs(t *testing.T) {
	for _, tc := range []struct{ file, want string }{{enCambodia, enCambodia}, {jaCambodia, jaCambodia}} {
		fsys := plant(t, realProject(t), []edit{{tc.file, "{#elections}", "｛#elections｝"}})
		pr := findProblem(t, fsys, "the heading id in full-width braces in "+tc.file, func(pr Problem) bool {
			return pr.Check == "structure" && strings.Contains(pr.Message, "｛#elections｝")
		})
		if got := pr.Place(); got.File != tc.want || !strings.Contains(got.Text, "｛#elections｝") {
			t.Errorf("planted in %s: placed at %s, want the line of %s that writes it", tc.file, got, tc.want)
		}
	}
}

// Two events swapped are one finding: their terms and numbers, each in the other's place,
// are not also listed as missing (a translator's trial got two glossary findings more).
func TestSwappedEventsAreOneFinding(t *testing.T) {
	base := realProject(t)
	for _, c := range []struct {
		file, a, b string
	}{
		{"content/ja/countries/timor-leste.md", "日本が第1回東ティモール支援国会合を主催する。", "東ティモールが独立する。"},
		{"content/ja/countries/timor-leste.md", "国連が新たなPKOとして国連東ティモール統合ミッション（UNMIT）を設置する。", "国際平和協力法に基づき、日本の文民警察要員が東ティモールに派遣される。"},
	} {
		in, err := Load(plant(t, base, swap(c.file, c.a, c.b)))
		if err != nil {
			t.Fatal(err)
		}
		p := Run(in).Lookup("countries/timor-leste", "ja")
		var got []string
		for _, pr := range p.Problems {
			if pr.Accepted == "" {
				got = append(got, pr.Check+": "+pr.Where+": "+pr.Message)
			}
		}
		if len(got) != 1 || !strings.Contains(got[0], "seem to be swapped") {
			t.Errorf("swapping %q and %q: findings %q, want the swap alone", c.a, c.b, got)
		}
	}
	// A finding of a swapped item's own text, a glossary variant, stays.
	const tl = "content/ja/countries/timor-leste.md"
	edits := append(swap(tl, "国連が新たなPKOとして国連東ティモール統合ミッション（UNMIT）を設置する。", "国際平和協力法に基づき、日本の文民警察要員が東ティモールに派遣される。"),
		edit{tl, "国際平和協力法に基づき、日本の文民警察要員", "PKO協力法に基づき、日本の文民警察要員"})
	in, err := Load(plant(t, base, edits))
	if err != nil {
		t.Fatal(err)
	}
	var variant, swapped bool
	for _, pr := range Run(in).Lookup("countries/timor-leste", "ja").Problems {
		variant = variant || strings.Contains(pr.Message, "PKO協力法 is not the official form")
		swapped = swapped || strings.Contains(pr.Message, "seem to be swapped")
	}
	if !variant || !swapped {
		t.Errorf("a swap and a variant in a swapped event: the swap found %v, the variant %v; want both", swapped, variant)
	}
}

// TestNeutralValuesAgreeWithTheBuild: every language-neutral value of the front matter
// (a pointer field of content.FrontMatter, Facts, Event and Figure, and iso and themes),
// written in a translation equal to its source's, is a finding of the check, and written
// different, an error of the build and no finding. The build (site's conflicts) and the
// check (neutralValues) list the values each on its own: a value added to one and not the
// other fails here.
func TestNeutralValuesAgreeWithTheBuild(t *testing.T) {
	// Where each key goes in the Japanese Cambodia brief: a top-level key before its
	// source_hash line, a table's after its header.
	const top = `source_hash = "`
	planted := map[string]struct{ at, same, other string }{ // by TOML key
		"weight":              {top, "weight = 10\n", "weight = 11\n"},
		"region":              {top, "region = \"asia\"\n", "region = \"africa\"\n"},
		"iso":                 {top, "iso = \"KHM\"\n", "iso = \"THA\"\n"},
		"themes":              {top, "themes = [\"consolidation-of-peace\", \"peacekeeping\", \"reconstruction\", \"oda\", \"elections-and-police\", \"rule-of-law\", \"small-arms\"]\n", "themes = [\"oda\"]\n"},
		"area_km2":            {"[facts]\n", "area_km2 = 181000\n", "area_km2 = 181001\n"},
		"population_millions": {"[facts]\n", "population_millions = 13.8\n", "population_millions = 13.9\n"},
		"gdp_per_capita_usd":  {"[facts]\n", "gdp_per_capita_usd = 354\n", "gdp_per_capita_usd = 355\n"},
		"year":                {"[facts]\n", "year = 2006\n", "year = 2005\n"},
		"date":                {"[[events]]\n", "date = \"1990-06\"\n", "date = \"1990-07\"\n"},
		"value":               {"[[figures]]\n", "value = 1300\n", "value = 1301\n"},
		"unit":                {"[[figures]]\n", "unit = \"people\"\n", "unit = \"troops\"\n"},
		"approx":              {"[[figures]]\n", "approx = \"\"\n", "approx = \"over\"\n"},
	}
	// Every neutral field has a plant: a new one must be added here, and to both lists.
	for _, typ := range []reflect.Type{reflect.TypeFor[content.FrontMatter](), reflect.TypeFor[content.Facts](), reflect.TypeFor[content.Event](), reflect.TypeFor[content.Figure]()} {
		for f := range typ.Fields() {
			key := strings.Split(f.Tag.Get("toml"), ",")[0]
			neutral := f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() != reflect.Struct || key == "iso" || key == "themes"
			if _, ok := planted[key]; neutral && !ok {
				t.Errorf("%s.%s (%s) is language-neutral and has no plant in this test", typ.Name(), f.Name, key)
			}
		}
	}
	insert := func(at, line string) []edit {
		if at == top {
			return []edit{{jaCambodia, at, line + at}}
		}
		return []edit{{jaCambodia, at, at + line}}
	}
	for key, p := range planted {
		t.Run(key, func(t *testing.T) {
			in, err := Load(plant(t, realProject(t), insert(p.at, p.same)))
			if err != nil {
				t.Fatal(err)
			}
			found := func() bool {
				return slices.ContainsFunc(Run(in).Lookup("countries/cambodia", "ja").Problems, func(q Problem) bool { return strings.Contains(q.Message, "is written here too") })
			}
			if !found() {
				t.Errorf("%s, as in the English: no finding of the check", strings.TrimSpace(p.same))
			}
			if errs := SiteErrors(in); len(errs) > 0 {
				t.Errorf("%s, as in the English: the build fails: %v", strings.TrimSpace(p.same), errs)
			}
			if in, err = Load(plant(t, realProject(t), insert(p.at, p.other))); err != nil {
				t.Fatal(err)
			}
			if errs := strings.Join(SiteErrors(in), "\n"); !strings.Contains(errs, "here but") {
				t.Errorf("%s, unlike the English: the build does not reject it: %q", strings.TrimSpace(p.other), errs)
			}
			if found() {
				t.Errorf("%s, unlike the English: a finding of the check too, besides the build's error", strings.TrimSpace(p.other))
			}
		})
	}
}

// A line with no letter but Latin ones is English left in when it has words in lower case
// that titles do not write so; a title kept in English in a list of sources, its words in
// lower case all of a title's (of, the, on), is not (a review found the first version
// reporting it).
func TestEnglishLineOrTitle(t *testing.T) {
	for _, c := range []struct {
		line string
		runs int
	}{
		{"See also the other African briefs: Sudan, Democratic Republic of the Congo, Sierra Leone and Burundi.", 1},
		{"- Report of the Panel on United Nations Peace Operations", 0},
		{"Japan’s Efforts on Peacebuilding: Towards Consolidation of Peace and Nation-Building", 0},
		{"平和構築については Report of the Panel on United Nations Peace Operations を参照。", 0},
	} {
		if got := englishRuns(c.line+"\n", nil); len(got) != c.runs {
			t.Errorf("englishRuns(%q) = %v, want %d runs", c.line, got, c.runs)
		}
	}
}
