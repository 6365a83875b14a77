#!/usr/bin/env bash
# make bench: heed under wrk on 127.0.0.1 with 100,000 tickets in the database.
#   1. builds bench/seed.c against build/rel (the service layer, no SQL of its own)
#   2. fresh database in $BENCH_DIR: heed init, one agent + API token, N tickets
#   3. heed serve on 127.0.0.1:$PORT, then one bounded wrk run per workload:
#      GET one ticket (random ids), list of 20, POST ticket, POST reply
#   4. after each run: the server's peak RSS (VmHWM from /proc/PID/status) and,
#      when ../shared/peers is there, how many cores other processes used meanwhile
#   5. stops the server by PID; prints a table (bench/summary.py)
# Knobs (env): N_TICKETS=100000 DURATION=12 (s per run) CONNS=64 WRK_THREADS=2
#   HEED_THREADS=8 PORT=18090 BENCH_DIR=/tmp/heed-bench REUSE_DB=0 (1: start
#   from the seeded copy kept by the last run instead of seeding again)
#   ONLY="get list post reply" (subset of workloads) HEED_BIN=./heed (another
#   build to compare, e.g. one of an older commit) BENCH_SLA=1 (0: seed without the
#   office-hours calendar and two SLA policies that bench/seed.c sets up first, so every
#   ticket has an SLA clock and every write moves it)
set -euo pipefail
cd "$(dirname "$0")/.."
N_TICKETS="${N_TICKETS:-100000}"
DURATION="${DURATION:-12}"
CONNS="${CONNS:-64}"
WRK_THREADS="${WRK_THREADS:-2}"
HEED_THREADS="${HEED_THREADS:-8}"
PORT="${PORT:-18090}"
DIR="${BENCH_DIR:-/tmp/heed-bench}"
ONLY="${ONLY:-get list post reply}"
HEED_BIN="${HEED_BIN:-./heed}"
OUT="$DIR/results.jsonl"
CPUMON=../shared/peers/lib/cpumon.py
mkdir -p "$DIR"

# --- the seeder, linked against the same objects and flags as ./heed -------------
# (asks make for them, so packages that feature areas add in mk/*.mk come along)
mkvar() { make --no-print-directory -s -f Makefile -f <(printf 'print-%%:\n\t@echo $(%s)\n' '$*') "print-$1"; }
REL_OBJ=$(mkvar REL_OBJ); REL_CFLAGS=$(mkvar REL_CFLAGS); LDLIBS=$(mkvar LDLIBS)
make --no-print-directory -s $REL_OBJ
cc $REL_CFLAGS bench/seed.c $REL_OBJ -o build/rel/bench-seed $LDLIBS

# --- database ---------------------------------------------------------------------
DB="$DIR/bench.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
if [ "${REUSE_DB:-0}" = 1 ] && [ -f "$DIR/seeded.db" ] && [ "$(cat "$DIR/seeded.n" 2>/dev/null)" = "$N_TICKETS" ]; then
  echo "== reusing the seeded database $DIR/seeded.db ($N_TICKETS tickets)"
  cp "$DIR/seeded.db" "$DB"
  TOKEN=$(cat "$DIR/seeded.token")
else
  echo "== fresh database $DB with $N_TICKETS tickets"
  ./heed init --db "$DB" >/dev/null 2>&1
  ./heed user add --db "$DB" --email bench@heed.test --name "Bench Agent" --role agent >/dev/null 2>&1
  TOKEN=$(./heed token create --db "$DB" --email bench@heed.test 2>/dev/null | tail -n1)
  build/rel/bench-seed "$DB" "$N_TICKETS" 1
  ./heed backup --db "$DB" "$DIR/seeded.db" >/dev/null 2>&1 || cp "$DB" "$DIR/seeded.db"
  echo "$N_TICKETS" > "$DIR/seeded.n"; echo "$TOKEN" > "$DIR/seeded.token"
fi
echo "   database: $(du -m "$DB" | cut -f1) MiB"

# --- server -----------------------------------------------------------------------
# setsid: the server gets a session of its own, so cpumon can tell its CPU from others'
setsid "$HEED_BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --threads "$HEED_THREADS" 2> "$DIR/heed.log" &
SPID=$!
trap 'kill "$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/tickets/1" >/dev/null ||
  { echo "heed did not answer on 127.0.0.1:$PORT"; exit 1; }

