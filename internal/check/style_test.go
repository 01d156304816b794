package check

import (
	"fmt"
	"io/fs"
	"os"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"peacebuilding/internal/sitetest"
)

// realProject copies what a check reads of the real project (config.toml, content/,
// data/, i18n/) into memory, so that a test can plant a mistake in a copy.
func realProject(t *testing.T) fstest.MapFS {
	return sitetest.Copy(t, "config.toml", "content", "data", "i18n")
}

// onlyPages is project with pages as its only content files.
func onlyPages(project fstest.MapFS, pages ...string) fstest.MapFS {
	out := fstest.MapFS{}
	for name, f := range project {
		if !strings.HasPrefix(name, "content/") || slices.Contains(pages, name) {
			out[name] = f
		}
	}
	return out
}

func runOn(t *testing.T, fsys fs.FS) *Report {
	t.Helper()
	in, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return Run(in)
}

// TestRealContentFollowsTheStyleSheet: the Japanese pages and UI strings have no open
// style finding, and every acceptance in the sheet singles out one occurrence.
func TestRealContentFollowsTheStyleSheet(t *testing.T) {
	fsys := os.DirFS(sitetest.RepoRoot())
	st, err := LoadStyle(fsys, StyleFile)
	if err != nil {
		t.Fatal(err)
	}
	if st == nil || len(st.Rules) == 0 {
		t.Fatalf("%s has no rules", StyleFile)
	}
	rep := runOn(t, fsys)
	for _, f := range rep.Style {
		if f.Accepted == "" {
			t.Errorf("%s", f)
		}
	}
}

// TestEveryStyleRuleFailsTheCheckWhenPlanted plants each rule's example into a copy of
// a real page, in the body and in the summary of a Japanese page, and expects the check
// to fail with a finding of that rule at the planted file and line. The project checked
// is the real one with that page and its English original as its only content, on which
// the check passes: a style finding is a finding of one file, and the check of the whole
// content, 68 times, took most of this package's time.
func TestEveryStyleRuleFailsTheCheckWhenPlanted(t *testing.T) {
	const page = "content/ja/countries/cambodia.md"
	base := onlyPages(realProject(t), page, "content/en/countries/cambodia.md")
	if rep := runOn(t, base); rep.Failed(false) {
		var out strings.Builder
		rep.WriteText(&out)
		t.Fatalf("the check fails on %s and its original before anything is planted:\n%s", page, out.String())
	}
	st, err := ParseStyle(StyleFile, string(base[StyleFile].Data))
	if err != nil {
		t.Fatal(err)
	}
	orig := string(base[page].Data)
	summary := strings.Index(orig, "\nsummary = \"")
	if summary < 0 {
		t.Fatalf("%s has no summary line", page)
	}
	summaryLine := strings.Count(orig[:summary+1], "\n") + 1
	for _, r := range st.Rules {
		// In the body the report names the column of the form too, in characters.
		column := utf8.RuneCountInString(r.Example[:r.Find(r.Example)[0][0]]) + 1
		planted := map[string]struct {
			text   string
			line   int
			column string
		}{
			// A paragraph at the end of the body: the file's last line + 2.
			"body": {strings.TrimRight(orig, "\n") + "\n\n" + r.Example + "\n", strings.Count(strings.TrimRight(orig, "\n"), "\n") + 3, fmt.Sprintf("%d:", column)},
			// The start of the summary, in the front matter (TOML escapes for its quotes).
			"summary": {orig[:summary] + "\nsummary = \"" + tomlEscape(r.Example) + orig[summary+len("\nsummary = \""):], summaryLine, ""},
		}
		for where, p := range planted {
			t.Run(r.ID+"/"+where, func(t *testing.T) {
				fsys := fstest.MapFS{}
				for k, v := range base {
					fsys[k] = v
				}
				fsys[page] = &fstest.MapFile{Data: []byte(p.text)}
				rep := runOn(t, fsys)
				if !rep.Failed(false) {
					t.Errorf("the check passed with %q planted in the %s of %s", r.Example, where, page)
				}
				found := false
				for _, f := range rep.Style {
					if f.Rule == r.ID && f.Loc.File == page && f.Loc.Line == p.line && f.Accepted == "" {
						found = true
					}
				}
				if !found {
					t.Errorf("no %s finding at %s:%d for %q; findings: %v", r.ID, page, p.line, r.Example, rep.Style)
				}
				var out strings.Builder
				if err := rep.WriteText(&out); err != nil {
					t.Fatal(err)
				}
				if want := fmt.Sprintf("%s:%d:%s style %s: ", page, p.line, p.column, r.ID); !strings.Contains(out.String(), want) {
					t.Errorf("the report does not name the place: want a line starting %q", want)
				}
			})
		}
	}
}

func tomlEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
}

// TestStyleAcceptance: an acceptance covers exactly the occurrence it quotes, the check
// then passes; an acceptance that matches nothing, or two occurrences, is a finding.
func TestStyleAcceptance(t *testing.T) {
	base := realProject(t)
	const page = "content/ja/countries/cambodia.md"
	// The text is added to the page's last paragraph: a paragraph of its own would be a
	// structure finding (one more paragraph than the English).
	body := strings.TrimRight(string(base[page].Data), "\n")
	line := strings.Count(body, "\n") + 1
	sheet := string(base[StyleFile].Data)
	accept := func(text string) string {
		return sheet + fmt.Sprintf("\n[[accept]]\nfile = %q\nrule = \"oyobi\"\ntext = %q\nreason = \"quoted as written\"\n", page, text)
	}
	cases := []struct {
		name, paragraph, sheet string
		open, accepted         int
		acceptFinding          bool
	}{
		{"one occurrence accepted", "選挙および警察の支援。", accept("選挙および警察"), 0, 1, false},
		{"the other occurrence is still reported", "選挙および警察、人権および法の支配。", accept("選挙および警察"), 1, 1, false},
		{"an acceptance that matches nothing", "選挙及び警察の支援。", accept("選挙および警察"), 0, 0, true},
		{"an acceptance that matches two occurrences", "選挙および警察、人権および法の支配。", accept("および"), 2, 0, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range base {
				fsys[k] = v
			}
			fsys[page] = &fstest.MapFile{Data: []byte(body + c.paragraph + "\n")}
			fsys[StyleFile] = &fstest.MapFile{Data: []byte(c.sheet)}
			rep := runOn(t, fsys)
			open, accepted, acceptFinding := 0, 0, false
			for _, f := range rep.Style {
				switch {
				case f.Rule == "accept":
					acceptFinding = true
					if f.Loc.File != StyleFile || f.Loc.Line != strings.Count(sheet, "\n")+3 {
						t.Errorf("acceptance finding at %s:%d, want the [[accept]] line of %s", f.Loc.File, f.Loc.Line, StyleFile)
					}
				case f.Accepted != "":
					accepted++
				default:
					open++
					if f.Loc.Line != line {
						t.Errorf("finding at line %d, want %d", f.Loc.Line, line)
					}
				}
			}
			if open != c.open || accepted != c.accepted || acceptFinding != c.acceptFinding {
				t.Errorf("open %d, accepted %d, acceptance reported %v; want %d, %d, %v\n%v", open, accepted, acceptFinding, c.open, c.accepted, c.acceptFinding, rep.Style)
			}
			if got, want := rep.Failed(false), c.open > 0 || c.acceptFinding; got != want {
				t.Errorf("Failed = %v, want %v", got, want)
			}
		})
	}
}

// TestParseStyleErrors: a broken sheet is reported with its file and the line of the rule
// or acceptance at fault.
func TestParseStyleErrors(t *testing.T) {
	const head = "lang = \"ja\"\n\n"
	rule := func(fields string) string { return head + "[[rules]]\nid = \"x\"\n" + fields }
	cases := []struct {
		name, src, want string
	}{
		{"no lang", "[[rules]]\nid = \"x\"\n", "style.toml:1: lang is missing"},
		{"bad pattern", rule("pattern = '[a'\npreferred = \"b\"\nexample = \"a\"\n"), "style.toml:4: rule \"x\": pattern: "},
		{"no forms", rule("preferred = \"b\"\nexample = \"a\"\n"), "style.toml:4: rule \"x\": needs forms or a pattern"},
		{"no preferred form", rule("forms = [\"a\"]\nexample = \"a\"\n"), "style.toml:4: rule \"x\": needs the preferred form"},
		{"no example", rule("forms = [\"a\"]\npreferred = \"b\"\n"), "style.toml:4: rule \"x\": needs an example"},
		{"example without the form", rule("forms = [\"a\"]\npreferred = \"b\"\nexample = \"c\"\n"), "style.toml:4: rule \"x\": finds nothing in its example \"c\""},
		{"allowed text with the form", rule("forms = [\"a\"]\npreferred = \"b\"\nexample = \"a\"\nallowed = [\"bab\"]\n"), "style.toml:4: rule \"x\": finds \"a\" in the allowed text \"bab\""},
		{"unknown key", rule("form = [\"a\"]\n"), "style.toml:5: unknown key"},
		{"acceptance without a reason", rule("forms = [\"a\"]\npreferred = \"b\"\nexample = \"a\"\n") + "\n[[accept]]\nfile = \"f\"\nrule = \"x\"\ntext = \"a\"\n", "style.toml:10: an acceptance needs a reason"},
		{"acceptance of an unknown rule", rule("forms = [\"a\"]\npreferred = \"b\"\nexample = \"a\"\n") + "\n[[accept]]\nfile = \"f\"\nrule = \"y\"\ntext = \"a\"\nreason = \"r\"\n", "style.toml:10: acceptance of unknown rule \"y\""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseStyle("style.toml", c.src)
			if err == nil {
				t.Fatalf("ParseStyle(%q) = nil error, want %q", c.src, c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("ParseStyle(%q) = %q, want it to contain %q", c.src, err, c.want)
			}
		})
	}
}

