// The patient routes in process, over plain loopback HTTP with a fake gate and
// a real temporary database: status codes, error fields, and responses that
// match the schemas the routes declare.
#include "api_test_support.h"
#include "auth_test_support.h"
#include "hub/api/openapi.h"
#include "hub/api/routes/patient_routes.h"
#include "hub/core/error.h"

#include <Poco/JSON/Stringifier.h>
#include <Poco/URI.h>
#include "support/catch.h"

#include <sstream>

using namespace hub;
using namespace hub::api;
using hub::testing::HttpReply;

namespace {

struct ApiFixture : hub::testing::AuthFixture {
    opd::PatientService patients{*db, clock, audit};
    hub::testing::FakeGate gate;
    hub::testing::LoopbackApi api{patientRoutes(patients), gate};
    const std::vector<Route>& routes = api.routes();

    ApiFixture() {
        long long session = 0;
        for (const char* role : {"receptionist", "cashier", "doctor", "nurse"}) {
            const auto m = addStaff(std::string(role) + "1", role);
            gate.callers[role] = Caller{m.id, m.username, m.displayName, m.role, ++session};
        }
    }

    HttpReply send(const std::string& method, const std::string& uri, const std::string& body = {},
                   const std::string& who = "receptionist") {
        return api.send(method, uri, who, body);
    }
    HttpReply search(const std::string& q, const std::string& who = "receptionist") {
        std::string encoded;
        Poco::URI::encode(q, "&=+#?", encoded);
        return send("GET", "/api/v1/patients?q=" + encoded, {}, who);
    }
    const Route& route(const std::string& operationId) const { return api.route(operationId); }
    void checkShape(const std::string& operationId, const HttpReply& reply) const { api.checkShape(operationId, reply); }
};

const std::string rahima =
    R"({"name":"Rahima Begum","phone":"01712-345678","sex":"female","age_years":34,"address":"House 12, Dhanmondi",)"
    R"("chronic_conditions":["diabetes"],"consent_sms":true,"preferred_language":"bn"})";

}  // namespace

TEST_CASE("createPatient answers 201 with the record number and the normalized phone", "[patients][api]") {
    ApiFixture f;
    const auto r = f.send("POST", "/api/v1/patients", rahima, "doctor");
    REQUIRE(r.status == 201);
    f.checkShape("createPatient", r);
    const auto o = r.json();
    CHECK(o->getValue<std::string>("mrn") == "25-000001");
    CHECK(o->getValue<std::string>("phone") == "+8801712345678");
    CHECK(o->getArray("phones")->size() == 1);
    CHECK(o->getValue<int>("age_years") == 34);
    CHECK(o->getValue<bool>("birth_date_approximate"));
    CHECK(o->getValue<std::string>("date_of_birth") == "1991-11-24");
    CHECK_FALSE(o->getValue<std::string>("id").empty());
}

TEST_CASE("bad patient fields are 400 naming the field", "[patients][api]") {
    ApiFixture f;
    auto fieldOf = [&](const std::string& body) {
        const auto r = f.send("POST", "/api/v1/patients", body, "doctor");
        CHECK(r.status == 400);
        return r.errorField();
    };
    CHECK(fieldOf(R"({"name":"Rahima","phone":"01712","sex":"female","age_years":3})") == "phone");
    CHECK(fieldOf(R"({"name":"Rahima","phone":"01712345678","sex":"female","date_of_birth":"2999-01-01"})") ==
          "date_of_birth");
    CHECK(fieldOf(R"({"name":"Rahima","phone":"01712345678","sex":"female","age_years":-1})") == "age_years");
    CHECK(fieldOf(R"({"name":"Rahima","phone":"01712345678","sex":"female","age_years":3,)"
                  R"("date_of_birth":"2020-01-01"})") == "age_years");
    CHECK(fieldOf(R"({"name":"Rahima","phone":"01712345678","sex":"f","age_years":3})") == "sex");
    CHECK(fieldOf(R"({"name":"Rahima","phone":"01712345678","sex":"female","age_years":3,)"
                  R"("chronic_conditions":["gout"]})") == "chronic_conditions");
    CHECK(fieldOf(R"({"name":"","phone":"01712345678","sex":"female","age_years":3})") == "name");
    CHECK(fieldOf(R"({"name":"42","phone":"01712345678","sex":"female","age_years":3})") == "name");
    CHECK(fieldOf(R"({"phone":"01712345678","sex":"female","age_years":3})") == "name");
    // The language is parsed at the edge, from the domain's table of names.
    CHECK(fieldOf(R"({"name":"Rahima","phone":"01712345678","sex":"female","age_years":3,)"
                  R"("preferred_language":"fr"})") == "preferred_language");
    CHECK(fieldOf(R"({"name":"Rahima","phone":"01712345678","sex":"female","age_years":3,"nickname":"R"})") ==
          "nickname");
    CHECK(f.search("Rahima").json()->getArray("patients")->size() == 0);
}

