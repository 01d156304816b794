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

// A heap profile shows the heap as of the last finished collection, and the end of a build
// has let most of it go: what sets the peak memory is the collection with the most live
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
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var peak uint64
	var profile bytes.Buffer
	var profileErr error
	keepIfLarger := func() {
		metrics.Read(sample)
		if live := sample[0].Value.Uint64(); live > peak {
			peak = live
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
				keepIfLarger()
				return
			case <-tick.C:
				keepIfLarger()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		err := profileErr
		if err == nil {
			err = os.WriteFile(name, profile.Bytes(), 0o644)
		}
		if err != nil {
			fmt.Fprintf(stderr, "build: -memprofile: %v\n", err)
			return
		}
		fmt.Fprintf(stderr, "build: -memprofile: %s holds the heap at its largest live size, %.1f MB\n", name, float64(peak)/1e6)
	}
}
