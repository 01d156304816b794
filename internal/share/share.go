// Package share draws the images that a page shared in LINE, X, Slack or Teams shows, and
// the site's icons, as PNG files made by the build:
//
//   - assets/share-<lang>.png, 1200 x 630, one per language: the site's title and subtitle
//     in that language and its address, on the site's blue (og:image of every page);
//   - assets/apple-touch-icon.png, 180 x 180, and favicon.ico (16 and 32 px, PNG inside),
//     the icon of assets/favicon.svg.
//
// The text is drawn from glyph outlines kept in glyphs.json (taken from Noto Sans CJK JP
// Bold by the glyphgen command), so the build needs no font on the machine and the images
// are the same on every machine. A title with a character the file lacks is an error that
// says how to add it.
package share

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"net/url"
	"peacebuilding/internal/publish"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/vector"

	"peacebuilding/internal/config"
)

// Image sizes: the share image is the size OpenGraph and X's large card expect.
const (
	Width, Height = 1200, 630
	TouchIconSize = 180
)

// ImagePath is the output path of lang's share image.
func ImagePath(lang string) string { return "assets/share-" + lang + ".png" }

// TouchIconPath is the output path of the apple-touch-icon.
const TouchIconPath = "assets/apple-touch-icon.png"

// FaviconPath is the output path of the icon that browsers ask the host for.
const FaviconPath = "favicon.ico"

// GlyphFile is the format of glyphs.json.
type GlyphFile struct {
	Source     string           `json:"source"`
	UnitsPerEm int              `json:"unitsPerEm"`
	Ascent     int              `json:"ascent"`
	Descent    int              `json:"descent"`
	Glyphs     map[string]Glyph `json:"glyphs"`
}

// Glyph is one character's advance and outline, in font units, y downwards: "M x y L x y
// Q x y x y C x y x y x y ...".
type Glyph struct {
	Advance int    `json:"adv"`
	Path    string `json:"path"`
}

//go:embed glyphs.json
var glyphsJSON []byte

var loadGlyphs = sync.OnceValues(func() (*GlyphFile, error) {
	var g GlyphFile
	if err := json.Unmarshal(glyphsJSON, &g); err != nil {
		return nil, fmt.Errorf("internal/share/glyphs.json: %v", err)
	}
	return &g, nil
})

// Colours of the site (assets/style.css).
var (
	blue     = color.RGBA{0x0b, 0x53, 0x94, 0xff}
	darkBlue = color.RGBA{0x07, 0x37, 0x63, 0xff}
	paleBlue = color.RGBA{0xcf, 0xe2, 0xf3, 0xff}
	white    = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// Files draws the share image of every language of cfg, the touch icon and the favicon.
// The images depend on the titles and the base URL alone: a build with the same ones (the
// preview's rebuilds, the tests) gets the files drawn before.
func Files(cfg *config.Config) ([]publish.File, error) {
	key := cfg.BaseURL
	for _, l := range cfg.Languages {
		key += "\x00" + l.Code + "\x00" + l.Title + "\x00" + l.Subtitle
	}
	if f, ok := drawn.Load(key); ok {
		return f.([]publish.File), nil
	}
	files, err := draw(cfg)
	if err != nil {
		return nil, err
	}
	drawn.Store(key, files)
	return files, nil
}

var drawn sync.Map // key of Files -> []publish.File

func draw(cfg *config.Config) ([]publish.File, error) {
	g, err := loadGlyphs()
	if err != nil {
		return nil, err
	}
	host := cfg.BaseURL
	if u, err := url.Parse(cfg.BaseURL); err == nil && u.Host != "" {
		host = strings.TrimSuffix(u.Host+u.Path, "/")
	}
	var out []publish.File
	for _, l := range cfg.Languages {
		img, err := shareImage(g, l, host)
		if err != nil {
			return nil, err
		}
		out = append(out, publish.File{Path: ImagePath(l.Code), Data: encode(img)})
	}
	out = append(out, publish.File{Path: TouchIconPath, Data: encode(icon(TouchIconSize, false))})
	out = append(out, publish.File{Path: FaviconPath, Data: ico(icon(16, true), icon(32, true))})
	return out, nil
}

func encode(img image.Image) []byte {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&b, img); err != nil {
		panic(err) // encoding an in-memory RGBA image into a buffer cannot fail
	}
	return b.Bytes()
}

