#include "hub/api/routes/queue_routes.h"

#include "hub/api/routes/json_mapping.h"
#include "hub/api/routes/session_gate.h"
#include "hub/domain/billing.h"
#include "hub/domain/queue.h"
#include "hub/opd/visit_json.h"

#include <Poco/JSON/Array.h>

#include <algorithm>

namespace hub::api {
namespace {


Schema dateTime(std::string description = {}) { return withFormat(string(std::move(description)), "date-time"); }

void setTime(Poco::JSON::Object& o, const std::string& name, const std::optional<TimePoint>& t, int offset) {
    if (t) o.set(name, formatRfc3339(*t, offset));
}

void setId(Poco::JSON::Object& o, const std::string& name, const std::optional<long long>& id) {
    if (id) o.set(name, idString(*id));
}

Poco::JSON::Object::Ptr tokenJson(const opd::TokenView& v) {
    const domain::Token& t = v.row.token;
    const int offset = v.utcOffsetMinutes;
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", idString(t.id));
    o->set("label", t.label);
    o->set("number", t.number);
    o->set("doctor_id", idString(t.doctorId));
    Poco::JSON::Object::Ptr patient = new Poco::JSON::Object;
    patient->set("id", idString(v.row.patient.id));
    patient->set("name", v.row.patient.name);
    patient->set("mrn", v.row.patient.mrn);
    o->set("patient", patient);
    o->set("clinic_day", t.clinicDay);
    o->set("state", std::string(domain::tokenStateName(t.state)));
    o->set("priority", std::string(domain::priorityName(t.priority)));
    o->set("queued_at", formatRfc3339(t.queuedAt, offset));
    o->set("checked_in_at", formatRfc3339(v.row.checkedInAt, offset));
    setTime(*o, "called_at", t.calledAt, offset);
    setTime(*o, "started_at", t.startedAt, offset);
    setTime(*o, "finished_at", t.finishedAt, offset);
    o->set("recall_count", t.recallCount);
    setId(*o, "transferred_from", t.transferredFrom);
    setId(*o, "transferred_to", t.transferredTo);
    setId(*o, "visit_id", v.row.visitId);
    if (v.position) o->set("position", *v.position);
    if (v.estimatedWaitMinutes) o->set("estimated_wait_minutes", *v.estimatedWaitMinutes);
    if (v.billing) {
        Poco::JSON::Object::Ptr b = new Poco::JSON::Object;
        setId(*b, "invoice_id", v.billing->invoiceId);
        if (v.billing->invoiceId) b->set("invoice_number", v.billing->invoiceNumber);
        b->set("invoice_total", v.billing->invoiceTotalMinor);
        b->set("balance_due", v.billing->balanceMinor);
        b->set("currency", v.billing->currency);
        o->set("billing", b);
    }
    return o;
}

Poco::JSON::Array::Ptr tokensJson(const std::vector<opd::TokenView>& views) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& v : views) a->add(tokenJson(v));
    return a;
}

Poco::JSON::Object::Ptr queueJson(const opd::QueueView& q) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("doctor_id", idString(q.doctorId));
    o->set("clinic_day", q.clinicDay);
    o->set("average_consultation_minutes", q.averageConsultationMinutes);
    o->set("now_serving", tokensJson(q.nowServing));
    o->set("waiting", tokensJson(q.waiting));
    o->set("finished", tokensJson(q.finished));
    return o;
}

Poco::JSON::Object::Ptr vitalsJson(const opd::VitalsView& view) {
    const auto& r = view.record;
    const auto& v = r.vitals;
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", idString(r.id));
    o->set("patient_id", idString(r.patientId));
    setId(*o, "token_id", r.tokenId);
    o->set("recorded_at", formatRfc3339(r.recordedAt, view.utcOffsetMinutes));
    setId(*o, "recorded_by", r.recordedBy);
    auto set = [&](const char* name, const auto& value) {
        if (value) o->set(name, *value);
    };
    set("bp_systolic", v.bpSystolic);
    set("bp_diastolic", v.bpDiastolic);
    set("pulse", v.pulse);
    set("temperature_f", v.temperatureF);
    set("weight_kg", v.weightKg);
    set("height_cm", v.heightCm);
    set("spo2", v.spo2);
    set("blood_glucose_mmol_l", v.bloodGlucoseMmolL);
    return o;
}

