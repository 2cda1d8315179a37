#include "hub/store/erasure.h"

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <thread>

namespace hub::store {

long long eraseInTransaction(Connection& tx, LedgerEntry entry) {
    // Stays on for this connection: every later change is as careful.
    tx.exec("PRAGMA secure_delete = ON");
    entry.id = DeletionLedgerRepository(tx).append(entry);
    applyErasure(tx, entry);
    // A 'delete' in an FTS5 index only adds a tombstone; the old segment keeps
    // the name's trigrams until segments are merged. 'optimize' merges them
    // all (seconds on a Pi with 200k patients; deletions are rare).
    tx.exec("INSERT INTO patients_name_index (patients_name_index) VALUES ('optimize')");
    return entry.id;
}

bool checkpointAfterErasure(Database& db) {
    SQLite::Database c(db.path().string(), SQLite::OPEN_READWRITE);
    c.setBusyTimeout(5000);
    for (int attempt = 0; attempt < 20; ++attempt) {
        SQLite::Statement q(c, "PRAGMA wal_checkpoint(TRUNCATE)");
        if (q.executeStep() && q.getColumn(0).getInt() == 0) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

}  // namespace hub::store
