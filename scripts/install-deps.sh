#!/usr/bin/env bash
# Installs the Debian packages heed needs. Usage: scripts/install-deps.sh [build|test|bench|mail]
# Only packages that are missing are installed; sudo is used when not root.
set -euo pipefail
want="${1:-build}"
pkgs=(gcc make pkg-config libsqlite3-dev libmicrohttpd-dev libjansson-dev libsodium-dev libutf8proc-dev libgmime-3.0-dev libgumbo-dev libcmark-dev libcurl4-openssl-dev zlib1g-dev libbrotli-dev)
case "$want" in
  test)  pkgs+=(libcmocka-dev clang libclang-rt-14-dev chromium nodejs npm python3 curl python3-aiosmtpd openssl sqlite3 dovecot-imapd postfix) ;;
  bench) pkgs+=(wrk python3 sqlite3) ;;
  build) ;;
  *) echo "install-deps.sh: unknown set '$want' (build|test|bench)" >&2; exit 2 ;;
esac
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# node/npm may come from outside Debian on this machine; don't fight a working install
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# postfix (tests/mailin/postfix_pipe.sh runs a private instance): no system-wide mail setup,
# and no question asked. It replaces another MTA (such as exim4) if one is installed.
if printf '%s\n' "${missing[@]}" | grep -qx postfix; then
  echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