MYSID=$(ps -o sid= -p $$ | tr -d ' ')
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SPID/stat"; }  # heed's user + system time
status_kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$SPID/status"; }
: > "$OUT"
python3 - "$OUT" "$N_TICKETS" "$CONNS" "$WRK_THREADS" "$HEED_THREADS" "$DURATION" <<'PY'
import json, os, platform, sys, time
model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
out, n, conns, wt, ht, dur = sys.argv[1:]
open(out, "a").write(json.dumps({"label": "meta", "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    "nproc": os.cpu_count(), "cpu": model, "kernel": platform.release(), "tickets": int(n),
    "connections": int(conns), "wrk_threads": int(wt), "heed_threads": int(ht), "duration_s": int(dur)}) + "\n")
PY

# one bounded wrk run; appends a JSON line with wrk's figures, RSS and CPU split
run() {  # LABEL SCRIPT
  local label="$1" script="$2" cm=""
  echo "== $label: wrk -t$WRK_THREADS -c$CONNS -d${DURATION}s"
  [ -f "$CPUMON" ] && { python3 "$CPUMON" --sids "$MYSID,$SPID" > "$DIR/.cpu.json" & cm=$!; }
  local t0; t0=$(cpu_ticks)
  # wrk runs under a small wrapper that reports the CPU seconds wrk itself used
  LABEL="$label" HEED_TOKEN="$TOKEN" N_TICKETS="$N_TICKETS" timeout $((DURATION + 30)) \
    python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[2:])
r = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write("%.3f" % (r.ru_utime + r.ru_stime))' "$DIR/.wrkcpu" \
    wrk -t"$WRK_THREADS" -c"$CONNS" -d"${DURATION}s" --timeout 10s -s "bench/$script" "http://127.0.0.1:$PORT" |
    grep '^{' > "$DIR/.wrk.json"
  local t1; t1=$(cpu_ticks)
  [ -n "$cm" ] && { kill "$cm"; wait "$cm" || true; }
  python3 - "$DIR/.wrk.json" "$DIR/.cpu.json" "$(status_kb VmHWM)" "$(status_kb VmRSS)" "$cm" \
    "$(( t1 - t0 ))" "$(getconf CLK_TCK)" "$(cat "$DIR/.wrkcpu")" >> "$OUT" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["vmhwm_mib"] = round(int(sys.argv[3]) / 1024, 1)
r["vmrss_mib"] = round(int(sys.argv[4]) / 1024, 1)
if sys.argv[5]:
    c = json.load(open(sys.argv[2]))
    r.update(ours_cores=c["ours_cores"], foreign_cores=c["foreign_cores"])
# CPU per request, heed's and wrk's: what the run costs whatever else the machine did
n = max(r["requests"], 1)
r["heed_cpu_us"] = round(int(sys.argv[6]) / int(sys.argv[7]) / n * 1e6, 1)
r["wrk_cpu_us"] = round(float(sys.argv[8]) / n * 1e6, 1)
print(json.dumps(r))
PY
  tail -n1 "$OUT"
}

# a short warm-up (not recorded) so both pool threads have opened their connection
LABEL=warmup HEED_TOKEN="$TOKEN" N_TICKETS="$N_TICKETS" timeout 30 \
  wrk -t"$WRK_THREADS" -c"$CONNS" -d2s -s bench/get_ticket.lua "http://127.0.0.1:$PORT" >/dev/null
for w in $ONLY; do
  case "$w" in
    get)   run "GET ticket"    get_ticket.lua ;;
    list)  run "list of 20"    list_tickets.lua ;;
    post)  run "POST ticket"   post_ticket.lua ;;
    reply) run "POST reply"    post_reply.lua ;;
  esac
done
if grep -q '"level":"error"' "$DIR/heed.log"; then echo "heed logged errors:"; grep '"level":"error"' "$DIR/heed.log" | head -5; fi
kill "$SPID"; wait "$SPID" 2>/dev/null || true
trap - EXIT
python3 bench/summary.py "$OUT"
