#!/usr/bin/env bash
# bench/ab_seeds.sh: like bench/ab.sh, heed builds in turn under the same wrk load, but each
# build on its own seeded database (builds whose schemas differ: before and after a
# migration), and with the bytes the server wrote per request besides its CPU.
#   bash bench/ab_seeds.sh ROUNDS NAME:HEED_BIN:SEED_DIR[:ENV=1 ENV2=1] ...
# SEED_DIR is a BENCH_DIR that bench/run.sh left behind (seeded.db, seeded.db.files,
# seeded.token). Each run copies the seeded database, starts `HEED_BIN serve --threads 8` on
# 127.0.0.1:$PORT, runs `wrk -t2 -c64 -d${D}s -s $LUA`, and prints req/s, the server's CPU
# per request (utime+stime, /proc/PID/stat) and the bytes it wrote per request (wchar,
# /proc/PID/io: WAL frames and the checkpoints' copies). Knobs: LUA=bench/post_reply.lua
# D=6 PORT=18111 N_TICKETS=100000
set -uo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n '5p' "$0"; exit 2; }
ROUNDS=$1; shift
LUA=${LUA:-bench/post_reply.lua}
D=${D:-6}
PORT=${PORT:-18111}
TCK=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
wrote() { awk '/^wchar/{print $2}' "/proc/$1/io"; }
for r in $(seq "$ROUNDS"); do
  for spec in "$@"; do
    IFS=: read -r name bin seed envs <<<"$spec"
    db=/tmp/heed-ab-$name.db
    rm -rf "$db" "$db-wal" "$db-shm" "$db.files"
    cp "$seed/seeded.db" "$db"
    [ -d "$seed/seeded.db.files" ] && cp -r "$seed/seeded.db.files" "$db.files"
    env $envs setsid "$bin" serve --db "$db" --listen "127.0.0.1:$PORT" --threads 8 2>"/tmp/heed-ab-$name.log" &
    pid=$!
    for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
    c0=$(cpu $pid); w0=$(wrote $pid)
    out=$(HEED_TOKEN=$(cat "$seed/seeded.token") N_TICKETS=${N_TICKETS:-100000} wrk -t2 -c64 -d"${D}s" -s "$LUA" "http://127.0.0.1:$PORT" 2>&1)
    c1=$(cpu $pid); w1=$(wrote $pid)
    n=$(awk '/requests in/{print $1}' <<<"$out")
    rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
    bad=$(awk '/Non-2xx/{print $NF}' <<<"$out")
    echo "round $r $name: $rps req/s, $(( (c1 - c0) * 1000000 / TCK / n )) µs CPU/req, $(( (w1 - w0) / n / 1024 )) KB written/req, non-2xx ${bad:-0}"
    kill $pid; wait $pid 2>/dev/null
  done
done
