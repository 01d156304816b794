package synth

// pair is one piece of text in English and in Japanese, its translation. Placeholders in
// braces ({C}, {K}, {Y1}...) are replaced per page, the same in both languages.
type pair struct{ en, ja string }

// sentences are the building blocks of body paragraphs.
var sentences = []pair{
	{"Japan has supported the peace process in {C} since {Y1}, combining diplomacy with economic cooperation.",
		"日本は{Y1}年以来、外交と経済協力を組み合わせて{C}の和平プロセスを支援してきた。"},
	{"In {Y2} the government and the main armed groups signed a ceasefire in {K}, which the international community welcomed.",
		"{Y2}年、政府と主要な武装勢力は{K}で停戦に署名し、国際社会はこれを歓迎した。"},
	{"About {N1} former combatants have since returned to civilian life through disarmament, demobilization and reintegration programmes.",
		"その後、約{N1}人の元戦闘員が武装解除・動員解除・社会復帰の事業を通じて市民生活に戻った。"},
	{"Japanese experts trained {N2} police officers and judges in cooperation with {O}.",
		"日本の専門家は{O}と協力して{N2}人の警察官と裁判官を研修した。"},
	{"Elections held in {Y3} were observed by a Japanese monitoring team and judged broadly free and fair.",
		"{Y3}年に実施された選挙には日本の選挙監視団が参加し、おおむね自由かつ公正であったと評価された。"},
	{"Reconstruction of roads, schools and clinics remains the largest part of Japan’s grant aid to {C}.",
		"道路、学校、診療所の再建は、日本の{C}に対する無償資金協力の最大の部分を占めている。"},
	{"Landmines and unexploded ordnance still keep refugees from returning to farmland near the border.",
		"地雷や不発弾が、国境付近の農地への難民の帰還を今も妨げている。"},
	{"Through grassroots grant aid, Japan funded {N3} small projects proposed by local communities.",
		"日本は草の根無償資金協力を通じて、地域社会が提案した{N3}件の小規模事業に資金を供与した。"},
	{"The peace remains fragile: the economy depends on aid, and many young people have no regular work.",
		"平和はなお脆弱であり、経済は援助に依存し、多くの若者が定職に就いていない。"},
	{"Japan co-chaired a donor conference in Tokyo in {Y2}, where pledges reached US${N4} million.",
		"日本は{Y2}年に東京で支援国会合の共同議長を務め、拠出表明額は{N4}百万米ドルに達した。"},
	{"Officials from {C} took part in training courses in Japan on public finance and local administration.",
		"{C}の政府職員は、日本で財政や地方行政に関する研修に参加した。"},
	{"The United Nations mission in {C} was reduced in {Y3} as security improved.",
		"治安の改善に伴い、{Y3}年に国連{C}ミッションは縮小された。"},
	{"Women’s groups in {K} run literacy classes and small loans with support from {O}.",
		"{K}の女性団体は、{O}の支援を受けて識字教室と小口融資を運営している。"},
	{"Radio programmes explain the peace agreement to villages that newspapers do not reach.",
		"新聞が届かない村々には、ラジオ番組が和平合意の内容を伝えている。"},
	{"A truth and reconciliation commission heard {N2} testimonies before publishing its report in {Y3}.",
		"真実和解委員会は{N2}件の証言を聴取し、{Y3}年に報告書を公表した。"},
	{"Japan’s assistance is given in close consultation with the government, respecting *local ownership*.",
		"日本の支援は、*オーナーシップ*を尊重し、政府と緊密に協議しながら実施されている。"},
}

// organisations fill {O}.
var organisations = []pair{
	{"the United Nations Development Programme (UNDP)", "国連開発計画（UNDP）"},
	{"the Japan International Cooperation Agency (JICA)", "国際協力機構（JICA）"},
	{"UNICEF", "国連児童基金（UNICEF）"},
	{"the World Bank", "世界銀行"},
	{"local non-governmental organisations", "現地の非政府組織（NGO）"},
}

