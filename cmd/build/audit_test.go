package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAuditCommand audits a built folder on disk: clean after a build, then with one page
// deleted, when every link to it is reported and the command fails.
func TestAuditCommand(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	out := filepath.Join(root, "public")
	writeFixture(t, root)
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-root", root, "-out", out, "-q"}, &stdout, &stderr); err != nil {
		t.Fatalf("building the fixture: %v\n%s", err, stderr.String())
	}
	if err := run([]string{"audit", out}, &stdout, &stderr); err != nil {
		t.Fatalf("audit of a fresh build: %v\n%s", err, stderr.String())
	}
	if want := "no problems (base URL https://example.org/briefing/)"; !strings.Contains(stdout.String(), want) {
		t.Errorf("audit printed %q, want a line with %q", stdout.String(), want)
	}

	if err := os.Remove(filepath.Join(out, "en", "themes", "mine-action", "index.html")); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if err := run([]string{"audit", "-baseurl", "https://example.org/briefing/", out}, &stdout, &stderr); err == nil {
		t.Fatal("audit of a tree with a missing page succeeded")
	}
	got := strings.ReplaceAll(stderr.String(), out, "OUT")
	for _, want := range []string{
		`OUT/en/countries/cambodia/index.html: <a href="../../themes/mine-action/"> leads to en/themes/mine-action/index.html, which the output does not have (layouts/country.html)`,
		`OUT/ja/themes/mine-action/index.html: hreflang "en" leads to en/themes/mine-action/index.html, which the output does not have (layouts/theme.html)`,
		`OUT/sitemap.xml: <loc>https://example.org/briefing/en/themes/mine-action/</loc> leads to en/themes/mine-action/index.html, which the output does not have`,
		"audit failed: ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("audit output lacks\n%s\ngot:\n%s", want, got)
		}
	}
}

// The build's line counts the compressed copies that -precompress puts beside the files,
// made or kept, so that a plain build's removing them is no surprise.
func TestBuildLineCountsCompressedCopies(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	out := filepath.Join(root, "public")
	writeFixture(t, root)
	for i, args := range [][]string{{"-precompress"}, {"-precompress"}, {}} {
		var stdout, stderr bytes.Buffer
		if err := run(append([]string{"-root", root, "-out", out}, args...), &stdout, &stderr); err != nil {
			t.Fatalf("build %d: %v\n%s", i+1, err, stderr.String())
		}
		var copies int
		filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err == nil && (strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".br")) {
				copies++
			}
			return nil
		})
		line := stdout.String()
		switch i {
		case 0, 1:
			if copies == 0 || !strings.Contains(line, fmt.Sprintf(", %d compressed copies, 0 removed)", copies)) {
				t.Errorf("build %d with -precompress made %d copies and printed %q", i+1, copies, line)
			}
		case 2:
			if copies != 0 || !strings.Contains(line, " removed)") || strings.Contains(line, "compressed") {
				t.Errorf("a plain build after -precompress left %d copies and printed %q", copies, line)
			}
		}
	}
}