TEST_CASE("a possible duplicate is 409 with the candidates, until different_person is said", "[patients][api]") {
    ApiFixture f;
    const auto first = f.send("POST", "/api/v1/patients", rahima, "doctor");
    REQUIRE(first.status == 201);
    const std::string again =
        R"({"name":"rahima begum","phone":"+880 1712 345678","sex":"female","age_years":34})";
    const auto conflict = f.send("POST", "/api/v1/patients", again);
    REQUIRE(conflict.status == 409);
    INFO(conflict.body);
    CHECK_NOTHROW(validate(duplicatePatientSchema(), conflict.parsed()));
    const auto candidates = conflict.json()->getArray("candidates");
    REQUIRE(candidates->size() == 1);
    CHECK(candidates->getObject(0)->getValue<std::string>("id") == first.json()->getValue<std::string>("id"));
    CHECK(conflict.json()->getObject("error")->getValue<std::string>("code") == "conflict");

    std::string confirmed = again;
    confirmed.insert(1, R"("different_person":true,)");
    CHECK(f.send("POST", "/api/v1/patients", confirmed).status == 201);

    SECTION("an update that makes a record match another patient is the same 409") {
        const std::string typo = R"({"name":"Rahima Begun","phone":"01712-345678","sex":"female","age_years":30})";
        const std::string id = f.send("POST", "/api/v1/patients", typo).json()->getValue<std::string>("id");
        const auto fix = f.send("PATCH", "/api/v1/patients/" + id, R"({"name":"Rahima Begum"})");
        REQUIRE(fix.status == 409);
        CHECK_NOTHROW(validate(duplicatePatientSchema(), fix.parsed()));
        CHECK(f.send("PATCH", "/api/v1/patients/" + id, R"({"name":"Rahima Begum","different_person":true})").status ==
              200);
    }
    SECTION("the API document describes the 409 body with its candidates") {
        for (const char* op : {"createPatient", "updatePatient"}) {
            const Route& r = f.route(op);
            REQUIRE(r.errorBodies.count(409) == 1);
            CHECK_NOTHROW(validate(r.errorBodies.at(409), conflict.parsed()));
        }
        const auto document = buildOpenApiDocument(f.routes, "test");
        std::ostringstream text;
        Poco::JSON::Stringifier::stringify(document, text);
        CHECK(text.str().find("\"candidates\"") != std::string::npos);
    }
}

TEST_CASE("getPatient and updatePatient: the record, 404 for an unknown id", "[patients][api]") {
    ApiFixture f;
    const std::string id =
        f.send("POST", "/api/v1/patients", rahima, "doctor").json()->getValue<std::string>("id");
    const auto got = f.send("GET", "/api/v1/patients/" + id, {}, "nurse");
    REQUIRE(got.status == 200);
    f.checkShape("getPatient", got);
    CHECK(got.json()->getArray("chronic_conditions")->getElement<std::string>(0) == "diabetes");
    CHECK(got.json()->has("allergies"));
    // The front desk's view has no clinical fields at all (not empty ones).
    const auto desk = f.send("GET", "/api/v1/patients/" + id);
    REQUIRE(desk.status == 200);
    f.checkShape("getPatient", desk);
    CHECK_FALSE(desk.json()->has("chronic_conditions"));
    CHECK_FALSE(desk.json()->has("allergies"));

    const auto updated = f.send("PATCH", "/api/v1/patients/" + id,
                                R"({"blood_group":"O+","phones":["01712-345678","098765 43210"],"guardian":"Karim"})");
    REQUIRE(updated.status == 200);
    f.checkShape("updatePatient", updated);
    CHECK(updated.json()->getValue<std::string>("blood_group") == "O+");
    CHECK(updated.json()->getArray("phones")->getElement<std::string>(1) == "+919876543210");
    CHECK(f.send("PATCH", "/api/v1/patients/" + id, R"({"date_of_birth":"2999-01-01"})").errorField() ==
          "date_of_birth");

    CHECK(f.send("GET", "/api/v1/patients/999999").status == 404);
    CHECK(f.send("PATCH", "/api/v1/patients/999999", R"({"guardian":"Karim"})").status == 404);
    CHECK(f.send("GET", "/api/v1/patients/abc").errorField() == "id");
}

