package tmplexec

import (
	"encoding/json"
	"fmt"
	"html/template"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// The escapers html/template appends to actions, by the names it gives them, written here
// from html/template's rules. An escaper that a layout needs and this table lacks is an
// error of Compile. The layouts use all but two: nospaceescaper (a value in an unquoted
// attribute) and commentescaper (in an HTML comment), kept so that such an edit works.
// The CSS and JavaScript string escapers are left out: no layout writes a value into a
// style or a script other than JSON.
var escapers = map[string]*escaper{
	"_html_template_htmlescaper":    {str: htmlEscaper, write: writeHTML},
	"_html_template_attrescaper":    {str: attrEscaper, write: writeAttr},
	"_html_template_rcdataescaper":  {str: rcdataEscaper, write: writeRCDATA},
	"_html_template_nospaceescaper": {str: nospaceEscaper},
	"_html_template_htmlnamefilter": {str: htmlNameFilter},
	"_html_template_urlfilter":      {str: urlFilter},
	"_html_template_urlnormalizer":  {str: func(s string, t content) string { return urlProcessor(s, t, true) }},
	"_html_template_urlescaper":     {str: func(s string, t content) string { return urlProcessor(s, t, false) }},
	"_html_template_commentescaper": {str: func(string, content) string { return "" }},
	"_html_template_jsvalescaper":   {raw: jsValEscaper},
}

// An escaper escapes the value of an action: most escape the value as text of some
// content type (str); one looks at the value itself (raw).
type escaper struct {
	str func(s string, t content) string
	raw func(a any) string
	// write, if set, writes what str returns, without making it a string first.
	write func(w *state, s string, t content)
}

// content is the type of trusted content a value declares (template.HTML, ...).
type content uint8

const (
	contentPlain content = iota
	contentCSS
	contentHTML
	contentHTMLAttr
	contentJS
	contentJSStr
	contentURL
	contentSrcset
)

var contentOf = map[reflect.Type]content{
	stringType:                           contentPlain,
	reflect.TypeFor[template.CSS]():      contentCSS,
	reflect.TypeFor[template.HTML]():     contentHTML,
	reflect.TypeFor[template.HTMLAttr](): contentHTMLAttr,
	reflect.TypeFor[template.JS]():       contentJS,
	reflect.TypeFor[template.JSStr]():    contentJSStr,
	reflect.TypeFor[template.URL]():      contentURL,
	reflect.TypeFor[template.Srcset]():   contentSrcset,
}

// textOf is a value as the escapers' stringify gives it: the text and its content type.
func textOf(v reflect.Value) (string, content) {
	if v.Kind() == reflect.String {
		if t, ok := contentOf[v.Type()]; ok {
			return v.String(), t
		}
	}
	return stringify(valueInterface(v))
}

// valueInterface is a value as an escaper's ...any parameter gets it: nil if missing.
func valueInterface(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

// stringify is a value as text, and its content type if it is a string of one: pointers
// to such strings count as them; other values print as fmt prints them, a nil as nothing.
func stringify(a any) (string, content) {
	if a == nil {
		return "", contentPlain
	}
	v := reflect.ValueOf(a)
	deref := v
	for deref.Kind() == reflect.Pointer && !deref.IsNil() {
		deref = deref.Elem()
	}
	if deref.Kind() == reflect.String {
		if t, ok := contentOf[deref.Type()]; ok {
			return deref.String(), t
		}
	}
	// A pointer is followed only down to a value that prints itself.
	for !v.Type().Implements(stringerType) && !v.Type().Implements(errorType) && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() == reflect.Int && v.Type() == intType {
		return fmt.Sprint(int(v.Int())), contentPlain
	}
	return fmt.Sprint(v.Interface()), contentPlain
}

var intType = reflect.TypeFor[int]()

// replacement tables of HTML escaping, by byte: every byte they replace is ASCII, so that
// a byte-wise pass leaves multi-byte and invalid UTF-8 sequences as they are.
var (
	htmlTable = table(map[byte]string{
		0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;",
	})
	// htmlNormTable leaves '&' alone: the text is HTML already, its entities stay.
	htmlNormTable = table(map[byte]string{
		0: "\uFFFD", '"': "&#34;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;",
	})
	// htmlNospaceTable is for unquoted attribute values, which end at a space.
	htmlNospaceTable = table(map[byte]string{
		0: "&#xfffd;", '\t': "&#9;", '\n': "&#10;", '\v': "&#11;", '\f': "&#12;", '\r': "&#13;", ' ': "&#32;",
		'"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '=': "&#61;", '>': "&gt;", '`': "&#96;",
	})
)

func table(m map[byte]string) *[256]string {
	var t [256]string
	for b, s := range m {
		t[b] = s
	}
	return &t
}

// replace replaces the bytes of s that t names; unquoted, it also writes the Unicode
// noncharacters U+FDD0-U+FDEF and U+FFF0-U+FFFF as character references.
func replace(s string, t *[256]string, unquoted bool) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if r := t[c]; r != "" {
			if written == 0 {
				b.Grow(len(s) + 16)
			}
			b.WriteString(s[written:i])
			b.WriteString(r)
			written = i + 1
			continue
		}
		if unquoted && c >= utf8.RuneSelf {
			// An invalid byte decodes as U+FFFD, which is one of them.
			r, w := utf8.DecodeRuneInString(s[i:])
			if 0xfdd0 <= r && r <= 0xfdef || 0xfff0 <= r && r <= 0xffff {
				if written == 0 {
					b.Grow(len(s) + 16)
				}
				fmt.Fprintf(&b, "%s&#x%x;", s[written:i], r)
				written = i + w
			}
			i += w - 1
		}
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

// replaceTo writes s to w with the bytes that t names replaced.
func replaceTo(w *state, s string, t *[256]string) {
	written := 0
	for i := 0; i < len(s); i++ {
		if r := t[s[i]]; r != "" {
			w.writeString(s[written:i])
			w.writeString(r)
			written = i + 1
		}
	}
	w.writeString(s[written:])
}

func writeHTML(w *state, s string, t content) {
	if t == contentHTML {
		w.writeString(s)
		return
	}
	replaceTo(w, s, htmlTable)
}

func writeRCDATA(w *state, s string, t content) {
	if t == contentHTML {
		replaceTo(w, s, htmlNormTable)
		return
	}
	replaceTo(w, s, htmlTable)
}

func writeAttr(w *state, s string, t content) {
	if t == contentHTML {
		w.writeString(attrEscaper(s, t))
		return
	}
	replaceTo(w, s, htmlTable)
}

func htmlEscaper(s string, t content) string {
	if t == contentHTML {
		return s
	}
	return replace(s, htmlTable, false)
}

func rcdataEscaper(s string, t content) string {
	if t == contentHTML {
		return replace(s, htmlNormTable, false)
	}
	return replace(s, htmlTable, false)
}

func attrEscaper(s string, t content) string {
	if t == contentHTML {
		// HTML in an attribute loses its tags: html/template's own HTML tokenizer decides
		// what a tag is, so it strips them.
		return viaHTMLTemplate(attrTemplate, template.HTML(s))
	}
	return replace(s, htmlTable, false)
}

func nospaceEscaper(s string, t content) string {
	if s == "" {
		return "ZgotmplZ"
	}
	if t == contentHTML {
		return viaHTMLTemplate(nospaceTemplate, template.HTML(s))
	}
	return replace(s, htmlNospaceTable, true)
}

// htmlNameFilter lets through an attribute name that is plain letters and digits, and
// trusted attributes (template.HTMLAttr) whole.
func htmlNameFilter(s string, t content) string {
	if t == contentHTMLAttr {
		return s
	}
	if s == "" {
		return "ZgotmplZ"
	}
	// A name that html/template's attribute table types (a URL, script, style) is
	// refused; the table is html/template's, so it decides.
	return viaHTMLTemplate(nameTemplate, s)
}

// The cases that need html/template's HTML tokenizer or its attribute table, rare in the
// layouts (trusted HTML in an attribute, an attribute name from data), are handed to
// html/template itself through a template of one action in that context.
var (
	attrTemplate    = helper(`<a title="`, `">`)
	nospaceTemplate = helper(`<a title=`, `>`)
	nameTemplate    = helper(`<a `, `>`)
)

type helperTemplate struct {
	once           sync.Once
	prefix, suffix string
	t              *template.Template
}

func helper(prefix, suffix string) *helperTemplate {
	return &helperTemplate{prefix: prefix, suffix: suffix}
}

func viaHTMLTemplate(h *helperTemplate, value any) string {
	h.once.Do(func() { h.t = template.Must(template.New("").Parse(h.prefix + "{{.}}" + h.suffix)) })
	var b strings.Builder
	if err := h.t.Execute(&b, value); err != nil {
		panic(err) // a string cannot fail
	}
	out := b.String()
	return out[len(h.prefix) : len(out)-len(h.suffix)]
}

// urlFilter refuses a URL whose scheme is not http, https or mailto (javascript:...).
func urlFilter(s string, t content) string {
	if t == contentURL {
		return s
	}
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		if !strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
			return "#ZgotmplZ"
		}
	}
	return s
}

// urlProcessor percent-encodes the bytes of s that may not appear in a URL (or, if not
// norm, in a part of one: the query or fragment), keeping valid escapes when it
// normalizes. A template.URL is always only normalized.
func urlProcessor(s string, t content, norm bool) string {
	if t == contentURL {
		norm = true
	}
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~':
			continue
		case strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			if norm {
				continue
			}
		case c == '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte("0123456789abcdef"[c>>4])
		b.WriteByte("0123456789abcdef"[c&15])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	scriptTagRe       = regexp.MustCompile(`(?i)<(/?)script`)
)

// jsValEscaper writes a value as a JavaScript (and JSON) value: JSON, with U+2028 and
// U+2029 escaped, padded with spaces where it could run into a neighbouring word.
func jsValEscaper(a any) string {
	if a != nil {
		v := reflect.ValueOf(a)
		for !v.Type().Implements(jsonMarshalerType) && v.Kind() == reflect.Pointer && !v.IsNil() {
			v = v.Elem()
		}
		a = v.Interface()
	}
	switch t := a.(type) {
	case template.JS:
		return string(t)
	case template.JSStr:
		return `"` + string(t) + `"`
	case json.Marshaler:
	case fmt.Stringer:
		a = t.String()
	}
	b, err := json.Marshal(a)
	if err != nil {
		msg := scriptTagRe.ReplaceAllString(err.Error(), `\x3C${1}script`)
		msg = strings.ReplaceAll(msg, "*/", "* /")
		msg = strings.ReplaceAll(msg, "<!--", `\x3C!--`)
		return " /* " + msg + " */null "
	}
	if len(b) == 0 {
		return " null "
	}
	first, _ := utf8.DecodeRune(b)
	last, _ := utf8.DecodeLastRune(b)
	pad := jsIdentPart(first) || jsIdentPart(last)
	s := string(b)
	if strings.Contains(s, "\u2028") || strings.Contains(s, "\u2029") {
		s = strings.NewReplacer("\u2028", `\u2028`, "\u2029", `\u2029`).Replace(s)
	}
	if pad {
		s = " " + s + " "
	}
	return s
}

func jsIdentPart(r rune) bool {
	return r == '$' || r == '_' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z'
}
