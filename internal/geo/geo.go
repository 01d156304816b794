// Package geo holds the country shapes the site's maps are drawn from, and draws them: the
// Equal Earth projection, a frame that maps part of the projected world onto an SVG
// viewBox, and SVG path data, clipped to the frame and rounded to what the frame can show.
//
// The shapes are Natural Earth's 1:110m Admin 0 countries (public domain), as the npm
// package world-atlas 2.0.2 ships them, converted once by scripts/worldatlas into
// countries.txt and embedded: the content names countries by ISO 3166-1 alpha-3 code, and
// package site checks the codes against Known while it builds the model.
package geo

import (
	_ "embed"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
)

//go:embed countries.txt
var countriesTxt string

// Point is a position: degrees (lon, lat) before projection, viewBox units after.
type Point struct{ X, Y float64 }

// Rect is a rectangle of projected or viewBox positions.
type Rect struct{ MinX, MinY, MaxX, MaxY float64 }

func (r Rect) W() float64 { return r.MaxX - r.MinX }
func (r Rect) H() float64 { return r.MaxY - r.MinY }

func (r Rect) union(o Rect) Rect {
	return Rect{min(r.MinX, o.MinX), min(r.MinY, o.MinY), max(r.MaxX, o.MaxX), max(r.MaxY, o.MaxY)}
}

func (r Rect) overlaps(o Rect) bool {
	return r.MinX < o.MaxX && o.MinX < r.MaxX && r.MinY < o.MaxY && o.MinY < r.MaxY
}

// Country is one shape of the data: a country, or a territory without an ISO code.
type Country struct {
	Code  string // ISO 3166-1 alpha-3, "" for a shape that has none (Kosovo in Natural Earth)
	Name  string // Natural Earth's short English name, for messages only
	rings [][]Point
	box   Rect
}

var (
	load      sync.Once
	countries []*Country
	byCode    map[string]*Country
)

func data() []*Country {
	load.Do(func() {
		byCode = map[string]*Country{}
		for line := range strings.Lines(countriesTxt) {
			f := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
			if len(f) != 3 {
				panic(fmt.Sprintf("geo: countries.txt: bad line %q", line))
			}
			c := &Country{Code: f[0], Name: f[1]}
			if c.Code == "-" {
				c.Code = ""
			}
			first := true
			for r := range strings.SplitSeq(f[2], ";") {
				var ring []Point
				for pt := range strings.SplitSeq(r, " ") {
					lon, lat, _ := strings.Cut(pt, ",")
					x, err1 := strconv.ParseFloat(lon, 64)
					y, err2 := strconv.ParseFloat(lat, 64)
					if err1 != nil || err2 != nil {
						panic(fmt.Sprintf("geo: countries.txt: %s: bad point %q", c.Name, pt))
					}
					p := Project(x, y)
					ring = append(ring, p)
					b := Rect{p.X, p.Y, p.X, p.Y}
					if first {
						c.box, first = b, false
					} else {
						c.box = c.box.union(b)
					}
				}
				c.rings = append(c.rings, ring)
			}
			countries = append(countries, c)
			if c.Code != "" {
				byCode[c.Code] = c
			}
		}
	})
	return countries
}

// Countries returns every shape, ordered by code ("" first) then name.
func Countries() []*Country { return data() }

// Lookup returns the country of an ISO 3166-1 alpha-3 code, or nil.
func Lookup(code string) *Country { data(); return byCode[code] }

// Known reports whether the maps have a shape for an ISO 3166-1 alpha-3 code.
func Known(code string) bool { return Lookup(code) != nil }

