#include "hub/core/error.h"
#include "hub/store/audit_repository.h"
#include "hub/store/clinic_repository.h"
#include "hub/store/database.h"
#include "hub/store/erasure.h"
#include "hub/store/patient_repository.h"
#include "hub/store/session_repository.h"
#include "hub/store/staff_repository.h"
#include "store_test_support.h"

#include "support/catch.h"

#include <fstream>
#include <iterator>

using namespace hub;
using hub::store::Connection;
using hub::testing::TempDir;

namespace {

const TimePoint t0 = fromUnixSeconds(1'764'000'000);

store::SessionRecord session(long long staffId, char tag, TimePoint lastSeen, TimePoint expires) {
    store::SessionRecord s;
    s.tokenHash = std::string(32, tag);
    s.csrfHash = std::string(32, 'c');
    s.staffId = staffId;
    s.createdAt = t0;
    s.lastSeenAt = lastSeen;
    s.expiresAt = expires;
    return s;
}

}  // namespace

TEST_CASE("staff are stored with their role and found by id and username", "[store][staff]") {
    TempDir dir;
    auto db = store::Database::open(dir.file("hub.db"));
    db->write([](Connection& c) {
        store::StaffRepository repo(c);
        const long long id = repo.insert({"nasrin", "Nasrin Akter", domain::Role::Nurse, "hash1", t0});
        auto byName = repo.findByUsername("nasrin");
        REQUIRE(byName);
        CHECK(byName->member.id == id);
        CHECK(byName->member.role == domain::Role::Nurse);
        CHECK(byName->member.displayName == "Nasrin Akter");
        CHECK(byName->passwordHash == "hash1");
        CHECK(byName->member.createdAt == t0);
        CHECK_FALSE(byName->member.disabled);
        CHECK_FALSE(repo.findByUsername("nobody"));
        CHECK_FALSE(repo.findById(id + 100));

        CHECK(repo.updateRole(id, domain::Role::Cashier, t0 + Seconds(5)));
        CHECK(repo.updateDisplayName(id, "N. Akter", t0 + Seconds(5)));
        CHECK(repo.setDisabled(id, true, t0 + Seconds(6)));
        CHECK(repo.setPassword(id, "hash2", t0 + Seconds(7)));
        auto after = repo.findById(id);
        CHECK(after->member.role == domain::Role::Cashier);
        CHECK(after->member.displayName == "N. Akter");
        CHECK(after->member.disabled);
        CHECK(after->passwordHash == "hash2");
        CHECK(after->passwordChangedAt == t0 + Seconds(7));
        CHECK_FALSE(repo.setDisabled(id + 100, true, t0));
    });
}

TEST_CASE("a taken username is a conflict on the username field", "[store][staff]") {
    TempDir dir;
    auto db = store::Database::open(dir.file("hub.db"));
    db->write([](Connection& c) { store::StaffRepository(c).insert({"rahim", "R", domain::Role::Doctor, "h", t0}); });
    try {
        db->write([](Connection& c) { store::StaffRepository(c).insert({"rahim", "R2", domain::Role::Nurse, "h", t0}); });
        FAIL("duplicate username stored");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::Conflict);
        CHECK(e.field() == "username");
    }
}

TEST_CASE("only active admins count as active admins", "[store][staff]") {
    TempDir dir;
    auto db = store::Database::open(dir.file("hub.db"));
    db->write([](Connection& c) {
        store::StaffRepository repo(c);
        repo.insert({"admin1", "A", domain::Role::Admin, "h", t0});
        const long long second = repo.insert({"admin2", "B", domain::Role::Admin, "h", t0});
        repo.insert({"doc", "C", domain::Role::Doctor, "h", t0});
        CHECK(repo.countActiveAdmins() == 2);
        repo.setDisabled(second, true, t0);
        CHECK(repo.countActiveAdmins() == 1);
    });
}

TEST_CASE("the clinic row is created once", "[store][clinic]") {
    TempDir dir;
    auto db = store::Database::open(dir.file("hub.db"));
    CHECK_FALSE(db->read([](Connection& c) { return store::ClinicRepository(c).get(); }));
    store::ClinicRecord clinic;
    clinic.profile.name = "Shanti Clinic";
    clinic.boxId = "00ff";
    clinic.createdAt = t0;
    db->write([&](Connection& c) { store::ClinicRepository(c).create(clinic); });
    auto got = db->read([](Connection& c) { return store::ClinicRepository(c).get(); });
    REQUIRE(got);
    CHECK(got->profile.name == "Shanti Clinic");
    CHECK(got->profile.timezone == "Asia/Dhaka");
    CHECK(got->boxId == "00ff");
    try {
        db->write([&](Connection& c) { store::ClinicRepository(c).create(clinic); });
        FAIL("second clinic row stored");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::Conflict);
    }
}

