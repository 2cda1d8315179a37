#pragma once
// The audit pattern of the OPD services, for the patients'-rights services:
// run fn; if it throws a hub::Error, record the refused or failed attempt in a
// transaction of its own (fn's was rolled back) and rethrow it unchanged.
// (Issue 15 replaces the services' copies of this with one; this follows it.)
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/auth/staff_service.h"
#include "hub/core/error.h"
#include "hub/store/database.h"

#include <optional>
#include <string>
#include <string_view>

namespace hub::rights {

template <typename Fn>
auto auditedCall(store::Database& db, audit::AuditLog& log, const auth::ActorContext& actor, std::string_view action,
                 std::string_view objectType, const std::string& objectId, std::optional<long long> patientId,
                 Fn&& fn) {
    try {
        return fn();
    } catch (const Error& e) {
        const auto outcome = e.code() == ErrorCode::Forbidden ? audit::Outcome::Denied : audit::Outcome::Failure;
        audit::AuditEvent event = auth::auditEventFor(actor, action, objectType, objectId, outcome);
        event.patientId = patientId;
        event.detail = e.what();
        db.write([&](store::Connection& tx) { log.append(tx, event); });
        throw;
    }
}

// Appends a success event for actor in tx.
inline void recordSuccess(audit::AuditLog& log, store::Connection& tx, const auth::ActorContext& actor,
                          std::string_view action, std::string_view objectType, const std::string& objectId,
                          std::optional<long long> patientId, std::string detail = {}) {
    audit::AuditEvent e = auth::auditEventFor(actor, action, objectType, objectId, audit::Outcome::Success);
    e.patientId = patientId;
    e.detail = std::move(detail);
    log.append(tx, e);
}

// NotFound unless the patient exists.
void requirePatient(store::Connection& c, long long patientId);

}  // namespace hub::rights
