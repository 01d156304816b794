package main

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"peacebuilding/internal/publish"
	"peacebuilding/internal/sitetest"
	"peacebuilding/internal/synth"
)

// killPoints is how many times TestKilledBuild kills a build.
const killPoints = 50

// TestKilledBuild builds a synthetic site of about 1,100 files in two versions, A
// and B (another site title, so every page differs; a page only A has and one only B
// has), then starts builds of A and B in turn into the same output folder and kills each
// with SIGKILL at a random moment of it (half of them once its stage is complete, around
// the swap). After every kill the
// output must be exactly site A or exactly site B. Then two builds are started at once:
// one waits for the other, both succeed, and the output is whole.
func TestKilledBuild(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	if err := synth.Write(root, 500, os.DirFS(sitetest.RepoRoot())); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	config := readFile(t, filepath.Join(root, "config.toml"))
	onlyA := filepath.Join(root, "content", "en", "countries", "only-in-a.md")
	onlyB := filepath.Join(root, "content", "en", "countries", "only-in-b.md")
	page := readFile(t, firstCountry(t, root))
	setVersion := func(v string) {
		t.Helper()
		title := "Japan's Peacebuilding Efforts"
		writeFile(t, filepath.Join(root, "config.toml"), bytes.Replace(config, []byte(title), []byte(title+" "+v), 1))
		os.Remove(onlyA)
		os.Remove(onlyB)
		writeFile(t, map[string]string{"A": onlyA, "B": onlyB}[v], page)
	}
	build := func(v string) *exec.Cmd {
		setVersion(v)
		cmd := exec.Command(os.Args[0], "-root", root, "-out", out, "-q")
		cmd.Env = append(os.Environ(), runMainEnv+"=1")
		return cmd
	}
	sites := map[string]map[string][32]byte{}
	var first time.Duration
	for _, v := range []string{"A", "B"} {
		start := time.Now()
		if msg, err := build(v).CombinedOutput(); err != nil {
			t.Fatalf("building %s: %v\n%s", v, err, msg)
		}
		first = time.Since(start)
		sites[v] = hashTree(t, out)
	}
	took := first // the build of B, over A's output, as the killed builds run

	if len(sites["A"]) < 1000 {
		t.Fatalf("the synthetic site has %d files, want over 1,000", len(sites["A"]))
	}
	which := func() string {
		got := hashTree(t, out)
		for v, want := range sites {
			if equalTrees(got, want) {
				return v
			}
		}
		return ""
	}

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("killing %d builds at random moments within %v (seed %d)", killPoints, took, seed)
	finished, swapped, state := 0, 0, "B" // B was built last
	for i := range killPoints {
		// Each killed build makes the site the output does not hold: every kill is a chance
		// to leave a mix.
		next := map[string]string{"A": "B", "B": "A"}[state]
		cmd := build(next)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Half the kills at a random moment of the build; half at a random moment after its
		// stage is complete (the marker is the last file written before the swap): around
		// the swap and the removal of the previous site.
		var wait time.Duration
		if i%2 == 0 {
			wait = time.Duration(rng.Int64N(int64(took)))
			time.Sleep(wait)
		} else {
			start := time.Now()
			for deadline := start.Add(3 * took); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
				if stageComplete(out, start) {
					break
				}
			}
			time.Sleep(time.Duration(rng.Int64N(int64(20 * time.Millisecond))))
			wait = time.Since(start)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		if cmd.Wait() == nil {
			finished++ // it ended before the signal
		}
		v := which()
		if v == "" {
			t.Fatalf("kill %d, %v after the start: the output is neither site A nor site B", i, wait)
		}
		if v != state {
			swapped++ // the killed build had swapped its site in
		}
		state = v
	}
	t.Logf("%d of %d builds had finished when killed; after %d the output was the killed build's site", finished, killPoints, swapped)

	// A build after the kills cleans up what they left and publishes its site.
	if msg, err := build("A").CombinedOutput(); err != nil {
		t.Fatalf("building after the kills: %v\n%s", err, msg)
	}
	if which() != "A" {
		t.Fatal("the build after the kills did not publish site A")
	}
	if left := sitetest.Beside(t, out); len(left) != 0 {
		t.Errorf("the build after the kills left %v beside the output", left)
	}

	// Two builds at once: both succeed, one after the other.
	setVersion("B")
	var cmds []*exec.Cmd
	var stderrs []*bytes.Buffer
	for range 2 {
		cmd := exec.Command(os.Args[0], "-root", root, "-out", out, "-q")
		cmd.Env = append(os.Environ(), runMainEnv+"=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, stderrs = append(cmds, cmd), append(stderrs, &stderr)
	}
	waited := 0
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("build %d of two at once: %v\n%s", i, err, stderrs[i])
		}
		if strings.Contains(stderrs[i].String(), "another build is writing") {
			waited++
		}
	}
	if waited != 1 {
		t.Errorf("%d of two builds at once said they waited for the other, want 1:\n%s\n%s", waited, stderrs[0], stderrs[1])
	}
	if which() != "B" {
		t.Error("after two builds at once the output is not site B")
	}
}

// stageComplete reports whether a build started at start has completed its stage: its
// marker, the stage's last file, is written (in the stage, or already swapped into out).
// A killed build may have left a complete stage of its own, which is older.
func stageComplete(out string, start time.Time) bool {
	markers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.staging-*", publish.Marker))
	for _, m := range append(markers, filepath.Join(out, publish.Marker)) {
		if info, err := os.Stat(m); err == nil && info.ModTime().After(start) {
			return true
		}
	}
	return false
}

func firstCountry(t *testing.T, root string) string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(root, "content", "en", "countries", "*.md"))
	for _, n := range names {
		if filepath.Base(n) != "_index.md" {
			return n
		}
	}
	t.Fatalf("no country page in the synthetic site: %v", err)
	return ""
}

// hashTree hashes every file under dir by slash path; a missing dir is an empty tree.
func hashTree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	sums := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && os.IsNotExist(err) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		sums[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

func equalTrees(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, h := range a {
		if b[p] != h {
			return false
		}
	}
	return true
}
