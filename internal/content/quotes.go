package content

import (
	"fmt"
	"strings"

	"peacebuilding/internal/markdown"
)

// straightQuotes lists the texts of f's front matter that a page shows and that write a
// straight quotation mark or apostrophe, as "file:line: message" warnings, one per line:
// the build warns of them in the body (markdown.StraightQuoteAdvice), and an author's
// summary with "Japan's" was shown in the indexes and the search among texts of "Japan’s".
// TOML needs \" for a quotation mark in a basic string, so no way of writing one is
// meant as it is.
func (f *File) straightQuotes() []string {
	var out []string
	seen := map[int]bool{}
	check := func(text string, line int) {
		if strings.ContainsAny(text, `"'`) && !seen[line] {
			seen[line] = true
			out = append(out, fmt.Sprintf("%s:%d: %s", f.Name, line, markdown.StraightQuoteAdvice))
		}
	}
	fm := &f.Front
	check(fm.Title, f.lineOr("title"))
	check(fm.Summary, f.lineOr("summary"))
	if fm.Facts != nil {
		check(fm.Facts.OfficialName, f.Line("facts", "official_name"))
		check(fm.Facts.Capital, f.Line("facts", "capital"))
		check(strings.Join(fm.Facts.Languages, " "), f.Line("facts", "languages"))
		check(fm.Facts.Source, f.Line("facts", "source"))
	}
	for i, e := range fm.Events {
		check(e.Text, f.ItemLine("events", i, "text"))
	}
	for i, g := range fm.Figures {
		check(g.Label, f.ItemLine("figures", i, "label"))
	}
	for i, c := range fm.Corrections {
		check(c.Source, f.ItemLine("corrections", i, "source"))
		check(c.Correction, f.ItemLine("corrections", i, "correction"))
		check(c.Note, f.ItemLine("corrections", i, "note"))
	}
	return out
}