// items are short list entries.
var items = []pair{
	{"ceasefire monitoring in {K}", "{K}における停戦監視"},
	{"voter registration for {Y3}", "{Y3}年の選挙に向けた有権者登録"},
	{"training of {N2} police officers", "警察官{N2}人の研修"},
	{"rebuilding {N3} schools", "学校{N3}校の再建"},
	{"clearing mines from farmland", "農地の地雷除去"},
	{"vocational training for former combatants", "元戦闘員の職業訓練"},
	{"water supply in {K}", "{K}の給水"},
	{"radio broadcasts on the peace agreement", "和平合意に関するラジオ放送"},
}

// headings of a country brief, with the explicit ids that cross-links use.
var (
	hPeace    = pair{"Peace process {#peace-process}", "和平プロセス {#peace-process}"}
	hAssist   = pair{"Japan’s assistance {#assistance}", "日本の支援 {#assistance}"}
	hProg     = pair{"Main programmes", "主な事業"}
	hSteps    = pair{"How the programmes work", "事業の進め方"}
	hOutlook  = pair{"Outlook {#outlook}", "今後の課題 {#outlook}"}
	hOverview = pair{"Overview {#overview}", "概要 {#overview}"}
	hApproach = pair{"Japan’s approach {#approach}", "日本の取組 {#approach}"}
	tableHead = pair{"| Year | Programme | Amount |\n| --- | --- | ---: |\n", "| 年 | 事業 | 金額 |\n| --- | --- | ---: |\n"}
	seeAlso   = pair{"See also", "関連分野："}
	compare   = pair{"Compare the peace processes of", "和平プロセスの比較："}
	andWord   = pair{" and ", "、"}
	external  = pair{"Data on development come from [UNDP](https://www.undp.org/).", "開発に関するデータは[国連開発計画](https://www.undp.org/)による。"}
	steps     = []pair{
		{"The government of {C} requests assistance.", "{C}政府が支援を要請する。"},
		{"Japan and {O} design the project together.", "日本と{O}が共同で事業を設計する。"},
		{"Local staff carry it out, and results are reviewed every year.", "現地の職員が実施し、毎年成果を確認する。"},
	}
)

// events are dated events of countries and themes.
var events = []pair{
	{"Ceasefire signed between the government and armed groups.", "政府と武装勢力の間で停戦合意が署名される。"},
	{"Japan dispatches an election monitoring team.", "日本が選挙監視団を派遣する。"},
	{"Donor conference held in Tokyo.", "東京で支援国会合が開催される。"},
	{"United Nations peacekeeping mission established.", "国連平和維持活動ミッションが設立される。"},
	{"Japan extends emergency grant aid for returning refugees.", "日本が帰還難民のために緊急無償資金協力を実施する。"},
	{"Disarmament programme for former combatants begins.", "元戦闘員の武装解除事業が始まる。"},
	{"New constitution adopted by referendum.", "国民投票で新憲法が採択される。"},
	{"Japanese experts begin training the national police.", "日本の専門家が国家警察の研修を開始する。"},
}

// figureKinds are key numbers: a label and the unit of its value.
var figureKinds = []struct {
	label pair
	unit  string
	scale float64
}{
	{pair{"Japanese assistance since 1992", "1992年以降の日本の支援額"}, "usd", 1e6},
	{pair{"Former combatants reintegrated", "社会復帰した元戦闘員"}, "people", 100},
	{pair{"Small arms collected", "回収された小型武器"}, "items", 100},
	{pair{"Grant aid for reconstruction", "復興のための無償資金協力"}, "jpy", 1e8},
	{pair{"Share of the budget financed by aid", "援助で賄われる予算の割合"}, "percent", 1},
}

// correction is the editor's note some pages carry.
var correction = struct{ source, correction, note pair }{
	pair{"the 1999 cease-fire", "1999年の停戦"},
	pair{"the 1998 ceasefire", "1998年の停戦"},
	pair{"The source dates the ceasefire a year late.", "資料は停戦の年を1年遅く記している。"},
}

// facts text of a country.
var (
	factsSource = pair{"UNDP, Human Development Report 2006", "国連開発計画（UNDP）「人間開発報告書2006」"}
	officialFmt = pair{"Republic of %s", "%s共和国"}
	languageFmt = pair{"%sn", "%s語"}
)
