#include "hub/api/routes/rights_routes.h"

#include "hub/api/routes/clinic_export_stream.h"
#include "hub/rights/clinic_archive.h"

#include "hub/api/routes/json_mapping.h"
#include "hub/api/routes/session_gate.h"
#include "hub/domain/patient_rights.h"
#include "hub/core/error.h"

#include <Poco/JSON/Array.h>

namespace hub::api {
namespace {

Poco::Dynamic::Var optionalId(const std::optional<long long>& id) {
    return id ? Poco::Dynamic::Var(idString(*id)) : Poco::Dynamic::Var();
}
Poco::Dynamic::Var optionalTime(const std::optional<TimePoint>& t) {
    return t ? Poco::Dynamic::Var(formatRfc3339(*t)) : Poco::Dynamic::Var();
}

Schema consentEntrySchema() {
    return object({
        required("id", string()),
        required("purpose", enumeration(domain::consentPurposeNames)),
        required("state", enumeration({"given", "withdrawn"})),
        required("recorded_at", withFormat(string(), "date-time")),
        required("recorded_by", nullable(string("staff id; null for the migration of the old flags"))),
        required("recorded_by_username", string()),
        required("method", enumeration(domain::consentMethodNames)),
        required("text_version", string("the consent text shown, e.g. sms-v1")),
    });
}

using rights::consentEntryJson;

Schema consentChangeSchema() {
    return object({
        required("purpose", enumeration(domain::consentPurposeNames)),
        required("method", enumeration(domain::staffConsentMethodNames,
                                       "verbal at the desk, a signed form, or the patient's own choice")),
        optional("text_version", withLength(string("the version of the consent text shown"), 0, 40)),
    });
}

rights::ConsentChange consentChangeFrom(const Poco::JSON::Object::Ptr& body) {
    return {optionalField<std::string>(body, "purpose").value_or(""),
            optionalField<std::string>(body, "method").value_or(""),
            optionalField<std::string>(body, "text_version").value_or("")};
}

Schema dataRequestSchema() {
    return object({
        required("id", string()),
        required("patient_id", string()),
        required("kind", enumeration({"anonymise"})),
        required("state", enumeration(domain::dataRequestStateNames)),
        required("channel", enumeration(domain::dataRequestChannels)),
        required("note", string("cleared when the request is executed")),
        required("requested_at", withFormat(string(), "date-time")),
        required("requested_by", nullable(string())),
        required("checked_at", nullable(withFormat(string(), "date-time"))),
        required("eligible", nullable(boolean())),
        required("eligibility_reasons", arrayOf(string(), "why the record may not be anonymised yet")),
        required("reviewed_at", nullable(withFormat(string(), "date-time"))),
        required("reviewed_by", nullable(string())),
        required("review_reason", string()),
        required("self_review", boolean("reviewed by the admin who took it: the clinic's only admin")),
        required("executed_at", nullable(withFormat(string(), "date-time"))),
        required("executed_by", nullable(string())),
        required("wal_checkpointed", boolean("after execution: the write-ahead log was emptied at once")),
    });
}

Poco::JSON::Object::Ptr dataRequestJson(const rights::DataRequestView& v) {
    const auto& r = v.request;
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", idString(r.id));
    o->set("patient_id", idString(r.patientId));
    o->set("kind", r.kind);
    o->set("state", r.state);
    o->set("channel", r.channel);
    o->set("note", r.note);
    o->set("requested_at", formatRfc3339(r.requestedAt));
    o->set("requested_by", optionalId(r.requestedBy));
    o->set("checked_at", optionalTime(r.checkedAt));
    o->set("eligible", r.eligible ? Poco::Dynamic::Var(*r.eligible) : Poco::Dynamic::Var());
    Poco::JSON::Array::Ptr reasons = new Poco::JSON::Array;
    std::string::size_type start = 0;
    while (start < r.eligibilityDetail.size()) {
        auto end = r.eligibilityDetail.find('\n', start);
        if (end == std::string::npos) end = r.eligibilityDetail.size();
        reasons->add(r.eligibilityDetail.substr(start, end - start));
        start = end + 1;
    }
    o->set("eligibility_reasons", reasons);
    o->set("reviewed_at", optionalTime(r.reviewedAt));
    o->set("reviewed_by", optionalId(r.reviewedBy));
    o->set("review_reason", r.reviewReason);
    o->set("self_review", v.selfReviewed || r.reviewReason.rfind("[self-review] ", 0) == 0);
    o->set("executed_at", optionalTime(r.executedAt));
    o->set("executed_by", optionalId(r.executedBy));
    o->set("wal_checkpointed", v.walCheckpointed);
    return o;
}

Schema retentionPolicySchema() {
    return object({
        required("minimum_keep_years", withRange(integer("0: no minimum"), 0, 100)),
        required("auto_anonymise_after_years", nullable(withRange(integer("null: off"), 1, 100))),
        required("clear_notes", boolean("an anonymisation also clears the visits' free-text notes")),
        required("updated_at", nullable(withFormat(string(), "date-time"))),
    });
}

Poco::JSON::Object::Ptr retentionPolicyJson(const store::RetentionPolicyRow& p) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("minimum_keep_years", p.minimumKeepYears);
    o->set("auto_anonymise_after_years",
           p.autoAnonymiseAfterYears ? Poco::Dynamic::Var(*p.autoAnonymiseAfterYears) : Poco::Dynamic::Var());
    o->set("clear_notes", p.clearNotes);
    o->set("updated_at", toUnixSeconds(p.updatedAt) > 0 ? Poco::Dynamic::Var(formatRfc3339(p.updatedAt))
                                                         : Poco::Dynamic::Var());
    return o;
}

}  // namespace

