package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"regexp"
	"strings"
	"testing"
)

// data is what the test templates see: the kinds of values the layouts give, trusted
// content of each type, nil pointers, maps, slices, methods with and without errors.
type data struct {
	S     string
	T     string
	H     template.HTML
	A     template.HTMLAttr
	U     template.URL
	J     template.JS
	N     int
	U8    uint8
	F     float64
	B     bool
	L     []string
	Items []item
	M     map[string]any
	Ints  map[int]string
	P     *data
	I     any
	E     error
	Str   fmt.Stringer
	Fn    func() string
}

type item struct {
	Name string
	N    int
}

// Twice has a pointer receiver: found on addressable items (ranged slice elements) only.
func (i *item) Twice() int { return 2 * i.N }

func (i item) Label() string { return "item " + i.Name }

type stringer string

func (s stringer) String() string { return "stringer(" + string(s) + ")" }

func (d *data) Upper(s string) string   { return strings.ToUpper(s) }
func (d *data) Pair(a, b string) string { return a + "|" + b }
func (d *data) Fail() (string, error)   { return "", errors.New("it failed") }
func (d *data) Panics() string          { panic("boom") }
func (d *data) Nil() *data              { return nil }
func (d *data) Self() *data             { return d }
func (d *data) HTMLOf(s string) (template.HTML, error) {
	return template.HTML("<b>" + s + "</b>"), nil
}
func (d *data) Format(key string, args ...any) (string, error) {
	return fmt.Sprintf(key, args...), nil
}
func (d *data) Count() int { return len(d.L) }

// Describe, Pick and the function name are called directly (Method1, Func1).
func (d *data) Describe(i item) string { return i.Name + "=" + fmt.Sprint(i.N) }
func (d *data) Pick(n int) (*data, error) {
	if n < 0 {
		return nil, errors.New("negative")
	}
	if n == 0 {
		return nil, nil
	}
	return d, nil
}
func (d *data) Items0() []item { return d.Items }

var testFuncs = template.FuncMap{
	"name":  func(d *data) string { return "name:" + d.S },
	"upper": strings.ToUpper,
	"add":   func(a, b int) int { return a + b },
	"fadd":  func(a, b float64) float64 { return a + b },
	"join":  strings.Join,
	"list":  func(s ...string) []string { return s },
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict: odd number of arguments")
		}
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}

func sample(s, t string, n int) *data {
	return &data{
		S: s, T: t, H: template.HTML(s), A: template.HTMLAttr(t), U: template.URL(s), J: template.JS(t),
		N: n, U8: uint8(n), F: float64(n) / 3, B: n%2 == 0, L: []string{s, t, "c"},
		Items: []item{{s, n}, {t, -n}},
		M:     map[string]any{"s": s, "n": n, "h": template.HTML(t), "nil": nil},
		Ints:  map[int]string{3: s, -1: t, 2: "two"},
		I:     s, E: errors.New(t), Str: stringer(s), Fn: func() string { return s },
	}
}

// both executes name of text with html/template and with the compiled executor.
func both(t testing.TB, text string, d any) (want, got string, wantErr, gotErr error, ok bool) {
	t.Helper()
	parse := func() (*template.Template, error) { return template.New("t").Funcs(testFuncs).Parse(text) }
	tmpl, err := parse()
	if err != nil {
		return "", "", nil, nil, false
	}
	ref := template.Must(tmpl.Clone()) // html/template's own, untouched by Compile
	x, compileErr := Compile(tmpl, parse, testFuncs, []string{"t"}, Methods[*data](), Method0[*data, []item](),
		Method1[*data, item, string](), Method1[*data, int, *data](), Func1[*data, string]())
	var w bytes.Buffer
	wantErr = ref.ExecuteTemplate(&w, "t", d)
	if compileErr != nil {
		var escErr *template.Error
		if errors.As(compileErr, &escErr) {
			if wantErr == nil {
				t.Fatalf("%q: Compile: %v, but html/template executes it", text, compileErr)
			}
			return w.String(), "", wantErr, compileErr, true
		}
		if strings.Contains(compileErr.Error(), "is not supported") {
			return "", "", nil, nil, false
		}
		t.Fatalf("%q: Compile: %v", text, compileErr)
	}
	var g bytes.Buffer
	gotErr = x.Execute(&g, "t", d)
	return w.String(), g.String(), wantErr, gotErr, true
}

// check compares the executors on text and d; it reports whether the executor supports
// text.
func check(t testing.TB, text string, d any) bool {
	t.Helper()
	want, got, wantErr, gotErr, ok := both(t, text, d)
	if !ok {
		return false
	}
	if (wantErr == nil) != (gotErr == nil) {
		t.Fatalf("template %q:\nhtml/template error: %v\ntmplexec error: %v", text, wantErr, gotErr)
	}
	if wantErr == nil && want != got {
		t.Fatalf("template %q: outputs differ at byte %d\nhtml/template: %q\ntmplexec:      %q", text, firstDiff(want, got), want, got)
	}
	return true
}

