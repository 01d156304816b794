package check

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"

	"peacebuilding/internal/content"
	"peacebuilding/internal/markdown"
	"peacebuilding/internal/parallel"
	"peacebuilding/internal/tomlx"
)

// The house style sheet (data/style.toml, explained in docs/ja-style.md) lists the forms a
// language's pages must not write, each with the form to write instead: 及び for および, 「」
// for "…", full-width parentheses in Japanese prose, no half-width kana... The check reads
// every text of every page of that language (title, summary, text facts, events, figure
// labels, corrections except the quoted source, the body without link destinations, heading
// ids and URLs) and the language's UI strings (i18n/<lang>.toml), and reports each
// occurrence with its file and line and the preferred form.
//
// One occurrence can be accepted with a reason ([[accept]] in the same file): the check
// then shows it as accepted and does not fail on it. An acceptance that matches no
// occurrence, or more than one, is itself a finding: the text it quotes must single out
// one occurrence.

// StyleFile is where the style sheet is read from, relative to the project.
const StyleFile = "data/style.toml"

// Style is a loaded style sheet, with the UI strings of its language to check.
type Style struct {
	File    string
	Lang    string
	Rules   []*StyleRule
	Accepts []*StyleAccept
	// UI is the language's i18n file, checked line by line; UIFile names it.
	UIFile, UI string
	// needs finds, in one pass over a text, the rules whose strings it holds.
	needs needIndex
}

// StyleRule is one rule of the style sheet.
type StyleRule struct {
	ID string `toml:"id"`
	// Forms are non-preferred forms written as they are; Pattern is a Go regular
	// expression for the rest (a rule has either or both).
	Forms     []string `toml:"forms"`
	Pattern   string   `toml:"pattern"`
	Preferred string   `toml:"preferred"`
	Note      string   `toml:"note"`
	// Example is a text in which the rule finds a non-preferred form, and Allowed are
	// texts in which it must find none: the sheet is checked against both when it is
	// read, and the tests plant each example into a real page.
	Example string   `toml:"example"`
	Allowed []string `toml:"allowed"`
	Line    int      `toml:"-"`
	re      *regexp.Regexp
	// form is the number of the pattern's group named form, or -1: the form within a
	// match whose other characters are context (RE2 has no lookaround), so that the
	// finding quotes 元兵士, not 元兵士の社.
	form int
	// needs are strings one of which every match contains (requiredLiterals), nil when
	// the expression gives none: a text that holds none of them is not searched.
	needs []string
}

// StyleAccept accepts one occurrence of a rule's non-preferred form.
type StyleAccept struct {
	File string `toml:"file"` // "content/ja/sources.md"
	Rule string `toml:"rule"`
	// Text is the occurrence with enough of its context to single it out in its line.
	Text   string `toml:"text"`
	Reason string `toml:"reason"`
	Line   int    `toml:"-"`
}

// StyleFinding is one occurrence of a non-preferred form, or an acceptance that matches
// no occurrence or several (Rule "accept").
type StyleFinding struct {
	Rule string `json:"rule"`
	Loc  Loc    `json:"loc"`  // the file and line, with the line's text
	Form string `json:"form"` // what was written
	// Column is Form's column in its line, in characters from 1, in a body (a Japanese
	// paragraph is one long line); 0 in a front matter value.
	Column    int    `json:"column,omitempty"`
	Preferred string `json:"preferred"`
	Message   string `json:"message"`
	// Accepted is the reason of the acceptance that covers the finding, if any.
	Accepted string `json:"accepted,omitempty"`
	at       int    // the byte offset of Form in Loc.Text
}

// At is where the finding is, with its column: file:line:column and the line's text.
func (f StyleFinding) At() Loc {
	l := f.Loc
	l.Column = f.Column
	return l
}

// contextRunes is how much of its line the report prints on each side of a finding.
const contextRunes = 30

// context is the finding's line around it, as the report prints it: a Japanese paragraph
// is one line of hundreds of characters, which was printed whole for each finding in it.
func (f StyleFinding) context() string {
	text := f.Loc.Text
	if f.at < 0 || f.at > len(text) {
		return strings.Join(strings.Fields(text), " ")
	}
	before, after := []rune(text[:f.at]), []rune(text[f.at:])
	s := string(before)
	if len(before) > contextRunes {
		s = "…" + string(before[len(before)-contextRunes:])
	}
	if keep := utf8.RuneCountInString(f.Form) + contextRunes; len(after) > keep {
		s += string(after[:keep]) + "…"
	} else {
		s += string(after)
	}
	return strings.Join(strings.Fields(s), " ")
}

