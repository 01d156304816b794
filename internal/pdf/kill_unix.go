//go:build unix

package pdf

import (
	"os/exec"
	"syscall"
)

// killGroup makes a timeout kill Chromium's whole process group: the browser starts
// helper processes (zygote, renderer, GPU) that would outlive their parent otherwise.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
