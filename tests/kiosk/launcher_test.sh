#!/usr/bin/env bash
# The kiosk launcher's settings → Chromium's command line (--dry-run; cage is
# never started here).
set -euo pipefail
launcher=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../display/kiosk" && pwd)/clinic-hub-kiosk
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
key=Jx0123456789abcdefGH_-
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect_line <output> <exact line>
expect_line() { grep -qxF -- "$2" <<<"$1" || fail "expected the line '$2' in:"$'\n'"$1"; }

run() { env -i PATH="$PATH" HOME="$work" "$@" "$launcher" --dry-run 2>&1; }

printf '[server]\nhttps-port = 8443\n# kiosk-port = 1\nkiosk-port = 8090   # the TV\n' >"$work/hub.conf"

# The port from the hub's configuration, the key from a pasted URL.
out=$(run HUB_CONFIG="$work/hub.conf" KIOSK_DISPLAY="https://clinic-hub.local:8443/display/$key")
expect_line "$out" "url: http://127.0.0.1:8090/display/$key"
expect_line "$out" "http://127.0.0.1:8090/display/$key"
expect_line "$out" "cage"
expect_line "$out" "chromium"
expect_line "$out" "--kiosk"
expect_line "$out" "--autoplay-policy=no-user-gesture-required"
expect_line "$out" "--disable-background-networking"
expect_line "$out" "--user-data-dir=$work/.config/clinic-hub-kiosk"
[ "$(tail -n 1 <<<"$out")" = "http://127.0.0.1:8090/display/$key" ] || fail "the URL is not Chromium's last argument"

# The package's layout: conf.d/*.conf, read after the main file in name order, overrides it.
mkdir -p "$work/etc/conf.d"
printf 'include = /etc/clinic-hub/conf.d/*.conf\n[server]\nkiosk-port = 8090\n' >"$work/etc/clinic-hub.conf"
printf '[server]\nkiosk-port = 8091\n' >"$work/etc/conf.d/10-site.conf"
printf '[server]\nkiosk-port = 8092\n' >"$work/etc/conf.d/50-local.conf"
out=$(run HUB_CONFIG="$work/etc/clinic-hub.conf" KIOSK_DISPLAY="$key")
expect_line "$out" "url: http://127.0.0.1:8092/display/$key"

# KIOSK_PORT and KIOSK_PROFILE override; a bare key works.
out=$(run HUB_CONFIG=/nonexistent KIOSK_PORT=9000 KIOSK_PROFILE=/var/lib/k KIOSK_DISPLAY="$key")
expect_line "$out" "url: http://127.0.0.1:9000/display/$key"
expect_line "$out" "--user-data-dir=/var/lib/k"

# Mistakes stop it with a message naming what to fix.
refused() {  # <what the message must mention> <env...>
  local want=$1; shift
  if out=$(run "$@"); then fail "accepted $*"; fi
  grep -qF -- "$want" <<<"$out" || fail "message for $* does not mention '$want': $out"
}
refused "KIOSK_DISPLAY is not set" HUB_CONFIG="$work/hub.conf"
refused "not a display's key" HUB_CONFIG="$work/hub.conf" KIOSK_DISPLAY=short
refused "not a display's key" HUB_CONFIG="$work/hub.conf" KIOSK_DISPLAY="${key}x"
printf '[server]\nkiosk-port = 0\n' >"$work/off.conf"
refused "is off" HUB_CONFIG="$work/off.conf" KIOSK_DISPLAY="$key"
printf '[server]\nhttps-port = 8443\n' >"$work/none.conf"
refused "kiosk-port is not set" HUB_CONFIG="$work/none.conf" KIOSK_DISPLAY="$key"
refused "cannot read" HUB_CONFIG="$work/missing.conf" KIOSK_DISPLAY="$key"
if out=$("$launcher" --now 2>&1); then fail "accepted --now"; fi
grep -qF "unknown argument" <<<"$out" || fail "no usage message for --now: $out"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "kiosk launcher: all checks passed"
