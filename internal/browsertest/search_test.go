package browsertest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// searchHit is one result of the search page, as the reader sees it.
type searchHit struct {
	Title, Kind, Href, Excerpt string
	Marks                      []string
}

// searchResultsJS waits until the search page has listed the results of the query %s
// (a JSON string), excerpts included, and returns them.
const searchResultsJS = `new Promise((resolve, reject) => {
	const q = %s, t0 = Date.now();
	const poll = () => {
		const app = document.getElementById("search-app");
		if (app && app.getAttribute("data-done") === q) {
			resolve([...document.querySelectorAll(".search-result")].map(li => {
				const a = li.querySelector(".search-hit"), ex = li.querySelector(".search-excerpt");
				return {
					Title: a.textContent, Href: a.href,
					Kind: li.querySelector(".search-kind").textContent,
					Excerpt: ex ? ex.textContent : "",
					Marks: ex ? [...ex.querySelectorAll("mark")].map(m => m.textContent) : [],
				};
			}));
		} else if (Date.now() - t0 > 20000) {
			reject(new Error("no results listed for " + q + ": " + (app ? app.querySelector("#search-status").textContent : "no search app")));
		} else {
			setTimeout(poll, 20);
		}
	};
	poll();
})`

func search(t *testing.T, tb *tab, lang, q string) []searchHit {
	t.Helper()
	tb.open(t, site.base+lang+"/search/?q="+url.QueryEscape(q))
	qs, _ := json.Marshal(strings.TrimSpace(q))
	return eval[[]searchHit](t, tb, fmt.Sprintf(searchResultsJS, qs))
}

func TestSearchDump(t *testing.T) {
	tb := newTab(t, false)
	for _, c := range []struct{ lang, q string }{
		{"en", "landmines"}, {"en", "mines"}, {"en", "ddr"}, {"en", "khmer rouge"}, {"en", "peacebuil"}, {"en", "human security"}, {"en", "ICORC"}, {"en", "1992"}, {"en", "zzzzqx"},
		{"en", "Terakoya"}, {"en", "elections"}, {"en", "refugee"}, {"en", "Kabul"},
		{"ja", "武器"}, {"ja", "平和構築"}, {"ja", "地雷"}, {"ja", "カンボジア"}, {"ja", "ティモール"}, {"ja", "人間の安全保障"}, {"ja", "寺子屋"}, {"ja", "選挙"}, {"ja", "ODA"}, {"ja", "東京会議"}, {"ja", "ぬぬぬ"},
	} {
		t.Run(c.lang+"/"+c.q, func(t *testing.T) {
			tb.page(t)
			hits := search(t, tb, c.lang, c.q)
			t.Logf("%d hits", len(hits))
			for i, h := range hits {
				if i >= 4 {
					break
				}
				t.Logf("  %s [%s] %s\n      %s %q", h.Title, h.Kind, strings.TrimPrefix(h.Href, site.base), h.Excerpt, h.Marks)
			}
			if e := tb.takeErrors(); len(e) > 0 {
				t.Errorf("errors: %v", e)
			}
		})
	}
}
