#!/usr/bin/env bash
# Runs a command inside a private two-box mDNS network and tears it down again.
#
#   tests/discovery/mdns_world.sh COMMAND [ARG...]
#
# Two network namespaces joined by a veth pair stand for the hub box and another
# device on the clinic LAN ("peer"). Each box gets its own D-Bus system bus and,
# when the command starts one, its own avahi-daemon, allowed only on its end of
# the veth pair: nothing is ever published on the machine's real interfaces
# (shared/recipes/mdns-netns.md). COMMAND runs inside the hub box with the hub
# box's bus as DBUS_SYSTEM_BUS_ADDRESS and these variables set:
#
#   MDNS_HUB_NS / MDNS_PEER_NS               the namespaces
#   MDNS_HUB_BUS / MDNS_PEER_BUS             their D-Bus addresses
#   MDNS_HUB_AVAHI_CONF / MDNS_PEER_AVAHI_CONF  avahi-daemon configurations
#   MDNS_AVAHI_LAUNCHER                      "launcher NS BUS CONF" runs avahi-daemon
#                                            in the foreground in that box
#
# Exit status: COMMAND's; 77 (ctest's SKIP_RETURN_CODE) after printing
# "SKIPPED: <reason>" when this machine cannot build the network (not root, no
# namespaces, a tool missing). Everything started here is stopped by pid and the
# namespaces are deleted on every exit path.
set -euo pipefail

skip() {
  echo "SKIPPED: $*"
  exit 77
}

if [ "${1:-}" = "--launch-avahi" ]; then
  # Internal: `--launch-avahi NS BUS CONF` becomes one avahi-daemon in the
  # foreground (its pid is this script's: every step execs). /run is a private
  # tmpfs so that the daemons of the two boxes (and any on the host) do not
  # fight over /run/avahi-daemon/pid and its socket; `ip netns exec` already
  # made this a mount namespace of its own.
  ns=$2 bus=$3 conf=$4
  exec ip netns exec "$ns" env DBUS_SYSTEM_BUS_ADDRESS="$bus" sh -c \
    'mount -t tmpfs -o mode=755 tmpfs /run && mkdir /run/avahi-daemon &&
     exec avahi-daemon -f "$1" --no-drop-root --no-chroot --no-rlimits --no-proc-title' avahi "$conf"
fi

[ $# -ge 1 ] || { echo "usage: $0 COMMAND [ARG...]" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || skip "the mDNS tests need root to create network namespaces (CI runs as root)"
for tool in ip dbus-daemon avahi-daemon avahi-browse avahi-publish openssl; do
  command -v "$tool" >/dev/null 2>&1 ||
    skip "'$tool' is not installed (apt-get install iproute2 dbus avahi-daemon avahi-utils openssl)"
done

id=$$
hub_ns=chd-hub-$id
peer_ns=chd-peer-$id
work=$(mktemp -d "${TMPDIR:-/tmp}/clinic-hub-mdns.XXXXXX")
created=()

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # Whatever still runs in our namespaces was started by this run (the daemons,
  # a hub the test could not stop): TERM it, then KILL what is left, by pid.
  for ns in "${created[@]}"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -TERM "$pid" 2>/dev/null || true; done
  done
  sleep 0.3
  for ns in "${created[@]}"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  ip link del "chh$id" 2>/dev/null || true  # only if it never left the host namespace
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# In a chroot (e.g. a bare build root) "ip netns add" may half-succeed: it can
# create the name but not mount it. Whatever fails here means no namespaces.
make_netns() {
  ip netns add "$1" 2>>"$work/netns.err" && created+=("$1") && ip netns exec "$1" true 2>>"$work/netns.err"
}
make_netns "$hub_ns" && make_netns "$peer_ns" ||
  skip "cannot create network namespaces here: $(tr '\n' ' ' <"$work/netns.err")"
ip link add "chh$id" type veth peer name "chp$id"
ip link set "chh$id" netns "$hub_ns"
ip link set "chp$id" netns "$peer_ns"

# box NAME NS IFACE ADDRESS HOSTNAME: one end of the LAN, its bus and avahi config.
box() {
  local name=$1 ns=$2 iface=$3 address=$4 host=$5 dir=$work/$1
  mkdir -p "$dir"
  ip -n "$ns" link set "$iface" name lan0
  ip -n "$ns" addr add "$address/24" dev lan0
  ip -n "$ns" link set lo up
  ip -n "$ns" link set lan0 up
  cat >"$dir/dbus.conf" <<X
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>system</type><listen>unix:path=$dir/bus.sock</listen>
<auth>EXTERNAL</auth><policy context="default"><allow user="*"/><allow own="*"/>
<allow send_type="method_call"/><allow send_destination="*"/><allow receive_sender="*"/>
</policy></busconfig>
X
  cat >"$dir/avahi.conf" <<X
[server]
host-name=$host
use-ipv4=yes
use-ipv6=no
allow-interfaces=lan0
enable-dbus=yes
ratelimit-interval-usec=1000000
ratelimit-burst=1000
[wide-area]
enable-wide-area=no
[publish]
publish-addresses=yes
publish-hinfo=no
publish-workstation=no
X
  ip netns exec "$ns" dbus-daemon --config-file="$dir/dbus.conf" --fork --print-pid >"$dir/dbus.pid"
}
box hub "$hub_ns" "chh$id" 10.99.0.1 clinic-hub
box peer "$peer_ns" "chp$id" 10.99.0.2 clinic-peer

export MDNS_HUB_NS=$hub_ns MDNS_PEER_NS=$peer_ns
export MDNS_HUB_BUS=unix:path=$work/hub/bus.sock MDNS_PEER_BUS=unix:path=$work/peer/bus.sock
export MDNS_HUB_AVAHI_CONF=$work/hub/avahi.conf MDNS_PEER_AVAHI_CONF=$work/peer/avahi.conf
export MDNS_AVAHI_LAUNCHER="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}") --launch-avahi"

status=0
ip netns exec "$hub_ns" env DBUS_SYSTEM_BUS_ADDRESS="$MDNS_HUB_BUS" "$@" || status=$?
exit "$status"
