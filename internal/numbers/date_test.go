package numbers

import (
	"slices"
	"strings"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Date
	}{
		{"year", "2006", Date{2006, 0, 0}},
		{"month", "2006-12", Date{2006, 12, 0}},
		{"day", "1991-10-23", Date{1991, 10, 23}},
		{"leap day", "2004-02-29", Date{2004, 2, 29}},
		{"leap day of a 400th year", "2000-02-29", Date{2000, 2, 29}},
		{"last day of a 31-day month", "2006-12-31", Date{2006, 12, 31}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("ParseDate(%q) = %+v, %v, want %+v, nil", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"slashes", "2006/12", `date "2006/12": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{"one-digit month", "2006-1", `date "2006-1": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{"two-digit year", "06-12", `date "06-12": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{"empty", "", `date "": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{"words", "December 2006", `date "December 2006": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{"full-width digits", "２００６", `date "２００６": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{"month 13", "2006-13", `date "2006-13": month 13 is not between 1 and 12`},
		{"month 00", "2006-00", `date "2006-00": month 0 is not between 1 and 12`},
		{"day 31 in a 30-day month", "2006-04-31", `date "2006-04-31": day 31 is not between 1 and 30 in April 2006`},
		{"29 February in a common year", "2007-02-29", `date "2007-02-29": day 29 is not between 1 and 28 in February 2007`},
		{"29 February of 1900", "1900-02-29", `date "1900-02-29": day 29 is not between 1 and 28 in February 1900`},
		{"day 00", "2006-04-00", `date "2006-04-00": day 0 is not between 1 and 30 in April 2006`},
		{"day 32", "2006-01-32", `date "2006-01-32": day 32 is not between 1 and 31 in January 2006`},
		{"year 0000", "0000", `date "0000": year 0 is not between 1 and 9999`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseDate(tt.in)
			if err == nil || err.Error() != tt.want {
				t.Errorf("ParseDate(%q) error = %v, want %s", tt.in, err, tt.want)
			}
		})
	}
}

func TestFormatDate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		lang string
		want string
	}{
		{"en year", "2006", "en", "2006"},
		{"en month", "2006-12", "en", "December 2006"},
		{"en day", "1991-10-23", "en", "23 October 1991"},
		{"en day without leading zero", "2003-03-09", "en", "9 March 2003"},
		{"ja year", "2006", "ja", "2006年"},
		{"ja month", "2006-12", "ja", "2006年12月"},
		{"ja day", "1991-10-23", "ja", "1991年10月23日"},
		{"ja month without leading zero", "2007-01", "ja", "2007年1月"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FormatDate(tt.in, tt.lang)
			if err != nil || got != tt.want {
				t.Errorf("FormatDate(%q, %q) = %q, %v, want %q, nil", tt.in, tt.lang, got, err, tt.want)
			}
		})
	}
}

func TestFormatInYearLeavesTheYearOut(t *testing.T) {
	for _, tt := range []struct{ in, lang, want string }{
		{"2006", "en", ""},
		{"2006-12", "en", "December"},
		{"1991-10-23", "en", "23 October"},
		{"2006", "ja", ""},
		{"2006-12", "ja", "12月"},
		{"1991-10-23", "ja", "10月23日"},
	} {
		d, err := ParseDate(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.FormatInYear(tt.lang); got != tt.want {
			t.Errorf("ParseDate(%q).FormatInYear(%q) = %q, want %q", tt.in, tt.lang, got, tt.want)
		}
		// What is left out is the year, and only the year: FormatDate adds it back.
		if full := d.Format(tt.lang); tt.want != "" && !strings.Contains(full, tt.want) {
			t.Errorf("FormatInYear %q is not part of Format %q", tt.want, full)
		}
	}
}

func TestFormatDateRejectsInvalidDate(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		got, err := FormatDate("2006-13", lang)
		if err == nil || !strings.Contains(err.Error(), "month 13") {
			t.Errorf("FormatDate(%q, %q) = %q, %v, want an error about month 13", "2006-13", lang, got, err)
		}
	}
}

func TestDateString(t *testing.T) {
	for _, s := range []string{"2006", "2006-12", "1991-10-23", "0999-01-01"} {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatalf("ParseDate(%q): %v", s, err)
		}
		if got := d.String(); got != s {
			t.Errorf("ParseDate(%q).String() = %q, want %q", s, got, s)
		}
	}
}

func TestDateCompareSortsTimeline(t *testing.T) {
	in := []string{"2006-12", "1991-10-23", "2006", "1991", "2006-01-01", "1991-10", "2006-01", "1993-05"}
	want := []string{"1991-10-23", "1991-10", "1991", "1993-05", "2006-01-01", "2006-01", "2006-12", "2006"}
	var dates []Date
	for _, s := range in {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatalf("ParseDate(%q): %v", s, err)
		}
		dates = append(dates, d)
	}
	slices.SortFunc(dates, Date.Compare)
	var got []string
	for _, d := range dates {
		got = append(got, d.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("sorted by Compare: %q, want %q", got, want)
	}
}

func TestDateCompare(t *testing.T) {
	tests := []struct {
		name string
		a, b Date
		want int
	}{
		{"equal", Date{2006, 12, 0}, Date{2006, 12, 0}, 0},
		{"earlier year", Date{1991, 12, 31}, Date{2006, 1, 1}, -1},
		{"later month", Date{2006, 12, 0}, Date{2006, 1, 31}, 1},
		{"year after its months", Date{2006, 0, 0}, Date{2006, 12, 0}, 1},
		{"month after its days", Date{2006, 1, 0}, Date{2006, 1, 31}, 1},
		{"year after its last day", Date{2006, 0, 0}, Date{2006, 12, 31}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Compare(tt.b); got != tt.want {
				t.Errorf("%v.Compare(%v) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}
