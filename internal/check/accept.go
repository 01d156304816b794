package check

import (
	"fmt"
	"slices"
	"strings"

	"peacebuilding/internal/content"
	"peacebuilding/internal/tomlx"
)

// Accepting a finding: a translator who finds a finding of the check wrong for a good
// translation writes, in the translation's front matter,
//
//	[[accept]]
//	rule = "figure"             # the check that reports it: the word before the first colon
//	where = "section #history"  # optional: the part, as the report names it
//	text = "10年"               # optional: a piece of the text the finding quotes
//	reason = "ten-year conflict: 10年に及ぶ is how Japanese says it"
//
// An acceptance matches every finding of its rule (any rule the check has, those added
// later included: the match reads only Problem's fields) in its part, whose quoted text
// or message contains its text. A matched finding is shown as accepted with the reason and
// does not fail the check; an acceptance without a rule or a reason, or one that matches
// nothing (the translation or the check changed), is itself a finding, of the rule
// "accept", which no acceptance can accept.

// Rules are the rules of the check's findings, which an acceptance names (house style
// findings have acceptances of their own: data/style.toml).
var Rules = []string{"figure", "glossary", "structure", "untranslated"}

// applyAccepts marks the problems of p that an acceptance of t accepts, and adds a
// problem for each acceptance that is incomplete or, if the pair was compared, matches
// nothing.
func applyAccepts(p *Pair, t *content.File, compared bool) {
	if t == nil || len(t.Front.Accept) == 0 {
		return
	}
	used := make([]bool, len(t.Front.Accept))
	for i := range p.Problems {
		pr := &p.Problems[i]
		for k, a := range t.Front.Accept {
			if a.Reason != "" && accepts(a, *pr, fileLine(t, pr.Translation.Line)) {
				pr.Accepted, used[k] = strings.Join(strings.Fields(a.Reason), " "), true
				break
			}
		}
	}
	for k, a := range t.Front.Accept {
		at := Loc{File: t.Name, Line: t.ItemLine("accept", k, "rule"), Text: fmt.Sprintf("[[accept]] rule = %q", a.Rule)}
		var msg string
		switch {
		case strings.TrimSpace(a.Rule) == "":
			msg = `an acceptance needs the rule of the finding it accepts: rule = "figure", "glossary", "structure", "untranslated", …`
		case !slices.Contains(Rules, strings.ToLower(strings.TrimSpace(a.Rule))):
			msg = fmt.Sprintf("rule %q is no rule of the check%s: the rules are %s (a house style finding, style <rule>, is accepted in %s instead)", a.Rule,
				didYouMean(strings.ToLower(strings.TrimSpace(a.Rule)), Rules), strings.Join(Rules, ", "), StyleFile)
		case strings.TrimSpace(a.Reason) == "":
			msg = "an acceptance needs a reason: say why the translation is right (reason = \"…\")"
		case !used[k] && compared:
			msg = fmt.Sprintf("this acceptance (rule %q%s) matches no finding any more: delete it", a.Rule, acceptDetail(a))
		default:
			continue
		}
		p.Problems = append(p.Problems, Problem{Check: "accept", Where: fmt.Sprintf("accept %d", k+1), Message: msg,
			Source: Loc{File: p.sourceFile(), Line: 1, Text: "(the acceptance is in the translation)"}, Translation: at})
	}
}

// didYouMean is " (did you mean "figure"?)" for the closest of names to s, or "".
func didYouMean(s string, names []string) string {
	if sug := tomlx.Suggest(s, names); sug != "" {
		return fmt.Sprintf(" (did you mean %q?)", sug)
	}
	return ""
}

func acceptDetail(a content.Accept) string {
	var s string
	if a.Where != "" {
		s += fmt.Sprintf(", where %q", a.Where)
	}
	if a.Text != "" {
		s += fmt.Sprintf(", text %q", a.Text)
	}
	return s
}

// fileLine returns line n of translation t's front matter or body, or "".
func fileLine(t *content.File, n int) string {
	var text string
	switch {
	case n >= t.BodyLine:
		text, n = t.Body, n-t.BodyLine
	case n >= t.FrontLine:
		text, n = t.FrontSource, n-t.FrontLine
	default:
		return ""
	}
	lines := strings.Split(text, "\n")
	if n < len(lines) {
		return lines[n]
	}
	return ""
}

// accepts reports whether acceptance a matches problem pr, whose translation line is
// line: its text is in what the finding quotes or says, or it holds the quoted text and
// is on the finding's line (text = "10年" for the number 10 of 10年に及ぶ).
func accepts(a content.Accept, pr Problem, line string) bool {
	if pr.Check == "accept" || !strings.EqualFold(strings.TrimSpace(a.Rule), pr.Check) {
		return false
	}
	if a.Where != "" && strings.TrimSpace(a.Where) != pr.Where {
		return false
	}
	if a.Text == "" {
		return true
	}
	text := strings.Join(strings.Fields(a.Text), " ")
	for _, s := range []string{pr.Translation.Text, pr.Source.Text, pr.Message} {
		if strings.Contains(strings.Join(strings.Fields(s), " "), text) {
			return true
		}
	}
	quoted := strings.TrimSpace(pr.Translation.Text)
	return quoted != "" && strings.Contains(text, quoted) && strings.Contains(line, a.Text)
}

func (p *Pair) sourceFile() string {
	if p.Source != nil {
		return p.Source.File
	}
	return ""
}

// Open counts the problems of p that fail the check: accepted by no acceptance, and not
// pending with a stale page's update.
func (p *Pair) Open() int {
	return p.count(func(pr Problem) bool { return pr.Accepted == "" && !pr.Pending })
}

// Accepted counts the problems of p that an acceptance accepts.
func (p *Pair) Accepted() int { return p.count(func(pr Problem) bool { return pr.Accepted != "" }) }

// Pending counts the problems of p that wait for its stale translation's update.
func (p *Pair) Pending() int {
	return p.count(func(pr Problem) bool { return pr.Accepted == "" && pr.Pending })
}

func (p *Pair) count(match func(Problem) bool) int {
	n := 0
	for _, pr := range p.Problems {
		if match(pr) {
			n++
		}
	}
	return n
}
