#!/usr/bin/env bash
# fuzz.sh PACKAGE TARGET FUZZTIME: fuzz one target (make fuzz runs it for each).
#
# Go 1.26's fuzz coordinator can fail a clean run as -fuzztime ends, with a bare "context
# deadline exceeded" and no failing input: a race in its shutdown, more likely on a busy
# machine (golang/go#75804, fixed in Go 1.27; the project stays on Go 1.26). Such a run
# is run again, at most twice, and says so. A run that writes a failing input, or fails in
# any other way, fails at once: a finding is never retried away.
set -u
pkg=$1 target=$2 fuzztime=$3
go=${GO:-go}
for retry in 0 1 2; do
  out=$("$go" test -run=NONE -fuzz="^${target}\$" -fuzztime="$fuzztime" "$pkg" 2>&1)
  status=$?
  printf '%s\n' "$out"
  if [ "$status" -eq 0 ]; then
    exit 0
  fi
  if grep -q 'Failing input written' <<<"$out" || ! grep -q 'context deadline exceeded' <<<"$out" ||
    grep -qE '^\s+(panic|.*_test\.go:[0-9]+:)' <<<"$out"; then
    exit "$status"
  fi
  if [ "$retry" -lt 2 ]; then
    echo "fuzz.sh: $target ended with Go 1.26's shutdown race (golang/go#75804), no failing input written: fuzzing it again" >&2
  fi
done
echo "fuzz.sh: $target: the shutdown race three times in a row; failing" >&2
exit 1
