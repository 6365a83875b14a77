#!/usr/bin/env bash
# Email ingest throughput (not part of make check). A mixed corpus -- every message in
# tests/data/mail (Gmail, Outlook, Apple, Thunderbird, charsets, HTML, attachments,
# loops, malformed ones) repeated COPIES times with unique Message-IDs -- filed into a
# fresh database, each message committed on its own (its own transaction, like a
# delivery), in two ways:
#   batch : `heed mail-ingest --batch DIR`, one process (an import, mail-fetch's loop)
#   pipe  : one `heed mail-ingest < FILE` process per message, as an MTA pipe runs it
#           (PIPE_N messages), comparable to rt-mailgate's one process per message
# Prints messages/s; REPEAT runs each, median reported. Everything stays in $DIR.
#   COPIES=40 PIPE_N=500 REPEAT=3 DIR=/tmp/heed-mail-bench HEED_BIN=./heed bash bench/mail_ingest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES="${COPIES:-40}"; PIPE_N="${PIPE_N:-500}"; REPEAT="${REPEAT:-3}"
DIR="${DIR:-/tmp/heed-mail-bench}"; HEED="${HEED_BIN:-./heed}"
[ -x "$HEED" ] || make --no-print-directory heed >/dev/null
rm -rf "$DIR"; mkdir -p "$DIR/corpus"
python3 - "$COPIES" "$DIR/corpus" tests/data/mail <<'PY'
import os, re, sys
copies, out, src = int(sys.argv[1]), sys.argv[2], sys.argv[3]
files = sorted(f for f in os.listdir(src) if f.endswith('.eml'))
for k in range(copies):
    for i, f in enumerate(files):
        raw = open(os.path.join(src, f), 'rb').read()
        mid = b'<bench-%d-%d@bench.heed.test>' % (k, i)
        new, n = re.subn(rb'(?im)^message-id:[^\r\n]*(\r?\n[ \t][^\r\n]*)*', b'Message-ID: ' + mid, raw, count=1)
        if not n:
            if raw.startswith(b'From '):
                nl = raw.find(b'\n') + 1
                new = raw[:nl] + b'Message-ID: ' + mid + b'\n' + raw[nl:]
            else:
                new = b'Message-ID: ' + mid + b'\n' + raw
        open(os.path.join(out, '%05d-%03d-%s' % (k, i, f)), 'wb').write(new)
print(f'corpus: {copies} x {len(files)} messages', file=sys.stderr)
PY
N=$(ls "$DIR/corpus" | wc -l); MB=$(du -sm "$DIR/corpus" | cut -f1)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

batch=(); cpu=()
for r in $(seq "$REPEAT"); do
  rm -rf "$DIR"/b.db*
  "$HEED" init --db "$DIR/b.db" >/dev/null 2>&1
  # the CPU time the process used too: on a shared machine wall time varies, CPU time much less
  line=$(python3 -c 'import resource,subprocess,sys
p=subprocess.run(sys.argv[1:],capture_output=True,text=True); u=resource.getrusage(resource.RUSAGE_CHILDREN)
print(p.stdout.strip()+"; cpu %.2f s (user %.2f, sys %.2f)"%(u.ru_utime+u.ru_stime,u.ru_utime,u.ru_stime))' \
    "$HEED" mail-ingest --db "$DIR/b.db" --batch "$DIR/corpus")
  echo "batch run $r: $line; load $(cut -d' ' -f1 /proc/loadavg)"
  batch+=("$(sed -E 's/.* ([0-9]+) messages\/s.*/\1/' <<<"$line")")
  cpu+=("$(python3 -c "import re,sys; m=re.search(r'^(\d+) messages.*cpu ([0-9.]+) s',sys.argv[1]); print(round(int(m.group(1))/float(m.group(2))))" "$line")")
done

pipe=()
find "$DIR/corpus" -type f -printf "%f\n" | sort | sed -n "1,${PIPE_N}p" > "$DIR/pipe.list"
for r in $(seq "$REPEAT"); do
  rm -rf "$DIR"/p.db*
  "$HEED" init --db "$DIR/p.db" >/dev/null 2>&1
  t0=$(date +%s.%N)
  while read -r f; do "$HEED" mail-ingest --db "$DIR/p.db" < "$DIR/corpus/$f" >/dev/null 2>&1; done < "$DIR/pipe.list"
  t1=$(date +%s.%N)
  rate=$(python3 -c "print(round($PIPE_N/($t1-$t0)))")
  echo "pipe run $r: $PIPE_N processes in $(python3 -c "print(round($t1-$t0,2))") s: $rate messages/s"
  pipe+=("$rate")
done
echo "summary: corpus $N messages ($MB MB); batch median $(printf '%s\n' "${batch[@]}" | median) messages/s" \
     "($(printf '%s\n' "${cpu[@]}" | median) messages per CPU-second);" \
     "pipe (one process per message) median $(printf '%s\n' "${pipe[@]}" | median) messages/s; $(nproc) CPUs"