// shareImage is lang's 1200 x 630 image: the icon, the subtitle, the title (wrapped), and
// the site's address in a darker band.
func shareImage(g *GlyphFile, l config.Language, host string) (*image.RGBA, error) {
	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	fill(img, img.Bounds(), blue)
	fill(img, image.Rect(0, Height-76, Width, Height), darkBlue)
	drawIcon(img, 80, 64, 96, true)
	const margin = 80
	for _, t := range []struct {
		text string
		size float64
		y    float64
		c    color.RGBA
	}{{l.Subtitle, 40, 252, paleBlue}, {host, 30, Height - 28, paleBlue}} {
		if err := drawText(img, g, l.Code, t.text, margin, t.y, t.size, t.c); err != nil {
			return nil, err
		}
	}
	const size = 76
	lines, err := wrap(g, l.Code, l.Title, size, Width-2*margin)
	if err != nil {
		return nil, err
	}
	for i, line := range lines {
		if err := drawText(img, g, l.Code, line, margin, 360+float64(i)*size*1.25, size, white); err != nil {
			return nil, err
		}
	}
	return img, nil
}

func fill(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.SetRGBA(x, y, c)
		}
	}
}

// glyph returns the glyph of r, or an error that says how to add it.
func (g *GlyphFile) glyph(lang string, r rune) (Glyph, error) {
	gl, ok := g.Glyphs[string(r)]
	if !ok {
		return Glyph{}, fmt.Errorf("config.toml: the share image of %q needs the character %q (U+%04X), which internal/share/glyphs.json lacks: run go run ./internal/share/glyphgen (it needs the Debian package fonts-noto-cjk)", lang, r, r)
	}
	return gl, nil
}

// width is the advance of text at size px.
func (g *GlyphFile) width(lang, text string, size float64) (float64, error) {
	w := 0.0
	for _, r := range text {
		gl, err := g.glyph(lang, r)
		if err != nil {
			return 0, err
		}
		w += float64(gl.Advance) * size / float64(g.UnitsPerEm)
	}
	return w, nil
}

