#include "hub/cli/snapshots.h"

#include "hub/core/error.h"
#include "hub/store/database.h"
#include "hub/store/snapshot.h"
#include "support/catch.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace hub;
namespace fs = std::filesystem;

namespace {

class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "hub-snapshots-XXXXXX").string();
        path_ = mkdtemp(pattern.data());
    }
    ~TempDir() { fs::remove_all(path_); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

long long rowsIn(const fs::path& db) {
    auto c = store::openDatabaseFile(db, false);
    return c->db().execAndGet("SELECT count(*) FROM marker").getInt64();
}

}  // namespace

TEST_CASE("a snapshot is a checked copy named by time and label, and restoring it keeps the replaced database",
          "[snapshots]") {
    TempDir dir;
    const fs::path live = dir.path() / "clinic-hub.db";
    auto db = store::Database::open(live);
    db->write([](store::Connection& c) { c.db().exec("CREATE TABLE marker (id INTEGER PRIMARY KEY)"); });
    db->write([](store::Connection& c) { c.db().exec("INSERT INTO marker DEFAULT VALUES"); });
    ManualClock clock(fromUnixSeconds(1'800'000'000));  // 2027-01-15T08:00:00Z

    const auto s = cli::takeSnapshot(dir.path(), "before-0.1.0+deb12", clock);
    CHECK(s.name == "20270115T080000Z-before-0.1.0+deb12");
    CHECK(s.file == dir.path() / "snapshots" / "20270115T080000Z-before-0.1.0+deb12.db");
    CHECK(s.schemaVersion == store::Database::latestSchemaVersion());
    CHECK(rowsIn(s.file) == 1);
    CHECK_FALSE(fs::exists(s.file.string() + "-wal"));  // self-contained

    // The clinic goes on (a migration, new records), then is put back.
    db->write([](store::Connection& c) { c.db().exec("INSERT INTO marker DEFAULT VALUES"); });
    CHECK(rowsIn(live) == 2);
    db.reset();
    clock.advance(std::chrono::minutes(5));
    const auto replaced = cli::restoreSnapshot(dir.path(), s, clock);
    CHECK(replaced == dir.path() / "replaced" / "20270115T080500Z");
    CHECK(rowsIn(live) == 1);
    CHECK(rowsIn(replaced / "clinic-hub.db") == 2);  // nothing is deleted
    CHECK_FALSE(fs::exists(dir.path() / "clinic-hub.db.restoring"));
}

TEST_CASE("snapshots are listed newest first and only the newest three are kept", "[snapshots]") {
    TempDir dir;
    store::Database::open(dir.path() / "clinic-hub.db");
    ManualClock clock(fromUnixSeconds(1'800'000'000));
    for (const char* label : {"a", "b", "c", "d"}) {
        cli::takeSnapshot(dir.path(), label, clock);
        clock.advance(std::chrono::hours(1));
    }
    const auto all = cli::listSnapshots(dir.path());
    REQUIRE(all.size() == 3);
    CHECK(all[0].name == "20270115T110000Z-d");
    CHECK(all[2].name == "20270115T090000Z-b");
}

TEST_CASE("a bad label or a missing database is refused and leaves nothing", "[snapshots]") {
    TempDir dir;
    ManualClock clock(fromUnixSeconds(1'800'000'000));
    try {
        cli::takeSnapshot(dir.path(), "x", clock);
        FAIL("no database, yet a snapshot");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::NotFound);
    }
    store::Database::open(dir.path() / "clinic-hub.db");
    for (const std::string& label : {std::string(), std::string("Upper"), std::string("a/b"), std::string("../x"), std::string(65, 'a')}) {
        try {
            cli::takeSnapshot(dir.path(), label, clock);
            FAIL("label '" + label + "' accepted");
        } catch (const Error& e) {
            CHECK(e.field() == "label");
        }
    }
    CHECK(cli::listSnapshots(dir.path()).empty());
}

TEST_CASE("a damaged snapshot is not restored", "[snapshots]") {
    TempDir dir;
    store::Database::open(dir.path() / "clinic-hub.db");
    ManualClock clock(fromUnixSeconds(1'800'000'000));
    auto s = cli::takeSnapshot(dir.path(), "good", clock);
    {
        // Garbage over the schema's page, after the 100-byte file header.
        std::fstream f(s.file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(100);
        const std::string junk(2000, '\x5a');
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    const auto before = fs::file_size(dir.path() / "clinic-hub.db");
    CHECK_THROWS_AS(cli::restoreSnapshot(dir.path(), s, clock), std::exception);
    CHECK(fs::file_size(dir.path() / "clinic-hub.db") == before);
    CHECK_FALSE(fs::exists(dir.path() / "replaced"));
}
