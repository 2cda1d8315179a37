#include "hub/core/error.h"
#include "hub/store/audit_repository.h"
#include "hub/store/clinic_repository.h"
#include "hub/store/database.h"
#include "hub/store/migrations.h"
#include "hub/store/session_repository.h"
#include "hub/store/staff_repository.h"
#include "store_test_support.h"

#include <SQLiteCpp/Exception.h>
#include "support/catch.h"

#include <atomic>
#include <thread>

#include <future>
#include <set>

using namespace hub;
using hub::store::Connection;
using hub::store::Database;
using hub::testing::TempDir;

namespace {

const TimePoint t0 = fromUnixSeconds(1'764'000'000);

long long addStaff(Connection& c, const std::string& username, domain::Role role = domain::Role::Doctor) {
    return store::StaffRepository(c).insert({username, "Dr " + username, role, "$argon2id$fake", t0});
}

int staffCount(Database& db) {
    return db.read([](Connection& c) { return static_cast<int>(store::StaffRepository(c).list().size()); });
}

}  // namespace

TEST_CASE("every program names the database file the same way, and the name never changes", "[store]") {
    // Installed hubs have their records in this file: a new name would look like an empty clinic.
    CHECK(store::databaseFile("/var/lib/clinic-hub") == std::filesystem::path("/var/lib/clinic-hub/clinic-hub.db"));
    CHECK(store::databaseFile("data").filename() == "clinic-hub.db");
}

TEST_CASE("opening a new database creates the schema and records its version", "[store]") {
    TempDir dir;
    auto db = Database::open(dir.file("hub.db"));
    CHECK(db->schemaVersion() == Database::latestSchemaVersion());
    CHECK(Database::latestSchemaVersion() == store::migrations().back().version);
    auto raw = testing::rawConnection(dir.file("hub.db"));
    for (const char* table : {"clinic", "staff", "sessions", "audit_events"}) CHECK(raw.tableExists(table));
    CHECK(db->integrityCheck() == "ok");
    CHECK(db->path() == dir.file("hub.db"));
}

TEST_CASE("every table declares a primary key, so the session extension can sync it", "[store]") {
    TempDir dir;
    auto db = Database::open(dir.file("hub.db"));
    auto raw = testing::rawConnection(dir.file("hub.db"));
    // Full-text indexes (virtual tables and their shadow tables) are derived
    // data: they are rebuilt from their content tables, not synced.
    SQLite::Statement tables(raw, R"(
        SELECT name FROM sqlite_master AS t
        WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
          AND NOT EXISTS (SELECT 1 FROM sqlite_master AS v
                          WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%' AND t.name LIKE v.name || '\_%' ESCAPE '\'))");
    int checked = 0;
    while (tables.executeStep()) {
        const std::string name = tables.getColumn(0).getString();
        SQLite::Statement pk(raw, "SELECT count(*) FROM pragma_table_info(?1) WHERE pk > 0");
        pk.bind(1, name);
        pk.executeStep();
        INFO("table " << name);
        CHECK(pk.getColumn(0).getInt() >= 1);
        ++checked;
    }
    CHECK(checked >= 4);
}

TEST_CASE("migrations are numbered 1, 2, 3 ... without gaps", "[store]") {
    int expected = 1;
    for (const auto& m : hub::store::migrations()) CHECK(m.version == expected++);
    CHECK(Database::latestSchemaVersion() == expected - 1);
}

TEST_CASE("re-opening a database keeps its data and applies no migration twice", "[store]") {
    TempDir dir;
    {
        auto db = Database::open(dir.file("hub.db"));
        db->write([](Connection& c) { addStaff(c, "rahim"); });
    }
    auto db = Database::open(dir.file("hub.db"));
    CHECK(db->schemaVersion() == Database::latestSchemaVersion());
    CHECK(staffCount(*db) == 1);
}

TEST_CASE("a database newer than this build is refused with a message saying what to do", "[store]") {
    TempDir dir;
    Database::open(dir.file("hub.db")).reset();
    {
        auto raw = testing::rawConnection(dir.file("hub.db"));
        raw.exec("PRAGMA user_version = " + std::to_string(Database::latestSchemaVersion() + 1));
    }
    try {
        Database::open(dir.file("hub.db"));
        FAIL("a newer database was opened");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::Unavailable);
        const std::string message = e.what();
        CHECK_THAT(message, Catch::Contains("database schema version " +
                                           std::to_string(Database::latestSchemaVersion() + 1)));
        CHECK_THAT(message, Catch::Contains("newer than this clinic-hub"));
        CHECK_THAT(message, Catch::Contains("restore a matching backup"));
    }
    // Refusing left the file as it was.
    auto raw = testing::rawConnection(dir.file("hub.db"));
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == Database::latestSchemaVersion() + 1);
}

TEST_CASE("connections run in WAL mode with synchronous=FULL and foreign keys on", "[store]") {
    TempDir dir;
    auto db = Database::open(dir.file("hub.db"));
    auto pragmas = [](Connection& c) {
        CHECK(c.db().execAndGet("PRAGMA journal_mode").getString() == "wal");
        CHECK(c.db().execAndGet("PRAGMA synchronous").getInt() == 2);  // FULL
        CHECK(c.db().execAndGet("PRAGMA foreign_keys").getInt() == 1);
        CHECK(c.db().execAndGet("PRAGMA busy_timeout").getInt() == 5000);
    };
    SECTION("the writer") { db->write(pragmas); }
    SECTION("a reader") { db->read(pragmas); }
}

TEST_CASE("a write that throws leaves nothing behind and the error reaches the caller", "[store]") {
    TempDir dir;
    auto db = Database::open(dir.file("hub.db"));
    CHECK_THROWS_WITH(db->write([](Connection& c) {
        addStaff(c, "rahim");
        addStaff(c, "karim");
        throw conflict("changed my mind");
    }),
                      "changed my mind");
    CHECK(staffCount(*db) == 0);
    // The writer is usable again afterwards.
    db->write([](Connection& c) { addStaff(c, "rahim"); });
    CHECK(staffCount(*db) == 1);
}

TEST_CASE("write returns the lambda's value once committed", "[store]") {
    TempDir dir;
    auto db = Database::open(dir.file("hub.db"));
    const long long id = db->write([](Connection& c) { return addStaff(c, "rahim"); });
    CHECK(id > 0);
    CHECK(db->read([&](Connection& c) { return store::StaffRepository(c).findById(id)->member.username; }) == "rahim");
}

TEST_CASE("a write nested inside a write on the same thread is refused, not deadlocked", "[store]") {
    TempDir dir;
    auto db = Database::open(dir.file("hub.db"));
    try {
        db->write([&](Connection&) { db->write([](Connection&) {}); });
        FAIL("nested write ran");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::Internal);
    }
}

