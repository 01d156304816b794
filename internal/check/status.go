package check

import (
	"io/fs"
	"strings"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/render"
	"peacebuilding/internal/site"
)

// StatusPath is where the translation status page is published. It is in no menu and no
// sitemap, and robots.txt disallows it: it is for the team, not for readers.
const StatusPath = "status/"

// StatusPage returns the pipeline.Options.Extra hook that adds the translation status
// page: the report of Run over the content files, rendered with layouts/status.html in
// every language (StatusPathIn), each linking to the others. The check runs when the hook
// is called, before the model is made, while the files still hold their text (a one-off
// build lets each file go once its pages are converted); the report holds the text of
// the files it quotes in its findings, no other. fsys is the project, for its house style
// sheet. h may be nil (no git): the page then shows no dates.
func StatusPage(fsys fs.FS, h History, noHistory string) pipeline.Extra {
	return func(cfg *config.Config, gl *glossary.Glossary, files []*content.File) pipeline.ExtraPages {
		// The house style sheet is read at each build, as the content is: the preview
		// shows an edit of it at once.
		st, err := LoadStyle(fsys, StyleFile)
		if err != nil {
			return func(*site.Site, *render.Renderer) ([]*render.View, error) { return nil, err }
		}
		rep := Run(Input{Config: cfg, Glossary: gl, Files: files, Style: st, History: h, NoHistory: noHistory})
		rep.Detach() // kept until the page is rendered, after the build lets the files' text go
		return func(s *site.Site, r *render.Renderer) ([]*render.View, error) {
			var views []*render.View
			for _, l := range s.Config.Languages {
				title, err := r.T(l.Code, "status_title")
				if err != nil {
					return nil, err
				}
				views = append(views, r.NewView(s, "status", l.Code, rep.StatusPathIn(l.Code), title, rep))
			}
			return views, nil
		}
	}
}

// StatusPathIn is where the status page is published in lang: StatusPath in the source
// language, status/<lang>/ in the others.
func (r *Report) StatusPathIn(lang string) string {
	if lang == r.Source {
		return StatusPath
	}
	return StatusPath + lang + "/"
}

// Mismatches counts the problems of the pairs of lang.
func (r *Report) Mismatches(lang string) int {
	_, n := r.Counts(lang)
	return n
}

// StyleOpenIn counts the open style findings of the pages of lang (not of its UI strings).
func (r *Report) StyleOpenIn(lang string) int {
	n := 0
	for _, p := range r.LangPairs(lang) {
		n += p.StyleOpen()
	}
	return n
}

// TitleIn is the page's title as the status page in lang names it under its key (a
// translator knows スーダン before countries/sudan): the translation's on the page of its
// language, else the source's, else the translation's (an orphan).
func (p *Pair) TitleIn(lang string) string {
	if p.Translation != nil && p.Translation.Lang == lang && p.Translation.Title != "" {
		return p.Translation.Title
	}
	if p.Source != nil {
		return p.Source.Title
	}
	if p.Translation != nil {
		return p.Translation.Title
	}
	return ""
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

// Status is how the reports name the state of a pair, the terminal's and the status
// page's alike: its State, or "needs-fixing" when the check has findings in it, of the
// house style too, that no acceptance accepts, or the build rejects one of its files. An
// unreadable pair stays unreadable: nothing of it was compared.
func (p *Pair) Status() string {
	if p.State != Unreadable && (p.Open() > 0 || p.StyleOpen() > 0 || p.BuildErrors > 0) {
		return NeedsFixing
	}
	return string(p.State)
}

// NeedsFixing is the Status of a pair with open findings or build errors.
const NeedsFixing = "needs-fixing"

// AlsoState is the pair's State when Status hides it: a stale, orphan or missing pair
// with findings is listed as needing fixing, and its row names the State as well, so that
// a coordinator looking for stale pages finds it; "" otherwise.
func (p *Pair) AlsoState() string {
	if p.Status() == string(p.State) || p.State == OK {
		return ""
	}
	return string(p.State)
}

// statusOrder is the order of the status page: what needs work first.
var statusOrder = []string{NeedsFixing, string(Orphan), string(Stale), string(Missing), string(OK)}

// ToTranslate is the number of source words a translator has to translate for the pair:
// the whole source of a missing page; of a stale one, the words of the sentences that
// are new or changed since the translation (the whole page when the history does not
// say which); none otherwise.
func (p *Pair) ToTranslate() int {
	switch {
	case p.Source == nil:
		return 0
	case p.State == Missing:
		return p.Source.Words
	case p.State != Stale:
		return 0
	case p.Stale == nil || p.Stale.Commit == "":
		return p.Source.Words
	}
	n := 0
	for _, c := range p.Stale.Diff {
		for _, s := range c.Added {
			var w counter
			w.add(s)
			n += w.words
		}
	}
	return n
}

// StatusCount is the number of pairs with a Status. Of those that need fixing, Also
// counts the pairs by the state they are in besides (stale, orphan), in the order of
// States: "needs fixing 2 (stale 1)".
type StatusCount struct {
	Status string
	N      int
	Also   []StatusCount
}

// alsoCounts counts the pairs of lang that need fixing by the state they are in besides
// (Pair.AlsoState), in the order of States.
func (r *Report) alsoCounts(lang string) []StatusCount {
	n := map[string]int{}
	for _, p := range r.LangPairs(lang) {
		if s := p.AlsoState(); s != "" {
			n[s]++
		}
	}
	var out []StatusCount
	for _, st := range States {
		if n[string(st)] > 0 {
			out = append(out, StatusCount{Status: string(st), N: n[string(st)]})
		}
	}
	return out
}

// statusCounts counts the pairs of lang per Status, for every report that shows them.
func (r *Report) statusCounts(lang string) map[string]int {
	n := map[string]int{}
	for _, p := range r.LangPairs(lang) {
		n[p.Status()]++
	}
	return n
}

// StatusSummary counts the pairs of lang per Status, in the order of the status page.
func (r *Report) StatusSummary(lang string) []StatusCount {
	n := r.statusCounts(lang)
	out := make([]StatusCount, len(statusOrder))
	for i, s := range statusOrder {
		out[i] = StatusCount{Status: s, N: n[s]}
		if s == NeedsFixing {
			out[i].Also = r.alsoCounts(lang)
		}
	}
	return out
}

// WorkPairs returns the pairs of lang in the order of the status page: those that need
// fixing, orphans, stale, missing, then those that are ok, each by key; First marks the
// first pair of each status, where the page's filter links lead.
func (r *Report) WorkPairs(lang string) []WorkPair {
	var out []WorkPair
	for _, s := range statusOrder {
		first := true
		for _, p := range r.LangPairs(lang) {
			if p.Status() == s {
				out = append(out, WorkPair{p, first})
				first = false
			}
		}
	}
	return out
}

// A WorkPair is a pair in the order of the status page.
type WorkPair struct {
	*Pair
	First bool
}
