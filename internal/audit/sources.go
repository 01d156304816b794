package audit

import (
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"peacebuilding/internal/publish"
	"peacebuilding/internal/site"
)

// Sources maps the output file of every page of s to its content file and the lines of its
// Markdown links. The print booklet of each language shows the bodies of that language's
// briefs (and of its closing page), so the booklet page that shows a brief gets its links too (for a target linked
// from several briefs, the first).
func Sources(s *site.Site) map[string]Source {
	out := map[string]Source{}
	booklets := map[*site.Page]string{} // brief -> the output file of its booklet page
	for _, l := range s.Config.LanguageCodes() {
		for _, part := range s.Booklet(l) {
			for _, p := range part.Briefs() {
				booklets[p] = outputFile(part.URL)
			}
		}
	}
	for _, p := range s.Pages {
		src := Source{File: p.File.Name, Links: map[string]string{}}
		booklet, inBooklet := booklets[p]
		if inBooklet && out[booklet].Links == nil {
			out[booklet] = Source{Links: map[string]string{}}
		}
		from := &url.URL{Path: "/" + p.URL}
		for _, l := range p.Links {
			k := l.URL
			if u, err := url.Parse(l.URL); err == nil && !l.External {
				abs := from.ResolveReference(u)
				k = LinkKey(strings.TrimPrefix(abs.Path, "/"), abs.Fragment)
			}
			at := fmt.Sprintf("%s:%d", p.File.Name, p.File.BodyLine-1+l.Line)
			if _, ok := src.Links[k]; !ok {
				src.Links[k] = at
			}
			if _, ok := out[booklet].Links[k]; inBooklet && !ok {
				out[booklet].Links[k] = at
			}
		}
		out[outputFile(p.URL)] = src
	}
	return out
}

// outputFile is the file that serves a site-root-relative URL.
func outputFile(url string) string {
	if url == "" || strings.HasSuffix(url, "/") {
		return url + "index.html"
	}
	return url
}

// ReadTree reads every file of a built site from fsys, except the build's marker file.
func ReadTree(fsys fs.FS) ([]publish.File, error) {
	var files []publish.File
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || p == publish.Marker {
			return nil
		}
		if precompressed(fsys, p) {
			return nil // the same file compressed (build -precompress): not another file of the site
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files = append(files, publish.File{Path: p, Data: data})
		return nil
	})
	return files, err
}

// precompressed reports whether p is a compressed copy that build -precompress wrote beside
// a file of the tree (name.html.gz beside name.html).
func precompressed(fsys fs.FS, p string) bool {
	for _, ext := range publish.Encodings {
		if orig, ok := strings.CutSuffix(p, ext); ok {
			if _, err := fs.Stat(fsys, orig); err == nil {
				return true
			}
		}
	}
	return false
}

// BaseURLOf finds the base URL of a built site: the canonical URL of its root index.html.
func BaseURLOf(files []publish.File) (string, error) {
	for _, f := range files {
		if f.Path != "index.html" {
			continue
		}
		var syms symtab
		p := parsePage(&syms, f.Path, f.Data)
		if p.canonicals != 1 {
			break
		}
		canonical := syms.str(p.canonical)
		u, err := url.Parse(canonical)
		if err != nil || u.Scheme == "" || u.Host == "" || !strings.HasSuffix(u.Path, "/") {
			break
		}
		return canonical, nil
	}
	return "", fmt.Errorf("cannot tell the base URL: index.html has no canonical link to a folder URL; give it with -baseurl")
}
