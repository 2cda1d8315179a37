#pragma once
// One entry of the audit trail: who did what to which object, for which
// patient, from where, and whether it was allowed. Never put a password, a
// token, or a patient's name or phone in any field: use ids.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
    // The patients the actor was shown in a list (a search's results), so each
    // one's access report finds the event. The detail names them too (it is
    // what the hash covers); these ids are the index the report reads.
    // At most maxPatientsShown.
    std::vector<long long> patientsShown;
};

// Room for a search's list of up to 50 patient ids and its keyed query hash.
inline constexpr std::size_t maxDetailBytes = 1024;
// A search shows at most 50 patients (opd::maxSearchLimit): one event costs at
// most this many index rows.
inline constexpr std::size_t maxPatientsShown = 50;

}  // namespace hub::audit
