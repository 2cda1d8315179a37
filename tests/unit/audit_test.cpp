#include "hub/audit/audit_log.h"
#include "hub/audit/audit_verifier.h"
#include "hub/core/error.h"
#include "hub/store/database.h"
#include "hub/store/migrations.h"
#include "store_test_support.h"

#include "support/catch.h"

using namespace hub;
using hub::audit::ChainProblem;
using hub::store::Connection;
using hub::testing::TempDir;

namespace {

// A trail of `count` events in a fresh database, and a way to tamper with the
// file the way someone with shell access would: drop the triggers, edit rows.
struct Trail {
    TempDir dir;
    ManualClock clock{fromUnixSeconds(1'764'000'000)};
    audit::AuditLog log{clock};
    std::unique_ptr<store::Database> db = store::Database::open(dir.file("hub.db"));

    explicit Trail(int count) {
        for (int i = 0; i < count; ++i) append("staff.read", std::to_string(i + 1));
    }
    store::AuditRecord append(const std::string& action, const std::string& objectId) {
        clock.advance(Seconds(1));
        audit::AuditEvent e;
        e.actorId = 7;
        e.actorUsername = "rahim";
        e.actorRole = "admin";
        e.action = action;
        e.objectType = "staff";
        e.objectId = objectId;
        e.clientAddress = "192.168.1.20";
        return db->write([&](Connection& tx) { return log.append(tx, e); });
    }
    void tamper(const std::vector<std::string>& statements) {
        db.reset();
        {
            auto raw = testing::rawConnection(dir.file("hub.db"));
            raw.exec("DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;");
            for (const auto& s : statements) raw.exec(s);
        }
        db = store::Database::open(dir.file("hub.db"));
    }
    audit::ChainReport verify() { return audit::verifyAuditChain(*db); }
};

void requireProblem(const audit::ChainReport& report, ChainProblem problem, long long firstBad) {
    INFO(report.message);
    CHECK_FALSE(report.ok);
    CHECK(audit::problemName(report.problem) == audit::problemName(problem));
    REQUIRE(report.firstBadEventId);
    CHECK(*report.firstBadEventId == firstBad);
}

}  // namespace

TEST_CASE("an empty trail verifies", "[audit]") {
    Trail trail(0);
    const auto report = trail.verify();
    CHECK(report.ok);
    CHECK(report.eventsChecked == 0);
    CHECK(report.headHash == audit::genesisHash());
}

TEST_CASE("a clean chain verifies and reports its head for the operator to note", "[audit]") {
    Trail trail(5);
    const auto last = trail.append("login", "9");
    const auto report = trail.verify();
    CHECK(report.ok);
    CHECK(report.problem == ChainProblem::None);
    CHECK(report.eventsChecked == 6);
    CHECK(report.headId == last.id);
    CHECK(report.headHash == last.hash);
    CHECK_FALSE(report.firstBadEventId);
}

TEST_CASE("each event links to the one before it and hashes its own content", "[audit]") {
    Trail trail(0);
    const auto first = trail.append("login", "1");
    const auto second = trail.append("login", "2");
    CHECK(first.id == 1);
    CHECK(first.prevHash == audit::genesisHash());
    CHECK(second.prevHash == first.hash);
    CHECK(first.hash.size() == 64);
    CHECK(audit::eventHash(first) == first.hash);
    auto moved = first;
    moved.id = 2;
    CHECK(audit::eventHash(moved) != first.hash);  // the id is part of the hash
    auto noPatient = first, patientZero = first;
    patientZero.patientId = 0;
    CHECK(audit::eventHash(noPatient) != audit::eventHash(patientZero));  // absent differs from 0
}

TEST_CASE("an event appended in a transaction that rolls back leaves no trace", "[audit]") {
    Trail trail(2);
    CHECK_THROWS(trail.db->write([&](Connection& tx) {
        audit::AuditEvent e;
        e.actorUsername = "cli";
        e.action = "staff.create";
        trail.log.append(tx, e);
        throw conflict("rolled back");
    }));
    const auto report = trail.verify();
    CHECK(report.ok);
    CHECK(report.eventsChecked == 2);
}

TEST_CASE("an event without an action is a caller bug", "[audit]") {
    Trail trail(0);
    CHECK_THROWS_AS(trail.db->write([&](Connection& tx) { trail.log.append(tx, audit::AuditEvent{}); }), Error);
}

TEST_CASE("long details are cut to a bounded length without splitting a character", "[audit]") {
    Trail trail(0);
    audit::AuditEvent e;
    e.actorUsername = "cli";
    e.action = "note";
    e.detail = "x" + std::string(300, '\0');
    for (std::size_t i = 1; i < e.detail.size(); i += 2) {
        e.detail[i] = '\xc3';
        e.detail[i + 1] = '\xa9';  // é
    }
    const auto r = trail.db->write([&](Connection& tx) { return trail.log.append(tx, e); });
    CHECK(r.detail.size() <= audit::maxDetailBytes);
    CHECK(r.detail.size() % 2 == 1);  // "x" plus whole two-byte characters
    CHECK(trail.verify().ok);
}

TEST_CASE("verification names an edited event", "[audit]") {
    Trail trail(5);
    SECTION("content changed") {
        trail.tamper({"UPDATE audit_events SET outcome = 'failure' WHERE id = 3"});
        requireProblem(trail.verify(), ChainProblem::Edited, 3);
    }
    SECTION("hash changed to hide it") {
        trail.tamper({"UPDATE audit_events SET hash = '" + std::string(64, 'f') + "' WHERE id = 3"});
        requireProblem(trail.verify(), ChainProblem::Edited, 3);
    }
    SECTION("content changed and its own hash recomputed") {
        auto record = trail.db->read([](Connection& c) {
            store::AuditRecord r;
            store::AuditRepository(c).forEachInIdOrder([&](const store::AuditRecord& e) {
                r = e;
                return e.id < 3;
            });
            return r;
        });
        record.detail = "forged";
        const std::string forged = audit::eventHash(record);
        trail.tamper({"UPDATE audit_events SET detail = 'forged', hash = '" + forged + "' WHERE id = 3"});
        const auto report = trail.verify();
        requireProblem(report, ChainProblem::Edited, 4);
        CHECK_THAT(report.message, Catch::Contains("event 4 does not follow event 3"));
    }
    SECTION("the verifier counts the sound events before the problem") {
        trail.tamper({"UPDATE audit_events SET actor_username = 'karim' WHERE id = 4"});
        const auto report = trail.verify();
        CHECK(report.eventsChecked == 3);
        CHECK(report.headId == 3);
    }
}

TEST_CASE("verification names a deleted event", "[audit]") {
    Trail trail(5);
    SECTION("in the middle") {
        trail.tamper({"DELETE FROM audit_events WHERE id = 3"});
        const auto report = trail.verify();
        requireProblem(report, ChainProblem::Deleted, 4);
        CHECK_THAT(report.message, Catch::Contains("gap before id 4"));
    }
    SECTION("the first") {
        trail.tamper({"DELETE FROM audit_events WHERE id = 1"});
        requireProblem(trail.verify(), ChainProblem::Deleted, 2);
    }
    SECTION("the newest, which sqlite_sequence still remembers") {
        trail.tamper({"DELETE FROM audit_events WHERE id >= 4"});
        const auto report = trail.verify();
        requireProblem(report, ChainProblem::Deleted, 4);
        CHECK(report.headId == 3);
    }
    SECTION("the newest, and the hub has appended since") {
        trail.tamper({"DELETE FROM audit_events WHERE id >= 4"});
        const auto next = trail.append("login", "x");
        CHECK(next.id == 6);  // ids are never reused, so the gap stays visible
        requireProblem(trail.verify(), ChainProblem::Deleted, 6);
    }
}

TEST_CASE("verification names reordered events", "[audit]") {
    Trail trail(6);
    SECTION("two neighbours swapped") {
        trail.tamper({"UPDATE audit_events SET id = -3 WHERE id = 3", "UPDATE audit_events SET id = 3 WHERE id = 4",
                      "UPDATE audit_events SET id = 4 WHERE id = -3"});
        const auto report = trail.verify();
        requireProblem(report, ChainProblem::Reordered, 3);
        CHECK_THAT(report.message, Catch::Contains("follows event 4"));
    }
    SECTION("two distant events swapped") {
        trail.tamper({"UPDATE audit_events SET id = -2 WHERE id = 2", "UPDATE audit_events SET id = 2 WHERE id = 5",
                      "UPDATE audit_events SET id = 5 WHERE id = -2"});
        requireProblem(trail.verify(), ChainProblem::Reordered, 2);
    }
}

TEST_CASE("verification names an inserted event", "[audit]") {
    Trail trail(5);
    // Make room after event 3 by moving events 4 and 5 up one id.
    const std::vector<std::string> makeRoom = {"UPDATE audit_events SET id = id + 100 WHERE id > 3",
                                               "UPDATE audit_events SET id = id - 99 WHERE id > 100"};
    const auto third = trail.db->read([](Connection& c) {
        std::string hash;
        store::AuditRepository(c).forEachInIdOrder([&](const store::AuditRecord& e) {
            hash = e.hash;
            return e.id < 3;
        });
        return hash;
    });
    store::AuditRecord forged;
    forged.id = 4;
    forged.at = fromUnixSeconds(1'764'000'004);
    forged.actorUsername = "mallory";
    forged.action = "login";
    forged.outcome = "success";

    SECTION("a crude forgery that does not link") {
        forged.prevHash = std::string(64, '1');
        forged.hash = audit::eventHash(forged);
    }
    SECTION("a careful forgery linked to the event before it") {
        forged.prevHash = third;
        forged.hash = audit::eventHash(forged);
    }
    auto statements = makeRoom;
    statements.push_back(
        "INSERT INTO audit_events (id, at, actor_username, actor_role, action, outcome, prev_hash, hash) "
        "VALUES (4, 1764000004, 'mallory', '', 'login', 'success', '" +
        forged.prevHash + "', '" + forged.hash + "')");
    trail.tamper(statements);
    requireProblem(trail.verify(), ChainProblem::Inserted, 4);
}

TEST_CASE("the patients a search showed are indexed under its event, and a patient's trail lists both kinds, newest "
          "first, paged",
          "[audit][patients-shown]") {
    Trail trail(0);
    auto event = [&](const std::string& action, std::optional<long long> patient, std::vector<long long> shown) {
        trail.clock.advance(Seconds(1));
        audit::AuditEvent e;
        e.actorUsername = "desk";
        e.actorRole = "receptionist";
        e.action = action;
        e.patientId = patient;
        e.patientsShown = std::move(shown);
        return trail.db->write([&](Connection& tx) { return trail.log.append(tx, e); }).id;
    };
    const long long read5 = event("patient.read", 5, {});
    const long long search57 = event("patient.search", std::nullopt, {5, 7});
    event("patient.search", std::nullopt, {7});
    const long long update5 = event("patient.update", 5, {});
    event("patient.read", 7, {});
    const long long search5 = event("patient.search", std::nullopt, {5});

    auto ids = [&](long long patient, std::optional<long long> before, int limit) {
        return trail.db->read([&](Connection& c) {
            std::vector<long long> out;
            for (const auto& r : store::AuditRepository(c).listForPatient(patient, before, limit)) out.push_back(r.id);
            return out;
        });
    };
    CHECK(ids(5, std::nullopt, 50) == std::vector<long long>{search5, update5, search57, read5});
    CHECK(ids(5, std::nullopt, 2) == std::vector<long long>{search5, update5});
    CHECK(ids(5, update5, 2) == std::vector<long long>{search57, read5});
    CHECK(ids(5, read5, 2).empty());
    CHECK(ids(9, std::nullopt, 50).empty());
    // The index is not part of the hashed event: the chain verifies as before.
    CHECK(trail.verify().ok);

    // More than a search may show is a caller's bug, refused before anything is written.
    audit::AuditEvent tooMany;
    tooMany.action = "patient.search";
    tooMany.actorUsername = "desk";
    for (long long i = 1; i <= static_cast<long long>(audit::maxPatientsShown) + 1; ++i) tooMany.patientsShown.push_back(i);
    CHECK_THROWS_AS(trail.db->write([&](Connection& tx) { return trail.log.append(tx, tooMany); }), Error);
}

TEST_CASE("migration 13 indexes the patients shown by the searches recorded before it", "[audit][patients-shown]") {
    TempDir dir;
    {
        SQLite::Database raw(dir.file("hub.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        int before = 0;
        for (const auto& m : store::migrations()) {
            if (m.name == "0013_audit_patients_shown") break;
            raw.exec(std::string(m.sql));
            before = m.version;
        }
        raw.exec("PRAGMA user_version = " + std::to_string(before));
        // Hashes do not matter to the migration; the verifier is not asked here.
        raw.exec(
            "INSERT INTO audit_events (id, at, actor_username, actor_role, action, outcome, detail, prev_hash, hash) "
            "VALUES (1, 1, 'desk', 'receptionist', 'patient.search', 'success', "
            "        'results 2; patients 5,7; query hmac-sha256 ab12', 'x', 'x'),"
            "       (2, 2, 'desk', 'receptionist', 'patient.search', 'success', "
            "        'results 0; patients -; query hmac-sha256 cd34', 'x', 'x'),"
            "       (3, 3, 'desk', 'receptionist', 'patient.search', 'failure', "
            "        'invalid_input q: patients 9; query x', 'x', 'x'),"
            "       (4, 4, 'desk', 'receptionist', 'patient.search', 'success', 'an older shape', 'x', 'x'),"
            "       (5, 5, 'desk', 'receptionist', 'patient.read', 'success', 'results 1; patients 8; query q', 'x', 'x')");
    }
    auto db = store::Database::open(dir.file("hub.db"));
    const auto rows = db->read([](Connection& c) {
        std::vector<std::pair<long long, long long>> out;
        SQLite::Statement q(c.db(), "SELECT patient_id, event_id FROM audit_patients_shown ORDER BY patient_id");
        while (q.executeStep()) out.emplace_back(q.getColumn(0).getInt64(), q.getColumn(1).getInt64());
        return out;
    });
    CHECK(rows == std::vector<std::pair<long long, long long>>{{5, 1}, {7, 1}});
}
