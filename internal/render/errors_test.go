package render

import (
	"errors"
	"strings"
	"testing"
)

// TestJoinExecErrorsReportsEachMessageOnce: a slip that fails many pages alike is one
// error naming the first page by path, with the layout of that page, and how many others;
// other messages stay errors of their own.
func TestJoinExecErrorsReportsEachMessageOnce(t *testing.T) {
	slip := errors.New("error calling Keep: no such name")
	err := JoinExecErrors([]error{
		&ExecError{Page: "ja/timeline/", Layout: "timeline", Err: slip},
		&ExecError{Page: "en/countries/sudan/", Layout: "country", Err: slip},
		&ExecError{Page: "en/", Layout: "home", Err: errors.New("template: home.html:3:5: executing \"main\" at <.X>: nil")},
		nil,
		&ExecError{Page: "en/countries/cambodia/", Layout: "country", Err: slip},
	})
	got := strings.Split(err.Error(), "\n")
	want := []string{
		"rendering en/countries/cambodia/ and 2 other page(s) with layouts/country.html: error calling Keep: no such name",
		`layouts/home.html:3:5: executing "main" at <.X>: nil (rendering en/)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("JoinExecErrors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
