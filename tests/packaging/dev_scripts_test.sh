#!/usr/bin/env bash
# packaging/dev on both releases, without installing or building anything:
# lib.sh names each release's packages (Catch2's is the one name that differs),
# debian-root refuses bad arguments before it touches the machine, and
# run-tests' skip report finds every SKIPPED line with its test's name.
set -uo pipefail
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
failures=0
check() {  # check DESCRIPTION COMMAND...: fails the test (and says so) unless COMMAND succeeds
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; failures=$((failures + 1)); fi
}
lists() {  # lists SUITE: "BUILD: ...", "TEST: ...", "BROWSER: ...", "BENCH: ..." as lib.sh names them
  CLINIC_HUB_SUITE=$1 bash -c 'source "$1/packaging/dev/lib.sh" &&
    echo "BUILD: ${BUILD_PACKAGES[*]}" && echo "TEST: ${TEST_PACKAGES[*]}" &&
    echo "BROWSER: ${BROWSER_TEST_PACKAGES[*]}" && echo "BENCH: ${BENCH_PACKAGES[*]}"' lists "$TOP" 2>&1
}
has() { grep -qw -- "$2" <<<"$1"; }

bookworm=$(lists bookworm)
trixie=$(lists trixie)
check "Debian 12 builds with catch2 (2.13)" has "$(grep '^BUILD:' <<<"$bookworm")" catch2
check "Debian 13 builds with libcatch2-dev (3.x), not the transitional catch2" \
  bash -c '[[ "$1" == *" libcatch2-dev "* && "$1" != *" catch2 "* ]]' _ "$(grep '^BUILD:' <<<"$trixie") "
for p in libmbedtls-dev libpoco-dev build-essential; do
  check "both releases build with $p" bash -c 'grep -q "^BUILD:.* $0\b" <<<"$1" && grep -q "^BUILD:.* $0\b" <<<"$2"' "$p" "$bookworm" "$trixie"
done
check "the other lists are the same on both releases" \
  bash -c '[ "$(grep -v "^BUILD:" <<<"$0")" = "$(grep -v "^BUILD:" <<<"$1")" ]' "$bookworm" "$trixie"
check "an unknown release is named in a warning" bash -c 'grep -q "sid.*neither Debian 12" <<<"$0"' "$(lists sid)"

root() { "$TOP/packaging/dev/debian-root" "$@" 2>&1; }
refused() {  # refused EXPECTED-MESSAGE ARGS...: exit 2 and the message, nothing else done
  local expected=$1 out status; shift
  out=$(root "$@"); status=$?
  [ $status = 2 ] && grep -q -- "$expected" <<<"$out" || { echo "  debian-root $*: exit $status: $out"; return 1; }
}
check "debian-root refuses a release it does not know" refused "SUITE must be bookworm or trixie, not 'sid'" sid true
check "debian-root refuses an unknown group" refused "--with takes browser or bench, not 'chrome'" --with chrome trixie true
check "debian-root wants a command" refused "no COMMAND to run in the trixie root" trixie
check "debian-root --keep wants a directory" refused "--keep needs a directory" --keep
check "debian-root names an unknown option" refused "unknown option --frobnicate" --frobnicate trixie true

log=$(mktemp); trap 'rm -f "$log"' EXIT
cat >"$log" <<'LOG'
1/3 Test: browser:welcome_trust
Output:
----------------------------------------------------------
SKIPPED: node is not installed (apt-get install nodejs npm)
<end of output>
Test Skipped.
2/3 Test: welcome_integration_tests:testssl
Output:
----------------------------------------------------------
  SKIPPED: testssl is not installed
Test Passed.
3/3 Test: core_tests:a test that skips nothing
Output:
----------------------------------------------------------
All tests passed
Test Passed.
LOG
report=$(bash -c 'source "$1/packaging/dev/lib.sh" && report_skips "$2"' _ "$TOP" "$log")
check "the skip report names each skipped test with its reason" bash -c \
  'grep -qx "  browser:welcome_trust: SKIPPED: node is not installed (apt-get install nodejs npm)" <<<"$0" &&
   grep -qx "  welcome_integration_tests:testssl: SKIPPED: testssl is not installed" <<<"$0" &&
   ! grep -q "skips nothing" <<<"$0"' "$report"

[ $failures = 0 ] || { echo "$failures check(s) failed"; exit 1; }
