package audit

import (
	"bytes"
	"html"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"

	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/sitetest"
	"peacebuilding/internal/synth"
)

// lexPage is parsePage as it was written with tdewolff/parse's HTML lexer, which the
// scanner replaces: the reference that the scanner must agree with.
func lexPage(syms *symtab, path string, data []byte) *page {
	// The lexer lower-cases names in place and appends a NUL: give it a copy.
	buf := append(make([]byte, 0, len(data)+1), data...)
	l := htmllex.NewLexer(parse.NewInputBytes(buf))
	pp := pageParser{page: &page{path: path}, syms: syms}
	var e element
	inTag, inTitle, inJSONLD := false, false, false
	var jsonLD []byte
	for {
		tt, raw := l.Next()
		switch tt {
		case htmllex.ErrorToken:
			return pp.finish()
		case htmllex.StartTagToken:
			e.reset(l.Text())
			inTag = true
		case htmllex.AttributeToken:
			if inTag {
				if i := attrIndex(l.AttrKey()); i >= 0 {
					e.set(i, l.AttrVal())
				}
			}
		case htmllex.StartTagCloseToken, htmllex.StartTagVoidToken:
			if inTag {
				pp.element(&e)
				inTitle = string(e.tag) == "title" && tt == htmllex.StartTagCloseToken
				if inTitle {
					pp.titles++
				}
				inJSONLD = string(e.tag) == "script" && strings.EqualFold(e.value(attrType), "application/ld+json") && tt == htmllex.StartTagCloseToken
				jsonLD = jsonLD[:0]
			}
			inTag = false
		case htmllex.TextToken:
			if inTitle {
				pp.title += html.UnescapeString(string(raw))
			}
			if inJSONLD {
				jsonLD = append(jsonLD, raw...)
			}
		case htmllex.EndTagToken:
			if inJSONLD {
				pp.jsonLDTexts = append(pp.jsonLDTexts, bytes.Clone(jsonLD))
			}
			inTitle, inJSONLD = false, false
		}
	}
}

// pageText is what the audit keeps of a page, with its syms as strings, to show in a
// failure.
func pageText(syms *symtab, p *page) map[string]any {
	strs := func(ss []sym) []string {
		var out []string
		for _, s := range ss {
			out = append(out, syms.str(s))
		}
		return out
	}
	pairs := func(as []alternate) []string {
		var out []string
		for _, a := range as {
			out = append(out, syms.str(a.hreflang)+"="+syms.str(a.href))
		}
		return out
	}
	var refs []string
	p.eachRef(syms, func(r ref) { refs = append(refs, r.desc()) })
	return map[string]any{
		"lang": syms.str(p.lang), "layout": syms.str(p.layout), "titles": p.titles, "titleBlank": p.titleBlank,
		"descriptions": p.descriptions, "descriptionBlank": p.descriptionBlank, "canonicals": p.canonicals,
		"canonical": syms.str(p.canonical), "noindex": p.noindex, "touchIcon": p.touchIcon,
		"alternates": pairs(p.alternates), "social": pairs(p.social), "jsonLD": strs(p.jsonLD),
		"ids": strs(p.ids), "dupIDs": strs(p.dupIDs), "refs": refs,
	}
}

// agree checks that the scanner and the lexer read data alike, and returns the page.
func agree(t *testing.T, name string, data []byte) *page {
	t.Helper()
	var syms symtab
	want := lexPage(&syms, name, data)
	orig := bytes.Clone(data)
	got := parsePage(&syms, name, data)
	if !bytes.Equal(data, orig) {
		t.Errorf("%s: parsePage changed the page it read", name)
	}
	// Which elements a page leaves open is the scanner's alone (the lexer's reading of a
	// tag cut off by the end of the page differs from one raw text element to another):
	// TestUnclosedElements and the built pages check it.
	read := *got
	read.unclosed = ""
	if !reflect.DeepEqual(&read, want) {
		t.Errorf("%s: the scanner and the lexer disagree on\n%q\nscanner: %v\nlexer:   %v", name, data, pageText(&syms, got), pageText(&syms, want))
	}
	return got
}

