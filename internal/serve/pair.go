package serve

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"
	"sync"

	"peacebuilding/internal/check"
	"peacebuilding/internal/content"
)

// PairPath is where, under the site's base path, the preview shows a page in both
// languages side by side: _preview/pair/countries/cambodia.
const PairPath = "_preview/pair/"

// checked is the translator check of the pages the preview showed since the last build,
// made when a page first asks for it: one page's check is a few milliseconds, where the
// whole site's would grow with the site.
type checked struct {
	mu      sync.Mutex
	gen     int64
	reports map[string]*check.Report // by page key
	in      check.Input
}

// report returns the check of page key in the site of build generation gen, or nil
// before a build has succeeded.
func (s *Server) report(gen int64, key string) (*check.Report, check.Input) {
	s.check.mu.Lock()
	defer s.check.mu.Unlock()
	if s.check.reports == nil || s.check.gen != gen {
		site := s.builder.Site()
		if site == nil {
			return nil, check.Input{}
		}
		noHistory := s.opts.NoHistory
		if s.opts.History == nil && noHistory == "" {
			noHistory = "the preview was started without the project's history"
		}
		s.check.in = check.FromSite(site, s.opts.History, noHistory)
		// The house style sheet as the build read it: a sheet that does not load fails the
		// build's status page, whose error every page then shows.
		if st, err := check.LoadStyle(s.fsys, check.StyleFile); err == nil {
			s.check.in.Style = st
		}
		s.check.reports, s.check.gen = map[string]*check.Report{}, gen
	}
	rep := s.check.reports[key]
	if rep == nil {
		in := s.check.in
		in.Keys = []string{key}
		rep = check.Run(in)
		s.check.reports[key] = rep
	}
	return rep, s.check.in
}

// keyOf returns the page key of the page at url ("ja/countries/cambodia/"), if the last
// build has one.
func (s *Server) keyOf(url string) (string, bool) {
	site := s.builder.Site()
	if site == nil {
		return "", false
	}
	for _, p := range site.Pages {
		if p.URL == url && p.File != nil {
			return p.File.Key(), true
		}
	}
	return "", false
}

// files returns the content files of key in the source language and in lang.
func files(in check.Input, key, src, lang string) (s, t *content.File) {
	for _, f := range in.Files {
		if f.Key() != key {
			continue
		}
		switch f.Lang {
		case src:
			s = f
		case lang:
			t = f
		}
	}
	return s, t
}

