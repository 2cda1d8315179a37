#include "hub/service/audited.h"

namespace hub::service {

void requirePermission(const auth::ActorContext& actor, domain::Operation op) {
    if (!domain::roleMayPerform(actor.role, op))
        throw Error(ErrorCode::Forbidden, "the " + std::string(domain::roleName(actor.role)) + " role may not " +
                                              std::string(domain::operationName(op)));
}

audit::AuditEvent auditEventFor(const auth::ActorContext& actor, std::string_view action,
                                std::string_view objectType, std::string objectId, audit::Outcome outcome) {
    audit::AuditEvent e;
    e.actorId = actor.staffId;
    e.actorUsername = actor.username;
    e.actorRole = std::string(domain::roleName(actor.role));
    e.action = std::string(action);
    e.objectType = std::string(objectType);
    e.objectId = std::move(objectId);
    e.clientAddress = actor.clientAddress;
    e.outcome = outcome;
    return e;
}

void appendSuccess(audit::AuditLog& log, store::Connection& tx, const auth::ActorContext& actor,
                   const Attempt& attempt, std::string detail) {
    audit::AuditEvent e = auditEventFor(actor, attempt.action, attempt.objectType, attempt.objectId,
                                        audit::Outcome::Success);
    e.patientId = attempt.patientId;
    e.detail = std::move(detail);
    log.append(tx, e);
}

void recordRefusal(store::Database& db, audit::AuditLog& log, const auth::ActorContext& actor,
                   const Attempt& attempt, const Error& error) {
    const auto outcome = error.code() == ErrorCode::Forbidden ? audit::Outcome::Denied : audit::Outcome::Failure;
    audit::AuditEvent e = auditEventFor(actor, attempt.action, attempt.objectType, attempt.objectId, outcome);
    e.patientId = attempt.patientId;
    // What went wrong, as the caller was told: "invalid_input vitals.pulse: ...".
    // Services write their messages so that they never repeat a patient's name,
    // phone or a search query.
    e.detail = std::string(errorCodeName(error.code())) + (error.field().empty() ? "" : " " + error.field()) +
               ": " + error.what();
    db.write([&](store::Connection& tx) { log.append(tx, e); });
}

}  // namespace hub::service