TEST_CASE("reads proceed while a write is in progress and see only committed data", "[store]") {
    TempDir dir;
    auto db = Database::open(dir.file("hub.db"));
    db->write([](Connection& c) { addStaff(c, "rahim"); });

    std::promise<void> inserted, mayCommit;
    auto writer = std::async(std::launch::async, [&] {
        db->write([&](Connection& c) {
            addStaff(c, "karim");
            inserted.set_value();
            mayCommit.get_future().wait();
        });
    });
    inserted.get_future().wait();
    // The writer holds its transaction open; readers neither block nor see it.
    std::vector<std::future<int>> readers;
    for (int i = 0; i < 4; ++i) readers.push_back(std::async(std::launch::async, [&] { return staffCount(*db); }));
    for (auto& r : readers) CHECK(r.get() == 1);
    mayCommit.set_value();
    writer.get();
    CHECK(staffCount(*db) == 2);
}

TEST_CASE("read connections cannot write", "[store]") {
    TempDir dir;
    auto db = Database::open(dir.file("hub.db"));
    CHECK_THROWS_AS(db->read([](Connection& c) { addStaff(c, "rahim"); }), SQLite::Exception);
    CHECK(staffCount(*db) == 0);
}

TEST_CASE("the same statement can be used again while a first use is still open", "[store]") {
    TempDir dir;
    auto db = Database::open(dir.file("hub.db"));
    db->write([](Connection& c) {
        addStaff(c, "rahim");
        addStaff(c, "karim");
    });
    const int pairs = db->read([](Connection& c) {
        int n = 0;
        auto outer = c.prepare("SELECT id FROM staff ORDER BY id");
        while (outer->executeStep()) {
            auto inner = c.prepare("SELECT id FROM staff ORDER BY id");
            while (inner->executeStep()) ++n;
        }
        return n;
    });
    CHECK(pairs == 4);
}

