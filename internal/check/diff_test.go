package check

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"peacebuilding/internal/content"
)

// A stale entry shows the sentences that changed, not the whole section.
func TestSentenceDiff(t *testing.T) {
	old := "Japan sent 1,300 personnel. They repaired roads.\nThe UN praised them.\n\n- one item\n- two items"
	cur := "Japan sent 1,300 personnel. They repaired\nroads and bridges. The UN praised them.\n\n- one item\n- two items\n- three items"
	c := sentenceDiff("body", old, cur)
	if want := []string{"They repaired roads."}; !slices.Equal(c.Removed, want) {
		t.Errorf("removed %q, want %q", c.Removed, want)
	}
	if want := []string{"They repaired roads and bridges.", "- three items"}; !slices.Equal(c.Added, want) {
		t.Errorf("added %q, want %q", c.Added, want)
	}
	ja := sentencesOf("日本は要員を派遣した。道路を補修した。")
	if want := []string{"日本は要員を派遣した。", "道路を補修した。"}; !slices.Equal(ja, want) {
		t.Errorf("sentencesOf(ja) = %q, want %q", ja, want)
	}
}

// Two sentences of one part reworded: each old form is followed by its new one, and a
// new sentence that rewords none comes last.
func TestChangeLinesPairTheRewordedSentences(t *testing.T) {
	c := sentenceDiff("section #aid", "Japan worked actively for a political solution. It hosted the Tokyo meeting. The conference agreed to create ICORC.",
		"Japan worked hard for a political settlement. It hosted the Tokyo meeting. The conference agreed to set up ICORC. Japan remains the largest donor.")
	var got []string
	for _, l := range c.Lines() {
		word := "was"
		if l.Added {
			word = "now"
		}
		got = append(got, word+": "+l.Text)
	}
	want := []string{
		"was: Japan worked actively for a political solution.",
		"now: Japan worked hard for a political settlement.",
		"was: The conference agreed to create ICORC.",
		"now: The conference agreed to set up ICORC.",
		"now: Japan remains the largest donor.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines of the change:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A long sentence changed near its end is shown around the change, was and now alike: cut
// at the same place from their start, both showed the same words.
func TestClipPairShowsTheChange(t *testing.T) {
	head := strings.Repeat("Japan supports peace in many places. ", 10) // 370 runes
	was, now := clipPair(head+"It helps Liberia.", head+"It helps neighbouring Liberia.")
	if was == now {
		t.Fatalf("clipPair shows the same text for both: %q", was)
	}
	if !strings.Contains(now, "neighbouring Liberia.") || !strings.Contains(was, "It helps Liberia.") {
		t.Errorf("clipPair = %q, %q: want each around its change", was, now)
	}
	if !strings.HasPrefix(was, "…") || utf8.RuneCountInString(was) > clippedRunes+2 {
		t.Errorf("clipPair's was = %q: want it cut at its start, at most %d runes", was, clippedRunes)
	}
	if w, n := clipPair("Short.", "Short, changed."); w != "Short." || n != "Short, changed." {
		t.Errorf("clipPair cut short sentences: %q, %q", w, n)
	}
}

// An event inserted into a list is one event added, with its text, not every event after
// it changed; one changed is named by its place in the new list.
func TestChangesPairListItemsByText(t *testing.T) {
	parse := func(events ...string) *content.File {
		src := "+++\ntitle = \"T\"\nsummary = \"S.\"\n"
		for _, e := range events {
			src += "\n[[events]]\ndate = \"2002-05\"\ntext = \"" + e + "\"\n"
		}
		f := &content.File{Name: "content/en/countries/t.md", Lang: "en"}
		if err := content.Parse(f, []byte(src+"+++\nBody.\n")); err != nil {
			t.Fatal(err)
		}
		return f
	}
	old := parse("One.", "Two.", "Three.", "Four.")
	cur := parse("One.", "New.", "Two.", "Three, changed.", "Four.")
	got, diff := changes(old, cur)
	if want := []string{"event 2 (added)", "event 4"}; !slices.Equal(got, want) {
		t.Errorf("changes = %q, want %q", got, want)
	}
	var lines []string
	for _, c := range diff {
		for _, l := range c.Lines() {
			lines = append(lines, c.Where+": "+map[bool]string{false: "was ", true: "now "}[l.Added]+l.Text)
		}
	}
	if want := []string{"event 2 (added): now New.", "event 4: was Three.", "event 4: now Three, changed."}; !slices.Equal(lines, want) {
		t.Errorf("the changes' sentences are %q, want %q", lines, want)
	}
}

// A reworded sentence shows the words the rewording took out and put in, as runs.
func TestWordParts(t *testing.T) {
	was, now := wordParts("Japan worked actively to end the conflict.", "Japan worked actively and patiently to end the long conflict.")
	wantWas := []DiffPart{{Text: "Japan worked actively to end the conflict."}}
	wantNow := []DiffPart{{Text: "Japan worked actively "}, {Text: "and patiently", Changed: true}, {Text: " to end the "}, {Text: "long", Changed: true}, {Text: " conflict."}}
	if !slices.Equal(was, wantWas) || !slices.Equal(now, wantNow) {
		t.Errorf("wordParts:\n was %+v\n now %+v\nwant\n was %+v\n now %+v", was, now, wantWas, wantNow)
	}
	// A number changed is the changed run of each.
	was, now = wordParts("It sent 1,300 personnel.", "It sent 1,200 personnel.")
	if got := fmt.Sprint(was, now); got != "[{It sent 1, false} {300 true} { personnel. false}] [{It sent 1, false} {200 true} { personnel. false}]" {
		t.Errorf("wordParts of a number: %s", got)
	}
}

// A list item's marker stands apart from its sentence's parts: the sentence is what
// changed, not "- " (a translator's trial read the marker struck through with it).
func TestChangeLinesKeepTheListMarkerApart(t *testing.T) {
	c := Change{Where: "section #aid", Removed: []string{"- civilian police officers;"}, Added: []string{"- civilian police officers and monitors;", "1. a new item."}}
	var got []string
	for _, l := range c.Lines() {
		var text strings.Builder
		for _, p := range l.Parts {
			text.WriteString(p.Text)
		}
		got = append(got, fmt.Sprintf("%q%q", l.Marker, text.String()))
	}
	want := []string{`"- ""civilian police officers;"`, `"- ""civilian police officers and monitors;"`, `"1. ""a new item."`}
	if !slices.Equal(got, want) {
		t.Errorf("lines %q, want %q", got, want)
	}
}

// A section is named by its heading in quotation marks once: a heading that is a
// quotation as a whole keeps its own marks ("“Two wheels of one cart”" read as doubled).
func TestSectionLabelQuotesOnce(t *testing.T) {
	for _, c := range []struct{ title, id, want string }{
		{"Aid", "aid", `section "Aid" (#aid)`},
		{"“Two wheels of one cart”", "two-wheels", `section “Two wheels of one cart” (#two-wheels)`},
		{"「車の両輪」", "", `section 「車の両輪」`},
		{"“Two” and “three”", "", `section "“Two” and “three”"`},
		{"", "", "introduction"},
	} {
		if got := (section{title: c.title, id: c.id}).label(); got != c.want {
			t.Errorf("label of %q = %s, want %s", c.title, got, c.want)
		}
	}
}
