#!/usr/bin/env bash
# bench/pages_changed.sh: which tables and indexes a workload writes. Copies a seeded database
# (a BENCH_DIR that bench/run.sh left), checkpoints it, runs `wrk -t2 -c64 -d3s` with LUA
# (default bench/post_reply.lua) against HEED_BIN serve, checkpoints again and counts the
# database pages that changed, by the table or index each belongs to (SQLite's dbstat),
# per request. A page written by many requests counts once: this is where the writes land,
# not how many bytes the WAL took (bench/ab_seeds.sh shows that).
#   bash bench/pages_changed.sh HEED_BIN SEED_DIR [LUA]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n '8p' "$0"; exit 2; }
BIN=$1 SEED=$2 LUA=${3:-bench/post_reply.lua} PORT=${PORT:-18112}
db=/tmp/heed-pages.db
rm -rf "$db" "$db-wal" "$db-shm" "$db.files"
cp "$SEED/seeded.db" "$db"
[ -d "$SEED/seeded.db.files" ] && cp -r "$SEED/seeded.db.files" "$db.files"
serve() {
  "$BIN" serve --db "$db" --listen "127.0.0.1:$PORT" --threads 8 2>/dev/null &
  pid=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
}
serve; kill $pid; wait $pid || true # migrations and start-up writes happen before the copy
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$db" /tmp/heed-pages-before.db
serve
out=$(HEED_TOKEN=$(cat "$SEED/seeded.token") N_TICKETS=${N_TICKETS:-100000} wrk -t2 -c64 -d3s -s "$LUA" "http://127.0.0.1:$PORT" 2>&1)
kill $pid; wait $pid || true
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
n=$(awk '/requests in/{print $1}' <<<"$out")
python3 - /tmp/heed-pages-before.db "$db" "$n" <<'PY'
import collections, sqlite3, sys
before, after, reqs = sys.argv[1], sys.argv[2], int(sys.argv[3])
a, b = open(before, 'rb').read(), open(after, 'rb').read()
ps = sqlite3.connect(after).execute('PRAGMA page_size').fetchone()[0]
changed = [i + 1 for i in range(max(len(a), len(b)) // ps) if a[i * ps:(i + 1) * ps] != b[i * ps:(i + 1) * ps]]
owner = dict((p, n) for n, p in sqlite3.connect(after).execute('SELECT name, pageno FROM dbstat'))
count = collections.Counter(owner.get(p, '(free)') for p in changed)
print(f'{len(changed)} pages changed by {reqs} requests: {len(changed) / reqs:.2f} per request')
for name, k in count.most_common(30):
    print(f'  {name:32s} {k:6d}  {k / reqs:6.3f} per request')
PY
rm -f /tmp/heed-pages-before.db
