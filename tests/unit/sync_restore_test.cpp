// What a restore refuses, what pruning keeps, when a run starts a new full
// copy, and the audit trail checked against the cloud's signed anchors.
#include "hub/audit/audit_verifier.h"
#include "hub/sync/cloud_copy.h"
#include "hub/sync/cloud_verify.h"
#include "hub/store/snapshot.h"
#include "hub/sync/layout.h"
#include "hub/tls/x509_certificate.h"
#include "support/database_compare.h"
#include "sync_test_support.h"

#include <SQLiteCpp/Database.h>

#include <set>

using namespace hub;
using namespace hub::testing;
using namespace std::chrono_literals;

TEST_CASE("a restore refuses a data directory holding a clinic unless forced, and then keeps the old one aside",
          "[sync][restore]") {
    SyncFixture f;
    f.addDays(2);
    f.sync();
    SECTION("without --force") {
        try {
            f.restoreInto(f.dataDir);
            FAIL("restored over a clinic");
        } catch (const sync::SyncError&) {
            FAIL("wrong error");
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::Conflict);
            CHECK(std::string(e.what()).find("--force") != std::string::npos);
        }
    }
    SECTION("with --force") {
        const auto other = f.temp.path() / "other-box";
        std::filesystem::create_directories(other);
        store::copyDatabase(f.database(), other / "clinic-hub.db");  // a clinic is there
        CHECK_THROWS_AS(f.restoreInto(other), Error);
        const auto report = f.restoreInto(other, std::nullopt, true);
        CHECK_FALSE(report.replacedSuffix.empty());
        CHECK(std::filesystem::exists(other / ("clinic-hub.db" + report.replacedSuffix)));
        CHECK(databaseDifferences(f.database(), other / "clinic-hub.db").empty());
    }
    SECTION("an empty database, as a daemon started too early leaves, is no clinic") {
        const auto other = f.temp.path() / "early-box";
        std::filesystem::create_directories(other);
        { auto db = store::Database::open(other / "clinic-hub.db"); }
        const auto report = f.restoreInto(other);
        CHECK(databaseDifferences(f.database(), other / "clinic-hub.db").empty());
        CHECK(std::filesystem::exists(other / ("clinic-hub.db" + report.replacedSuffix)));
    }
    SECTION("a restore point that does not exist is named") {
        try {
            f.restoreInto(f.temp.path() / "new-box", 9);
            FAIL("restored a point that is not there");
        } catch (const Error& e) {
            CHECK(e.field() == "restore-point");
            CHECK(std::string(e.what()).find("available: 1") != std::string::npos);
        }
    }
}

TEST_CASE("pruning removes what no kept restore point needs, and what is kept still restores", "[sync][retention]") {
    SyncFixture f;
    f.settings.retention = {1, 0, 0};
    f.settings.fullEveryDays = 2;
    f.addDays(2);
    f.sync();                 // 1: full
    for (int day = 0; day < 3; ++day) {
        f.clock.advance(24h);
        f.addDays(1);
        f.sync();             // 2: changes; 3: full (two days since 1); 4: changes
    }
    REQUIRE(sync::listRestorePoints(f.store) == std::vector<std::uint64_t>{4});
    // Exactly what point 4 names is left: its chain (full copy 3, changes 4)
    // and the files and ledger objects, unchanged since run 1.
    std::set<std::string> named, stored;
    for (const auto& ref : sync::fetchRestorePoint(f.store, f.key, 4).objects()) named.insert(ref.name);
    for (const auto& o : f.store.list(sync::layout::dataPrefix)) stored.insert(o.name);
    CHECK(stored == named);
    std::set<std::uint64_t> sequences;
    for (const auto& name : stored) sequences.insert(sync::layout::sequenceOf(name));
    CHECK(sequences == std::set<std::uint64_t>{1, 3, 4});
    f.restoreInto(f.temp.path() / "new-box");
    CHECK(databaseDifferences(f.database(), f.temp.path() / "new-box" / "clinic-hub.db").empty());
}

TEST_CASE("a schema change (or a lost base) starts a new full copy", "[sync][run]") {
    SyncFixture f;
    f.addDays(2);
    f.sync();
    f.clock.advance(24h);
    auto state = *sync::loadState(sync::SyncPaths{f.dataDir});
    state.baseSchema -= 1;  // as if the last restore point was made before a migration
    sync::saveState(sync::SyncPaths{f.dataDir}, state);
    CHECK(f.sync().full);
    f.clock.advance(24h);
    CHECK_FALSE(f.sync().full);
    std::filesystem::remove(f.dataDir / "sync" / "base.db");
    f.clock.advance(24h);
    CHECK(f.sync().full);
}

TEST_CASE("the cloud's signed anchors catch an audit trail cut short or rewritten, which the local check cannot",
          "[sync][audit]") {
    SyncFixture f;
    f.addDays(2);
    f.sync();
    const auto root = tls::readTextFile(f.dataDir / "tls" / "ca.crt");
    REQUIRE(sync::checkAuditAgainstCloud(f.store, f.key, root, *f.db).ok());

    SECTION("the newest events deleted and sqlite_sequence reset") {
        {
            SQLite::Database raw(f.database().string(), SQLite::OPEN_READWRITE);
            raw.exec("DROP TRIGGER audit_events_no_delete");
            raw.exec("DELETE FROM audit_events WHERE id > (SELECT max(id) - 5 FROM audit_events)");
            raw.exec("UPDATE sqlite_sequence SET seq = (SELECT max(id) FROM audit_events) WHERE name = 'audit_events'");
        }
        CHECK(audit::verifyAuditChain(*f.db).ok);  // the local chain alone looks sound
        const auto report = sync::checkAuditAgainstCloud(f.store, f.key, root, *f.db);
        REQUIRE(report.problems.size() == 1);
        CHECK(report.problems.front().find("cut short") != std::string::npos);
    }
    SECTION("an event edited and every hash after it recomputed") {
        {
            SQLite::Database raw(f.database().string(), SQLite::OPEN_READWRITE);
            raw.exec("DROP TRIGGER audit_events_no_update");
            raw.exec("UPDATE audit_events SET detail = 'changed', hash = 'x' || substr(hash, 2) WHERE id = (SELECT max(id) FROM audit_events)");
        }
        const auto report = sync::checkAuditAgainstCloud(f.store, f.key, root, *f.db);
        REQUIRE(report.problems.size() == 1);
        CHECK(report.problems.front().find("rewritten") != std::string::npos);
    }
    SECTION("an anchor not signed by this hub's root") {
        const auto otherRoot = f.temp.path() / "other-tls";
        tls::CertificateAuthority(otherRoot, f.clock).ensureRoot("other");
        const auto report = sync::checkAuditAgainstCloud(f.store, f.key, tls::readTextFile(otherRoot / "ca.crt"), *f.db);
        REQUIRE_FALSE(report.ok());
        CHECK(report.problems.front().find("not signed") != std::string::npos);
    }
}

TEST_CASE("a bucket holding another clinic's copy is refused before anything is written", "[sync][run]") {
    SyncFixture a, b;
    a.addDays(1);
    a.sync();
    const auto objectsBefore = a.store.objects().size();
    b.addDays(1);
    const auto e = syncErrorOf([&] { b.sync(a.store); });
    CHECK(e.problem() == sync::SyncProblem::Conflict);
    CHECK(std::string(e.what()).find("another clinic") != std::string::npos);
    CHECK(a.store.objects().size() == objectsBefore);
}
