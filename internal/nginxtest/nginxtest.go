// Package nginxtest runs Debian's nginx with the repository's deploy/nginx.conf (or
// deploy/nginx-subpath.conf), for the tests that serve the built site as a production host
// does (internal/deploy's crawl,
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
	writeHTTP(&b, dir)
	// The map is at http level: once.
	server, err := writeUpTo(&b, "deploy/nginx.conf", conf, "server {")
	if err != nil {
		return nil, err
	}
	for _, s := range sites {
		out, err := replaceLines("deploy/nginx.conf", server, []lineEdit{
			{`(?m)^    listen 80;\n`, fmt.Sprintf("    listen 127.0.0.1:%d;\n", s.Port)},
			{`(?m)^    listen \[::\]:80;\n`, ""},
			{`(?m)^    server_name [^;]+;`, "    server_name 127.0.0.1;"},
			{`(?m)^    root [^;]+;`, "    root " + s.Root + ";"},
			{`(?m)^    error_page 404 /404.html;`, "    error_page 404 " + s.Prefix + "404.html;"},
		})
		if err != nil {
			return nil, err
		}
		b.WriteString(out)
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// SubPathConfig returns a main nginx configuration for deploy/nginx-subpath.conf (conf):
// one server on port whose own site is mainRoot, with a page, its own index, expiry,
// header and 404 page and a regular-expression location for style sheets, as a site that
// nginx already serves; and, inside it, conf's location blocks for the briefing at
// /briefing/, the root line replaced by root (the briefing is then root/briefing/).
func SubPathConfig(conf []byte, dir string, port int, mainRoot, root string) ([]byte, error) {
	var b bytes.Buffer
	writeHTTP(&b, dir)
	rest, err := writeUpTo(&b, "deploy/nginx-subpath.conf", conf, "location = /briefing {")
	if err != nil {
		return nil, err
	}
	location, err := replaceLines("deploy/nginx-subpath.conf", rest, []lineEdit{
		{`(?m)^    root [^;]+;`, "    root " + root + ";"},
	})
	if err != nil {
		return nil, err
	}
	// The main site sets what such a server often does at its level: an index page of
	// its own first, an expiry, a header; none of them may reach the briefing.
	fmt.Fprintf(&b, `server {
    listen 127.0.0.1:%d;
    server_name 127.0.0.1;
    root %s;
    index index.php index.html;
    expires 1h;
    add_header X-Main-Site "yes" always;
    error_page 404 /404.html;
    location / {
        try_files $uri $uri/ =404;
    }
    location ~ \.css$ {
        add_header X-Main-Site "yes" always;
        add_header Cache-Control "max-age=60" always;
    }
%s}
}
`, port, mainRoot, location)
	return b.Bytes(), nil
}

// writeHTTP writes the start of a main configuration, up to the open http block, with
// every file of nginx's own under dir.
func writeHTTP(b *bytes.Buffer, dir string) {
	fmt.Fprintf(b, `daemon off;
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
}

// writeUpTo writes the lines of conf (the file named file) before the line that starts
// with line, which are at http level, and returns the rest.
func writeUpTo(b *bytes.Buffer, file string, conf []byte, line string) (string, error) {
	at := bytes.Index(conf, []byte("\n"+line))
	if at < 0 {
		return "", fmt.Errorf("%s: no line %q", file, line)
	}
	b.Write(conf[:at+1])
	return string(conf[at+1:]), nil
}

// lineEdit replaces the one match of re.
type lineEdit struct{ re, with string }

// replaceLines applies edits to text, each of which must match exactly once in file.
func replaceLines(file, text string, edits []lineEdit) (string, error) {
	for _, e := range edits {
		re := regexp.MustCompile(e.re)
		if n := len(re.FindAllStringIndex(text, -1)); n != 1 {
			return "", fmt.Errorf("%s: %d lines match %s, want 1", file, n, e.re)
		}
		text = re.ReplaceAllLiteralString(text, e.with)
	}
	return text, nil
}

// Start runs nginx with deploy/nginx.conf of the project at repoRoot for sites, and
// returns when every site answers. Stop it with the function it returns.
func Start(exe, repoRoot string, sites []Site) (stop func(), err error) {
	conf, err := os.ReadFile(filepath.Join(repoRoot, "deploy", "nginx.conf"))
	if err != nil {
		return nil, err
	}
	var urls []string
	for _, s := range sites {
		urls = append(urls, s.URL())
	}
	return run(exe, urls, func(dir string) ([]byte, error) { return Config(conf, dir, sites) })
}

// StartSubPath runs nginx with deploy/nginx-subpath.conf of the project at repoRoot (see
// SubPathConfig): the briefing is served at http://127.0.0.1:port/briefing/ from
// root/briefing/, beside the site at mainRoot.
func StartSubPath(exe, repoRoot string, port int, mainRoot, root string) (stop func(), err error) {
	conf, err := os.ReadFile(filepath.Join(repoRoot, "deploy", "nginx-subpath.conf"))
	if err != nil {
		return nil, err
	}
	return run(exe, []string{"http://127.0.0.1:" + strconv.Itoa(port) + "/briefing/"}, func(dir string) ([]byte, error) {
		return SubPathConfig(conf, dir, port, mainRoot, root)
	})
}

// run starts nginx with the main configuration that config writes for its folder, and
// returns when every one of urls answers.
func run(exe string, urls []string, config func(dir string) ([]byte, error)) (stop func(), err error) {
	dir, err := os.MkdirTemp("", "nginxtest-")
	if err != nil {
		return nil, err
	}
	main, err := config(dir)
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
	for _, u := range urls {
		for {
			resp, err := http.Get(u)
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
