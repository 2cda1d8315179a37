#pragma once
// Appends audit events to a hash chain.
//
// Each event stores prev_hash (the hash of the event before it, or 64 zeros for
// the first) and hash = SHA-256 over a domain tag, prev_hash and a
// length-prefixed encoding of every field including the id. Editing, deleting
// or reordering stored events therefore breaks the chain, which
// verifyAuditChain (audit_verifier.h) reports.
//
// What a plain hash chain cannot show: someone with write access to the file
// who rewrites an event AND recomputes every hash after it, or who deletes the
// newest events and also resets sqlite_sequence. Compare the head hash and
// count reported by `clinic-hub audit verify` with a value noted earlier (or
// held by the nightly backup) to catch those.
#include "hub/audit/audit_event.h"
#include "hub/core/clock.h"
#include "hub/store/audit_repository.h"
#include "hub/store/connection.h"

#include <string>

namespace hub::audit {

// The prev_hash of the first event.
const std::string& genesisHash();

// The hash an event must carry, computed from its id, fields and prev_hash.
std::string eventHash(const store::AuditRecord& record);

class AuditLog {
public:
    explicit AuditLog(const Clock& clock) : clock_(clock) {}

    // Appends event, stamped with the clock's time, and returns the stored row.
    // REQUIRES: tx is the connection of a Database::write transaction, so the
    // event commits (or rolls back) together with the change it records.
    // Throws Error(Internal) when action is empty or more than
    // maxPatientsShown patients were shown: a caller bug.
    store::AuditRecord append(store::Connection& tx, const AuditEvent& event);

private:
    const Clock& clock_;
};

}  // namespace hub::audit
