package deploy_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"peacebuilding/internal/deploy"
	"peacebuilding/internal/sitetest"
)

// headerRule is one path of a _headers file with its headers.
type headerRule struct {
	path    string
	headers [][2]string
}

// parseHeaders reads a _headers file by the syntax Netlify and Cloudflare Pages document:
// a URL path on a line of its own starting with "/", then its headers on indented lines
// as "Name: value"; "#" starts a comment line. Anything else is an error.
func parseHeaders(t *testing.T, data string) []headerRule {
	t.Helper()
	var rules []headerRule
	token := regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
	for i, line := range strings.Split(strings.TrimSuffix(data, "\n"), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case line[0] == '/':
			if strings.ContainsAny(trimmed, " \t") {
				t.Fatalf("_headers:%d: a path with a space: %q", i+1, line)
			}
			rules = append(rules, headerRule{path: trimmed})
		case line[0] == ' ' || line[0] == '\t':
			name, value, ok := strings.Cut(trimmed, ":")
			if !ok || !token.MatchString(name) || strings.TrimSpace(value) == "" {
				t.Fatalf("_headers:%d: not a header \"Name: value\": %q", i+1, line)
			}
			if len(rules) == 0 {
				t.Fatalf("_headers:%d: a header before any path", i+1)
			}
			r := &rules[len(rules)-1]
			r.headers = append(r.headers, [2]string{name, strings.TrimSpace(value)})
		default:
			t.Fatalf("_headers:%d: neither a path, an indented header nor a comment: %q", i+1, line)
		}
	}
	return rules
}

// matches is the hosts' path match: "*" matches any run of characters.
func matches(pattern, p string) bool {
	re := "^" + strings.ReplaceAll(regexp.QuoteMeta(pattern), `\*`, ".*") + "$"
	return regexp.MustCompile(re).MatchString(p)
}

// TestHeadersFile parses the _headers the build writes, at a root and under a sub-path,
// and applies it as the hosts do (the headers of every matching rule, joined): every path
// gets the security headers once, a fingerprinted asset Cache-Control Immutable once, and
// nothing else a Cache-Control (the hosts' default revalidates).
func TestHeadersFile(t *testing.T) {
	assets := []string{"assets/style.0123456789.css", "assets/site.abcdef0123.js"}
	for _, base := range []string{"/", "/briefing/"} {
		rules := parseHeaders(t, string(deploy.Headers(base, assets)))
		for _, p := range []string{"", "en/", "ja/countries/cambodia/", "sitemap.xml", "en/search/meta.json", "assets/share-en.png", assets[0], assets[1]} {
			got := map[string][]string{}
			for _, r := range rules {
				if matches(r.path, base+p) {
					for _, h := range r.headers {
						got[strings.ToLower(h[0])] = append(got[strings.ToLower(h[0])], h[1])
					}
				}
			}
			for _, h := range deploy.SecurityHeaders {
				if v := got[strings.ToLower(h.Name)]; len(v) != 1 || v[0] != h.Value {
					t.Errorf("%s%s: %s %q, want %q", base, p, h.Name, v, h.Value)
				}
			}
			cc := got["cache-control"]
			if deploy.Fingerprinted(p) {
				if len(cc) != 1 || cc[0] != deploy.Immutable {
					t.Errorf("%s%s: Cache-Control %q, want %q", base, p, cc, deploy.Immutable)
				}
			} else if len(cc) != 0 {
				t.Errorf("%s%s: Cache-Control %q, want the host's default (revalidate)", base, p, cc)
			}
		}
	}
}

