// The whole-clinic export on a large clinic: generates N synthetic patients
// (default 200,000) into a temporary database, then writes the clinic export
// (clinic-hub export --all) as a tar, JSON and FHIR NDJSON, and prints for each
// the time, the archive's size and the process's peak resident memory before
// and after. Memory must stay bounded: the archive is written as it is read.
//
//   clinic-export-bench [patients] [directory]
#include "hub/audit/audit_log.h"
#include "hub/auth/bootstrap.h"
#include "hub/auth/password_hasher.h"
#include "hub/core/random.h"
#include "hub/opd/synthetic_patients.h"
#include "hub/rights/clinic_archive.h"
#include "hub/store/database.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace hub;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

namespace {

// Peak resident set size of this process so far, in MiB.
double peakRssMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

// Resident set size now, in MiB (from /proc/self/statm).
double rssMiB() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t patients = argc > 1 ? std::stoul(argv[1]) : 200'000;
    const fs::path dir = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / ("clinic-export-bench-" + randomToken(6));
    fs::create_directories(dir);
    const fs::path file = dir / "hub.db";
    fs::remove(file);

    SystemClock clock;
    auto db = store::Database::open(file);
    audit::AuditLog audit(clock);
    auth::PasswordHasher hasher(auth::Argon2Params{8, 1, 1});
    auth::initializeClinic({*db, clock, hasher, audit}, "Bench Clinic", "admin", "bench password 123");
    opd::SyntheticPatients generator(2026);
    opd::insertSyntheticPatients(*db, generator, patients, domain::Date{2026, 11, 24}, clock.now());
    db.reset();
    db = store::Database::open(file);
    std::printf("%zu patients; before the exports: RSS %.1f MiB, peak %.1f MiB\n", patients, rssMiB(), peakRssMiB());

    rights::ExportService exports(*db, clock, audit);
    const auth::ActorContext actor{0, "bench", domain::Role::Admin, "local", 0};
    for (const auto format : {rights::ExportFormat::Json, rights::ExportFormat::Fhir}) {
        const fs::path out = dir / (format == rights::ExportFormat::Json ? "clinic-json.tar" : "clinic-fhir.tar");
        const fs::path spool = dir / "spool";
        fs::create_directories(spool);
        const auto t0 = Steady::now();
        long long n = 0;
        {
            std::ofstream stream(out, std::ios::binary | std::ios::trunc);
            n = rights::writeClinicArchive(exports, actor, format, stream, spool, clock.now());
        }
        const double seconds = std::chrono::duration<double>(Steady::now() - t0).count();
        std::printf("%-5s %lld patients in %.1f s (%.0f patients/s), archive %.1f MiB; RSS after %.1f MiB, peak %.1f MiB\n",
                    format == rights::ExportFormat::Json ? "json" : "fhir", n, seconds, static_cast<double>(n) / seconds,
                    static_cast<double>(fs::file_size(out)) / (1024.0 * 1024.0), rssMiB(), peakRssMiB());
        fs::remove(out);
    }
    db.reset();
    if (argc <= 2) fs::remove_all(dir);
    return 0;
}
