package browsertest

import (
	"testing"
)

// TestNotFoundPageLanguageFirst: the 404 page, served for a missing URL, shows the site
// header and both notices; under a language's folder that language comes first (its
// header is the one shown, its notice first, the page's lang and title its own, and the
// skip link that the first Tab reaches is its own), and its search box, which searches
// that language's edition, starts with the words of the missing address's last part.
func TestNotFoundPageLanguageFirst(t *testing.T) {
	tb := newTab(t, false)
	type state struct {
		Lang, Title, FirstNotice, Header string
		Headers                          int
		Skip                             string // the lang of the skip link Tab reaches
		Query, Action                    string // the first notice's search box and where it searches
	}
	const stateJS = `(() => {
		const shown = [...document.querySelectorAll(".site-header")].filter(h => h.getBoundingClientRect().height > 0);
		return {
			Lang: document.documentElement.lang, Title: document.title,
			FirstNotice: document.querySelector(".chooser-lang").lang,
			Header: shown.length ? shown[0].getAttribute("data-lang") : "",
			Headers: shown.length,
			Skip: (document.activeElement && document.activeElement.classList.contains("skip")) ? document.activeElement.lang : "",
			Query: document.querySelector(".chooser-lang input[name=q]").value,
			Action: document.querySelector(".chooser-lang form").action,
		};
	})()`
	for _, c := range []struct{ path, lang, title, query string }{
		{"en/no-such-page/", "en", "Page not found", "no such page"},
		{"ja/countries/no-such-country/", "ja", "ページが見つかりません", "no such country"},
		{"no-such-folder/", site.langs[0], "Page not found", "no such folder"},
		{"en/countries/sudann.html", "en", "Page not found", "sudann"},
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
			if s.Query != c.query || s.Action != site.base+c.lang+"/search/" {
				t.Errorf("%s: search box with %q, searching %s; want %q, searching %s", c.path, s.Query, s.Action, c.query, site.base+c.lang+"/search/")
			}
			if len(s.Title) < len(c.title) || s.Title[:len(c.title)] != c.title {
				t.Errorf("%s: title %q, want it to start with %q", c.path, s.Title, c.title)
			}
		})
	}
}
