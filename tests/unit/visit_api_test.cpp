// The visit routes through the real request pipeline with a fake gate over a
// real visit service: status codes, error fields, and every JSON response
// checked against the route's declared schema.
#include "api_test_support.h"
#include "visit_test_support.h"

#include "hub/api/routes/visit_routes.h"
#include "hub/core/error.h"

#include "support/catch.h"

#include <fstream>

using namespace hub;
using namespace hub::api;
using hub::domain::Role;

namespace {

using Reply = hub::testing::HttpReply;

std::vector<Route> allRoutes(opd::VisitService& visits) {
    auto routes = visitRoutes(visits);
    for (auto& r : prescriptionAssetRoutes()) routes.push_back(std::move(r));
    return routes;
}

struct Server {
    Server() : api(allRoutes(f.visits), gate) {
        // A doctor's staff id has a doctors row.
        gate.callers = {{"doctor-token", {f.doctorMember.id, "drrahman", "Dr. Rahman", Role::Doctor, 21}},
                        {"doctor2-token", {f.otherDoctorMember.id, "drsen", "Dr. Sen", Role::Doctor, 22}},
                        {"nurse-token", {f.nurseMember.id, "nurse1", "Nurse", Role::Nurse, 23}},
                        {"admin-token", {f.adminMember.id, "admin", "Admin", Role::Admin, 24}}};
    }

    testing::VisitFixture f;
    testing::FakeGate gate;
    testing::LoopbackApi api;

    Reply send(const std::string& method, const std::string& uri, const std::string& token = "doctor-token",
               const std::string& body = {}) {
        return api.send(method, uri, token, body);
    }

    // Sends, and checks a successful JSON response against the route's schema.
    Reply call(const std::string& operationId, const std::string& method, const std::string& uri,
               const std::string& token = "doctor-token", const std::string& body = {}) {
        Reply r = send(method, uri, token, body);
        if (r.status < 300) api.checkShape(operationId, r);
        return r;
    }
};

const std::string visitBody = R"({
  "vitals": {"bp_systolic": 150, "bp_diastolic": 95, "pulse": 82, "temperature_f": 98.6, "weight_kg": 72.5,
             "height_cm": 165, "spo2": 98, "blood_glucose_mmol_l": 7.8},
  "complaints": "Headache, dizziness",
  "diagnoses": [{"text": "Essential hypertension", "icd10": "I10"}, {"text": "Tension headache"}],
  "notes": "Known hypertensive, irregular medication",
  "investigations": "Lipid profile, serum creatinine",
  "prescription": [
    {"drug": "Amlodipine", "strength": "5 mg", "form": "tablet", "dose": "1+0+0", "timing": "after_meal",
     "duration": "1 month"},
    {"drug": "Paracetamol", "strength": "500 mg", "form": "tablet", "dose": "1 + 0 + 1", "duration": "3 days",
     "instructions": "only if headache"}
  ],
  "advice": "Low salt diet, walk 30 minutes daily",
  "follow_up_date": "2026-01-10"
})";

std::string withPatient(long long patient, const std::string& extra = "") {
    return "{\"patient_id\": \"" + std::to_string(patient) + "\"" + extra + ", " + visitBody.substr(1);
}

}  // namespace

