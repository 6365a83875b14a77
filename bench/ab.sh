#!/usr/bin/env bash
# Interleaved A/B of heed builds by CPU per request, for a shared machine where
# req/s moves with the neighbours' load (docs/PERFORMANCE.md, changes 8-11).
# usage: bash bench/ab.sh SCRIPT SECONDS ROUNDS BIN...
#   e.g. bash bench/ab.sh post_ticket.lua 5 3 /tmp/heed-old ./heed
# Each run starts BIN on a fresh copy of the database that `make bench` seeded
# ($BENCH_DIR/seeded.db, run it once first), on 127.0.0.1:$PORT with $THREADS
# threads, runs wrk -t2 -c64 with bench/SCRIPT for SECONDS, stops the server by
# its PID and prints req/s, p50/p99, heed's user+system CPU per request (from
# /proc/PID/stat), the group commit count from heed's log and the load average.
# SYSCALLS=1: runs strace -f -c on heed meanwhile and prints its system calls per
# request instead (a count that the neighbours' load does not move; CPU under
# strace means nothing). Use fewer connections then: CONNS=8.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 4 ] || { sed -n '3,4p' "$0"; exit 2; }
SCRIPT=$1 SECS=$2 ROUNDS=$3; shift 3
DIR="${BENCH_DIR:-/tmp/heed-bench}" PORT="${PORT:-18095}" THREADS="${THREADS:-8}" CONNS="${CONNS:-64}"
[ -f "$DIR/seeded.db" ] || { echo "no $DIR/seeded.db: run make bench first"; exit 1; }
TOKEN=$(cat "$DIR/seeded.token")
N=$(cat "$DIR/seeded.n")
RUN="$DIR/ab"
mkdir -p "$RUN"

one() {  # BIN
  rm -f "$RUN/ab.db" "$RUN/ab.db-wal" "$RUN/ab.db-shm"
  cp "$DIR/seeded.db" "$RUN/ab.db"
  "$1" serve --db "$RUN/ab.db" --listen "127.0.0.1:$PORT" --threads "$THREADS" 2> "$RUN/heed.log" &
  local pid=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
  local t0 t1 out st=""
  rm -f "$RUN/strace.txt"
  if [ "${SYSCALLS:-0}" = 1 ]; then strace -f -c -p "$pid" -o "$RUN/strace.txt" 2>/dev/null & st=$!; sleep 0.5; fi
  t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  out=$(LABEL=ab HEED_TOKEN="$TOKEN" N_TICKETS="$N" timeout $((SECS + 30)) \
        wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 10s -s "bench/$SCRIPT" "http://127.0.0.1:$PORT" | grep '^{')
  t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  [ -n "$st" ] && { kill -INT "$st"; wait "$st" 2>/dev/null || true; }
  kill "$pid"; wait "$pid" 2>/dev/null || true
  python3 - "$out" "$((t1 - t0))" "$(getconf CLK_TCK)" "$RUN/heed.log" "$RUN/strace.txt" <<'PY'
import json, os, re, sys
r = json.loads(sys.argv[1])
n = max(r["requests"], 1)
g = re.search(r"\(([0-9.]+) per commit\)", open(sys.argv[4]).read())
line = "%7d/s  p50 %6.2f ms  p99 %7.2f ms  non-2xx %d  " % (r["per_s"], r["p50_ms"], r["p99_ms"], r["non_2xx_3xx"])
if os.path.exists(sys.argv[5]):  # strace -c: "% time, seconds, usecs/call, calls, [errors], syscall"
    calls = [(int(f[3]) / n, f[-1]) for f in (l.split() for l in open(sys.argv[5]))
             if len(f) >= 5 and f[0][0].isdigit() and f[-1] != "total"]
    calls.sort(reverse=True)
    line += "syscalls/req %.2f: %s" % (sum(c for c, _ in calls), ", ".join("%s %.2f" % (s, c) for c, s in calls[:7]))
else:
    line += "heed %6.1f us/req  %s per commit  load %s" % (int(sys.argv[2]) / int(sys.argv[3]) / n * 1e6,
        g.group(1) if g else "-", open("/proc/loadavg").read().split()[0])
print(line)
PY
}

for r in $(seq "$ROUNDS"); do
  for bin in "$@"; do
    printf '%-28s round %d: ' "$(basename "$bin")" "$r"
    one "$bin"
  done
done
