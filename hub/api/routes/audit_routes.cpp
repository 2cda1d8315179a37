#include "hub/api/routes/audit_routes.h"

#include "hub/api/routes/json_mapping.h"
#include "hub/api/routes/session_gate.h"
#include "hub/service/audited.h"

#include "hub/core/error.h"
#include "hub/domain/date.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/JSON/Array.h>

#include <regex>

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

// An RFC 3339 instant with its offset ("2026-12-03T00:00:00+06:00", "...Z"):
// the app sends the clinic's midnights, which only the browser's clock knows.
TimePoint parseInstant(const std::string& text, const std::string& field) {
    static const std::regex shape(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2}))");
    Poco::DateTime parsed;
    int offset = 0;
    // Ranges checked here too: a 13th month must be a 400, whatever the parser makes of it.
    const auto number = [&](std::size_t at) { return std::stoi(text.substr(at, 2)); };
    const bool inRange = std::regex_match(text, shape) && domain::parseIsoDate(text.substr(0, 10)) &&
                         number(11) < 24 && number(14) < 60 && number(17) < 60 &&
                         (text.back() == 'Z' || (number(text.size() - 5) < 24 && number(text.size() - 2) < 60));
    if (!inRange || !Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, text, parsed, offset))
        throw invalidInput(field, field + " must be an RFC 3339 date-time with an offset, e.g. 2026-12-03T00:00:00+06:00");
    parsed.makeUTC(offset);
    // The hub's clock counts nanoseconds in 64 bits: it ends in 2262.
    if (parsed.year() < 1970 || parsed.year() > 2200)
        throw invalidInput(field, field + " must be between the years 1970 and 2200");
    return fromUnixSeconds(static_cast<long long>(parsed.timestamp().epochTime()));
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
                            "Audit events, newest first, filtered by user, patient, action and time; page with before_id");
    list.tag = "audit";
    list.queryParameters = {
        {"actor_id", withRange(integer(), 1, INT64_MAX), false},
        {"patient_id", withRange(integer(), 1, INT64_MAX), false},
        {"action", withLength(string(), 1, 64), false},
        {"from", withFormat(string("events at or after this instant"), "date-time"), false},
        {"until", withFormat(string("events before this instant"), "date-time"), false},
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
        if (auto v = r.queryValue("from")) q.from = parseInstant(*v, "from");
        if (auto v = r.queryValue("until")) q.until = parseInstant(*v, "until");
        if (q.from && q.until && *q.until <= *q.from) throw invalidInput("until", "until must be after from");
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
