package tomlx

import "testing"

// A value of the wrong type is named in a writer's words, with the line to write when a
// number or true/false was put in quotation marks: an author's trial read "figures.value:
// must be a float, not a string" as jargon. A key after a [[table]] line names the table
// as written.
func TestTypeErrorsInAWritersWords(t *testing.T) {
	type figure struct{ Value *float64 }
	type front struct {
		Value   *float64
		Weight  *int
		Draft   bool
		Title   string
		Themes  []string
		Figures []figure
	}
	known := []string{"value", "weight", "draft", "title", "themes", "figures"}
	for _, c := range []struct{ src, want string }{
		{`value = "50"`, "value: must be a number, not a text: write it without quotation marks: value = 50"},
		{"[[figures]]\nvalue = \"1,300\"", "figures.value: must be a number, not a text: write it without quotation marks or commas: value = 1300"},
		{`weight = "10"`, "weight: must be a whole number, not a text: write it without quotation marks: weight = 10"},
		{`weight = "ten"`, "weight: must be a whole number, not a text"},
		{`weight = "1.5"`, "weight: must be a whole number, not a text"},
		{`weight = 1.5`, "weight: must be a whole number, not a decimal"},
		{`draft = "true"`, "draft: must be true or false, not a text: write it without quotation marks: draft = true"},
		{`draft = "yes"`, "draft: must be true or false, not a text"},
		{`themes = "ddr"`, `themes: must be a list in brackets, ["…"], not a text`},
		{`themes = [1, 2]`, `themes: each item must be a text, not a whole number`},
		{`title = ["a"]`, `title: must be a text, not a list in brackets, ["…"]`},
		{`value = 2003-01-01`, `value: must be a number, not a date`},
		{`value = "1,5"`, `value: must be a number, not a text`},
		{`value = "0x1p4"`, `value: must be a number, not a text`},
		{`value = "12.5"`, `value: must be a number, not a text: write it without quotation marks: value = 12.5`},
		{"[[figures]]\nvalue = 1\nweight = 3", "weight is read as part of [[figures]] above it: write the keys such as weight before the first [table] or [[table]]"},
	} {
		var f front
		_, errs := Decode(c.src+"\n", 1, &f, known)
		if len(errs) != 1 || errs[0].Msg != c.want {
			var got []string
			for _, e := range errs {
				got = append(got, e.Msg)
			}
			t.Errorf("%q: errors %q, want %q", c.src, got, c.want)
		}
	}
}
