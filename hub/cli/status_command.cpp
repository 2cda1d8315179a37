#include "hub/cli/command.h"
#include "hub/cli/commands.h"
#include "hub/cli/daemon_probe.h"
#include "hub/core/clock.h"
#include "hub/core/text.h"
#include "hub/jobs/job_lock.h"
#include "hub/jobs/job_runner.h"
#include "hub/store/audit_repository.h"
#include "hub/store/clinic_repository.h"
#include "hub/store/disk_space.h"
#include "hub/store/job_repository.h"
#include "hub/store/staff_repository.h"
#include "hub/tls/certificate_authority.h"

#include <filesystem>
#include <iostream>

namespace hub::cli {

int statusCommand(const Args& args) {
    Command cmd{"status", "Show the clinic, its database, certificates and whether clinic-hubd is answering.",
                boost::program_options::options_description("Status"), true};
    const auto vm = parseCommand(cmd, args);
    if (!vm) return 0;
    const HubConfig config = hubConfig(*vm);
    auto db = openDatabase(config.dataDir);
    const auto clinic = db->read([](store::Connection& c) { return store::ClinicRepository(c).get(); });
    const auto staff = db->read([](store::Connection& c) { return store::StaffRepository(c).list(); });
    const auto tail = db->read([](store::Connection& c) { return store::AuditRepository(c).tail(); });
    long long active = 0;
    for (const auto& s : staff) active += s.member.disabled ? 0 : 1;

    std::cout << "data directory:  " << config.dataDir << "\n"
              << "clinic:          " << (clinic ? clinic->profile.name + (clinic->demo ? " (DEMO)" : "") : "(not initialised)")
              << "\n"
              << "database:        schema " << db->schemaVersion() << " of " << store::Database::latestSchemaVersion()
              << ", integrity " << db->integrityCheck() << "\n"
              << "staff:           " << active << " active, " << staff.size() - static_cast<std::size_t>(active)
              << " disabled\n"
              << "audit trail:     " << tail.lastId << " events\n";

    SystemClock clock;
    tls::CertificateAuthority ca(std::filesystem::path(config.dataDir) / "tls", clock);
    std::string rootPem;
    try {
        if (!std::filesystem::exists(ca.rootCertificatePath())) throw std::runtime_error("not created yet");
        ca.ensureRoot(config.hostname);  // loads it; creates nothing since it exists
        rootPem = ca.rootPem();
        std::cout << "root CA:         SHA-256 " << ca.rootFingerprintSha256() << "\n";
        if (const auto until = ca.serverNotAfter())
            std::cout << "server cert:     valid until " << formatRfc3339(*until) << "\n";
    } catch (const std::exception& e) {
        std::cout << "root CA:         unreadable (" << e.what() << ")\n";
    }
    const store::DiskSpace disk(store::filesystemFreeSpace(config.dataDir),
                                {config.diskWarningMiB * 1024 * 1024, config.diskFloorMiB * 1024 * 1024});
    if (const auto free = disk.freeBytes())
        std::cout << "disk:            " << *free / (1024 * 1024) << " MiB free (" << store::diskStateName(disk.state())
                  << "; warning below " << config.diskWarningMiB << " MiB, patient data refused at "
                  << config.diskFloorMiB << " MiB)\n";
    // The background jobs' last runs, as the daemon's runner (or `sync now`)
    // recorded them: every run of a daily or on-demand job; an interval job's
    // runs when their outcome or report changed, and at least hourly.
    const auto jobRuns = db->read([](store::Connection& c) { return store::JobRepository(c).list(); });
    std::cout << "jobs:            "
              << (jobRuns.empty() ? "none has run yet"
                                  : "last recorded runs (upkeep that finds the same is recorded hourly)")
              << "\n";
    for (const auto& r : jobRuns) {
        const bool running = jobs::jobLockHeld(jobs::jobLockFile(config.dataDir, r.name));
        const std::string detail = firstLine(r.detail, 100);
        std::cout << "  " << r.name << ": " << jobs::shownOutcome(r, running) << ", started "
                  << formatRfc3339(r.startedAt)
                  << (r.finishedAt ? ", ended " + formatRfc3339(*r.finishedAt) : std::string())
                  << (detail.empty() ? "" : " (" + detail + ")") << "\n";
    }
    const std::string daemon = rootPem.empty() ? "unknown" : probeDaemon(config, rootPem);
    std::cout << "clinic-hubd:     " << daemon << "\n";
    // Degraded still serves: the line above says what needs attention.
    return daemon.rfind("ok", 0) == 0 || daemon.rfind("degraded", 0) == 0 ? 0 : 1;
}

}  // namespace hub::cli
