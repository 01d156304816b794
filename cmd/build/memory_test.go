package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// The build sets a soft memory limit from the size of its content, and none when the user
// set GOGC or GOMEMLIMIT.
func TestMemoryLimitFromContentUnlessTheUserSetsOne(t *testing.T) {
	root := t.TempDir()
	for name, size := range map[string]int{"content/en/a.md": 1000, "content/ja/countries/b.md": 500, "layouts/base.html": 4000} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)

	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv(env, "200")
			if got := limitMemory(root); got != 0 || debug.SetMemoryLimit(-1) != before {
				t.Errorf("with %s set, limitMemory(root) = %d and the limit is %d, want 0 and %d as before", env, got, debug.SetMemoryLimit(-1), before)
			}
		})
	}

	// t.Setenv restores an unset variable as unset; this test's process may have either.
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		if v, ok := os.LookupEnv(env); ok {
			t.Skipf("%s=%s is set for the test process", env, v)
		}
	}
	want := int64(memoryBase + memoryPerContent*1500) // the content files only
	if got := limitMemory(root); got != want || debug.SetMemoryLimit(-1) != want {
		t.Errorf("limitMemory(root) = %d and the limit is %d, want %d", got, debug.SetMemoryLimit(-1), want)
	}
}
