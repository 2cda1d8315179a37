# Shared by run-demo and run-tests: install what is missing, then build. Every
# package comes from the Debian release the machine runs, Debian 12 (bookworm) or
# Debian 13 (trixie); nothing is downloaded from elsewhere. debian-root reads the
# same lists for a release other than the machine's (CLINIC_HUB_SUITE).
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD_DIR=${CLINIC_HUB_BUILD_DIR:-$TOP/build}

# What differs between the two releases is named here and nowhere else. One package
# name differs (Catch2's, below); the others are the same on both, and the versions
# they bring differ. The source meets each difference in one place:
#   package         Debian 12 bookworm       Debian 13 trixie          met by
#   libmbedtls-dev  2.28 (TLS 1.2)           3.6 LTS (TLS 1.2 + 1.3)   hub/tls/mbedtls_compat.h
#   Catch2          catch2 2.13 (a header)   libcatch2-dev 3.7 (lib)   tests/support/catch.h, tests/CMakeLists.txt
#   g++             12                       14                        CMakeLists.txt's warning flags, clean on both
#   libpoco-dev     1.11                     1.13                      (the API the hub uses did not change)
#   cmake           3.25                     3.31                      cmake_minimum_required(3.25)
#   nodejs, npm     18, 9                    20, 9                     tests/browser (node >= 18)
#   chromium        the same version on both (Debian follows upstream's stable)
CLINIC_HUB_SUITE=${CLINIC_HUB_SUITE:-$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")}
case $CLINIC_HUB_SUITE in
  bookworm) CATCH2_PACKAGE=catch2 ;;
  trixie) CATCH2_PACKAGE=libcatch2-dev ;;  # trixie's catch2 is only a transitional package for it
  *) echo "==> WARNING: '${CLINIC_HUB_SUITE:-unknown}' is neither Debian 12 (bookworm) nor 13 (trixie);" \
          "trying Debian 13's package names" >&2
     CATCH2_PACKAGE=libcatch2-dev ;;
esac

BUILD_PACKAGES=(build-essential cmake ninja-build pkg-config
  libpoco-dev libmbedtls-dev libsqlite3-dev libsqlitecpp-dev
  libboost-program-options-dev "$CATCH2_PACKAGE" libargon2-dev libsystemd-dev
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
TEST_PACKAGES=(openssl curl procps iproute2 dbus avahi-daemon avahi-utils)
# The browser tests (tests/browser) drive Debian's Chromium with playwright-core
# from npm (install_browser_test_modules adds Node and npm).
BROWSER_TEST_PACKAGES=(chromium
  libnss3-tools)   # certutil: a test trusts the hub's root in Chromium's NSS db
# bench/platform-bench: load generator, the nginx + OpenSSL peer it compares the hub
# with, and libssl-dev for its OpenSSL client (bench/bench-conn-rate, never the hub).
# bench/sync-bench compares the nightly sync with restic backing up the same data directory.
# bench/idle-writes counts an idle daemon's commits with strace and reads job_runs with sqlite3.
BENCH_PACKAGES=(wrk nginx openssl curl procps libssl-dev restic strace sqlite3)

# packaging/dev/debian-root (and so .ci/run's second leg) makes a root of the other
# release with these, on the machine that runs it.
ROOT_TOOL_PACKAGES=(debootstrap zstd)

# packaging/build-deb: Debian's own tools for the .deb (its build dependencies
# come from debian/control through apt-get build-dep).
PACKAGE_TOOL_PACKAGES=(dpkg-dev debhelper fakeroot lintian)
# packaging/build-deb --arch arm64 (in packaging/build-deb-arm64's root): Debian's
# amd64-to-arm64 compiler; the arm64 libraries and qemu come from debian/control.
CROSS_ARM64_PACKAGES=(crossbuild-essential-arm64)

# CLINIC_HUB_BROWSER_TESTS=0 leaves Chromium, Node and npm out: the browser tests
# then say SKIPPED with the reason (the Debian 13 leg of .ci/run, see docs/ci.md).
browser_tests_wanted() { [ "${CLINIC_HUB_BROWSER_TESTS:-1}" != 0 ]; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing from Debian ($CLINIC_HUB_SUITE): ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Node and npm for the browser and S3 tests, from Debian, unless node and npm
# are already there (a NodeSource or nvm install must not be replaced); then
# each test folder's exact modules from its package-lock.json: tests/browser
# (playwright-core), tests/s3 (s3rver and AWS's SigV4 signer, the sync's
# integration tests) and tests/fhir (Medplum's FHIR R4 validator, for the
# patient export's integration test).
install_browser_test_modules() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    install_missing nodejs npm
  fi
  # webapp: the staff app's locked Preact/htm, for webapp:vendor-check (docs/webapp.md).
  for folder in tests/browser tests/s3 tests/fhir webapp; do
    echo "==> npm ci in $folder"
    # Without the npm registry (offline, or a proxy this machine does not trust)
    # the rest of the suite still runs; those tests then say SKIPPED.
    if ! (cd "$TOP/$folder" && npm ci --no-audit --no-fund --loglevel=error); then
      echo "==> WARNING: npm ci failed in $folder; its tests will be SKIPPED" >&2
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

# Every test that said SKIPPED, with its reason, from ctest's log: ctest itself
# shows a skipped test's output nowhere, and a Catch2 case that skips a part
# (WARN("SKIPPED: ...")) passes.
report_skips() {
  [ -f "$1" ] || return 0
  local lines
  lines=$(awk '/^[0-9]+\/[0-9]+ Test: / { sub(/^[0-9]+\/[0-9]+ Test: /, ""); name = $0 }
               /^Command: / { next }  # the command line may hold the word too (webapp:vendor-check)
               /SKIPPED/ { line = $0; sub(/^[ \t]+/, "", line); print "  " name ": " line }' "$1" | sort -u)
  if [ -n "$lines" ]; then
    echo "==> skipped, and why:"
    echo "$lines"
  fi
}
