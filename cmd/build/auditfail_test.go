package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildAuditFailureNamesContentFile builds the fixture with a country layout that links
// a page the output does not have: the build fails, leaves no output, and its messages name
// the content file of each page as well as the layout, although a build that passes its
// audit never makes the map of where each page and link comes from (audit.Sources).
func TestBuildAuditFailureNamesContentFile(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	out := filepath.Join(root, "public")
	writeFixture(t, root)
	layout := filepath.Join(root, "layouts", "country.html")
	broken := strings.Replace(string(readFile(t, layout)), `<article class="wrap brief brief-country">`, `<article class="wrap brief brief-country"><a href="../nowhere/">x</a>`, 1)
	writeFile(t, layout, []byte(broken))
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-root", root, "-out", out, "-q"}, &stdout, &stderr); err == nil {
		t.Fatal("a build whose pages link a missing page succeeded")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a build that failed its audit left %s (%v)", out, err)
	}
	got := strings.ReplaceAll(stderr.String(), out, "OUT")
	want := `OUT/en/countries/cambodia/index.html: <a href="../nowhere/"> leads to en/countries/nowhere/index.html, which the output does not have (page of content/en/countries/cambodia.md, layouts/country.html)`
	if !strings.Contains(got, want) {
		t.Errorf("build output lacks\n%s\ngot:\n%s", want, got)
	}
}