Route queueRoute(std::string method, std::string path, domain::Operation op, std::string summary) {
    Route r = staffRoute(std::move(method), std::move(path), op, std::move(summary));
    r.tag = "queue";
    r.errorStatuses = {404, 409};
    if (r.method == "POST") r.errorStatuses.push_back(422);  // a body naming an unknown patient or doctor
    return r;
}

}  // namespace

Schema tokenSchema() {
    return object({
        required("id", string()),
        required("label", string("the doctor's prefix and number, e.g. A-007")),
        required("number", integer()),
        required("doctor_id", string()),
        required("patient", object({required("id", string()), required("name", string()), required("mrn", string())})),
        required("clinic_day", withFormat(string("the day in the clinic's timezone"), "date")),
        required("state", enumeration(domain::tokenStateNames)),
        required("priority", enumeration(domain::priorityNames)),
        required("queued_at", dateTime("the token's place in the queue; kept across transfers")),
        required("checked_in_at", dateTime("when this token was issued")),
        optional("called_at", dateTime()),
        optional("started_at", dateTime()),
        optional("finished_at", dateTime("done, skipped, cancelled or transferred")),
        required("recall_count", integer()),
        optional("transferred_from", string("the token in the previous doctor's queue")),
        optional("transferred_to", string("the token in the next doctor's queue")),
        optional("visit_id", string("the visit opened when consultation started")),
        optional("position", integer("1 = next to be called; waiting tokens only")),
        optional("estimated_wait_minutes", integer("from the doctor's recent consultations; waiting tokens only")),
        optional("billing", object({optional("invoice_id", string("the consultation invoice check-in opened")),
                                    optional("invoice_number", string("INV-2026-000123")),
                                    required("invoice_total", integer("minor units (poisha/paise)")),
                                    required("balance_due", integer("all the patient owes now, in minor units")),
                                    required("currency", enumeration(domain::currencyNames))},
                                   "check-in only: the consultation invoice and the patient's balance")),
    });
}

Schema queueSchema() {
    return object({
        required("doctor_id", string()),
        required("clinic_day", withFormat(string(), "date")),
        required("average_consultation_minutes", integer("recent consultations today; 5 before the first")),
        required("now_serving", arrayOf(tokenSchema(), "in consultation, then called")),
        required("waiting", arrayOf(tokenSchema(), "in the order they will be called")),
        required("finished", arrayOf(tokenSchema(), "done, skipped, cancelled and transferred; latest first")),
    });
}

Schema vitalsSchema() {
    auto props = vitalsInputProperties();
    props.insert(props.begin(), {required("id", string()), required("patient_id", string()),
                                 optional("token_id", string()), required("recorded_at", dateTime()),
                                 optional("recorded_by", string("staff id"))});
    return object(std::move(props));
}