TEST_CASE("API: a visit is opened, changed while a draft, finalized and then amended", "[visits][api]") {
    Server s;
    const long long patient = s.f.addPatient("Habibur Rahman", "bn", {"hypertension"});

    auto created = s.call("createVisit", "POST", "/api/v1/visits", "doctor-token", withPatient(patient));
    REQUIRE(created.status == 201);
    const auto visit = created.json();
    const std::string id = visit->getValue<std::string>("id");
    CHECK(visit->getValue<std::string>("status") == "draft");
    CHECK(visit->isNull("token_id"));
    CHECK(visit->getArray("prescription")->getObject(1)->getValue<std::string>("dose") == "1+0+1");
    CHECK(visit->getArray("prescription")->getObject(1)->getValue<std::string>("timing") == "any");
    CHECK(visit->getObject("vitals")->getValue<double>("temperature_f") == 98.6);
    CHECK(visit->getValue<std::string>("follow_up_date") == "2026-01-10");

    auto patched = s.call("updateVisit", "PATCH", "/api/v1/visits/" + id, "doctor-token",
                          R"({"advice": "Reduce salt", "follow_up_date": null})");
    REQUIRE(patched.status == 200);
    CHECK(patched.json()->getValue<std::string>("advice") == "Reduce salt");
    CHECK(patched.json()->isNull("follow_up_date"));
    CHECK(patched.json()->getArray("diagnoses")->size() == 2);

    CHECK(s.send("PATCH", "/api/v1/visits/" + id, "doctor2-token", R"({"advice": "x"})").status == 403);

    REQUIRE(s.call("finalizeVisit", "POST", "/api/v1/visits/" + id + "/finalize").status == 200);
    CHECK(s.send("PATCH", "/api/v1/visits/" + id, "doctor-token", R"({"advice": "late"})").status == 409);
    CHECK(s.send("POST", "/api/v1/visits/" + id + "/finalize").status == 409);

    auto noReason = s.send("POST", "/api/v1/visits/" + id + "/amendments", "doctor-token", R"({"advice": "x"})");
    CHECK(noReason.status == 400);
    CHECK(noReason.errorField() == "reason");
    CHECK(s.send("POST", "/api/v1/visits/" + id + "/amendments", "doctor-token",
                 R"({"advice": "x", "reason": " "})").errorField() == "reason");

    auto amended = s.call("amendVisit", "POST", "/api/v1/visits/" + id + "/amendments", "doctor-token",
                          R"({"prescription": [{"drug": "Losartan", "strength": "50 mg", "dose": "0+0+1",
                              "duration": "continue"}], "reason": "Amlodipine caused ankle swelling"})");
    REQUIRE(amended.status == 201);
    CHECK(amended.json()->getArray("amendments")->size() == 1);
    CHECK(amended.json()->getArray("prescription")->size() == 1);

    auto read = s.call("getVisit", "GET", "/api/v1/visits/" + id + "?include=previous_content", "doctor2-token");
    REQUIRE(read.status == 200);
    const auto amendment = read.json()->getArray("amendments")->getObject(0);
    CHECK(amendment->getValue<std::string>("reason") == "Amlodipine caused ankle swelling");
    CHECK(amendment->getValue<std::string>("amended_by") == std::to_string(s.f.doctorMember.id));
    const auto previous = amendment->getObject("previous_content");
    CHECK(previous->getArray("prescription")->getObject(0)->getValue<std::string>("drug") == "Amlodipine");
    CHECK(previous->getValue<std::string>("advice") == "Reduce salt");
    CHECK_FALSE(s.call("getVisit", "GET", "/api/v1/visits/" + id).json()->getArray("amendments")->getObject(0)
                    ->has("previous_content"));

    auto history = s.call("getPatientHistory", "GET", "/api/v1/patients/" + std::to_string(patient) + "/history");
    REQUIRE(history.status == 200);
    CHECK(history.json()->getArray("visits")->size() == 1);
    CHECK(history.json()->getObject("latest_vitals")->getValue<int>("pulse") == 82);
    CHECK(history.json()->getArray("chronic_conditions")->getObject(0)->getValue<std::string>("code") ==
          "hypertension");

    auto last = s.call("getLastPrescription", "GET",
                       "/api/v1/patients/" + std::to_string(patient) + "/last-prescription");
    REQUIRE(last.status == 200);
    CHECK(last.json()->getArray("items")->getObject(0)->getValue<std::string>("drug") == "Losartan");
    CHECK(last.json()->getObject("source")->getValue<std::string>("visit_id") == id);
}

