// `clinic-hub doctor`: what a technician checks on a visit, each line ok / warn
// / fail with the fix, exit status 1 when anything fails.
#include "hub/cli/command.h"
#include "hub/cli/commands.h"
#include "hub/cli/daemon_probe.h"
#include "hub/core/clock.h"
#include "hub/core/text.h"
#include "hub/jobs/job_lock.h"
#include "hub/jobs/job_run.h"
#include "hub/jobs/job_runner.h"
#include "hub/onboarding/hub_addresses.h"
#include "hub/store/disk_space.h"
#include "hub/store/job_repository.h"
#include "hub/store/database.h"
#include "hub/store/snapshot.h"
#include "hub/sync/sync_settings.h"
#include "hub/sync/sync_status.h"
#include "hub/tls/certificate_authority.h"
#include "hub/tls/x509_certificate.h"
#include "hub/tls/x509_names.h"

#include <sys/stat.h>
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>

namespace hub::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

enum class Verdict { Ok, Warn, Fail };

struct Finding {
    Verdict verdict;
    std::string check;
    std::string detail;
    std::string fix;  // "" when there is nothing to do
};

std::string ago(TimePoint then, TimePoint now) {
    const auto s = toUnixSeconds(now) - toUnixSeconds(then);
    if (s < 0) return "in the future";
    if (s < 120) return std::to_string(s) + " s ago";
    if (s < 7200) return std::to_string(s / 60) + " min ago";
    if (s < 172800) return std::to_string(s / 3600) + " h ago";
    return std::to_string(s / 86400) + " days ago";
}

// The first line a command prints, "" when it cannot run.
std::string firstLineOf(const std::string& command) {
    FILE* p = ::popen(command.c_str(), "r");
    if (!p) return {};
    char buf[256] = {};
    std::string line = std::fgets(buf, sizeof buf, p) ? buf : "";
    ::pclose(p);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    return line;
}

bool processRuns(const fs::path& pidFile) {
    std::ifstream in(pidFile);
    long pid = 0;
    return in >> pid && pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0;
}

Finding serviceState() {
    if (!fs::exists("/run/systemd/system"))
        return {Verdict::Warn, "service", "systemd is not running here (a container or chroot): not checked",
                "on the clinic's box: sudo systemctl status clinic-hubd"};
    const std::string state = firstLineOf("systemctl is-active clinic-hubd.service 2>/dev/null");
    if (state == "active") return {Verdict::Ok, "service", "clinic-hubd.service is active", ""};
    return {Verdict::Fail, "service", "clinic-hubd.service is " + (state.empty() ? "unknown" : state),
            "sudo systemctl restart clinic-hubd; if it stops again: journalctl -u clinic-hubd -n 50"};
}

Finding health(const HubConfig& config, const std::string& rootPem) {
    if (rootPem.empty()) return {Verdict::Fail, "health", "no root certificate yet", "sudo clinic-hub init"};
    const std::string line = probeDaemon(config, rootPem);
    if (line.rfind("ok", 0) == 0) return {Verdict::Ok, "health", "/healthz: " + line, ""};
    if (line.rfind("degraded", 0) == 0)
        return {Verdict::Warn, "health", "/healthz: " + line, "see the disk and sync lines below"};
    return {Verdict::Fail, "health", "/healthz: " + line, "journalctl -u clinic-hubd -n 50"};
}

Finding port(const HubConfig& config, int number, const std::string& what) {
    if (number == 0) return {Verdict::Ok, "port", what + " is turned off in the configuration", ""};
    if (portAnswers(config, number))
        return {Verdict::Ok, "port", std::to_string(number) + " (" + what + ") accepts connections", ""};
    return {Verdict::Fail, "port", std::to_string(number) + " (" + what + ") does not accept connections",
            "start the service (sudo systemctl start clinic-hubd); 'sudo ss -ltnp' shows what else holds the port"};
}

