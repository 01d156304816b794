package content

import (
	"slices"
	"testing"

	"peacebuilding/internal/markdown"
)

// TestStraightQuotesInFrontMatter warns of a straight quotation mark or apostrophe in the
// texts a page shows, at each one's line, once per line; typographic ones and numbers are
// no finding.
func TestStraightQuotesInFrontMatter(t *testing.T) {
	const name = "content/en/countries/chad.md"
	f := &File{Lang: "en", Path: "countries/chad.md", Name: name}
	err := Parse(f, []byte(`+++
title = "Chad"
summary = "Japan's aid to Chad."
weight = 10

[facts]
capital = "N’Djamena"

[[events]]
date = "2004"
text = "The \"Chad initiative\" and Japan's part in it."

[[figures]]
value = 1.5
unit = "million"
label = "Japan’s grant"
+++
Text.
`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		name + ":3: " + markdown.StraightQuoteAdvice,
		name + ":11: " + markdown.StraightQuoteAdvice,
	}
	if !slices.Equal(f.StraightQuotes, want) {
		t.Errorf("StraightQuotes =\n%q\nwant\n%q", f.StraightQuotes, want)
	}
}
