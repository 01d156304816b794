package markdown

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestSlugify(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"ascii", "Elections and the Rule of Law", "elections-and-the-rule-of-law"},
		{"punctuation dropped", "UNTAC: Japan's first PKO", "untac-japans-first-pko"},
		{"japanese kept", "選挙支援と法の支配", "選挙支援と法の支配"},
		{"mixed", "UNTACへの参加 (1992年)", "untacへの参加-1992年"},
		{"ideographic space", "日本の　支援", "日本の-支援"},
		{"nothing left", "!!!", "section"},
		{"long vowel mark kept", "データ", "データ"},
	} {
		if got := Slugify(c.in); got != c.want {
			t.Errorf("%s: Slugify(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

// fakeResolver resolves "x.md" to "x/" and fails on anything containing "missing".
type fakeResolver struct{}

func (fakeResolver) Resolve(dest string) (Target, error) {
	switch {
	case strings.Contains(dest, "missing"):
		return Target{}, errors.New("no such page")
	case strings.HasPrefix(dest, "https://"):
		return Target{URL: dest, External: true}, nil
	case dest == "fallback.md":
		return Target{URL: "fallback/", Mark: " (EN)", Page: "fallback"}, nil
	}
	return Target{URL: strings.TrimSuffix(dest, ".md") + "/", Page: strings.TrimSuffix(dest, ".md")}, nil
}

func TestConvert(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []string // substrings of the HTML
		problems []string // "line: msg"
		lang     string   // of the text; "" for "en"
	}{
		{"japanese line break has no space", "日本は\nカンボジアを支援した。", []string{"<p>日本はカンボジアを支援した。</p>"}, nil, "ja"},
		{"latin line break keeps a space", "Japan supported\nCambodia.", []string{"<p>Japan supported\nCambodia.</p>"}, nil, ""},
		// A line break is a space in English whatever follows or ends the line: goldmark's
		// East Asian option had glued words before an element or next to a mark.
		{"latin line break before elements", "Alpha one\n*beta* two\n**gamma** three\n`delta` four\n[epsilon](x.md) five",
			[]string{"<p>Alpha one\n<em>beta</em> two\n<strong>gamma</strong> three\n<code>delta</code> four\n<a href=\"x/\">epsilon</a> five</p>"}, nil, ""},
		{"latin line break after a link", "See [DDR](ddr.md)\nand more.", []string{"<p>See <a href=\"ddr/\">DDR</a>\nand more.</p>"}, nil, ""},
		{"latin line break next to marks", "one,\ntwo. Three\n(four) five\n“six”", []string{"<p>one,\ntwo. Three\n(four) five\n“six”</p>"}, nil, ""},
		{"latin line break in japanese text", "Japan and\nCambodia", []string{">Japan and\nCambodia</p>"}, nil, "ja"},
		// Between Japanese letters a break is nothing, whatever element holds them.
		{"japanese line break around elements", "日本は\n[カンボジア](x.md)\nを**強く**\n支援\n`した`\n。", []string{"<p>日本は<a href=\"x/\">カンボジア</a>を<strong>強く</strong>支援<code>した</code>。</p>"}, nil, "ja"},
		{"japanese line break in emphasis", "**日本\nの支援**", []string{"<p><strong>日本の支援</strong></p>"}, nil, "ja"},
		{"japanese line break next to latin", "国連開発計画\nUNDP\nの支援", []string{"<p>国連開発計画UNDPの支援</p>"}, nil, "ja"},
		{"japanese word in english text", "the\n寺子屋\nschools", []string{"<p>the\n寺子屋\nschools</p>"}, nil, ""},
		{"japanese line break next to an ambiguous mark", "次の通り\n…\n以上", []string{"<p>次の通り…以上</p>"}, nil, "ja"},
		{"hangul line break keeps a space", "평화\n구축", []string{"<p>평화\n구축</p>"}, nil, "ja"},
		// English words in a Japanese block are marked, for screen readers; capitals,
		// addresses, code and blocks without Japanese are not.
		{"english words in japanese", "外務省『Japan’s Efforts on Peacebuilding: Towards Consolidation』に基づく。", []string{`<p>外務省『<span lang="en" class="inline-lang">Japan’s Efforts on Peacebuilding: Towards Consolidation</span>』に基づく。</p>`}, nil, "ja"},
		{"accents and digits in english words", "（Côte d’Ivoire）とWeb3、NGOsとUNDP’s", []string{`<p>（<span lang="en" class="inline-lang">Côte d’Ivoire</span>）と<span lang="en" class="inline-lang">Web3</span>、NGOsとUNDP’s</p>`}, nil, "ja"},
		{"english words across a line break", "出典の「armed\ncrush」は誤植", []string{"<p>出典の「<span lang=\"en\" class=\"inline-lang\">armed</span>\n<span lang=\"en\" class=\"inline-lang\">crush</span>」は誤植</p>"}, nil, "ja"},
		{"capitals, a path and code stay", "国連開発計画（UNDP）とTICAD IV、`make serve`、../themes/rule-of-law.md", []string{"<p>国連開発計画（UNDP）とTICAD IV、<code>make serve</code>、../themes/rule-of-law.md</p>"}, nil, "ja"},
		{"english in a link and emphasis", "[Natural Earth](x.md)の*world atlas*", []string{`<a href="x/"><span lang="en" class="inline-lang">Natural Earth</span></a>の<em><span lang="en" class="inline-lang">world atlas</span></em>`}, nil, "ja"},
		{"a heading without japanese", "## Elections", []string{"<h2 id=\"elections\">Elections</h2>"}, nil, "ja"},
		{"english page", "See the report “Human Security Now”.", []string{"<p>See the report “Human Security Now”.</p>"}, nil, ""},
		// A Japanese paragraph of an English page has its English words marked as a
		// Japanese page has (WCAG 3.1.2).
		{"japanese quote on an english page", "Cite it so:\n\n> 「ページ名」『日本の平和構築への取組――国別編・分野別編』（2007年初め現在の情報。外務省『Japan’s Efforts on Peacebuilding』（2007年）に基づく）。", []string{`外務省『<span lang="en" class="inline-lang">Japan’s Efforts on Peacebuilding</span>』`}, nil, ""},
		{"cross-link rewritten", "See [DDR](ddr.md).", []string{`<a href="ddr/">DDR</a>`}, nil, ""},
		{"fallback marked", "[Sudan](fallback.md)", []string{`<a href="fallback/">Sudan (EN)</a>`}, nil, ""},
		{"external link classed", "[MOFA](https://www.mofa.go.jp/)", []string{`<a href="https://www.mofa.go.jp/" class="ext">MOFA</a>`}, nil, ""},
		{"broken link reported", "line one\n\n[x](missing.md)", nil, []string{"3: no such page"}, ""},
		{"raw html dropped", "<script>alert(1)</script>\n\nText <b>bold</b>.", []string{"<!-- raw HTML omitted -->"}, []string{"1: raw HTML is not allowed and was left out; write Markdown instead", "3: raw HTML is not allowed and was left out; write Markdown instead"}, ""},
		{"explicit and generated ids", "## Elections {#elections}\n\n## 選挙\n\n## 選挙", []string{`<h2 id="elections">Elections</h2>`, `<h2 id="選挙">選挙</h2>`, `<h2 id="選挙-1">選挙</h2>`}, []string{`5: heading "選挙" is also the heading on line 3: "On this page" lists both alike; word them apart`}, "ja"},
		{"headings alike with ids of their own", "## Aid {#aid-2003}\n\n## Aid {#aid-2004}", nil, []string{`3: heading "Aid" is also the heading on line 1: "On this page" lists both alike; word them apart`}, ""},
		{"lower headings alike", "## 2003 {#a}\n\n### Results\n\n## 2007 {#b}\n\n### Results {#r2}\n\n## Aid {#c}\n\n### Aid {#d}", nil, nil, ""},
		{"duplicate explicit id", "## A {#x}\n\n## B {#x}", nil, []string{`3: heading id "x" is used twice (also 1)`}, ""},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |", []string{"<table>", "<td>1</td>"}, nil, ""},
		{"a straight quote escaped on purpose", `An escaped \" quote`, nil, nil, ""},
		{"straight quotes", "Japan's \"Ogata Initiative\" and it's\n\n`a 'code' span`\n\nJapan’s “Initiative”", nil, []string{"1: a straight quotation mark: write ’ for an apostrophe (Japan’s) and “…” for a quotation, or 「…」 in Japanese, as the pages do"}, ""},
		{"image refused", "![map](map.png)", nil, []string{"1: images are not supported in content files; describe the picture in text"}, ""},
		// CommonMark ends bold after ） only before a space or a mark: in Japanese the **
		// would be printed, so it is an error at its line, once per line.
		{"bold left open after a full-width mark", "前文\n\n- **第4回会議（TICAD IV）**は2008年に開催される。", nil, []string{"3: ** would be printed as it is: bold does not end at a ** between a mark such as ） or 」 and a letter; end it before the mark (**会議**（TICAD IV）は, not **会議（TICAD IV）**は) or put a mark after it (**会議（TICAD IV）**：)"}, "ja"},
		{"bold closed before the mark", "**第4回会議**（TICAD IV）は開催される。", []string{"<strong>第4回会議</strong>（TICAD IV）"}, nil, "ja"},
		{"bold closed before a colon", "**第4回会議（TICAD IV）**：2008年。", []string{"<strong>第4回会議（TICAD IV）</strong>："}, nil, "ja"},
		// A Japanese input method's brackets make a link text: a warning at its line.
		{"link in full-width parentheses", "前文\n\n詳しくは[法の支配]（../themes/rule-of-law.md）を参照されたい。", []string{"[法の支配]（../themes/rule-of-law.md）"}, []string{"3: [法の支配]（../themes/rule-of-law.md） is shown as text, not as a link: write the brackets and parentheses half-width, [法の支配](../themes/rule-of-law.md)"}, "ja"},
		{"brackets around a note", "［注］（外務省）による。", nil, nil, "ja"},
		// So do its braces around a heading id: a warning at the heading's line.
		{"an id in code in a heading", "## Write `{#id}` after a heading {#ids}", []string{`<h2 id="ids">`}, nil, ""},
		{"heading id in full-width braces", "前文\n\n## 小型武器の回収 ｛#small-arms｝", []string{`<h2 id="小型武器の回収-small-arms">小型武器の回収 ｛#`}, []string{"3: ｛#small-arms｝ is not read as the heading's id and is shown as text: write {#small-arms} at the end of the heading, in half-width braces"}, "ja"},
		{"a link closed full-width", "[法の支配](../themes/rule-of-law.md）を参照。", nil, []string{"1: [法の支配](../themes/rule-of-law.md） is shown as text, not as a link: write the brackets and parentheses half-width, [法の支配](../themes/rule-of-law.md)"}, "ja"},
		{"full-width brackets in code", "Write `[法の支配]（../themes/rule-of-law.md）` as\n\n```\n[法の支配]（../themes/rule-of-law.md）\n```\n\n    [法の支配]（../themes/rule-of-law.md）", nil, nil, ""},
		{"asterisks in code are code", "Write `**bold**` for bold.", []string{"<code>**bold**</code>"}, nil, ""},
		// A block in the other language's script is marked with its language.
		{"japanese citation on an english page", "Cite as:\n\n> 「ページ名」『日本の平和構築への取組』（2007年）、外務省『Japan’s Efforts on Peacebuilding』に基づく", []string{"<p>Cite as:</p>", `<p lang="ja">「ページ名」`}, nil, ""},
		{"a japanese name in an english sentence", "Japan calls it a *terakoya* (寺子屋), a school for peacebuilders.", []string{"<p>Japan calls"}, nil, ""},
		{"english on a japanese page", "英語での引用例：\n\n> *Page title*. Based on Japan’s Efforts on Peacebuilding, 2007.", []string{"<p>英語での引用例：</p>", `<p lang="en"><em>Page title</em>`}, nil, "ja"},
		{"an acronym alone stays", "- UNTAC\n- 国連カンボジア暫定統治機構", []string{"<li>UNTAC</li>", "<li>国連カンボジア暫定統治機構</li>"}, nil, "ja"},
		{"a japanese list item and heading", "## 用語\n\n- 平和の定着\n- peace consolidation", []string{`<h2 id="用語" lang="ja">用語</h2>`, `<li lang="ja">平和の定着</li>`, "<li>peace consolidation</li>"}, nil, ""},
		{"a japanese table cell", "| English | Japanese |\n|---|---|\n| peace consolidation | 平和の定着 |", []string{"<td>peace consolidation</td>", `<td lang="ja">平和の定着</td>`}, nil, ""},
		{"a loose list's paragraphs", "- 平和の定着\n\n- peace consolidation", []string{`<li>
<p lang="ja">平和の定着</p>`}, nil, ""},
	} {
		lang := c.lang
		if lang == "" {
			lang = "en"
		}
		res := New().Convert([]byte(c.in), lang, fakeResolver{})
		html := string(res.HTML)
		for _, w := range c.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s: Convert(%q) = %q, want it to contain %q", c.name, c.in, html, w)
			}
		}
		if strings.Contains(html, "<script") || strings.Contains(html, "<b>") {
			t.Errorf("%s: raw HTML passed through: %q", c.name, html)
		}
		var got []string
		for _, p := range res.Problems {
			line := strconv.Itoa(p.Line) + ": " + p.Msg
			if p.Also > 0 {
				line += " (also " + strconv.Itoa(p.Also) + ")"
			}
			got = append(got, line)
		}
		if strings.Join(got, "\n") != strings.Join(c.problems, "\n") {
			t.Errorf("%s: problems = %q, want %q", c.name, got, c.problems)
		}
	}
}

