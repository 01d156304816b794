package content

import (
	"fmt"
	"strings"

	"peacebuilding/internal/markdown"
)

// FrontText is a text of the front matter that a page shows, at its file line.
type FrontText struct {
	Text string
	Line int
	// Quotation says that the text quotes the source document as it is: a correction's
	// source.
	Quotation bool
}

// FrontTexts lists the texts of f's front matter that a page shows, in the order of the
// front matter's keys: title, summary, the text facts (the languages joined with 、), the
// events' texts, the figures' labels and the corrections.
func (f *File) FrontTexts() []FrontText {
	fm := &f.Front
	out := []FrontText{{Text: fm.Title, Line: f.Line("title")}, {Text: fm.Summary, Line: f.Line("summary")}}
	if fm.Facts != nil {
		out = append(out,
			FrontText{Text: fm.Facts.OfficialName, Line: f.Line("facts", "official_name")},
			FrontText{Text: fm.Facts.Capital, Line: f.Line("facts", "capital")},
			FrontText{Text: strings.Join(fm.Facts.Languages, "、"), Line: f.Line("facts", "languages")},
			FrontText{Text: fm.Facts.Source, Line: f.Line("facts", "source")})
	}
	for i, e := range fm.Events {
		out = append(out, FrontText{Text: e.Text, Line: f.ItemLine("events", i, "text")})
	}
	for i, g := range fm.Figures {
		out = append(out, FrontText{Text: g.Label, Line: f.ItemLine("figures", i, "label")})
	}
	for i, c := range fm.Corrections {
		out = append(out,
			FrontText{Text: c.Source, Line: f.ItemLine("corrections", i, "source"), Quotation: true},
			FrontText{Text: c.Correction, Line: f.ItemLine("corrections", i, "correction")},
			FrontText{Text: c.Note, Line: f.ItemLine("corrections", i, "note")})
	}
	return out
}

// straightQuotes lists the texts of f's front matter that a page shows and that write a
// straight quotation mark or apostrophe, as "file:line: message" warnings, one per line:
// the build warns of them in the body (markdown.StraightQuoteAdvice), and an author's
// summary with "Japan's" was shown in the indexes and the search among texts of "Japan’s".
// TOML needs \" for a quotation mark in a basic string, so no way of writing one is
// meant as it is.
func (f *File) straightQuotes() []string {
	var out []string
	seen := map[int]bool{}
	for _, t := range f.FrontTexts() {
		if strings.ContainsAny(t.Text, `"'`) && !seen[t.Line] {
			seen[t.Line] = true
			out = append(out, fmt.Sprintf("%s:%d: %s", f.Name, t.Line, markdown.StraightQuoteAdvice))
		}
	}
	return out
}
