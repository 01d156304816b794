//go:build !unix

package pdf

import "os/exec"

// killGroup does nothing where there are no process groups: a timeout kills only the
// browser's main process.
func killGroup(cmd *exec.Cmd) {}
