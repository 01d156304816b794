package browsertest

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// hvResult is one file of html-validate's JSON report.
type hvResult struct {
	FilePath string
	Messages []struct {
		RuleID   string
		Severity int
		Message  string
		Line     int
		Column   int
		Selector string
	}
}

// htmlValidate runs html-validate with the project's .htmlvalidate.json on paths, from the
// project folder so that npx finds the installed package, and returns its report.
func htmlValidate(t *testing.T, paths ...string) []hvResult {
	t.Helper()
	npx, err := exec.LookPath("npx")
	if err != nil {
		missingTool(t, "npx is not installed (Node.js 20.19 or later with npm): apt-get install nodejs npm, then npm ci in the project folder")
	}
	if _, err := nodeModule(site.root, "html-validate/package.json"); err != nil {
		missingTool(t, "html-validate is not installed (node_modules/html-validate): run npm ci in the project folder")
	}
	// The report goes to a file: node cuts a large report written to a pipe short when
	// html-validate exits.
	report := filepath.Join(t.TempDir(), "report.json")
	args := append([]string{"--no-install", "html-validate", "--config", filepath.Join(site.root, ".htmlvalidate.json"), "--formatter", "json=" + report}, paths...)
	cmd := exec.Command(npx, args...)
	cmd.Dir = site.root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	// html-validate exits 1 when it finds a problem; the report says which.
	if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
		t.Fatalf("npx html-validate: %v\n%s", err, out.String())
	}
	data, rerr := os.ReadFile(report)
	if rerr != nil {
		t.Fatalf("npx html-validate wrote no report (%v): %v\n%s", err, rerr, out.String())
	}
	var res []hvResult
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatalf("reading html-validate's report: %v\n%s", err, out.String())
	}
	return res
}

// TestHTMLValid validates every built page, minified as published, with html-validate
// (html-validate:recommended, adjusted in .htmlvalidate.json). Each problem is reported
// as file:line:column: message (rule).
func TestHTMLValid(t *testing.T) {
	for _, r := range htmlValidate(t, site.dir) {
		rel, err := filepath.Rel(site.dir, r.FilePath)
		if err != nil {
			rel = r.FilePath
		}
		for _, m := range r.Messages {
			t.Errorf("%s:%d:%d: %s (%s, at %s)", filepath.ToSlash(rel), m.Line, m.Column, m.Message, m.RuleID, m.Selector)
		}
	}
}

// TestHTMLValidateCatchesErrors feeds the validator a page with known faults, so that a
// validator that checks nothing (a wrong path, a config that turns everything off) cannot
// make TestHTMLValid pass.
func TestHTMLValidateCatchesErrors(t *testing.T) {
	dir := t.TempDir()
	bad := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>` +
		`<body><main><p id="a">one</p><p id="a">two</p><img src="x.png"><div><span></div></main></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "bad.html"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, r := range htmlValidate(t, dir) {
		for _, m := range r.Messages {
			rules[m.RuleID] = true
		}
	}
	for _, want := range []string{"no-dup-id", "wcag/h37", "close-order"} {
		if !rules[want] {
			t.Errorf("html-validate did not report %s on a page with that fault; it reported %v", want, keys(rules))
		}
	}
}

func keys(m map[string]bool) string {
	return strings.Join(slices.Sorted(maps.Keys(m)), ", ")
}
