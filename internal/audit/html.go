package audit

import (
	"bytes"
	"html"
	"slices"
	"strings"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"
)

// page is what the audit needs of one HTML file.
type page struct {
	path   string // output path: "en/countries/cambodia/index.html"
	url    string // the URL it is served at, relative to the site root: "en/countries/cambodia/"
	lang   string // <html lang>
	title  string
	titles int
	// description is the content of <meta name="description">; descriptions counts them.
	description  string
	descriptions int
	noindex      bool     // <meta name="robots" content="noindex">
	layout       string   // from <body class="layout-x">
	canonicals   []string // href of every <link rel="canonical">
	alternates   []alternate
	ids          map[string]bool
	dupIDs       []string
	refs         []ref
}

// alternate is a <link rel="alternate" hreflang="..." href="...">.
type alternate struct {
	hreflang, href string
}

// ref is a URL in an href or src attribute, with what the audit needs of its element.
type ref struct {
	tag, attr, val string
	rel            []string // <link rel> or <a rel> tokens
	ext            bool     // class="ext": a deliberate external link written in Markdown
}

// element is one start tag and its attributes (first value wins, as in browsers).
type element struct {
	tag   string
	attrs map[string]string
	order []string
}

func (e *element) get(name string) (string, bool) { v, ok := e.attrs[name]; return v, ok }

// parsePage lexes an HTML file. The lexer is lenient and never fails on bad markup; the
// validator tests judge markup, the audit only what it links to.
func parsePage(path string, data []byte) *page {
	p := &page{path: path, url: pageURL(path), ids: map[string]bool{}}
	// The lexer lower-cases tag and attribute names in place: give it a copy, so that the
	// files being audited are never changed.
	l := htmllex.NewLexer(parse.NewInputBytes(bytes.Clone(data)))
	// One element is reused for every tag: p.element copies what it keeps.
	var cur *element
	reused := &element{attrs: map[string]string{}}
	inTitle := false
	for {
		tt, raw := l.Next()
		switch tt {
		case htmllex.ErrorToken:
			return p
		case htmllex.StartTagToken:
			clear(reused.attrs)
			reused.tag, reused.order = string(l.Text()), reused.order[:0]
			cur = reused
		case htmllex.AttributeToken:
			if cur == nil {
				continue
			}
			name := string(l.AttrKey())
			if _, dup := cur.attrs[name]; dup {
				continue
			}
			cur.attrs[name] = attrValue(l.AttrVal())
			cur.order = append(cur.order, name)
		case htmllex.StartTagCloseToken, htmllex.StartTagVoidToken:
			if cur != nil {
				p.element(cur)
				inTitle = cur.tag == "title" && tt == htmllex.StartTagCloseToken
				if inTitle {
					p.titles++
				}
			}
			cur = nil
		case htmllex.TextToken:
			if inTitle {
				p.title += html.UnescapeString(string(raw))
			}
		case htmllex.EndTagToken:
			inTitle = false
		}
	}
}

// attrValue removes the quotes of a raw attribute value and decodes its character references.
func attrValue(raw []byte) string {
	v := string(raw)
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		v = v[1 : len(v)-1]
	}
	return html.UnescapeString(v)
}

func (p *page) element(e *element) {
	if id, ok := e.get("id"); ok {
		if p.ids[id] {
			p.dupIDs = append(p.dupIDs, id)
		}
		p.ids[id] = true
	}
	rel := strings.Fields(strings.ToLower(e.attrs["rel"]))
	switch e.tag {
	case "html":
		p.lang = e.attrs["lang"]
	case "body":
		for _, c := range strings.Fields(e.attrs["class"]) {
			if name, ok := strings.CutPrefix(c, "layout-"); ok {
				p.layout = name
			}
		}
	case "meta":
		switch strings.ToLower(e.attrs["name"]) {
		case "description":
			p.description = e.attrs["content"]
			p.descriptions++
		case "robots":
			p.noindex = slices.Contains(strings.FieldsFunc(strings.ToLower(e.attrs["content"]), isListSep), "noindex")
		}
	case "link":
		if href, ok := e.get("href"); ok {
			if slices.Contains(rel, "canonical") {
				p.canonicals = append(p.canonicals, href)
			}
			if lang, ok := e.get("hreflang"); ok && slices.Contains(rel, "alternate") {
				p.alternates = append(p.alternates, alternate{hreflang: lang, href: href})
			}
		}
	}
	for _, attr := range e.order {
		if attr != "href" && attr != "src" {
			continue
		}
		p.refs = append(p.refs, ref{
			tag: e.tag, attr: attr, val: e.attrs[attr], rel: rel,
			ext: e.tag == "a" && slices.Contains(strings.Fields(e.attrs["class"]), "ext"),
		})
	}
}

func isListSep(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }

// pageURL is the URL, relative to the site root, at which a host serves the output file
// path: folders are served by their index.html.
func pageURL(path string) string {
	if path == "index.html" {
		return ""
	}
	if dir, ok := strings.CutSuffix(path, "/index.html"); ok {
		return dir + "/"
	}
	return path
}
