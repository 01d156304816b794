package audit

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
)

// target is where a URL leads.
type target struct {
	scheme, host string
	path         string // decoded, from the root of the host: "/briefing/en/a/"
	internal     bool   // on the site: same scheme and host, under the base path
	file         string // the output file it is served from, for internal targets
	written      bool   // written as an absolute URL (scheme or host)
	fragment     string // decoded
}

// resolver resolves the URLs of the site's pages the way net/url does: url.Parse, then
// ResolveReference against the base URL joined with the page's URL. Most links of a build
// are relative paths or absolute URLs under the base URL, written with plain characters;
// for those it joins the paths itself, which gives the same result without the cost of
// net/url (see TestResolverAgreesWithNetURL). Anything else goes through net/url.
type resolver struct {
	base    *url.URL
	baseURL string // as given: "https://example.org/briefing/"
	// plainBase says that baseURL has no user, query, fragment nor escapes, so that
	// base.Path is its path as written and baseURL+path parses to base.Path+path.
	plainBase bool
}

func newResolver(baseURL string) (*resolver, error) {
	base, err := url.Parse(baseURL)
	if err != nil || base.Scheme == "" || base.Host == "" || !strings.HasSuffix(base.Path, "/") {
		return nil, fmt.Errorf("audit: base URL %q must be absolute and end in /", baseURL)
	}
	plain := !strings.ContainsAny(baseURL, "@?#%") && base.Opaque == "" && base.User == nil && base.RawPath == ""
	return &resolver{base: base, baseURL: baseURL, plainBase: plain}, nil
}

// resolve resolves val as seen from the page served at pageURL (relative to the site root).
func (r *resolver) resolve(pageURL, val string) (target, error) {
	if t, ok := r.resolvePlain(pageURL, val); ok {
		return t, nil
	}
	u, err := url.Parse(val)
	if err != nil {
		return target{}, fmt.Errorf("%q is not a valid URL", val)
	}
	from := *r.base
	from.Path += pageURL
	from.RawPath = ""
	abs := from.ResolveReference(u)
	return r.target(abs.Scheme, abs.Host, abs.Path, abs.Fragment, u.Scheme != "" || u.Host != ""), nil
}

// target completes a target from its resolved URL.
func (r *resolver) target(scheme, host, path, fragment string, written bool) target {
	t := target{scheme: scheme, host: host, path: path, written: written, fragment: fragment}
	if scheme == r.base.Scheme && strings.EqualFold(host, r.base.Host) && strings.HasPrefix(path, r.base.Path) {
		t.internal = true
		t.file = strings.TrimPrefix(path, r.base.Path)
		if t.file == "" || strings.HasSuffix(t.file, "/") {
			t.file += "index.html"
		}
	}
	return t
}

// resolvePlain resolves the common links without net/url: a relative path ("../a/",
// "#main", "/briefing/en/") or an absolute URL that begins with the base URL, when its path
// has only plain characters (see plainPath). Its fragment may be anything, percent-encoded
// or not. It reports false for any other link.
//
// Why this is what net/url does for such links: url.Parse cuts the fragment at the first
// "#" and decodes it as url.PathUnescape does; a path of plain characters has no scheme,
// host, query nor escape, so it is the decoded path as written. ResolveReference then
// removes dot segments (resolvePath) from the escaped form of the joined paths and decodes
// the result; escaping changes no "/" and makes no dot segment, so doing it on the decoded
// paths gives the same. A plain base URL has no fragment or query to inherit.
func (r *resolver) resolvePlain(pageURL, val string) (target, bool) {
	if !r.plainBase {
		return target{}, false
	}
	rest, written := strings.CutPrefix(val, r.baseURL)
	p, frag, _ := strings.Cut(rest, "#")
	if !plainPath(p) || (!written && strings.HasPrefix(p, "//")) {
		return target{}, false
	}
	if strings.IndexByte(frag, '%') >= 0 {
		var err error
		if frag, err = url.PathUnescape(frag); err != nil {
			return target{}, false
		}
	}
	// The joined path, the resolved one and its file are made in buffers on the stack;
	// the one string allocated holds the path, and the file at its end.
	var joinBuf, pathBuf [256]byte
	var joined []byte
	switch {
	case written:
		joined = append(append(joinBuf[:0], r.base.Path...), p...)
	case p != "" && p[0] == '/':
		joined = append(joinBuf[:0], p...)
	default:
		// The page's path, or its folder followed by p.
		joined = append(append(joinBuf[:0], r.base.Path...), pageURL...)
		if p != "" {
			joined = append(joined[:bytes.LastIndexByte(joined, '/')+1], p...)
		}
	}
	abs := removeDotSegments(pathBuf[:0], joined)
	t := target{scheme: r.base.Scheme, host: r.base.Host, written: written, fragment: frag}
	t.internal = len(abs) >= len(r.base.Path) && string(abs[:len(r.base.Path)]) == r.base.Path
	folder := t.internal && abs[len(abs)-1] == '/'
	if folder {
		abs = append(abs, indexHTML...)
	}
	all := string(abs)
	t.path = all
	if folder {
		t.path = all[:len(all)-len(indexHTML)]
	}
	if t.internal {
		t.file = all[len(r.base.Path):]
	}
	return t, true
}

const indexHTML = "index.html"

// plainPath reports whether p has only characters that url.Parse keeps as they are in a
// path and that cannot start a scheme, query or escape: ASCII letters and digits, "-._~/"
// and the bytes of non-ASCII characters.
func plainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c >= 0x80:
		case c == '-', c == '.', c == '_', c == '~', c == '/':
		default:
			return false
		}
	}
	return true
}

// removeDotSegments appends to dst the path full without its dot segments, as net/url's
// resolvePath does (Go 1.26) once it has joined the paths (RFC 3986, 5.2.4).
func removeDotSegments(dst, full []byte) []byte {
	if len(full) == 0 {
		return dst
	}
	start := len(dst)
	dst = append(dst, '/')
	var elem []byte
	remaining := full
	found := true
	first := true
	for found {
		elem, remaining, found = bytes.Cut(remaining, []byte("/"))
		if string(elem) == "." {
			first = false
			continue
		}
		if string(elem) == ".." {
			if i := bytes.LastIndexByte(dst[start+1:], '/'); i >= 0 {
				dst = dst[:start+i+1]
			} else {
				dst = dst[:start+1]
			}
			first = len(dst) == start+1
		} else {
			if !first {
				dst = append(dst, '/')
			}
			dst = append(dst, elem...)
			first = false
		}
	}

	if string(elem) == "." || string(elem) == ".." {
		dst = append(dst, '/')
	}

	// We wrote an initial '/', but we don't want two.
	if len(dst) > start+1 && dst[start+1] == '/' {
		return append(dst[:start], dst[start+1:]...)
	}
	return dst
}
