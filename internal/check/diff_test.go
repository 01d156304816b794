package check

import (
	"slices"
	"testing"
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
