#pragma once
#include "hub/api/route.h"
#include "hub/audit/audit_trail.h"

namespace hub::api {

// listAuditEvents.
std::vector<Route> auditRoutes(audit::AuditTrail& trail);

}  // namespace hub::api
