package check

import (
	"slices"
	"strconv"

	"peacebuilding/internal/content"
	"peacebuilding/internal/numbers"
)

// FiguresNotInText finds the key figures of the source language's pages whose value the
// page's own text (its body and events) does not give, each as "file:line: figure N: …"
// at the figure's value: a figure changed in the front matter alone, which the page then
// shows beside a text that gives another number (an author's trial changed 90 to 85 in a
// figure, and the page said "nearly 85%" over "nearly 90 percent"), or a text changed
// alone. Every figure of the real briefs is in its text: the box repeats what the text
// says. A translation takes its figures' values from its source, and the translator
// check compares its text with them; only the source's files are read here.
func FiguresNotInText(in Input) []string {
	var out []string
	for _, f := range in.Files {
		if f.Lang != in.Config.DefaultLanguage || len(f.Front.Figures) == 0 {
			continue
		}
		var said []numbers.Number
		read := false
		for i, g := range f.Front.Figures {
			if g.Value == nil {
				continue // the build reports a figure without a value
			}
			if !read {
				said, read = numbers.Extract(textOf(f), f.Lang), true
			}
			if !slices.ContainsFunc(said, func(n numbers.Number) bool { return n.Value == *g.Value }) {
				out = append(out, f.Errorf(f.ItemLine("figures", i, "value"),
					"figure %d (%s): its value %s is not in the page's text: give it there too, or correct the one that is wrong",
					i+1, g.Label, strconv.FormatFloat(*g.Value, 'f', -1, 64)).Error())
			}
		}
	}
	return out
}

// textOf is the text of a page that states its numbers: its body and its events.
func textOf(f *content.File) string {
	text := f.Body
	for _, e := range f.Front.Events {
		text += "\n" + e.Text
	}
	return text
}
