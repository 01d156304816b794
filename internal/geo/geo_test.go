package geo

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Equal Earth's published extents: x of ±180° on the equator is 2.7066 Earth radii, y of
// the poles 1.3173 (Šavrič et al. 2018, table 2).
func TestProjectEqualEarthExtents(t *testing.T) {
	for _, tc := range []struct {
		lon, lat float64
		x, y     float64
	}{
		{180, 0, 2.7066, 0},
		{-180, 0, -2.7066, 0},
		{0, 90, 0, -1.3173},
		{0, -90, 0, 1.3173},
		{0, 0, 0, 0},
	} {
		p := Project(tc.lon, tc.lat)
		if math.Abs(p.X-tc.x) > 1e-4 || math.Abs(p.Y-tc.y) > 1e-4 {
			t.Errorf("Project(%g, %g) = (%.5f, %.5f), want (%.4f, %.4f)", tc.lon, tc.lat, p.X, p.Y, tc.x, tc.y)
		}
	}
}

// The data has the countries of the briefing, by ISO 3166-1 alpha-3 code, and Japan.
func TestKnownCodes(t *testing.T) {
	for _, code := range []string{"JPN", "KHM", "TLS", "LKA", "PHL", "AFG", "IRQ", "BIH", "COL", "SDN", "SSD", "COD", "SLE", "LBR", "BDI"} {
		if !Known(code) {
			t.Errorf("Known(%q) = false", code)
		}
	}
	for _, code := range []string{"", "khm", "XXX", "ATA"} {
		if Known(code) {
			t.Errorf("Known(%q) = true", code)
		}
	}
	if n := len(Codes()); n < 170 {
		t.Errorf("%d codes, want the 1:110m countries (over 170)", n)
	}
}

var numRe = regexp.MustCompile(`-?[0-9]*\.?[0-9]+`)

// Path data stays in the frame: following the relative moves of every ring never leaves
// the viewBox (but for the clipping margin), and coordinates have the frame's decimals.
func TestPathStaysInFrame(t *testing.T) {
	f, err := AroundFrame([]string{"AFG"}, 0.55, 300, 200, 1)
	if err != nil {
		t.Fatal(err)
	}
	shown := 0
	for _, c := range Countries() {
		if !f.Shows(c) {
			continue
		}
		shown++
		d := f.Path(c)
		for _, ring := range strings.Split(strings.TrimSuffix(d, "z"), "z") {
			if ring == "" {
				continue
			}
			start, rest, _ := strings.Cut(strings.TrimPrefix(ring, "M"), "l")
			var x, y float64
			for i, s := range append(numRe.FindAllString(start, -1), numRe.FindAllString(rest, -1)...) {
				if strings.Contains(s, ".") && len(s)-strings.Index(s, ".")-1 > f.Decimals {
					t.Fatalf("%s: %q has more than %d decimals", c.Name, s, f.Decimals)
				}
				v, _ := strconv.ParseFloat(s, 64)
				if i%2 == 0 {
					x += v
				} else {
					y += v
					if x < -2.5 || x > f.Width+2.5 || y < -2.5 || y > f.Height+2.5 {
						t.Fatalf("%s: the path reaches (%g, %g), outside the %gx%g frame", c.Name, x, y, f.Width, f.Height)
					}
				}
			}
		}
	}
	if shown < 5 {
		t.Errorf("the frame around Afghanistan shows %d shapes, want its neighbours too", shown)
	}
}
