package browsertest

import (
	"testing"
)

// TestNotFoundPageLanguageFirst: the 404 page, served for a missing URL, shows the site
// header and both notices; under a language's folder that language comes first (its
// header is the one shown, its notice first, the page's lang and title its own, and the
// skip link that the first Tab reaches is its own).
func TestNotFoundPageLanguageFirst(t *testing.T) {
	tb := newTab(t, false)
	type state struct {
		Lang, Title, FirstNotice, Header string
		Headers                          int
		Skip                             string // the lang of the skip link Tab reaches
	}
	const stateJS = `(() => {
		const shown = [...document.querySelectorAll(".site-header")].filter(h => h.getBoundingClientRect().height > 0);
		return {
			Lang: document.documentElement.lang, Title: document.title,
			FirstNotice: document.querySelector(".chooser-lang").lang,
			Header: shown.length ? shown[0].getAttribute("data-lang") : "",
			Headers: shown.length,
			Skip: (document.activeElement && document.activeElement.classList.contains("skip")) ? document.activeElement.lang : "",
		};
	})()`
	for _, c := range []struct{ path, lang, title string }{
		{"en/no-such-page/", "en", "Page not found"},
		{"ja/countries/no-such-country/", "ja", "ページが見つかりません"},
		{"no-such-folder/", site.langs[0], "Page not found"},
	} {
		t.Run(c.path, func(t *testing.T) {
			tb.page(t)
			if status := tb.open(t, site.base+c.path); status != 404 {
				t.Fatalf("GET %s: status %d, want 404", c.path, status)
			}
			tb.takeErrors() // the 404 status of the document itself
			press(t, tb, "\t")
			s := eval[state](t, tb, stateJS)
			if s.Lang != c.lang || s.FirstNotice != c.lang || s.Header != c.lang || s.Headers != 1 || s.Skip != c.lang {
				t.Errorf("%s: %+v, want lang, first notice, the one header shown and the skip link in %q", c.path, s, c.lang)
			}
			if len(s.Title) < len(c.title) || s.Title[:len(c.title)] != c.title {
				t.Errorf("%s: title %q, want it to start with %q", c.path, s.Title, c.title)
			}
		})
	}
}
