package publish

import (
	"testing"
	"time"
)

// TestQueuedBytesWaitsForRoom queues copies up to maxQueued: one more waits until a write
// gives room back, and a file larger than the bound is queued alone.
func TestQueuedBytesWaitsForRoom(t *testing.T) {
	var q queuedBytes
	q.take(maxQueued - 10)
	q.take(10) // fits exactly
	taken := make(chan struct{})
	go func() {
		q.take(1)
		close(taken)
	}()
	select {
	case <-taken:
		t.Fatal("took a byte beyond maxQueued")
	case <-time.After(50 * time.Millisecond):
	}
	q.give(10)
	<-taken // a test that hangs here fails by the test binary's timeout
	q.give(maxQueued - 10 + 1)
	q.take(2 * maxQueued) // alone: nothing is queued
	q.give(2 * maxQueued)
}
