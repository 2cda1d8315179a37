#include "hub/api/routes/visit_routes.h"

#include "hub/api/routes/json_mapping.h"
#include "hub/api/routes/session_gate.h"
#include "hub/core/error.h"
#include "hub/domain/patient.h"
#include "hub/domain/visit.h"
#include "hub/opd/diagnosis_codes.h"
#include "hub/opd/visit_json.h"

#include <Poco/JSON/Array.h>

#include <fstream>
#include <iterator>

namespace hub::api {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr std::size_t maxListItems = 50;  // diagnoses, prescription items, template items


Schema diagnosisSchema() {
    return object({required("text", string()), optional("icd10", string("ICD-10 code, e.g. E11.9"))});
}

Schema itemRequestSchema() {
    return object({
        required("drug", string("name as prescribed")),
        optional("strength", string("e.g. 500 mg")),
        optional("form", string("e.g. tablet")),
        required("dose", string("1+0+1 (morning+noon+night), 1+1+1+1, ½+0+½, or free text")),
        optional("timing", enumeration(domain::mealTimingNames)),
        required("duration", string("\"7 days\", \"2 weeks\", \"1 month\" or \"continue\"")),
        optional("instructions", string()),
    });
}

Schema itemSchema() {
    return object({
        required("drug", string()),
        required("strength", string()),
        required("form", string()),
        required("dose", string("canonical notation, e.g. 1+0+1, or free text")),
        required("timing", enumeration(domain::mealTimingNames)),
        required("duration", string("\"7 days\", \"2 weeks\", \"1 month\" or \"continue\"")),
        required("instructions", string()),
    });
}

// The content fields of a request; every one optional (absent keeps its value).
std::vector<Property> contentRequestProperties() {
    return {
        optional("vitals", nullable(vitalsInputSchema())),
        optional("complaints", string("chief complaints")),
        optional("diagnoses", withLength(arrayOf(diagnosisSchema()), 0, maxListItems)),
        optional("notes", string("clinical notes")),
        optional("investigations", string("investigations advised")),
        optional("advice", string()),
        optional("follow_up_date", nullable(withFormat(string("not in the past; null clears"), "date"))),
        optional("prescription", withLength(arrayOf(itemRequestSchema()), 0, maxListItems)),
    };
}

Schema contentSchema() {
    return object({
        required("vitals", vitalsInputSchema()),
        required("complaints", string()),
        required("diagnoses", arrayOf(diagnosisSchema())),
        required("notes", string()),
        required("investigations", string()),
        required("advice", string()),
        required("follow_up_date", nullable(withFormat(string(), "date"))),
        required("prescription", arrayOf(itemSchema())),
    });
}

Schema amendmentSchema() {
    return object({
        required("id", string()),
        required("amended_at", withFormat(string(), "date-time")),
        required("amended_by", string("staff id")),
        required("reason", string()),
        optional("previous_content", contentSchema()),
    });
}

Schema templateSchema() {
    return object({
        required("id", string()),
        required("name", string()),
        required("items", arrayOf(itemSchema())),
        required("created_at", withFormat(string(), "date-time")),
    });
}

Object::Ptr visitJson(const store::VisitRecord& r) {
    const domain::Visit& v = r.visit;
    Object::Ptr o = opd::visitContentJson(v.content);
    o->set("id", idString(v.id));
    o->set("patient_id", idString(v.patientId));
    o->set("doctor_id", idString(v.doctorId));
    o->set("doctor_name", r.doctorName);
    o->set("token_id", v.tokenId ? Poco::Dynamic::Var(idString(*v.tokenId)) : Poco::Dynamic::Var());
    o->set("status", std::string(domain::visitStatusName(v.status)));
    o->set("created_at", formatRfc3339(v.createdAt));
    o->set("updated_at", formatRfc3339(v.updatedAt));
    o->set("finalized_at", v.finalizedAt ? Poco::Dynamic::Var(formatRfc3339(*v.finalizedAt)) : Poco::Dynamic::Var());
    o->set("vitals_recorded_at",
           r.vitalsRecordedAt ? Poco::Dynamic::Var(formatRfc3339(*r.vitalsRecordedAt)) : Poco::Dynamic::Var());
    Array::Ptr amendments = new Array;
    for (std::size_t i = 0; i < v.amendments.size(); ++i) {
        const auto& a = v.amendments[i];
        Object::Ptr j = new Object;
        j->set("id", idString(a.id));
        j->set("amended_at", formatRfc3339(a.at));
        j->set("amended_by", idString(a.byStaffId));
        j->set("reason", a.reason);
        if (i < r.previousContents.size()) j->set("previous_content", opd::parseJsonText(r.previousContents[i]));
        amendments->add(j);
    }
    o->set("amendments", amendments);
    return o;
}

Object::Ptr vitalsReadingJson(const store::VitalsRecord& v) {
    Object::Ptr o = opd::vitalsJson(v.vitals);
    o->set("recorded_at", formatRfc3339(v.recordedAt));
    return o;
}

Object::Ptr templateJson(const opd::PrescriptionTemplate& t) {
    Object::Ptr o = new Object;
    o->set("id", idString(t.id));
    o->set("name", t.name);
    o->set("items", opd::prescriptionJson(t.items));
    o->set("created_at", formatRfc3339(t.createdAt));
    return o;
}

// The content fields present in a validated body.
opd::VisitChanges changesFrom(const Object::Ptr& body) {
    opd::VisitChanges c;
    if (body->has("vitals"))
        c.vitals = body->isNull("vitals") ? domain::Vitals{} : opd::vitalsFromJson(body->getObject("vitals"));
    c.complaints = optionalField<std::string>(body, "complaints");
    c.notes = optionalField<std::string>(body, "notes");
    c.investigations = optionalField<std::string>(body, "investigations");
    c.advice = optionalField<std::string>(body, "advice");
    if (body->has("diagnoses")) c.diagnoses = opd::diagnosesFromJson(body->getArray("diagnoses"));
    if (body->has("prescription"))
        c.prescription = opd::prescriptionFromJson(body->getArray("prescription"), "prescription");
    if (body->has("follow_up_date")) {
        if (body->isNull("follow_up_date")) {
            c.followUpDate.emplace(std::nullopt);
        } else {
            const auto date = domain::parseIsoDate(body->getValue<std::string>("follow_up_date"));
            if (!date) throw invalidInput("follow_up_date", "follow_up_date must be a date like 2026-12-01");
            c.followUpDate.emplace(*date);
        }
    }
    return c;
}

Object::Ptr object1(const std::string& name, Poco::Dynamic::Var value) {
    Object::Ptr o = new Object;
    o->set(name, std::move(value));
    return o;
}

}  // namespace