std::vector<Route> queueRoutes(opd::QueueService& queue) {
    std::vector<Route> routes;

    Route checkIn = queueRoute("POST", "/api/v1/tokens", domain::Operation::CheckIn,
                               "Check a patient in: issues the doctor's next token for today");
    checkIn.requestBody = object({
        required("patient_id", string()),
        required("doctor_id", string()),
        optional("priority", enumeration(domain::priorityNames, "anything but normal goes ahead of normal tokens")),
    });
    checkIn.successStatus = 201;
    checkIn.responseBody = tokenSchema();
    checkIn.handler = [&queue](ApiRequest& r) {
        opd::CheckInRequest request;
        request.patientId = parseId(r.body->getValue<std::string>("patient_id"), "patient_id");
        request.doctorId = parseId(r.body->getValue<std::string>("doctor_id"), "doctor_id");
        request.priority = optionalField<std::string>(r.body, "priority").value_or("normal");
        return ApiResponse::created(tokenJson(queue.checkIn(actorFor(r), request)));
    };
    routes.push_back(std::move(checkIn));

    Route get = queueRoute("GET", "/api/v1/queue", domain::Operation::GetQueue,
                           "A doctor's queue today: now serving, waiting in call order with estimated waits, "
                           "and the finished tokens");
    get.queryParameters = {{"doctor_id", string(), true}};
    get.errorStatuses = {404};
    get.responseBody = queueSchema();
    get.handler = [&queue](ApiRequest& r) {
        const long long doctorId = parseId(*r.queryValue("doctor_id"), "doctor_id");
        return ApiResponse::ok(queueJson(queue.getQueue(actorFor(r), doctorId)));
    };
    routes.push_back(std::move(get));

    Route callNext = queueRoute("POST", "/api/v1/queue/call-next", domain::Operation::CallNext,
                                "Call the next waiting token in a doctor's queue");
    callNext.requestBody = object({required("doctor_id", string())});
    callNext.responseBody = tokenSchema();
    callNext.handler = [&queue](ApiRequest& r) {
        const long long doctorId = parseId(r.body->getValue<std::string>("doctor_id"), "doctor_id");
        return ApiResponse::ok(tokenJson(queue.callNext(actorFor(r), doctorId)));
    };
    routes.push_back(std::move(callNext));

    using Move = opd::TokenView (opd::QueueService::*)(const auth::ActorContext&, long long);
    struct TokenMove {
        const char* verb;
        domain::Operation op;
        const char* summary;
        Move move;
    };
    const TokenMove moves[] = {
        {"recall", domain::Operation::RecallToken, "Call a called token again", &opd::QueueService::recall},
        {"skip", domain::Operation::SkipToken, "Skip a called token that did not come (can be restored)",
         &opd::QueueService::skip},
        {"restore", domain::Operation::RestoreToken, "Bring a skipped token back to its place in the queue",
         &opd::QueueService::restore},
        {"start", domain::Operation::StartConsultation,
         "Start the consultation: the token's doctor only; opens the draft visit (visit_id)",
         &opd::QueueService::startConsultation},
        {"complete", domain::Operation::CompleteToken, "Complete the consultation: the token's doctor only",
         &opd::QueueService::complete},
        {"cancel", domain::Operation::CancelToken, "Cancel a token that has not been seen",
         &opd::QueueService::cancel},
    };
    for (const auto& m : moves) {
        Route route = queueRoute("POST", std::string("/api/v1/tokens/{id}/") + m.verb, m.op, m.summary);
        route.responseBody = tokenSchema();
        route.handler = [&queue, move = m.move](ApiRequest& r) {
            return ApiResponse::ok(tokenJson((queue.*move)(actorFor(r), parseId(r.path("id"), "id"))));
        };
        routes.push_back(std::move(route));
    }

    Route transfer = queueRoute("POST", "/api/v1/tokens/{id}/transfer", domain::Operation::TransferToken,
                                "Move the patient to another doctor's queue, keeping their place by check-in time; "
                                "returns the new token");
    transfer.requestBody = object({required("doctor_id", string("the doctor whose queue receives the patient"))});
    transfer.successStatus = 201;
    transfer.responseBody = tokenSchema();
    transfer.handler = [&queue](ApiRequest& r) {
        const long long tokenId = parseId(r.path("id"), "id");
        const long long doctorId = parseId(r.body->getValue<std::string>("doctor_id"), "doctor_id");
        return ApiResponse::created(tokenJson(queue.transfer(actorFor(r), tokenId, doctorId)));
    };
    routes.push_back(std::move(transfer));

    Route priority = queueRoute("POST", "/api/v1/tokens/{id}/priority", domain::Operation::SetTokenPriority,
                                "Re-order a waiting token: any priority but normal goes ahead of normal tokens; "
                                "back to normal, it takes its check-in place again");
    priority.requestBody = object({required("priority", enumeration(domain::priorityNames))});
    priority.responseBody = tokenSchema();
    priority.handler = [&queue](ApiRequest& r) {
        const long long tokenId = parseId(r.path("id"), "id");
        return ApiResponse::ok(tokenJson(queue.setPriority(actorFor(r), tokenId, r.body->getValue<std::string>("priority"))));
    };
    routes.push_back(std::move(priority));

    Route vitals = queueRoute("POST", "/api/v1/tokens/{id}/vitals", domain::Operation::RecordVitals,
                              "Record vitals for the patient of a token; implausible values name vitals.<field>");
    vitals.requestBody = vitalsInputSchema();
    vitals.successStatus = 201;
    vitals.responseBody = vitalsSchema();
    vitals.handler = [&queue](ApiRequest& r) {
        const long long tokenId = parseId(r.path("id"), "id");
        return ApiResponse::created(vitalsJson(queue.recordVitals(actorFor(r), tokenId, opd::vitalsFromJson(r.body))));
    };
    routes.push_back(std::move(vitals));
    return routes;
}

}  // namespace hub::api
