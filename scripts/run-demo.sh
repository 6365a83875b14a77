#!/usr/bin/env bash
# make run: create ./heed.db with the demo team on first run (kept afterwards),
# then serve it on http://127.0.0.1:8080 (HEED_LISTEN to change).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${HEED_DB:-./heed.db}
listen=${HEED_LISTEN:-127.0.0.1:8080}
./heed demo --db "$db" 2>/dev/null | grep -v '^ *$' || true
cat <<EOT

  heed is starting on http://$listen
  sign in as ada@heed.test (admin), sam@heed.test (supervisor) or alex@heed.test,
  priya@heed.test, jordan@heed.test (agents); password: heed-demo-2026
  API: ./heed token create --db $db --email ada@heed.test
  stop with Ctrl+C

EOT
exec ./heed serve --db "$db" --listen "$listen"
