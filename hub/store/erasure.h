#pragma once
// Executing an anonymisation so that nothing of the person stays readable in
// the database file: secure_delete is switched on for the writer before the
// change (freed space is zeroed), the name index is merged so no segment keeps
// the old name's trigrams, and after the commit the WAL is checkpointed and
// truncated, so the old pages do not linger there either.
#include "hub/store/connection.h"
#include "hub/store/database.h"
#include "hub/store/deletion_ledger.h"

namespace hub::store {

// Appends entry to the deletion ledger (the sync re-applies it after any
// restore) and erases the record. Returns the ledger id. REQUIRES: a write
// transaction; call checkpointAfterErasure after it commits.
long long eraseInTransaction(Connection& tx, LedgerEntry entry);

// PRAGMA wal_checkpoint(TRUNCATE) on a connection of its own, retried while
// readers finish. Returns false if the WAL could not be emptied (it will be at
// the next checkpoint; the caller reports it).
bool checkpointAfterErasure(Database& db);

}  // namespace hub::store
