package bench

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"

	"peacebuilding/internal/content"
	"peacebuilding/internal/markdown"
	"peacebuilding/internal/pipeline"
	"peacebuilding/internal/publish"
)

// floorTemplate is the one trivial template of the floor: a title and the body.
var floorTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body><main>
{{.Body}}
</main></body>
</html>
`))

// FloorResult counts what Floor did.
type FloorResult struct {
	Pages int   // content files converted
	Bytes int64 // minified output, discarded
}

// Floor does the bare work of a build and nothing else: every content file of fsys is
// read, split at its front matter, converted by goldmark (with the site's extensions),
// put through one trivial template and minified, in parallel with one goldmark and one
// minifier per worker. The output is counted and dropped. A build cannot be faster than
// this; Run reports how far the real build is from it.
func Floor(fsys fs.FS) (FloorResult, error) {
	var names []string
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		return FloorResult{}, err
	}
	workers := runtime.GOMAXPROCS(0)
	sizes := make([]int64, workers)
	errs := make([]error, workers)
	next := make(chan string)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			md := markdown.Goldmark()
			m := publish.NewMinifier()
			var html, page, out bytes.Buffer
			for name := range next {
				if errs[w] != nil {
					continue
				}
				html.Reset()
				page.Reset()
				out.Reset()
				data, err := fs.ReadFile(fsys, name)
				if err != nil {
					errs[w] = err
					continue
				}
				_, _, body, _, err := content.Split(string(data))
				if err != nil {
					errs[w] = fmt.Errorf("%s:%v", name, err)
					continue
				}
				if err := md.Convert([]byte(body), &html); err != nil {
					errs[w] = fmt.Errorf("%s: %v", name, err)
					continue
				}
				view := struct {
					Lang, Title string
					Body        template.HTML
				}{strings.Split(name, "/")[1], path.Base(name), template.HTML(html.String())}
				if err := floorTemplate.Execute(&page, view); err != nil {
					errs[w] = err
					continue
				}
				if err := m.Minify("text/html", &out, &page); err != nil {
					errs[w] = fmt.Errorf("%s: %v", name, err)
					continue
				}
				sizes[w] += int64(out.Len())
			}
		}()
	}
	for _, n := range names {
		next <- n
	}
	close(next)
	wg.Wait()
	res := FloorResult{Pages: len(names)}
	for w := range workers {
		if errs[w] != nil {
			return res, errs[w]
		}
		res.Bytes += sizes[w]
	}
	return res, nil
}

// Pipeline builds the site in fsys with the real pipeline (every phase up to the minified
// files) and drops each file as soon as it is made: the build without the audit, the
// translation status page and the write to disk, which `build` adds.
func Pipeline(fsys fs.FS) (files int, size int64, err error) {
	var mu sync.Mutex
	_, err = pipeline.Stream(fsys, pipeline.Options{}, func(f publish.File) error {
		mu.Lock()
		files++
		size += int64(len(f.Data))
		mu.Unlock()
		return nil
	})
	return files, size, err
}
