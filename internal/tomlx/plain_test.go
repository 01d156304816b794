package tomlx

import "testing"

// The parser's messages for the mistakes writers make are said in a writer's words, at a
// column counted in characters.
func TestPlainMessages(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"closing quote missing", "title = \"カンボジア\nsummary = \"x\"\n", `1:15: title: closing quote missing: a text in "…" ends on the line where it starts (for several lines, write """…""")`},
		{"quotation marks inside a text", "summary = \"日本は\"平和\"を\"\n", `1:16: the text ends at the quotation mark before 平: use 「」 or \" for quotation marks inside a text`},
		{"no quotes", "a = \"x\"\ntitle = カンボジア\n", `2:9: title: a text needs quotation marks: "カンボジア"`},
		// What a Japanese input method or a word processor types for the syntax.
		{"a full-width equals sign", "title ＝ \"カンボジア\"\n", `1:7: a full-width ＝: write = (half-width)`},
		{"curly quotation marks", "title = “カンボジア”\n", `1:9: title: a curly quotation mark “: write the text in straight quotation marks, "…"`},
		{"a full-width bracket", "［[accept]]\n", `1:1: a full-width ［: write [ (half-width)`},
		{"a key after a table", "[[accept]]\nrule = \"x\"\ntitle = \"y\"\n", `3: title is read as part of [[accept]] above it: write the keys such as title before the first [table] or [[table]]`},
		{"a list not closed at the end", "title = \"x\"\nsummary = [\"a\",\n", `2: summary: the closing ] of the list is missing: the lines below are read as part of it`},
		{"a misspelt table with a dotted key", "title = \"x\"\n\n[acept]\nsub.rule = \"y\"\n", `3: unknown key "acept" (did you mean "accept"?)`},
		{"a misspelt list", "title = \"x\"\n\n[[acept]]\nrule = \"y\"\n", `3: unknown key "acept" (did you mean "accept"?)`},
		{"a single table, then a list", "[accept]\nrule = \"x\"\n\n[[accept]]\nrule = \"y\"\n", `4:3: [[accept]] after a single [accept] above: every item of a list is written [[accept]], the first one too`},
		{"text after the value", "title = \"カンボジア\" x\n", `1:16: unexpected x after the value: write one key = value per line`},
		{"a key written twice", "title = \"x\"\nsummary = \"s\"\ntitle = \"y\"\n", `3: title is written twice (first on line 1): keep one`},
		{"a key written twice in a list item", "[[accept]]\nrule = \"x\"\n\n[[accept]]\nrule = \"y\"\nrule = \"z\"\n", `6: accept.rule is written twice (first on line 5): keep one`},
		{"a key in another case", "title = \"x\"\nTitle = \"y\"\n", `2: key "Title": keys are case-sensitive: write title`},
		{"a key of a list item in another case", "[[accept]]\nRule = \"x\"\n", `2: key "accept.Rule": keys are case-sensitive: write rule`},
		{"a list item without its closing bracket", "title = \"x\"\n[[accept]\nrule = \"y\"\n", `2:10: the closing ] is missing: a table is written [name], an item of a list [[name]]`},
		{"a list item without its closing bracket, CRLF", "title = \"x\"\r\n[[accept]\r\nrule = \"y\"\r\n", `2:10: the closing ] is missing: a table is written [name], an item of a list [[name]]`},
		{"a table without its closing bracket", "title = \"x\"\n[accept\nrule = \"y\"\n", `2:8: the closing ] is missing: a table is written [name], an item of a list [[name]]`},
		{"a list of a list item without its closing bracket", "[[accept]]\nrule = \"a\"\nthemes = [\"a\"]\n\n[[accept]]\nrule = \"b\"\nthemes = [\"a\", \"b\"\n\n[[accept]]\nrule = \"c\"\n", `7: accept.themes: the closing ] of the list is missing: the lines below are read as part of it`},
		{"a list without its closing bracket", "title = \"x\"\nsummary = [\"a\", \"b\"\n\n[[accept]]\nrule = \"y\"\n", `2: summary: the closing ] of the list is missing: the lines below are read as part of it`},
		{"no value", "title = \nsummary = \"s\"\n", `1:9: title: the value is missing after the =: write it on the same line (a text in quotation marks, "…")`},
		{"no value before a comment", "title = # to do\n", `1:9: title: the value is missing after the =: write it on the same line (a text in quotation marks, "…")`},
		{"no value at the end", "a = \"x\"\ntitle =", `2:7: title: the value is missing after the =: write it on the same line (a text in quotation marks, "…")`},
		{"no equals sign", "title \"x\"\n", `1:7: the = is missing: write key = value`},
		{"a key alone", "a = \"x\"\ntitle\n", `2:6: the = is missing: write key = value`},
		// In a list item the parser names the list: the glossary's [[terms]] had said
		// "terms: expected '.' or '=', but got '\"' instead".
		{"no equals sign in a list item", "[[accept]]\nrule = \"x\"\nlabel \"y\"\n", `3:7: the = is missing: write key = value`},
		// A key of the top level: the parser's message had been taken for a key with a
		// space and quoted, "invalid datetime": "2003-03".
		{"a top-level month without quotation marks", "title = \"x\"\ndate = 2003-03\nsummary = \"y\"\n", `2:8: date: a date is written as a text, in quotation marks: "2003-03"`},
		// A date without quotation marks: a month alone is no TOML date, a day is one,
		// and a year a number; in a list, the item without them, not the last one.
		{"a month without quotation marks", "[[accept]]\nrule = 2003-03\n", `2:8: accept.rule: a date is written as a text, in quotation marks: "2003-03"`},
		{"a day without quotation marks", "[[accept]]\nrule = 2003-03-01\n\n[[accept]]\nrule = \"2004\"\n", `2: accept.rule: a text is written in quotation marks: rule = "2003-03-01"`},
		{"a year without quotation marks", "[[accept]]\nrule = \"2003\"\n\n[[accept]]\nrule = 2004 # the year\n\n[[accept]]\nrule = \"2005\"\n", `5: accept.rule: a text is written in quotation marks: rule = "2004"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var v struct {
				A, Title, Summary string
				Accept            []struct {
					Rule   string
					Themes []string
				}
			}
			_, errs := Decode(tt.src, 1, &v, []string{"accept", "rule", "themes", "title"})
			if len(errs) != 1 || errs[0].Error() != tt.want {
				t.Errorf("Decode(%q) = %v, want %s", tt.src, errs, tt.want)
			}
		})
	}
}