// trickyHTML is markup where a scanner that looks for tags naively goes wrong, each with
// what the audit must read from it (ids and links, in order) besides agreeing with the
// lexer.
var trickyHTML = []struct {
	name, html string
	ids, refs  []string
}{
	{"uppercase tags and attributes", `<A HREF="x/" ID=One>a</A><IMG Src=y.png>`, []string{"One"}, []string{`<a href="x/">`, `<img src="y.png">`}},
	{"> in a quoted value", `<a title="a>b" href="x/">a</a><a title='c>d' href='y/'>`, nil, []string{`<a href="x/">`, `<a href="y/">`}},
	{"unquoted values, / and no value", `<a href=x/ id=i download>a</a><a href=>b</a><a/href=z>`, []string{"i"}, []string{`<a href="x/">`, `<a href="">`}},
	{"first of two values wins", `<a href="x/" href="y/" id=a id=b>`, []string{"a"}, []string{`<a href="x/">`}},
	{"white space in tags", "<a\n\thref = \"x/\"\fid\r=\ri >", []string{"i"}, []string{`<a href="x/">`}},
	{"entities in values", `<a href="?a=1&amp;b=2" id="caf&eacute;">`, []string{"café"}, []string{`<a href="?a=1&b=2">`}},
	{"comments", `<!-- <a href="no/" id=no> --><a id=yes href=y/><!--x--!><a id=two><!----><!-->-> <a id=no2> --><a id=three>`, []string{"three", "two", "yes"}, []string{`<a href="y/">`}},
	{"unclosed comment", `<a id=a><!-- <a id=no>`, []string{"a"}, nil},
	{"doctype, CDATA, processing instructions and bogus comments", `<!DOCTYPE html><![CDATA[<a id=no>]]><?xml <a id=no2 ?><! x <a id=no3><a id=yes></ x <a id=no4 ><a id=yes2>`, []string{"yes", "yes2"}, nil},
	{"end tags with attributes, and a lone <", `</a id=no><a id=a>< b <3 </> <a id=b>`, []string{"a", "b"}, nil},
	{"script contents", `<script>if (a < b) document.write("<a id=no href=no/>")</script><a id=yes>`, []string{"yes"}, nil},
	{"script with a comment", `<script><!-- <script> </script> <a id=no> --></script><a id=yes>`, []string{"yes"}, nil},
	{"script comment cut by its end tag", `<script><!-- x </script><a id=yes> --><a id=yes2>`, []string{"yes", "yes2"}, nil},
	{"style and textarea contents", `<style>a[id="no"]::before{content:"<a id=no>"}</style><textarea><a id=no2></textarea ><a id=yes>`, []string{"yes"}, nil},
	{"raw text ends at letters naming it", `<title>a</titles>b</TITLE2>c<a id=yes>`, []string{"yes"}, nil},
	{"uppercase raw text element", `<SCRIPT><a id=no></Script><a id=yes>`, []string{"yes"}, nil},
	{"title with entities", `<title>A &amp; B</title><title> </title>`, nil, nil},
	{"void raw element", `<title/><a id=no></title><a id=yes>`, []string{"yes"}, nil},
	{"plaintext", `<a id=a><plaintext><a id=no></plaintext><a id=no2>`, []string{"a"}, nil},
	{"JSON-LD of a home page", `<body class="x layout-home"><script type=application/ld+json>{"@type":"WebSite"}</script><script type=application/ld+json></script>`, nil, nil},
	{"JSON-LD", `<script type="application/LD+JSON">{"a":"</b>"}</script><script type=application/ld+json></script><script>{"no":1}</script>`, nil, nil},
	{"svg skipped whole", `<svg id=no><a href="no/" id=no2/><svg><use href="#x"></svg></svg><a id=yes><math id=no3>"</math>"<a id=no4></math><a id=yes2>`, []string{"yes", "yes2"}, nil},
	{"self-closing svg", `<svg/><a id=no></svg ><a id=yes>`, []string{"yes"}, nil},
	{"NUL in svg ends the page", "<a id=a><svg>\x00</svg><a id=no>", []string{"a"}, nil},
	{"NUL elsewhere", "<a id=\"a\x00\"><b\x00 id=b>\x00<a id=c>", []string{"a\x00", "b", "c"}, nil},
	{"cut short in a tag", `<a id=a><a id=no href="x/`, []string{"a"}, nil},
	{"cut short in a value", `<a id=a><a id=no href="x/>`, []string{"a"}, nil},
	{"duplicate ids", `<p id=x><p id=y><p id=x><p id=x>`, []string{"x", "y"}, nil},
	{"head of a page", `<html LANG=ja><head><title>T</title><meta name=Description content=" "><link rel="Canonical alternate" hreflang=en href="https://example.org/"><meta property="OG:title" content=t><meta name="robots" content="NOINDEX,follow"></head><body class="a layout-country">`, nil, []string{`<link href="https://example.org/">`}},
}

// TestScannerAgreesWithTheLexerOnTrickyHTML: on markup built to trip a scanner, the audit
// reads the same page as with the HTML lexer, and the ids and links it must read.
func TestScannerAgreesWithTheLexerOnTrickyHTML(t *testing.T) {
	for _, c := range trickyHTML {
		var syms symtab
		p := parsePage(&syms, c.name, []byte(c.html))
		var ids, refs []string
		for _, s := range p.ids {
			ids = append(ids, syms.str(s))
		}
		slices.Sort(ids)
		p.eachRef(&syms, func(r ref) { refs = append(refs, r.desc()) })
		if !slices.Equal(ids, c.ids) || !slices.Equal(refs, c.refs) {
			t.Errorf("%s: parsePage(%q) read ids %q and links %q, want %q and %q", c.name, c.html, ids, refs, c.ids, c.refs)
		}
		agree(t, c.name, []byte(c.html))
	}
}

