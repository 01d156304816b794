package config

import (
	"strings"
	"testing"
)

// TestNormalizeBaseURL checks the addresses a publisher types by mistake: each is refused
// with what to write instead, and a good address comes back with its final slash.
func TestNormalizeBaseURL(t *testing.T) {
	for _, c := range []struct{ given, want, err string }{
		{"https://example.org/peace", "https://example.org/peace/", ""},
		{"https://example.org/peace/v1.2/", "https://example.org/peace/v1.2/", ""},
		{"https://example.org/a b/", "https://example.org/a%20b/", ""},
		{"example.org/peace/", "", "example.org/peace/ has no scheme (https://example.org/peace/)"},
		{"//example.org/peace/", "", "must be an absolute http(s) URL"},
		{"localhost:8080/briefing/", "", "localhost:8080/briefing/ has no scheme (http://localhost:8080/briefing/)"},
		{"example.org:8443/x", "", "has no scheme (https://example.org:8443/x)"},
		{"../public/", "", "must be an absolute http(s) URL without query or fragment"},
		{"./site", "", "must be an absolute http(s) URL without query or fragment"},
		{"https://example.org/a%2F%2Fb/", "https://example.org/a%2F%2Fb/", ""},
		{"https://example.org/peace/index.php", "", "leave out index.php"},
		{"https://example.org//peace//", "", "empty segment in its path (//peace//)"},
		{"https://example.org/peace/index.html", "", "not of a page (/peace/index.html): leave out index.html"},
		{"https://example.org/peace/Index.HTM", "", "leave out Index.HTM"},
		{"https://user:secret@example.org/", "", "must not hold a user name or password (user@)"},
		{"user:secret@example.org/", "", "must be an absolute http(s) URL without query or fragment"},
		{"https://example.org/?q=1", "", "without query or fragment"},
	} {
		got, err := NormalizeBaseURL(c.given)
		switch {
		case c.err == "" && (err != nil || got != c.want):
			t.Errorf("NormalizeBaseURL(%q) = %q, %v; want %q", c.given, got, err, c.want)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("NormalizeBaseURL(%q) = %q, %v; want an error with %q", c.given, got, err, c.err)
		case err != nil && strings.Contains(err.Error(), "secret"):
			t.Errorf("NormalizeBaseURL(%q) repeats the password: %v", c.given, err)
		}
	}
}
