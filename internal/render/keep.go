package render

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"peacebuilding/internal/site"
)

// Japanese may break a line after almost any character, so a phone's narrow table cell
// breaks 1億ド/ル and 東ティモー/ル. The layouts show the figures, facts and event texts
// of Japanese pages as runs (View.Keep), each run that must stay whole in a
// <span class="nobr">: a number with its scale, unit, counter and 以上 (2万5,000丁以上,
// 2006年12月), and a proper noun of the site (a country's name, official name or capital).

// Run is a piece of text; Keep marks a piece that must not be broken across lines.
type Run struct {
	Text string
	Keep bool
}

// jaNumber matches a Japanese number with what belongs to it: 約 or 最大 or 第 before;
// digits with 万, 億, 兆; a date (2006年12月3日) or a unit or counter; 以上 after.
const jaNumber = `(?:約|最大|第)?[0-9０-９][0-9０-９,，.．]*(?:[万億兆][0-9０-９,，]*)*` +
	`(?:年(?:[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?)?|月(?:[0-9０-９]{1,2}日)?|日|ドル|円|人|丁|名|件|回|カ国|か国|ヵ国|km²|%|％|歳|トン)?` +
	`(?:以上|以下|余り|超)?`

// keepers is the pattern of one site model's runs to keep whole.
type keepers struct {
	site *site.Site
	re   *regexp.Regexp
}

// keepPattern returns the pattern of s's Japanese proper nouns and numbers, made once
// per site model.
func (r *Renderer) keepPattern(s *site.Site) *regexp.Regexp {
	if k := r.keep.Load(); k != nil && k.site == s {
		return k.re
	}
	var names []string
	for _, p := range s.Section("ja", site.KindCountry) {
		names = append(names, p.Title)
		if f := p.Facts; f != nil {
			names = append(names, f.OfficialName, f.Capital)
		}
	}
	for _, rg := range s.Config.Regions {
		names = append(names, rg.Name("ja"))
	}
	// Longest first, so that コンゴ民主共和国 wins over a shorter name inside it.
	slices.SortFunc(names, func(a, b string) int { return cmp.Or(cmp.Compare(len(b), len(a)), cmp.Compare(a, b)) })
	names = slices.Compact(names)
	var alts []string
	for _, n := range names {
		// A name written with Latin letters breaks at its spaces, like any English text.
		if n != "" && !strings.Contains(n, " ") {
			alts = append(alts, regexp.QuoteMeta(n))
		}
	}
	alts = append(alts, jaNumber)
	re := regexp.MustCompile(strings.Join(alts, "|"))
	r.keep.Store(&keepers{site: s, re: re})
	return re
}

// Keep splits text into runs for a page in the view's language: on a Japanese page, the
// numbers with their units and the proper nouns are runs to keep whole; on others, the
// text is one run that may break anywhere it normally would.
func (v *View) Keep(text string) []Run {
	if v.Lang != "ja" || text == "" {
		return []Run{{Text: text}}
	}
	re := v.r.keepPattern(v.Site)
	var runs []Run
	last := 0
	for _, m := range re.FindAllStringIndex(text, -1) {
		if m[0] > last {
			runs = append(runs, Run{Text: text[last:m[0]]})
		}
		runs = append(runs, Run{Text: text[m[0]:m[1]], Keep: true})
		last = m[1]
	}
	if last < len(text) {
		runs = append(runs, Run{Text: text[last:]})
	}
	return runs
}