std::vector<Finding> certificate(const HubConfig& config, const Clock& clock, std::string& rootPem) {
    std::vector<Finding> out;
    tls::CertificateAuthority ca(fs::path(config.dataDir) / "tls", clock);
    if (!fs::exists(ca.rootCertificatePath())) {
        out.push_back({Verdict::Fail, "certificate", "the clinic has no root certificate", "sudo clinic-hub init"});
        return out;
    }
    try {
        ca.ensureRoot(config.hostname);
        rootPem = ca.rootPem();
        if (!fs::exists(ca.serverCertificatePath())) {
            out.push_back({Verdict::Warn, "certificate", "no server certificate yet (clinic-hubd makes it when it starts)",
                           "sudo systemctl start clinic-hubd"});
            return out;
        }
        auto leaf = tls::CertificateChain::fromFile(ca.serverCertificatePath());
        const auto left = toUnixSeconds(leaf->notAfter()) - toUnixSeconds(clock.now());
        const std::string until = "valid until " + formatRfc3339(leaf->notAfter());
        if (left <= 0)
            out.push_back({Verdict::Fail, "certificate", "the server certificate expired (" + until + ")",
                           "sudo systemctl restart clinic-hubd (it issues a new one on start)"});
        else if (left < 14 * 86400)
            out.push_back({Verdict::Warn, "certificate", until + ": renewal is overdue",
                           "sudo systemctl restart clinic-hubd"});
        else
            out.push_back({Verdict::Ok, "certificate", until, ""});

        // The addresses phones reach the hub by (as the welcome page lists them)
        // must all be in the certificate.
        const auto addresses =
            onboarding::reachableAddresses(config.listenAddress, tls::detectServerNames().addresses);
        const auto dns = leaf->dnsNames();
        const auto ips = leaf->ipAddresses();
        std::vector<std::string> missing;
        if (std::find(dns.begin(), dns.end(), config.hostname + ".local") == dns.end())
            missing.push_back(config.hostname + ".local");
        for (const auto& address : addresses) {
            const auto bytes = tls::parseIpAddress(address.substr(0, address.find('%')));
            if (bytes && std::find(ips.begin(), ips.end(), *bytes) == ips.end()) missing.push_back(address);
        }
        if (missing.empty())
            out.push_back({Verdict::Ok, "certificate", "names " + config.hostname + ".local and every current address", ""});
        else {
            std::string list;
            for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
            out.push_back({Verdict::Warn, "certificate", "does not name " + list + " (an address changed?)",
                           "sudo systemctl restart clinic-hubd (it re-issues the certificate); better, give the box "
                           "a fixed address (INSTALL.md)"});
        }
    } catch (const std::exception& e) {
        out.push_back({Verdict::Fail, "certificate", std::string("unreadable: ") + e.what(),
                       "sudo systemctl restart clinic-hubd"});
    }
    return out;
}

Finding avahi(const HubConfig& config) {
    if (!config.mdns) return {Verdict::Ok, "avahi", "mDNS is turned off in the configuration", ""};
    if (processRuns("/run/avahi-daemon/pid"))
        return {Verdict::Ok, "avahi", "avahi-daemon runs: clinic-hubd publishes " + config.hostname + ".local", ""};
    return {Verdict::Warn, "avahi", "avahi-daemon is not running: phones cannot find " + config.hostname + ".local",
            "sudo apt install avahi-daemon && sudo systemctl restart clinic-hubd"};
}

Finding disk(const HubConfig& config) {
    const store::DiskSpace d(store::filesystemFreeSpace(config.dataDir),
                             {config.diskWarningMiB * 1024 * 1024, config.diskFloorMiB * 1024 * 1024});
    const auto free = d.freeBytes();
    const std::string text = (free ? std::to_string(*free / (1024 * 1024)) + " MiB free" : std::string("unknown")) +
                             " in " + config.dataDir;
    switch (d.state()) {
        case store::DiskState::Ok: return {Verdict::Ok, "disk", text, ""};
        case store::DiskState::Low:
            return {Verdict::Warn, "disk", text + " (below " + std::to_string(config.diskWarningMiB) + " MiB)",
                    "free space: sudo apt clean; sudo journalctl --vacuum-size=100M; old snapshots in " +
                        config.dataDir + "/snapshots and /replaced"};
        case store::DiskState::Full: break;
    }
    return {Verdict::Fail, "disk", text + ": patient records are refused", "free space now (see INSTALL.md, troubleshooting)"};
}

