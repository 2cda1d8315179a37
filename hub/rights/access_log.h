#pragma once
// "Who looked at my record?": every read and change of one patient's record,
// and every search whose results showed the patient, from the hash-chained
// audit trail - who (username and role), when, what (the action, in words a
// patient understands) and whether it was allowed. Reading the access log is
// itself recorded.
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/core/clock.h"
#include "hub/store/audit_repository.h"
#include "hub/store/database.h"

#include <optional>
#include <string>
#include <vector>

namespace hub::rights {

struct AccessEntry {
    store::AuditRecord event;
    std::string what;  // "read the record", "exported the record (fhir)" ...
};

// The plain-words description of an audit action about a patient.
std::string describeAccess(const std::string& action);

class AccessLogService {
public:
    AccessLogService(store::Database& db, const Clock& clock, audit::AuditLog& audit)
        : db_(db), clock_(clock), audit_(audit) {}

    // Newest first, at most limit (1..500); beforeId pages. NotFound for an
    // unknown patient.
    std::vector<AccessEntry> accessLog(const auth::ActorContext& actor, long long patientId,
                                       std::optional<long long> beforeId, int limit);

private:
    store::Database& db_;
    const Clock& clock_;
    audit::AuditLog& audit_;
};

}  // namespace hub::rights
