// The real clinic-hubd advertising through a real avahi-daemon, resolved from
// another box on a private network (tests/discovery/mdns_world.sh builds it;
// ctest runs each case in a world of its own).
#include "mdns_world.h"
#include "../integration/test_support.h"

#include <algorithm>
#include <cctype>
#include <thread>

using namespace hub::it;
using namespace std::chrono_literals;

namespace {

const std::string https = "_https._tcp";
const std::string api = "_clinichub._tcp";
const std::string dash = "\xE2\x80\x93";
const std::string demoName = "Clinic Hub " + dash + " Shanti Clinic (demo)";  // the demo clinic's service

// The hub advertises only when told to; the tests' config file says mdns = no.
HubOptions advertising(std::vector<std::string> more = {}) {
    HubOptions options;
    options.extraArgs = {"--mdns", "yes"};
    options.extraArgs.insert(options.extraArgs.end(), more.begin(), more.end());
    return options;
}

// The root CA's SHA-256 fingerprint as openssl computes it, in lower-case hex.
std::string opensslFingerprint(const HubDataDir& dir) {
    const auto r = runProgram({"openssl", "x509", "-in", dir.caFile().string(), "-noout", "-fingerprint", "-sha256"});
    INFO(r.describe());
    REQUIRE(r.succeeded());
    std::string hex;
    for (char c : r.out.substr(r.out.find('=') + 1))
        if (std::isxdigit(static_cast<unsigned char>(c))) hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    REQUIRE(hex.size() == 64);
    return hex;
}

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::size_t countLines(const std::string& log, const std::string& text) {
    std::size_t n = 0;
    for (const auto& line : lines(log))
        if (line.find(text) != std::string::npos) ++n;
    return n;
}

// Waits for `name` and returns its resolved record, or fails showing what was seen.
ResolvedService resolved(const MdnsWorld& world, const std::string& type, const std::string& name) {
    const auto found = world.waitFor(type, has(name));
    INFO("looking for '" << name << "' (" << type << "); resolved:\n" << describe(found));
    const ResolvedService* s = find(found, name);
    REQUIRE(s != nullptr);
    return *s;
}

// curl in the peer box, trusting only the hub's root, for https://<host>:<port>/healthz
// with <host> resolved to `address` as mDNS said.
ProgramResult fetchFromPeer(const MdnsWorld& world, const HubDataDir& dir, const std::string& host,
                            const std::string& address, int port) {
    const std::string p = std::to_string(port);
    return runProgram(world.inPeer({"curl", "-sS", "--max-time", "10", "--cacert", dir.caFile().string(), "--resolve",
                                    host + ":" + p + ":" + address, "https://" + host + ":" + p + "/healthz"}));
}

// The private network with avahi-daemon running in both boxes; nullptr (SKIPPED)
// outside mdns_world.sh.
std::unique_ptr<MdnsWorld> lanWithAvahi() {
    auto world = MdnsWorld::open();
    if (world) {
        world->startAvahi(Box::Hub);
        world->startAvahi(Box::Peer);
    }
    return world;
}

}  // namespace

TEST_CASE("another device finds the hub with its port, its TXT records and the root CA fingerprint",
          "[mdns][resolve]") {
    auto world = lanWithAvahi();
    if (!world) return;
    requireProgram("curl", "curl");
    HubDataDir dir;
    HubProcess hub(dir, advertising({"--listen", "0.0.0.0"}));

    const auto web = resolved(*world, https, demoName);
    CHECK(web.host == "clinic-hub.local");
    CHECK(web.address == "10.99.0.1");
    CHECK(web.port == hub.httpsPort());
    CHECK(web.txtValue("path") == "/");
    CHECK(web.txtValue("ver") == CLINIC_HUB_VERSION);
    CHECK(web.txtValue("fp") == opensslFingerprint(dir));

    const auto app = resolved(*world, api, demoName);
    CHECK(app.host == "clinic-hub.local");
    CHECK(app.port == hub.httpsPort());
    CHECK(app.txtValue("api") == "/api/v1");

    // What was advertised works: a device that trusts the root reaches the hub
    // by the advertised name at the advertised address and port.
    const auto r = fetchFromPeer(*world, dir, web.host, web.address, web.port);
    INFO(r.describe());
    CHECK(r.succeeded());
    CHECK_THAT(r.out, Catch::Contains("\"status\":\"ok\""));
}

TEST_CASE("a second hub with the same clinic name takes its box suffix and both stay resolvable",
          "[mdns][collision]") {
    auto world = lanWithAvahi();
    if (!world) return;
    HubDataDir firstDir, secondDir;
    HubProcess first(firstDir, advertising());
    resolved(*world, https, demoName);

    HubProcess second(secondDir, advertising());
    const std::string renamed = demoName + " (" + upper(opensslFingerprint(secondDir).substr(0, 6)) + ")";
    const auto found = world->waitFor(https, [&](const Services& s) { return find(s, demoName) && find(s, renamed); });
    INFO(describe(found) << "second hub's log:\n" << second.log());
    REQUIRE(find(found, demoName));
    REQUIRE(find(found, renamed));
    CHECK(find(found, demoName)->port == first.httpsPort());
    CHECK(find(found, renamed)->port == second.httpsPort());
    CHECK(find(found, renamed)->txtValue("fp") == opensslFingerprint(secondDir));
    CHECK(resolved(*world, api, renamed).port == second.httpsPort());
    CHECK(countLines(second.log(), "'" + demoName + "' is already used") == 1);
    CHECK(countLines(first.log(), "is already used") == 0);
}