std::vector<Finding> database(const HubConfig& config, const Clock& clock) {
    const fs::path file = store::databaseFile(config.dataDir);
    if (!fs::exists(file)) return {{Verdict::Fail, "database", "no clinic database in " + config.dataDir, "sudo clinic-hub init"}};
    std::vector<Finding> out;
    try {
        // Read-only and outside Database::open: the doctor never migrates.
        auto c = store::openDatabaseFile(file, false);
        const std::string verdict = store::checkDatabaseFile(*c);
        const int schema = c->db().execAndGet("PRAGMA user_version").getInt();
        if (verdict == "ok")
            out.push_back({Verdict::Ok, "database", "integrity ok, schema " + std::to_string(schema), ""});
        else
            out.push_back({Verdict::Fail, "database", "integrity check: " + verdict,
                           "stop the service and restore a snapshot (clinic-hub restore-snapshot) or the cloud copy "
                           "(clinic-hub restore)"});
    } catch (const std::exception& e) {
        out.push_back({Verdict::Fail, "database", std::string("cannot be read: ") + e.what(),
                       "check the permissions of " + config.dataDir + " (owner clinic-hub)"});
    }
    // The clock: a database written "in the future" means the clock went back.
    struct stat st{};
    if (::stat(file.c_str(), &st) == 0 && st.st_mtime > toUnixSeconds(clock.now()) + 300)
        out.push_back({Verdict::Fail, "clock", "the clock is behind the database's last write: " +
                                                   formatRfc3339(clock.now()) + " now",
                       "connect the box to the internet for a minute, or set it: sudo date -s 'YYYY-MM-DD HH:MM'"});
    return out;
}

Finding clockSync(const Clock& clock) {
    // systemd-timesyncd touches this file at every synchronisation; a Pi has no
    // clock battery, so after a power cut without network the time is wrong.
    const fs::path stamp = "/var/lib/systemd/timesync/clock";
    struct stat st{};
    if (::stat(stamp.c_str(), &st) != 0)
        return {Verdict::Warn, "clock", "no record of a network time synchronisation (" + formatRfc3339(clock.now()) +
                                            " now)",
                "sudo apt install systemd-timesyncd, and let the box reach the internet (or a local time server)"};
    const TimePoint last = fromUnixSeconds(st.st_mtime);
    const auto age = toUnixSeconds(clock.now()) - st.st_mtime;
    const std::string text = "last synchronised " + formatRfc3339(last) + " (" + ago(last, clock.now()) + ")";
    if (age > 7 * 86400)
        return {Verdict::Warn, "clock", text, "let the box reach a time server: timedatectl timesync-status"};
    return {Verdict::Ok, "clock", text, ""};
}

std::vector<Finding> cloudSync(const HubConfig& config, const Clock& clock) {
    const sync::SyncPaths paths{config.dataDir};
    if (!fs::exists(paths.settings()))
        return {{Verdict::Warn, "sync", "the nightly cloud sync is not set up: a dead SD card loses the clinic",
                 "sudo clinic-hub sync init (INSTALL.md, cloud sync)"}};
    const auto s = sync::loadStatus(paths);
    if (!s.lastSuccess) return {{Verdict::Warn, "sync", "no restore point made yet", "sudo clinic-hub sync now"}};
    const auto age = toUnixSeconds(clock.now()) - toUnixSeconds(s.lastSuccess->finishedAt);
    const std::string text = "last restore point " + ago(s.lastSuccess->finishedAt, clock.now());
    if (age > 3 * 86400) return {{Verdict::Fail, "sync", text, "sudo clinic-hub sync status; then sudo clinic-hub sync now"}};
    if (age > 36 * 3600) return {{Verdict::Warn, "sync", text, "sudo clinic-hub sync status"}};
    return {{Verdict::Ok, "sync", text, ""}};
}