func firstDiff(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// contexts are templates of one action in each context whose escapers the executor
// implements.
var contexts = []string{
	`{{.}}`,
	`<p title="{{.}}">`,
	`<p title='{{.}}'>`,
	`<p title={{.}}>`,
	`<title>{{.}}</title>`,
	`<textarea>{{.}}</textarea>`,
	`<a href="{{.}}">`,
	`<a href="/search/?q={{.}}&x=1">`,
	`<a href="/a/{{.}}/b">`,
	`<a href='{{.}}'>`,
	`<img src="{{.}}">`,
	`<a {{.}}>`,
	`<a title="x"{{.}}>`,
	`<script type="application/ld+json">{"name":{{.}}}</script>`,
	`<script>var x = {{.}};</script>`,
	`<!-- {{.}} -->`,
	`<meta name="description" content="{{.}}">`,
}

var trickyValues = []any{
	"", "plain", `<>&'"+=` + "`", "\x00", "a\xffb\xfe", "\u2028\u2029", "javascript:alert(1)", "JavaScript:x",
	"HTTP://example.com/a b", "mailto:x@y", "/a/b?c=d&e=f#g", "%zz%41%4", "x:y/z", "\ufdd0\uffff\ufffd",
	" \t\n\r\v\f", "日本語 テキスト", "ZgotmplZ", "data-x", "onclick", "href", "title",
	template.HTML(`<b class="x">bold</b> &amp; <i>it</i>`), template.HTML("a < b"),
	template.HTMLAttr(` lang="en"`), template.HTMLAttr(""), template.URL("javascript:x"), template.URL("/a b%20"),
	template.JS("1 + 2"), template.JSStr(`a"b`), template.CSS("color: red"),
	42, -7, 0, 3.25, true, nil, []string{"a", "<b>"}, map[string]int{"b": 2, "a": 1},
	stringer("<s>"), errors.New("<err>"), (*string)(nil), ptr("pointed <>"), ptr(template.HTML("<b>p</b>")),
	struct{ A, B string }{"x", "<y>"},
}

func ptr[T any](v T) *T { return &v }

// TestEscapersMatchHTMLTemplate compares each escaping context over tricky values.
func TestEscapersMatchHTMLTemplate(t *testing.T) {
	for _, ctx := range contexts {
		for _, v := range trickyValues {
			if !check(t, ctx, v) {
				t.Fatalf("%q: not supported", ctx)
			}
		}
	}
}

// TestEscapersUsed checks that the contexts above reach every escaper the executor has,
// so that each is compared with html/template's.
func TestEscapersUsed(t *testing.T) {
	used := map[string]bool{}
	for _, ctx := range contexts {
		parse := func() (*template.Template, error) { return template.New("t").Parse(ctx) }
		escaped, err := escapeAll(template.Must(parse()), parse, []string{"t"})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`_html_template_[a-z]+`).FindAllString(escaped.Tree.Root.String(), -1) {
			used[m] = true
		}
	}
	for name := range escapers {
		if !used[name] {
			t.Errorf("no test context uses %s", name)
		}
	}
}

