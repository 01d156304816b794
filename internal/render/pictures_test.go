package render

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"peacebuilding/internal/geo"
)

// wrap keeps every line within the width, loses no character but the spaces it breaks
// at, and follows the rules of line breaking: no line starts with closing punctuation or a
// small kana, none ends with an opening bracket, and no number with its unit or date is
// broken (2005年 | 11月 was, in a chart of the Sudan brief).
func TestWrapChartLabels(t *testing.T) {
	for _, tc := range []struct {
		s     string
		width float64
	}{
		{"Japanese personnel sent to UNTAC (Self-Defense Forces, civilian police, election monitors)", 300},
		{"イラク人道復興支援特別措置法に基づき派遣された自衛隊員（2007年1月現在、延べ人数）", 200},
		{"日本・カンボジア共同の小型武器管理プログラムによる回収数（2006年12月現在）", 150},
		{"スーダン暫定DDRプログラム（IDDRP）への無償資金協力（2005年11月）", 428},
		{"スーダン・西アフリカ・大湖地域を対象とする2006年2月のイニシアティブに基づく支援実績（全地域の合計）", 428},
		{"国連ミッション（UNAMET、UNTAET、UNMISET）への日本の派遣要員（1999年8月～2004年6月）", 428},
		{"Grant aid to the Interim Disarmament, Demobilization and Reintegration Programme for Sudan (IDDRP), November 2005", 428},
		{"Supercalifragilisticexpialidocious", 60},
	} {
		for _, width := range []float64{tc.width, tc.width * 0.7, tc.width * 0.45} {
			lines := wrap(tc.s, width, 13)
			if got := strings.Join(lines, ""); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(tc.s, " ", "") {
				t.Errorf("wrap(%q) lost text: %q", tc.s, lines)
			}
			kept := map[string]bool{}
			for _, r := range keepRuns(tc.s, nil, true) {
				if r.Keep {
					kept[r.Text] = true
				}
			}
			for i, l := range lines {
				if w := textWidth(l, 13); w > width && strings.ContainsAny(l, " ・、") {
					t.Errorf("wrap(%q, %g): line %q is %g wide", tc.s, width, l, w)
				}
				last, _ := utf8.DecodeLastRuneInString(l)
				if i < len(lines)-1 && strings.ContainsRune(notLineEnd, last) {
					t.Errorf("wrap(%q, %g): line %q ends with %q", tc.s, width, l, last)
				}
				if i == 0 {
					continue
				}
				if first, _ := utf8.DecodeRuneInString(l); strings.ContainsRune(notLineStart, first) {
					t.Errorf("wrap(%q, %g): a line starts with %q: %q", tc.s, width, first, l)
				}
			}
			for k := range kept {
				if textWidth(k, 13)+13 > width {
					continue // wider than a line with its bracket: broken where it must be
				}
				if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, k) }) {
					t.Errorf("wrap(%q, %g): %q is broken: %q", tc.s, width, k, lines)
				}
			}
		}
	}
}

// A last line of a character or two takes words from the lines above, in as many lines as
// the longest lines would make: 「る）」 was left alone under a label of the Sudan brief.
func TestWrapBalancesAShortLastLine(t *testing.T) {
	for _, tc := range []struct {
		s     string
		width float64
	}{
		{"スーダンへの支援実績（2005年4月の表明額を既に上回る）", chartWidth - 12},
		{"Aid for Sudan announced in April 2005", textWidth("Aid for Sudan announced in April", chartFont) + 1},
	} {
		greedy, _ := wrapGreedy(tc.s, tc.width, chartFont, phraseFill)
		lines := wrap(tc.s, tc.width, chartFont)
		if last := greedy[len(greedy)-1]; len(greedy) < 2 || textWidth(last, chartFont) >= tc.width/4 {
			t.Fatalf("the case %q no longer leaves a short last line: %q", tc.s, greedy)
		}
		if len(lines) != len(greedy) {
			t.Errorf("wrap(%q) = %q, %d lines, want %d", tc.s, lines, len(lines), len(greedy))
		}
		if last := lines[len(lines)-1]; textWidth(last, chartFont) < tc.width/4 {
			t.Errorf("wrap(%q) leaves %q alone on the last line: %q", tc.s, last, lines)
		}
	}
}