TEST_CASE("audit rows cannot be updated or deleted, even by the hub itself", "[store][audit]") {
    TempDir dir;
    auto db = Database::open(dir.file("hub.db"));
    db->write([](Connection& c) {
        store::AuditRecord r;
        r.id = 1;
        r.at = t0;
        r.actorUsername = "cli";
        r.action = "test";
        r.outcome = "success";
        r.prevHash = std::string(64, '0');
        r.hash = std::string(64, 'a');
        store::AuditRepository(c).insert(r);
    });
    CHECK_THROWS_WITH(db->write([](Connection& c) { c.exec("UPDATE audit_events SET outcome = 'failure'"); }),
                      Catch::Contains("append-only"));
    CHECK_THROWS_WITH(db->write([](Connection& c) { c.exec("DELETE FROM audit_events"); }),
                      Catch::Contains("append-only"));
    CHECK(db->read([](Connection& c) { return store::AuditRepository(c).tail().lastId; }) == 1);
}

TEST_CASE("deleting a staff member removes their sessions (foreign keys are enforced)", "[store]") {
    TempDir dir;
    auto db = Database::open(dir.file("hub.db"));
    db->write([](Connection& c) {
        const long long id = addStaff(c, "rahim");
        store::SessionRecord s;
        s.tokenHash = std::string(32, 'x');
        s.csrfHash = std::string(32, 'y');
        s.staffId = id;
        s.createdAt = s.lastSeenAt = t0;
        s.expiresAt = t0 + Seconds(3600);
        store::SessionRepository(c).insert(s);
        c.exec("DELETE FROM staff");
        CHECK_FALSE(store::SessionRepository(c).findByTokenHash(std::string(32, 'x')));
    });
    SECTION("and a session for a staff id that does not exist is refused") {
        CHECK_THROWS_AS(db->write([](Connection& c) {
            store::SessionRecord s;
            s.tokenHash = "t";
            s.csrfHash = "c";
            s.staffId = 999;
            store::SessionRepository(c).insert(s);
        }),
                        SQLite::Exception);
    }
}

TEST_CASE("concurrent writes share commits, and a failing one takes only itself down", "[store]") {
    TempDir dir;
    auto db = Database::open(dir.file("hub.db"));
    constexpr int threads = 16, perThread = 40;
    std::atomic<int> failures{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (int i = 0; i < perThread; ++i) {
                const std::string name = "u" + std::to_string(t) + "x" + std::to_string(i);
                try {
                    db->write([&](Connection& c) {
                        addStaff(c, name);
                        if (i % 4 == 0) throw std::runtime_error("this one fails after writing");
                    });
                } catch (const std::runtime_error&) {
                    ++failures;
                }
            }
        });
    }
    for (auto& w : workers) w.join();
    CHECK(failures == threads * perThread / 4);
    // Exactly the writes that returned normally are there: the failed ones left nothing.
    CHECK(staffCount(*db) == threads * perThread * 3 / 4);
    CHECK(db->integrityCheck() == "ok");
}
