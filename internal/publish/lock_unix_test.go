//go:build unix

package publish

import (
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// TestUnlockReleasesALockAnotherDescriptorShares: a process forked while a build holds
// its lock has a copy of the lock's descriptor until it execs (a parallel test that starts
// a build, build pdf starting Chromium). The copy is modelled here by a dup: once the
// build unlocks, the next build takes the lock at once, instead of waiting for the copy
// to close (closing alone left it held, and a test's build printed that it waited).
func TestUnlockReleasesALockAnotherDescriptorShares(t *testing.T) {
	name := filepath.Join(t.TempDir(), ".public.lock")
	f, err := lock(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	copyFd, err := unix.Dup(int(f.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	unlock(f)

	// Were the lock still held, the next build would wait: the copy is then closed, so
	// that the test fails rather than hangs.
	waited := false
	g, err := lock(name, func(string) { waited = true; unix.Close(copyFd) })
	if !waited {
		unix.Close(copyFd)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer unlock(g)
	if waited {
		t.Error("the next build waited for a lock that was released")
	}
}
