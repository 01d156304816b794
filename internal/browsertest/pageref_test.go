package browsertest

import (
	"encoding/json"
	"fmt"
	"testing"
)

// TestBookletPageReferences runs the booklet's page references of assets/print.js over
// links in fixed paragraphs, in each language's booklet page, and compares the text: a
// reference never splits a Japanese compound (but stops before a conjunction, a particle
// or 参照, and after okurigana stays after the link), goes inside a bracket that the link
// ends with or that closes right after it, starts a bracket that opens after it, and
// takes the nested form inside brackets. The printed booklets are checked too
// (internal/pdf), but only for the cases the content has.
func TestBookletPageReferences(t *testing.T) {
	startBrowser(t)
	tb := newTab(t, false)
	for lang, cases := range map[string][][2]string{
		"ja": {
			{`<a href="fx/b/">小型武器</a>回収プロジェクトを実施`, "小型武器回収プロジェクト（24ページ）を実施"},
			{`<a href="fx/b/">小型武器</a>回収及び廃棄`, "小型武器回収（24ページ）及び廃棄"},
			{`<a href="fx/b/">日本</a>向けに`, "日本（24ページ）向けに"},
			{`<a href="fx/b/">小型武器</a>回収プロジェクト（UNDP）を`, "小型武器回収プロジェクト（24ページ、UNDP）を"},
			{`<a href="fx/b/">カンボジア</a>支援参照`, "カンボジア支援、24ページ参照"},
			{`国際協力機構（<a href="fx/b/">JICA</a>）を通じて`, "国際協力機構（JICA、24ページ）を通じて"},
			{`<a href="fx/b/">社会復帰（<abbr>DDR</abbr>）</a>の`, "社会復帰（DDR、24ページ）の"},
			{`<a href="fx/b/">シエラレオネ</a>及びリベリア`, "シエラレオネ（24ページ）及びリベリア"},
			{`日本が支援した<a href="fx/b/">カンボジア</a>`, "日本が支援したカンボジア（24ページ）"},
			{`（<a href="fx/b/">小型武器対策</a>参照）`, "（小型武器対策〔24ページ〕参照）"},
			{`<a href="fx/b/">平和の定着</a>支援の一環`, "平和の定着支援（24ページ）の一環"},
			{`<a href="fx/b/">平和構築</a>全体に`, "平和構築全体（24ページ）に"},
		},
		"en": {
			{`<a href="fx/b/">small arms</a> collection`, "small arms (p. 24) collection"},
			{`(see <a href="fx/b/">DDR</a>)`, "(see DDR, p. 24)"},
			{`<a href="fx/b/">Sierra Leone</a> (see DDR)`, "Sierra Leone (p. 24; see DDR)"},
			{`<a href="fx/b/">reintegration (<abbr>DDR</abbr>)</a> and`, "reintegration (DDR, p. 24) and"},
			{`<a href="fx/b/">Liberia</a>, Japan`, "Liberia (p. 24), Japan"},
		},
	} {
		tb.page(t)
		tb.open(t, site.url(lang+"/print/index.html"))
		var paragraphs []string
		for _, c := range cases {
			paragraphs = append(paragraphs, c[0])
		}
		list, err := json.Marshal(paragraphs)
		if err != nil {
			t.Fatal(err)
		}
		got := eval[[]string](t, tb, fmt.Sprintf(`(() => {
	const book = document.querySelector(".booklet");
	const a = document.createElement("article"), b = document.createElement("article");
	a.className = b.className = "booklet-brief";
	a.id = "fx-a"; a.dataset.url = "fx/a/"; a.dataset.part = "x";
	b.id = "fx-b"; b.dataset.url = "fx/b/"; b.dataset.part = "x";
	a.innerHTML = '<h1 class="brief-title" id="fx-a-title">A</h1>' + %s.map(p => "<p>" + p + "</p>").join("");
	b.innerHTML = '<h1 class="brief-title" id="fx-b-title">B</h1>';
	book.append(a, b);
	printBooklet("fx-a.3,fx-b.24");
	return Array.from(a.querySelectorAll("p"), p => p.textContent);
})()`, list))
		for i, c := range cases {
			if i >= len(got) || got[i] != c[1] {
				g := "(none)"
				if i < len(got) {
					g = got[i]
				}
				t.Errorf("%s: %s gives %q, want %q", lang, c[0], g, c[1])
			}
		}
	}
}
