// Command testreport reads the events of `go test -json` on its standard input and prints
// what `go test` prints without -json (a line per package, and the output of each test
// that failed), followed by every skipped test with the reason it gives: a test whose tool
// is missing (Chromium, npm packages, pdftotext) says which command installs it, and
// `go test` alone would hide it behind its package's "ok". `make test` runs it:
//
//	go test -json ./... | go run ./scripts/testreport
//
// It exits with status 1 when a test or a package failed, or when it read no event at all
// (go test did not run).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// event is the part of a test2json event that the report needs.
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

func main() {
	failed, err := report(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintf(os.Stderr, "testreport: %v\n", err)
		os.Exit(1)
	}
	if failed {
		os.Exit(1)
	}
}

// report copies the summary of the events in r to w and reports whether anything failed.
func report(r io.Reader, w io.Writer) (failed bool, err error) {
	type key struct{ pkg, test string }
	output := map[key][]string{} // the output of each running test, until it ends
	var skipped []string
	events := 0
	dec := json.NewDecoder(bufio.NewReader(r))
	for {
		var e event
		if err := dec.Decode(&e); err == io.EOF {
			break
		} else if err != nil {
			return true, fmt.Errorf("reading go test -json output: %v", err)
		}
		events++
		k := key{e.Package, e.Test}
		switch {
		case e.Action == "build-output":
			fmt.Fprint(w, e.Output)
		case e.Action == "output" && e.Test == "":
			// "ok  pkg 1.2s", "FAIL", a panic outside a test; not the test binary's "PASS",
			// which go test without -json does not show either.
			if e.Output != "PASS\n" {
				fmt.Fprint(w, e.Output)
			}
		case e.Action == "output":
			output[k] = append(output[k], e.Output)
		case e.Action == "fail" || e.Action == "build-fail":
			failed = true
			if e.Test != "" {
				fmt.Fprint(w, strings.Join(output[k], ""))
			}
			delete(output, k)
		case e.Action == "skip" && e.Test != "":
			skipped = append(skipped, e.Package+" "+e.Test+": "+reason(output[k]))
			delete(output, k)
		case e.Action == "pass":
			delete(output, k)
		}
	}
	if events == 0 {
		return true, fmt.Errorf("no test events on the standard input: pipe go test -json into it")
	}
	if len(skipped) > 0 {
		fmt.Fprintf(w, "\nskipped (%d), with the reason:\n", len(skipped))
		for _, s := range skipped {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	return failed, nil
}

// reason is what a skipped test logged, without the lines go test adds ("=== RUN",
// "--- SKIP") and the file:line prefix of its messages.
func reason(lines []string) string {
	var msgs []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "=== ") || strings.HasPrefix(l, "--- ") {
			continue
		}
		if _, msg, ok := strings.Cut(l, ": "); ok && strings.Contains(l[:len(l)-len(msg)], ".go:") {
			l = msg
		}
		msgs = append(msgs, l)
	}
	if len(msgs) == 0 {
		return "(no reason given)"
	}
	return strings.Join(msgs, " ")
}
