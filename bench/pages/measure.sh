#!/usr/bin/env bash
# Bytes over the wire and server time of the agent's two busiest pages, with assets cached:
# the inbox (the demo's all-open view) and a ticket page with a 50-message thread. Signs in as
# a browser does (the login form's cookie), then fetches each page RUNS times on one
# keep-alive connection, as a browser asks (Accept-Encoding: gzip) and plain, and prints the
# HTML's size, the bytes sent, and the median and p90 time to the last byte on loopback.
#   bash bench/pages/measure.sh [HEED_BIN] [RUNS]      (defaults ./heed, 50)
set -euo pipefail
HEED_BIN=${1:-./heed}
RUNS=${2:-50}
PORT=${PORT:-18474}
DIR=$(mktemp -d /tmp/heed-pages.XXXXXX)
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$DIR"' EXIT
DB="$DIR/heed.db"
"$HEED_BIN" demo --db "$DB" >/dev/null 2>&1
TOKEN=$("$HEED_BIN" token create --db "$DB" --email ada@heed.test 2>/dev/null | tail -n1)
"$HEED_BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --threads 2 2> "$DIR/heed.log" &
PID=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/login" && break; sleep 0.1; done
python3 - "$PORT" "$TOKEN" "$RUNS" <<'PY'
import gzip, http.client, json, re, statistics, sys, time, urllib.parse
port, token, runs = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
api = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
c = http.client.HTTPConnection("127.0.0.1", port)
def call(method, path, body=None, headers=api):
    c.request(method, path, body, headers)
    r = c.getresponse(); data = r.read()
    return r, data
# a 50-message thread: the customer's first message, then replies and notes in turn
r, d = call("POST", "/api/v1/tickets", json.dumps({"subject": "A fifty-message thread", "customer": {"email": "fifty@example.com", "name": "Fia Fifty"},
            "message": "My order 7781 has not arrived and the tracking page shows nothing since Monday. Can you look?"}))
tid = json.loads(d)["id"]
for i in range(49):
    kind = "replies" if i % 2 == 0 else "notes"
    # no promise in them: a real thread makes a few, not one per reply (each is a row in the promises panel)
    r, d = call("POST", f"/api/v1/tickets/{tid}/{kind}", json.dumps({"body": f"Message {i + 2}: the courier says the parcel for order "
                "7781 left the depot on Monday and is on the van for the Leeds area. Tracking updates once it is scanned."}))
    assert r.status == 201, d[:200]
# sign in as a browser: the form's one-time field and its cookie
r, d = call("GET", "/login", headers={})
cookie = dict(x.split("=", 1) for x in [h.split(";")[0] for k, h in r.getheaders() if k.lower() == "set-cookie"])
login = re.search(rb'name="_login" value="([0-9a-f]{32})"', d).group(1).decode()
form = urllib.parse.urlencode({"email": "ada@heed.test", "password": "heed-demo-2026", "_login": login})
r, d = call("POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": "; ".join(f"{k}={v}" for k, v in cookie.items())})
session = [h.split(";")[0] for k, h in r.getheaders() if k.lower() == "set-cookie" and "heed_session" in h]
assert r.status in (302, 303) and session, (r.status, d[:200])
browser = {"Cookie": session[0]}
print(f"{'page':<30} {'HTML bytes':>10} {'sent (gzip)':>11} {'median ms':>10} {'p90 ms':>7} {'plain median':>13}")
def timed(path, headers):
    times, body = [], b""
    for _ in range(runs):
        t0 = time.perf_counter(); r, body = call("GET", path, headers=headers); times.append((time.perf_counter() - t0) * 1000)
        assert r.status == 200, (path, r.status)
    times.sort()
    return body, r, times
for name, path in [("inbox (all open, 25 rows)", "/inbox?view=all"), ("ticket, 50 messages", f"/tickets/{tid}")]:
    plain, _, tp = timed(path, browser)
    sent, r, tg = timed(path, dict(browser, **{"Accept-Encoding": "gzip, deflate, br"}))
    assert r.getheader("Content-Encoding") == "gzip" and gzip.decompress(sent) == plain, "gzip'd as a browser asks"
    print(f"{name:<30} {len(plain):>10,} {len(sent):>11,} {statistics.median(tg):>10.2f} {tg[int(len(tg) * .9)]:>7.2f} {statistics.median(tp):>13.2f}")
PY