// String is the finding as a compiler would print it.
func (f StyleFinding) String() string {
	s := f.At().Position() + " " + f.Message
	if f.Accepted != "" {
		s += " (accepted: " + f.Accepted + ")"
	}
	return s
}

// LoadStyle reads the style sheet name from fsys, and the UI strings of its language. A
// missing sheet gives nil: no rules.
func LoadStyle(fsys fs.FS, name string) (*Style, error) {
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	st, err := ParseStyle(name, string(data))
	if err != nil {
		return nil, err
	}
	st.UIFile = "i18n/" + st.Lang + ".toml"
	ui, err := fs.ReadFile(fsys, st.UIFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		st.UIFile = ""
	case err != nil:
		return nil, fmt.Errorf("%s: %w", st.UIFile, err)
	default:
		st.UI = string(ui)
	}
	return st, nil
}

// ParseStyle parses the text of a style sheet; name is its file, for messages. Each rule
// must find something in its example and nothing in its allowed texts.
func ParseStyle(name, src string) (*Style, error) {
	var file struct {
		Lang    string         `toml:"lang"`
		Rules   []*StyleRule   `toml:"rules"`
		Accepts []*StyleAccept `toml:"accept"`
	}
	_, terrs := tomlx.Decode(src, 1, &file, []string{"lang", "rules", "id", "forms", "pattern", "preferred", "note", "example", "allowed", "accept", "file", "rule", "text", "reason"})
	var errs []error
	for _, e := range terrs {
		errs = append(errs, fmt.Errorf("%s:%s", name, e))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if file.Lang == "" {
		return nil, fmt.Errorf("%s:1: lang is missing: the language whose pages the rules check, e.g. lang = \"ja\"", name)
	}
	st := &Style{File: name, Lang: file.Lang, Rules: file.Rules, Accepts: file.Accepts}
	ids := map[string]int{}
	for i, r := range st.Rules {
		r.Line = tomlx.ItemLine(src, "rules", i, "id")
		bad := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("%s:%d: rule %q: %s", name, r.Line, r.ID, fmt.Sprintf(format, args...)))
		}
		if r.ID == "" {
			errs = append(errs, fmt.Errorf("%s:%d: a rule needs an id", name, r.Line))
			continue
		}
		if prev, dup := ids[r.ID]; dup {
			bad("listed twice (also line %d)", prev)
		}
		ids[r.ID] = r.Line
		var alts []string
		for _, f := range r.Forms {
			if f == "" {
				bad("an empty form matches everything")
				continue
			}
			alts = append(alts, regexp.QuoteMeta(f))
		}
		if r.Pattern != "" {
			if _, err := regexp.Compile(r.Pattern); err != nil {
				bad("pattern: %v", err)
				continue
			}
			alts = append(alts, "(?:"+r.Pattern+")")
		}
		switch {
		case len(alts) == 0:
			bad("needs forms or a pattern")
			continue
		case r.Preferred == "":
			bad("needs the preferred form (preferred)")
		case r.Example == "":
			bad("needs an example: a text in which the rule finds a form")
		}
		// Longest alternatives first, so that a form is reported whole.
		slices.SortStableFunc(alts, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
		r.re = regexp.MustCompile(strings.Join(alts, "|"))
		r.form = r.re.SubexpIndex("form")
		if re, err := syntax.Parse(r.re.String(), syntax.Perl); err == nil {
			r.needs = requiredLiterals(re.Simplify())
		}
		if r.Example != "" && r.re.FindStringIndex(r.Example) == nil {
			bad("finds nothing in its example %q", r.Example)
		}
		for _, a := range r.Allowed {
			if m := r.re.FindString(a); m != "" {
				bad("finds %q in the allowed text %q", m, a)
			}
		}
	}
	for i, a := range st.Accepts {
		a.Line = tomlx.ItemLine(src, "accept", i, "file")
		switch {
		case a.File == "" || a.Rule == "" || a.Text == "":
			errs = append(errs, fmt.Errorf("%s:%d: an acceptance needs file, rule and text", name, a.Line))
		case strings.TrimSpace(a.Reason) == "":
			errs = append(errs, fmt.Errorf("%s:%d: an acceptance needs a reason", name, a.Line))
		case ids[a.Rule] == 0:
			errs = append(errs, fmt.Errorf("%s:%d: acceptance of unknown rule %q", name, a.Line, a.Rule))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	st.needs = newNeedIndex(st.Rules)
	return st, nil
}

// Find returns the byte ranges of the rule's non-preferred forms in s: of the group
// named form, where the pattern has one and it took part in the match.
func (r *StyleRule) Find(s string) [][]int {
	if r.form < 0 {
		return r.re.FindAllStringIndex(s, -1)
	}
	ms := r.re.FindAllStringSubmatchIndex(s, -1)
	for i, m := range ms {
		if m[2*r.form] >= 0 {
			ms[i] = m[2*r.form : 2*r.form+2]
		} else {
			ms[i] = m[:2]
		}
	}
	return ms
}

// needIndex finds the rules that may match a text in one pass over it. The style check
// looked for each of some 300 strings in every file in turn, a tenth of the status page's
// CPU; now each character of a text is looked up once among the strings' first characters.
type needIndex struct {
	rules  []*StyleRule
	always []int // rules with no strings to look for: each text is searched
	// byFirst lists, by first character, the strings to look for with their rules.
	byFirst map[rune][]ruleNeed
}

type ruleNeed struct {
	lit  string
	rule int
}

func newNeedIndex(rules []*StyleRule) needIndex {
	x := needIndex{rules: rules, byFirst: map[rune][]ruleNeed{}}
	for i, r := range rules {
		if r.needs == nil {
			x.always = append(x.always, i)
			continue
		}
		for _, lit := range r.needs {
			c, _ := utf8.DecodeRuneInString(lit)
			x.byFirst[c] = append(x.byFirst[c], ruleNeed{lit, i})
		}
	}
	return x
}

// mayMatch returns, in the sheet's order, the rules that may find something in s: those
// with no strings to look for, and those one of whose strings s holds. A rule left out
// finds nothing in s.
func (x needIndex) mayMatch(s string) []*StyleRule {
	found := make([]bool, len(x.rules))
	for _, i := range x.always {
		found[i] = true
	}
	for at, c := range s {
		for _, n := range x.byFirst[c] {
			if !found[n.rule] && strings.HasPrefix(s[at:], n.lit) {
				found[n.rule] = true
			}
		}
	}
	var out []*StyleRule
	for i, r := range x.rules {
		if found[i] {
			out = append(out, r)
		}
	}
	return out
}

// maxNeeds is the most strings requiredLiterals lists: a character class of more
// characters is not worth looking for one by one. maxJoined is the most that joining
// adjacent parts may make (会 then [議合]): more strings to look for, each longer, are
// not worth it past that.
const (
	maxNeeds  = 64
	maxJoined = 32
)

// requiredLiterals returns strings one of which every match of re contains, or nil when
// it cannot tell (a part that may be empty, a large class). Searching a text for them
// first spares the regular expression most texts: the style check ran each rule's
// expression over every line of every Japanese page, a fifth of a large build's CPU with
// the status page.
func requiredLiterals(re *syntax.Regexp) []string {
	if lits := exactLiterals(re, maxNeeds); lits != nil {
		return lits
	}
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiterals(re.Sub[0])
		}
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			lits := requiredLiterals(sub)
			if lits == nil || len(out)+len(lits) > maxNeeds {
				return nil
			}
			out = append(out, lits...)
		}
		return out
	case syntax.OpConcat:
		// The strings of the part, or of adjacent parts that match exactly their strings
		// (会 then [議合]: 会議, 会合), that are the rarest to find: the longest at their
		// shortest, then the fewest.
		var best, run []string
		consider := func(lits []string) {
			if lits == nil {
				return
			}
			shortest := shortestLen(lits)
			if bestLen := shortestLen(best); best == nil || shortest > bestLen || shortest == bestLen && len(lits) < len(best) {
				best = lits
			}
		}
		for _, sub := range re.Sub {
			exact := exactLiterals(sub, maxNeeds)
			switch {
			case exact != nil && run != nil && len(run)*len(exact) <= maxJoined:
				run = joinLiterals(run, exact)
			case exact != nil:
				consider(run)
				run = exact
			default:
				consider(run)
				run = nil
				consider(requiredLiterals(sub))
			}
		}
		consider(run)
		return best
	}
	return nil
}

