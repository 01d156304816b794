package render

import (
	"bytes"
	"html/template"
	"io/fs"
	"strings"
	"testing"

	"peacebuilding/internal/sitetest"
)

// foldData stands for a View: T returns the UI string and counts the calls that folding
// should have made unnecessary.
type foldData struct {
	strings map[string]string
	calls   *int
	Key     string
}

func (d foldData) T(key string) (string, error) {
	*d.calls++
	s, ok := d.strings[key]
	if !ok {
		return "", errNoKey(key)
	}
	return s, nil
}

type errNoKey string

func (e errNoKey) Error() string { return "no key " + string(e) }

// Folding the UI strings into the layouts must not change what a page says or how it is
// escaped, in text and in attributes; only calls with a constant key are folded.
func TestFoldStringsRendersTheSame(t *testing.T) {
	uiStrings := map[string]string{"title": `Japan's "peace" <efforts> & more`, "label": "a'b\"c"}
	for _, tc := range []struct {
		name, text string
		calls      int // calls of T left after folding
	}{
		{"dot", `<h1>{{.T "title"}}</h1>`, 0},
		{"root variable", `{{with .Key}}<p>{{$.T "title"}}</p>{{end}}`, 0},
		{"variable", `{{$v := .}}<a title="{{$v.T "label"}}">{{$v.T "title"}}</a>`, 0},
		{"argument", `<p>{{printf "%s!" (.T "title")}}</p>`, 0},
		{"piped", `<p>{{.T "title" | printf "%s?"}}</p>`, 0},
		{"in an attribute", `<a aria-label="{{.T "title"}}" href="?q={{.T "label"}}">x</a>`, 0},
		{"in a script", `<script>var s = {{.T "title"}};</script>`, 0},
		{"computed key", `<p>{{.T .Key}}</p>`, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			render := func(fold bool) (string, int) {
				tmpl := template.Must(template.New("t").Parse(tc.text))
				if fold {
					foldStrings(tmpl, uiStrings)
				}
				calls := 0
				var buf bytes.Buffer
				if err := tmpl.Execute(&buf, foldData{uiStrings, &calls, "title"}); err != nil {
					t.Fatal(err)
				}
				return buf.String(), calls
			}
			want, _ := render(false)
			got, calls := render(true)
			if got != want {
				t.Errorf("folded: %s\nwant:   %s", got, want)
			}
			if calls != tc.calls {
				t.Errorf("T called %d times after folding, want %d", calls, tc.calls)
			}
		})
	}
}

// A key that no language defines is not folded: the render fails as it would have.
func TestFoldStringsLeavesAnUnknownKey(t *testing.T) {
	tmpl := template.Must(template.New("t").Parse(`<p>{{.T "missing"}}</p>`))
	foldStrings(tmpl, map[string]string{"title": "x"})
	calls := 0
	err := tmpl.Execute(new(bytes.Buffer), foldData{map[string]string{}, &calls, ""})
	if err == nil || calls != 1 {
		t.Errorf("Execute = %v after %d calls of T, want the error of T", err, calls)
	}
}

// A constant key of T or Tf that the UI strings lack is an error when the layouts are
// parsed, at its file and line, even in a branch no page runs: a designer's trial put
// {{.T "nokey"}} under {{if .Booklet}} in country.html and the build said nothing.
func TestNewNamesAnUnknownKeyAtItsLine(t *testing.T) {
	for _, c := range []struct{ file, old, new, want string }{
		{"layouts/country.html", "{{define \"main\"}}\n", "{{define \"main\"}}\n{{if .Booklet}}{{.T \"nokey\"}}{{end}}\n",
			`layouts/country.html:2:20: no UI string "nokey" in i18n/en.toml: add it to the file of every language`},
		{"layouts/partials.html", "{{define \"site-footer\"}}", "{{define \"site-footer\"}}{{if false}}{{.Tf \"nokey_f\" 1}}{{end}}",
			`: no UI string "nokey_f" in i18n/en.toml`},
	} {
		fsys := sitetest.Copy(t, "layouts", "i18n")
		text := string(fsys[c.file].Data)
		if !strings.Contains(text, c.old) {
			t.Fatalf("%s has no %q", c.file, c.old)
		}
		fsys[c.file].Data = []byte(strings.Replace(text, c.old, c.new, 1))
		layouts, _ := fs.Sub(fsys, "layouts")
		i18n, _ := fs.Sub(fsys, "i18n")
		_, err := New(layouts, i18n, []string{"en", "ja"}, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), c.file+":") {
			t.Errorf("%s: New = %v, want an error at %s with %q", c.file, err, c.file, c.want)
		}
	}
}
