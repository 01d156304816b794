package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// A heap profile shows the heap as of a finished collection, and the end of a build has
// let most of it go: what sets the peak memory is the collection with the most live
// bytes, somewhere in the middle. startPeakHeapProfile watches the live heap and keeps the
// profile of the largest one seen; the stop function it returns writes that into name.
//
// The watch reads runtime/metrics every few milliseconds, which stops nothing; writing a
// profile takes a few milliseconds and happens only when a collection has found more live
// bytes than any before (a few dozen times in a build). A collection that both starts and
// ends between two reads can be missed; the next larger one is not.
func startPeakHeapProfile(name string, stderr io.Writer) (stop func()) {
	const every = 2 * time.Millisecond
	// One sample per 64 KiB allocated rather than the default 512 KiB: a build's live
	// heap is tens of megabytes, and the default leaves a part's share to chance.
	runtime.MemProfileRate = 64 << 10
	sample := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}, {Name: "/gc/heap/live:bytes"}}
	var peak peakTracker
	var profile bytes.Buffer
	var profileErr error
	poll := func() {
		metrics.Read(sample)
		if peak.observe(sample[0].Value.Uint64(), sample[1].Value.Uint64()) {
			profile.Reset()
			profileErr = pprof.Lookup("heap").WriteTo(&profile, 0)
		}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-done:
				// A collection read now, and one more to publish its profile: a build too
				// short for the watch to read two collections in a row still gets one.
				for range 2 {
					runtime.GC()
					poll()
				}
				return
			case <-tick.C:
				poll()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		err := profileErr
		if err == nil && profile.Len() == 0 {
			err = fmt.Errorf("no collection was seen whose profile could be taken")
		}
		if err == nil {
			err = os.WriteFile(name, profile.Bytes(), 0o644)
		}
		if err != nil {
			fmt.Fprintf(stderr, "build: -memprofile: %v\n", err)
			return
		}
		fmt.Fprintf(stderr, "build: -memprofile: %s holds the heap at its largest live size, %.1f MB\n", name, float64(peak.best)/1e6)
	}
}

// peakTracker finds, from readings of the count of finished collections and the live
// bytes that the last of them found, when the heap profile shows the largest live heap
// seen. The runtime publishes a collection's profile when the next collection finishes
// (the memRecord comment of runtime/mprof.go: frees are only all known then), so after
// collection n the profile is that of collection n-1, whose live bytes the tracker must
// have read.
type peakTracker struct {
	cycle, live         uint64 // the last collection read, and its live bytes
	prevCycle, prevLive uint64 // the one read before it
	best, bestCycle     uint64 // the live bytes of the profile kept, and its collection
}

// observe takes a reading, and reports whether the profile published now is of the
// largest live heap yet: the caller then writes it.
func (p *peakTracker) observe(cycles, live uint64) bool {
	if cycles != p.cycle {
		p.prevCycle, p.prevLive = p.cycle, p.live
		p.cycle, p.live = cycles, live
	}
	// The profile now is collection cycles-1's: known if it was read.
	if cycles == 0 || p.prevCycle != cycles-1 || p.prevLive <= p.best || p.bestCycle == cycles-1 {
		return false
	}
	p.best, p.bestCycle = p.prevLive, cycles-1
	return true
}
