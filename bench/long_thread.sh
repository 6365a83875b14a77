#!/usr/bin/env bash
# POST reply on a long thread: one ticket, REPLIES replies posted one after another; prints the
# mean time of the first 50 and of the last 50, so a reply whose cost grows with the thread shows.
#   bash bench/long_thread.sh [HEED_BIN] [REPLIES]      (defaults ./heed, 400)
set -euo pipefail
HEED_BIN=${1:-./heed}
REPLIES=${2:-400}
PORT=${PORT:-18473}
DIR=$(mktemp -d /tmp/heed-long.XXXXXX)
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$DIR"' EXIT
DB="$DIR/heed.db"
"$HEED_BIN" init --db "$DB" >/dev/null 2>&1
"$HEED_BIN" user add --db "$DB" --email bench@heed.test --name "Bench Agent" --role agent >/dev/null 2>&1
TOKEN=$("$HEED_BIN" token create --db "$DB" --email bench@heed.test 2>/dev/null | tail -n1)
"$HEED_BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --threads 2 2> "$DIR/heed.log" &
PID=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/login" && break; sleep 0.1; done
python3 - "$PORT" "$TOKEN" "$REPLIES" <<'PY'
import http.client, json, sys, time
port, token, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
h = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
c = http.client.HTTPConnection("127.0.0.1", port)
def post(path, body):
    c.request("POST", path, json.dumps(body), h)
    r = c.getresponse(); data = r.read()
    if r.status >= 300: raise SystemExit(f"{path}: {r.status} {data[:200]!r}")
    return json.loads(data)
t = post("/api/v1/tickets", {"subject": "A long thread", "customer": {"email": "long@example.com", "name": "Long"},
                             "message": "My order has not arrived and the tracking page shows nothing."})
tid = t.get("id") or t.get("ticket", {}).get("id")
text = ("Thanks for your patience. I checked with the warehouse and the courier again today; "
        "the parcel is scanned at the depot and I will write as soon as it moves. Reference %d. ") * 2
times = []
for i in range(n):
    a = time.perf_counter()
    post(f"/api/v1/tickets/{tid}/replies", {"body": text % (i, i)})
    times.append(time.perf_counter() - a)
first, last = sum(times[:50]) / 50, sum(times[-50:]) / 50
print(f"POST reply on one ticket, {n} replies of {len(text % (0, 0))} bytes: first 50 {first*1e6:.0f} us each, last 50 {last*1e6:.0f} us each")
PY
