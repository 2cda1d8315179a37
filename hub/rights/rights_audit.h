#pragma once
// The rights services' shorthand for the one service frame (hub/service/audited.h):
// their permission checks run inside the use case (several depend on the
// record), so the attempt carries none.
#include "hub/service/audited.h"

#include <optional>
#include <string>
#include <string_view>

namespace hub::rights {

template <typename Fn>
auto auditedCall(store::Database& db, audit::AuditLog& log, const auth::ActorContext& actor, std::string_view action,
                 std::string_view objectType, const std::string& objectId, std::optional<long long> patientId,
                 Fn&& fn) {
    return service::audited(db, log, actor, service::Attempt{std::nullopt, action, objectType, objectId, patientId},
                            std::forward<Fn>(fn));
}

// Appends a success event for actor in tx.
inline void recordSuccess(audit::AuditLog& log, store::Connection& tx, const auth::ActorContext& actor,
                          std::string_view action, std::string_view objectType, const std::string& objectId,
                          std::optional<long long> patientId, std::string detail = {}) {
    service::appendSuccess(log, tx, actor, service::Attempt{std::nullopt, action, objectType, objectId, patientId},
                           std::move(detail));
}

// NotFound unless the patient exists.
void requirePatient(store::Connection& c, long long patientId);

}  // namespace hub::rights
