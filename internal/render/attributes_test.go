package render_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"peacebuilding/internal/sitetest"
)

// html/template reads an attribute whose name, without a data- prefix, starts with "on"
// as an event handler: it escapes a value put there as a script's string, quotes and all.
// data-one="{{.T "search_one"}}" gave the search page a result count in quotation marks
// ("1 result for “x”."). The site's Content-Security-Policy allows no inline handlers,
// so no layout has a reason for such a name.
func TestNoLayoutAttributeIsReadAsAHandler(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(sitetest.RepoRoot(), "layouts", "*.html"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no layouts: %v", err)
	}
	handler := regexp.MustCompile(`\s((?:data-)?on[\w-]*)\s*=`)
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			for _, m := range handler.FindAllStringSubmatch(line, -1) {
				t.Errorf("%s:%d: attribute %s: html/template escapes its value as a script; name it otherwise", filepath.Base(path), i+1, m[1])
			}
		}
	}
}
