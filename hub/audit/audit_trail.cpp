#include "hub/audit/audit_trail.h"

namespace hub::audit {

std::vector<store::AuditRecord> AuditTrail::list(const store::AuditQuery& query, AuditEvent readEvent) {
    if (beforeRead_) beforeRead_();
    return db_.write([&](store::Connection& tx) {
        auto events = store::AuditRepository(tx).list(query);
        readEvent.action = "audit.read";
        readEvent.detail = std::to_string(events.size()) + " events";
        log_.append(tx, readEvent);
        return events;
    });
}

}  // namespace hub::audit
