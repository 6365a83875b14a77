#!/usr/bin/env bash
# make check's driver: unit tests, API tests, browser tests, then every extra
# step listed in CHECK_STEPS (make targets added by mk/*.mk). Keeps going after
# a failure so one run shows everything, and ends with one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
unit=(); while [ $# -gt 0 ] && [ "$1" != "--" ]; do unit+=("$1"); shift; done; shift || true
steps=("$@")
log=$(mktemp); total_p=0; total_f=0
tally() { # reads a "<name>: N passed, N failed" line from the log
  local line; line=$(grep -E '^[a-z0-9_-]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  local p f; p=$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line"); f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
  total_p=$((total_p + ${p:-0})); total_f=$((total_f + ${f:-0}))
}
run() { local name=$1; shift; echo "== $name"; "$@" 2>&1 | tee "$log"; local rc=${PIPESTATUS[0]}
  tally; if [ "$rc" -ne 0 ] && ! grep -qE ' [1-9][0-9]* failed' "$log"; then total_f=$((total_f+1)); echo "$name: step failed (exit $rc)"; fi; }
run unit bash scripts/run-unit.sh "${unit[@]}"
HEED_BIN=$PWD/build/san/heed run api bash scripts/run-node-tests.sh api
HEED_BIN=$PWD/heed run e2e bash scripts/run-node-tests.sh e2e
for s in "${steps[@]}"; do run "$s" make --no-print-directory "$s"; done
rm -f "$log"
echo "check: $total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