// Codes lists every code the maps know, sorted.
func Codes() []string {
	data()
	var out []string
	for c := range byCode {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// Equal Earth (Šavrič, Patterson, Jenny 2018): equal-area, with straight parallels and
// meridians that curve gently, so that Japan, Africa and Latin America all keep their
// shapes on one world map.
const (
	eeA1 = 1.340264
	eeA2 = -0.081106
	eeA3 = 0.000893
	eeA4 = 0.003796
)

// Project projects a position in degrees with Equal Earth, centred on Greenwich (the
// data is cut at the 180° meridian), in units of the Earth's radius, with y down as in SVG.
func Project(lon, lat float64) Point {
	l, p := lon*math.Pi/180, lat*math.Pi/180
	t := math.Asin(math.Sqrt(3) / 2 * math.Sin(p))
	t2 := t * t
	t6 := t2 * t2 * t2
	x := 2 * math.Sqrt(3) * l * math.Cos(t) / (3 * (9*eeA4*t6*t2 + 7*eeA3*t6 + 3*eeA2*t2 + eeA1))
	y := t * (eeA4*t6*t2 + eeA3*t6 + eeA2*t2 + eeA1)
	return Point{x, -y}
}

// Box is the country's projected bounding box.
func (c *Country) Box() Rect { return c.box }

// Anchor is the projected centre of the country's largest ring (by area), where a map
// puts its marker: a small country may be a few pixels wide, and the largest ring keeps
// a marker off a far island.
func (c *Country) Anchor() Point {
	var best []Point
	bestArea := -1.0
	for _, r := range c.rings {
		if a := math.Abs(area(r)); a > bestArea {
			best, bestArea = r, a
		}
	}
	b := bounds(best)
	return Point{(b.MinX + b.MaxX) / 2, (b.MinY + b.MaxY) / 2}
}

func area(r []Point) float64 {
	s := 0.0
	for i := range r {
		j := (i + 1) % len(r)
		s += r[i].X*r[j].Y - r[j].X*r[i].Y
	}
	return s / 2
}

func bounds(r []Point) Rect {
	b := Rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range r {
		b = b.union(Rect{p.X, p.Y, p.X, p.Y})
	}
	return b
}

// A Frame maps the projected rectangle View onto an SVG viewBox of Width × Height
// units, and writes path data with Decimals decimals.
type Frame struct {
	View          Rect
	Width, Height float64
	Decimals      int
}

// WorldFrame frames the whole width of the data, Width units wide, between the
// latitudes north and south (degrees; south negative): the Arctic and the Southern Ocean
// are empty of briefs, and cutting them gives the rest more room.
func WorldFrame(width, north, south float64, decimals int) Frame {
	var b Rect
	for i, c := range data() {
		if i == 0 {
			b = c.box
		} else {
			b = b.union(c.box)
		}
	}
	b.MinY = max(b.MinY, Project(0, north).Y)
	b.MaxY = min(b.MaxY, Project(0, south).Y)
	return frameOf(b, width, decimals)
}

// AroundFrame frames the countries of codes with their neighbourhood: their bounding box,
// widened to at least minSpan (projected units; 0.35 is about 20° at the equator) each
// way and to the aspect width:height, with a margin.
func AroundFrame(codes []string, minSpan, width, height float64, decimals int) (Frame, error) {
	var b Rect
	for i, code := range codes {
		c := Lookup(code)
		if c == nil {
			return Frame{}, fmt.Errorf("geo: no shape for %q", code)
		}
		if i == 0 {
			b = c.box
		} else {
			b = b.union(c.box)
		}
	}
	cx, cy := (b.MinX+b.MaxX)/2, (b.MinY+b.MaxY)/2
	w, h := max(b.W()*1.6, minSpan), max(b.H()*1.6, minSpan)
	if w/h < width/height {
		w = h * width / height
	} else {
		h = w * height / width
	}
	return frameOf(Rect{cx - w/2, cy - h/2, cx + w/2, cy + h/2}, width, decimals), nil
}

func frameOf(view Rect, width float64, decimals int) Frame {
	h := math.Round(width * view.H() / view.W())
	return Frame{View: view, Width: width, Height: h, Decimals: decimals}
}

// Point maps a projected point to viewBox units, rounded like path data.
func (f Frame) Point(p Point) Point {
	k := f.Width / f.View.W()
	return Point{f.round((p.X - f.View.MinX) * k), f.round((p.Y - f.View.MinY) * k)}
}

func (f Frame) round(v float64) float64 {
	m := math.Pow(10, float64(f.Decimals))
	return math.Round(v*m) / m
}

// Shows reports whether any part of c lies in the frame.
func (f Frame) Shows(c *Country) bool { return f.View.overlaps(c.box) }

// Path returns the SVG path data of c in the frame: every ring, clipped to the frame,
// rounded, in relative coordinates after each ring's first point. Rings too small to show
// are left out, unless that would leave nothing of the country. Use fill-rule evenodd:
// holes (Lesotho in South Africa) are rings too.
func (f Frame) Path(c *Country) string {
	clip := Rect{-2, -2, f.Width + 2, f.Height + 2}
	var rings [][]Point
	largest := -1
	for _, r := range c.rings {
		var pts []Point
		for _, p := range r {
			pts = append(pts, f.Point(p))
		}
		pts = clipRing(pts, clip)
		for i, p := range pts {
			pts[i] = Point{f.round(p.X), f.round(p.Y)} // points where the frame cut the ring
		}
		pts = slices.Compact(pts)
		if len(pts) > 1 && pts[0] == pts[len(pts)-1] {
			pts = pts[:len(pts)-1]
		}
		if len(pts) == 0 {
			continue
		}
		rings = append(rings, pts)
		if largest < 0 || len(pts) > len(rings[largest]) {
			largest = len(rings) - 1
		}
	}
	var b strings.Builder
	for i, r := range rings {
		if len(r) < 3 && i != largest {
			continue
		}
		b.WriteString("M")
		b.WriteString(f.num(r[0].X))
		f.sep(&b, r[0].Y)
		if len(r) > 1 {
			b.WriteString("l")
			for j := 1; j < len(r); j++ {
				if j > 1 {
					f.sep(&b, r[j].X-r[j-1].X)
				} else {
					b.WriteString(f.num(r[j].X - r[j-1].X))
				}
				f.sep(&b, r[j].Y-r[j-1].Y)
			}
		}
		b.WriteString("z")
	}
	return b.String()
}

// sep writes v after a number: a minus sign separates numbers by itself.
func (f Frame) sep(b *strings.Builder, v float64) {
	s := f.num(v)
	if !strings.HasPrefix(s, "-") {
		b.WriteByte(' ')
	}
	b.WriteString(s)
}

func (f Frame) num(v float64) string {
	v = f.round(v)
	if v == 0 {
		return "0" // not "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// clipRing clips a closed ring to r (Sutherland–Hodgman): a ring crossing the frame's
// edge keeps the part inside, with the edge as its border, so that a locator map carries
// no more of Russia than it shows.
func clipRing(ring []Point, r Rect) []Point {
	inside := []func(Point) bool{
		func(p Point) bool { return p.X >= r.MinX },
		func(p Point) bool { return p.X <= r.MaxX },
		func(p Point) bool { return p.Y >= r.MinY },
		func(p Point) bool { return p.Y <= r.MaxY },
	}
	cross := []func(a, b Point) Point{
		func(a, b Point) Point { return atX(a, b, r.MinX) },
		func(a, b Point) Point { return atX(a, b, r.MaxX) },
		func(a, b Point) Point { return atY(a, b, r.MinY) },
		func(a, b Point) Point { return atY(a, b, r.MaxY) },
	}
	out := ring
	for e := range inside {
		in := out
		out = nil
		for i, cur := range in {
			prev := in[(i+len(in)-1)%len(in)]
			switch ci, pi := inside[e](cur), inside[e](prev); {
			case ci && pi:
				out = append(out, cur)
			case ci:
				out = append(out, cross[e](prev, cur), cur)
			case pi:
				out = append(out, cross[e](prev, cur))
			}
		}
		if len(out) == 0 {
			return nil
		}
	}
	return out
}

func atX(a, b Point, x float64) Point {
	return Point{x, a.Y + (b.Y-a.Y)*(x-a.X)/(b.X-a.X)}
}

func atY(a, b Point, y float64) Point {
	return Point{a.X + (b.X-a.X)*(y-a.Y)/(b.Y-a.Y), y}
}