// servePair writes the side-by-side page of key, in the report's first translation
// language (or ?lang=).
func (s *Server) servePair(w http.ResponseWriter, r *http.Request, key string, base string, gen int64) {
	key = strings.TrimSuffix(strings.TrimSuffix(key, "/"), "/index.html")
	if key == "" {
		key = "_index"
	}
	rep, in := s.report(gen, key)
	if rep == nil {
		http.Error(w, "the site has not built yet", http.StatusServiceUnavailable)
		return
	}
	lang := r.URL.Query().Get("lang")
	if lang == "" {
		if langs := rep.Langs(); len(langs) > 0 {
			lang = langs[0]
		}
	}
	src, t := files(in, key, rep.Source, lang)
	p := rep.Lookup(key, lang)
	if p == nil {
		http.Error(w, "no page "+key+" (write the path of a page, such as countries/cambodia)", http.StatusNotFound)
		return
	}
	data := pairData{Pair: p, Rows: check.Align(p, src, t), Source: rep.Source, Lang: lang, Base: base, Gen: gen}
	var buf bytes.Buffer
	if err := pairPage.Execute(&buf, data); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

// ChangesAt is what changed in the source's part where since the translation was marked.
func (d pairData) ChangesAt(where string) []check.Change { return d.Pair.Stale.DiffAt(where) }

// Unplaced are the changes that no row of the table shows (a key fact, a section under a
// heading without an id): the page lists them under its heading rather than lose them.
func (d pairData) Unplaced() []check.Change {
	if d.Pair.Stale == nil {
		return nil
	}
	placed := map[string]bool{}
	for _, r := range d.Rows {
		for _, c := range d.Pair.Stale.DiffAt(r.Where) {
			placed[c.Where] = true
		}
	}
	var out []check.Change
	for _, c := range d.Pair.Stale.Diff {
		if !placed[c.Where] {
			out = append(out, c)
		}
	}
	return out
}

type pairData struct {
	Pair         *check.Pair
	Rows         []check.Row
	Source, Lang string
	Base         string
	Gen          int64
}

// Script is the data of the preview's script on the side-by-side page.
func (d pairData) Script() pageData {
	return pageData{Gen: d.Gen, Script: d.Base + ScriptPath, Events: d.Base + EventsPath, Pair: d.Base + PairPath}
}

// pairPage is the side-by-side view: one row per part, the English on the left and the
// translation on the right as written (Markdown), each with its file line, and the
// check's findings about the part under it.
var pairPage = template.Must(template.Must(reloadScript.Clone()).New("pair").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{.Pair.Key}} side by side · 対訳表示</title>
<style>
body { font: 15px/1.6 system-ui, "Noto Sans CJK JP", sans-serif; margin: 1rem; color: #1a1a1a; }
h1 { font-size: 1.3rem; margin: 0 0 .5rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border-top: 1px solid #ccc; padding: .5rem; vertical-align: top; text-align: left; }
th.where { width: 9rem; font-weight: 600; color: #444; overflow-wrap: anywhere; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; font: inherit; }
.line { color: #666; font-size: .8rem; }
.absent { color: #a00; font-style: italic; }
tr.findings td { border-top: none; padding-top: 0; }
.finding { background: #fdf0f0; border-left: 4px solid #a00; padding: .25rem .5rem; margin: .25rem 0; }
.finding.accepted { background: #f0f5fd; border-color: #36c; }
.change, .change-page { background: #fffbe6; border-left: 4px solid #b58100; padding: .25rem .5rem; margin: .25rem 0; }
:is(.change, .change-page) ul { margin: .25rem 0 0; padding-left: 1.2rem; }
:is(.change, .change-page) mark { background: #ffe08a; }
.change-page p { margin: .25rem 0; }
th { overflow-wrap: anywhere; }
/* A phone: each part's languages one under the other. */
@media (max-width: 40rem) {
  table, tbody, tr, th, td { display: block; width: auto; }
  thead { display: none; }
  th.where { width: auto; border-top: 2px solid #999; }
  td { border-top: none; padding-top: 0; }
  td[data-lang]::before { content: attr(data-lang); display: block; font-weight: 600; color: #444; }
}
</style>
</head>
<body>
<main>
<h1>{{.Pair.Key}}: {{.Source}} | {{.Lang}} <span class="line">({{.Pair.StatusText}}{{with .Pair.AlsoState}}, {{.}}{{end}}; {{.Pair.Open}} {{if eq .Pair.Open 1}}finding{{else}}findings{{end}} to fix{{with .Pair.StyleOpen}}, {{.}} of house style{{end}}{{if .Pair.Accepted}}, {{.Pair.Accepted}} accepted{{end}})</span></h1>
<p><a href="{{.Base}}{{if .Pair.Source}}{{.Pair.Source.URL}}{{end}}">{{.Source}}</a> · <a href="{{.Base}}{{if .Pair.Translation}}{{.Pair.Translation.URL}}{{end}}">{{.Lang}}</a></p>
{{- with .Pair.Stale}}{{if .Commit}}
<div class="change-page"><p>The {{$.Source}} page changed since the translation was marked ({{.Commit}}, {{.Date}}){{with .Changes}}: {{range $i, $c := .}}{{if $i}}, {{end}}{{$c}}{{end}}{{end}}. Each part's sentences are shown at it below{{if $.Unplaced}}, and here those of parts the table has no row for{{end}}. When the translation is updated: <code>make check ARGS="-mark {{if $.Pair.Translation}}{{$.Pair.Translation.File}}{{end}}"</code></p>
{{- range $.Unplaced}}
<p><strong>{{.Where}}</strong>{{if .Line}} <span class="line">(the {{$.Lang}} text to update: line {{.Line}})</span>{{end}}</p><ul>
{{- range .Lines}}<li>{{.Marker}}{{if .Added}}<ins>{{range .Parts}}{{if .Changed}}<mark>{{.Text}}</mark>{{else}}{{.Text}}{{end}}{{end}}</ins>{{else}}<del>{{range .Parts}}{{if .Changed}}<mark>{{.Text}}</mark>{{else}}{{.Text}}{{end}}{{end}}</del>{{end}}</li>{{end}}
</ul>
{{- end}}
</div>
{{- end}}{{end}}
<table>
<thead><tr><th class="where" scope="col">part</th><th scope="col">{{.Source}}{{if .Pair.Source}} <span class="line">{{.Pair.Source.File}}</span>{{end}}</th><th scope="col" lang="{{.Lang}}">{{.Lang}}{{if .Pair.Translation}} <span class="line">{{.Pair.Translation.File}}</span>{{end}}</th></tr></thead>
<tbody>
{{- range .Rows}}
{{- if or (ne .Where "page") .Problems}}
<tr id="{{.Where}}" class="part">
<th class="where" scope="row">{{.Where}}</th>
<td lang="{{$.Source}}" data-lang="{{$.Source}}">{{if .Source}}<span class="line">:{{.SLine}}</span><pre class="text">{{.Source}}</pre>{{else if ne .Where "page"}}<span class="absent">not in {{$.Source}}</span>{{end}}</td>
<td lang="{{$.Lang}}" data-lang="{{$.Lang}}">{{if .Trans}}<span class="line">:{{.TLine}}</span><pre class="text">{{.Trans}}</pre>{{else if ne .Where "page"}}<span class="absent">not in {{$.Lang}}</span>{{end}}</td>
</tr>
{{- with $.ChangesAt .Where}}
<tr class="findings"><td></td><td colspan="2">
{{- range .}}
<div class="change"><strong>changed in {{$.Source}}</strong>{{if .Line}} <span class="line">(the {{$.Lang}} text to update: line {{.Line}})</span>{{end}}<ul>
{{- range .Lines}}<li>{{.Marker}}{{if .Added}}<ins>{{range .Parts}}{{if .Changed}}<mark>{{.Text}}</mark>{{else}}{{.Text}}{{end}}{{end}}</ins>{{else}}<del>{{range .Parts}}{{if .Changed}}<mark>{{.Text}}</mark>{{else}}{{.Text}}{{end}}{{end}}</del>{{end}}</li>{{end}}
</ul></div>
{{- end}}
</td></tr>
{{- end}}
{{- if .Problems}}
<tr class="findings"><td></td><td colspan="2">
{{- range .Problems}}
<div class="finding{{if .Accepted}} accepted{{end}}"><strong>{{.Check}}</strong>: {{.Message}}{{if .Accepted}} — accepted: {{.Accepted}}{{end}}<br><span class="line">{{.Source}} · {{.Translation}}</span></div>
{{- end}}
</td></tr>
{{- end}}
{{- end}}
{{- end}}
</tbody>
</table>
{{- with .Pair.Style}}
<h2>House style</h2>
{{- range .}}
<div class="finding{{if .Accepted}} accepted{{end}}">{{.Message}}{{if .Accepted}} — accepted: {{.Accepted}}{{end}}<br><span class="line">{{.At}}</span></div>
{{- end}}
{{- end}}
</main>
{{template "script" .Script}}
</body>
</html>
`))

// findingsBox is what the preview adds to a page of the site: the check's findings for
// it (house style too), each with the translation's file and line, and a link to the side-by-side view. Open findings are listed; a page with none
// keeps its list (accepted or pending findings) folded, so that the box covers no more of
// the page than a line.
var findingsBox = template.Must(template.New("box").Parse(`<link rel="stylesheet" href="{{.Sheet}}"><aside class="preview-check" data-state="{{if .Open}}open{{else if or .Missing .Stale}}todo{{else}}ok{{end}}" lang="en">
{{- if or .Problems .Style}}<details{{if .Open}} open{{end}}><summary>{{end}}
{{- if .Missing}}<strong>Check: no {{.Lang}} translation yet</strong> · start it: <code>make check ARGS="-new {{.Key}}"</code> · <a href="{{.Pair}}">side by side</a>
{{- else}}<strong>Check: {{if .Open}}{{.Open}} open finding{{if ne .Open 1}}s{{end}}{{else}}no open finding{{end}}{{with .Other}}, {{.}} accepted or pending{{end}}{{if .Stale}}; the {{.Lang}} translation is stale: its source changed since it was marked{{end}}</strong> · <a href="{{.Pair}}">side by side</a>{{end}}
{{- if or .Problems .Style}}</summary><ul>
{{- range .Problems}}<li>{{.Check}}, {{.Where}}: {{.Message}}{{if .Accepted}} (accepted){{else if .Pending}} (pending){{end}}<br><small>{{.Place}}</small></li>{{end}}
{{- range .Style}}<li>{{.Message}}{{if .Accepted}} (accepted){{end}}<br><small>{{.At}}</small></li>{{end}}
</ul></details>{{end}}
</aside>
`))

// withFindings adds the findings box to a page of the site at rel ("ja/countries/cambodia/
// index.html"), if it is a page of the check.
func (s *Server) withFindings(page []byte, rel, base string, gen int64) []byte {
	url := strings.TrimSuffix(rel, "index.html")
	key, ok := s.keyOf(url)
	if !ok {
		return page
	}
	rep, _ := s.report(gen, key)
	if rep == nil {
		return page
	}
	for _, p := range rep.Pairs {
		if p.Source != nil && p.Source.URL == url || p.Translation != nil && p.Translation.URL == url {
			var buf bytes.Buffer
			open := p.Open() + p.StyleOpen()
			// A page with no translation yet has no finding, and "no open finding" read as
			// done (an author's trial): the box says what is missing and how to start it.
			// A stale one may have none either (a reworded sentence): the box says it is
			// stale, which an author's trial missed in a green box.
			findingsBox.Execute(&buf, struct {
				Open, Other int
				Problems    []check.Problem
				Style       []check.StyleFinding
				Pair, Lang  string
				Key         string
				Missing     bool
				Stale       bool
				Sheet       string
			}{open, len(p.Problems) + len(p.Style) - open, p.Problems, p.Style, base + PairPath + p.Key + "?lang=" + p.Lang, p.Lang, p.Key, p.State == check.Missing, p.State == check.Stale, base + StylePath})
			i := bytes.LastIndex(page, []byte("</body>"))
			if i < 0 {
				return append(page[:len(page):len(page)], buf.Bytes()...)
			}
			out := make([]byte, 0, len(page)+buf.Len())
			out = append(out, page[:i]...)
			out = append(out, buf.Bytes()...)
			return append(out, page[i:]...)
		}
	}
	return page
}
