#!/usr/bin/env bash
# Runs each cmocka unit-test binary; prints one summary line and fails if any test failed.
set -uo pipefail
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
pass=0; fail=0
for t in "$@"; do
  out=$("$t" 2>&1); rc=$?
  p=$(grep -oP '^\[  PASSED  \] \K[0-9]+' <<<"$out" | tail -1); f=$(grep -oP '^\[  FAILED  \] \K[0-9]+' <<<"$out" | tail -1)
  pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
  if [ $rc -ne 0 ]; then echo "$out" | tail -40; echo "FAIL: $t (exit $rc)"; [ -z "$f" ] && fail=$((fail+1)); fi
done
echo "unit: $pass passed, $fail failed"
[ $fail -eq 0 ]
