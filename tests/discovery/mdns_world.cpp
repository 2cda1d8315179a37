#include "mdns_world.h"

#include "support/catch.h"

#include <signal.h>

#include <cstdlib>
#include <regex>
#include <sstream>
#include <thread>

namespace hub::it {

namespace fs = std::filesystem;

std::optional<std::string> ResolvedService::txtValue(const std::string& key) const {
    for (const auto& record : txt)
        if (record.rfind(key + "=", 0) == 0) return record.substr(key.size() + 1);
    return std::nullopt;
}

std::string ResolvedService::describe() const {
    std::string text = "'" + name + "' " + type + " on " + host + " " + address + ":" + std::to_string(port);
    for (const auto& record : txt) text += " \"" + record + "\"";
    return text;
}

namespace {

// avahi-browse -p writes names escaped as DNS labels: "\032" for a byte in
// decimal, "\." and "\\" for the characters themselves.
std::string unescapeLabel(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 >= s.size()) {
            out += s[i];
        } else if (i + 3 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])) &&
                   std::isdigit(static_cast<unsigned char>(s[i + 2])) &&
                   std::isdigit(static_cast<unsigned char>(s[i + 3]))) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 3)));
            i += 3;
        } else {
            out += s[++i];
        }
    }
    return out;
}

std::vector<std::string> split(const std::string& line, char separator) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, separator)) fields.push_back(field);
    return fields;
}

}  // namespace

Services parseResolved(const std::string& browseOutput) {
    Services services;
    for (const auto& line : lines(browseOutput)) {
        // =;iface;proto;name;type;domain;host;address;port;txt
        const auto f = split(line, ';');
        if (f.size() < 9 || f[0] != "=") continue;
        ResolvedService s{f[1], f[2], unescapeLabel(f[3]), f[4], f[5], f[6], f[7], std::stoi(f[8]), {}};
        std::string txt;
        for (std::size_t i = 9; i < f.size(); ++i) txt += (i > 9 ? ";" : "") + f[i];
        static const std::regex quoted("\"([^\"]*)\"");
        for (std::sregex_iterator it(txt.begin(), txt.end(), quoted), end; it != end; ++it)
            s.txt.push_back((*it)[1].str());
        services.push_back(std::move(s));
    }
    return services;
}

std::string describe(const Services& services) {
    if (services.empty()) return "(nothing resolved)";
    std::string text;
    for (const auto& s : services) text += s.describe() + "\n";
    return text;
}

const ResolvedService* find(const Services& services, const std::string& name) {
    for (const auto& s : services)
        if (s.name == name) return &s;
    return nullptr;
}

std::function<bool(const Services&)> has(const std::string& name) {
    return [name](const Services& s) { return find(s, name) != nullptr; };
}

std::function<bool(const Services&)> hasNot(const std::string& name) {
    return [name](const Services& s) { return find(s, name) == nullptr; };
}

struct MdnsWorld::Daemon {
    fs::path log;
    std::unique_ptr<ChildProcess> process;
};

std::unique_ptr<MdnsWorld> MdnsWorld::open() {
    std::unique_ptr<MdnsWorld> world(new MdnsWorld);
    const std::pair<const char*, std::string*> variables[] = {
        {"MDNS_HUB_NS", &world->hubNs_},           {"MDNS_PEER_NS", &world->peerNs_},
        {"MDNS_HUB_BUS", &world->hubBus_},         {"MDNS_PEER_BUS", &world->peerBus_},
        {"MDNS_HUB_AVAHI_CONF", &world->hubConf_}, {"MDNS_PEER_AVAHI_CONF", &world->peerConf_}};
    for (const auto& [name, value] : variables) {
        const char* v = std::getenv(name);
        if (!v || !*v) {
            WARN("SKIPPED: " << name << " is not set: run this test through tests/discovery/mdns_world.sh "
                                        "(ctest does), which builds the private mDNS network it needs");
            return nullptr;
        }
        *value = v;
    }
    const char* launcher = std::getenv("MDNS_AVAHI_LAUNCHER");
    world->launcher_ = split(launcher ? launcher : "", ' ');
    if (world->launcher_.empty()) {
        WARN("SKIPPED: MDNS_AVAHI_LAUNCHER is not set: run this test through tests/discovery/mdns_world.sh");
        return nullptr;
    }
    return world;
}