// Balancing never breaks a word that the longest lines kept whole: a narrower width would
// break "Reintegration-Reconstruction-Disarmament" where it must.
func TestWrapBalancingBreaksNoWord(t *testing.T) {
	s := "Reintegration-Reconstruction-Disarmament aid to Sudan"
	width := textWidth("Reintegration-Reconstruction-Disarmament aid", chartFont) + 1
	greedy, _ := wrapGreedy(s, width, chartFont, phraseFill)
	if len(greedy) != 2 || greedy[1] != "to Sudan" {
		t.Fatalf("the case no longer leaves a short last line: %q", greedy)
	}
	for _, l := range wrap(s, width, chartFont) {
		if strings.Contains(l, "-") && !strings.Contains(l, "Reintegration-Reconstruction-Disarmament") {
			t.Errorf("wrap(%q) broke the long word: %q", s, wrap(s, width, chartFont))
		}
	}
}

// A Japanese label ends its lines between phrases, where a line would still be at least
// phraseFill full or where that takes no more lines: the reader's review found 指|導員, 技|術者 and 自衛隊|員 on the figures
// page, where each line ended at the last character that fitted.
func TestWrapEndsJapaneseLinesBetweenPhrases(t *testing.T) {
	width := float64(chartWidth - 12)
	for _, tc := range []struct {
		s    string
		want []string
	}{
		{"国際協力機構（JICA）を通じて警察民主化研修を受けた指導員（警察官）",
			[]string{"国際協力機構（JICA）を通じて警察民主化研修を受けた", "指導員（警察官）"}},
		{"研修を受けたイラク政府職員・技術者（2004年3月～2006年12月）",
			[]string{"研修を受けたイラク政府職員・技術者", "（2004年3月～2006年12月）"}},
		{"イラク人道復興支援特別措置法に基づき派遣された自衛隊員（2007年1月現在、延べ人数）",
			[]string{"イラク人道復興支援特別措置法に基づき派遣された", "自衛隊員（2007年1月現在、延べ人数）"}},
		// A line less than phraseFill full ends between phrases too when that takes no
		// more lines: the trial of a reader found 直|後に and 2005年4月|の表明額.
		{"1999年の東ティモール直接投票直後に国連を通じて行った緊急拠出",
			[]string{"1999年の東ティモール直接投票直後に", "国連を通じて行った緊急拠出"}},
		{"スーダンへの支援実績（2005年4月の表明額を既に上回る）",
			[]string{"スーダンへの支援実績（2005年4月の", "表明額を既に上回る）"}},
		// Between phrases takes a line more here than ending the first line at the
		// bracket (（UNDP）|の), and is kept: a particle does not start a line.
		{"シエラレオネ及びリベリアにおける国連開発計画（UNDP）の武器回収プロジェクトへの拠出表明額（両国の合計）",
			[]string{"シエラレオネ及びリベリアにおける国連開発計画", "（UNDP）の武器回収プロジェクトへの", "拠出表明額（両国の合計）"}},
	} {
		if got := wrap(tc.s, width, chartFont); !slices.Equal(got, tc.want) {
			t.Errorf("wrap(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

// hitRadii gives every point the largest target that overlaps no other's, up to most.
func TestHitRadii(t *testing.T) {
	points := []geo.Point{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 100, Y: 100}, {X: 10, Y: 3}}
	radii := hitRadii(points, 20)
	want := []float64{5, 1.5, 20, 1.5}
	if !slices.Equal(radii, want) {
		t.Errorf("hitRadii = %v, want %v", radii, want)
	}
	for i, a := range points {
		for j, b := range points {
			if i != j && radii[i]+radii[j] > math.Hypot(b.X-a.X, b.Y-a.Y)+1e-9 {
				t.Errorf("the targets of %v and %v overlap", a, b)
			}
		}
	}
}
