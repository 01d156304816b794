//go:build unix

package projectfs

import "syscall"

// openFlags: do not follow a link in the last element; do not block opening a pipe.
const openFlags = syscall.O_NOFOLLOW | syscall.O_NONBLOCK
