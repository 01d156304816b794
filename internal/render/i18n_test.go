package render

import (
	"testing"
	"testing/fstest"
)

func TestMissingUIStringFailsNamingKeyAndLanguage(t *testing.T) {
	i18n := fstest.MapFS{
		"en.toml": {Data: []byte("a = \"A\"\nb = \"B\"\n")},
		"ja.toml": {Data: []byte("a = \"エー\"\n")},
	}
	r := &Renderer{strings: map[string]map[string]string{}}
	err := r.loadStrings(i18n, []string{"en", "ja"})
	want := `i18n/ja.toml: missing key "b" (defined in i18n/en.toml)`
	if err == nil || err.Error() != want {
		t.Errorf("loadStrings error = %v, want %q", err, want)
	}
}
