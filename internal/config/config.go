// Package config reads config.toml into a typed Config.
//
// Unknown keys are errors, so that a misspelt setting fails the build instead of being
// ignored; every error names config.toml and the line.
package config

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"peacebuilding/internal/tomlx"
)

// Config is the site configuration.
type Config struct {
	// BaseURL is the public address of the site, always ending in "/". It may carry a
	// sub-path (https://example.org/briefing/).
	BaseURL         string
	DefaultLanguage string
	// AsOf is the date the information refers to, as YYYY, YYYY-MM or YYYY-MM-DD.
	AsOf string
	// Languages in display order (by weight, then code).
	Languages []Language
	// Regions in the order config.toml lists them.
	Regions []Region
	// BookletPartSize is the most briefs one page of the print booklet holds: a language
	// with more is printed in parts (see site.Site.Booklet).
	BookletPartSize int
}

// DefaultBookletPartSize is BookletPartSize when config.toml does not set it: a brief
// prints on at most two A4 pages, so a part is a volume of at most about 200 pages.
const DefaultBookletPartSize = 100

// Language is one edition of the site.
type Language struct {
	Code     string
	Name     string // its own name for itself: "English", "日本語"
	Title    string // the site title in this language
	Subtitle string
	Weight   int
}

// Region groups countries; its name is given per language code.
type Region struct {
	Slug  string
	Names map[string]string
}

// Name returns the region's name in lang.
func (r Region) Name(lang string) string { return r.Names[lang] }

type fileConfig struct {
	BaseURL         string `toml:"baseURL"`
	DefaultLanguage string `toml:"defaultLanguage"`
	AsOf            string `toml:"asOf"`
	Languages       map[string]struct {
		Name     string `toml:"name"`
		Title    string `toml:"title"`
		Subtitle string `toml:"subtitle"`
		Weight   int    `toml:"weight"`
	} `toml:"languages"`
	Regions         []map[string]string `toml:"regions"`
	BookletPartSize *int                `toml:"bookletPartSize"`
}

// knownKeys are offered as suggestions for a misspelt key. Only the top-level keys: a
// nested key's table is not known to the suggester.
var knownKeys = []string{"baseURL", "defaultLanguage", "asOf", "languages", "regions", "bookletPartSize"}

var (
	langCode = regexp.MustCompile(`^[a-z]{2}$`)
	slugRe   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	asOfRe   = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
)