Schema drugSchema() {
    return object({
        required("id", string()),
        required("name", string()),
        required("generic_name", string()),
        required("strength", string()),
        required("form", string()),
    });
}

Object::Ptr drugJson(const store::Drug& d) {
    Object::Ptr o = new Object;
    o->set("id", idString(d.id));
    o->set("name", d.name);
    o->set("generic_name", d.genericName);
    o->set("strength", d.strength);
    o->set("form", d.form);
    return o;
}

Schema prescriptionItemSchema() { return itemSchema(); }

Schema visitSchema() {
    Schema s = contentSchema();
    auto& p = s.properties;
    p.insert(p.begin(), {
                            required("id", string()),
                            required("patient_id", string()),
                            required("doctor_id", string("the treating doctor's staff id")),
                            required("doctor_name", string()),
                            required("token_id", nullable(string("null for a walk-in"))),
                            required("status", enumeration(domain::visitStatusNames)),
                            required("created_at", withFormat(string(), "date-time")),
                            required("updated_at", withFormat(string(), "date-time")),
                            required("finalized_at", nullable(withFormat(string(), "date-time"))),
                            required("vitals_recorded_at", nullable(withFormat(string(), "date-time"))),
                        });
    p.push_back(required("amendments", arrayOf(amendmentSchema(), "oldest first")));
    return s;
}

Schema patientHistorySchema() {
    Schema latest = vitalsInputSchema();
    latest.properties.push_back(required("recorded_at", withFormat(string(), "date-time")));
    return object({
        required("patient", object({
                                required("id", string()),
                                required("mrn", string()),
                                required("name", string()),
                                required("sex", enumeration(domain::sexNames)),
                                required("birth_date", nullable(withFormat(string(), "date"))),
                                required("preferred_language", enumeration(domain::languageNames)),
                            })),
        required("chronic_conditions", arrayOf(object({
                                           required("code", string()),
                                           required("label_en", string()),
                                           required("label_bn", string()),
                                       }))),
        required("latest_vitals", nullable(latest)),
        required("visits", arrayOf(visitSchema(), "newest first")),
    });
}