// The strings a rule's matches must contain (requiredLiterals) let the check skip a text
// only when the rule finds nothing in it: over the examples, the allowed texts and every
// line of the real Japanese content, no text in which a rule finds a form is skipped. And
// the skip serves: most rules have such strings.
func TestStyleRulesSkipOnlyTextsWithoutAForm(t *testing.T) {
	fsys := realProject(t)
	st, err := LoadStyle(fsys, StyleFile)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for name, f := range fsys {
		if strings.HasPrefix(name, "content/ja/") {
			texts = append(texts, strings.Split(string(f.Data), "\n")...)
		}
	}
	withNeeds := 0
	for _, r := range st.Rules {
		if r.needs != nil {
			withNeeds++
		}
		for _, s := range append(append([]string{r.Example}, r.Allowed...), texts...) {
			if len(r.Find(s)) > 0 && !slices.Contains(st.needs.mayMatch(s), r) {
				t.Errorf("rule %s finds %q in %q, but its strings %q are not there", r.ID, s[r.Find(s)[0][0]:r.Find(s)[0][1]], s, r.needs)
			}
		}
	}
	if withNeeds*4 < len(st.Rules)*3 {
		t.Errorf("only %d of %d rules have strings to look for first", withNeeds, len(st.Rules))
	}
}

func TestRequiredLiterals(t *testing.T) {
	for _, tt := range []struct {
		re   string
		want []string
	}{
		{`および|ならびに`, []string{"および", "ならびに"}},
		{`元兵士(?:$|[^の]|の$|の[^市])`, []string{"元兵士"}},
		{`[『「（][A-Za-z][^』」）「『（\n]*’[A-Za-z]`, []string{"’"}},
		{`「[^「」\n]*(?:会議|会合)」`, []string{"会合」", "会議」"}},
		{`a*`, nil},
		{`[^x]+`, nil},
	} {
		re, err := syntax.Parse(tt.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got := requiredLiterals(re.Simplify())
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("requiredLiterals(%s) = %q, want %q", tt.re, got, tt.want)
		}
	}
}

// A half-width pair of parentheses in Japanese is one finding, the pair with the
// character beside it; a lone one is one too.
func TestHalfWidthParenthesesAreOneFinding(t *testing.T) {
	st, err := LoadStyle(realProject(t), StyleFile)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(st.Rules, func(r *StyleRule) bool { return r.ID == "half-width-parenthesis" })
	if i < 0 {
		t.Fatal("no rule half-width-parenthesis")
	}
	r := st.Rules[i]
	for s, want := range map[string][]string{
		"要員を派遣(UNTAC)した。":       {"遣(UNTAC)"},
		"(UNTAC)に派遣した。":         {"(UNTAC)に"},
		"国連(UNTAC、UNMIS)と(PKO)": {"連(UNTAC、UNMIS)", "と(PKO)"},
		"派遣(した。":                {"遣("},
		"Efforts (2007)":        nil,
	} {
		var got []string
		for _, m := range r.Find(s) {
			got = append(got, s[m[0]:m[1]])
		}
		if !slices.Equal(got, want) {
			t.Errorf("in %q: %q, want %q", s, got, want)
		}
	}
}

// A style finding's column counts the characters of the line as written, also after a
// misspelt link, whose destination the style check blanks byte by byte.
func TestStyleColumnAfterAMisspeltLink(t *testing.T) {
	fsys := plant(t, realProject(t), []edit{{jaCambodia, "[法の支配](../themes/rule-of-law.md)", "[法の支配]（../themes/rule-of-law.md）と派遣(UNTAC)した"}})
	in, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	line := string(fsys[jaCambodia].Data)
	line = line[strings.LastIndex(line[:strings.Index(line, "派遣(UNTAC)")], "\n")+1:]
	want := utf8.RuneCountInString(line[:strings.Index(line, "遣(UNTAC)")]) + 1
	var got []string
	for _, f := range Run(in).Style {
		if f.Rule == "half-width-parenthesis" && f.Loc.File == jaCambodia {
			if f.Column == want {
				return
			}
			got = append(got, fmt.Sprint(f.Column))
		}
	}
	t.Errorf("the finding of 遣(UNTAC) is at columns %v, want %d", got, want)
}

