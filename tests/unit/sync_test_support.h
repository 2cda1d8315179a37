#pragma once
// A clinic on a temporary data directory that syncs to an in-process object
// store: the fixture of the sync's unit tests. Days of OPD history come from
// the same generator as `clinic-hub demo-data --years`.
#include "hub/audit/audit_log.h"
#include "hub/auth/bootstrap.h"
#include "hub/opd/synthetic_history.h"
#include "hub/store/database.h"
#include "hub/sync/key_wrap.h"
#include "hub/sync/object_store.h"
#include "hub/sync/restorer.h"
#include "hub/sync/sync_error.h"
#include "hub/sync/sync_run.h"
#include "hub/sync/sync_state.h"
#include "hub/tls/certificate_authority.h"
#include "store_test_support.h"

#include "support/catch.h"

namespace hub::testing {

// 2026-11-24 03:00 in Dhaka: inside the default window.
inline const TimePoint syncTestStart = fromUnixSeconds(1795456800 + 3 * 3600);

struct SyncFixture {
    TempDir temp;
    std::filesystem::path dataDir = temp.path() / "box";
    ManualClock clock{syncTestStart};
    SeededRandom random{2026};  // the sync's generation ids: fixed, so a test can name them
    std::unique_ptr<store::Database> db;
    sync::MemoryObjectStore store;
    sync::DataKey key = sync::DataKey::generate();
    std::string passphrase = "a long test passphrase";
    std::string wrapped;
    sync::SyncSettings settings;
    std::vector<opd::HistoryDoctor> doctors;
    long long receptionId = 0, nurseId = 0;
    opd::SyntheticPatients patients{42};
    int daysFilled = 0;

    SyncFixture() {
        std::filesystem::create_directories(dataDir);
        db = store::Database::open(dataDir / "clinic-hub.db");
        auth::PasswordHasher hasher(auth::Argon2Params{1024, 1, 1});
        audit::AuditLog log(clock);
        const auth::AdminToolContext ctx{*db, clock, hasher, log};
        auth::initializeClinic(ctx, "Sync Test Clinic", "admin", "a-fine-password-1");
        for (const auto& [username, prefix] : {std::pair{"dr.a", "A"}, std::pair{"dr.b", "B"}}) {
            domain::DoctorProfile d;
            d.nameEn = username;
            d.tokenPrefix = prefix;
            const auto m = auth::addStaffByUsername(ctx, username, username, "doctor", "a-fine-password-1", d);
            doctors.push_back({m.id, m.username, prefix});
        }
        receptionId = auth::addStaffByUsername(ctx, "reception", "Reception", "receptionist", "a-fine-password-1").id;
        nurseId = auth::addStaffByUsername(ctx, "nurse", "Nurse", "nurse", "a-fine-password-1").id;
        tls::CertificateAuthority(dataDir / "tls", clock).ensureRoot("testbox");
        wrapped = sync::wrapDataKey(key, passphrase, sync::KdfParams{8 * 1024, 1, 1});
        settings.target.endpoint = "https://store.example";
        settings.target.bucket = "clinic-bucket";
        settings.target.credentials = {"id", "secret"};
    }

    // n more days of OPD, each about `visits` patients.
    void addDays(int n, int visits = 40) {
        opd::HistoryOptions o;
        const std::chrono::year_month_day first(std::chrono::sys_days(std::chrono::year(2026) / 10 / 1) +
                                                std::chrono::days(daysFilled));
        o.firstDay = {static_cast<int>(first.year()), static_cast<int>(static_cast<unsigned>(first.month())),
                      static_cast<int>(static_cast<unsigned>(first.day()))};
        o.days = n;
        o.visitsPerDay = visits;
        o.doctors = doctors;
        o.receptionId = receptionId;
        o.nurseId = nurseId;
        o.seed = static_cast<std::uint64_t>(100 + daysFilled);
        opd::insertSyntheticHistory(*db, patients, o);
        daysFilled += n;
    }

    sync::RunReport sync(sync::ObjectStore& target) {
        tls::CertificateAuthority ca(dataDir / "tls", clock);
        ca.ensureRoot();
        const sync::RunContext context{sync::SyncPaths{dataDir}, settings, target, key, wrapped, clock, random,
                                       [&ca](std::string_view m) { return ca.signWithRoot(m); }, nullptr};
        return sync::runSync(context);
    }
    sync::RunReport sync() { return sync(store); }

    sync::RestoreReport restoreInto(const std::filesystem::path& dir, std::optional<std::uint64_t> point = std::nullopt,
                                    bool force = false) {
        sync::RestoreRequest r;
        r.dataDir = dir;
        r.settings = settings;
        r.passphrase = passphrase;
        r.restorePoint = point;
        r.force = force;
        return sync::restoreClinic(store, r, clock, random);
    }

    std::filesystem::path database() const { return dataDir / "clinic-hub.db"; }
};

// The SyncError fn throws; the test fails if it throws none.
inline sync::SyncError syncErrorOf(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const sync::SyncError& e) {
        return e;
    }
    FAIL("no SyncError thrown");
    return sync::SyncError(sync::SyncProblem::Conflict, "unreachable");
}

}  // namespace hub::testing
