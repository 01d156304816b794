package render

import (
	"bytes"
	"html/template"
	"testing"
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
