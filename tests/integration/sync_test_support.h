#pragma once
// What the sync integration tests share: a demo clinic set up to sync to the
// S3 world, days of OPD written into its database, and restoring it onto a
// fresh "box" (another data directory) with the real clinic-hub.
#include "s3_world.h"
#include "support/database_compare.h"
#include "test_support.h"

#include "hub/domain/clinic_day.h"
#include "hub/opd/synthetic_history.h"
#include "hub/store/database.h"
#include "hub/store/staff_repository.h"

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace hub::it {

inline const std::string syncPassphrase = "integration test recovery passphrase";

// A nightly window, in the demo clinic's time (Asia/Dhaka), that starts
// hoursAhead from now and lasts an hour: a test's hub must not start its own
// nightly run while the test runs the sync (CI runs at any hour; at 01:05
// Dhaka time the default 01:00-05:00 window is open).
inline std::string syncWindowAwayFromNow(int hoursAhead) {
    const auto now = std::chrono::system_clock::now();
    const auto utcMinute = std::chrono::duration_cast<std::chrono::minutes>(
                               now - std::chrono::floor<std::chrono::days>(now)).count();
    const long long local = utcMinute + domain::utcOffsetMinutes(now, "Asia/Dhaka");
    const long long start = ((local + 60LL * hoursAhead) % 1440 + 1440) % 1440;
    const long long end = (start + 60) % 1440;
    char text[16];
    std::snprintf(text, sizeof text, "%02lld:%02lld-%02lld:%02lld", start / 60, start % 60, end / 60, end % 60);
    return text;
}

// A box's nightly window, as updateSyncSettings would set it (a restored box
// too: it starts with the default window).
inline void setSyncWindow(const HubDataDir& box, const std::string& text) {
    const auto file = box.dataDir() / "sync" / "settings.json";
    auto settings = Poco::JSON::Parser().parse(readFile(file)).extract<Poco::JSON::Object::Ptr>();
    settings->set("window", text);
    writeFile(file, toJson(*settings));
}

struct SyncedClinic {
    TempDir temp{"clinic-hub-sync"};
    S3World world{temp.path() / "world"};
    HubDataDir box;  // the demo clinic
    std::filesystem::path secret = temp.path() / "secret";
    std::filesystem::path passphrase = temp.path() / "passphrase";
    int daysAdded = 0;

    explicit SyncedClinic(bool viaProxy = false) {
        writeFile(secret, std::string(S3World::secretKey) + "\n");
        writeFile(passphrase, syncPassphrase + "\n");
        auto args = std::vector<std::string>{"sync", "init"};
        for (const auto& a : world.targetArgs(secret, viaProxy)) args.push_back(a);
        args.insert(args.end(), {"--passphrase-file", passphrase.string()});
        const auto r = box.cli(args);
        INFO(r.describe());
        REQUIRE(r.succeeded());
        setWindow(window);
    }

    const std::string window = syncWindowAwayFromNow(12);

    void setWindow(const std::string& text) const { setSyncWindow(box, text); }

    // n days of OPD (about `visits` a day), written as the services would (also while clinic-hubd serves).
    void addDays(int n, int visits = 100) {
        auto db = store::Database::open(box.database());
        const auto staff = db->read([](store::Connection& c) { return store::StaffRepository(c).list(); });
        opd::HistoryOptions o;
        for (const auto& s : staff) {
            if (s.member.username == "dr.rahman") o.doctors.push_back({s.member.id, "dr.rahman", "A"});
            if (s.member.username == "dr.sen") o.doctors.push_back({s.member.id, "dr.sen", "B"});
            if (s.member.username == "reception") o.receptionId = s.member.id;
            if (s.member.username == "nurse.akter") o.nurseId = s.member.id;
        }
        const std::chrono::year_month_day first(std::chrono::sys_days(std::chrono::year(2025) / 1 / 1) +
                                                std::chrono::days(daysAdded));
        o.firstDay = {static_cast<int>(first.year()), static_cast<int>(static_cast<unsigned>(first.month())),
                      static_cast<int>(static_cast<unsigned>(first.day()))};
        o.days = n;
        o.visitsPerDay = visits;
        o.seed = static_cast<std::uint64_t>(1000 + daysAdded);
        opd::SyntheticPatients patients(static_cast<std::uint64_t>(77 + daysAdded));
        opd::insertSyntheticHistory(*db, patients, o);
        daysAdded += n;
    }

    ProgramResult syncNow() const { return box.cli({"sync", "now"}); }

    // The metered-link limit, as updateSyncSettings would set it.
    void setBandwidthLimit(long long bytesPerSecond) const {
        const auto file = box.dataDir() / "sync" / "settings.json";
        auto settings = Poco::JSON::Parser().parse(readFile(file)).extract<Poco::JSON::Object::Ptr>();
        settings->set("bandwidth_limit_bytes_per_second", bytesPerSecond);
        writeFile(file, toJson(*settings));
    }

    // `clinic-hub restore` into newBox's data directory.
    ProgramResult restoreInto(const HubDataDir& newBox, std::vector<std::string> extra = {}) const {
        std::vector<std::string> args{"restore"};
        for (const auto& a : world.targetArgs(secret)) args.push_back(a);
        args.insert(args.end(), {"--passphrase-file", passphrase.string()});
        args.insert(args.end(), extra.begin(), extra.end());
        return newBox.cli(args);
    }
};

// Every "data/" and "points/" key in the store.
inline std::vector<std::string> syncObjectKeys(const S3World& world) {
    std::vector<std::string> keys;
    for (const auto& k : world.objectKeys("clinic-hub-sync/v1/"))
        if (k.find("/data/") != std::string::npos || k.find("/points/") != std::string::npos) keys.push_back(k);
    return keys;
}

// How many of names contain part.
inline std::size_t countMatching(const std::vector<std::string>& names, const std::string& part) {
    return static_cast<std::size_t>(std::count_if(names.begin(), names.end(), [&](const std::string& n) {
        return n.find(part) != std::string::npos;
    }));
}

// The restored database equals the clinic's, row for row, in every table but
// job_runs: the box's own record of its background jobs, which the sync run
// making the restore point writes after its copy, and which a restore clears
// (a new box has run nothing yet).
inline void requireRestoreEquals(const SyncedClinic& clinic, const HubDataDir& newBox) {
    std::vector<std::string> differences;
    for (auto& d : hub::testing::databaseDifferences(clinic.box.database(), newBox.database()))
        if (d.rfind("job_runs:", 0) != 0) differences.push_back(std::move(d));
    for (const auto& d : differences) WARN(d);
    CHECK(differences.empty());
    CHECK(hub::testing::comparedTableCount(newBox.database()) >= 20);
}

}  // namespace hub::it
