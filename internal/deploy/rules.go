// Package deploy holds what a host must send with the built site, in one place: the
// caching rule (fingerprinted assets for a year, everything else revalidated), the
// security headers with a Content-Security-Policy the site meets without 'unsafe-inline',
// and the content types. The build writes them as _headers for Netlify and Cloudflare
// Pages (Headers); deploy/nginx.conf writes them by hand, and its test checks it against
// these rules by crawling a real nginx with Check, which is also `build deploy-check URL`:
// what a deployed site actually serves.
package deploy

import (
	"mime"
	"path"
	"regexp"
	"strings"
)

// Immutable is the Cache-Control of a fingerprinted asset: its name changes with its
// bytes, so a browser or CDN may keep it for a year without asking again.
const Immutable = "public, max-age=31536000, immutable"

// Revalidate is the Cache-Control of everything else (pages, the sitemap, robots.txt, the
// search index, unfingerprinted images): kept, but checked with the server before each
// use, so that a new build is seen at once.
const Revalidate = "no-cache"

// ContentSecurityPolicy allows the page's own scripts, styles, images and fetches (the
// search index) from its own origin, and nothing else: no inline script or style, no
// plugin, no other site framing the page. The layouts keep every script and style in a
// file of assets/ (or a generated file such as <lang>/timeline/filter.css) for it.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// Header is one response header.
type Header struct{ Name, Value string }

// SecurityHeaders go with every response, the 404 page included.
var SecurityHeaders = []Header{
	{"Content-Security-Policy", ContentSecurityPolicy},
	{"X-Content-Type-Options", "nosniff"},
	// Another site learns which site a reader came from, not which page.
	{"Referrer-Policy", "strict-origin-when-cross-origin"},
	// The site uses none of these; a script injected into it could not either. Only
	// features Chromium knows: an unknown one is a console error on every page.
	{"Permissions-Policy", "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"},
}

// fingerprinted matches the names publish.Assets gives: assets/style.948cea0254.css.
var fingerprinted = regexp.MustCompile(`(^|/)assets/[^/]+\.[0-9a-f]{10}\.[a-z0-9]+$`)

// Fingerprinted reports whether the file at p (a path of the site, with or without a
// base path before it) is named by its content hash.
func Fingerprinted(p string) bool { return fingerprinted.MatchString(p) }

// ContentTypes are the media types of the site's files by extension, with the other
// spellings that hosts send for the same type.
var ContentTypes = map[string][]string{
	".html":        {"text/html"},
	".css":         {"text/css"},
	".js":          {"text/javascript", "application/javascript"},
	".json":        {"application/json"},
	".xml":         {"application/xml", "text/xml"},
	".svg":         {"image/svg+xml"},
	".png":         {"image/png"},
	".ico":         {"image/x-icon", "image/vnd.microsoft.icon"},
	".txt":         {"text/plain"},
	".pdf":         {"application/pdf"},
	".webmanifest": {"application/manifest+json"},
}

// ContentTypeOK reports whether the Content-Type header ct is right for the file at p
// (a folder, ending in /, is its index.html): one of ContentTypes, and UTF-8 for text.
func ContentTypeOK(p, ct string) bool {
	ext := extOf(p)
	want, known := ContentTypes[ext]
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || !known {
		return false
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return false
	}
	if ext == ".html" && !strings.EqualFold(params["charset"], "utf-8") {
		// A page's <meta charset> comes after the first bytes a browser may sniff.
		return false
	}
	for _, w := range want {
		if mt == w {
			return true
		}
	}
	return false
}

// WantContentType says what ContentTypeOK accepts for the file at p, for a message:
// "text/html; charset=utf-8", "text/javascript or application/javascript".
func WantContentType(p string) string {
	ext := extOf(p)
	if ext == ".html" {
		return ContentTypes[ext][0] + "; charset=utf-8"
	}
	if want, ok := ContentTypes[ext]; ok {
		return strings.Join(want, " or ")
	}
	return "a type this site has (" + ext + " is none of its files')"
}

// extOf is the extension of the file at p, ".html" for a folder's page.
func extOf(p string) string {
	ext := path.Ext(p)
	if strings.HasSuffix(p, "/") || ext == "" {
		ext = ".html"
	}
	return ext
}