std::vector<Route> consentRoutes(rights::ConsentService& consents) {
    std::vector<Route> routes;

    Route list = staffRoute("GET", "/api/v1/patients/{id}/consents", domain::Operation::ListConsents,
                            "The patient's consents: the current state per purpose and the whole history");
    list.tag = "patients' rights";
    list.responseBody = object({required("current", arrayOf(consentEntrySchema())),
                                required("history", arrayOf(consentEntrySchema(), "oldest first"))});
    list.errorStatuses = {404};
    list.handler = [&consents](ApiRequest& r) {
        const auto overview = consents.listConsents(actorFor(r), parseId(r.path("id"), "id"));
        Poco::JSON::Array::Ptr current = new Poco::JSON::Array, history = new Poco::JSON::Array;
        for (const auto& e : overview.current) current->add(consentEntryJson(e));
        for (const auto& e : overview.history) history->add(consentEntryJson(e));
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("current", current);
        body->set("history", history);
        return ApiResponse::ok(body);
    };
    routes.push_back(std::move(list));

    for (const bool give : {true, false}) {
        Route change = staffRoute("POST", give ? "/api/v1/patients/{id}/consents" : "/api/v1/patients/{id}/consents/withdrawals",
                                  give ? domain::Operation::RecordConsent : domain::Operation::WithdrawConsent,
                                  give ? "Record that the patient gave consent for a purpose"
                                       : "Record that the patient withdrew consent for a purpose; takes effect at "
                                         "once for anything not yet sent");
        change.tag = "patients' rights";
        change.requestBody = consentChangeSchema();
        change.successStatus = 201;
        change.responseBody = consentEntrySchema();
        change.errorStatuses = {404, 507};
        change.handler = [&consents, give](ApiRequest& r) {
            const auto actor = actorFor(r);
            const long long id = parseId(r.path("id"), "id");
            const auto c = consentChangeFrom(r.body);
            return ApiResponse::created(consentEntryJson(give ? consents.recordConsent(actor, id, c)
                                                              : consents.withdrawConsent(actor, id, c)));
        };
        routes.push_back(std::move(change));
    }
    return routes;
}

