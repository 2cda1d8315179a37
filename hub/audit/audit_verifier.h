#pragma once
// Checks the audit hash chain (see audit_log.h) from the first event to the
// newest and names the first event that does not fit. Used by
// `clinic-hub audit verify`, which exits non-zero when ok is false.
#include "hub/store/database.h"

#include <optional>
#include <string>
#include <string_view>

namespace hub::audit {

enum class ChainProblem {
    None,
    Edited,     // an event's content no longer matches its hash
    Deleted,    // events are missing (an id gap, or the newest were removed)
    Reordered,  // an event sits before the event it follows in the chain
    Inserted,   // an event that is not part of the chain
};

std::string_view problemName(ChainProblem problem);  // "edited", "deleted", ...

struct ChainReport {
    bool ok = true;
    long long eventsChecked = 0;              // events found sound before any problem
    std::optional<long long> firstBadEventId;
    ChainProblem problem = ChainProblem::None;
    std::string message;                      // one line for the operator
    // The last sound event: note these down (or compare with the nightly
    // backup) to detect the newest events being cut off with every trace.
    long long headId = 0;
    std::string headHash;
};

// Reads the whole trail in one snapshot; it may take a while on a large trail
// but never blocks writers.
ChainReport verifyAuditChain(store::Database& db);

}  // namespace hub::audit
