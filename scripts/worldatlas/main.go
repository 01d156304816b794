// Command worldatlas converts the Natural Earth country shapes that the npm package
// world-atlas ships as TopoJSON (countries-110m.json) into internal/geo/countries.txt, the
// file the build embeds and draws its maps from. Run it once, from the project folder,
// after `npm ci` (package.json pins world-atlas):
//
//	go run ./scripts/worldatlas
//
// world-atlas names countries by their ISO 3166-1 numeric code; the build and the content
// files use the language-neutral alpha-3 code ("KHM"), which this script looks up in the
// Debian iso-codes table (package iso-codes, /usr/share/iso-codes/json/iso_3166-1.json).
// A shape without a code (Natural Earth's Kosovo, N. Cyprus, Somaliland) is kept, with
// "-" for its code, so that maps draw it, but no content file can name it.
//
// Output, one country per line, sorted by code then name:
//
//	KHM<TAB>Cambodia<TAB>lon,lat lon,lat ...;lon,lat ...
//
// with rings separated by ";" and coordinates in degrees rounded to 0.01°, far finer than
// the 1:110m data needs. Antarctica is left out: no brief is there, and at the bottom of
// an equal-area map it takes a sixth of the height.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects struct {
		Countries struct {
			Geometries []struct {
				Type       string          `json:"type"`
				ID         string          `json:"id"`
				Arcs       json.RawMessage `json:"arcs"`
				Properties struct {
					Name string `json:"name"`
				} `json:"properties"`
			} `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
}

func main() {
	in := flag.String("in", "node_modules/world-atlas/countries-110m.json", "world-atlas TopoJSON file")
	iso := flag.String("iso", "/usr/share/iso-codes/json/iso_3166-1.json", "iso-codes ISO 3166-1 table")
	out := flag.String("out", "internal/geo/countries.txt", "output file")
	flag.Parse()
	if err := run(*in, *iso, *out); err != nil {
		fmt.Fprintf(os.Stderr, "worldatlas: %v\n", err)
		os.Exit(1)
	}
}

func run(in, isoFile, out string) error {
	var topo topology
	if err := readJSON(in, &topo); err != nil {
		return err
	}
	var table struct {
		Countries []struct {
			Alpha3  string `json:"alpha_3"`
			Numeric string `json:"numeric"`
		} `json:"3166-1"`
	}
	if err := readJSON(isoFile, &table); err != nil {
		return err
	}
	alpha3 := map[string]string{}
	for _, c := range table.Countries {
		alpha3[c.Numeric] = c.Alpha3
	}
	// Decode the arcs: quantized, delta-encoded positions.
	arcs := make([][][2]float64, len(topo.Arcs))
	for i, a := range topo.Arcs {
		var x, y float64
		for _, d := range a {
			x, y = x+d[0], y+d[1]
			arcs[i] = append(arcs[i], [2]float64{
				x*topo.Transform.Scale[0] + topo.Transform.Translate[0],
				y*topo.Transform.Scale[1] + topo.Transform.Translate[1],
			})
		}
	}
	ring := func(idx []int) [][2]float64 {
		var r [][2]float64
		for _, i := range idx {
			a := arcs[max(i, ^i)]
			if i < 0 {
				a = slices.Clone(a)
				slices.Reverse(a)
			}
			if len(r) > 0 {
				a = a[1:]
			}
			r = append(r, a...)
		}
		return r
	}
	var lines []string
	for _, g := range topo.Objects.Countries.Geometries {
		code := "-"
		if g.ID != "" {
			c, ok := alpha3[g.ID]
			if !ok {
				return fmt.Errorf("%s: no ISO 3166-1 alpha-3 code for numeric %s (%s)", isoFile, g.ID, g.Properties.Name)
			}
			code = c
		}
		if code == "ATA" {
			continue
		}
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return fmt.Errorf("%s: %s: %v", in, g.Properties.Name, err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return fmt.Errorf("%s: %s: %v", in, g.Properties.Name, err)
			}
		default:
			return fmt.Errorf("%s: %s: unexpected geometry %s", in, g.Properties.Name, g.Type)
		}
		var rings []string
		for _, p := range polys {
			for _, idx := range p {
				for _, r := range splitAntimeridian(ring(idx)) {
					var pts []string
					for _, pt := range r {
						pts = append(pts, deg(pt[0])+","+deg(pt[1]))
					}
					rings = append(rings, strings.Join(slices.Compact(pts), " "))
				}
			}
		}
		lines = append(lines, code+"\t"+g.Properties.Name+"\t"+strings.Join(rings, ";"))
	}
	slices.Sort(lines)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// splitAntimeridian returns a ring that crosses the 180° meridian (Russia's Chukotka,
// Fiji) as two rings, one each side, with the points of the other side moved onto the
// meridian: drawn in a projection centred on Greenwich, the ring would otherwise cross the
// whole map.
func splitAntimeridian(r [][2]float64) [][][2]float64 {
	crosses := false
	for i := 1; i < len(r); i++ {
		if math.Abs(r[i][0]-r[i-1][0]) > 180 {
			crosses = true
		}
	}
	if !crosses {
		return [][][2]float64{r}
	}
	east, west := slices.Clone(r), slices.Clone(r)
	for i, p := range r {
		if p[0] < 0 {
			east[i][0] = 180
		} else {
			west[i][0] = -180
		}
	}
	return [][][2]float64{east, west}
}

func deg(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

func readJSON(name string, v any) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	return nil
}
