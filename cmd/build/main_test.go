package main

import (
	"os"
	"testing"
)

// runMainEnv makes the test binary the build command itself, for tests that need a build
// in a process of its own: one they can kill.
const runMainEnv = "PEACEBUILDING_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}
