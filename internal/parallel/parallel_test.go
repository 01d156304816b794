package parallel

import (
	"sync/atomic"
	"testing"
)

func TestForCallsEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		calls := make([]int32, n)
		var workers atomic.Int32
		For(n, func() func(int) {
			workers.Add(1)
			return func(i int) { atomic.AddInt32(&calls[i], 1) }
		})
		for i, c := range calls {
			if c != 1 {
				t.Errorf("For(%d): index %d was worked on %d times, want once", n, i, c)
			}
		}
		if workers.Load() < 1 {
			t.Errorf("For(%d) made no worker", n)
		}
	}
}
