package config

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"peacebuilding/internal/sitetest"
)

var loadErr = regexp.MustCompile(`^config\.toml:([0-9]+):( |[0-9]+: )\S`)

// FuzzLoad checks that every error of Load names config.toml and a line it has, one error
// per line, and that a config it accepts has what the rest of the build relies on: an
// absolute base URL ending in "/", languages in a fixed order with the default among them.
func FuzzLoad(f *testing.F) {
	for _, seed := range sitetest.Seeds(f, []string{"config.toml", "testdata/sites/basic/config.toml"}, "config.toml") {
		f.Add(seed)
	}
	f.Add([]byte("baseURL = \"http://x/\"\ndefaultLanguage = \"en\"\nasOf = \"2007\"\n[languages.en]\nname = \"E\"\ntitle = \"T\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Load(fstest.MapFS{"config.toml": {Data: data}}, "config.toml")
		if err != nil {
			lines := strings.Count(string(data), "\n") + 1
			for _, msg := range strings.Split(err.Error(), "\n") {
				m := loadErr.FindStringSubmatch(msg)
				if m == nil {
					t.Fatalf("Load(%q): error line %q does not start with config.toml:line:", data, msg)
				}
				if n, _ := strconv.Atoi(m[1]); n < 1 || n > lines {
					t.Fatalf("Load(%q): error %q names line %d of a file of %d lines", data, msg, n, lines)
				}
			}
			return
		}
		u, err := url.Parse(c.BaseURL)
		if err != nil || u.Host == "" || !strings.HasSuffix(c.BaseURL, "/") || !strings.HasSuffix(c.BasePath(), "/") {
			t.Fatalf("Load(%q) accepted baseURL %q", data, c.BaseURL)
		}
		codes := c.LanguageCodes()
		if len(codes) == 0 || !slices.Contains(codes, c.DefaultLanguage) {
			t.Fatalf("Load(%q): languages %q, default %q", data, codes, c.DefaultLanguage)
		}
		if !slices.IsSortedFunc(c.Languages, func(a, b Language) int {
			if a.Weight != b.Weight {
				return a.Weight - b.Weight
			}
			return strings.Compare(a.Code, b.Code)
		}) {
			t.Fatalf("Load(%q): languages %q not in weight, code order", data, codes)
		}
	})
}
