// Package parallel runs one piece of work for every index of a slice, on every core.
package parallel

import (
	"runtime"
	"sync"
)

// For calls work(i) for every i in [0, n) on GOMAXPROCS goroutines and returns when all
// calls have returned. newWorker is called once in each goroutine and returns that
// goroutine's work function, so that each can keep what is not safe to share (a goldmark
// converter, a minifier, a buffer). Work for different indexes must write to different
// places; the order of the calls is not defined.
func For(n int, newWorker func() func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work := newWorker()
			for i := range next {
				work(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
