package check

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"peacebuilding/internal/content"
	"peacebuilding/internal/sitetest"
	"peacebuilding/internal/synth"
)

var benchPages = flag.Int("benchpages", 1000, "country pages per language of the synthetic site of BenchmarkRunSynthetic")

// BenchmarkRunSynthetic measures Run alone (the files are loaded once, outside the loop)
// over a synthetic site: as the build's status page runs it (status: no style sheet) and
// as build check does (check: with the house style sheet). Profile it with
//
//	go test ./internal/check -run '^$' -bench RunSynthetic -benchpages 10000 -benchmem -cpuprofile cpu.prof
func BenchmarkRunSynthetic(b *testing.B) {
	fsys, err := synth.FS(*benchPages, os.DirFS(sitetest.RepoRoot()))
	if err != nil {
		b.Fatal(err)
	}
	in, err := Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	status := in
	status.Style = nil
	for _, run := range []struct {
		name string
		in   Input
	}{{"status", status}, {"check", in}} {
		b.Run(run.name, func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				Run(run.in)
			}
			// The machines this runs on are shared: CPU time (the garbage collector's
			// included) says more than wall time.
			b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// manyNumbersUnit is the body of two files holding manyNumbers(n), as one unit.
func manyNumbersUnit(n int) (u unit, src, dst *content.File) {
	en, ja := manyNumbers(n)
	src = &content.File{Lang: "en", Name: "content/en/x.md", Body: en, BodyLine: 4}
	dst = &content.File{Lang: "ja", Name: "content/ja/x.md", Body: ja, BodyLine: 4}
	u = unit{where: "body", src: text{s: en, body: true, at: bodyPlace(src, 0)}, dst: text{s: ja, body: true, at: bodyPlace(dst, 0)}}
	return u, src, dst
}

// manyNumbers is a section of n numbers in English and the same numbers in Japanese, in
// reverse order, so that matching cannot follow the text.
func manyNumbers(n int) (en, ja string) {
	var e, j strings.Builder
	for i := range n {
		fmt.Fprintf(&e, "In one year %d people were trained. ", 10+7*i)
		fmt.Fprintf(&j, "%d人が研修を受けた。", 10+7*(n-1-i))
	}
	return e.String(), j.String()
}

// TestCompareManyNumbers: a section of 20,000 numbers compares as a small one does,
// whatever their order; a changed number among them is found. The time it takes is
// BenchmarkCompareManyNumbers's to measure (it used to grow with the square).
func TestCompareManyNumbers(t *testing.T) {
	u, src, dst := manyNumbersUnit(20000)
	if ps := compareUnit(&u, src, dst); len(ps) != 0 {
		t.Fatalf("%d problems in equal sections, the first: %v", len(ps), ps[0])
	}
	dst.Body = strings.Replace(dst.Body, "1032人", "1039人", 1)
	u.dst.s, u.nums = dst.Body, nil // the unit keeps the numbers it read
	ps := compareUnit(&u, src, dst)
	if len(ps) != 1 || !strings.Contains(ps[0].Message, "number differs") {
		t.Fatalf("one changed number gave %d problems: %v", len(ps), ps)
	}
}

// BenchmarkCompareManyNumbers compares one section of 20,000 numbers per language.
func BenchmarkCompareManyNumbers(b *testing.B) {
	u, src, dst := manyNumbersUnit(20000)
	for b.Loop() {
		compareUnit(&u, src, dst)
	}
}

// TestMistypedNumbersPairWithinTheirParagraph: two numbers mistyped in two paragraphs are
// each paired with the number of its own paragraph, though the other paragraph's looks
// closer (1,300 and 1,310).
func TestMistypedNumbersPairWithinTheirParagraph(t *testing.T) {
	en := "Japan sent 1,300 people.\n\nIt then sent 1,350 people.\n"
	ja := "日本は1,900人を派遣した。\n\n次いで1,310人を派遣した。\n"
	src := &content.File{Lang: "en", Name: "content/en/x.md", Body: en, BodyLine: 4}
	dst := &content.File{Lang: "ja", Name: "content/ja/x.md", Body: ja, BodyLine: 4}
	u := unit{where: "body", src: text{s: en, body: true, at: bodyPlace(src, 0)}, dst: text{s: ja, body: true, at: bodyPlace(dst, 0)}}
	var got []string
	for _, p := range compareUnit(&u, src, dst) {
		got = append(got, p.Message)
	}
	want := []string{`number differs: "1,300" in en, "1,900" in ja`, `number differs: "1,350" in en, "1,310" in ja`}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