TEST_CASE("sessions are found by token hash, touched, and removed singly, per staff or when expired",
          "[store][sessions]") {
    TempDir dir;
    auto db = store::Database::open(dir.file("hub.db"));
    db->write([](Connection& c) {
        const long long staff = store::StaffRepository(c).insert({"rahim", "R", domain::Role::Doctor, "h", t0});
        store::SessionRepository repo(c);
        const long long a = repo.insert(session(staff, 'a', t0, t0 + Seconds(3600)));
        const long long b = repo.insert(session(staff, 'b', t0, t0 + Seconds(3600)));
        const long long old = repo.insert(session(staff, 'o', t0 - Seconds(4000), t0 + Seconds(3600)));
        const long long past = repo.insert(session(staff, 'p', t0, t0 - Seconds(1)));

        auto found = repo.findByTokenHash(std::string(32, 'a'));
        REQUIRE(found);
        CHECK(found->id == a);
        CHECK(found->csrfHash == std::string(32, 'c'));
        CHECK(repo.touch(a, t0 + Seconds(60)));
        CHECK(repo.findById(a)->lastSeenAt == t0 + Seconds(60));
        CHECK(repo.touch(a, t0));  // never moves backwards
        CHECK(repo.findById(a)->lastSeenAt == t0 + Seconds(60));

        CHECK(repo.removeExpired(t0, Seconds(3600)) == 2);
        CHECK_FALSE(repo.findById(old));
        CHECK_FALSE(repo.findById(past));
        CHECK(repo.removeAllOf(staff, b) == 1);
        CHECK_FALSE(repo.findById(a));
        CHECK(repo.remove(b));
        CHECK_FALSE(repo.remove(b));
        CHECK_FALSE(repo.touch(b, t0));
    });
}

TEST_CASE("audit events are listed newest first, filtered and paged", "[store][audit]") {
    TempDir dir;
    auto db = store::Database::open(dir.file("hub.db"));
    db->write([](Connection& c) {
        store::AuditRepository repo(c);
        for (long long i = 1; i <= 10; ++i) {
            store::AuditRecord r;
            r.id = i;
            r.at = t0 + Seconds(i);
            r.actorId = i % 2 == 0 ? 2 : 3;
            r.actorUsername = "u";
            r.action = i <= 5 ? "login" : "patient.read";
            if (i > 5) r.patientId = 40 + i % 2;
            r.outcome = "success";
            r.prevHash = "p";
            r.hash = "h" + std::to_string(i);
            repo.insert(r);
        }
    });
    auto ids = [&](const store::AuditQuery& q) {
        std::vector<long long> out;
        for (const auto& r : db->read([&](Connection& c) { return store::AuditRepository(c).list(q); }))
            out.push_back(r.id);
        return out;
    };
    store::AuditQuery q;
    CHECK(ids(q) == std::vector<long long>{10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
    q.limit = 3;
    CHECK(ids(q) == std::vector<long long>{10, 9, 8});
    q.beforeId = 8;
    CHECK(ids(q) == std::vector<long long>{7, 6, 5});
    store::AuditQuery byActor;
    byActor.actorId = 2;
    CHECK(ids(byActor) == std::vector<long long>{10, 8, 6, 4, 2});
    store::AuditQuery byPatient;
    byPatient.patientId = 41;
    CHECK(ids(byPatient) == std::vector<long long>{9, 7});
    store::AuditQuery byAction;
    byAction.action = "login";
    byAction.from = t0 + Seconds(2);
    byAction.until = t0 + Seconds(4);
    CHECK(ids(byAction) == std::vector<long long>{3, 2});
    store::AuditQuery clamped;
    clamped.limit = 0;
    CHECK(ids(clamped).size() == 1);

    auto tail = db->read([](Connection& c) { return store::AuditRepository(c).tail(); });
    CHECK(tail.lastId == 10);
    CHECK(tail.lastHash == "h10");
    CHECK(tail.highestIdUsed == 10);
}

TEST_CASE("the patients' ids page by page, in id order, past a gap", "[store][patients]") {
    TempDir dir;
    auto db = store::Database::open(dir.file("hub.db"));
    db->write([](Connection& c) {
        for (int n = 1; n <= 5; ++n) {
            auto q = c.prepare("INSERT INTO patients (mrn, name, sex, created_at, updated_at) VALUES (?1, 'P', 'male', 0, 0)");
            q->bind(1, "26-00000" + std::to_string(n));
            q->exec();
        }
        c.prepare("DELETE FROM patients WHERE id = 3")->exec();
    });
    const auto page = [&](long long after, int limit) {
        return db->read([&](Connection& c) { return store::PatientRepository(c).idsAfter(after, limit); });
    };
    CHECK(page(0, 2) == std::vector<long long>{1, 2});
    CHECK(page(2, 2) == std::vector<long long>{4, 5});
    CHECK(page(5, 2).empty());
    CHECK(page(0, 500) == std::vector<long long>{1, 2, 4, 5});
}

TEST_CASE("an erasure leaves the person's name nowhere in the database file or its WAL", "[store][erasure]") {
    TempDir dir;
    const auto file = dir.file("hub.db");
    auto db = store::Database::open(file);
    const std::string name = "Zarina Quietwater";
    const long long id = db->write([&](Connection& c) {
        auto q = c.prepare("INSERT INTO patients (mrn, name, sex, created_at, updated_at) VALUES ('26-000001', ?1, 'female', 0, 0)");
        q->bind(1, name);
        q->exec();
        return c.lastInsertRowid();
    });
    store::LedgerEntry entry;
    entry.patientId = id;
    entry.executedAt = t0;
    const long long ledgerId = db->write([&](Connection& tx) { return store::eraseInTransaction(tx, entry); });
    CHECK(ledgerId > 0);
    CHECK(store::checkpointAfterErasure(*db));
    const auto holdsName = [&](const std::filesystem::path& f) {
        if (!std::filesystem::exists(f)) return false;
        std::ifstream in(f, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        return bytes.find("Quietwater") != std::string::npos;
    };
    CHECK_FALSE(holdsName(file));
    CHECK_FALSE(holdsName(file.string() + "-wal"));
    CHECK(db->read([](Connection& c) { return store::DeletionLedgerRepository(c).list().size(); }) == 1);
}
