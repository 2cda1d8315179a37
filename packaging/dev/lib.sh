# Shared by run-demo and run-tests: install what is missing, then build.
# Every package comes from Debian 12; nothing is downloaded from elsewhere.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD_DIR=${CLINIC_HUB_BUILD_DIR:-$TOP/build}

BUILD_PACKAGES=(build-essential cmake ninja-build pkg-config
  libpoco-dev libmbedtls-dev libsqlite3-dev libsqlitecpp-dev
  libboost-program-options-dev catch2 libargon2-dev libsystemd-dev
  libphonenumber-dev libhowardhinnant-date-dev libqrencode-dev
  libzbar-dev        # tests read QR codes back as a phone camera would
  libavahi-client-dev  # discovery/: the mDNS advertisement talks to avahi-daemon over D-Bus
  libpango1.0-dev   # pangocairo: token slips drawn as raster images for receipt printers
  libicu-dev         # grapheme clusters: a patient search counts Bangla letters as a reader does
  fonts-noto-core    # Noto Sans Bengali, served to print Bangla prescriptions offline
  espeak-ng          # speaks the default English and Bangla voice packs at build time
  libzstd-dev)       # hub/sync: every object of the cloud copy is zstd-compressed before it is sealed
# Independent peers the tests check the hub against (the hub never links OpenSSL;
# the openssl and curl programs are clients and verifiers in tests only).
# The mDNS tests (tests/discovery) run avahi-daemon and a private D-Bus inside
# network namespaces they create (iproute2) and resolve the hub with avahi-browse.
TEST_PACKAGES=(openssl curl procps iproute2 dbus avahi-daemon avahi-utils
  chromium         # the browser tests (tests/browser) drive Debian's Chromium
  libnss3-tools)   # certutil: a test trusts the hub's root in Chromium's NSS db
# bench/platform-bench: load generator, the nginx + OpenSSL peer it compares the hub
# with, and libssl-dev for its OpenSSL client (bench/bench-conn-rate, never the hub).
# bench/sync-bench compares the nightly sync with restic backing up the same data directory.
BENCH_PACKAGES=(wrk nginx openssl curl procps libssl-dev restic)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing from Debian: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Node and npm for the browser and S3 tests, from Debian, unless node and npm
# are already there (a NodeSource or nvm install must not be replaced); then
# each test folder's exact modules from its package-lock.json: tests/browser
# (playwright-core) and tests/s3 (s3rver and AWS's SigV4 signer, the sync's
# integration tests).
install_browser_test_modules() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    install_missing nodejs npm
  fi
  for folder in browser s3; do
    echo "==> npm ci in tests/$folder"
    # Without the npm registry (offline, or a proxy this machine does not trust)
    # the rest of the suite still runs; those tests then say SKIPPED.
    if ! (cd "$TOP/tests/$folder" && npm ci --no-audit --no-fund --loglevel=error); then
      echo "==> WARNING: npm ci failed in tests/$folder; its tests will be SKIPPED" >&2
    fi
  done
}

# build [TARGET...]: everything, or only the targets named (the demo needs two).
# WERROR=ON (run-tests, CI) treats warnings as errors; a newcomer's demo does not.
build() {
  echo "==> building in $BUILD_DIR"
  cmake -S "$TOP" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCLINIC_HUB_WERROR="${WERROR:-OFF}" >/dev/null
  cmake --build "$BUILD_DIR" -j"$(nproc 2>/dev/null || echo 2)" ${1:+--target "$@"}
}
