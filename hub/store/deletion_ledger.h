#pragma once
// The ledger of executed patient erasures (migration 8) and the one definition
// of what an erasure removes. The nightly sync uploads the whole ledger beside
// every restore point and a restore applies every entry again, so a restore
// point taken before an erasure never brings the person back. Whoever executes
// an erasure (the data-request workflow) appends the entry and calls
// applyErasure in the same transaction.
#include "hub/core/clock.h"
#include "hub/store/connection.h"

#include <optional>
#include <string>
#include <vector>

namespace hub::store {

struct LedgerEntry {
    long long id = 0;  // assigned by append()
    long long patientId = 0;
    std::string action = "anonymise";  // the only action so far
    bool clearNotes = false;           // the clinic's policy: free-text notes cleared too
    TimePoint executedAt{};
    std::optional<long long> executedBy;
    std::optional<long long> requestId;
};

class DeletionLedgerRepository {
public:
    explicit DeletionLedgerRepository(Connection& c) : c_(c) {}

    // Appends entry and returns its id. REQUIRES: a write transaction.
    long long append(const LedgerEntry& entry);
    // Adds entry with its own id unless that id is present (a restore merging
    // the newest ledger into an older restore point). Returns true if added.
    bool merge(const LedgerEntry& entry);
    // Oldest first.
    std::vector<LedgerEntry> list();

private:
    Connection& c_;
};

// Erases the identifying parts of entry.patientId's record: the name becomes
// "Anonymised patient", address and guardian are emptied, the birth date keeps
// only its year (approximate), phones are removed, tracking links are voided,
// and with clearNotes the visits' notes and the copies amendments keep. Visits,
// prescriptions, vitals and audit events stay, so clinical counts stay right.
// Idempotent; a patient who is not there is skipped. REQUIRES: a write
// transaction (secure_delete is on in this build of SQLite: freed pages are zeroed).
void applyErasure(Connection& tx, const LedgerEntry& entry);

}  // namespace hub::store
