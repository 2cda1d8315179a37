#include "hub/api/routes/patient_routes.h"

#include "hub/api/routes/json_mapping.h"
#include "hub/api/routes/session_gate.h"
#include "hub/domain/patient.h"

#include <Poco/JSON/Array.h>

namespace hub::api {
namespace {

// The domain's blood groups, and "" for unknown.
const std::vector<std::string> bloodGroupValues = [] {
    std::vector<std::string> v{""};
    v.insert(v.end(), std::begin(domain::bloodGroups), std::end(domain::bloodGroups));
    return v;
}();

Schema phoneInput(std::string description) { return withLength(string(std::move(description)), 1, 40); }

// The writable fields; creating makes some of them required.
std::vector<Property> inputProperties(bool creating) {
    auto field = [creating](std::string name, Schema s, bool requiredOnCreate = false) {
        return creating && requiredOnCreate ? required(std::move(name), std::move(s))
                                            : optional(std::move(name), std::move(s));
    };
    std::vector<Property> props{
        field("name", withLength(string("as the patient says it, any script"), 1, 100), true),
        field("phone", phoneInput("primary number in any local or international format, e.g. 01712-345678"), true),
        field("phones", withLength(arrayOf(phoneInput(""), "every number, any format; the primary (phone) is put "
                                                           "first. On update it replaces the list"),
                                   0, 5)),
        field("sex", enumeration(domain::sexNames), true),
        field("date_of_birth", withFormat(string("YYYY-MM-DD, not in the future"), "date")),
        field("age_years", withRange(integer("instead of date_of_birth: stored as an approximate birth date"), 0, 130)),
        field("address", withLength(string(), 0, 300)),
        field("guardian", withLength(string("parent or carer, for children"), 0, 100)),
        field("blood_group", enumeration(bloodGroupValues, "\"\" when unknown")),
        field("allergies", withLength(string("clinical: doctors and nurses only (403 for other roles)"), 0, 500)),
        field("chronic_conditions",
              withLength(arrayOf(string("a code from the clinic's list, e.g. diabetes"),
                                 "clinical: doctors and nurses only (403 for other roles)"),
                         0, 20)),
        field("consent_sms", boolean("may be sent SMS messages")),
        field("consent_whatsapp", boolean("may be sent WhatsApp messages")),
        field("preferred_language", enumeration(domain::languageNames)),
    };
    props.push_back(optional("different_person",
                             boolean("save even though another patient has the same phone and name")));
    return props;
}

std::optional<std::vector<std::string>> stringList(const Poco::JSON::Object::Ptr& body, const std::string& name) {
    if (!body->has(name)) return std::nullopt;
    std::vector<std::string> out;
    for (const auto& v : *body->getArray(name)) out.push_back(v.extract<std::string>());
    return out;
}

opd::PatientFields fieldsFrom(const Poco::JSON::Object::Ptr& b) {
    opd::PatientFields f;
    f.name = optionalField<std::string>(b, "name");
    f.phone = optionalField<std::string>(b, "phone");
    f.phones = stringList(b, "phones");
    f.sex = optionalField<std::string>(b, "sex");
    f.dateOfBirth = optionalField<std::string>(b, "date_of_birth");
    f.ageYears = optionalField<int>(b, "age_years");
    f.address = optionalField<std::string>(b, "address");
    f.guardian = optionalField<std::string>(b, "guardian");
    f.bloodGroup = optionalField<std::string>(b, "blood_group");
    f.allergies = optionalField<std::string>(b, "allergies");
    f.chronicConditions = stringList(b, "chronic_conditions");
    f.consentSms = optionalField<bool>(b, "consent_sms");
    f.consentWhatsapp = optionalField<bool>(b, "consent_whatsapp");
    f.preferredLanguage = optionalNamed(b, "preferred_language", domain::parseLanguage);
    return f;
}

Poco::Dynamic::Var ageJson(const std::optional<int>& age) {
    return age ? Poco::Dynamic::Var(*age) : Poco::Dynamic::Var();
}

Poco::Dynamic::Var primaryPhone(const std::vector<std::string>& phones) {
    return phones.empty() ? std::string() : phones.front();
}

}  // namespace

Schema patientSchema() {
    return object({
        required("id", string()),
        required("mrn", string("the clinic's record number, e.g. 26-000123")),
        required("name", string()),
        required("phone", string("primary number, E.164")),
        required("phones", arrayOf(string("E.164"))),
        required("sex", enumeration(domain::sexNames)),
        required("date_of_birth", nullable(withFormat(string(), "date"))),
        required("birth_date_approximate", boolean("true when only an age was told")),
        required("age_years", nullable(integer("on the clinic's today"))),
        required("address", string()),
        required("guardian", string()),
        required("blood_group", enumeration(bloodGroupValues)),
        optional("allergies", string("clinical: present only for doctors and nurses")),
        optional("chronic_conditions", arrayOf(string(), "clinical: present only for doctors and nurses")),
        required("consent_sms", boolean()),
        required("consent_whatsapp", boolean()),
        required("preferred_language", enumeration(domain::languageNames)),
        required("created_at", withFormat(string(), "date-time")),
        required("updated_at", withFormat(string(), "date-time")),
    });
}

Poco::JSON::Object::Ptr patientJson(const opd::PatientRecord& record) {
    const domain::Patient& p = record.patient;
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", idString(p.id));
    o->set("mrn", p.mrn);
    o->set("name", p.name);
    o->set("phone", primaryPhone(p.phones));
    Poco::JSON::Array::Ptr phones = new Poco::JSON::Array;
    for (const auto& phone : p.phones) phones->add(phone);
    o->set("phones", phones);
    o->set("sex", std::string(domain::sexName(p.sex)));
    o->set("date_of_birth", p.birthDate ? Poco::Dynamic::Var(p.birthDate->iso()) : Poco::Dynamic::Var());
    o->set("birth_date_approximate", p.birthDateApproximate);
    o->set("age_years", ageJson(record.ageYears));
    o->set("address", p.address);
    o->set("guardian", p.guardian);
    o->set("blood_group", p.bloodGroup);
    if (record.clinicalShown) {  // absent, not empty, for roles that may not read them
        o->set("allergies", p.allergies);
        Poco::JSON::Array::Ptr conditions = new Poco::JSON::Array;
        for (const auto& code : p.chronicConditions) conditions->add(code);
        o->set("chronic_conditions", conditions);
    }
    o->set("consent_sms", p.consentSms);
    o->set("consent_whatsapp", p.consentWhatsapp);
    o->set("preferred_language", std::string(domain::languageName(p.preferredLanguage)));
    o->set("created_at", formatRfc3339(p.createdAt));
    o->set("updated_at", formatRfc3339(p.updatedAt));
    return o;
}

Schema patientSummarySchema() {
    return object({
        required("id", string()),
        required("mrn", string()),
        required("name", string()),
        required("age_years", nullable(integer())),
        required("sex", enumeration(domain::sexNames)),
        required("phone", string("primary number, E.164")),
    });
}

Poco::JSON::Object::Ptr patientSummaryJson(const opd::PatientSummary& s) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", idString(s.id));
    o->set("mrn", s.mrn);
    o->set("name", s.name);
    o->set("age_years", ageJson(s.ageYears));
    o->set("sex", std::string(domain::sexName(s.sex)));
    o->set("phone", s.phone);
    return o;
}

