package check

import (
	"strings"

	"peacebuilding/internal/render"
	"peacebuilding/internal/site"
)

// StatusPath is where the translation status page is published. It is in no menu and no
// sitemap, and robots.txt disallows it: it is for the team, not for readers.
const StatusPath = "status/"

// StatusPage returns the pipeline.Options.Extra hook that adds the translation status
// page: the report of Run over the built site, rendered with layouts/status.html in the
// default language. h may be nil (no git): the page then shows no dates.
func StatusPage(h History, noHistory string) func(*site.Site, *render.Renderer) ([]*render.View, error) {
	return func(s *site.Site, r *render.Renderer) ([]*render.View, error) {
		rep := Run(FromSite(s, h, noHistory))
		lang := s.Config.DefaultLanguage
		title, err := r.T(lang, "status_title")
		if err != nil {
			return nil, err
		}
		return []*render.View{r.NewView(s, "status", lang, StatusPath, title, rep)}, nil
	}
}

// StateCount is the number of pairs in a state, for the status page.
type StateCount struct {
	State State
	N     int
}

// Summary counts the pairs of lang per state, in the order of States.
func (r *Report) Summary(lang string) []StateCount {
	states, _ := r.Counts(lang)
	out := make([]StateCount, len(States))
	for i, s := range States {
		out[i] = StateCount{s, states[s]}
	}
	return out
}

// Mismatches counts the problems of the pairs of lang.
func (r *Report) Mismatches(lang string) int {
	_, n := r.Counts(lang)
	return n
}

// ID is an HTML id for the pair: "ja-countries-cambodia".
func (p *Pair) ID() string { return p.Lang + "-" + strings.ReplaceAll(p.Key, "/", "-") }

// LangPairs returns the pairs of lang, in report order.
func (r *Report) LangPairs(lang string) []*Pair {
	var out []*Pair
	for _, p := range r.Pairs {
		if p.Lang == lang {
			out = append(out, p)
		}
	}
	return out
}