// TestUnclosedElements: an element whose end tag HTML requires, left open, is found with
// what closed it; the end tags HTML lets a page leave out, void elements, raw text and
// foreign elements are no finding.
func TestUnclosedElements(t *testing.T) {
	for _, c := range []struct{ html, want string }{
		{`<main><p>Region: <strong>Asia</p><p>next</p></main>`, "<strong> is not closed before </p>"},
		{`<div><span>a</div>`, "<span> is not closed before </div>"},
		{`<body><section><h2>a</h2>`, "<section> is not closed by the end of the page"},
		{`<ul><li>a<li>b</ul><dl><dt>x<dd>y</dl><table><tr><td>1<td>2</table><p>end`, ""},
		{`<p>a<br>b<img src="x.png"><input name=q></p>`, ""},
		{`<script>if (a < b) { document.write("<em>") }</script><title><b></title>`, ""},
		{`<p><svg viewBox="0 0 1 1"><g><path d="M0 0"/></svg></p>`, ""},
		{`<H1>Title</h1><Em>x</EM>`, ""},
		{`<em>a</strong></em>`, ""}, // a stray end tag: the validator's
	} {
		var syms symtab
		if got := parsePage(&syms, "x.html", []byte(c.html)).unclosed; got != c.want {
			t.Errorf("%s: unclosed = %q, want %q", c.html, got, c.want)
		}
	}
}

// TestScannerAgreesWithTheLexerOnBuiltPages: on every page of the real site and of a
// synthetic site, the audit reads the same pages as with the HTML lexer.
func TestScannerAgreesWithTheLexerOnBuiltPages(t *testing.T) {
	synthetic, err := synth.FS(50, os.DirFS(sitetest.RepoRoot()))
	if err != nil {
		t.Fatal(err)
	}
	for _, fsys := range []fs.FS{os.DirFS(sitetest.RepoRoot()), synthetic} {
		res, err := pipeline.Build(fsys, pipeline.Options{})
		if err != nil {
			t.Fatalf("Build: %v", err)
		}
		pages := 0
		for _, f := range res.Files {
			if strings.HasSuffix(f.Path, ".html") {
				if p := agree(t, f.Path, f.Data); p.unclosed != "" {
					t.Errorf("%s: %s", f.Path, p.unclosed)
				}
				pages++
			}
		}
		if pages < 50 {
			t.Errorf("only %d pages compared", pages)
		}
	}
}

// FuzzScanner checks that the scanner reads any input as the HTML lexer does.
func FuzzScanner(f *testing.F) {
	for _, c := range trickyHTML {
		f.Add(c.html)
	}
	f.Fuzz(func(t *testing.T, s string) {
		agree(t, "fuzz", []byte(s))
	})
}

// BenchmarkParsePage reads every page of a synthetic site of 200 country pages per
// language with the scanner, and with the
// HTML lexer it replaced.
func BenchmarkParsePage(b *testing.B) {
	fsys, err := synth.FS(200, os.DirFS(sitetest.RepoRoot()))
	if err != nil {
		b.Fatal(err)
	}
	res, err := pipeline.Build(fsys, pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var pages [][]byte
	size := 0
	for _, f := range res.Files {
		if strings.HasSuffix(f.Path, ".html") {
			pages = append(pages, f.Data)
			size += len(f.Data)
		}
	}
	for _, parser := range []struct {
		name  string
		parse func(*symtab, string, []byte) *page
	}{{"scanner", parsePage}, {"lexer", lexPage}} {
		b.Run(parser.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			start := cpuTime()
			for b.Loop() {
				var syms symtab
				for _, p := range pages {
					parser.parse(&syms, "", p)
				}
			}
			// The machines this runs on are shared: CPU time says more than wall time.
			b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// TestAttrIndexNamesEveryAttribute: attrIndex finds each of attrNames, case aside.
func TestAttrIndexNamesEveryAttribute(t *testing.T) {
	for i, n := range attrNames {
		for _, name := range []string{n, strings.ToUpper(n)} {
			if got := attrIndex([]byte(name)); got != i {
				t.Errorf("attrIndex(%q) = %d, want %d", name, got, i)
			}
		}
	}
	for _, name := range []string{"", "i", "ids", "hreflangs", "data-id"} {
		if got := attrIndex([]byte(name)); got != -1 {
			t.Errorf("attrIndex(%q) = %d, want -1", name, got)
		}
	}
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