// exactLiterals returns every string that re matches, when they are at most limit (a
// literal, a small class, alternatives and sequences of them), else nil.
func exactLiterals(re *syntax.Regexp, limit int) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for c := re.Rune[i]; c <= re.Rune[i+1]; c++ {
				if len(out) == limit {
					return nil
				}
				out = append(out, string(c))
			}
		}
		return out
	case syntax.OpCapture:
		return exactLiterals(re.Sub[0], limit)
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			lits := exactLiterals(sub, limit-len(out))
			if lits == nil || len(out)+len(lits) > limit {
				return nil
			}
			out = append(out, lits...)
		}
		return out
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			lits := exactLiterals(sub, limit)
			if lits == nil || len(out)*len(lits) > limit {
				return nil
			}
			out = joinLiterals(out, lits)
		}
		return out
	}
	return nil
}

// joinLiterals returns each of a followed by each of b.
func joinLiterals(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

// shortestLen is the length of the shortest of lits, 0 for none.
func shortestLen(lits []string) int {
	if len(lits) == 0 {
		return 0
	}
	return len(slices.MinFunc(lits, func(a, b string) int { return cmp.Compare(len(a), len(b)) }))
}

// styleText is a text to check: its plain text and the file line of each of its lines.
type styleText struct {
	file  string
	s     string
	line  int  // the file line of the text's first line
	multi bool // a body: lines advance with the newlines of s; else every line is line
	// orig is the body as written, of which s is the plain text, byte for byte (blanks
	// stand for what is not text): a column counts its characters, not the blanks.
	orig string
}

// CheckStyle checks every file of the sheet's language and its UI strings, and returns the
// findings by file and line, with the acceptances applied.
func (st *Style) CheckStyle(files []*content.File) []StyleFinding {
	if st == nil {
		return nil
	}
	// Each file on its own and on every core: a site of thousands of pages has thousands.
	// A rule runs its expression only on the texts that hold one of its strings.
	var groups [][]styleText
	for _, f := range files {
		if f.Lang == st.Lang {
			groups = append(groups, styleTexts(f))
		}
	}
	if st.UIFile != "" {
		groups = append(groups, uiTexts(st.UIFile, st.UI))
	}
	found := make([][]StyleFinding, len(groups))
	parallel.For(len(groups), func() func(int) {
		return func(i int) {
			for _, t := range groups[i] {
				if rules := st.needs.mayMatch(t.s); len(rules) > 0 {
					found[i] = t.check(rules, found[i])
				}
			}
		}
	})
	out := slices.Concat(found...)
	slices.SortStableFunc(out, func(a, b StyleFinding) int {
		return cmp.Or(cmp.Compare(a.Loc.File, b.Loc.File), cmp.Compare(a.Loc.Line, b.Loc.Line))
	})
	return st.accept(out)
}

// check appends to out the findings of rules in t.
func (t styleText) check(rules []*StyleRule, out []StyleFinding) []StyleFinding {
	var origLines []string
	if t.multi {
		origLines = strings.Split(t.orig, "\n")
	}
	for n, line := range strings.Split(t.s, "\n") {
		at := t.line
		// A finding quotes the line as written, the link destinations that the rules do
		// not read included: a translator searches the file for it.
		written := line
		if t.multi {
			at += n
			written = origLines[n]
		}
		for _, r := range rules {
			for _, m := range r.Find(line) {
				form := written[m[0]:m[1]]
				column := 0
				if t.multi {
					column = utf8.RuneCountInString(written[:m[0]]) + 1
				}
				out = append(out, StyleFinding{
					Rule: r.ID, Loc: Loc{File: t.file, Line: at, Text: written}, Form: form, Preferred: r.Preferred, Column: column,
					Message: fmt.Sprintf("style %s: %q: write %s", r.ID, form, r.Preferred),
					at:      m[0],
				})
			}
		}
	}
	return out
}

// accept marks each finding that an acceptance singles out, and adds a finding for each
// acceptance that matches none or several.
func (st *Style) accept(fs []StyleFinding) []StyleFinding {
	for _, a := range st.Accepts {
		var hits []int
		for i, f := range fs {
			if f.Rule == a.Rule && f.Loc.File == a.File && covers(f.Loc.Text, a.Text, f.at, len(f.Form)) {
				hits = append(hits, i)
			}
		}
		if len(hits) == 1 {
			fs[hits[0]].Accepted = a.Reason
			continue
		}
		what := "no occurrence"
		if len(hits) > 1 {
			what = fmt.Sprintf("%d occurrences (quote more of the text to single one out)", len(hits))
		}
		fs = append(fs, StyleFinding{
			Rule: "accept", Loc: Loc{File: st.File, Line: a.Line, Text: a.Text},
			Message: fmt.Sprintf("acceptance of %s in %s matches %s of %q", a.Rule, a.File, what, a.Text),
		})
	}
	return fs
}

// covers reports whether text occurs in line around the form found at byte offset at, n
// bytes long: an acceptance quotes the occurrence with some of its context.
func covers(line, text string, at, n int) bool {
	for i := 0; i <= len(line)-len(text); {
		k := strings.Index(line[i:], text)
		if k < 0 {
			return false
		}
		if i+k <= at && at+n <= i+k+len(text) {
			return true
		}
		i += k + 1
	}
	return false
}

// styleTexts are the texts of f a reader sees: every translatable value of the front matter
// and the body, as plain text (link destinations, heading ids and URLs blanked). The source
// field of a correction quotes the source document as it is, and is left out.
func styleTexts(f *content.File) []styleText {
	var out []styleText
	for _, t := range f.FrontTexts() {
		if !t.Quotation && strings.TrimSpace(t.Text) != "" {
			out = append(out, styleText{file: f.Name, s: plain(t.Text), line: t.Line})
		}
	}
	if strings.TrimSpace(f.Body) != "" {
		out = append(out, styleText{file: f.Name, s: blankMisspeltDestinations(f.Body, plain(f.Body)), line: f.BodyLine, multi: true, orig: f.Body})
	}
	return out
}

// blankMisspeltDestinations blanks in text, the plain form of body, the destinations of the
// links that body writes with a full-width bracket or parenthesis, with their parentheses,
// as plain blanks a link's: the structure check reports the link once, and its path and
// half-width parenthesis are no style finding.
func blankMisspeltDestinations(body, text string) string {
	links := markdown.FullWidthLinks(body, 0, len(body))
	if len(links) == 0 {
		return text
	}
	b := []byte(text)
	for _, m := range links {
		_, bracket := utf8.DecodeRuneInString(body[m[3]:])
		blank(b, m[3]+bracket, m[1])
	}
	return string(b)
}

// uiTexts are the string values of an i18n file, one per line: key = "value". Comments,
// keys and the quotes are not text.
func uiTexts(name, src string) []styleText {
	var out []styleText
	for i, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		_, v, ok := strings.Cut(t, "=")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
			v = strings.ReplaceAll(v[1:len(v)-1], `\"`, `"`)
		}
		out = append(out, styleText{file: name, s: v, line: i + 1})
	}
	return out
}

// StyleOpen counts the style findings that no acceptance covers.
func (r *Report) StyleOpen() int { return openFindings(r.Style) }

// openFindings counts the findings of fs that no acceptance covers.
func openFindings(fs []StyleFinding) int {
	n := 0
	for _, f := range fs {
		if f.Accepted == "" {
			n++
		}
	}
	return n
}

// writeStyle writes the style findings, open ones first, each as file:line: message and
// the line it was found in, then a count.
func (r *Report) writeStyle(b *strings.Builder) {
	if len(r.Style) == 0 {
		return
	}
	for _, accepted := range []bool{false, true} {
		for _, f := range r.Style {
			if (f.Accepted != "") != accepted {
				continue
			}
			b.WriteString(f.String() + "\n")
			if f.Loc.Text != "" && f.Rule != "accept" {
				fmt.Fprintf(b, "    %s\n", f.context())
			}
		}
	}
	open := r.StyleOpen()
	fmt.Fprintf(b, "style: %d %s, %d accepted\n\n", open, Plural(open, "finding", "findings"), len(r.Style)-open)
}