TEST_CASE("a service name another device on the LAN already uses is replaced by the box's suffixed name",
          "[mdns][collision-lan]") {
    auto world = lanWithAvahi();
    if (!world) return;
    // Another box announced the name first (say, the old hub of the clinic).
    world->startInPeer({"avahi-publish", "-s", demoName, https, "9443", "path=/"}, "Established");

    HubDataDir dir;
    HubProcess hub(dir, advertising());
    const std::string renamed = demoName + " (" + upper(opensslFingerprint(dir).substr(0, 6)) + ")";
    const auto ours = resolved(*world, https, renamed);
    CHECK(ours.port == hub.httpsPort());
    CHECK(ours.host == "clinic-hub.local");
    const auto theirs = resolved(*world, https, demoName);
    CHECK(theirs.port == 9443);
    CHECK(countLines(hub.log(), "is already used by another device on the network") == 1);
}

TEST_CASE("after avahi-daemon restarts the hub is advertised again without being restarted",
          "[mdns][avahi-restart]") {
    auto world = lanWithAvahi();
    if (!world) return;
    HubDataDir dir;
    HubProcess hub(dir, advertising());
    const pid_t pid = hub.pid();
    resolved(*world, https, demoName);

    world->stopAvahi(Box::Hub);
    const auto gone = world->waitFor(https, hasNot(demoName));
    INFO(describe(gone));
    CHECK_FALSE(find(gone, demoName));
    checkStillHealthy(hub);

    world->startAvahi(Box::Hub);
    CHECK(resolved(*world, https, demoName).port == hub.httpsPort());
    CHECK(resolved(*world, api, demoName).port == hub.httpsPort());
    CHECK(hub.running());
    CHECK(hub.pid() == pid);
    CHECK(countLines(hub.log(), "warning mdns: avahi-daemon stopped") == 1);
}

TEST_CASE("renaming the clinic through the API changes the advertised name within seconds", "[mdns][rename]") {
    auto world = lanWithAvahi();
    if (!world) return;
    HubDataDir dir;
    HubProcess hub(dir, advertising());
    resolved(*world, https, demoName);

    auto admin = signedIn(hub, "admin");
    const auto r = admin->patch("/api/v1/clinic", json({{"name", "Nirapod Clinic"}}));
    INFO(r.describe());
    REQUIRE(r.status == 200);
    const auto started = std::chrono::steady_clock::now();
    const std::string renamed = "Clinic Hub " + dash + " Nirapod Clinic";
    const auto found =
        world->waitFor(https, [&](const Services& s) { return find(s, renamed) && !find(s, demoName); }, 15s);
    INFO(describe(found));
    CHECK(find(found, renamed));
    CHECK_FALSE(find(found, demoName));
    CHECK(std::chrono::steady_clock::now() - started < 15s);
    CHECK(resolved(*world, api, renamed).port == hub.httpsPort());
}

TEST_CASE("without avahi-daemon the hub warns once, serves, and is advertised once avahi-daemon starts",
          "[mdns][no-avahi]") {
    auto world = MdnsWorld::open();
    if (!world) return;
    world->startAvahi(Box::Peer);
    HubDataDir dir;
    HubProcess hub(dir, advertising());
    checkStillHealthy(hub);
    std::this_thread::sleep_for(2s);  // long enough for repeated warnings to show
    CHECK(countLines(hub.log(), "warning mdns:") == 1);
    CHECK(countLines(hub.log(), "avahi-daemon is not running") == 1);
    CHECK(countLines(hub.log(), "IP address") == 1);

    world->startAvahi(Box::Hub);
    CHECK(resolved(*world, https, demoName).port == hub.httpsPort());
    CHECK(countLines(hub.log(), "warning mdns:") == 1);
    checkStillHealthy(hub);
}

TEST_CASE("without a D-Bus to talk to the hub warns once and serves", "[mdns][no-dbus]") {
    auto world = MdnsWorld::open();
    if (!world) return;
    HubDataDir dir;
    const ScopedEnvironment noBus("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=" + (dir.root() / "no-bus.sock").string());
    HubProcess hub(dir, advertising());
    checkStillHealthy(hub);
    std::this_thread::sleep_for(7s);  // past one retry (every 5 s)
    checkStillHealthy(hub);
    INFO(hub.log());
    CHECK(countLines(hub.log(), "warning mdns:") == 1);
    CHECK(countLines(hub.log(), "cannot reach the system D-Bus") == 1);
    CHECK(hub.stop().exitedWith(0));
}

TEST_CASE("when another device holds the box's host name, Avahi renames the box and the certificate follows",
          "[mdns][host-rename]") {
    auto world = MdnsWorld::open();
    if (!world) return;
    requireProgram("curl", "curl");
    world->startAvahi(Box::Peer);
    // Another device answers to clinic-hub.local before this box's avahi-daemon starts.
    world->startInPeer({"avahi-publish", "-a", "-R", "clinic-hub.local", "10.99.0.2"}, "Established");
    HubDataDir dir;
    HubProcess hub(dir, advertising({"--listen", "0.0.0.0"}));
    world->startAvahi(Box::Hub);

    const auto web = resolved(*world, https, demoName);
    CHECK(web.host == "clinic-hub-2.local");
    CHECK(web.address == "10.99.0.1");
    // The certificate is re-issued for the new name: a device that trusts the root
    // reaches https://clinic-hub-2.local with no certificate error.
    ProgramResult r;
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    do {
        r = fetchFromPeer(*world, dir, "clinic-hub-2.local", web.address, web.port);
        if (r.succeeded()) break;
        std::this_thread::sleep_for(300ms);
    } while (std::chrono::steady_clock::now() < deadline);
    INFO(r.describe() << "hub log:\n" << hub.log());
    CHECK(r.succeeded());
    CHECK(countLines(hub.log(), "on the network as clinic-hub-2.local") == 1);
    CHECK(countLines(hub.log(), "re-issued the server certificate for clinic-hub-2.local") == 1);
}
