#!/usr/bin/env bash
# Runs the node:test files of one suite (tests/api or tests/e2e) against $HEED_BIN.
# Prints "<suite>: N passed, N failed".
set -uo pipefail
suite=$1
cd "$(dirname "$0")/../tests"
files=$(ls "$suite"/*.test.mjs 2>/dev/null)
[ -z "$files" ] && { echo "$suite: 0 passed, 0 failed"; exit 0; }
out=$(node --test --test-concurrency=1 --test-reporter=tap $files 2>&1); rc=$?
# each failure with its subtest's name and the first lines of its YAML block (the error's text)
grep -E -A14 '^\s*not ok' <<<"$out" | grep -v -E '^\s+(duration_ms|location|failureType|code|name|stack):' | head -160
p=$(grep -oP '^# pass \K[0-9]+' <<<"$out" | tail -1); f=$(grep -oP '^# fail \K[0-9]+' <<<"$out" | tail -1)
[ $rc -ne 0 ] && [ "${f:-0}" = 0 ] && { echo "$out" | tail -30; f=1; }
echo "$suite: ${p:-0} passed, ${f:-0} failed"
[ "$rc" -eq 0 ]
