package audit

import (
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
)

// netURLResolve is how the audit resolved links before it had its own path join: url.Parse,
// then ResolveReference against the base URL joined with the page's URL.
func netURLResolve(r *resolver, pageURL, val string) (target, bool) {
	u, err := url.Parse(val)
	if err != nil {
		return target{}, false
	}
	from := *r.base
	from.Path += pageURL
	from.RawPath = ""
	abs := from.ResolveReference(u)
	return r.target(abs.Scheme, abs.Host, abs.Path, abs.Fragment, u.Scheme != "" || u.Host != ""), true
}

// TestResolverAgreesWithNetURL checks that the plain-path shortcut of resolve gives what
// net/url gives, on the links of real pages and on many random ones made of the characters
// that matter to URLs, from pages at many depths, for plain and unusual base URLs.
func TestResolverAgreesWithNetURL(t *testing.T) {
	bases := []string{
		"https://example.org/briefing/", "http://127.0.0.1:8080/", "https://example.net/a/b/",
		"HTTPS://Example.ORG/Briefing/", "https://example.org/a%20b/", "https://example.org/a%2Fb/",
		"https://example.org/x/?q=1", "https://example.org/x/#top", "https://u@example.org/",
		"ftp://example.org/", "https://[::1]:8443/site/",
	}
	pages := []string{"", "en/", "en/a/", "ja/countries/b/", "404.html", "a b/", "x%y/", "é/", "en/./a/", "../"}
	links := []string{
		"", "#", "#main", "#%E9%81%B8%E6%8C%99", "#選挙", "#%zz", "#a#b", "a/", "a", "./", ".", "..", "../",
		"../../", "../../../../x/", "/briefing/en/", "/en/", "//example.org/x", "///x", "a//b/", "a/./b/../c",
		"../ja/a/#%E9%81%B8%E6%8C%99", "assets/style.css", "a?b", "a:b", "mailto:x@example.org",
		"javascript:alert(1)", "https://www.undp.org/", "a%2Fb/../c", "%2e%2e/", "é/ü", "a b", "a\x7fb", "\\x",
	}
	for _, b := range bases {
		links = append(links, b, b+"en/", b+"en/a/#main", b+"../x/", b+"en//a", b+"en/%E9/", b+"en/#%E9%81%B8")
	}
	alphabet := []string{"a", "é", "/", "/", ".", "..", "#", "%", "%2F", "%41", "%E9", ":", "?", "@", "//", "\\", " ", "-", "~", "\x01"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		if rng.IntN(4) == 0 {
			b.WriteString(bases[rng.IntN(len(bases))])
		}
		for range rng.IntN(8) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		links = append(links, b.String())
	}
	plain := 0
	for _, b := range bases {
		r, err := newResolver(b)
		if err != nil {
			t.Fatalf("newResolver(%q): %v", b, err)
		}
		for _, p := range pages {
			for _, l := range links {
				got, ok := r.resolvePlain(p, l)
				if !ok {
					continue
				}
				plain++
				want, ok := netURLResolve(r, p, l)
				if !ok {
					t.Errorf("base %q, page %q: resolvePlain(%q) = %+v, but url.Parse fails", b, p, l, got)
				} else if got != want {
					t.Errorf("base %q, page %q: resolvePlain(%q) =\n%+v, net/url gives\n%+v", b, p, l, got, want)
				}
			}
		}
	}
	if plain < 10000 {
		t.Errorf("only %d links took the plain path", plain)
	}
}
