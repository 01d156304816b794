package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"peacebuilding/internal/publish"
	"peacebuilding/internal/sitetest"
	"peacebuilding/internal/synth"
)

// killPoints is how many times TestKilledBuild kills a build, in killLanes projects and
// output folders of their own at once: a kill waits for its build, and a second lane uses
// the time the first spends waiting.
const (
	killPoints = 50
	killLanes  = 2
)

// killedSitePages is the number of country briefs per language of the synthetic site that
// TestKilledBuild builds: 325 files in 160 folders (1,100 files while the search index
// wrote a text file per 8 passages), so that staging the site and removing the previous
// one take many steps to land a kill between, while a build stays under a second of CPU
// (50 killed builds of the 500-brief site, then 7,600 files, took two minutes of CPU for
// the same proof).
const killedSitePages = 50

// TestKilledBuild builds a synthetic site of 325 files in two versions, A
// and B (another site title, so every page differs; a page only A has and one only B
// has), then starts builds of A and B in turn into the same output folder and kills each
// with SIGKILL, or half of them with an interrupt (Ctrl-C): half at a random moment of the
// build (while it stages its files), half at a random moment after its stage is complete
// (around the swap and the removal of the previous site). After every kill the output must
// be exactly site A or exactly site B, and an interrupted build must have said which.
// Then two builds are started at once: one waits for the other, both succeed, and the
// output is whole. The kills are shared among killLanes lanes, each with its own copy of
// the project and its own output folder, that run at once.
func TestKilledBuild(t *testing.T) {
	// The lanes spend much of their time waiting for a build to reach a moment or to end:
	// the hostile-input cases, which build in this process, use that time.
	t.Parallel()
	for lane := range killLanes {
		t.Run(fmt.Sprintf("lane %d", lane+1), func(t *testing.T) {
			t.Parallel()
			killBuilds(t, killPoints/killLanes)
		})
	}
}