// Load reads and checks the file name in fsys.
func Load(fsys fs.FS, name string) (*Config, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, errors.Unwrap(err))
	}
	var fc fileConfig
	src := string(data)
	_, terrs := tomlx.Decode(src, 1, &fc, knownKeys)
	var errs []error
	for _, e := range terrs {
		// Region names are free-form per language code; they are checked below.
		if strings.HasPrefix(e.Msg, `unknown key "regions.`) {
			continue
		}
		errs = append(errs, fmt.Errorf("%s:%s", name, e))
	}
	if len(terrs) == 1 && !strings.HasPrefix(terrs[0].Msg, "unknown key") {
		return nil, errors.Join(errs...)
	}
	fail := func(key toml.Key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", name, tomlx.KeyLine(src, key), fmt.Sprintf(format, args...)))
	}

	c := &Config{BaseURL: fc.BaseURL, DefaultLanguage: fc.DefaultLanguage, AsOf: fc.AsOf}
	if fc.BaseURL == "" {
		fail(toml.Key{"baseURL"}, "baseURL is required")
	} else if c.BaseURL, err = NormalizeBaseURL(fc.BaseURL); err != nil {
		fail(toml.Key{"baseURL"}, "baseURL %v", err)
	}
	if !asOfRe.MatchString(fc.AsOf) {
		fail(toml.Key{"asOf"}, "asOf %q must be a date as YYYY, YYYY-MM or YYYY-MM-DD", fc.AsOf)
	}
	c.BookletPartSize = DefaultBookletPartSize
	if fc.BookletPartSize != nil {
		c.BookletPartSize = *fc.BookletPartSize
		if c.BookletPartSize < 1 {
			fail(toml.Key{"bookletPartSize"}, "bookletPartSize %d must be at least 1 (the most briefs in one part of the print booklet)", c.BookletPartSize)
		}
	}

	for code, l := range fc.Languages {
		if !langCode.MatchString(code) {
			fail(toml.Key{"languages", code}, "language code %q must be two lower-case letters", code)
		}
		if l.Name == "" || l.Title == "" {
			fail(toml.Key{"languages", code}, "language %q needs a name and a title", code)
		}
		c.Languages = append(c.Languages, Language{Code: code, Name: l.Name, Title: l.Title, Subtitle: l.Subtitle, Weight: l.Weight})
	}
	slices.SortFunc(c.Languages, func(a, b Language) int {
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(a.Code, b.Code))
	})
	if len(c.Languages) == 0 {
		fail(toml.Key{"languages"}, "at least one [languages.<code>] table is required")
	}
	if _, ok := c.Language(fc.DefaultLanguage); !ok {
		fail(toml.Key{"defaultLanguage"}, "defaultLanguage %q is not one of the [languages]", fc.DefaultLanguage)
	}

	seen := map[string]bool{}
	for i, r := range fc.Regions {
		// Each region's errors name the lines of its own [[regions]] item.
		failAt := func(key, format string, args ...any) {
			errs = append(errs, fmt.Errorf("%s:%d: %s", name, tomlx.ItemLine(src, "regions", i, key), fmt.Sprintf(format, args...)))
		}
		slug := r["slug"]
		if !slugRe.MatchString(slug) {
			failAt("slug", "region %d: slug %q must be lower-case ASCII letters, digits and hyphens", i+1, slug)
		}
		if seen[slug] {
			failAt("slug", "region %q is defined twice", slug)
		}
		seen[slug] = true
		region := Region{Slug: slug, Names: map[string]string{}}
		for _, k := range slices.Sorted(maps.Keys(r)) {
			if k == "slug" {
				continue
			}
			if _, ok := c.Language(k); !ok {
				failAt(k, "region %q: unknown key %q (expected slug or a language code)", slug, k)
			}
			region.Names[k] = r[k]
		}
		for _, l := range c.Languages {
			if region.Names[l.Code] == "" {
				failAt("", "region %q has no name in %q", slug, l.Code)
			}
		}
		c.Regions = append(c.Regions, region)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// Language returns the language with the given code.
func (c *Config) Language(code string) (Language, bool) {
	for _, l := range c.Languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// Region returns the region with the given slug.
func (c *Config) Region(slug string) (Region, bool) {
	for _, r := range c.Regions {
		if r.Slug == slug {
			return r, true
		}
	}
	return Region{}, false
}

// BasePath is the path part of BaseURL: "/" or "/briefing/".
func (c *Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// LanguageCodes lists the codes in display order.
func (c *Config) LanguageCodes() []string {
	codes := make([]string, len(c.Languages))
	for i, l := range c.Languages {
		codes[i] = l.Code
	}
	return codes
}

var (
	// schemelessHost is an address written without its scheme: a host name with a dot
	// ("example.org") or a port ("localhost:8080"), then nothing or a path.
	schemelessHost = regexp.MustCompile(`^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::[0-9]+)?|[A-Za-z0-9-]+:[0-9]+)(?:/[^@]*)?$`)
	// pageName is a path that ends in a page's file name rather than a folder.
	pageName = regexp.MustCompile(`(?i)\.(?:html?|php|aspx?|jsp)$`)
)

// NormalizeBaseURL checks an address the site is to be published at, as config.toml's
// baseURL or a build's -baseurl gives it, and returns it as every output writes it:
// escaped once (a space as %20, a quote as %22), so that HTML, XML and plain text all get
// a valid URL, and ending in "/". The error is a predicate, which its caller puts after
// the name of what gave the value ("baseURL must …"); it does not repeat the value, which
// may hold a password.
func NormalizeBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	switch {
	case schemelessHost.MatchString(s):
		// "example.org/briefing/" or "localhost:8080/": a host without its scheme, which
		// url.Parse reads as a path, or as a scheme and what follows. The pattern holds
		// no "@", so no password, and the value can be repeated.
		scheme := "https"
		if h := strings.SplitN(s, ":", 2)[0]; h == "localhost" || h == "127.0.0.1" {
			scheme = "http"
		}
		return "", fmt.Errorf("must be an absolute http(s) URL: %s has no scheme (%s://%s)", s, scheme, s)
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return "", errors.New("must be an absolute http(s) URL without query or fragment")
	case u.User != nil:
		// It would be published in every canonical link, the sitemap and robots.txt.
		return "", fmt.Errorf("must not hold a user name or password (%s@): it would be published on every page", u.User.Username())
	case strings.Contains(u.EscapedPath(), "//"):
		// Every page's links to the assets would start with "//", which a browser reads
		// as another host. (An escaped %2F%2F is no empty segment.)
		return "", fmt.Errorf("must not have an empty segment in its path (%s): write each / once", u.EscapedPath())
	case pageName.MatchString(u.Path):
		// The address of the folder the site is published in, not of a page in it: the
		// pages would be at …/index.html/en/.
		return "", fmt.Errorf("must be the address of the site's folder, not of a page (%s): leave out %s", u.Path, path.Base(u.Path))
	}
	out := u.String()
	if !strings.HasSuffix(out, "/") {
		out += "/"
	}
	return out, nil
}

// Placeholder reports whether baseURL is on a host that no site is published at: a name
// reserved for examples and tests (example.org, *.example, *.test, *.invalid, RFC 2606 and
// 6761) or this machine (localhost, a loopback address). Such a baseURL serves a preview;
// printed into a PDF that is handed out, it leads nowhere.
func Placeholder(baseURL string) bool {
	u, err := url.Parse(baseURL)
	if err != nil {
		return false
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback() || ip.IsUnspecified()
	}
	for _, reserved := range []string{"example", "example.com", "example.net", "example.org", "test", "invalid", "localhost"} {
		if host == reserved || strings.HasSuffix(host, "."+reserved) {
			return true
		}
	}
	return false
}
