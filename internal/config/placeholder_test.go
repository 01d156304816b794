package config

import "testing"

func TestPlaceholder(t *testing.T) {
	for base, want := range map[string]bool{
		"https://peacebuilding.example.org/":  true,
		"https://example.com/briefing/":       true,
		"http://EXAMPLE.NET./":                true,
		"https://briefing.example/":           true,
		"https://site.test/":                  true,
		"http://localhost:1313/":              true,
		"http://127.0.0.1:8080/briefing/":     true,
		"http://[::1]/":                       true,
		"https://www.mofa.go.jp/policy/":      false,
		"https://owner.github.io/repository/": false,
		"https://example.org.jp/":             false, // a real name that starts like one
		"https://myexample.org/":              false,
		"https://192.0.2.10/":                 false, // a documentation address, but not this machine's
	} {
		if got := Placeholder(base); got != want {
			t.Errorf("Placeholder(%q) = %v, want %v", base, got, want)
		}
	}
}
