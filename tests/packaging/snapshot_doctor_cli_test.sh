#!/usr/bin/env bash
# clinic-hub snapshot, restore-snapshot and doctor as a technician runs them,
# against a real clinic-hubd on loopback, configured through an include:
#   snapshot_doctor_cli_test.sh CLINIC_HUB CLINIC_HUBD
set -euo pipefail
CLI=$1 HUBD=$2
T=$(mktemp -d /tmp/hub-snapshot-cli.XXXXXX)
pid=""
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null; rm -rf "$T"' EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

# Two free loopback ports.
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
HTTPS=$(free_port); HTTP=$(free_port)
[ "$HTTPS" != "$HTTP" ] || HTTP=$((HTTPS + 1))
mkdir -p "$T/etc/conf.d"
cat >"$T/etc/clinic-hub.conf" <<CONF
include = conf.d/*.conf
[server]
listen = 127.0.0.1
https-port = 1
[storage]
data-dir = $T/data
[discovery]
mdns = no
CONF
# The technician's override wins over the main file (port 1 would not bind).
printf '[server]\nhttps-port = %s\nhttp-port = %s\n' "$HTTPS" "$HTTP" >"$T/etc/conf.d/local.conf"
C=(--config "$T/etc/clinic-hub.conf")

printf 'correct horse battery staple 42\n' >"$T/pw"
"$CLI" init "${C[@]}" --clinic-name "Snapshot Clinic" --admin-username admin --admin-password-file "$T/pw" >/dev/null 2>&1

echo "== doctor without the service: fails, naming what and the fix"
set +e; "$CLI" doctor "${C[@]}" >"$T/doctor1"; status=$?; set -e
cat "$T/doctor1"
[ $status = 1 ] || fail "doctor exited $status with the service down"
grep -q "^FAIL  port        $HTTPS (HTTPS) does not accept connections" "$T/doctor1" || fail "port line"
grep -q "fix: start the service" "$T/doctor1" || fail "no fix shown"
grep -q "^ok    database    integrity ok" "$T/doctor1" || fail "database line"
grep -q "^warn  jobs        no background job has run yet" "$T/doctor1" || fail "jobs line before any run"

echo "== snapshot"
"$CLI" snapshot "${C[@]}" --label before-test | grep -q "integrity ok" || fail "snapshot"
set +e; "$CLI" snapshot "${C[@]}" --label 'No Good' 2>"$T/err"; status=$?; set -e
[ $status = 2 ] && grep -q -- "--label: 'No Good' is not a snapshot label" "$T/err" || fail "bad label: $status $(cat "$T/err")"

echo "== the service runs: doctor passes, restore-snapshot refuses"
"$HUBD" "${C[@]}" >"$T/hubd.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  grep -q "^ok    health" <("$CLI" doctor "${C[@]}" 2>/dev/null) && break
  sleep 0.2
done
set +e; "$CLI" doctor "${C[@]}" >"$T/doctor2"; status=$?; set -e
cat "$T/doctor2"
grep -q "^ok    health      /healthz: ok" "$T/doctor2" || { cat "$T/hubd.log"; fail "health"; }
grep -q "^ok    port        $HTTPS (HTTPS) accepts connections" "$T/doctor2" || fail "https port"
grep -q "^ok    certificate names " "$T/doctor2" || fail "certificate names"
# The daemon's interval jobs run as it starts; doctor reads their last runs.
grep -q "^ok    jobs        last runs fine: .*disk" "$T/doctor2" || fail "jobs line with the service running"
# On a machine where systemd runs, clinic-hubd.service itself is not installed here.
if grep -q "^FAIL  service" "$T/doctor2"; then expected=1; else expected=0; fi
[ $status = $expected ] || fail "doctor exited $status, expected $expected"
set +e; "$CLI" restore-snapshot "${C[@]}" 2>"$T/err"; status=$?; set -e
[ $status = 1 ] && grep -q "clinic-hubd is running" "$T/err" || fail "restore-snapshot while running: $status $(cat "$T/err")"

# The cloud restore, even with --force, refuses before it contacts anything
# (the endpoint below is never reached while the service runs).
printf 'a passphrase\n' >"$T/passphrase"; printf 'secret\n' >"$T/secret"
RESTORE=(restore "${C[@]}" --endpoint https://127.0.0.1:1 --bucket clinic-copy --access-key-id AKIDEXAMPLE --secret-key-file "$T/secret"
         --passphrase-file "$T/passphrase" --force)
set +e; "$CLI" "${RESTORE[@]}" 2>"$T/err"; status=$?; set -e
[ $status = 1 ] && grep -q "clinic-hubd is running on $T/data" "$T/err" && grep -q "sudo systemctl stop clinic-hubd" "$T/err" ||
  fail "restore --force while running: $status $(cat "$T/err")"
kill "$pid"; wait "$pid" || true; pid=""

echo "== a service on other ports than the configuration's: the data directory's lock still refuses"
OTHER=$(free_port)
"$HUBD" "${C[@]}" --https-port "$OTHER" --http-port 0 >"$T/hubd2.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$OTHER") 2>/dev/null && break; sleep 0.2; done
if (exec 3<>"/dev/tcp/127.0.0.1/$HTTPS") 2>/dev/null; then fail "the configured port $HTTPS should not answer now"; fi
set +e; "$CLI" restore-snapshot "${C[@]}" 2>"$T/err"; status=$?; set -e
[ $status = 1 ] && grep -q "clinic-hubd is running on $T/data" "$T/err" || { cat "$T/hubd2.log"; fail "restore-snapshot, service on other ports: $status $(cat "$T/err")"; }
set +e; "$CLI" "${RESTORE[@]}" 2>"$T/err"; status=$?; set -e
[ $status = 1 ] && grep -q "clinic-hubd is running on $T/data" "$T/err" || fail "restore, service on other ports: $status $(cat "$T/err")"

echo "== the service stopped: restore-snapshot puts the snapshot back"
kill "$pid"; wait "$pid" || true; pid=""
# The cloud restore gets past the check once the service is gone (and then fails on the unreachable endpoint).
set +e; "$CLI" "${RESTORE[@]}" 2>"$T/err"; status=$?; set -e
[ $status != 0 ] && ! grep -q "clinic-hubd is running" "$T/err" || fail "restore after the service stopped: $status $(cat "$T/err")"
"$CLI" restore-snapshot "${C[@]}" --list | grep -q -- "-before-test  (schema" || fail "list"
"$CLI" restore-snapshot "${C[@]}" >"$T/out"
grep -q "^restored .*-before-test" "$T/out" && ls "$T/data/replaced/"*/clinic-hub.db >/dev/null || fail "restore: $(cat "$T/out")"
set +e; "$CLI" restore-snapshot "${C[@]}" --snapshot nothing-like-it 2>"$T/err"; status=$?; set -e
[ $status = 2 ] && grep -q -- "--snapshot: no snapshot 'nothing-like-it'" "$T/err" || fail "unknown snapshot"
echo "== a job's failed run: doctor names it and why"
set +e; "$CLI" sync now "${C[@]}" >/dev/null 2>&1; status=$?; set -e
[ $status = 1 ] || fail "sync now without a sync set up exited $status"
"$CLI" doctor "${C[@]}" >"$T/doctor3" 2>/dev/null || true
grep -q "^warn  jobs        sync failed .* ago: cloud sync is not set up on this hub" "$T/doctor3" ||
  fail "failed job line: $(cat "$T/doctor3")"
echo "passed"