// The background jobs' last runs as the runner recorded them (the nightly sync
// among them): a failed or interrupted run is a warning naming the job and why;
// the next run may well succeed, so it is never a fail on its own.
std::vector<Finding> jobRuns(const HubConfig& config, const Clock& clock) {
    const fs::path file = store::databaseFile(config.dataDir);
    if (!fs::exists(file)) return {};  // the database check already says so
    std::vector<store::JobRunRecord> records;
    try {
        auto c = store::openDatabaseFile(file, false);
        records = store::JobRepository(*c).list();
    } catch (const std::exception& e) {
        // An older schema (before the job runner) has no job_runs: the service migrates it when it starts.
        return {{Verdict::Warn, "jobs", std::string("the jobs' last runs cannot be read: ") + e.what(),
                 "start the service (it brings the database up to date): sudo systemctl start clinic-hubd"}};
    }
    if (records.empty())
        return {{Verdict::Warn, "jobs", "no background job has run yet", "start the service: sudo systemctl start clinic-hubd"}};
    std::vector<Finding> out;
    for (const auto& r : records) {
        const std::string shown =
            jobs::shownOutcome(r, jobs::jobLockHeld(jobs::jobLockFile(config.dataDir, r.name)));
        if (shown != jobs::kFailed && shown != jobs::kInterrupted) continue;
        const std::string why = firstLine(r.detail, 120);
        const std::string times = r.consecutiveFailures > 1 ? ", " + std::to_string(r.consecutiveFailures) + " runs in a row" : "";
        out.push_back({Verdict::Warn, "jobs",
                       r.name + " " + shown + " " + ago(r.startedAt, clock.now()) + times + (why.empty() ? "" : ": " + why),
                       "sudo clinic-hub status; sudo journalctl -u clinic-hubd"});
    }
    if (out.empty()) {
        std::string names;
        for (const auto& r : records) names += (names.empty() ? "" : ", ") + r.name;
        out.push_back({Verdict::Ok, "jobs", "last runs fine: " + names, ""});
    }
    return out;
}

}  // namespace

int doctorCommand(const Args& args) {
    Command cmd{"doctor",
                "Check this box: service, ports, certificate, Avahi, disk, database, clock, cloud sync and jobs. "
                "Prints ok / warn / fail with the fix for each; exits 1 if anything fails.",
                po::options_description("Doctor"), true};
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    const HubConfig config = hubConfig(*vm);
    becomeOwnerOf(config.dataDir);
    SystemClock clock;

    std::vector<Finding> all;
    std::string rootPem;
    const auto certs = certificate(config, clock, rootPem);
    all.push_back(serviceState());
    all.push_back(health(config, rootPem));
    all.push_back(port(config, config.httpsPort, "HTTPS"));
    all.push_back(port(config, config.httpPort, "HTTP: welcome page, root certificate, tracking links"));
    all.insert(all.end(), certs.begin(), certs.end());
    all.push_back(avahi(config));
    all.push_back(disk(config));
    for (auto& f : database(config, clock)) all.push_back(std::move(f));
    all.push_back(clockSync(clock));
    for (auto& f : cloudSync(config, clock)) all.push_back(std::move(f));
    for (auto& f : jobRuns(config, clock)) all.push_back(std::move(f));

    int fails = 0, warnings = 0;
    for (const auto& f : all) {
        const char* tag = f.verdict == Verdict::Ok ? "ok  " : f.verdict == Verdict::Warn ? "warn" : "FAIL";
        std::cout << tag << "  " << f.check << std::string(f.check.size() < 12 ? 12 - f.check.size() : 1, ' ')
                  << f.detail << "\n";
        if (!f.fix.empty()) std::cout << "                  fix: " << f.fix << "\n";
        fails += f.verdict == Verdict::Fail;
        warnings += f.verdict == Verdict::Warn;
    }
    std::cout << (fails ? std::to_string(fails) + " failed, " : std::string()) << warnings << " warning"
              << (warnings == 1 ? "" : "s") << ", " << all.size() - static_cast<std::size_t>(fails + warnings)
              << " ok\n";
    return fails ? 1 : 0;
}

}  // namespace hub::cli
