#include "hub/api/routes/audit_routes.h"

#include "hub/api/routes/json_mapping.h"
#include "hub/api/routes/session_gate.h"
#include "hub/service/audited.h"

#include <Poco/JSON/Array.h>

namespace hub::api {
namespace {

Schema auditEventSchema() {
    return object({
        required("id", string()),
        required("at", withFormat(string(), "date-time")),
        required("actor_id", nullable(string())),
        required("actor_username", string()),
        required("actor_role", string()),
        required("action", string()),
        required("object_type", string()),
        required("object_id", string()),
        required("patient_id", nullable(string())),
        required("client_address", string()),
        required("outcome", enumeration({"success", "failure", "denied"})),
        required("detail", string()),
        required("hash", string()),
    });
}

Poco::Dynamic::Var optionalId(const std::optional<long long>& id) {
    return id ? Poco::Dynamic::Var(idString(*id)) : Poco::Dynamic::Var();
}

Poco::JSON::Object::Ptr auditEventJson(const store::AuditRecord& e) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", idString(e.id));
    o->set("at", formatRfc3339(e.at));
    o->set("actor_id", optionalId(e.actorId));
    o->set("actor_username", e.actorUsername);
    o->set("actor_role", e.actorRole);
    o->set("action", e.action);
    o->set("object_type", e.objectType);
    o->set("object_id", e.objectId);
    o->set("patient_id", optionalId(e.patientId));
    o->set("client_address", e.clientAddress);
    o->set("outcome", e.outcome);
    o->set("detail", e.detail);
    o->set("hash", e.hash);
    return o;
}

}  // namespace

std::vector<Route> auditRoutes(audit::AuditTrail& trail) {
    Route list = staffRoute("GET", "/api/v1/audit-events", domain::Operation::ListAuditEvents,
                            "Audit events, newest first; page with before_id");
    list.tag = "audit";
    list.queryParameters = {
        {"actor_id", withRange(integer(), 1, INT64_MAX), false},
        {"patient_id", withRange(integer(), 1, INT64_MAX), false},
        {"action", withLength(string(), 1, 64), false},
        {"before_id", withRange(integer(), 1, INT64_MAX), false},
        {"limit", withRange(integer(), 1, 500), false},
    };
    list.responseBody = object({
        required("events", arrayOf(auditEventSchema())),
        required("next_before_id", nullable(string("pass as before_id for the next page; null at the end"))),
    });
    list.handler = [&trail](ApiRequest& r) {
        store::AuditQuery q;
        if (auto v = r.queryValue("actor_id")) q.actorId = parseId(*v, "actor_id");
        if (auto v = r.queryValue("patient_id")) q.patientId = parseId(*v, "patient_id");
        if (auto v = r.queryValue("action")) q.action = *v;
        if (auto v = r.queryValue("before_id")) q.beforeId = parseId(*v, "before_id");
        if (auto v = r.queryValue("limit")) q.limit = static_cast<int>(parseId(*v, "limit"));
        const auto events =
            trail.list(q, service::auditEventFor(actorFor(r), "audit.read", "audit", "", audit::Outcome::Success));
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& e : events) items->add(auditEventJson(e));
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("events", items);
        const bool more = static_cast<int>(events.size()) == q.limit && !events.empty();
        body->set("next_before_id", more ? Poco::Dynamic::Var(idString(events.back().id)) : Poco::Dynamic::Var());
        return ApiResponse::ok(body);
    };
    return {list};
}

}  // namespace hub::api