std::vector<Route> dataRequestRoutes(rights::DataRequestService& requests, rights::RetentionService& retention) {
    std::vector<Route> routes;

    Route create = staffRoute("POST", "/api/v1/data-requests", domain::Operation::CreateDataRequest,
                              "Take a patient's request to delete (anonymise) their record; eligibility is "
                              "checked at once against the retention policy and open obligations");
    create.tag = "patients' rights";
    create.requestBody = object({
        required("patient_id", string()),
        required("kind", enumeration({"anonymise"})),
        required("channel", enumeration(domain::dataRequestChannels, "how the patient asked")),
        optional("note", withLength(string("do not write the patient's name or phone here"), 0, 500)),
    });
    create.successStatus = 201;
    create.responseBody = dataRequestSchema();
    create.errorStatuses = {404, 409, 507};
    create.handler = [&requests](ApiRequest& r) {
        const long long patientId = parseId(optionalField<std::string>(r.body, "patient_id").value_or(""), "patient_id");
        return ApiResponse::created(dataRequestJson(requests.createDataRequest(
            actorFor(r), patientId, optionalField<std::string>(r.body, "channel").value_or(""),
            optionalField<std::string>(r.body, "note").value_or(""))));
    };
    routes.push_back(std::move(create));

    Route list = staffRoute("GET", "/api/v1/data-requests", domain::Operation::ListDataRequests,
                            "Data requests, newest first");
    list.tag = "patients' rights";
    list.queryParameters = {
        {"state", enumeration(domain::dataRequestStateNames), false},
        {"patient_id", withRange(integer(), 1, INT64_MAX), false},
        {"limit", withRange(integer("default 100"), 1, 500), false},
    };
    list.responseBody = object({required("requests", arrayOf(dataRequestSchema()))});
    list.handler = [&requests](ApiRequest& r) {
        std::optional<long long> patient;
        if (auto v = r.queryValue("patient_id")) patient = parseId(*v, "patient_id");
        const int limit = r.queryValue("limit") ? static_cast<int>(parseId(*r.queryValue("limit"), "limit")) : 100;
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& row : requests.listDataRequests(actorFor(r), r.queryValue("state"), patient, limit))
            items->add(dataRequestJson(rights::DataRequestView{row}));
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("requests", items);
        return ApiResponse::ok(body);
    };
    routes.push_back(std::move(list));

    Route get = staffRoute("GET", "/api/v1/data-requests/{id}", domain::Operation::GetDataRequest,
                           "One data request with every step: who, when, why");
    get.tag = "patients' rights";
    get.responseBody = dataRequestSchema();
    get.errorStatuses = {404};
    get.handler = [&requests](ApiRequest& r) {
        return ApiResponse::ok(dataRequestJson(requests.getDataRequest(actorFor(r), parseId(r.path("id"), "id"))));
    };
    routes.push_back(std::move(get));

    Route review = staffRoute("POST", "/api/v1/data-requests/{id}/review", domain::Operation::ReviewDataRequest,
                              "Approve or reject a data request with a reason; someone other than who took it "
                              "reviews it, unless the clinic has a single admin");
    review.tag = "patients' rights";
    review.requestBody = object({
        required("decision", enumeration({"approve", "reject"})),
        required("reason", withLength(string(), 1, 500)),
    });
    review.responseBody = dataRequestSchema();
    review.errorStatuses = {404, 409, 507};
    review.handler = [&requests](ApiRequest& r) {
        return ApiResponse::ok(dataRequestJson(requests.reviewDataRequest(
            actorFor(r), parseId(r.path("id"), "id"), optionalField<std::string>(r.body, "decision").value_or(""),
            optionalField<std::string>(r.body, "reason").value_or(""))));
    };
    routes.push_back(std::move(review));

    Route execute = staffRoute("POST", "/api/v1/data-requests/{id}/execute", domain::Operation::ExecuteDataRequest,
                               "Anonymise the record of an approved request: identifying fields replaced, phones "
                               "and tracking links removed, the search forgets the person; clinical counts stay");
    execute.tag = "patients' rights";
    execute.responseBody = dataRequestSchema();
    execute.errorStatuses = {404, 409, 507};
    execute.handler = [&requests](ApiRequest& r) {
        return ApiResponse::ok(dataRequestJson(requests.executeDataRequest(actorFor(r), parseId(r.path("id"), "id"))));
    };
    routes.push_back(std::move(execute));

    Route getPolicy = staffRoute("GET", "/api/v1/retention-policy", domain::Operation::GetRetentionPolicy,
                                 "The clinic's retention policy");
    getPolicy.tag = "patients' rights";
    getPolicy.responseBody = retentionPolicySchema();
    getPolicy.handler = [&retention](ApiRequest& r) {
        return ApiResponse::ok(retentionPolicyJson(retention.getRetentionPolicy(actorFor(r))));
    };
    routes.push_back(std::move(getPolicy));

    Route updatePolicy = staffRoute("PATCH", "/api/v1/retention-policy", domain::Operation::UpdateRetentionPolicy,
                                    "Change the retention policy; absent fields stay as they are");
    updatePolicy.tag = "patients' rights";
    updatePolicy.requestBody = object({
        optional("minimum_keep_years", withRange(integer(), 0, 100)),
        optional("auto_anonymise_after_years", nullable(withRange(integer("null: off"), 1, 100))),
        optional("clear_notes", boolean()),
    });
    updatePolicy.responseBody = retentionPolicySchema();
    updatePolicy.handler = [&retention](ApiRequest& r) {
        rights::RetentionPolicyChange c;
        c.minimumKeepYears = optionalField<int>(r.body, "minimum_keep_years");
        if (r.body && r.body->has("auto_anonymise_after_years"))
            c.autoAnonymiseAfterYears = optionalField<int>(r.body, "auto_anonymise_after_years");
        c.clearNotes = optionalField<bool>(r.body, "clear_notes");
        return ApiResponse::ok(retentionPolicyJson(retention.updateRetentionPolicy(actorFor(r), c)));
    };
    routes.push_back(std::move(updatePolicy));
    return routes;
}

