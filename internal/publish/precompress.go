package publish

import (
	"bytes"
	"compress/gzip"
	"os"
	"path"
	"path/filepath"

	"github.com/andybalholm/brotli"
)

// Precompressed files: beside each text file of the site, name.gz and name.br, which a
// web server sends to a browser that accepts them without compressing on every request
// (nginx's gzip_static and brotli_static, see deploy/nginx.conf). They are written into the
// stage with the files they compress, so that the swap publishes both at once and no
// reader ever finds a compressed file of another build; the marker lists them, so the next
// build replaces them like any file it wrote.

// Encodings are the precompressed variants, by file name suffix.
var Encodings = []string{".gz", ".br"}

// compressible are the extensions of the text files worth compressing; images (PNG, ICO)
// are compressed already or too small to matter.
var compressible = map[string]bool{
	".html": true, ".css": true, ".js": true, ".json": true, ".xml": true, ".svg": true, ".txt": true,
}

// minCompress is the smallest file compressed: below it, the saving is smaller than the
// headers of the response.
const minCompress = 512

// Compressible reports whether the build writes precompressed variants of the file name
// of size bytes (when it precompresses at all).
func Compressible(name string, size int) bool {
	return size >= minCompress && compressible[path.Ext(name)]
}

// brotliLevel trades the build's time against the size: level 6 keeps most of brotli's
// gain over gzip (about 10% smaller on this site) at a fifth of the time of level 11,
// which is too slow for a pure-Go encoder on every file of a large site.
const brotliLevel = 6

// compress returns data encoded as ext (".gz" or ".br").
func compress(ext string, data []byte) []byte {
	var b bytes.Buffer
	switch ext {
	case ".gz":
		// No name or time in the header: the same bytes give the same file, build after
		// build. The best level would save 0.1% here for twice the time.
		w := gzip.NewWriter(&b)
		w.Write(data)
		w.Close()
	case ".br":
		w := brotli.NewWriterLevel(&b, brotliLevel)
		w.Write(data)
		w.Close()
	}
	return b.Bytes()
}

// precompress stages the compressed variants of f. When f itself was kept from the
// previous output (unchanged), so are its variants, without compressing again. A variant
// that is not smaller than f is not written: the server then sends f.
func (s *Stage) precompress(f File, kept bool) error {
	for _, ext := range Encodings {
		p := f.Path + ext
		name := filepath.Join(s.stage, filepath.FromSlash(p))
		if kept {
			// Across file systems, where no link can be made, the variant is made again.
			old := filepath.Join(s.previous, filepath.FromSlash(p))
			if info, err := os.Lstat(old); err == nil && info.Mode().IsRegular() && os.Link(old, name) == nil {
				s.addMade(p)
				continue
			}
		}
		data := compress(ext, f.Data)
		if len(data) >= len(f.Data) {
			continue
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return err
		}
		// nginx's gzip_static asks that the two have the same modification time: its
		// Last-Modified and ETag are then the same whichever it sends.
		if info, err := os.Stat(filepath.Join(s.stage, filepath.FromSlash(f.Path))); err == nil {
			if err := os.Chtimes(name, info.ModTime(), info.ModTime()); err != nil {
				return err
			}
		}
		s.addMade(p)
	}
	return nil
}

func (s *Stage) addMade(p string) {
	s.mu.Lock()
	s.made[p] = true
	s.compressed++
	s.mu.Unlock()
}
