// The OPD day end to end against the real daemon over TLS, as the front desk,
// a nurse and a doctor would drive it from their devices.
#include "hub_client.h"
#include "hub_process.h"

#include <Poco/JSON/Array.h>
#include "support/catch.h"

#include <set>
#include <thread>

using namespace hub::it;

namespace {

std::string str(const Poco::JSON::Object::Ptr& o, const std::string& key) { return o->getValue<std::string>(key); }

struct Opd {
    HubDataDir dir;
    HubProcess hub{dir};
    std::unique_ptr<HubClient> admin = hub.client(), reception = hub.client(), nurse = hub.client(),
                               cashier = hub.client();
    std::unique_ptr<HubClient> doctor = hub.client();
    std::string doctorId;

    Opd() {
        REQUIRE(admin->login("admin", demoPassword).status == 200);
        REQUIRE(reception->login("reception", demoPassword).status == 200);
        REQUIRE(nurse->login("nurse.akter", demoPassword).status == 200);
        REQUIRE(cashier->login("cashier", demoPassword).status == 200);
        // A doctor of our own, so the demo clinic's morning queue does not interfere.
        auto created = admin->request("POST", "/api/v1/staff",
                                      R"({"username":"dr.karim","display_name":"Dr. Karim","role":"doctor",
                                          "password":"a long enough password",
                                          "doctor":{"token_prefix":"C","room":"Room 3",
                                                    "registration_number":"A-99999","qualifications":"MBBS"}})");
        REQUIRE(created.status == 201);
        doctorId = str(created.json, "id");
        REQUIRE(doctor->login("dr.karim", "a long enough password").status == 200);
    }
};

}  // namespace

