#pragma once
// The frame of every use case (docs/architecture.md, "Services"):
//
//   return service::audited(db_, audit_, actor, {Operation::CallNext, "queue.call", "queue", id},
//                           [&](service::Attempt& attempt) { ... attempt.patientId = ...; ... });
//
// checks the role's permission first (a second lock behind the router's), runs
// the use case, and when it throws a hub::Error records the refused (Denied)
// or failed (Failure) attempt — with the patient, once the use case knew them —
// in a transaction of its own, since the use case's own was rolled back; then
// rethrows the error unchanged. The success is the use case's to record, in
// its own transaction (appendSuccess).
#include "hub/audit/audit_event.h"
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/core/error.h"
#include "hub/domain/permissions.h"
#include "hub/store/database.h"

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace hub::service {

// Throws Error(Forbidden) unless actor's role may perform op.
void requirePermission(const auth::ActorContext& actor, domain::Operation op);

// An audit event's fields describing actor.
audit::AuditEvent auditEventFor(const auth::ActorContext& actor, std::string_view action,
                                std::string_view objectType, std::string objectId, audit::Outcome outcome);

// What an attempt is, for its audit event.
struct Attempt {
    // Checked before the use case runs; none when the use case checks the
    // role itself (a rule beyond the table: "everyone may read themselves").
    std::optional<domain::Operation> permission;
    std::string_view action;      // "queue.call", "patient.read"
    std::string_view objectType;  // "token", "patient"; "" for none
    std::string objectId;         // "" when the use case creates it
    // The patient the attempt concerns; the use case may fill it in once it
    // has read them, so that a refused move of a token still names its patient.
    std::optional<long long> patientId = std::nullopt;
};

// The success event of attempt, with detail, appended in tx (the use case's
// own write transaction).
void appendSuccess(audit::AuditLog& log, store::Connection& tx, const auth::ActorContext& actor,
                   const Attempt& attempt, std::string detail = {});

// Records a refused or failed attempt in a transaction of its own.
void recordRefusal(store::Database& db, audit::AuditLog& log, const auth::ActorContext& actor,
                   const Attempt& attempt, const Error& error);

// fn is called as fn(Attempt&) or fn().
template <typename Fn>
auto audited(store::Database& db, audit::AuditLog& log, const auth::ActorContext& actor, Attempt attempt, Fn&& fn) {
    try {
        if (attempt.permission) requirePermission(actor, *attempt.permission);
        if constexpr (std::is_invocable_v<Fn&, Attempt&>)
            return fn(attempt);
        else
            return fn();
    } catch (const Error& e) {
        recordRefusal(db, log, actor, attempt, e);
        throw;
    }
}

}  // namespace hub::service
