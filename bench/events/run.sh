#!/usr/bin/env bash
# bench/events/run.sh: 2,000 open event streams on this machine (issue 11): the memory they
# take and the time from a reply's commit to its event on every stream.
#   bash bench/events/run.sh [N=2000] [REPLIES=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-2000} REPLIES=${2:-20} PORT=${PORT:-18130}
make --no-print-directory -s heed
DIR=$(mktemp -d /tmp/heed-events-XXXXXX)
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DIR"' EXIT
./heed init --db "$DIR/e.db" >/dev/null 2>&1
./heed user add --db "$DIR/e.db" --email bench@heed.test --name "Bench Agent" --role admin >/dev/null 2>&1
TOKEN=$(./heed token create --db "$DIR/e.db" --email bench@heed.test 2>/dev/null | tail -n1)
./heed serve --db "$DIR/e.db" --listen "127.0.0.1:$PORT" --max_conns_per_ip 500 2>"$DIR/heed.log" &
PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
TICKET=$(curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"subject":"Streams","customer":{"email":"s@example.com"},"message":"Hello"}' "http://127.0.0.1:$PORT/api/v1/tickets" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
node bench/events/streams.mjs "http://127.0.0.1:$PORT" "$TOKEN" "$TICKET" "$PID" "$N" "$REPLIES"