std::vector<Route> exportRoutes(rights::ExportService& exports, rights::AccessLogService& accessLog,
                                const std::filesystem::path& spoolRoot) {
    std::vector<Route> routes;

    // Owned by the handler (and so by the router, which goes before the services).
    auto streams = std::make_shared<ClinicExportStreams>();
    Route clinic = staffRoute("GET", "/api/v1/clinic/export", domain::Operation::ExportClinic,
                              "The whole clinic as a tar archive, streamed: format=json gives one JSON file per "
                              "patient and clinic.json; format=fhir gives FHIR bulk-data NDJSON, one file per "
                              "resource type. One export at a time (409 while one runs)");
    clinic.tag = "patients' rights";
    clinic.queryParameters = {{"format", enumeration({"json", "fhir"}, "default json"), false}};
    clinic.rawContentType = "application/x-tar";
    clinic.errorStatuses = {409};
    clinic.handler = [&exports, streams, spoolRoot](ApiRequest& r) {
        const auto format = rights::parseExportFormat(r.queryValue("format").value_or("json"));
        if (!format) throw invalidInput("format", "format must be json or fhir");
        if (!streams->reserve()) throw conflict("an export of the whole clinic is already running");
        const auto actor = actorFor(r);
        ApiResponse response = ApiResponse::eventStream([&exports, streams, spoolRoot, actor, format = *format](
                                                             net::DetachedConnection c, std::string head) {
            streams->start(std::move(c), std::move(head), [&exports, spoolRoot, actor, format](std::ostream& out) {
                // FHIR's NDJSON files are spooled first (a tar entry needs its size).
                const auto spool = spoolRoot / "export-spool";
                std::filesystem::create_directories(spool);
                std::filesystem::permissions(spool, std::filesystem::perms::owner_all);
                rights::writeClinicArchive(exports, actor, format, out, spool, exports.clock().now());
            });
        });
        response.header("Content-Type", "application/x-tar");
        response.header("Content-Disposition", std::string("attachment; filename=\"clinic-") +
                                                   (*format == rights::ExportFormat::Json ? "json" : "fhir") + ".tar\"");
        return response;
    };
    routes.push_back(std::move(clinic));

    Route exportOne = staffRoute("GET", "/api/v1/patients/{id}/export", domain::Operation::ExportPatient,
                                 "The patient's whole record to take away: the documented JSON form, or a FHIR R4 "
                                 "Bundle (every export is audited)");
    exportOne.tag = "patients' rights";
    exportOne.queryParameters = {{"format", enumeration({"json", "fhir"}, "default json"), false}};
    exportOne.responseBody = object({}, "format=json: docs/export-format.md; format=fhir: a FHIR R4 Bundle");
    exportOne.errorStatuses = {404};
    exportOne.handler = [&exports](ApiRequest& r) {
        const auto format = rights::parseExportFormat(r.queryValue("format").value_or("json"));
        if (!format) throw invalidInput("format", "format must be json or fhir");
        ApiResponse response = ApiResponse::ok(exports.exportPatient(actorFor(r), parseId(r.path("id"), "id"), *format));
        response.header("Content-Disposition", std::string("attachment; filename=\"patient-") + r.path("id") +
                                                   (*format == rights::ExportFormat::Fhir ? ".fhir.json\"" : ".json\""));
        return response;
    };
    routes.push_back(std::move(exportOne));

    Route print = staffRoute("GET", "/api/v1/patients/{id}/summary-print", domain::Operation::GetPatientSummaryPrint,
                             "A printable summary of the patient's record in English and Bangla, for a patient "
                             "without a computer");
    print.tag = "patients' rights";
    print.rawContentType = "text/html";
    print.errorStatuses = {404};
    print.handler = [&exports](ApiRequest& r) {
        return ApiResponse::bytes("text/html; charset=utf-8",
                                  exports.patientSummaryHtml(actorFor(r), parseId(r.path("id"), "id")));
    };
    routes.push_back(std::move(print));

    Route access = staffRoute("GET", "/api/v1/patients/{id}/access-log", domain::Operation::GetPatientAccessLog,
                              "Who read or changed this patient's record, or saw them in a search's results, when "
                              "and what, from the audit trail; newest first; page with before_id");
    access.tag = "patients' rights";
    access.queryParameters = {
        {"before_id", withRange(integer(), 1, INT64_MAX), false},
        {"limit", withRange(integer("default 100"), 1, 500), false},
    };
    access.responseBody = object({
        required("entries", arrayOf(object({
                                required("event_id", string()),
                                required("at", withFormat(string(), "date-time")),
                                required("who", string("username")),
                                required("role", string()),
                                required("action", string()),
                                required("what", string("the action in plain words")),
                                required("outcome", enumeration({"success", "failure", "denied"})),
                            }))),
        required("next_before_id", nullable(string())),
    });
    access.errorStatuses = {404};
    access.handler = [&accessLog](ApiRequest& r) {
        std::optional<long long> before;
        if (auto v = r.queryValue("before_id")) before = parseId(*v, "before_id");
        const int limit = r.queryValue("limit") ? static_cast<int>(parseId(*r.queryValue("limit"), "limit")) : 100;
        const auto entries = accessLog.accessLog(actorFor(r), parseId(r.path("id"), "id"), before, limit);
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& e : entries) {
            Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
            o->set("event_id", idString(e.event.id));
            o->set("at", formatRfc3339(e.event.at));
            o->set("who", e.event.actorUsername);
            o->set("role", e.event.actorRole);
            o->set("action", e.event.action);
            o->set("what", e.what);
            o->set("outcome", e.event.outcome);
            items->add(o);
        }
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("entries", items);
        const bool more = static_cast<int>(entries.size()) == limit && !entries.empty();
        body->set("next_before_id", more ? Poco::Dynamic::Var(idString(entries.back().event.id)) : Poco::Dynamic::Var());
        return ApiResponse::ok(body);
    };
    routes.push_back(std::move(access));
    return routes;
}

std::vector<Route> rightsRoutes(rights::PatientRights& rights) {
    std::vector<Route> routes;
    for (auto&& group : {consentRoutes(rights.consents), dataRequestRoutes(rights.requests, rights.retention),
                         exportRoutes(rights.exports, rights.accessLog, rights.dataDir)})
        routes.insert(routes.end(), group.begin(), group.end());
    return routes;
}

}  // namespace hub::api