// semantics are templates of the constructs the layouts use; each is compared over
// several data values.
var semantics = []string{
	`{{.S}} {{.T}} {{.N}} {{.F}} {{.B}} {{.U8}}`,
	`{{.H}}<p title="{{.H}}" {{.A}}>{{.A}}</p><a href="{{.U}}">{{.U}}</a>`,
	`{{if .S}}yes{{else if .T}}t{{else}}no{{end}}`,
	`{{with .P}}{{.S}}{{else}}none{{end}}{{with .M}}{{.s}}{{.missing}}{{end}}`,
	`{{range .L}}<li>{{.}}</li>{{else}}empty{{end}}`,
	`{{range $i, $x := .Items}}{{$i}}:{{$x.Name}}:{{.Twice}}:{{.Label}};{{end}}`,
	`{{range $k, $v := .Ints}}{{$k}}={{$v}},{{end}}{{range $k, $v := .M}}{{$k}}={{$v}};{{end}}`,
	`{{range 3}}{{.}}{{end}}{{range $i := .N}}{{$i}}{{end}}`,
	`{{$x := .S}}{{$x}}{{$x = .T}}{{$x}}{{with .P}}{{$x}}{{end}}{{$}}`,
	`{{.Upper .S}} {{.Pair .S .T}} {{.S | .Upper}} {{.Self.Self.S}} {{.Count}}`,
	`{{.HTMLOf .S}} <a title="{{.HTMLOf .T}}">`,
	`{{.Format "%s-%d" .S .N}} {{.Format "%v" .P}} {{.Format "none"}}`,
	`{{.Fail}}`,
	`{{range .Items0}}{{$.Describe .}};{{end}} {{with .Pick 1}}{{.S}}{{end}} {{.Pick 0}} {{name .}} {{.Describe (index .Items 1)}}`,
	`{{.Pick -1}}`,
	`{{name .P}}`,
	`{{.Describe .S}}`,
	`{{.Panics}}`,
	`{{.Nil.S}}`,
	`{{.P.S}}`,
	`{{.Nil}}{{with .Nil}}x{{end}}`,
	`{{.M.nil}}|{{.M.none}}|{{.M.h}}|{{.I}}|{{.E}}|{{.Str}}|{{.Fn}}`,
	`{{eq .S .T}} {{eq .N 1 2 3}} {{ne .S "x"}} {{eq .U8 .N}} {{lt .N 5}} {{le .S .T}} {{gt .F 1.5}} {{ge .N 0}}`,
	`{{eq .S 1}}`,
	`{{eq .P nil}}`,
	`{{and .S .T}} {{or .S .T}} {{not .B}} {{and .N .S "last"}} {{or "" .P 0}}`,
	`{{len .L}} {{len .S}} {{len .M}} {{index .L 1}} {{index .M "s"}} {{index .Ints 3}} {{index .L 5}}`,
	`{{printf "%s|%d|%v|%q" .S .N .B .T}} {{printf "%v" .M.nil}} {{print .S .N}} {{println .S}}`,
	`{{upper .S}} {{add .N 1}} {{fadd .F 0.5}} {{join .L ", "}} {{join (list .S .T) "+"}}`,
	`{{template "sub" dict "a" .S "b" .N}}{{define "sub"}}[{{.a}}/{{.b}}/{{.c}}]{{end}}`,
	`<a title="{{template "attr" .}}">{{template "attr" .}}</a>{{define "attr"}}{{.S}}&{{.T}}{{end}}`,
	`<a title="{{template "a" .}}" href="/{{template "a" .}}">{{define "a"}}x{{template "b" .}}{{end}}{{define "b"}}{{.S}}<{{.T}}{{end}}`,
	`<script type="application/ld+json">{"a":{{.S}},"n":{{.N}},"l":{{.L}},"m":{{.Ints}}}</script>`,
	`{{block "b" .}}default {{.S}}{{end}}`,
	`{{(.Self).S}} {{(index .Items 0).Name}} {{$.S}}`,
	`{{.S.Foo}}`,
	`{{.Missing}}`,
	`{{.Upper}}`,
	`{{.Upper 1}}`,
	`{{.S 1}}`,
	`{{template "none"}}`,
	`{{if .Items}}{{range .Items}}{{if eq .N 0}}zero{{else}}{{.N}}{{end}}{{end}}{{end}}`,
	`{{- /* comment */ -}} {{"\"quoted\""}} {{1.5}} {{0x10}} {{'a'}} {{true}} {{nil | printf "%v"}}`,
}

func TestSemanticsMatchHTMLTemplate(t *testing.T) {
	values := []*data{sample("a<b", "c&d", 1), sample("", "", 0), sample("javascript:x", "é\u2028", -3), {}}
	for _, text := range semantics {
		for _, d := range values {
			if !check(t, text, d) {
				t.Fatalf("%q: not supported", text)
			}
		}
		check(t, text, nil)
	}
}

// TestErrorNamesTemplate checks that an error of a method stops the execution with an
// error that names the template and the call, as html/template's does.
func TestErrorNamesTemplate(t *testing.T) {
	want, got, wantErr, gotErr, ok := both(t, `before {{template "inner" .}}`+`{{define "inner"}}{{.Fail}}{{end}}`, sample("a", "b", 1))
	if !ok || wantErr == nil || gotErr == nil {
		t.Fatalf("errors: html/template %v, tmplexec %v", wantErr, gotErr)
	}
	if gotErr.Error() != wantErr.Error() {
		t.Errorf("tmplexec error %q, html/template's %q", gotErr, wantErr)
	}
	if want != got {
		t.Errorf("output before the error: tmplexec %q, html/template %q", got, want)
	}
}

// TestUnsupportedIsLoadError checks that a construct the executor lacks fails Compile
// with the template's name, rather than rendering otherwise.
func TestUnsupportedIsLoadError(t *testing.T) {
	parse := func() (*template.Template, error) { return template.New("page").Parse(`{{range .}}{{break}}{{end}}`) }
	_, err := Compile(template.Must(parse()), parse, nil, []string{"page"})
	if err == nil || !strings.Contains(err.Error(), `"page"`) || !strings.Contains(err.Error(), "not supported") {
		t.Fatalf("Compile = %v, want an error naming the template", err)
	}
}

// FuzzExecutors executes fuzzed templates over fuzzed data with both executors: the same
// output, or both fail.
func FuzzExecutors(f *testing.F) {
	for i, text := range append(append([]string{}, semantics...), contexts...) {
		f.Add(text, "a<b", "c&d", i)
	}
	f.Add(`<a href="{{.S}}" {{.A}}>{{.T}}</a>`, "javascript:x", ` lang="ja"`, 2)
	bigNumber := regexp.MustCompile(`[0-9]{4}`)
	f.Fuzz(func(t *testing.T, text, s1, s2 string, n int) {
		if len(text) > 400 || bigNumber.MatchString(text) {
			return // {{range 100000}} takes long for nothing
		}
		check(t, text, sample(s1, s2, n%100))
	})
}