MdnsWorld::~MdnsWorld() {
    // Programs first (they talk to the daemons), then the daemons; each by its pid.
    peerPrograms_.clear();
    hubAvahi_.reset();
    peerAvahi_.reset();
}

std::unique_ptr<MdnsWorld::Daemon>& MdnsWorld::daemon(Box box) { return box == Box::Hub ? hubAvahi_ : peerAvahi_; }

void MdnsWorld::startAvahi(Box box) {
    auto& d = daemon(box);
    if (d && d->process->running()) throw std::logic_error("startAvahi: already running");
    static int counter = 0;
    const std::string which = box == Box::Hub ? "hub" : "peer";
    auto next = std::make_unique<Daemon>();
    next->log = logs_.path() / ("avahi-" + which + "-" + std::to_string(++counter) + ".log");
    std::vector<std::string> argv = launcher_;
    for (const auto& arg : box == Box::Hub ? std::vector<std::string>{hubNs_, hubBus_, hubConf_}
                                           : std::vector<std::string>{peerNs_, peerBus_, peerConf_})
        argv.push_back(arg);
    next->process = std::make_unique<ChildProcess>(argv, next->log, next->log);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (readFile(next->log).find("Server startup complete") == std::string::npos) {
        if (!next->process->running() || std::chrono::steady_clock::now() > deadline)
            throw std::runtime_error("avahi-daemon (" + which + " box) did not start; its log:\n" + readFile(next->log));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    d = std::move(next);
}

void MdnsWorld::stopAvahi(Box box) {
    auto& d = daemon(box);
    if (!d) throw std::logic_error("stopAvahi: not started");
    d->process->signal(SIGTERM);
    if (!d->process->waitFor(std::chrono::seconds(10))) {
        d->process->kill();
        throw std::runtime_error("avahi-daemon did not stop on SIGTERM; its log:\n" + readFile(d->log));
    }
    d.reset();
}

std::vector<std::string> MdnsWorld::inPeer(std::vector<std::string> argv) const {
    std::vector<std::string> full{"ip", "netns", "exec", peerNs_, "env", "DBUS_SYSTEM_BUS_ADDRESS=" + peerBus_};
    full.insert(full.end(), argv.begin(), argv.end());
    return full;
}

void MdnsWorld::startInPeer(const std::vector<std::string>& argv, const std::string& readyText) {
    const fs::path log = logs_.path() / ("peer-program-" + std::to_string(peerPrograms_.size() + 1) + ".log");
    peerPrograms_.push_back(std::make_unique<ChildProcess>(inPeer(argv), log, log));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (readFile(log).find(readyText) == std::string::npos) {
        if (!peerPrograms_.back()->running() || std::chrono::steady_clock::now() > deadline)
            throw std::runtime_error(argv.front() + " did not say '" + readyText + "'; its output:\n" + readFile(log));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

Services MdnsWorld::browse(const std::string& type) const {
    // -k: raw service types; -t: stop once the cache is exhausted and all resolved.
    const auto r = runProgram(inPeer({"avahi-browse", "-rptk", type}), RunOptions{"/dev/null", std::chrono::seconds(20)});
    if (!r.succeeded()) throw std::runtime_error("avahi-browse failed: " + r.describe());
    return parseResolved(r.out);
}

Services MdnsWorld::waitFor(const std::string& type, const std::function<bool(const Services&)>& until,
                            std::chrono::seconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        Services found = browse(type);
        if (until(found) || std::chrono::steady_clock::now() > deadline) return found;
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
}

ScopedEnvironment::ScopedEnvironment(std::string name, const std::string& value) : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str())) old_ = old;
    ::setenv(name_.c_str(), value.c_str(), 1);
}

ScopedEnvironment::~ScopedEnvironment() {
    if (old_)
        ::setenv(name_.c_str(), old_->c_str(), 1);
    else
        ::unsetenv(name_.c_str());
}

}  // namespace hub::it