Schema duplicatePatientSchema() {
    return object({
        required("error", object({
                              required("code", enumeration({"conflict"})),
                              required("message", string()),
                              optional("field", string()),
                          })),
        required("candidates", arrayOf(patientSummarySchema())),
    });
}

// The pipeline maps plain errors; a duplicate carries the candidates as well.
ApiResponse duplicateResponse(const opd::DuplicatePatientError& e) {
    Poco::JSON::Object::Ptr error = new Poco::JSON::Object;
    error->set("code", errorCodeName(e.code()));
    error->set("message", std::string(e.what()));
    error->set("field", e.field());
    Poco::JSON::Array::Ptr candidates = new Poco::JSON::Array;
    for (const auto& c : e.candidates()) candidates->add(patientSummaryJson(c));
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("error", error);
    body->set("candidates", candidates);
    ApiResponse response = ApiResponse::ok(body);
    response.status = 409;
    return response;
}

std::vector<Route> patientRoutes(opd::PatientService& patients) {
    std::vector<Route> routes;

    Route create = staffRoute("POST", "/api/v1/patients", domain::Operation::CreatePatient,
                              "Register a patient; 409 with candidates when the phone and name are already known");
    create.tag = "patients";
    create.requestBody = object(inputProperties(true));
    create.successStatus = 201;
    create.responseBody = patientSchema();
    create.errorStatuses = {409, 507};
    create.errorBodies.emplace(409, duplicatePatientSchema());
    create.handler = [&patients](ApiRequest& r) {
        opd::NewPatient request{fieldsFrom(r.body), optionalField<bool>(r.body, "different_person").value_or(false)};
        try {
            return ApiResponse::created(patientJson(patients.createPatient(actorFor(r), request)));
        } catch (const opd::DuplicatePatientError& e) {
            return duplicateResponse(e);
        }
    };
    routes.push_back(std::move(create));

    Route get = staffRoute("GET", "/api/v1/patients/{id}", domain::Operation::GetPatient,
                           "A patient's record (every read is audited)");
    get.tag = "patients";
    get.responseBody = patientSchema();
    get.errorStatuses = {404};
    get.handler = [&patients](ApiRequest& r) {
        return ApiResponse::ok(patientJson(patients.getPatient(actorFor(r), parseId(r.path("id"), "id"))));
    };
    routes.push_back(std::move(get));

    Route update = staffRoute("PATCH", "/api/v1/patients/{id}", domain::Operation::UpdatePatient,
                              "Change a patient's record; absent fields stay as they are; 409 with candidates "
                              "when the new phone and name belong to another patient");
    update.tag = "patients";
    update.requestBody = object(inputProperties(false));
    update.responseBody = patientSchema();
    update.errorStatuses = {404, 409, 507};
    update.errorBodies.emplace(409, duplicatePatientSchema());
    update.handler = [&patients](ApiRequest& r) {
        const bool differentPerson = optionalField<bool>(r.body, "different_person").value_or(false);
        try {
            return ApiResponse::ok(patientJson(
                patients.updatePatient(actorFor(r), parseId(r.path("id"), "id"), fieldsFrom(r.body), differentPerson)));
        } catch (const opd::DuplicatePatientError& e) {
            return duplicateResponse(e);
        }
    };
    routes.push_back(std::move(update));

    Route search = staffRoute("GET", "/api/v1/patients", domain::Operation::SearchPatients,
                              "Find patients by record number, phone (any format, or its last 4+ digits) or part "
                              "of the name; best matches first");
    search.tag = "patients";
    search.summary += ". At most 50 results; a name needs 2 letters or more, a phone 4 digits or more; each "
                      "session may run 60 searches that find patients at once and 2 a second after (429 beyond)";
    search.errorStatuses = {429};
    search.queryParameters = {
        {"q", withLength(string("record number, phone or name"), 1, opd::maxSearchQueryBytes), true},
        {"limit", withRange(integer("default 20"), 1, opd::maxSearchLimit), false},
    };
    search.responseBody = object({required("patients", arrayOf(patientSummarySchema()))});
    search.handler = [&patients](ApiRequest& r) {
        const auto limitText = r.queryValue("limit");
        const int limit = limitText ? std::stoi(*limitText) : opd::defaultSearchLimit;
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& s : patients.searchPatients(actorFor(r), r.queryValue("q").value_or(""), limit))
            items->add(patientSummaryJson(s));
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("patients", items);
        return ApiResponse::ok(body);
    };
    routes.push_back(std::move(search));

    Route clinical = staffRoute("GET", "/api/v1/patients/{id}/clinical-history",
                                domain::Operation::GetPatientClinicalHistory,
                                "Every change of the patient's allergies and chronic conditions: who, when, the old "
                                "and the new value; newest first");
    clinical.tag = "patients";
    clinical.responseBody = object({required(
        "changes", arrayOf(object({
                       required("id", string()),
                       required("field", enumeration({"allergies", "chronic_conditions"})),
                       required("changed_at", withFormat(string(), "date-time")),
                       required("changed_by", object({
                                                  required("id", nullable(string("none for the command line"))),
                                                  required("username", string()),
                                                  required("role", string()),
                                              })),
                       required("old", string("allergies: the text; chronic_conditions: codes, one per line")),
                       required("new", string()),
                   })))});
    clinical.errorStatuses = {404};
    clinical.handler = [&patients](ApiRequest& r) {
        Poco::JSON::Array::Ptr changes = new Poco::JSON::Array;
        for (const auto& c : patients.clinicalHistory(actorFor(r), parseId(r.path("id"), "id"))) {
            Poco::JSON::Object::Ptr by = new Poco::JSON::Object;
            by->set("id", c.changedBy ? Poco::Dynamic::Var(idString(*c.changedBy)) : Poco::Dynamic::Var());
            by->set("username", c.changedByUsername);
            by->set("role", c.changedByRole);
            Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
            o->set("id", idString(c.id));
            o->set("field", c.field);
            o->set("changed_at", formatRfc3339(c.changedAt));
            o->set("changed_by", by);
            o->set("old", c.oldValue);
            o->set("new", c.newValue);
            changes->add(o);
        }
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("changes", changes);
        return ApiResponse::ok(body);
    };
    routes.push_back(std::move(clinical));
    return routes;
}

}  // namespace hub::api
