package numbers

import (
	"cmp"
	"fmt"
	"strconv"
	"time"
)

// A Date is a calendar date of the precision its source gives: a year
// (Month and Day are 0), a month of a year (Day is 0) or a day. Dates compare
// with ==; Compare orders them.
type Date struct {
	Year, Month, Day int
}

var monthNames = [...]string{
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
}

// ParseDate reads a date of the content model: "YYYY", "YYYY-MM" or
// "YYYY-MM-DD". The error says what is wrong, for the build to put after
// file:line:col:
//
//	date "2006-04-31": day 31 is not between 1 and 30 in April 2006
func ParseDate(s string) (Date, error) {
	if !dateShape(s) {
		return Date{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	d := Date{Year: atoi(s[0:4])}
	if len(s) >= 7 {
		d.Month = atoi(s[5:7])
	}
	if len(s) == 10 {
		d.Day = atoi(s[8:10])
	}
	err := d.check()
	// A zero field means "not given" in a Date, so check lets "-00" pass.
	switch {
	case err != nil:
	case len(s) >= 7 && d.Month == 0:
		err = fmt.Errorf("month 0 is not between 1 and 12")
	case len(s) == 10 && d.Day == 0:
		err = fmt.Errorf("day 0 is not between 1 and %d in %s %d", lastDay(d.Year, d.Month), monthName(d.Month), d.Year)
	}
	if err != nil {
		return Date{}, fmt.Errorf("date %q: %v", s, err)
	}
	return d, nil
}

// FormatDate writes a content-model date in the reader's language:
// "2006", "December 2006", "23 October 1991" in English (day first, as the
// source documents write it) and "2006年", "2006年12月", "1991年10月23日" in
// Japanese. Any lang other than "ja" is English.
func FormatDate(date, lang string) (string, error) {
	d, err := ParseDate(date)
	if err != nil {
		return "", err
	}
	return d.Format(lang), nil
}

// Format writes d as FormatDate does.
func (d Date) Format(lang string) string {
	ja := lang == "ja"
	switch {
	case d.Month == 0 && ja:
		return fmt.Sprintf("%d年", d.Year)
	case d.Month == 0:
		return strconv.Itoa(d.Year)
	case d.Day == 0 && ja:
		return fmt.Sprintf("%d年%d月", d.Year, d.Month)
	case d.Day == 0:
		return fmt.Sprintf("%s %d", monthName(d.Month), d.Year)
	case ja:
		return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day)
	}
	return fmt.Sprintf("%d %s %d", d.Day, monthName(d.Month), d.Year)
}

// FormatInYear writes d without its year, for a list grouped by year: "June",
// "23 October" in English, "6月", "10月23日" in Japanese; "" for a date that is only
// a year.
func (d Date) FormatInYear(lang string) string {
	ja := lang == "ja"
	switch {
	case d.Month == 0:
		return ""
	case d.Day == 0 && ja:
		return fmt.Sprintf("%d月", d.Month)
	case d.Day == 0:
		return monthName(d.Month)
	case ja:
		return fmt.Sprintf("%d月%d日", d.Month, d.Day)
	}
	return fmt.Sprintf("%d %s", d.Day, monthName(d.Month))
}

// String writes d as the content model does: "2006", "2006-12", "1991-10-23".
func (d Date) String() string {
	switch {
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e. A date
// sorts after the more precise dates inside it ("2006-01-01" < "2006-01" <
// "2006-12" < "2006"), so a timeline lists an event of "2003" after those of
// its months: the source dates by its year alone an event that it tells as
// following another (Japan Platform's projects in Iraq "after the US military
// offensive" of March 2003, Akashi's appointment after the ceasefire of
// February 2002), or a total reached within the year; listed first, they read
// as if they came before.
func (d Date) Compare(e Date) int {
	return cmp.Or(
		cmp.Compare(d.Year, e.Year),
		cmp.Compare(cmp.Or(d.Month, 13), cmp.Or(e.Month, 13)),
		cmp.Compare(cmp.Or(d.Day, 32), cmp.Or(e.Day, 32)),
	)
}

// check reports what makes d impossible, if anything. A zero Month or Day
// means that the date is less precise, not that it is wrong.
func (d Date) check() error {
	switch {
	case d.Year < 1 || d.Year > 9999:
		return fmt.Errorf("year %d is not between 1 and 9999", d.Year)
	case d.Month < 0 || d.Month > 12 || d.Month == 0 && d.Day != 0:
		return fmt.Errorf("month %d is not between 1 and 12", d.Month)
	case d.Month == 0 || d.Day == 0:
		return nil
	}
	if last := lastDay(d.Year, d.Month); d.Day < 1 || d.Day > last {
		return fmt.Errorf("day %d is not between 1 and %d in %s %d", d.Day, last, monthName(d.Month), d.Year)
	}
	return nil
}

// lastDay is the number of days in a month. Day 0 of the next month is the
// last day of this one, and time.Date knows the Gregorian leap years.
func lastDay(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dateShape reports whether s is YYYY, YYYY-MM or YYYY-MM-DD in ASCII digits.
func dateShape(s string) bool {
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i == 4 || i == 7 {
			if s[i] != '-' {
				return false
			}
		} else if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi reads a short run of ASCII digits that the caller has checked.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func monthName(m int) string {
	if m < 1 || m > 12 {
		return strconv.Itoa(m)
	}
	return monthNames[m-1]
}