TEST_CASE("an OPD day end to end: register, check in, vitals, call, consult, prescribe, print, history",
          "[integration][opd]") {
    Opd opd;

    // Registration: a local-format phone comes back in E.164 with a record number.
    auto patient = opd.reception->request(
        "POST", "/api/v1/patients",
        R"({"name":"রহিমা বেগম","phone":"01712-345678","sex":"female","age_years":34,"preferred_language":"bn"})");
    REQUIRE(patient.status == 201);
    const std::string patientId = str(patient.json, "id");
    CHECK(str(patient.json, "phone") == "+8801712345678");
    CHECK(str(patient.json, "mrn").size() >= 9);

    // The same person typed another way is caught, with the candidate to pick.
    auto duplicate = opd.reception->request(
        "POST", "/api/v1/patients", R"({"name":"রহিমা বেগম","phone":"+880 1712 345678","sex":"female","age_years":34})");
    CHECK(duplicate.status == 409);
    REQUIRE(duplicate.json->has("candidates"));
    CHECK(duplicate.json->getArray("candidates")->size() == 1);

    // Found by the last digits of the phone and by part of the name.
    for (const char* q : {"5678", "%E0%A6%B0%E0%A6%B9%E0%A6%BF%E0%A6%AE%E0%A6%BE"}) {
        auto found = opd.reception->get(std::string("/api/v1/patients?q=") + q);
        REQUIRE(found.status == 200);
        CHECK(found.body.find(patientId) != std::string::npos);
    }

    // Check-in: the new doctor's first token.
    auto token = opd.reception->request(
        "POST", "/api/v1/tokens", R"({"patient_id":")" + patientId + R"(","doctor_id":")" + opd.doctorId + R"("})");
    REQUIRE(token.status == 201);
    const std::string tokenId = str(token.json, "id");
    CHECK(str(token.json, "label") == "C-001");
    CHECK(token.json->getValue<int>("position") == 1);

    // The nurse records vitals; an implausible pulse is refused naming the field.
    auto badVitals = opd.nurse->request("POST", "/api/v1/tokens/" + tokenId + "/vitals", R"({"pulse":720})");
    CHECK(badVitals.status == 400);
    CHECK(badVitals.errorField() == "vitals.pulse");
    CHECK(opd.nurse->request("POST", "/api/v1/tokens/" + tokenId + "/vitals",
                             R"({"bp_systolic":150,"bp_diastolic":95,"pulse":84,"temperature_f":98.6})")
              .status == 201);

    // The doctor calls the token; completing it before the consultation is refused.
    auto called = opd.doctor->request("POST", "/api/v1/queue/call-next", R"({"doctor_id":")" + opd.doctorId + R"("})");
    REQUIRE(called.status == 200);
    CHECK(str(called.json, "id") == tokenId);
    CHECK(opd.doctor->request("POST", "/api/v1/tokens/" + tokenId + "/complete").status == 409);
    auto started = opd.doctor->request("POST", "/api/v1/tokens/" + tokenId + "/start");
    REQUIRE(started.status == 200);
    const std::string visitId = str(started.json, "visit_id");

    // Writing the visit: a dose that is not notation is refused naming the item.
    auto badDose = opd.doctor->request("PATCH", "/api/v1/visits/" + visitId,
                                       R"({"prescription":[{"drug":"Amlodipine","dose":"1+0","duration":"1 month"}]})");
    CHECK(badDose.status == 400);
    CHECK(badDose.errorField() == "prescription[0].dose");
    auto written = opd.doctor->request("PATCH", "/api/v1/visits/" + visitId, R"({
        "complaints":"Headache for a week",
        "diagnoses":[{"text":"Essential hypertension","icd10":"I10"}],
        "prescription":[{"drug":"Amlodipine","strength":"5 mg","form":"tablet","dose":"1+0+0",
                         "timing":"after_meal","duration":"1 month"}],
        "advice":"Less salt; walk 30 minutes a day"})");
    REQUIRE(written.status == 200);

    // Finalized visits are read-only; a change is an amendment with a reason.
    REQUIRE(opd.doctor->request("POST", "/api/v1/visits/" + visitId + "/finalize").status == 200);
    CHECK(opd.doctor->request("PATCH", "/api/v1/visits/" + visitId, R"({"advice":"changed"})").status == 409);
    auto noReason = opd.doctor->request("POST", "/api/v1/visits/" + visitId + "/amendments", R"({"advice":"x"})");
    CHECK(noReason.status == 400);
    CHECK(noReason.errorField() == "reason");
    auto amended = opd.doctor->request("POST", "/api/v1/visits/" + visitId + "/amendments",
                                       R"({"reason":"follow-up advice added","advice":"Less salt; recheck BP in 2 weeks"})");
    REQUIRE(amended.status / 100 == 2);
    CHECK(amended.json->getArray("amendments")->size() == 1);

    // The printable prescription: letterhead, the drug and its dose, Bangla labels.
    auto print = opd.doctor->get("/api/v1/visits/" + visitId + "/prescription?paper=a5");
    REQUIRE(print.status == 200);
    CHECK(print.header("Content-Type").find("text/html") == 0);
    CHECK(print.body.find("Amlodipine") != std::string::npos);
    CHECK(print.body.find("1+0+0") != std::string::npos);
    CHECK(print.body.find("A-99999") != std::string::npos);

    CHECK(opd.doctor->request("POST", "/api/v1/tokens/" + tokenId + "/complete").status == 200);

    // History is the doctor's; the front desk and the cashier cannot read it.
    auto history = opd.doctor->get("/api/v1/patients/" + patientId + "/history");
    REQUIRE(history.status == 200);
    CHECK(history.body.find("Essential hypertension") != std::string::npos);
    CHECK(opd.reception->get("/api/v1/patients/" + patientId + "/history").status == 403);
    CHECK(opd.cashier->get("/api/v1/patients/" + patientId).status == 403);
    CHECK(opd.cashier->get("/api/v1/patients?q=5678").status == 200);

    // Every read of the record is in the audit trail, with the patient's id.
    auto trail = opd.admin->get("/api/v1/audit-events?patient_id=" + patientId + "&limit=500");
    REQUIRE(trail.status == 200);
    for (const char* action : {"patient.create", "visit.print", "patient.history"}) {
        INFO(action);
        CHECK(trail.body.find(std::string("\"") + action + "\"") != std::string::npos);
    }
}

TEST_CASE("two receptionists checking in at once never get the same token number", "[integration][opd]") {
    Opd opd;
    std::vector<std::string> patientIds;
    for (int i = 0; i < 8; ++i) {
        auto p = opd.reception->request("POST", "/api/v1/patients",
                                        R"({"name":"Patient )" + std::to_string(i) +
                                            R"(","phone":"0171100000)" + std::to_string(i) +
                                            R"(","sex":"male","age_years":40})");
        REQUIRE(p.status == 201);
        patientIds.push_back(str(p.json, "id"));
    }
    std::vector<std::string> labels(patientIds.size());
    std::vector<std::thread> desks;
    for (int desk = 0; desk < 2; ++desk) {
        desks.emplace_back([&, desk] {
            auto client = opd.hub.client();
            if (client->login("reception", demoPassword).status != 200) return;
            for (std::size_t i = static_cast<std::size_t>(desk); i < patientIds.size(); i += 2) {
                auto t = client->request("POST", "/api/v1/tokens", R"({"patient_id":")" + patientIds[i] +
                                                                       R"(","doctor_id":")" + opd.doctorId + R"("})");
                if (t.status == 201) labels[i] = str(t.json, "label");
            }
        });
    }
    for (auto& d : desks) d.join();
    std::set<std::string> distinct(labels.begin(), labels.end());
    CHECK(distinct.size() == patientIds.size());
    CHECK(distinct.count("") == 0);
    CHECK(distinct.count("C-008") == 1);
}