TEST_CASE("API: a token's draft is continued with 200, a new visit is 201", "[visits][api]") {
    Server s;
    const long long patient = s.f.addPatient("Token Patient");
    const long long token = s.f.addToken(s.f.doctorMember.id, patient);
    const long long draft = s.f.queueOpensDraft(patient, s.f.doctorMember.id, token);
    auto r = s.call("createVisit", "POST", "/api/v1/visits", "doctor-token",
                    withPatient(patient, ", \"token_id\": \"" + std::to_string(token) + "\""));
    CHECK(r.status == 200);
    CHECK(r.json()->getValue<std::string>("id") == std::to_string(draft));
    CHECK(r.json()->getValue<std::string>("token_id") == std::to_string(token));
    CHECK(s.send("POST", "/api/v1/visits", "doctor2-token",
                 withPatient(patient, ", \"token_id\": \"" + std::to_string(token) + "\"")).status == 403);
}

TEST_CASE("API: errors name the field as sent", "[visits][api]") {
    Server s;
    const long long patient = s.f.addPatient("Error Patient");
    const std::string p = "{\"patient_id\": \"" + std::to_string(patient) + "\", ";
    auto fieldOf = [&](const std::string& rest) {
        auto r = s.send("POST", "/api/v1/visits", "doctor-token", p + rest);
        CHECK(r.status == 400);
        return r.errorField();
    };
    CHECK(fieldOf(R"("prescription": [{"drug": "A", "dose": "1+0+1", "duration": "5 days"},
                                     {"drug": "B", "dose": "1+0", "duration": "5 days"}]})") == "prescription[1].dose");
    CHECK(fieldOf(R"("prescription": [{"drug": "A", "dose": "1+0+1", "duration": "fortnight"}]})") ==
          "prescription[0].duration");
    CHECK(fieldOf(R"("prescription": [{"drug": "A", "dose": "1+0+1", "duration": "5 days", "timing": "lunch"}]})") ==
          "prescription[0].timing");
    CHECK(fieldOf(R"("vitals": {"pulse": 720}})") == "vitals.pulse");
    CHECK(fieldOf(R"("vitals": {"spo2": "98"}})") == "vitals.spo2");
    // Beyond int and beyond int64: a 400 naming the field, never a failed conversion (was 500).
    CHECK(fieldOf(R"("vitals": {"pulse": 99999999999}})") == "vitals.pulse");
    CHECK(fieldOf(R"("vitals": {"pulse": -99999999999}})") == "vitals.pulse");
    CHECK(fieldOf(R"("vitals": {"pulse": 9223372036854775808}})") == "vitals.pulse");
    CHECK(fieldOf(R"("diagnoses": [{"text": "Diabetes", "icd10": "diabetes"}]})") == "diagnoses[0].icd10");
    CHECK(fieldOf(R"("follow_up_date": "2020-01-01"})") == "follow_up_date");
    CHECK(fieldOf(R"("follow_up_date": "next week"})") == "follow_up_date");
    CHECK(fieldOf(R"("colour": "blue"})") == "colour");
    auto unknownPatient = s.send("POST", "/api/v1/visits", "doctor-token", R"({"patient_id": "999999"})");
    CHECK(unknownPatient.status == 422);  // as in check-in: an unknown id in the body
    CHECK(unknownPatient.errorField() == "patient_id");
    CHECK(s.send("POST", "/api/v1/visits", "doctor-token", R"({"patient_id": "abc"})").errorField() == "patient_id");
    CHECK(s.send("GET", "/api/v1/visits/12345").status == 404);
}