std::vector<Route> visitRoutes(opd::VisitService& visits) {
    std::vector<Route> routes;
    const auto visitId = [](ApiRequest& r) { return parseId(r.path("id"), "id"); };

    Route create = staffRoute("POST", "/api/v1/visits", domain::Operation::CreateVisit,
                              "Open a visit: for a token (continues the draft the queue opened, 200) or a walk-in "
                              "(201). The signed-in doctor is the visit's doctor.");
    create.tag = "visits";
    {
        auto props = contentRequestProperties();
        props.insert(props.begin(), {required("patient_id", string()),
                                     optional("token_id", nullable(string("omit for a walk-in")))});
        create.requestBody = object(std::move(props));
    }
    create.successStatus = 201;
    create.responseBody = visitSchema();
    create.errorStatuses = {404, 409, 422};
    create.handler = [&visits](ApiRequest& r) {
        opd::NewVisit request;
        request.patientId = parseId(r.body->getValue<std::string>("patient_id"), "patient_id");
        if (const auto token = optionalField<std::string>(r.body, "token_id")) request.tokenId = parseId(*token, "token_id");
        request.content = changesFrom(r.body);
        const auto opened = visits.createVisit(actorFor(r), request);
        return opened.created ? ApiResponse::created(visitJson(opened.visit)) : ApiResponse::ok(visitJson(opened.visit));
    };
    routes.push_back(std::move(create));

    Route get = staffRoute("GET", "/api/v1/visits/{id}", domain::Operation::GetVisit,
                           "A visit with its amendments; include=previous_content adds each amendment's prior content");
    get.tag = "visits";
    get.queryParameters = {{"include", enumeration({"previous_content"}), false}};
    get.responseBody = visitSchema();
    get.errorStatuses = {404};
    get.handler = [&visits, visitId](ApiRequest& r) {
        const bool previous = r.queryValue("include") == std::optional<std::string>("previous_content");
        return ApiResponse::ok(visitJson(visits.getVisit(actorFor(r), visitId(r), previous)));
    };
    routes.push_back(std::move(get));

    Route update = staffRoute("PATCH", "/api/v1/visits/{id}", domain::Operation::UpdateVisit,
                              "Change a draft visit (fields absent keep their value); 409 once finalized, 403 for "
                              "another doctor's visit");
    update.tag = "visits";
    update.requestBody = object(contentRequestProperties());
    update.responseBody = visitSchema();
    update.errorStatuses = {404, 409};
    update.handler = [&visits, visitId](ApiRequest& r) {
        return ApiResponse::ok(visitJson(visits.updateVisit(actorFor(r), visitId(r), changesFrom(r.body))));
    };
    routes.push_back(std::move(update));

    Route finalize = staffRoute("POST", "/api/v1/visits/{id}/finalize", domain::Operation::FinalizeVisit,
                                "Make the visit read-only; later changes are amendments");
    finalize.tag = "visits";
    finalize.responseBody = visitSchema();
    finalize.errorStatuses = {404, 409};
    finalize.handler = [&visits, visitId](ApiRequest& r) {
        return ApiResponse::ok(visitJson(visits.finalizeVisit(actorFor(r), visitId(r))));
    };
    routes.push_back(std::move(finalize));

    Route amend = staffRoute("POST", "/api/v1/visits/{id}/amendments", domain::Operation::AmendVisit,
                             "Change a finalized visit, keeping its previous content, who, when and why");
    amend.tag = "visits";
    {
        auto props = contentRequestProperties();
        props.push_back(required("reason", string("why the finalized visit is changed")));
        amend.requestBody = object(std::move(props));
    }
    amend.successStatus = 201;
    amend.responseBody = visitSchema();
    amend.errorStatuses = {404, 409};
    amend.handler = [&visits, visitId](ApiRequest& r) {
        const auto amended = visits.amendVisit(actorFor(r), visitId(r), changesFrom(r.body),
                                               r.body->getValue<std::string>("reason"));
        return ApiResponse::created(visitJson(amended));
    };
    routes.push_back(std::move(amend));

    Route print = staffRoute("GET", "/api/v1/visits/{id}/prescription", domain::Operation::GetPrescriptionPrint,
                             "The print-ready prescription (HTML, A4 or A5), labelled in the patient's language");
    print.tag = "visits";
    print.queryParameters = {{"paper", enumeration({"a4", "a5"}), false}};
    print.rawContentType = "text/html";
    print.errorStatuses = {404};
    print.handler = [&visits, visitId](ApiRequest& r) {
        const auto paper = opd::parsePaper(r.queryValue("paper").value_or("a4")).value_or(opd::Paper::A4);
        return ApiResponse::bytes("text/html; charset=utf-8", visits.prescriptionHtml(actorFor(r), visitId(r), paper));
    };
    routes.push_back(std::move(print));

    Route history = staffRoute("GET", "/api/v1/patients/{id}/history", domain::Operation::GetPatientHistory,
                               "Every visit of the patient, newest first, with chronic tags and the latest vitals");
    history.tag = "visits";
    history.responseBody = patientHistorySchema();
    history.errorStatuses = {404};
    history.handler = [&visits](ApiRequest& r) {
        const auto h = visits.patientHistory(actorFor(r), parseId(r.path("id"), "id"));
        Object::Ptr patient = new Object;
        patient->set("id", idString(h.patient.id));
        patient->set("mrn", h.patient.mrn);
        patient->set("name", h.patient.name);
        patient->set("sex", std::string(domain::sexName(h.patient.sex)));
        patient->set("birth_date", h.patient.birthDate ? Poco::Dynamic::Var(h.patient.birthDate->iso())
                                                       : Poco::Dynamic::Var());
        patient->set("preferred_language", std::string(domain::languageName(h.patient.preferredLanguage)));
        Array::Ptr conditions = new Array;
        for (const auto& c : h.patient.chronicConditions) {
            Object::Ptr o = new Object;
            o->set("code", c.code);
            o->set("label_en", c.labelEn);
            o->set("label_bn", c.labelBn);
            conditions->add(o);
        }
        Array::Ptr list = new Array;
        for (const auto& v : h.visits) list->add(visitJson(v));
        Object::Ptr body = new Object;
        body->set("patient", patient);
        body->set("chronic_conditions", conditions);
        body->set("latest_vitals", h.latestVitals ? Poco::Dynamic::Var(vitalsReadingJson(*h.latestVitals))
                                                  : Poco::Dynamic::Var());
        body->set("visits", list);
        return ApiResponse::ok(body);
    };
    routes.push_back(std::move(history));

    Route last = staffRoute("GET", "/api/v1/patients/{id}/last-prescription", domain::Operation::GetLastPrescription,
                            "The items of the patient's last finalized prescription, to repeat");
    last.tag = "visits";
    last.responseBody = object({
        required("source", nullable(object({
                               required("visit_id", string()),
                               required("doctor_id", string()),
                               required("doctor_name", string()),
                               required("prescribed_at", withFormat(string(), "date-time")),
                           }, "null when the patient has no finalized prescription"))),
        required("items", arrayOf(itemSchema())),
    });
    last.errorStatuses = {404};
    last.handler = [&visits](ApiRequest& r) {
        const auto found = visits.lastPrescription(actorFor(r), parseId(r.path("id"), "id"));
        Object::Ptr body = new Object;
        if (found) {
            Object::Ptr source = new Object;
            source->set("visit_id", idString(found->visitId));
            source->set("doctor_id", idString(found->doctorId));
            source->set("doctor_name", found->doctorName);
            source->set("prescribed_at", formatRfc3339(found->prescribedAt));
            body->set("source", source);
            body->set("items", opd::prescriptionJson(found->items));
        } else {
            body->set("source", Poco::Dynamic::Var());
            body->set("items", Poco::JSON::Array::Ptr(new Array));
        }
        return ApiResponse::ok(body);
    };
    routes.push_back(std::move(last));

    Route drugs = staffRoute("GET", "/api/v1/drugs", domain::Operation::ListDrugs,
                             "Formulary auto-complete: drugs whose name or generic name starts with q");
    drugs.tag = "visits";
    drugs.queryParameters = {{"q", withLength(string("prefix, any case"), 0, 100), false},
                             {"limit", withRange(integer(), 1, static_cast<long long>(store::maxDrugResults)), false}};
    drugs.responseBody = object({required("drugs", arrayOf(drugSchema()))});
    drugs.handler = [&visits](ApiRequest& r) {
        const int limit = std::stoi(r.queryValue("limit").value_or("20"));
        Array::Ptr list = new Array;
        for (const auto& d : visits.searchDrugs(actorFor(r), r.queryValue("q").value_or(""), limit))
            list->add(drugJson(d));
        return ApiResponse::ok(object1("drugs", list));
    };
    routes.push_back(std::move(drugs));

    Route codes = staffRoute("GET", "/api/v1/diagnosis-codes", domain::Operation::SearchDiagnosisCodes,
                             "ICD-10 look-up for the visit form: codes starting with q (\"e119\" finds E11.9), then "
                             "titles holding every word of q; from the ICD-10-CM list shipped with the hub");
    codes.tag = "visits";
    codes.queryParameters = {{"q", withLength(string("a code or words of the title, any case"), 1, 100), true},
                             {"limit", withRange(integer(), 1, opd::maxDiagnosisResults), false}};
    codes.responseBody = object({required("codes", arrayOf(object({
                                                     required("code", string("e.g. E11.9")),
                                                     required("title", string()),
                                                 })))});
    codes.handler = [](ApiRequest& r) {
        const int limit = std::stoi(r.queryValue("limit").value_or("20"));
        Array::Ptr list = new Array;
        for (const auto& c : opd::searchDiagnosisCodes(r.queryValue("q").value_or(""), limit)) {
            Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
            o->set("code", c.code);
            o->set("title", c.title);
            list->add(o);
        }
        return ApiResponse::ok(object1("codes", list));
    };
    routes.push_back(std::move(codes));

    Route templates = staffRoute("GET", "/api/v1/prescription-templates", domain::Operation::ListPrescriptionTemplates,
                                 "The signed-in doctor's prescription templates, by name");
    templates.tag = "visits";
    templates.responseBody = object({required("templates", arrayOf(templateSchema()))});
    templates.handler = [&visits](ApiRequest& r) {
        Array::Ptr list = new Array;
        for (const auto& t : visits.listTemplates(actorFor(r))) list->add(templateJson(t));
        return ApiResponse::ok(object1("templates", list));
    };
    routes.push_back(std::move(templates));

    Route createTemplate = staffRoute("POST", "/api/v1/prescription-templates",
                                      domain::Operation::CreatePrescriptionTemplate,
                                      "Save a named prescription template for the signed-in doctor");
    createTemplate.tag = "visits";
    createTemplate.requestBody = object({
        required("name", withLength(string(), 1, 100)),
        required("items", withLength(arrayOf(itemRequestSchema()), 1, maxListItems)),
    });
    createTemplate.successStatus = 201;
    createTemplate.responseBody = templateSchema();
    createTemplate.errorStatuses = {409};
    createTemplate.handler = [&visits](ApiRequest& r) {
        auto items = opd::prescriptionFromJson(r.body->getArray("items"), "items");
        return ApiResponse::created(
            templateJson(visits.createTemplate(actorFor(r), r.body->getValue<std::string>("name"), std::move(items))));
    };
    routes.push_back(std::move(createTemplate));
    return routes;
}

std::vector<Route> prescriptionAssetRoutes() {
    std::vector<Route> routes;
    Route css = publicRoute("GET", std::string(opd::prescriptionStylesheetPath), "getPrescriptionStylesheet",
                            "The printable prescription's stylesheet (page size per paper)");
    css.tag = "assets";
    css.queryParameters = {{"paper", enumeration({"a4", "a5"}), false}};
    css.rawContentType = "text/css";
    css.handler = [](ApiRequest& r) {
        const auto paper = opd::parsePaper(r.queryValue("paper").value_or("a4")).value_or(opd::Paper::A4);
        return ApiResponse::bytes("text/css; charset=utf-8", opd::prescriptionStylesheet(paper));
    };
    routes.push_back(std::move(css));

    return routes;
}

}  // namespace hub::api
