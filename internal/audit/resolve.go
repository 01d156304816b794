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
	var abs string
	if written {
		abs = resolvePath(r.base.Path+p, "")
	} else {
		abs = resolvePath(r.base.Path+pageURL, p)
	}
	return r.target(r.base.Scheme, r.base.Host, abs, frag, written), true
}

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

// resolvePath is net/url's resolvePath (Go 1.26): it joins ref to the folder of base, or
// takes ref alone when it begins with "/", and removes the dot segments (RFC 3986, 5.2).
func resolvePath(base, ref string) string {
	var full string
	if ref == "" {
		full = base
	} else if ref[0] != '/' {
		i := strings.LastIndex(base, "/")
		full = base[:i+1] + ref
	} else {
		full = ref
	}
	if full == "" {
		return ""
	}

	dst := make([]byte, 0, len(full)+1)
	dst = append(dst, '/')
	elem := ""
	remaining := full
	found := true
	first := true
	for found {
		elem, remaining, found = strings.Cut(remaining, "/")
		switch elem {
		case ".":
			first = false
			continue
		case "..":
			if i := bytes.LastIndexByte(dst[1:], '/'); i >= 0 {
				dst = dst[:i+1]
			} else {
				dst = dst[:1]
			}
			first = len(dst) == 1
		default:
			if !first {
				dst = append(dst, '/')
			}
			dst = append(dst, elem...)
			first = false
		}
	}

	if elem == "." || elem == ".." {
		dst = append(dst, '/')
	}

	// We wrote an initial '/', but we don't want two.
	if len(dst) > 1 && dst[1] == '/' {
		return string(dst[1:])
	}
	return string(dst)
}
