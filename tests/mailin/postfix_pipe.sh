#!/usr/bin/env bash
# heed mail-ingest behind a real Postfix (Debian's postfix): a private instance started
# here with its own config, queue and data directories in a temporary directory,
# smtpd on 127.0.0.1 and a free high port, and a pipe transport into
# `heed mail-ingest` for the test domain (no system service, no system main.cf).
# Two messages go in over SMTP: the first opens a ticket, the reply joins it.
# Prints "mailin-postfix: N passed, M failed".
#   HEED_BIN=./heed bash tests/mailin/postfix_pipe.sh      (KEEP_LOG=1: print Postfix's log)
set -uo pipefail
cd "$(dirname "$0")/../.."
HEED=${HEED_BIN:-$PWD/heed}
pass=0; fail=0
ok() { echo "ok - $1"; pass=$((pass+1)); }
no() { echo "not ok - $1"; fail=$((fail+1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else no "$what"; return 1; fi; }
finish() { echo "mailin-postfix: $pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

POSTFIX=$(command -v postfix || echo /usr/sbin/postfix)
if [ ! -x "$POSTFIX" ] || [ ! -x /usr/lib/postfix/sbin/master ]; then
  no "postfix is installed (scripts/install-deps.sh test)"; finish
fi
T=$(mktemp -d /tmp/heed-postfix-XXXXXX)
chmod 755 "$T"
C=$T/conf
started=""
cleanup() {
  [ -n "$started" ] && "$POSTFIX" -c "$C" stop >/dev/null 2>&1
  [ -n "${KEEP_LOG:-}" ] && cat "$T/maillog" >&2 2>/dev/null
  [ -n "${KEEP_DIR:-}" ] || rm -rf "$T"
}
trap cleanup EXIT

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(port)
# Postfix's pipe never runs a command as root: as root, heed runs as nobody (which then owns
# the database directory); otherwise as the invoking user. Postfix's own daemons run as its
# mail_owner, the "postfix" user the package creates (as root), or the invoking user.
if [ "$(id -u)" -eq 0 ]; then RUNAS=nobody; OWNER=postfix; SGID=postdrop
else RUNAS=$(id -un); OWNER=$RUNAS; SGID=$(id -gn); fi
mkdir -p "$C" "$T/spool" "$T/data" "$T/db"
cat > "$C/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $T/spool
data_directory = $T/data
mail_owner = $OWNER
setgid_group = $SGID
myhostname = mx.heed.test
mydomain = heed.test
myorigin = heed.test
mydestination = heed.test
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relay_domains =
smtpd_relay_restrictions = reject_unauth_destination
default_transport = error:loopback test instance, no mail leaves
relay_transport = error:loopback test instance, no mail leaves
local_recipient_maps =
alias_maps =
alias_database =
local_transport = heed:
biff = no
smtputf8_enable = no
maillog_file = $T/maillog
maillog_file_prefixes = $T
master_service_disable =
heed_destination_recipient_limit = 1
default_process_limit = 10
CONF
cat > "$C/master.cf" <<CONF
127.0.0.1:$PORT inet n - n - - smtpd
pickup    unix n - n 60 1 pickup
cleanup   unix n - n - 0 cleanup
qmgr      unix n - n 300 1 qmgr
rewrite   unix - - n - - trivial-rewrite
bounce    unix - - n - 0 bounce
defer     unix - - n - 0 bounce
trace     unix - - n - 0 bounce
verify    unix - - n - 1 verify
flush     unix n - n 1000? 0 flush
proxymap  unix - - n - - proxymap
smtp      unix - - n - - smtp
relay     unix - - n - - smtp
showq     unix n - n - - showq
error     unix - - n - - error
retry     unix - - n - - error
discard   unix - - n - - discard
anvil     unix - - n - 1 anvil
scache    unix - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
heed      unix - n n - - pipe
  flags=Rq user=$RUNAS argv=$HEED mail-ingest --mailbox postfix --db $T/db/heed.db
CONF

DB=$T/db/heed.db
"$HEED" init --db "$DB" >/dev/null 2>&1
check "heed init" [ -f "$DB" ]
[ "$(id -u)" -eq 0 ] && chown -R "$RUNAS" "$T/db" && chown "$OWNER" "$T/data"

out=$("$POSTFIX" -c "$C" start 2>&1); rc=$?
[ $rc -eq 0 ] && started=1
check "postfix -c <private dir> start" [ $rc -eq 0 ] || { echo "$out"; cat "$T/maillog" 2>/dev/null; finish; }
for i in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done
check "smtpd listens on 127.0.0.1:$PORT" bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null || finish

sql() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute(sys.argv[2]).fetchone()[0])' "$DB" "$1"; }
smtp() { # smtp FROM TO FILE: one message over SMTP; prints the refusal, if any
  python3 - "$PORT" "$1" "$2" "$3" <<'PY'
import smtplib, sys
port, frm, to, path = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
try:
    with smtplib.SMTP('127.0.0.1', port, timeout=10) as s:
        s.sendmail(frm, [to], open(path, 'rb').read())
except smtplib.SMTPException as e:
    print('refused:', e); sys.exit(1)
PY
}
wait_for() { # wait_for SQL WANT: bounded (20 s) wait until the query answers WANT
  for i in $(seq 100); do [ "$(sql "$1" 2>/dev/null)" = "$2" ] && return 0; sleep 0.2; done; return 1
}

cat > "$T/first.eml" <<'MAIL'
From: Alice Martin <alice@example.com>
To: help@heed.test
Subject: Printer on floor 3 is offline
Message-ID: <pf-first-1@example.com>
Date: Mon, 23 Nov 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Hello, the printer on floor 3 says "offline" since this morning. Grüße, Alice
MAIL
check "Postfix accepts the first message for help@heed.test" smtp alice@example.com help@heed.test "$T/first.eml"
check "it is piped to heed and opens ticket 1" \
  wait_for "SELECT count(*) FROM tickets WHERE id = 1 AND subject = 'Printer on floor 3 is offline'" 1
check "the body arrived intact (UTF-8)" [ "$(sql "SELECT count(*) FROM messages WHERE ticket_id = 1 AND body LIKE '%Grüße, Alice%'")" = 1 ]
check "filed under the mailbox name given on the pipe" \
  [ "$(sql "SELECT mailbox FROM mail_messages WHERE message_id = 'pf-first-1@example.com'")" = postfix ]
check "an acknowledgement is queued in the outbox" [ "$(sql "SELECT count(*) FROM outbox WHERE ticket_id = 1 AND kind = 'ack'")" = 1 ]

cat > "$T/reply.eml" <<'MAIL'
From: Alice Martin <alice@example.com>
To: help@heed.test
Subject: Re: [#1] Printer on floor 3 is offline
Message-ID: <pf-reply-1@example.com>
In-Reply-To: <pf-first-1@example.com>
References: <pf-first-1@example.com>
Date: Mon, 23 Nov 2026 10:05:00 +0000
Content-Type: text/plain; charset=utf-8

It is also out of paper.
MAIL
check "Postfix accepts the reply" smtp alice@example.com help@heed.test "$T/reply.eml"
check "the reply joins ticket 1 (In-Reply-To)" \
  wait_for "SELECT count(*) FROM messages WHERE ticket_id = 1 AND body LIKE '%out of paper%'" 1
check "... by reference, with no new ticket" [ "$(sql "SELECT thread_by || ' ' || (SELECT count(*) FROM tickets) FROM mail_messages WHERE message_id = 'pf-reply-1@example.com'")" = "reference 1" ]
out=$(smtp alice@example.com someone@elsewhere.example "$T/reply.eml")
check "Postfix on loopback relays nothing to other domains" grep -q "Relay access denied\|refused" <<<"$out"
check "the queue is empty (nothing deferred)" bash -c "[ -z \"\$(find '$T/spool/deferred' '$T/spool/active' -type f 2>/dev/null)\" ]"

"$POSTFIX" -c "$C" stop >/dev/null 2>&1; rc=$?
started=""
check "postfix stop" [ $rc -eq 0 ]
finish
