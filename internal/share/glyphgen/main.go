// Command glyphgen writes internal/share/glyphs.json: the outlines of the glyphs that the
// share images need (printable ASCII, kana, and every character of the languages' titles
// and subtitles in config.toml and in the test fixtures' config.toml), taken from Noto Sans CJK JP Bold (Debian package
// fonts-noto-cjk, SIL Open Font License 1.1). The build draws the share images from that
// file alone, so that it needs no font on the machine. Run it from the project folder when
// a title gains a character the file lacks (the build says so):
//
//	go run ./internal/share/glyphgen [-font /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"peacebuilding/internal/config"
	"peacebuilding/internal/share"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "glyphgen: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	fontPath := flag.String("font", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "the font collection to take the glyphs from")
	out := flag.String("o", "internal/share/glyphs.json", "the file to write")
	flag.Parse()
	runes := map[rune]bool{}
	for r := rune(0x20); r < 0x7f; r++ {
		runes[r] = true
	}
	for r := rune(0x3041); r <= 0x3096; r++ { // hiragana
		runes[r] = true
	}
	for r := rune(0x30a1); r <= 0x30fc; r++ { // katakana, ・ and ー
		runes[r] = true
	}
	for _, r := range "“”‘’–—…、。「」（）々" {
		runes[r] = true
	}
	// The titles of the site and of the test fixtures' sites.
	configs, err := filepath.Glob("testdata/sites/*/config.toml")
	if err != nil {
		return err
	}
	for _, name := range append([]string{"config.toml"}, configs...) {
		cfg, err := config.Load(os.DirFS(filepath.Dir(name)), "config.toml")
		if err != nil {
			return err
		}
		for _, l := range cfg.Languages {
			for _, r := range l.Title + l.Subtitle {
				runes[r] = true
			}
		}
	}
	data, err := os.ReadFile(*fontPath)
	if err != nil {
		return fmt.Errorf("%v (install the Debian package fonts-noto-cjk, or give -font)", err)
	}
	coll, err := sfnt.ParseCollection(data)
	if err != nil {
		return err
	}
	var f *sfnt.Font
	var buf sfnt.Buffer
	for i := range coll.NumFonts() {
		g, err := coll.Font(i)
		if err != nil {
			return err
		}
		if name, _ := g.Name(&buf, sfnt.NameIDFull); strings.Contains(name, "CJK JP") && !strings.Contains(name, "Mono") {
			f = g
			break
		}
	}
	if f == nil {
		return fmt.Errorf("%s has no Noto Sans CJK JP face", *fontPath)
	}
	upem := int(f.UnitsPerEm())
	ppem := fixed.I(upem) // one unit a pixel: outlines in font units
	m, err := f.Metrics(&buf, ppem, font.HintingNone)
	if err != nil {
		return err
	}
	file := share.GlyphFile{
		Source:     "Noto Sans CJK JP Bold (SIL Open Font License 1.1), from " + *fontPath,
		UnitsPerEm: upem,
		Ascent:     m.Ascent.Round(),
		Descent:    m.Descent.Round(),
		Glyphs:     map[string]share.Glyph{},
	}
	keys := make([]rune, 0, len(runes))
	for r := range runes {
		keys = append(keys, r)
	}
	slices.Sort(keys)
	for _, r := range keys {
		gi, err := f.GlyphIndex(&buf, r)
		if err != nil || gi == 0 {
			return fmt.Errorf("the font has no glyph for %q (U+%04X)", r, r)
		}
		adv, err := f.GlyphAdvance(&buf, gi, ppem, font.HintingNone)
		if err != nil {
			return err
		}
		segs, err := f.LoadGlyph(&buf, gi, ppem, nil)
		if err != nil {
			return err
		}
		var p strings.Builder
		num := func(v fixed.Int26_6) {
			p.WriteString(strconv.FormatFloat(float64(v)/64, 'f', -1, 64))
			p.WriteByte(' ')
		}
		for _, s := range segs {
			n := 0
			switch s.Op {
			case sfnt.SegmentOpMoveTo:
				p.WriteByte('M')
				n = 1
			case sfnt.SegmentOpLineTo:
				p.WriteByte('L')
				n = 1
			case sfnt.SegmentOpQuadTo:
				p.WriteByte('Q')
				n = 2
			case sfnt.SegmentOpCubeTo:
				p.WriteByte('C')
				n = 3
			}
			for _, a := range s.Args[:n] {
				num(a.X)
				num(a.Y)
			}
		}
		file.Glyphs[string(r)] = share.Glyph{Advance: adv.Round(), Path: strings.TrimSpace(p.String())}
	}
	data, err = json.MarshalIndent(file, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(*out, append(data, '\n'), 0o644)
}
