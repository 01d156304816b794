package render

import (
	"slices"
	"strings"
	"testing"
)

// The phrases of Japanese headings and labels that the reader's review found broken
// inside a word, and marks that stay with what they belong to.
func TestPhraseBreaks(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"UNTAC：日本初の本格的なPKO参加", "UNTAC：|日本初の|本格的な|PKO参加"},
		{"日本のアフリカ政策における位置付け", "日本の|アフリカ政策における|位置付け"},
		{"教育・スポーツを通じた和解", "教育・|スポーツを|通じた|和解"},
		{"横にスクロールすると以降の年を表示", "横に|スクロールすると|以降の|年を|表示"},
		{"日本・カンボジア共同の小型武器対策プログラムによる回収数（2006年12月現在）", "日本・|カンボジア共同の|小型武器対策プログラムによる|回収数|（2006年12月現在）"},
		{"「平和の定着」東京会議", "「平和の|定着」|東京会議"},
		{"国連開発計画（UNDP）の武器回収", "国連開発計画|（UNDP）の|武器回収"}, // a particle stays with its bracket
		{"開始された。この計画", "開始された。|この|計画"},               // a full stop ends its phrase before hiragana too
		{"ちょっと", "ちょっと"},
		// A compound with hiragana inside stays whole; the phrase after it still begins.
		{"在フィリピン日本国大使館が主導する草の根レベルの案件", "在フィリピン日本国大使館が|主導する|草の根レベルの|案件"},
		{"人間の安全保障の考え方を取り組みの柱とする", "人間の|安全保障の|考え方を|取り組みの|柱とする"},
		{"Peace and reconciliation", "Peace and reconciliation"},
	} {
		var parts []string
		from := 0
		for _, at := range phraseBreaks(tt.in) {
			parts = append(parts, tt.in[from:at])
			from = at
		}
		parts = append(parts, tt.in[from:])
		if got := strings.Join(parts, "|"); got != tt.want {
			t.Errorf("phrases of %s:\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

// phrased keeps a number or name whole and marks the phrase it starts.
func TestPhrasedRuns(t *testing.T) {
	got := phrased(keepRuns("スーダンへの支援実績（2005年4月の表明額を既に上回る）", nil, true))
	if got, want := showRuns(got), "スーダンへの|支援実績|（[2005年4月]の|表明額を|既に|上回る）"; got != want {
		t.Errorf("runs %s, want %s", got, want)
	}
	if slices.ContainsFunc(got, func(r Run) bool { return r.Text == "" }) {
		t.Errorf("an empty run in %+v", got)
	}
	// keep-all does not stop a browser breaking after a closing bracket: the bracket and
	// the particle after it are kept together.
	for in, want := range map[string]string{
		"国連開発計画（UNDP）の武器回収プロジェクト": "国連開発計画|（UNDP[）の]|武器回収プロジェクト",
		"「平和の定着」と「国づくり」":          "「平和の|定着[」と]|「国づくり」",
		"（2007年）": "（[2007年]）",
	} {
		if got := showRuns(phrased(keepRuns(in, nil, true))); got != want {
			t.Errorf("runs of %s: %s, want %s", in, got, want)
		}
	}
}

// showRuns writes runs as |phrase [kept]: | where a <wbr> goes, [] around a run kept whole.
func showRuns(runs []Run) string {
	var b strings.Builder
	for _, r := range runs {
		if r.Wbr {
			b.WriteString("|")
		}
		if r.Keep {
			b.WriteString("[" + r.Text + "]")
		} else {
			b.WriteString(r.Text)
		}
	}
	return b.String()
}

// The glossary shows a reading where kanji are at least half of a term's letters, and
// not where it would only spell the term's katakana again in hiragana.
func TestNeedsReading(t *testing.T) {
	for _, tt := range []struct {
		term string
		want bool
	}{
		{"明石康", true},
		{"平和の定着", true},
		{"人間の安全保障", true},
		{"国連カンボジア暫定統治機構", true},
		{"アフガニスタン新生計画", true},
		{"アフガニスタンの平和の定着に関する第2回東京会議", true},
		{"緒方イニシアティブ", true},
		{"オーナーシップ", false},
		{"ジャパン・プラットフォーム", false},
		{"DDR", false},
	} {
		if got := needsReading(tt.term); got != tt.want {
			t.Errorf("needsReading(%q) = %v, want %v", tt.term, got, tt.want)
		}
	}
}
