package audit

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"strings"
)

// What a page says to the sites and apps it is shared in, to browsers and to search
// engines (issue 14): every page but the 404 and noindex pages has the OpenGraph and X card
// tags, with og:url its canonical URL, og:locale its language and an og:locale:alternate
// for each translation it names; its og:image is a 1200 x 630 PNG of the output; it has a
// theme-color and an apple-touch-icon; a language's home page has a JSON-LD WebSite whose
// SearchAction leads to that language's search page.

// pngSize is the width and height a PNG file's header gives, or why it has none.
type pngSize struct {
	w, h int
	err  string
}

func summarizePNG(data []byte) *pngSize {
	// The signature, then the IHDR chunk: length, "IHDR", width, height.
	if len(data) < 24 || !bytes.Equal(data[:8], []byte("\x89PNG\r\n\x1a\n")) || string(data[12:16]) != "IHDR" {
		return &pngSize{err: "not a PNG file"}
	}
	return &pngSize{w: int(binary.BigEndian.Uint32(data[16:20])), h: int(binary.BigEndian.Uint32(data[20:24]))}
}

// requiredSocial are the head tags every shared page must have.
var requiredSocial = []string{"og:type", "og:site_name", "og:title", "og:description", "og:url", "og:locale", "og:image", "twitter:card", "theme-color"}

// The share image's size.
const shareWidth, shareHeight = 1200, 630

func (a *auditor) checkSocial(out *reporter, p *checked) {
	if p.path == notFoundName || p.noindex {
		return
	}
	where := a.origin(p.page)
	tags := map[string][]string{}
	for _, s := range p.social {
		k := a.syms.str(s.hreflang)
		tags[k] = append(tags[k], a.syms.str(s.href))
	}
	for _, k := range requiredSocial {
		switch v := tags[k]; {
		case len(v) == 0:
			out.report(p.path, where, "no %s: a shared link would show no proper preview", k)
		case strings.TrimSpace(v[0]) == "":
			out.report(p.path, where, "%s is empty", k)
		}
	}
	if !p.touchIcon {
		out.report(p.path, where, "no <link rel=\"apple-touch-icon\">")
	}
	lang := a.syms.str(p.lang)
	if v := tags["og:url"]; len(v) > 0 && p.canonicals == 1 && v[0] != a.syms.str(p.page.canonical) {
		out.report(p.path, where, "og:url %q is not the canonical URL %q", v[0], a.syms.str(p.page.canonical))
	}
	if v := tags["og:locale"]; len(v) > 0 && !strings.HasPrefix(strings.ToLower(v[0]), strings.ToLower(lang)) {
		out.report(p.path, where, "og:locale %q is not of the page's language %q", v[0], lang)
	}
	// Each translation the page names (hreflang) is an og:locale:alternate, and the other
	// way round.
	want := map[string]bool{}
	for _, alt := range p.page.alternates {
		if l := a.syms.str(alt.hreflang); l != "x-default" && l != lang {
			want[l] = true
		}
	}
	for _, v := range tags["og:locale:alternate"] {
		l, _, _ := strings.Cut(v, "_")
		if !want[l] {
			out.report(p.path, where, "og:locale:alternate %q names no translation of the page's hreflang links", v)
		}
		delete(want, l)
	}
	for l := range want {
		out.report(p.path, where, "no og:locale:alternate for its %s translation", l)
	}
	if v := tags["og:image"]; len(v) > 0 {
		t, err := a.resolve(p.url, v[0])
		switch {
		case err != nil:
			out.report(p.path, where, "og:image: %v", err)
		case !t.internal || !t.written:
			out.report(p.path, where, "og:image %q must be an absolute URL under %s", v[0], a.opts.BaseURL)
		case a.files[t.file] == nil || a.files[t.file].png == nil:
			out.report(p.path, where, "og:image %q is not a PNG file of the output", v[0])
		case a.files[t.file].png.err != "":
			out.report(p.path, where, "og:image %s: %s", t.file, a.files[t.file].png.err)
		case a.files[t.file].png.w != shareWidth || a.files[t.file].png.h != shareHeight:
			out.report(p.path, where, "og:image %s is %d x %d, want %d x %d", t.file, a.files[t.file].png.w, a.files[t.file].png.h, shareWidth, shareHeight)
		}
	}
	if a.syms.str(p.layout) == "home" {
		a.checkWebSite(out, p, where, lang)
	}
}

// checkWebSite checks the JSON-LD WebSite of a home page.
func (a *auditor) checkWebSite(out *reporter, p *checked, where, lang string) {
	var site *struct {
		Type   string `json:"@type"`
		URL    string `json:"url"`
		Action struct {
			Type   string `json:"@type"`
			Target struct {
				URLTemplate string `json:"urlTemplate"`
			} `json:"target"`
			QueryInput string `json:"query-input"`
		} `json:"potentialAction"`
	}
	for _, s := range p.jsonLD {
		var v struct {
			Type string `json:"@type"`
		}
		text := a.syms.str(s)
		if err := json.Unmarshal([]byte(text), &v); err != nil {
			out.report(p.path, where, "JSON-LD does not read: %v", err)
			continue
		}
		if v.Type == "WebSite" {
			_ = json.Unmarshal([]byte(text), &site)
		}
	}
	if site == nil {
		out.report(p.path, where, "a home page without a JSON-LD WebSite")
		return
	}
	tmpl := site.Action.Target.URLTemplate
	page, query, _ := strings.Cut(tmpl, "?")
	switch {
	case site.Action.Type != "SearchAction":
		out.report(p.path, where, "the JSON-LD WebSite has no SearchAction")
	case !strings.Contains(query, "{search_term_string}") || !strings.Contains(site.Action.QueryInput, "search_term_string"):
		out.report(p.path, where, "the SearchAction's urlTemplate %q and query-input %q do not name search_term_string", tmpl, site.Action.QueryInput)
	default:
		t, err := a.resolve(p.url, page)
		switch {
		case err != nil || !t.internal || !t.written:
			out.report(p.path, where, "the SearchAction leads to %q, not to an absolute URL under %s", tmpl, a.opts.BaseURL)
		case a.pages[t.file] == nil || a.syms.str(a.pages[t.file].layout) != "search":
			out.report(p.path, where, "the SearchAction leads to %s, which is not a search page of the output", t.file)
		case a.syms.str(a.pages[t.file].lang) != lang:
			out.report(p.path, where, "the SearchAction leads to the %s search page %s", a.syms.str(a.pages[t.file].lang), t.file)
		}
	}
	if site.URL != a.syms.str(p.page.canonical) {
		out.report(p.path, where, "the JSON-LD WebSite's url %q is not the page's canonical URL", site.URL)
	}
}
