package check

import (
	"flag"
	"os"
	"syscall"
	"testing"
	"time"

	"peacebuilding/internal/sitetest"
	"peacebuilding/internal/synth"
)

var benchPages = flag.Int("benchpages", 1000, "country pages per language of the synthetic site of BenchmarkRunSynthetic")

// BenchmarkRunSynthetic measures Run alone (the files are loaded once, outside the loop)
// over a synthetic site, as the build's status page runs it. Profile it with
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
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		Run(in)
	}
	// The machines this runs on are shared: CPU time (the garbage collector's included)
	// says more than wall time.
	b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
