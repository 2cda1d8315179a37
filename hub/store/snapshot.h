#pragma once
// The database as the nightly sync sees it: a page-for-page copy of the live
// file taken without stopping the hub, row-level changesets between two such
// copies (SQLite's session extension), and putting a copy back together on a
// replacement box. The SQL and every sqlite3 call the sync needs live here;
// hub/sync only moves the bytes.
#include "hub/store/connection.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hub::store {

// Copies the database at `live` to `copy` with SQLite's online backup, in one
// read transaction: a consistent state even while clinic-hubd writes (WAL lets
// it go on). The copy is one self-contained file (rollback journal, no -wal).
void copyDatabase(const std::filesystem::path& live, const std::filesystem::path& copy);

// A standalone database file (a snapshot, a base, a restore in progress),
// opened outside Database: no migrations, no pool.
std::unique_ptr<Connection> openDatabaseFile(const std::filesystem::path& file, bool writable);

// What a restore point records about the snapshot it was made from.
struct SnapshotFacts {
    int schemaVersion = 0;
    // sqlite_sequence: AUTOINCREMENT's memory of the highest id ever used. It
    // has no primary key, so changesets do not carry it.
    std::vector<std::pair<std::string, long long>> sequences;
    long long auditHeadId = 0;   // 0: no audit events
    std::string auditHeadHash;   // "" when there are none
};
SnapshotFacts snapshotFacts(Connection& snapshot);

// The tables a changeset covers: every ordinary table, without SQLite's own
// and without the shadow tables of full-text indexes (rebuilt on restore).
// Throws Error(Internal) naming a table without a primary key, which the
// session extension would silently leave out.
std::vector<std::string> syncedTables(Connection& db);

// The changes that turn `older` into `newer` (both copies made by
// copyDatabase with the same schema), as one changeset. Empty when equal.
std::string diffSnapshots(const std::filesystem::path& newer, const std::filesystem::path& older);

// Applies a changeset made by diffSnapshots. Any conflict (a row that is not
// as the changeset expects) aborts and throws Error(Unavailable): the restore
// point does not fit the database it is applied to.
void applyChangeset(Connection& db, std::string_view changeset);

// After a restore: sqlite_sequence as recorded, and the name index rebuilt.
void restoreSequences(Connection& db, const std::vector<std::pair<std::string, long long>>& sequences);
void rebuildSearchIndexes(Connection& db);
// The virtual (full-text) tables of the schema; rebuildSearchIndexes knows each.
std::vector<std::string> searchIndexes(Connection& db);

// PRAGMA integrity_check and foreign_key_check: "ok", or what is wrong.
std::string checkDatabaseFile(Connection& db);

}  // namespace hub::store
