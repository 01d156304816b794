// Package nginxtest runs Debian's nginx with the repository's deploy/nginx.conf, for the
// tests that serve the built site as a production host does (internal/deploy's crawl,
// internal/browsertest's Content-Security-Policy check). One nginx per test package.
package nginxtest

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Enable is the command that installs what the tests need.
const Enable = "apt-get install nginx libnginx-mod-http-brotli-static"

// brotliModule is where Debian's package puts the brotli_static module.
const brotliModule = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

// Find returns the nginx binary, or skips tb saying how to install it (fails it under
// REQUIRE_TOOLS=1, as .ci/run sets).
func Find(tb testing.TB) string {
	tb.Helper()
	exe, err := exec.LookPath("nginx")
	if err != nil {
		exe = "/usr/sbin/nginx" // not on a non-root user's PATH on Debian
		if _, err := os.Stat(exe); err != nil {
			missing(tb, "no nginx: "+Enable)
		}
	}
	if _, err := os.Stat(brotliModule); err != nil {
		missing(tb, "no brotli module for nginx ("+brotliModule+"): "+Enable)
	}
	return exe
}

func missing(tb testing.TB, msg string) {
	tb.Helper()
	if os.Getenv("REQUIRE_TOOLS") == "1" {
		tb.Fatalf("%s (REQUIRE_TOOLS=1: the tool is required)", msg)
	}
	tb.Skip(msg)
}

// Site is one server of deploy/nginx.conf: Root is its document root, Prefix the path the
// site is published under ("/" or "/briefing/": the site is then Root/briefing/).
type Site struct {
	Root, Prefix string
	Port         int // set by FreePorts
}

// URL is the site's address.
func (s Site) URL() string { return "http://127.0.0.1:" + strconv.Itoa(s.Port) + s.Prefix }

// FreePorts returns n ports free on 127.0.0.1 now. nginx cannot be told to pick one (it
// has no "listen 0"); a port taken between this call and Start fails Start, which says so.
func FreePorts(n int) ([]int, error) {
	var ports []int
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// Config returns a main nginx configuration that serves sites with the server block of
// conf (deploy/nginx.conf), its listen, server_name, root and error_page lines replaced,
// with every file of nginx's own under dir.
func Config(conf []byte, dir string, sites []Site) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, `daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log stderr warn;
worker_processes 1;
load_module %[2]s;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    client_body_temp_path %[1]s/client;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
`, dir, brotliModule)
	// The map is at http level: once.
	mapEnd := bytes.Index(conf, []byte("\nserver {"))
	if mapEnd < 0 {
		return nil, fmt.Errorf("deploy/nginx.conf: no line \"server {\"")
	}
	b.Write(conf[:mapEnd+1])
	server := string(conf[mapEnd+1:])
	for _, s := range sites {
		out := server
		for _, r := range []struct{ re, with string }{
			{`(?m)^    listen 80;\n`, fmt.Sprintf("    listen 127.0.0.1:%d;\n", s.Port)},
			{`(?m)^    listen \[::\]:80;\n`, ""},
			{`(?m)^    server_name [^;]+;`, "    server_name 127.0.0.1;"},
			{`(?m)^    root [^;]+;`, "    root " + s.Root + ";"},
			{`(?m)^    error_page 404 /404.html;`, "    error_page 404 " + s.Prefix + "404.html;"},
		} {
			re := regexp.MustCompile(r.re)
			if n := len(re.FindAllStringIndex(out, -1)); n != 1 {
				return nil, fmt.Errorf("deploy/nginx.conf: %d lines match %s, want 1", n, r.re)
			}
			out = re.ReplaceAllLiteralString(out, r.with)
		}
		b.WriteString(out)
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// Start runs nginx with deploy/nginx.conf of the project at repoRoot for sites, and
// returns when every site answers. Stop it with the function it returns.
func Start(exe, repoRoot string, sites []Site) (stop func(), err error) {
	conf, err := os.ReadFile(filepath.Join(repoRoot, "deploy", "nginx.conf"))
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "nginxtest-")
	if err != nil {
		return nil, err
	}
	main, err := Config(conf, dir, sites)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	name := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(name, main, 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	var stderr bytes.Buffer
	// -e: the error log of the start, before the configuration is read, goes to stderr
	// rather than to /var/log/nginx, which a user may not write.
	cmd := exec.Command(exe, "-p", dir, "-e", "stderr", "-c", name)
	cmd.Stderr = &stderr
	// One process (master_process off), killed with the test binary if that dies first.
	cmd.SysProcAttr = dieWithParent()
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	stop = func() {
		cmd.Process.Kill()
		<-done
		os.RemoveAll(dir)
	}
	// Wait until every port answers, or nginx exits.
	for _, s := range sites {
		for {
			resp, err := http.Get(s.URL())
			if err == nil {
				resp.Body.Close()
				break
			}
			select {
			case err := <-done:
				done <- err
				stop()
				return nil, fmt.Errorf("nginx stopped: %v\n%s", err, strings.TrimSpace(stderr.String()))
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
	return stop, nil
}