// A style finding quotes the text as written, link destinations included, which the
// rules do not read: a translator's trial could not find "る([現地社会の尊重とオーナー
// シップ]    参照)", its destination blanked, in the file.
func TestStyleFindingQuotesTheTextAsWritten(t *testing.T) {
	fsys := plant(t, realProject(t), []edit{{jaCambodia, "[法の支配](../themes/rule-of-law.md)", "([法の支配](../themes/rule-of-law.md)参照)"}})
	in, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	const want = "([法の支配](../themes/rule-of-law.md)参照)"
	for _, f := range Run(in).Style {
		if f.Rule == "half-width-parenthesis" && f.Loc.File == jaCambodia {
			if !strings.HasSuffix(f.Form, want) || !strings.Contains(f.Message, want) || !strings.Contains(f.Loc.Text, want) {
				t.Errorf("the finding quotes %q in %q, line %q; want %q", f.Form, f.Message, f.Loc.Text, want)
			}
			return
		}
	}
	t.Error("no half-width-parenthesis finding in the planted text")
}

// A rule whose pattern names a group form finds only that group, the rest of the match
// being context: a translator's trial was told of "元兵士の社" in 元兵士の社会復帰. A form
// of the rule's list, outside the pattern, is found whole.
func TestStyleFormGroupIsWhatIsFound(t *testing.T) {
	st, err := ParseStyle("style.toml", `lang = "ja"
[[rules]]
id = "x"
forms = ["旧兵士"]
pattern = '(?P<form>元兵士)(?:$|[^の]|の[^市])'
preferred = "元戦闘員"
example = "元兵士の社会復帰"
`)
	if err != nil {
		t.Fatal(err)
	}
	r := st.Rules[0]
	for s, want := range map[string][]string{
		"元兵士の社会復帰":       {"元兵士"},
		"元兵士の市民社会への復帰":   nil,
		"元兵士、元兵士の社会":     {"元兵士", "元兵士"},
		"旧兵士と元兵士":        {"旧兵士", "元兵士"},
		"児童及び女性の元兵士のDDR": {"元兵士"},
	} {
		var got []string
		for _, m := range r.Find(s) {
			got = append(got, s[m[0]:m[1]])
		}
		if !slices.Equal(got, want) {
			t.Errorf("in %q: %q, want %q", s, got, want)
		}
	}
}

// A finding in a long paragraph prints its line around it, not the whole paragraph for
// each finding in it.
func TestStyleFindingContext(t *testing.T) {
	line := strings.Repeat("あ", 100) + "および" + strings.Repeat("い", 100)
	f := StyleFinding{Form: "および", Loc: Loc{Text: line}, at: len(strings.Repeat("あ", 100))}
	want := "…" + strings.Repeat("あ", contextRunes) + "および" + strings.Repeat("い", contextRunes) + "…"
	if got := f.context(); got != want {
		t.Errorf("context = %q, want %q", got, want)
	}
	short := StyleFinding{Form: "および", Loc: Loc{Text: "民法および民事訴訟法"}, at: len("民法")}
	if got := short.context(); got != "民法および民事訴訟法" {
		t.Errorf("context of a short line = %q, want it whole", got)
	}
}

// TestStyleSheetRulesFindEachForm runs rules of the project's style sheet on texts with
// more than one form, or with forms that the rule must leave: each form is found once,
// whole.
func TestStyleSheetRulesFindEachForm(t *testing.T) {
	st, err := LoadStyle(realProject(t), StyleFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		rule, text string
		want       []string
	}{
		{"half-width-kana", "ｶﾝﾎﾞｼﾞｱとｱﾌﾘｶ", []string{"ｶﾝﾎﾞｼﾞｱ", "ｱﾌﾘｶ"}},
		{"era-year", "平成18年、平成19年に", []string{"平成18年", "平成19年"}},
		{"era-year", "平成18年～平成20年", []string{"平成18年", "平成20年"}},
		{"era-year", "昭和元年に", []string{"昭和元年"}},
		{"era-year", "令和元年", []string{"令和元年"}},
		{"era-year", "平成１８年に", []string{"平成１８年"}},
		{"era-year", "2004（平成16）年4月と2004年（平成16年）4月、平成17年度以降", nil},
	} {
		i := slices.IndexFunc(st.Rules, func(r *StyleRule) bool { return r.ID == c.rule })
		if i < 0 {
			t.Fatalf("no rule %q in the style sheet", c.rule)
		}
		var got []string
		for _, m := range st.Rules[i].Find(c.text) {
			got = append(got, c.text[m[0]:m[1]])
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s in %q: %q, want %q", c.rule, c.text, got, c.want)
		}
	}
}
