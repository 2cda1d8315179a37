#pragma once
// The private mDNS network built by tests/discovery/mdns_world.sh, as the tests
// running inside it (in the hub's box) see it: two boxes joined by a veth pair,
// each with its own D-Bus; the tests start and stop each box's avahi-daemon and
// resolve the hub from the peer box with avahi-browse, the independent checker.
//
//   auto world = MdnsWorld::open();   // nullptr (and SKIPPED) outside the script
//   world->startAvahi(Box::Hub);
//   auto found = world->waitFor("_https._tcp", named("Clinic Hub – ..."));
#include "../integration/child_process.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hub::it {

enum class Box { Hub, Peer };

// One resolved line of `avahi-browse -p -r`, names unescaped.
struct ResolvedService {
    std::string interface, protocol, name, type, domain, host, address;
    int port = 0;
    std::vector<std::string> txt;

    std::optional<std::string> txtValue(const std::string& key) const;
    std::string describe() const;
};
using Services = std::vector<ResolvedService>;

// The resolved ("=") lines of avahi-browse's parsable output.
Services parseResolved(const std::string& browseOutput);
std::string describe(const Services& services);

// Matchers for waitFor().
std::function<bool(const Services&)> has(const std::string& name);
std::function<bool(const Services&)> hasNot(const std::string& name);
const ResolvedService* find(const Services& services, const std::string& name);

class MdnsWorld {
public:
    // The world described by mdns_world.sh's variables; nullptr with a WARN
    // "SKIPPED: ..." when they are absent (the test binary was run directly).
    static std::unique_ptr<MdnsWorld> open();
    ~MdnsWorld();  // stops the daemons and programs it started, by pid
    MdnsWorld(const MdnsWorld&) = delete;
    MdnsWorld& operator=(const MdnsWorld&) = delete;

    // Starts the box's avahi-daemon and waits until it has announced itself.
    void startAvahi(Box box);
    // SIGTERM to the box's avahi-daemon (it sends goodbyes), and waits for it.
    void stopAvahi(Box box);

    // avahi-browse -rpt in the peer box: every service of `type` it resolves.
    Services browse(const std::string& type) const;
    // Browses until `until` holds (or the timeout passes); returns the last result.
    Services waitFor(const std::string& type, const std::function<bool(const Services&)>& until,
                     std::chrono::seconds timeout = std::chrono::seconds(30)) const;

    // argv, to be run inside the peer box with the peer's D-Bus.
    std::vector<std::string> inPeer(std::vector<std::string> argv) const;
    // Starts a long-running program in the peer box (avahi-publish); stopped with the world.
    void startInPeer(const std::vector<std::string>& argv, const std::string& readyText);

private:
    MdnsWorld() = default;
    struct Daemon;
    std::unique_ptr<Daemon>& daemon(Box box);

    std::string hubNs_, peerNs_, hubBus_, peerBus_, hubConf_, peerConf_;
    std::vector<std::string> launcher_;
    TempDir logs_{"clinic-hub-mdns-logs"};
    std::unique_ptr<Daemon> hubAvahi_, peerAvahi_;
    std::vector<std::unique_ptr<ChildProcess>> peerPrograms_;
};

// Sets an environment variable for the programs started while it lives.
class ScopedEnvironment {
public:
    ScopedEnvironment(std::string name, const std::string& value);
    ~ScopedEnvironment();
    ScopedEnvironment(const ScopedEnvironment&) = delete;
    ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

private:
    std::string name_;
    std::optional<std::string> old_;
};

}  // namespace hub::it
