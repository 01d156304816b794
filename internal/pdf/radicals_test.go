package pdf

import (
	"bytes"
	"compress/zlib"
	"testing"
)

// deflatedStream is a PDF stream object holding body deflated, as Chromium writes a
// font's ToUnicode map.
func deflatedStream(t *testing.T, body string) []byte {
	t.Helper()
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte(body))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return append(append([]byte("5 0 obj\n<</Filter /FlateDecode /Length 99>> stream\n"), z.Bytes()...), "\nendstream\nendobj\n"...)
}

func TestRadicals(t *testing.T) {
	const head = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
	for _, tc := range []struct {
		name, cmap, want string
	}{
		{"kanji", "2 beginbfchar\n<0BEA> <65E5>\n<2F47> <672C>\nendbfchar\n", ""}, // a glyph id in the radicals' range is no radical
		{"bfchar", "3 beginbfchar\n<0BEA> <2F47>\n<06FC> <2F8F>\n<0700> <2EA0>\nendbfchar\n", "⺠⽇⾏"},
		{"bfrange", "1 beginbfrange\n<0010> <0012> <2F46>\nendbfrange\n", "⽆⽇⽈"},
		{"bfrange array", "1 beginbfrange\n<0010> <0011> [<65E5> <2F49>]\nendbfrange\n", "⽉"},
		{"range of kanji", "1 beginbfrange\n<2F00> <2F05> <4E00>\nendbfrange\n", ""},
		{"surrogate pair", "1 beginbfchar\n<0020> <D840DC0B>\nendbfchar\n", ""},
	} {
		data := append([]byte("%PDF-1.4\n"), deflatedStream(t, head+tc.cmap+"endcmap\nend\nend\n")...)
		if got := string(Radicals(data)); got != tc.want {
			t.Errorf("%s: Radicals = %q, want %q", tc.name, got, tc.want)
		}
	}
	// A stream that is no character map is not read as one.
	if got := Radicals(deflatedStream(t, "1 beginbfchar\n<0BEA> <2F47>\nendbfchar\n")); len(got) > 0 {
		t.Errorf("Radicals of a stream without begincmap = %q, want none", string(got))
	}
}