// killBuilds runs TestKilledBuild's sequence in a project and an output folder of its
// own, with kills kills.
func killBuilds(t *testing.T, kills int) {
	root := filepath.Join(t.TempDir(), "site")
	if err := synth.Write(root, killedSitePages, os.DirFS(sitetest.RepoRoot())); err != nil {
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
		// A brief of its own title: a copy under another name is refused as a copy.
		writeFile(t, map[string]string{"A": onlyA, "B": onlyB}[v], regexp.MustCompile(`(?m)^title = .*$`).ReplaceAll(page, []byte(`title = "Only in `+v+`"`)))
	}
	build := func(v string) *started {
		t.Helper()
		setVersion(v)
		cmd := exec.Command(os.Args[0], "-root", root, "-out", out, "-q")
		cmd.Env = append(os.Environ(), runMainEnv+"=1")
		return start(t, cmd)
	}
	sites := map[string]map[string][32]byte{}
	// took is how long a build of B over A's output runs, as the killed builds do; tail is
	// how long it runs after its stage is complete: the swap, the removal of the previous
	// site and the exit, the window the second half of the kills aim at.
	var took, tail time.Duration
	for _, v := range []string{"A", "B"} {
		b := build(v)
		complete := b.waitStage(out)
		if err := b.wait(); err != nil {
			t.Fatalf("building %s: %v\n%s", v, err, b.output)
		}
		took = time.Since(b.began)
		tail = took - complete
		sites[v] = hashTree(t, out)
	}

	if len(sites["A"]) < 300 {
		t.Fatalf("the synthetic site has %d files, want over 300", len(sites["A"]))
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
	t.Logf("killing %d builds at random moments within %v, half of them within the %v after the stage is complete (seed %d)", kills, took, tail, seed)
	finished, swapped, answered, state := 0, 0, 0, "B" // B was built last
	for i := range kills {
		// Each killed build makes the site the output does not hold: every kill is a chance
		// to leave a mix.
		next := map[string]string{"A": "B", "B": "A"}[state]
		b := build(next)
		// Half the kills at a random moment of the build; half at a random moment after its
		// stage is complete (the marker is the last file written before the swap): around
		// the swap and the removal of the previous site. A kill waits for nothing else.
		var wait time.Duration
		if i%2 == 0 {
			wait = time.Duration(rng.Int64N(int64(took)))
			b.sleep(wait)
		} else {
			b.waitStage(out)
			b.sleep(time.Duration(rng.Int64N(int64(tail) + 1)))
			wait = time.Since(b.began)
		}
		// Two kills in four are an interrupt (Ctrl-C), one in each half, which the build
		// answers by saying what the output holds: that must be what it holds.
		interrupted := i%4 >= 2
		if interrupted {
			b.cmd.Process.Signal(os.Interrupt)
		} else {
			b.cmd.Process.Signal(syscall.SIGKILL)
		}
		if b.wait() == nil {
			finished++ // it ended before the signal
		}
		v := which()
		if v == "" {
			t.Fatalf("kill %d, %v after the start: the output is neither site A nor site B", i, wait)
		}
		if interrupted && b.err != nil {
			said := b.output.String()
			var exit *exec.ExitError
			switch {
			case errors.As(b.err, &exit) && exit.ExitCode() == 130:
				answered++
				want := map[bool]string{true: "is as it was, with the previous build", false: "holds this build"}[v == state]
				if !strings.Contains(said, want) {
					t.Errorf("interrupt %d, %v after the start: the output holds site %s (the previous was %s), and the build said:\n%s", i, wait, v, state, said)
				}
			case strings.Contains(said, "interrupted"):
				t.Errorf("interrupt %d: the build said it was interrupted but ended with %v", i, b.err)
			}
			// Otherwise the signal came before the stage was opened or after the build was
			// done, and ended the process as the system does: the check of the output above
			// covers it.
		}
		if v != state {
			swapped++ // the killed build had swapped its site in
		}
		state = v
	}
	t.Logf("%d of %d builds had finished when killed; after %d the output was the killed build's site; %d interrupts were answered", finished, kills, swapped, answered)
	if answered == 0 {
		t.Error("no interrupted build said what the output holds: the interrupts all came outside the build's stage")
	}
	// The proof needs kills on both sides of the swap: some that left the previous site,
	// some that left the killed build's.
	if swapped == 0 || swapped == kills {
		t.Errorf("after %d of %d kills the output was the killed build's site: the kills did not land on both sides of the swap", swapped, kills)
	}

	// A build after the kills cleans up what they left and publishes its site.
	if b := build("A"); b.wait() != nil {
		t.Fatalf("building after the kills: %v\n%s", b.err, b.output)
	}
	if which() != "A" {
		t.Fatal("the build after the kills did not publish site A")
	}
	if left := sitetest.Beside(t, out); len(left) != 0 {
		t.Errorf("the build after the kills left %v beside the output", left)
	}

	// Two builds at once: both succeed, one after the other.
	setVersion("B")
	var both []*started
	for range 2 {
		cmd := exec.Command(os.Args[0], "-root", root, "-out", out, "-q")
		cmd.Env = append(os.Environ(), runMainEnv+"=1")
		both = append(both, start(t, cmd))
	}
	waited := 0
	for i, b := range both {
		if err := b.wait(); err != nil {
			t.Errorf("build %d of two at once: %v\n%s", i, err, b.output)
		}
		if strings.Contains(b.output.String(), "another build is writing") {
			waited++
		}
	}
	if waited != 1 {
		t.Errorf("%d of two builds at once said they waited for the other, want 1:\n%s\n%s", waited, both[0].output, both[1].output)
	}
	if which() != "B" {
		t.Error("after two builds at once the output is not site B")
	}
}

// started is a build started by TestKilledBuild, with its combined output.
type started struct {
	cmd    *exec.Cmd
	began  time.Time
	done   chan struct{} // closed when the process has ended
	err    error         // its exit status, once done is closed
	output *bytes.Buffer
}

func start(t *testing.T, cmd *exec.Cmd) *started {
	t.Helper()
	b := &started{cmd: cmd, done: make(chan struct{}), output: new(bytes.Buffer)}
	cmd.Stdout, cmd.Stderr = b.output, b.output
	b.began = time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		b.err = cmd.Wait()
		close(b.done)
	}()
	return b
}

// wait waits for the build to end and returns its exit status.
func (b *started) wait() error {
	<-b.done
	return b.err
}

// sleep waits for d, or less if the build ends first.
func (b *started) sleep(d time.Duration) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-b.done:
	}
}

// waitStage waits until the build's stage is complete, or it has ended, and returns how
// long after its start that was.
func (b *started) waitStage(out string) time.Duration {
	for !stageComplete(out, b.began) {
		select {
		case <-b.done:
			return time.Since(b.began)
		case <-time.After(time.Millisecond):
		}
	}
	return time.Since(b.began)
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
