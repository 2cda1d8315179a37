#pragma once
// One entry of the audit trail: who did what to which object, for which
// patient, from where, and whether it was allowed. Never put a password, a
// token, or a patient's name or phone in any field: use ids.
#include <optional>
#include <string>
#include <string_view>

namespace hub::audit {

enum class Outcome {
    Success,  // done
    Failure,  // attempted and failed (wrong password, validation error ...)
    Denied,   // refused by a permission or CSRF check
};

std::string_view outcomeName(Outcome outcome);  // "success", "failure", "denied"

struct AuditEvent {
    std::optional<long long> actorId;  // staff id; none for an unknown user or the CLI
    std::string actorUsername;         // as typed at login, or "cli"
    std::string actorRole;             // "admin", ...; "" when unknown
    std::string action;                // "login", "staff.create", "patient.read" ...
    std::string objectType;            // "staff", "patient", "session" ...; "" if none
    std::string objectId;              // "" if none
    std::optional<long long> patientId;
    std::string clientAddress;
    Outcome outcome = Outcome::Success;
    std::string detail;  // short and free of secrets; truncated to maxDetailBytes
};

// Room for a search's list of up to 50 patient ids and its keyed query hash.
inline constexpr std::size_t maxDetailBytes = 1024;

}  // namespace hub::audit
