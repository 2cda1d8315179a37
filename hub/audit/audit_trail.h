#pragma once
// Reading the audit trail. Reading it is itself recorded: who looked at the
// record of who looked at patients is part of the record.
#include "hub/audit/audit_log.h"
#include "hub/store/audit_repository.h"
#include "hub/store/database.h"

#include <functional>
#include <utility>
#include <vector>

namespace hub::audit {

class AuditTrail {
public:
    // beforeRead writes what is held back for batching (failed sign-ins,
    // SignInAudit), so that a reader sees every attempt up to now.
    AuditTrail(store::Database& db, AuditLog& log, std::function<void()> beforeRead = {})
        : db_(db), log_(log), beforeRead_(std::move(beforeRead)) {}

    // Newest first. readEvent describes the reader; it is appended in the same
    // transaction as the read.
    std::vector<store::AuditRecord> list(const store::AuditQuery& query, AuditEvent readEvent);

private:
    store::Database& db_;
    AuditLog& log_;
    std::function<void()> beforeRead_;
};

}  // namespace hub::audit
