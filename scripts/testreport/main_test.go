package main

import (
	"strings"
	"testing"
)

// events is go test -json output of a package with a passing, a skipped and a failing
// test, and a second package whose build failed.
const events = `{"Action":"start","Package":"p"}
{"Action":"run","Package":"p","Test":"TestPass"}
{"Action":"output","Package":"p","Test":"TestPass","Output":"=== RUN   TestPass\n"}
{"Action":"output","Package":"p","Test":"TestPass","Output":"    a_test.go:3: passing noise\n"}
{"Action":"pass","Package":"p","Test":"TestPass"}
{"Action":"output","Package":"p","Test":"TestTool","Output":"=== RUN   TestTool\n"}
{"Action":"output","Package":"p","Test":"TestTool","Output":"    a_test.go:9: no Chromium found: apt-get install chromium\n"}
{"Action":"output","Package":"p","Test":"TestTool","Output":"--- SKIP: TestTool (0.00s)\n"}
{"Action":"skip","Package":"p","Test":"TestTool"}
{"Action":"output","Package":"p","Test":"TestFail","Output":"    a_test.go:12: got 1, want 2\n"}
{"Action":"output","Package":"p","Test":"TestFail","Output":"--- FAIL: TestFail (0.00s)\n"}
{"Action":"fail","Package":"p","Test":"TestFail"}
{"Action":"output","Package":"p","Output":"FAIL\tp\t0.01s\n"}
{"Action":"fail","Package":"p"}
{"Action":"output","Package":"q","Output":"PASS\n"}
{"Action":"output","Package":"q","Output":"ok  \tq\t0.01s\n"}
{"Action":"pass","Package":"q"}
`

func TestReportShowsFailuresAndSkipsWithTheirReason(t *testing.T) {
	var out strings.Builder
	failed, err := report(strings.NewReader(events), &out)
	if err != nil || !failed {
		t.Fatalf("report = %v, %v; want failed, no error", failed, err)
	}
	want := "    a_test.go:12: got 1, want 2\n--- FAIL: TestFail (0.00s)\nFAIL\tp\t0.01s\nok  \tq\t0.01s\n" +
		"\nskipped (1), with the reason:\n  p TestTool: no Chromium found: apt-get install chromium\n"
	if out.String() != want {
		t.Errorf("report printed\n%s\nwant\n%s", out.String(), want)
	}
}

func TestReportPassesWhenNothingFailed(t *testing.T) {
	var out strings.Builder
	in := `{"Action":"output","Package":"q","Output":"ok  \tq\t0.01s\n"}` + "\n" + `{"Action":"pass","Package":"q"}`
	if failed, err := report(strings.NewReader(in), &out); failed || err != nil {
		t.Errorf("report = %v, %v; want not failed", failed, err)
	}
}

func TestReportFailsWithoutEvents(t *testing.T) {
	if failed, err := report(strings.NewReader(""), &strings.Builder{}); !failed || err == nil {
		t.Errorf("report of no input = %v, %v; want failed with an error", failed, err)
	}
}
