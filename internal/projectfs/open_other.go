//go:build !unix

package projectfs

// openFlags: other systems have no portable flags; check has refused links and pipes.
const openFlags = 0