// TestNginxConfSendsTheRules checks, without nginx, that deploy/nginx.conf and
// deploy/nginx-subpath.conf write the security headers of rules.go, each for every answer
// ("always"); TestNginx and TestNginxSubPath check what nginx then sends.
func TestNginxConfSendsTheRules(t *testing.T) {
	for _, name := range []string{"nginx.conf", "nginx-subpath.conf"} {
		conf, err := os.ReadFile(filepath.Join(sitetest.RepoRoot(), "deploy", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range deploy.SecurityHeaders {
			line := "add_header " + h.Name + ` "` + h.Value + `" always;`
			if !strings.Contains(string(conf), line) {
				t.Errorf("deploy/%s lacks the line: %s", name, line)
			}
		}
	}
}

// TestPagesWorkflow parses .github/workflows/pages.yml as YAML and checks what GitHub
// requires of a workflow (on, jobs, each job's runs-on and steps, each step a uses or a
// run) and of a Pages deployment (pages and id-token write permissions, the
// github-pages environment, the artifact of public/), and that it builds with the README's
// commands.
func TestPagesWorkflow(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(sitetest.RepoRoot(), ".github", "workflows", "pages.yml"))
	if err != nil {
		t.Fatal(err)
	}
	type step struct {
		ID   string            `yaml:"id"`
		Name string            `yaml:"name"`
		Uses string            `yaml:"uses"`
		Run  string            `yaml:"run"`
		With map[string]string `yaml:"with"`
	}
	type job struct {
		RunsOn      string                     `yaml:"runs-on"`
		Needs       any                        `yaml:"needs"`
		Environment struct{ Name, URL string } `yaml:"environment"`
		Steps       []step                     `yaml:"steps"`
	}
	var wf struct {
		Name        string            `yaml:"name"`
		On          map[string]any    `yaml:"on"`
		Permissions map[string]string `yaml:"permissions"`
		Concurrency map[string]any    `yaml:"concurrency"`
		Jobs        map[string]job    `yaml:"jobs"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true) // a misspelt key is an error, as GitHub reports it
	if err := dec.Decode(&wf); err != nil {
		t.Fatalf("pages.yml: %v", err)
	}
	if len(wf.On) == 0 || len(wf.Jobs) == 0 {
		t.Fatalf("pages.yml: no on or no jobs: %+v", wf)
	}
	for k, want := range map[string]string{"pages": "write", "id-token": "write"} {
		if wf.Permissions[k] != want {
			t.Errorf("permissions.%s = %q, want %q (actions/deploy-pages)", k, wf.Permissions[k], want)
		}
	}
	var runs, uses []string
	deployed, uploaded := false, false
	for name, j := range wf.Jobs {
		if j.RunsOn == "" || len(j.Steps) == 0 {
			t.Errorf("job %s: no runs-on or no steps", name)
		}
		for i, s := range j.Steps {
			if (s.Uses == "") == (s.Run == "") {
				t.Errorf("job %s, step %d: needs exactly one of uses and run", name, i+1)
			}
			if s.Uses != "" && !regexp.MustCompile(`^[\w.-]+/[\w.-]+@v\d+$`).MatchString(s.Uses) {
				t.Errorf("job %s, step %d: uses %q: want owner/action@vN", name, i+1, s.Uses)
			}
			runs, uses = append(runs, s.Run), append(uses, s.Uses)
			if strings.HasPrefix(s.Uses, "actions/upload-pages-artifact@") {
				uploaded = s.With["path"] == "public"
			}
			if strings.HasPrefix(s.Uses, "actions/deploy-pages@") {
				deployed = j.Environment.Name == "github-pages" && j.Needs != nil
			}
		}
	}
	if !uploaded {
		t.Error("no actions/upload-pages-artifact step with path: public")
	}
	if !deployed {
		t.Error("no actions/deploy-pages step in a job that needs the build and has environment github-pages")
	}
	all := strings.Join(runs, "\n")
	for _, cmd := range []string{"make test", "make build BUILDFLAGS=\"-baseurl ${{ steps.pages.outputs.base_url }}/\""} {
		if !strings.Contains(all, cmd) {
			t.Errorf("no step runs %s", cmd)
		}
	}
}