// wrap breaks text into lines no wider than max: at spaces, or between any two characters
// of Japanese script but before closing punctuation and after opening.
func wrap(g *GlyphFile, lang, text string, size, max float64) ([]string, error) {
	var units []string // pieces that a line may end after
	if strings.ContainsFunc(text, isCJK) {
		rs := []rune(text)
		for i := 0; i < len(rs); i++ {
			u := string(rs[i])
			for i+1 < len(rs) && (strings.ContainsRune("」）、。・ー", rs[i+1]) || strings.ContainsRune("「（", rs[i]) || !isCJK(rs[i+1])) {
				i++
				u += string(rs[i])
			}
			units = append(units, u)
		}
	} else {
		for i, w := range strings.Fields(text) {
			if i > 0 {
				w = " " + w
			}
			units = append(units, w)
		}
	}
	var lines []string
	line := ""
	for _, u := range units {
		w, err := g.width(lang, line+u, size)
		if err != nil {
			return nil, err
		}
		if w > max && line != "" {
			lines = append(lines, line)
			line = strings.TrimPrefix(u, " ")
			continue
		}
		line += u
	}
	return append(lines, line), nil
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// drawText draws text with its baseline at y, from x, size px high (an em).
func drawText(img *image.RGBA, g *GlyphFile, lang, text string, x, y, size float64, c color.RGBA) error {
	// A rasterizer the size of the line, not of the image: drawing costs its area.
	w, err := g.width(lang, text, size)
	if err != nil {
		return err
	}
	b := image.Rect(int(x)-2, int(y-size*1.2), int(x+w)+2, int(y+size*0.4)).Intersect(img.Bounds())
	ras := vector.NewRasterizer(b.Dx(), b.Dy())
	x -= float64(b.Min.X)
	y -= float64(b.Min.Y)
	scale := size / float64(g.UnitsPerEm)
	for _, r := range text {
		gl, err := g.glyph(lang, r)
		if err != nil {
			return err
		}
		if err := outline(ras, gl.Path, x, y, scale); err != nil {
			return fmt.Errorf("internal/share/glyphs.json: glyph %q: %v", r, err)
		}
		x += float64(gl.Advance) * scale
	}
	ras.Draw(img, b, image.NewUniform(c), image.Point{})
	return nil
}

// outline adds a glyph's path to ras, moved to (x, y) and scaled.
func outline(ras *vector.Rasterizer, path string, x, y, scale float64) error {
	f := strings.Fields(strings.NewReplacer("M", " M ", "L", " L ", "Q", " Q ", "C", " C ").Replace(path))
	pt := func(i int) (float32, float32, error) {
		if i+1 >= len(f) {
			return 0, 0, fmt.Errorf("path ends in the middle of a point")
		}
		px, err1 := strconv.ParseFloat(f[i], 64)
		py, err2 := strconv.ParseFloat(f[i+1], 64)
		if err1 != nil || err2 != nil {
			return 0, 0, fmt.Errorf("bad point %q %q", f[i], f[i+1])
		}
		return float32(x + px*scale), float32(y + py*scale), nil
	}
	open := false
	for i := 0; i < len(f); {
		op := f[i]
		n := map[string]int{"M": 1, "L": 1, "Q": 2, "C": 3}[op]
		if n == 0 {
			return fmt.Errorf("unknown operation %q", op)
		}
		var xs, ys [3]float32
		for k := range n {
			var err error
			if xs[k], ys[k], err = pt(i + 1 + 2*k); err != nil {
				return err
			}
		}
		switch op {
		case "M":
			if open {
				ras.ClosePath()
			}
			ras.MoveTo(xs[0], ys[0])
			open = true
		case "L":
			ras.LineTo(xs[0], ys[0])
		case "Q":
			ras.QuadTo(xs[0], ys[0], xs[1], ys[1])
		case "C":
			ras.CubeTo(xs[0], ys[0], xs[1], ys[1], xs[2], ys[2])
		}
		i += 1 + 2*n
	}
	if open {
		ras.ClosePath()
	}
	return nil
}

// icon draws assets/favicon.svg's icon at size px. transparent leaves the corners outside
// the rounded square clear (favicon); else they are the square's blue (a touch icon, which
// the phone rounds itself).
func icon(size int, transparent bool) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	if !transparent {
		fill(img, img.Bounds(), blue)
	}
	drawIcon(img, 0, 0, float64(size), false)
	return img
}

// drawIcon draws the icon in the square of side s at (x0, y0), in the geometry of
// assets/favicon.svg (a 32-unit square): a blue rounded square with a white ring and the
// lines inside it. inverted draws a white square with blue lines, for the blue share
// image.
func drawIcon(img *image.RGBA, x0, y0, s float64, inverted bool) {
	bg, fg := blue, white
	if inverted {
		bg, fg = white, blue
	}
	u := s / 32 // one unit of the SVG
	b := image.Rect(int(x0), int(y0), int(math.Ceil(x0+s)), int(math.Ceil(y0+s))).Intersect(img.Bounds())
	ox, oy := x0-float64(b.Min.X), y0-float64(b.Min.Y)
	P := func(x, y float64) (float32, float32) { return float32(ox + x*u), float32(oy + y*u) }

	// The rounded square, rx 6.
	sq := vector.NewRasterizer(b.Dx(), b.Dy())
	r := 6.0
	sq.MoveTo(P(r, 0))
	sq.LineTo(P(32-r, 0))
	qx, qy := P(32, 0)
	ex, ey := P(32, r)
	sq.QuadTo(qx, qy, ex, ey)
	sq.LineTo(P(32, 32-r))
	qx, qy = P(32, 32)
	ex, ey = P(32-r, 32)
	sq.QuadTo(qx, qy, ex, ey)
	sq.LineTo(P(r, 32))
	qx, qy = P(0, 32)
	ex, ey = P(0, 32-r)
	sq.QuadTo(qx, qy, ex, ey)
	sq.LineTo(P(0, r))
	qx, qy = P(0, 0)
	ex, ey = P(r, 0)
	sq.QuadTo(qx, qy, ex, ey)
	sq.ClosePath()
	sq.Draw(img, b, image.NewUniform(bg), image.Point{})

	// The ring (r 9, stroke 3) and the lines (stroke 3).
	fgr := vector.NewRasterizer(b.Dx(), b.Dy())
	circle(fgr, P, 16, 16, 10.5, false)
	circle(fgr, P, 16, 16, 7.5, true)
	fgr.Draw(img, b, image.NewUniform(fg), image.Point{})
	lines := vector.NewRasterizer(b.Dx(), b.Dy())
	line(lines, P, 16, 7, 16, 25, 1.5)
	line(lines, P, 16, 16, 9.6, 22.4, 1.5)
	line(lines, P, 16, 16, 22.4, 22.4, 1.5)
	lines.Draw(img, b, image.NewUniform(fg), image.Point{})
}

