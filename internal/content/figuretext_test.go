package content

import "testing"

// writesInFull finds a whole number as the text writes it, with or without its commas, and
// not a number that holds it: a figure it finds needs no reading of every number.
func TestWritesInFull(t *testing.T) {
	for _, c := range []struct {
		text string
		v    float64
		want bool
	}{
		{"a total of 8,140 SDF personnel", 8140, true},
		{"a total of 8140 personnel", 8140, true},
		{"要員8,140人", 8140, true},
		{"some 18,140 personnel", 8140, false},
		{"8,140.5 tonnes", 8140, false},
		{"in 2003, 8,140.", 8140, true},
		{"1.3 million people", 1300000, false},
		{"50 staff", 50, true},
		{"150 staff", 50, false},
		{"0.50 of it", 50, false},
		{"nearly 90 percent", 90, true},
		{"90.5 percent", 90.5, false}, // not a whole number: read by numbers.Extract
		{"see [the report](https://x.org/report-50)", 50, false},
		{"the 50th session", 50, false},
		{"a 50-member team", 50, false},
		{"US$50 million", 50, false},
		{"US$50 in cash", 50, true},
		{"約2,000万ドル", 2000, false},
		{"(50)", 50, true},
	} {
		if got := writesInFull(c.text, c.v); got != c.want {
			t.Errorf("writesInFull(%q, %v) = %v, want %v", c.text, c.v, got, c.want)
		}
	}
}
