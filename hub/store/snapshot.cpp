// The session extension's declarations in sqlite3.h are compiled only with
// these set; Debian's libsqlite3 is built with both (checked at run time too).
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "hub/store/snapshot.h"

#include "hub/core/error.h"
#include "hub/store/audit_repository.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <algorithm>

namespace hub::store {
namespace {

// sqlite3session_* and sqlite3changeset_* objects, freed on every path.
struct SessionDeleter {
    void operator()(sqlite3_session* s) const { sqlite3session_delete(s); }
};
struct SqliteFree {
    void operator()(void* p) const { sqlite3_free(p); }
};

void requireSessionExtension() {
    if (sqlite3_compileoption_used("ENABLE_SESSION") == 0)
        throw Error(ErrorCode::Unavailable,
                    "this SQLite library is built without the session extension, which the sync needs");
}

bool isShadowOf(const std::string& table, const std::vector<std::string>& virtualTables) {
    return std::any_of(virtualTables.begin(), virtualTables.end(), [&](const std::string& v) {
        return table.size() > v.size() && table.compare(0, v.size(), v) == 0 && table[v.size()] == '_';
    });
}

}  // namespace

void copyDatabase(const std::filesystem::path& live, const std::filesystem::path& copy) {
    std::filesystem::remove(copy);
    SQLite::Database source(live.string(), SQLite::OPEN_READONLY, 5000);
    SQLite::Database target(copy.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Backup backup(target, source);
    // All pages in one step: one read transaction, so one consistent state.
    backup.executeStep(-1);
    // The copy is read by itself later: no -wal beside it to lose.
    target.exec("PRAGMA journal_mode = DELETE");
}

std::unique_ptr<Connection> openDatabaseFile(const std::filesystem::path& file, bool writable) {
    const int flags = writable ? SQLite::OPEN_READWRITE : SQLite::OPEN_READONLY;
    return std::make_unique<Connection>(SQLite::Database(file.string(), flags, 5000));
}

SnapshotFacts snapshotFacts(Connection& c) {
    SnapshotFacts facts;
    facts.schemaVersion = c.db().execAndGet("PRAGMA user_version").getInt();
    auto q = c.prepare("SELECT name, seq FROM sqlite_sequence ORDER BY name");
    while (q->executeStep()) facts.sequences.emplace_back(q->getColumn(0).getString(), q->getColumn(1).getInt64());
    const AuditChainTail tail = AuditRepository(c).tail();
    facts.auditHeadId = tail.lastId;
    facts.auditHeadHash = tail.lastHash;
    return facts;
}

std::vector<std::string> searchIndexes(Connection& db) {
    std::vector<std::string> names;
    auto q = db.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name");
    while (q->executeStep()) names.push_back(q->getColumn(0).getString());
    return names;
}

std::vector<std::string> syncedTables(Connection& db) {
    const std::vector<std::string> virtualTables = searchIndexes(db);
    std::vector<std::string> tables;
    auto q = db.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name");
    while (q->executeStep()) {
        std::string name = q->getColumn(0).getString();
        if (!isShadowOf(name, virtualTables)) tables.push_back(std::move(name));
    }
    for (const auto& table : tables) {
        auto pk = db.prepare("SELECT count(*) FROM pragma_table_info(?1) WHERE pk > 0");
        pk->bind(1, table);
        pk->executeStep();
        if (pk->getColumn(0).getInt() == 0)
            throw Error(ErrorCode::Internal, "table " + table + " has no primary key: the sync cannot ship its rows");
    }
    return tables;
}

std::string diffSnapshots(const std::filesystem::path& newer, const std::filesystem::path& older) {
    requireSessionExtension();
    auto c = openDatabaseFile(newer, true);
    auto attach = c->prepare("ATTACH DATABASE ?1 AS base");
    attach->bind(1, older.string());
    attach->exec();
    const std::vector<std::string> tables = syncedTables(*c);
    sqlite3* handle = c->db().getHandle();

    sqlite3_session* raw = nullptr;
    if (sqlite3session_create(handle, "main", &raw) != SQLITE_OK)
        throw Error(ErrorCode::Internal, std::string("cannot start a session: ") + sqlite3_errmsg(handle));
    const std::unique_ptr<sqlite3_session, SessionDeleter> session(raw);
    for (const auto& table : tables) {
        if (sqlite3session_attach(session.get(), table.c_str()) != SQLITE_OK)
            throw Error(ErrorCode::Internal, "cannot follow table " + table + ": " + sqlite3_errmsg(handle));
        char* rawError = nullptr;
        const int rc = sqlite3session_diff(session.get(), "base", table.c_str(), &rawError);
        const std::unique_ptr<char, SqliteFree> error(rawError);
        if (rc != SQLITE_OK)
            throw Error(ErrorCode::Internal, "cannot compare table " + table + " with the last restore point: " +
                                                 (error ? error.get() : sqlite3_errstr(rc)));
    }
    int size = 0;
    void* rawChangeset = nullptr;
    if (sqlite3session_changeset(session.get(), &size, &rawChangeset) != SQLITE_OK)
        throw Error(ErrorCode::Internal, std::string("cannot write the changeset: ") + sqlite3_errmsg(handle));
    const std::unique_ptr<void, SqliteFree> changeset(rawChangeset);
    return std::string(static_cast<const char*>(changeset.get()), static_cast<std::size_t>(size));
}

namespace {

int abortOnConflict(void*, int, sqlite3_changeset_iter*) { return SQLITE_CHANGESET_ABORT; }

}  // namespace

void applyChangeset(Connection& db, std::string_view changeset) {
    requireSessionExtension();
    if (changeset.empty()) return;
    if (changeset.size() > static_cast<std::size_t>(INT32_MAX))
        throw Error(ErrorCode::Unavailable, "a changeset of more than 2 GiB cannot be applied in one piece");
    sqlite3* handle = db.db().getHandle();
    const int rc = sqlite3changeset_apply(handle, static_cast<int>(changeset.size()),
                                          const_cast<char*>(changeset.data()), nullptr, abortOnConflict, nullptr);
    if (rc != SQLITE_OK)
        throw Error(ErrorCode::Unavailable,
                    std::string("the changes do not apply to the database rebuilt so far: ") + sqlite3_errstr(rc));
}

void restoreSequences(Connection& db, const std::vector<std::pair<std::string, long long>>& sequences) {
    for (const auto& [name, seq] : sequences) {
        auto update = db.prepare("UPDATE sqlite_sequence SET seq = ?2 WHERE name = ?1");
        update->bind(1, name);
        update->bind(2, static_cast<int64_t>(seq));
        if (update->exec() > 0) continue;
        auto insert = db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES (?1, ?2)");
        insert->bind(1, name);
        insert->bind(2, static_cast<int64_t>(seq));
        insert->exec();
    }
}

void rebuildSearchIndexes(Connection& db) {
    for (const auto& index : searchIndexes(db)) {
        if (index != "patients_name_index")
            throw Error(ErrorCode::Internal, "rebuildSearchIndexes does not know the index " + index);
        db.exec("INSERT INTO patients_name_index (patients_name_index) VALUES ('rebuild')");
    }
}

std::string checkDatabaseFile(Connection& db) {
    std::string report;
    auto integrity = db.prepare("PRAGMA integrity_check");
    while (integrity->executeStep()) {
        const std::string line = integrity->getColumn(0).getString();
        if (line != "ok") report += (report.empty() ? "" : "; ") + line;
    }
    auto keys = db.prepare("PRAGMA foreign_key_check");
    while (keys->executeStep())
        report += (report.empty() ? "" : "; ") + std::string("a row of ") + keys->getColumn(0).getString() +
                  " refers to a missing row of " + keys->getColumn(2).getString();
    return report.empty() ? "ok" : report;
}

}  // namespace hub::store
