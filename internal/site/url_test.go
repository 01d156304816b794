package site

import "testing"

func TestURLFor(t *testing.T) {
	for _, c := range []struct{ lang, key, want string }{
		{"en", "_index", "en/"},
		{"ja", "countries/_index", "ja/countries/"},
		{"en", "countries/cambodia", "en/countries/cambodia/"},
		{"ja", "about", "ja/about/"},
	} {
		if got := URLFor(c.lang, c.key); got != c.want {
			t.Errorf("URLFor(%q, %q) = %q, want %q", c.lang, c.key, got, c.want)
		}
	}
}

func TestRel(t *testing.T) {
	for _, c := range []struct{ from, to, want string }{
		{"en/countries/cambodia/", "en/themes/ddr/", "../../themes/ddr/"},
		{"en/countries/cambodia/", "en/countries/sudan/", "../sudan/"},
		{"en/countries/cambodia/", "ja/countries/cambodia/", "../../../ja/countries/cambodia/"},
		{"en/", "en/countries/", "countries/"},
		{"en/", "en/", "./"},
		{"", "en/", "en/"},
		{"", "assets/style.css", "assets/style.css"},
		{"en/countries/", "assets/style.css", "../../assets/style.css"},
		{"404.html", "en/", "en/"},
		{"en/countries/cambodia/", "", "../../../"},
	} {
		if got := Rel(c.from, c.to); got != c.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}