// circle adds a circle of four cubic arcs; reverse draws it the other way round, so that
// a smaller circle inside a larger one is a hole.
func circle(ras *vector.Rasterizer, P func(x, y float64) (float32, float32), cx, cy, r float64, reverse bool) {
	const k = 0.5522847498
	type pt struct{ x, y float64 }
	// Four quarter arcs from angle 0, each as start, control 1, control 2, end.
	pts := []pt{{cx + r, cy}, {cx + r, cy + k*r}, {cx + k*r, cy + r}, {cx, cy + r}, {cx - k*r, cy + r}, {cx - r, cy + k*r}, {cx - r, cy}, {cx - r, cy - k*r}, {cx - k*r, cy - r}, {cx, cy - r}, {cx + k*r, cy - r}, {cx + r, cy - k*r}, {cx + r, cy}}
	if reverse {
		for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
			pts[i], pts[j] = pts[j], pts[i]
		}
	}
	ras.MoveTo(P(pts[0].x, pts[0].y))
	for i := 1; i+2 < len(pts); i += 3 {
		x1, y1 := P(pts[i].x, pts[i].y)
		x2, y2 := P(pts[i+1].x, pts[i+1].y)
		x3, y3 := P(pts[i+2].x, pts[i+2].y)
		ras.CubeTo(x1, y1, x2, y2, x3, y3)
	}
	ras.ClosePath()
}

// line adds the line from (x1, y1) to (x2, y2), half width w, with square ends at the
// points (SVG's butt caps).
func line(ras *vector.Rasterizer, P func(x, y float64) (float32, float32), x1, y1, x2, y2, w float64) {
	dx, dy := x2-x1, y2-y1
	n := math.Hypot(dx, dy)
	nx, ny := -dy/n*w, dx/n*w
	ras.MoveTo(P(x1+nx, y1+ny))
	ras.LineTo(P(x2+nx, y2+ny))
	ras.LineTo(P(x2-nx, y2-ny))
	ras.LineTo(P(x1-nx, y1-ny))
	ras.ClosePath()
}

// ico packs PNG images into an ICO file, which every browser reads.
func ico(imgs ...*image.RGBA) []byte {
	var b bytes.Buffer
	le := binary.LittleEndian
	b.Write(le.AppendUint16(nil, 0))
	b.Write(le.AppendUint16(nil, 1)) // an icon
	b.Write(le.AppendUint16(nil, uint16(len(imgs))))
	data := make([][]byte, len(imgs))
	offset := 6 + 16*len(imgs)
	for i, img := range imgs {
		data[i] = encode(img)
		s := img.Bounds().Dx()
		b.Write([]byte{byte(s), byte(s), 0, 0})
		b.Write(le.AppendUint16(nil, 1))  // planes
		b.Write(le.AppendUint16(nil, 32)) // bits per pixel
		b.Write(le.AppendUint32(nil, uint32(len(data[i]))))
		b.Write(le.AppendUint32(nil, uint32(offset)))
		offset += len(data[i])
	}
	for _, d := range data {
		b.Write(d)
	}
	return b.Bytes()
}
