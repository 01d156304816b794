package deploy

import (
	"bytes"
	"fmt"
	"slices"
)

// HeadersFile is the name of the headers file of Netlify and Cloudflare Pages, which both
// read it from the root of the published folder, with the same syntax: a line with a URL
// path (`*` matches anything), then its headers indented, `Name: value`, one per line;
// `#` starts a comment.
//
//	https://docs.netlify.com/routing/headers/
//	https://developers.cloudflare.com/pages/configuration/headers/
const HeadersFile = "_headers"

// Headers returns the _headers file of a site published at basePath ("/" or
// "/briefing/") whose fingerprinted assets are assets (paths of the site). The security
// headers go on every path. Cache-Control goes only on the fingerprinted files, each
// named: both hosts join the values of every rule that matches a path, so a rule for /*
// and one for /assets/* would send "no-cache, public, max-age=…" for an asset; everything
// else keeps the hosts' own default, which revalidates (public, max-age=0,
// must-revalidate).
func Headers(basePath string, assets []string) []byte {
	var b bytes.Buffer
	b.WriteString("# Response headers for Netlify and Cloudflare Pages, written by the build (internal/deploy).\n")
	fmt.Fprintf(&b, "%s*\n", basePath)
	for _, h := range SecurityHeaders {
		fmt.Fprintf(&b, "  %s: %s\n", h.Name, h.Value)
	}
	for _, a := range slices.Sorted(slices.Values(assets)) {
		fmt.Fprintf(&b, "%s%s\n  Cache-Control: %s\n", basePath, a, Immutable)
	}
	return b.Bytes()
}
