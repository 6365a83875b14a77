#!/usr/bin/env bash
# The HTML mail bomb of issue 9: a 2 MB email whose one tag has 400,000 distinct attributes
# (gumbo's duplicate-attribute check makes that quadratic). Times `heed mail-ingest` of it.
# Usage: bash bench/html_bomb.sh [HEED_BINARY]   (default ./heed)
set -euo pipefail
heed=${1:-./heed}
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
python3 - > "$dir/bomb.eml" <<'PY'
import string, sys
al = string.ascii_letters + string.digits
def name(i):
    s = al[i % 52]
    i //= 52
    for _ in range(3): s += al[i % 62]; i //= 62
    return s
attrs = ''.join(' ' + name(i) for i in range(400000))
sys.stdout.write('From: Bomb <bomb@example.com>\r\nSubject: look\r\nMessage-ID: <bomb@example.com>\r\n'
                 'MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p><b' + attrs + '>x</b></p>\r\n')
PY
"$heed" init --db "$dir/h.db" >/dev/null 2>&1
echo "bomb: $(stat -c %s "$dir/bomb.eml") bytes"
TIMEFORMAT='mail-ingest: %R s wall, %U s CPU'
time (timeout 120 "$heed" mail-ingest --db "$dir/h.db" < "$dir/bomb.eml" >/dev/null 2>"$dir/log" || echo "(stopped after 120 s)")
grep -o 'mail quarantined[^"]*' "$dir/log" || true