func TestHeadingsListed(t *testing.T) {
	res := New().Convert([]byte("## One {#one}\n\ntext\n\n### Two `code`\n\n## 平和の定着"), "en", fakeResolver{})
	if len(res.Headings) != 3 || res.Headings[0].ID != "one" || res.Headings[1].Text != "Two code" || res.Headings[1].Line != 5 {
		t.Errorf("Headings = %+v", res.Headings)
	}
	// A heading in the other language's script says so, for the lists that repeat it.
	if res.Headings[0].Lang != "" || res.Headings[2].Lang != "ja" {
		t.Errorf("heading languages %q and %q, want \"\" and \"ja\"", res.Headings[0].Lang, res.Headings[2].Lang)
	}
}

// TestHeadingTextJoinsJapaneseLines: a heading's text, which the list of a page's
// sections shows, reads as the heading does: a line break between Japanese letters is
// nothing there too (it had been a space: 日本の 支援).
func TestHeadingTextJoinsJapaneseLines(t *testing.T) {
	res := New().Convert([]byte("日本の\n支援\n---\n\nPeace\nbuilding\n---\n"), "ja", fakeResolver{})
	if len(res.Headings) != 2 || res.Headings[0].Text != "日本の支援" || res.Headings[1].Text != "Peace building" {
		t.Errorf("Headings = %+v, want the texts 日本の支援 and Peace building", res.Headings)
	}
}
