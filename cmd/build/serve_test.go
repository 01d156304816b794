package main

import (
	"bufio"
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Killing the process that started the preview (make serve, go run) by its PID ends the
// server too, rather than leaving it running on its port.
func TestServeStopsWhenItsParentIsKilled(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("skipped: no sh to stand for make")
	}
	root := t.TempDir()
	writeFixture(t, root)
	log := filepath.Join(t.TempDir(), "serve.log")
	// sh stands for make: it starts the server as its child and waits for it.
	sh := exec.Command("sh", "-c", `"$0" serve -root "$1" -port 0 -poll 50ms >"$2" 2>&1 & echo $!; wait`, os.Args[0], root, log)
	sh.Env = append(os.Environ(), runMainEnv+"=1")
	out, err := sh.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sh.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		t.Fatalf("sh printed %q, not the server's PID", line)
	}
	defer syscall.Kill(pid, syscall.SIGKILL) // never leave it running, whatever happens
	deadline := time.Now().Add(60 * time.Second)
	for {
		data, _ := os.ReadFile(log)
		if strings.Contains(string(data), "serving http://") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not start:\n%s", data)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := sh.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	sh.Wait()
	deadline = time.Now().Add(10 * time.Second)
	for alive(pid) {
		if time.Now().After(deadline) {
			t.Fatal("the server still runs 10 s after its parent was killed")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// alive reports whether process pid runs (a zombie, ended but not yet reaped by its new
// parent, does not).
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true // no /proc: the signal test is all there is
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) == 0 || fields[0] != "Z"
}

// A port in use is said in the writer's words, with the way out: another port, or any.
func TestServeSaysThePortIsInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	root := t.TempDir()
	writeFixture(t, root)
	var stdout, stderr bytes.Buffer
	err = run([]string{"serve", "-root", root, "-port", port}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "port "+port+" is in use") || !strings.Contains(err.Error(), "PORT=0") {
		t.Errorf("serve on a port in use: error %v, want one saying the port is in use and offering PORT=0", err)
	}
}
