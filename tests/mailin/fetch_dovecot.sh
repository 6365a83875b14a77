#!/usr/bin/env bash
# heed mail-fetch against a real Dovecot (Debian's dovecot-imapd), started here on
# 127.0.0.1 with its own configuration, TLS certificate and Maildir in a temporary
# directory (no system service). Prints "mailin: N passed, M failed".
#   HEED_BIN=./heed bash tests/mailin/fetch_dovecot.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
HEED=${HEED_BIN:-$PWD/heed}
DATA=$PWD/tests/data/mail
pass=0; fail=0
ok() { echo "ok - $1"; pass=$((pass+1)); }
no() { echo "not ok - $1"; fail=$((fail+1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else no "$what"; fi; }
finish() { echo "mailin: $pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

DOVECOT=$(command -v dovecot || echo /usr/sbin/dovecot)
if [ ! -x "$DOVECOT" ]; then no "dovecot is installed (scripts/install-deps.sh test)"; finish; fi
T=$(mktemp -d /tmp/heed-dovecot-XXXXXX)
chmod 755 "$T"
cleanup() { [ -n "${DPID:-}" ] && kill "$DPID" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
[ -n "${KEEP_LOG:-}" ] && trap 'cat "$T/dovecot.log" >&2; cleanup' EXIT

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
IMAPS=$(port); IMAP=$(port)
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$T/key.pem" -out "$T/cert.pem" 2>/dev/null
# as root, mail is owned by nobody and dovecot drops to its own users; otherwise all runs as us
if [ "$(id -u)" -eq 0 ]; then MUSER=nobody; RUNAS=""; else MUSER=$(id -un); RUNAS="default_internal_user = $MUSER
default_login_user = $MUSER
default_internal_group = $(id -gn)"; fi
MUID=$(id -u $MUSER); MGID=$(id -g $MUSER)
mkdir -p "$T/run" "$T/home/help/Maildir/"{new,cur,tmp}
echo "help:{PLAIN}imap-secret-1::::::" > "$T/passwd"
cat > "$T/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $T/run
state_dir = $T/run/state
log_path = $T/dovecot.log
info_log_path = $T/dovecot.log
ssl = yes
ssl_cert = <$T/cert.pem
ssl_key = <$T/key.pem
disable_plaintext_auth = yes
auth_mechanisms = plain
passdb {
  driver = passwd-file
  args = $T/passwd
}
userdb {
  driver = static
  args = uid=$MUID gid=$MGID home=$T/home/%u
}
mail_location = maildir:~/Maildir
first_valid_uid = 1
$RUNAS
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $IMAPS
    ssl = yes
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
CONF

# the database, with a ticket from Alice that a reply in the mailbox will join by its [#1] token
DB=$T/heed.db
"$HEED" init --db "$DB" >/dev/null 2>&1
"$HEED" mail-ingest --db "$DB" < "$DATA/gmail_new_alternative.eml" >/dev/null 2>&1
seed() { # seed NAME FILE [FLAGS]: a message in new/ (or cur/ with flags)
  if [ -n "${3:-}" ]; then cp "$2" "$T/home/help/Maildir/cur/$1:2,$3"; else cp "$2" "$T/home/help/Maildir/new/$1"; fi
}
cat > "$T/reply.eml" <<MAIL
From: Alice Martin <alice.martin@gmail.com>
To: help@heed.test
Subject: Re: [#1] Cannot log in
Message-ID: <fetch-reply-1@mail.gmail.com>
Date: Mon, 23 Nov 2026 10:00:00 +0000
Content-Type: text/plain; charset=utf-8

It works again after the reset, thank you!
MAIL
sed 's/^Message-ID: .*/Message-ID: <already-seen-1@example.com>/; s/^Subject: .*/Subject: read by a person already/' "$DATA/auto_submitted_no.eml" > "$T/seen.eml"
seed 1000.m1.host "$T/reply.eml"
seed 1001.m2.host "$DATA/gmail_attachment.eml"
seed 1002.m3.host "$DATA/missing_from.eml"
seed 1003.m4.host "$T/seen.eml" S
[ "$(id -u)" -eq 0 ] && chown -R $MUSER:$MGID "$T/home"

"$DOVECOT" -F -c "$T/dovecot.conf" 2>>"$T/dovecot.log" &
DPID=$!
for i in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$IMAPS) 2>/dev/null && break; sleep 0.1; done
check "dovecot listens on 127.0.0.1:$IMAPS" bash -c "exec 3<>/dev/tcp/127.0.0.1/$IMAPS" 2>/dev/null || { cat "$T/dovecot.log"; finish; }
echo imap-secret-1 > "$T/pw"

sql() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute(sys.argv[2]).fetchone()[0])' "$DB" "$1"; }
out=$("$HEED" mail-fetch --db "$DB" --url "imaps://127.0.0.1:$IMAPS/INBOX" --user help --password-file "$T/pw" \
      --cacert "$T/cert.pem" --once 2>&1); rc=$?
echo "$out" | sed 's/^/  | /'
check "mail-fetch --once over imaps exits 0" [ $rc -eq 0 ]
check "the reply joined ticket 1 by its [#1] token" grep -q "joined ticket 1 by subject-token" <<<"$out"
check "ticket 1 has the reply" [ "$(sql "SELECT count(*) FROM messages WHERE ticket_id = 1 AND body LIKE '%works again after the reset%'")" = 1 ]
check "the mail with an attachment opened a ticket" grep -q "new ticket 2" <<<"$out"
check "its attachment is stored" [ "$(sql "SELECT count(*) FROM mail_attachments WHERE ticket_id = 2 AND stored = 1 AND filename = 'report.pdf'")" = 1 ]
check "the mail without a sender is quarantined" [ "$(sql "SELECT count(*) FROM mail_quarantine")" = 1 ]
check "the message a person had read already is left alone" [ "$(sql "SELECT count(*) FROM tickets WHERE subject LIKE 'read by a person%'")" = 0 ]
flags=$(ls "$T/home/help/Maildir/cur" | sed 's/.*:2,//' | sort | tr '\n' ' ')
check "every message is now \\Seen and no \$HeedPending is left (flags: $flags)" [ "$flags" = "S S S S " ]
check "nothing is left in new/" [ -z "$(ls "$T/home/help/Maildir/new")" ]

out=$("$HEED" mail-fetch --db "$DB" --url "imaps://127.0.0.1:$IMAPS/INBOX" --user help --password-file "$T/pw" \
      --cacert "$T/cert.pem" --once 2>&1); rc=$?
check "a second poll finds nothing new" [ $rc -eq 0 -a -z "$out" ]

# a crash after FETCH (which sets \Seen) but before the commit leaves \Seen + $HeedPending: taken again
kw=$(grep -n '' "$T/home/help/Maildir/dovecot-keywords" 2>/dev/null | grep -F '$HeedPending' | cut -d' ' -f1 | cut -d: -f1)
if [ -n "$kw" ]; then
  letter=$(printf "\\$(printf %o $((96 + $(sed -n "${kw}p" "$T/home/help/Maildir/dovecot-keywords" | cut -d' ' -f1) + 1)))")
  sed 's/^Message-ID: .*/Message-ID: <crashed-1@example.com>/; s/^Subject: .*/Subject: fetched before a crash/' "$DATA/auto_submitted_no.eml" \
    > "$T/home/help/Maildir/cur/1005.m6.host:2,S$letter"
  [ "$(id -u)" -eq 0 ] && chown $MUSER:$MGID "$T/home/help/Maildir/cur/1005.m6.host:2,S$letter"
  out=$("$HEED" mail-fetch --db "$DB" --url "imaps://127.0.0.1:$IMAPS/INBOX" --user help --password-file "$T/pw" \
        --cacert "$T/cert.pem" --once 2>&1)
  check "a message left \\Seen + \$HeedPending by a crash is filed on the next poll" \
    [ "$(sql "SELECT count(*) FROM tickets WHERE subject = 'fetched before a crash'")" = 1 ]
  check "... and is then \\Seen only" [ -n "$(ls "$T/home/help/Maildir/cur" | grep '^1005.*:2,S$')" ]
else
  no "dovecot recorded the \$HeedPending keyword"
fi

# a message over heed's 25 MiB cap is quarantined (its beginning kept), and does not block the poll
python3 - "$T/home/help/Maildir/new/1006.m7.host" <<'PY'
import sys
with open(sys.argv[1], 'w') as f:
    f.write('From: big@example.com\r\nTo: help@heed.test\r\nSubject: too big\r\nMessage-ID: <too-big-1@example.com>\r\n\r\n')
    line = 'x' * 998 + '\r\n'
    for _ in range(26 * 1024 + 10): f.write(line)
PY
[ "$(id -u)" -eq 0 ] && chown $MUSER:$MGID "$T/home/help/Maildir/new/1006.m7.host"
out=$("$HEED" mail-fetch --db "$DB" --url "imaps://127.0.0.1:$IMAPS/INBOX" --user help --password-file "$T/pw" \
      --cacert "$T/cert.pem" --once 2>&1); rc=$?
check "a message over 25 MiB is quarantined and the poll succeeds" \
  [ $rc -eq 0 -a "$(sql "SELECT count(*) FROM mail_quarantine WHERE reason LIKE 'message larger than%'")" = 1 ]

# STARTTLS on the plain port, a message delivered while heed polls on an interval
sed 's/^Message-ID: .*/Message-ID: <fetch-starttls-1@example.com>/' "$DATA/apple_mail_new.eml" > "$T/late.eml"
cp "$T/late.eml" "$T/home/help/Maildir/new/1004.m5.host"; [ "$(id -u)" -eq 0 ] && chown $MUSER:$MGID "$T/home/help/Maildir/new/1004.m5.host"
"$HEED" mail-fetch --db "$DB" --url "imap://127.0.0.1:$IMAP/INBOX" --user help --password-file "$T/pw" \
  --cacert "$T/cert.pem" --interval 1 > "$T/poll.out" 2>&1 &
FPID=$!
for i in $(seq 50); do grep -q "new ticket" "$T/poll.out" && break; sleep 0.2; done
kill -TERM $FPID; wait $FPID; rc=$?
check "imap:// with STARTTLS and --interval files a new message" [ "$(sql "SELECT count(*) FROM tickets WHERE subject LIKE 'Printer offline%'")" = 1 ]
check "mail-fetch stops cleanly on SIGTERM" [ $rc -eq 0 ]

# refusals: a wrong password, a certificate it cannot verify, plain text to a remote host
"$HEED" mail-fetch --db "$DB" --url "imaps://127.0.0.1:$IMAPS/INBOX" --user help --password-file <(echo wrong) \
  --cacert "$T/cert.pem" --once >/dev/null 2>&1
check "a wrong password fails (exit 1)" [ $? -eq 1 ]
"$HEED" mail-fetch --db "$DB" --url "imaps://127.0.0.1:$IMAPS/INBOX" --user help --password-file "$T/pw" --once >/dev/null 2>&1
check "an unverifiable certificate fails (exit 1)" [ $? -eq 1 ]
"$HEED" mail-fetch --db "$DB" --url "imap://192.0.2.1/INBOX" --user help --password-file "$T/pw" --insecure-plaintext --once >/dev/null 2>&1
check "--insecure-plaintext is refused for a remote host (exit 2)" [ $? -eq 2 ]
finish
