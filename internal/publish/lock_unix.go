//go:build unix

package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// lock takes the advisory lock on the file name (made if missing), calling waiting first
// when another process holds it. The kernel releases it when the process ends.
func lock(name string, waiting func(string)) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if err == unix.EWOULDBLOCK {
		if waiting != nil {
			waiting(name)
		}
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// unlock releases the lock before it closes the file. Closing alone releases it only once
// no descriptor refers to the open file: a process forked meanwhile (a build that runs
// Chromium, a test that starts builds) holds a copy of every descriptor until it execs,
// and the next build would wait for it.
func unlock(f *os.File) {
	unix.Flock(int(f.Fd()), unix.LOCK_UN)
	f.Close()
}
