package pdf

import (
	"strings"
	"testing"
	"time"
)

func TestReproducible(t *testing.T) {
	in := "%PDF-1.4\n1 0 obj\n<</Creator (Chromium)\n/Producer (Skia/PDF m156)\n" +
		"/CreationDate (D:20261205224640+00'00')\n/ModDate (D:20261205224640-05'00')>>\nendobj\n" +
		"2 0 obj\n<</Title (D:20261205224640Z)>>\nendobj\n" +
		"3 0 obj\n<</S /TH /ID (node00000142)>>\nendobj\n4 0 obj\n<</S /TH /ID (node00000097)>>\nendobj\n" +
		"5 0 obj\n<</Names [(node00000097) 4 0 R (node00000142) 3 0 R]>>\nendobj\n"
	date := time.Date(2026, 12, 1, 9, 30, 0, 0, time.FixedZone("JST", 9*60*60))
	got := string(Reproducible([]byte(in), date))
	want := strings.NewReplacer(
		"/CreationDate (D:20261205224640+00'00')", "/CreationDate (D:20261201003000+00'00')",
		"/ModDate (D:20261205224640-05'00')", "/ModDate (D:20261201003000+00'00')",
		"node00000097", "node00000000",
		"node00000142", "node00000001",
	).Replace(in)
	if got != want {
		t.Errorf("Reproducible:\n%s\nwant:\n%s", got, want)
	}
	if len(got) != len(in) {
		t.Errorf("Reproducible changed the length from %d to %d: the cross-reference offsets would break", len(in), len(got))
	}
	// A date of another length is left alone, and no date is written without one.
	short := "/CreationDate (D:20261205224640Z)"
	if got := string(Reproducible([]byte(short), date)); got != short {
		t.Errorf("Reproducible(%q) = %q, want it unchanged", short, got)
	}
	long := "/CreationDate (D:20261205224640+00'00')"
	if got := string(Reproducible([]byte(long), time.Time{})); got != long {
		t.Errorf("Reproducible without a date changed %q to %q", long, got)
	}
}
