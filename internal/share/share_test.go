package share

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"peacebuilding/internal/config"
)

func testConfig(jaTitle string) *config.Config {
	return &config.Config{BaseURL: "https://example.org/briefing/", Languages: []config.Language{
		{Code: "en", Title: "Japan's Peacebuilding Efforts", Subtitle: "A country-by-country briefing"},
		{Code: "ja", Title: jaTitle, Subtitle: "国別・分野別ブリーフィング"},
	}}
}

// TestFilesDrawTheImages decodes what Files draws: a 1200 x 630 share image per language
// with text in white on the site's blue, the touch icon, and an ICO of two PNG icons.
func TestFilesDrawTheImages(t *testing.T) {
	files, err := Files(testConfig("日本の平和構築への取り組み"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	for _, f := range files {
		got[f.Path] = f.Data
	}
	for _, lang := range []string{"en", "ja"} {
		img, err := png.Decode(bytes.NewReader(got[ImagePath(lang)]))
		if err != nil {
			t.Fatalf("%s: %v", ImagePath(lang), err)
		}
		if b := img.Bounds(); b.Dx() != Width || b.Dy() != Height {
			t.Errorf("%s is %v, want %d x %d", ImagePath(lang), b, Width, Height)
		}
		// The title's band (y 290 to 380) has white text on the blue.
		white, blueish := 0, 0
		for y := 290; y < 380; y++ {
			for x := 80; x < 1100; x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				switch {
				case r > 0xf000 && g > 0xf000 && b > 0xf000:
					white++
				case color.RGBAModel.Convert(img.At(x, y)) == blue:
					blueish++
				}
			}
		}
		if white < 5000 || blueish < 20000 {
			t.Errorf("%s: %d white and %d blue pixels where the title is: no title drawn?", ImagePath(lang), white, blueish)
		}
	}
	icon, err := png.Decode(bytes.NewReader(got[TouchIconPath]))
	if err != nil || icon.Bounds().Dx() != TouchIconSize {
		t.Errorf("%s: %v, %v", TouchIconPath, icon, err)
	}
	ico := got[FaviconPath]
	if len(ico) < 6 || binary.LittleEndian.Uint16(ico[2:]) != 1 || binary.LittleEndian.Uint16(ico[4:]) != 2 {
		t.Fatalf("%s: not an icon file of two images", FaviconPath)
	}
	for i, size := range []int{16, 32} {
		e := ico[6+16*i:]
		n, off := binary.LittleEndian.Uint32(e[8:]), binary.LittleEndian.Uint32(e[12:])
		img, err := png.Decode(bytes.NewReader(ico[off : off+n]))
		if err != nil || int(e[0]) != size || img.Bounds() != image.Rect(0, 0, size, size) {
			t.Errorf("%s image %d: %v, %v, want %d px", FaviconPath, i, img.Bounds(), err, size)
		}
	}
}

func TestFilesNameAMissingGlyph(t *testing.T) {
	_, err := Files(testConfig("日本の平和構築への取り組み（鬱）"))
	if err == nil || !strings.Contains(err.Error(), `needs the character '鬱' (U+9B31)`) || !strings.Contains(err.Error(), "go run ./internal/share/glyphgen") {
		t.Errorf("Files with a character the glyphs lack = %v, want an error naming it and glyphgen", err)
	}
}

// TestWrapKeepsLinesWithin breaks titles into lines no wider than the room, at spaces in
// English and not before closing punctuation in Japanese.
func TestWrapKeepsLinesWithin(t *testing.T) {
	g, err := loadGlyphs()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lang, text string }{
		{"en", "Japan's Peacebuilding Efforts"},
		{"ja", "日本の平和構築への取り組み、日本の平和構築への取り組み"},
	} {
		lines, err := wrap(g, c.lang, c.text, 76, 600)
		if err != nil {
			t.Fatal(err)
		}
		if len(lines) < 2 || strings.Join(lines, map[string]string{"en": " ", "ja": ""}[c.lang]) != c.text {
			t.Errorf("wrap(%q) = %q: want two lines or more that join back to it", c.text, lines)
		}
		for _, l := range lines {
			if w, _ := g.width(c.lang, l, 76); w > 600 || strings.HasPrefix(l, "、") {
				t.Errorf("wrap(%q): line %q is %.0f px wide (room 600) or starts with a comma", c.text, l, w)
			}
		}
	}
}
