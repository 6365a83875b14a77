#!/usr/bin/env bash
# Checks the durability claim in docs/PERFORMANCE.md: every POST that heed
# acknowledged (201) is in the database after heed is killed with SIGKILL.
# usage: bash bench/kill9.sh [N=300]   (loopback only, a fresh DB under /tmp)
#   CONC=8 (default): CONC clients post at once over keep-alive connections,
#     so the server commits them in groups, and heed is killed while requests
#     are in flight, after about N acknowledgements. Every acknowledged ticket
#     id must be in the database, with its subject, after the kill and a restart.
#   CONC=1: posts N tickets one by one with curl, kills heed after the last 201.
# Needs the sqlite3 command-line tool (scripts/install-deps.sh bench).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-300}"; PORT="${PORT:-18093}"; CONC="${CONC:-8}"; D=$(mktemp -d /tmp/heed-kill9.XXXXXX)
./heed init --db "$D/k.db" >/dev/null 2>&1
./heed user add --db "$D/k.db" --email kill9@heed.test --name Kill9 --role agent >/dev/null 2>&1
T=$(./heed token create --db "$D/k.db" --email kill9@heed.test 2>/dev/null | tail -n1)
./heed serve --db "$D/k.db" --listen "127.0.0.1:$PORT" 2> "$D/heed.log" &
P=$!
trap 'kill -9 "$P" 2>/dev/null || true; rm -rf "$D"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
if [ "$CONC" -gt 1 ]; then
  # the clients write "id subject" for each 201 to $D/acked; SIGKILL once N are acknowledged
  python3 - "$PORT" "$T" "$N" "$CONC" "$P" "$D/acked" <<'PY'
import http.client, json, os, signal, sys, threading, time
port, token, n, conc, pid, out = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
acked, lock, stop = [], threading.Lock(), threading.Event()
def client(k):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    i = 0
    while not stop.is_set():
        i += 1
        subject = "kill9 c%d n%d" % (k, i)
        body = json.dumps({"subject": subject, "customer": {"email": "c%d-%d@example.test" % (k, i % 50)}, "message": "m"})
        try:
            c.request("POST", "/api/v1/tickets", body, {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
            r = c.getresponse()
            data = r.read()
        except Exception:
            return  # heed is gone: this request was not acknowledged
        if r.status == 201:
            with lock:
                acked.append((json.loads(data)["id"], subject))
threads = [threading.Thread(target=client, args=(k,)) for k in range(conc)]
for t in threads: t.start()
deadline = time.time() + 60
while len(acked) < n and time.time() < deadline: time.sleep(0.001)
os.kill(pid, signal.SIGKILL)  # requests are in flight
stop.set()
for t in threads: t.join()
with open(out, "w") as f:
    for i, s in acked: f.write("%d %s\n" % (i, s))
PY
  ok=$(wc -l < "$D/acked")
else
  ok=0
  for i in $(seq "$N"); do
    c=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $T" -H 'Content-Type: application/json' \
        -d "{\"subject\":\"kill9 $i\",\"customer\":{\"email\":\"c$i@example.test\"},\"message\":\"m\"}" \
        "http://127.0.0.1:$PORT/api/v1/tickets")
    [ "$c" = 201 ] && ok=$((ok + 1))
  done
  kill -9 "$P"
fi
wait "$P" 2>/dev/null || true
# restart: heed opens the database again (replaying the WAL) and answers
./heed serve --db "$D/k.db" --listen "127.0.0.1:$PORT" 2>> "$D/heed.log" &
P=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
up=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz")
kill "$P"; wait "$P" 2>/dev/null || true
n=$(sqlite3 "$D/k.db" 'SELECT count(*) FROM tickets')
ic=$(sqlite3 "$D/k.db" 'PRAGMA integrity_check')
missing=0
if [ "$CONC" -gt 1 ]; then
  # every acknowledged id is there with the subject it was acknowledged with
  sqlite3 "$D/k.db" "SELECT id || ' ' || subject FROM tickets" | sort > "$D/present"
  missing=$(sort "$D/acked" | comm -23 - "$D/present" | wc -l)
fi
echo "acknowledged $ok (with $CONC clients), in the database after kill -9: $n, acknowledged but missing: $missing," \
     "restart: healthz $up, integrity_check: $ic"
[ "$n" -ge "$ok" ] && [ "$missing" = 0 ] && [ "$ic" = ok ] && [ "$up" = 200 ]