TEST_CASE("API: the printable prescription is HTML whose assets the hub serves", "[visits][api][print]") {
    Server s;
    const long long patient = s.f.addPatient("<b>Rokeya</b>", "bn");
    const std::string id =
        s.call("createVisit", "POST", "/api/v1/visits", "doctor-token", withPatient(patient)).json()->getValue<std::string>("id");

    auto page = s.send("GET", "/api/v1/visits/" + id + "/prescription?paper=a5");
    REQUIRE(page.status == 200);
    CHECK(page.headers.getContentType() == "text/html; charset=utf-8");
    CHECK(page.body.find("&lt;b&gt;Rokeya&lt;/b&gt;") != std::string::npos);
    CHECK(page.body.find("রোগনির্ণয়") != std::string::npos);
    CHECK(page.body.find("BMDC A-12345") != std::string::npos);
    CHECK(page.body.find("1+0+0") != std::string::npos);
    CHECK(s.send("GET", "/api/v1/visits/" + id + "/prescription?paper=letter").errorField() == "paper");
    CHECK(s.send("GET", "/api/v1/visits/" + id + "/prescription", "nurse-token").status == 403);

    auto css = s.send("GET", "/assets/prescription.css?paper=a5", "");
    CHECK(css.status == 200);
    CHECK(css.headers.getContentType() == "text/css; charset=utf-8");
    CHECK(css.body.find("size: A5") != std::string::npos);

    // Its Bangla font is the static-asset server's (tests/integration/web_assets_test.cpp), linked from the stylesheet.
    CHECK(css.body.find("url(\"/fonts/noto-sans-bengali.ttf\")") != std::string::npos);
}

TEST_CASE("API: formulary, templates and roles", "[visits][api]") {
    Server s;
    auto drugs = s.call("listDrugs", "GET", "/api/v1/drugs?q=amlo&limit=5");
    REQUIRE(drugs.status == 200);
    CHECK(drugs.json()->getArray("drugs")->size() == 2);
    CHECK(s.call("listDrugs", "GET", "/api/v1/drugs", "admin-token").status == 200);
    CHECK(s.send("GET", "/api/v1/drugs?limit=500").errorField() == "limit");
    CHECK(s.send("GET", "/api/v1/drugs?q=a", "nurse-token").status == 403);

    auto created = s.call("createPrescriptionTemplate", "POST", "/api/v1/prescription-templates", "doctor-token",
                          R"({"name": "Adult fever", "items": [{"drug": "Paracetamol", "strength": "500 mg",
                              "form": "tablet", "dose": "1+1+1", "timing": "after_meal", "duration": "3 days"}]})");
    REQUIRE(created.status == 201);
    CHECK(s.send("POST", "/api/v1/prescription-templates", "doctor-token",
                 R"({"name": "Adult fever", "items": [{"drug": "X", "dose": "1+0+0", "duration": "3 days"}]})")
              .status == 409);
    CHECK(s.send("POST", "/api/v1/prescription-templates", "doctor-token",
                 R"({"name": "Bad", "items": [{"drug": "X", "dose": "1+", "duration": "3 days"}]})")
              .errorField() == "items[0].dose");
    CHECK(s.send("POST", "/api/v1/prescription-templates", "doctor-token", R"({"name": "Empty", "items": []})")
              .errorField() == "items");
    auto list = s.call("listPrescriptionTemplates", "GET", "/api/v1/prescription-templates");
    REQUIRE(list.status == 200);
    CHECK(list.json()->getArray("templates")->size() == 1);
    CHECK(s.call("listPrescriptionTemplates", "GET", "/api/v1/prescription-templates", "doctor2-token")
              .json()->getArray("templates")->size() == 0);

    const long long patient = s.f.addPatient("Nobody Yet");
    auto none = s.call("getLastPrescription", "GET", "/api/v1/patients/" + std::to_string(patient) + "/last-prescription");
    CHECK(none.json()->isNull("source"));
    CHECK(s.send("GET", "/api/v1/patients/" + std::to_string(patient) + "/history", "admin-token").status == 403);
    CHECK(s.send("POST", "/api/v1/visits", "nurse-token", withPatient(patient)).status == 403);
}
