//go:build !unix

package publish

import "os"

// lock only makes the lock file where the system has no flock: builds are not kept apart.
func lock(name string, waiting func(string)) (*os.File, error) {
	return os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
}

func unlock(f *os.File) { f.Close() }
