#!/usr/bin/env bash
# Checks the durability claim in docs/PERFORMANCE.md: every POST that heed
# acknowledged (201) is in the database after heed is killed with SIGKILL.
# usage: bash bench/kill9.sh [N=300]   (loopback only, a fresh DB under /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-300}"; PORT="${PORT:-18093}"; D=$(mktemp -d /tmp/heed-kill9.XXXXXX)
./heed init --db "$D/k.db" >/dev/null 2>&1
./heed user add --db "$D/k.db" --email kill9@heed.test --name Kill9 --role agent >/dev/null 2>&1
T=$(./heed token create --db "$D/k.db" --email kill9@heed.test 2>/dev/null | tail -n1)
./heed serve --db "$D/k.db" --listen "127.0.0.1:$PORT" 2> "$D/heed.log" &
P=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
ok=0
for i in $(seq "$N"); do
  c=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $T" -H 'Content-Type: application/json' \
      -d "{\"subject\":\"kill9 $i\",\"customer\":{\"email\":\"c$i@example.test\"},\"message\":\"m\"}" \
      "http://127.0.0.1:$PORT/api/v1/tickets")
  [ "$c" = 201 ] && ok=$((ok + 1))
done
kill -9 "$P"; wait "$P" 2>/dev/null || true
n=$(sqlite3 "$D/k.db" 'SELECT count(*) FROM tickets')
ic=$(sqlite3 "$D/k.db" 'PRAGMA integrity_check')
echo "acknowledged $ok, in the database after kill -9: $n, integrity_check: $ic"
rm -rf "$D"
[ "$n" -ge "$ok" ] && [ "$ic" = ok ]
