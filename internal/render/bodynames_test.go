package render

import (
	"testing"

	"peacebuilding/internal/glossary"
)

// A Japanese body keeps the glossary's people, countries and places whole on a line, as
// it keeps numbers, a katakana name of six letters or more three letters at each end, but not a
// name a line may end inside (at a ・), a long one, or a term of another kind.
func TestBodyKeepsTheGlossarysNamesWhole(t *testing.T) {
	gl := &glossary.Glossary{Terms: []glossary.Term{
		{JA: "小泉純一郎", Kind: "person"},
		{JA: "東ティモール", Kind: "country", Variants: []string{"東チモール"}},
		{JA: "ボスニア・ヘルツェゴビナ", Kind: "country"},
		{JA: "サンクトペテルブルク", Kind: "place"},
		{JA: "平和構築", Kind: "concept"},
		{JA: "アフガニスタン", Kind: "country"},
		{JA: "安倍総理大臣", Kind: "person"},
		{JA: "オーストラリア", Kind: "country"},
	}}
	names := (&Renderer{}).bodyNames(gl)
	for _, tt := range []struct{ in, want string }{
		{"<p>小泉純一郎総理大臣が東ティモールを訪れた。</p>",
			`<p><span class="nobr name">小泉純一郎</span>総理大臣が<span class="nobr name">東ティモール</span>を訪れた。</p>`},
		{"<p>安倍総理大臣とオーストラリア</p>", `<p><span class="nobr name">安倍総理大臣</span>と<span class="nobr name">オース</span>ト<span class="nobr name">ラリア</span></p>`},
		{"<p>アフガニスタンで</p>", `<p><span class="nobr name">アフガ</span>ニ<span class="nobr name">スタン</span>で</p>`},
		{"<p>東チモールで2006年5月に</p>", `<p><span class="nobr name">東チモール</span>で<span class="nobr">2006年</span><span class="nobr">5月</span>に</p>`},
		{"<p>ボスニア・ヘルツェゴビナとサンクトペテルブルクの平和構築</p>", "<p>ボスニア・ヘルツェゴビナとサンクトペテルブルクの平和構築</p>"},
		{"<p><code>東ティモール</code></p>", "<p><code>東ティモール</code></p>"},
	} {
		if got := keepHTML(tt.in, names); got != tt.want {
			t.Errorf("keepHTML(%s)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
	if (&Renderer{}).bodyNames(nil) != nil {
		t.Error("no glossary should give no names")
	}
}
