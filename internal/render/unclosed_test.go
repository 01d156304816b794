package render

import (
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// TestUnclosedBlockNamesItsLines drops an {{end}} from a layout: the parser's "unexpected
// EOF" at the last line then names the block left open and the lines each {{end}} closed
// the blocks in it at, where the block that closed too late shows.
func TestUnclosedBlockNamesItsLines(t *testing.T) {
	const layout = `{{define "main"}}
<article>
{{- with .Page.Themes}}
<ul>{{range .}}<li>{{.Title}}{{if .Fallback}} (EN){{end}}</li>{{end}}</ul>
{{- /* a comment with }} and {{if}} in it */}}
<p title="{{"}}"}}">x</p>
{{- end}}
{{- with .Page.Related}}
<p>{{.}}</p>
{{- end}}
</article>
{{end}}
`
	// The {{end}} of the range on line 4 is dropped: each {{end}} after it closes the block
	// opened before it, and the last one the with of line 3, which closes too late.
	broken := strings.Replace(layout, "</li>{{end}}</ul>", "</li></ul>", 1)
	if broken == layout {
		t.Fatal("the layout did not change")
	}
	for _, c := range []struct{ text, want string }{
		{layout, ""},
		{broken, `{{define "main"}} on line 1 has no {{end}}, or a block inside it lost its own: each {{end}} closes the block opened last, and closed {{with .Page.Themes}} (lines 3 to 12), {{range .}} (lines 4 to 7), {{with .Page.Related}} (lines 8 to 10)`},
		{"{{if .X}}\n<p>", "{{if .X}} on line 1 has no {{end}}"},
	} {
		if got := unclosedHint(c.text); got != c.want {
			t.Errorf("unclosedHint:\n got %q\nwant %q", got, c.want)
		}
	}

	if _, err := template.New("country.html").Parse(layout); err != nil {
		t.Fatalf("the layout before the edit: %v", err)
	}
	// In a file of several templates, the parser stops at the next {{define}}.
	partials := "{{define \"a\"}}\n{{if .X}}\n<p>\n{{end}}\n{{define \"b\"}}<p>{{end}}\n"
	fsys := fstest.MapFS{
		"country.html":  {Data: []byte(broken)},
		"partials.html": {Data: []byte(partials)},
		"base.html":     {Data: []byte(`{{template "main" .}}`)},
	}
	for file, want := range map[string]string{
		"country.html":  `layouts/country.html:13: unexpected EOF: {{define "main"}} on line 1 has no {{end}}, or`,
		"partials.html": `layouts/partials.html:5: unexpected <define> in command: {{define "a"}} on line 1 has no {{end}}, or a block inside it lost its own: each {{end}} closes the block opened last, and closed {{if .X}} (lines 2 to 4)`,
	} {
		err := parseLayouts(template.New("base.html"), fs.FS(fsys), "base.html", file)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("parseLayouts(%s) = %v, want an error starting %q", file, err, want)
		}
	}
}

// TestEveryDroppedEndIsExplained drops each {{end}} of the real layouts in turn: the
// parse error names the block left open, or, where the parser stops earlier at an {{else}}
// that the dropped {{end}} left outside its block ("expected end; found {{else}}"), the
// blocks before it and where they were closed (but where the {{else}} is on the line of the
// dropped {{end}}, which the message names).
func TestEveryDroppedEndIsExplained(t *testing.T) {
	endRe := regexp.MustCompile(`\{\{-?\s*end\s*-?\}\}`)
	layouts := os.DirFS("../../layouts")
	names, err := fs.Glob(layouts, "*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("no layouts: %v", err)
	}
	explained := 0
	for _, name := range names {
		data, err := fs.ReadFile(layouts, name)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		for _, m := range endRe.FindAllStringIndex(text, -1) {
			fsys := fstest.MapFS{name: {Data: []byte(text[:m[0]] + text[m[1]:])}}
			err := parseLayouts(template.New(name).Funcs(funcs), fsys, name)
			switch {
			case err == nil:
				t.Errorf("%s without the {{end}} at byte %d parses", name, m[0])
			case strings.Contains(err.Error(), "has no {{end}}"),
				strings.Contains(err.Error(), "found {{else}}: the {{else}} stands outside its block: a block before it lost its {{end}}: "):
				explained++
			case strings.HasSuffix(err.Error(), fmt.Sprintf(":%d: expected end; found {{else}}", 1+strings.Count(text[:m[0]], "\n"))):
				// The {{else}} on the line of the dropped {{end}}: the message names it.
			default:
				t.Errorf("%s without the {{end}} at byte %d: %v: no block named", name, m[0], err)
			}
		}
	}
	if explained == 0 {
		t.Error("no dropped {{end}} was explained")
	}
}