TEST_CASE("searchPatients lists summaries, and a cashier sees nothing more", "[patients][api]") {
    ApiFixture f;
    const std::string id =
        f.send("POST", "/api/v1/patients", rahima, "doctor").json()->getValue<std::string>("id");
    for (const std::string q : {"5678", "01712-345678", "25-000001", "ahima", "Ra"}) {
        INFO(q);
        const auto r = f.search(q);
        REQUIRE(r.status == 200);
        f.checkShape("searchPatients", r);
        const auto list = r.json()->getArray("patients");
        REQUIRE(list->size() == 1);
        CHECK(list->getObject(0)->getValue<std::string>("id") == id);
    }
    const auto cashier = f.search("Rahima", "cashier");
    REQUIRE(cashier.status == 200);
    f.checkShape("searchPatients", cashier);
    const auto item = cashier.json()->getArray("patients")->getObject(0);
    CHECK_FALSE(item->has("address"));
    CHECK_FALSE(item->has("chronic_conditions"));
    CHECK(f.send("GET", "/api/v1/patients/" + id, {}, "cashier").status == 403);

    CHECK(f.send("GET", "/api/v1/patients?q=").errorField() == "q");
    CHECK(f.send("GET", "/api/v1/patients").errorField() == "q");
    CHECK(f.send("GET", "/api/v1/patients?q=Ra&limit=51").errorField() == "limit");
    CHECK(f.send("GET", "/api/v1/patients?q=" + std::string(101, 'a')).errorField() == "q");
}

TEST_CASE("clinical fields over the API: 403 naming the field for the front desk, history for the doctor",
          "[patients][api][clinical]") {
    ApiFixture f;
    const std::string plain = R"({"name":"Karim Uddin","phone":"01812-345678","sex":"male","age_years":40})";
    const auto created = f.send("POST", "/api/v1/patients", plain);
    REQUIRE(created.status == 201);
    CHECK_FALSE(created.json()->has("allergies"));
    const std::string id = created.json()->getValue<std::string>("id");

    const auto refused = f.send("PATCH", "/api/v1/patients/" + id, R"({"allergies":"Penicillin"})");
    CHECK(refused.status == 403);
    CHECK(refused.errorField() == "allergies");
    CHECK(f.send("POST", "/api/v1/patients", rahima).errorField() == "chronic_conditions");

    const auto byNurse = f.send("PATCH", "/api/v1/patients/" + id, R"({"allergies":"Penicillin"})", "nurse");
    REQUIRE(byNurse.status == 200);
    f.checkShape("updatePatient", byNurse);
    CHECK(byNurse.json()->getValue<std::string>("allergies") == "Penicillin");
    CHECK(f.send("PATCH", "/api/v1/patients/" + id, R"({"guardian":"Rahim"})", "nurse").errorField() == "guardian");

    const auto history = f.send("GET", "/api/v1/patients/" + id + "/clinical-history", {}, "doctor");
    REQUIRE(history.status == 200);
    f.checkShape("getPatientClinicalHistory", history);
    const auto changes = history.json()->getArray("changes");
    REQUIRE(changes->size() == 1);
    const auto change = changes->getObject(0);
    CHECK(change->getValue<std::string>("field") == "allergies");
    CHECK(change->getValue<std::string>("old") == "");
    CHECK(change->getValue<std::string>("new") == "Penicillin");
    CHECK(change->getObject("changed_by")->getValue<std::string>("role") == "nurse");
    CHECK(f.send("GET", "/api/v1/patients/999999/clinical-history", {}, "doctor").status == 404);
}

