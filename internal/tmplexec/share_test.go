package tmplexec

import (
	"bytes"
	"html/template"
	"testing"
)

// Two sets with the same partial and different pages share the partial's compiled
// template, not the page's base, which calls the page's own "main"; each executes as
// html/template does.
func TestShareCompilesACommonTemplateOnce(t *testing.T) {
	const common = `{{define "base"}}<p>{{template "partial" .}}</p>{{template "main" .}}{{end}}{{define "partial"}}<a href="{{.}}">{{.}}</a>{{end}}`
	parser := func(page string) func() (*template.Template, error) {
		return func() (*template.Template, error) {
			return template.New("set").Parse(common + `{{define "main"}}` + page + `{{end}}`)
		}
	}
	shared := NewShared()
	var sets []*Template
	for _, page := range []string{`<b>{{.}}</b>`, `<i title="{{.}}">x</i>`} {
		parse := parser(page)
		tmpl, err := parse()
		if err != nil {
			t.Fatal(err)
		}
		x, err := Compile(tmpl, parse, nil, []string{"base", "partial"}, Share(shared))
		if err != nil {
			t.Fatal(err)
		}
		ref, _ := parse()
		var want, got bytes.Buffer
		if err := ref.ExecuteTemplate(&want, "base", "a&b"); err != nil {
			t.Fatal(err)
		}
		if err := x.Execute(&got, "base", "a&b"); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("page %s: got %s, want %s", page, got.String(), want.String())
		}
		sets = append(sets, x)
	}
	if sets[0].entries["partial"] != sets[1].entries["partial"] {
		t.Error("the common partial was compiled twice")
	}
	if sets[0].entries["base"] == sets[1].entries["base"] {
		t.Error("base, which calls each set's own main, was shared")
	}
}
