// Patients' rights against the real daemon (issue 20): what the clinic holds
// about a patient (export), who has seen it (access log), consent, and
// "please delete it" (a deletion request from request to anonymisation).
#include "rights_support.h"
#include "sqlite_file.h"

using namespace hub::it;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

// Every place the person's identity could linger in the database's files.
void checkForgotten(const HubDataDir& dir, const std::vector<std::string>& needles) {
    for (const auto& file : {dir.database(), std::filesystem::path(dir.database().string() + "-wal")}) {
        if (!std::filesystem::exists(file)) continue;
        const std::string bytes = readFile(file);
        for (const auto& needle : needles) {
            INFO(file.string() << " must not hold '" << needle << "'");
            CHECK(bytes.find(needle) == std::string::npos);
        }
    }
}

bool listsPatient(const HttpResult& r, const std::string& id) {
    if (r.status != 200 || !r.json) return false;
    const auto patients = r.json->getArray("patients");
    for (std::size_t i = 0; i < patients->size(); ++i)
        if (patients->getObject(static_cast<unsigned>(i))->getValue<std::string>("id") == id) return true;
    return false;
}

std::string requestBody(const std::string& patientId) {
    return json({{"patient_id", patientId}, {"kind", "anonymise"}, {"channel", "in_person"}});
}

}  // namespace

TEST_CASE("a deletion request walks every state and, executed, leaves no name or phone in the database or its WAL",
          "[integration][rights][deletion]") {
    RightsClinic c;
    const std::string name = "Zorawar Quillfeather";
    const auto s = seedPatient(c, name, "01719876543");
    // Found before, by name and by the phone's last digits.
    REQUIRE(listsPatient(c.reception->get("/api/v1/patients?q=Quillfeather"), s.patientId));
    REQUIRE(listsPatient(c.reception->get("/api/v1/patients?q=9876543"), s.patientId));

    // The front desk takes the request; eligibility is checked at once.
    auto created = c.reception->post("/api/v1/data-requests", requestBody(s.patientId));
    INFO(created.describe());
    REQUIRE(created.status == 201);
    const std::string requestId = created.json->getValue<std::string>("id");
    CHECK(created.json->getValue<std::string>("state") == "eligibility_checked");
    CHECK(created.json->getValue<bool>("eligible"));
    CHECK(created.json->getValue<std::string>("requested_by") == c.reception->userId());
    // A second open request for the same patient is refused.
    CHECK(c.reception->post("/api/v1/data-requests", requestBody(s.patientId)).status == 409);

    // Only an admin decides and executes.
    CHECK(c.reception->post("/api/v1/data-requests/" + requestId + "/review",
                            R"({"decision":"approve","reason":"patient asked"})").status == 403);
    CHECK(c.doctor->request("POST", "/api/v1/data-requests/" + requestId + "/execute").status == 403);
    // Executing before approval is a conflict, and says so.
    auto early = c.admin->request("POST", "/api/v1/data-requests/" + requestId + "/execute");
    CHECK(early.status == 409);
    // A review needs a reason.
    auto noReason = c.admin->post("/api/v1/data-requests/" + requestId + "/review", R"({"decision":"approve","reason":""})");
    CHECK(noReason.status == 400);
    CHECK(noReason.errorField() == "reason");

    auto approved = c.admin->post("/api/v1/data-requests/" + requestId + "/review",
                                  R"({"decision":"approve","reason":"identity checked at the desk"})");
    INFO(approved.describe());
    REQUIRE(approved.status == 200);
    CHECK(approved.json->getValue<std::string>("state") == "approved");
    CHECK(approved.json->getValue<std::string>("reviewed_by") == c.admin->userId());
    CHECK_FALSE(approved.json->getValue<bool>("self_review"));

    auto executed = c.admin->request("POST", "/api/v1/data-requests/" + requestId + "/execute");
    INFO(executed.describe());
    REQUIRE(executed.status == 200);
    CHECK(executed.json->getValue<std::string>("state") == "executed");
    CHECK(executed.json->getValue<bool>("wal_checkpointed"));
    CHECK_FALSE(executed.json->isNull("executed_at"));
    // The request kept every step: who and when.
    auto again = c.reception->get("/api/v1/data-requests/" + requestId);
    REQUIRE(again.status == 200);
    for (const char* field : {"requested_at", "checked_at", "reviewed_at", "executed_at"})
        CHECK_FALSE(again.json->isNull(field));
    // Done once: not again.
    CHECK(c.admin->request("POST", "/api/v1/data-requests/" + requestId + "/execute").status == 409);

    // The search forgets them; the record stays, anonymised, with its visits.
    CHECK_FALSE(listsPatient(c.reception->get("/api/v1/patients?q=Quillfeather"), s.patientId));
    CHECK_FALSE(listsPatient(c.reception->get("/api/v1/patients?q=Zorawar"), s.patientId));
    CHECK_FALSE(listsPatient(c.reception->get("/api/v1/patients?q=9876543"), s.patientId));
    auto record = c.reception->get("/api/v1/patients/" + s.patientId);
    REQUIRE(record.status == 200);
    CHECK(record.json->getValue<std::string>("name") == "Anonymised patient");
    CHECK(record.json->getValue<std::string>("address").empty());
    auto history = c.doctor->get("/api/v1/patients/" + s.patientId + "/history");
    REQUIRE(history.status == 200);
    CHECK(history.json->getArray("visits")->size() == 2);
    // A new request for an anonymised record is refused.
    CHECK(c.reception->post("/api/v1/data-requests", requestBody(s.patientId)).status == 409);

    const std::vector<std::string> needles = {"Quillfeather", "Zorawar", "1719876543", "Quuxbazar"};
    checkForgotten(c.dir, needles);  // while the daemon runs
    REQUIRE(c.hub.stop().exitedWith(0));
    checkForgotten(c.dir, needles);  // and after it closed the files

    // The trail kept its events, and its hashes still verify.
    const auto verify = c.dir.cli({"audit", "verify"});
    INFO(verify.out << verify.err);
    CHECK(verify.succeeded());
    SqliteFile db(c.dir.database(), SqliteFile::Mode::ReadOnly);
    CHECK(db.queryInteger("SELECT count(*) FROM audit_events WHERE action LIKE 'data_request.%' AND patient_id = " +
                          s.patientId) >= 4);
    CHECK(db.queryInteger("SELECT count(*) FROM deletion_ledger WHERE request_id = " + requestId) == 1);
}

TEST_CASE("the clinic's only admin may review their own request, with the reason recorded, but with two admins another "
          "must", "[integration][rights][deletion]") {
    RightsClinic c;
    const auto first = seedPatient(c, "Ilsa Brightwater", "01719000111");
    auto mine = c.admin->post("/api/v1/data-requests", requestBody(first.patientId));
    REQUIRE(mine.status == 201);
    auto self = c.admin->post("/api/v1/data-requests/" + mine.json->getValue<std::string>("id") + "/review",
                              R"({"decision":"approve","reason":"sole admin; patient present"})");
    INFO(self.describe());
    REQUIRE(self.status == 200);
    CHECK(self.json->getValue<bool>("self_review"));
    CHECK(self.json->getValue<std::string>("review_reason").find("sole admin") != std::string::npos);

    auto second = c.admin->post("/api/v1/staff", newStaffBody("owner2", "admin"));
    REQUIRE(second.status == 201);
    const auto other = seedPatient(c, "Odo Brightwater", "01719000222");
    auto request = c.admin->post("/api/v1/data-requests", requestBody(other.patientId));
    REQUIRE(request.status == 201);
    const std::string id = request.json->getValue<std::string>("id");
    auto refused = c.admin->post("/api/v1/data-requests/" + id + "/review", R"({"decision":"approve","reason":"x"})");
    CHECK(refused.status == 403);
    auto owner2 = signedIn(c.hub, "owner2", "a-fine-password-1");
    auto rejected = owner2->post("/api/v1/data-requests/" + id + "/review",
                                 R"({"decision":"reject","reason":"the patient withdrew the request"})");
    INFO(rejected.describe());
    REQUIRE(rejected.status == 200);
    CHECK(rejected.json->getValue<std::string>("state") == "rejected");
    CHECK(owner2->request("POST", "/api/v1/data-requests/" + id + "/execute").status == 409);
}

TEST_CASE("a request the retention policy, an open visit or an unpaid bill refuses says why", "[integration][rights][retention]") {
    RightsClinic c;
    const auto s = seedPatient(c, "Perpetua Longkeep", "01719000333");
    // The policy: bad values are refused naming the field.
    auto tooLong = c.admin->patch("/api/v1/retention-policy", R"({"minimum_keep_years":101})");
    CHECK(tooLong.status == 400);
    CHECK(tooLong.errorField() == "minimum_keep_years");
    auto shorter = c.admin->patch("/api/v1/retention-policy",
                                  R"({"minimum_keep_years":5,"auto_anonymise_after_years":3})");
    CHECK(shorter.status == 400);
    CHECK(shorter.errorField() == "auto_anonymise_after_years");
    CHECK(c.doctor->patch("/api/v1/retention-policy", R"({"minimum_keep_years":5})").status == 403);
    auto policy = c.admin->patch("/api/v1/retention-policy", R"({"minimum_keep_years":5})");
    INFO(policy.describe());
    REQUIRE(policy.status == 200);
    CHECK(policy.json->getValue<int>("minimum_keep_years") == 5);
    CHECK(policy.json->isNull("auto_anonymise_after_years"));

    // An open visit is an obligation too.
    auto draft = c.doctor->post("/api/v1/visits", json({{"patient_id", s.patientId}, {"complaints", "cough"}}));
    REQUIRE(draft.status == 201);
    // So is an unpaid bill: the clinic must still collect or account for it.
    auto bill = c.admin->post("/api/v1/billing/invoices",
                              R"({"patient_id":")" + s.patientId +
                                  R"(","lines":[{"description_en":"Dressing","unit_price":25000}]})");
    INFO(bill.describe());
    REQUIRE(bill.status == 201);

    auto request = c.reception->post("/api/v1/data-requests", requestBody(s.patientId));
    INFO(request.describe());
    REQUIRE(request.status == 201);
    CHECK_FALSE(request.json->getValue<bool>("eligible"));
    const auto reasons = request.json->getArray("eligibility_reasons");
    REQUIRE(reasons->size() == 3);
    CHECK(reasons->getElement<std::string>(0).find("retention policy keeps records 5 years") != std::string::npos);
    CHECK(reasons->getElement<std::string>(1).find("still open") != std::string::npos);
    CHECK(reasons->getElement<std::string>(2).find("still owed") != std::string::npos);

    const std::string id = request.json->getValue<std::string>("id");
    auto approve = c.admin->post("/api/v1/data-requests/" + id + "/review", R"({"decision":"approve","reason":"asked"})");
    CHECK(approve.status == 409);
    CHECK(approve.errorMessage().find("retention policy") != std::string::npos);
    auto reject = c.admin->post("/api/v1/data-requests/" + id + "/review",
                                R"({"decision":"reject","reason":"records are kept 5 years by law"})");
    REQUIRE(reject.status == 200);
    CHECK(reject.json->getValue<std::string>("state") == "rejected");
    // The refusal is in the trail.
    auto events = c.admin->get("/api/v1/audit-events?action=data_request.review&patient_id=" + s.patientId);
    REQUIRE(events.status == 200);
    const auto list = events.json->getArray("events");
    bool refusalAudited = false;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto e = list->getObject(static_cast<unsigned>(i));
        refusalAudited = refusalAudited || (e->getValue<std::string>("outcome") == "failure" &&
                                            e->getValue<std::string>("detail").find("retention") != std::string::npos);
    }
    CHECK(refusalAudited);
}

TEST_CASE("consent given and withdrawn: the ledger keeps the history and the record shows the current state",
          "[integration][rights][consent]") {
    RightsClinic c;
    const auto s = seedPatient(c, "Constance Yesno", "01719000444");
    const std::string base = "/api/v1/patients/" + s.patientId + "/consents";

    // Registration with consent_sms became the first ledger entry.
    auto first = c.reception->get(base);
    INFO(first.describe());
    REQUIRE(first.status == 200);
    REQUIRE(first.json->getArray("history")->size() == 1);
    CHECK(first.json->getArray("current")->getObject(0)->getValue<std::string>("purpose") == "sms_reminders");
    CHECK(first.json->getArray("current")->getObject(0)->getValue<std::string>("state") == "given");

    auto withdrawn = c.reception->post(base + "/withdrawals", R"({"purpose":"sms_reminders","method":"verbal"})");
    INFO(withdrawn.describe());
    REQUIRE(withdrawn.status == 201);
    CHECK(withdrawn.json->getValue<std::string>("state") == "withdrawn");
    CHECK(withdrawn.json->getValue<std::string>("recorded_by_username") == "reception");
    CHECK_FALSE(c.reception->get("/api/v1/patients/" + s.patientId).json->getValue<bool>("consent_sms"));

    auto given = c.reception->post(base, R"({"purpose":"whatsapp_reminders","method":"signed_form","text_version":"wa-v2"})");
    REQUIRE(given.status == 201);
    auto research = c.doctor->post(base, R"({"purpose":"research","method":"patient_choice","text_version":"research-v1"})");
    REQUIRE(research.status == 201);
    CHECK(c.reception->get("/api/v1/patients/" + s.patientId).json->getValue<bool>("consent_whatsapp"));

    auto after = c.reception->get(base);
    REQUIRE(after.status == 200);
    const auto history = after.json->getArray("history");
    REQUIRE(history->size() == 4);
    CHECK(history->getObject(0)->getValue<std::string>("state") == "given");
    CHECK(history->getObject(1)->getValue<std::string>("state") == "withdrawn");
    CHECK(history->getObject(2)->getValue<std::string>("text_version") == "wa-v2");
    CHECK(after.json->getArray("current")->size() == 3);

    // Bad input names the field; roles that may not are refused.
    auto badPurpose = c.reception->post(base, R"({"purpose":"marketing","method":"verbal"})");
    CHECK(badPurpose.status == 400);
    CHECK(badPurpose.errorField() == "purpose");
    auto badMethod = c.reception->post(base, R"({"purpose":"research","method":"migrated"})");
    CHECK(badMethod.status == 400);
    CHECK(badMethod.errorField() == "method");
    auto nurse = signedIn(c.hub, "nurse.akter");
    CHECK(nurse->post(base, R"({"purpose":"research","method":"verbal"})").status == 403);
    CHECK(c.reception->post("/api/v1/patients/999999/consents", R"({"purpose":"research","method":"verbal"})").status ==
          404);

    // The export carries the current state and the history.
    auto exported = c.doctor->get("/api/v1/patients/" + s.patientId + "/export?format=json");
    REQUIRE(exported.status == 200);
    CHECK(exported.json->getObject("consents")->getArray("history")->size() == 4);
}

TEST_CASE("the JSON export holds every field the clinic recorded, and is audited", "[integration][rights][export]") {
    RightsClinic c;
    const auto s = seedPatient(c, "Rafiqa Roundtrip", "01719000555");
    auto exported = c.doctor->get("/api/v1/patients/" + s.patientId + "/export?format=json");
    INFO(exported.describe());
    REQUIRE(exported.status == 200);
    CHECK(exported.json->getValue<std::string>("format") == "clinic-hub.patient-export");

    // The patient: every field of the record as the API serves it.
    const auto record = c.doctor->get("/api/v1/patients/" + s.patientId).json;
    const auto patient = exported.json->getObject("patient");
    for (const char* field : {"mrn", "name", "sex", "date_of_birth", "address", "guardian", "blood_group",
                              "allergies", "consent_sms", "consent_whatsapp", "preferred_language", "created_at"}) {
        INFO(field);
        CHECK(toJson(*patient).find(std::string("\"") + field + "\"") != std::string::npos);
        Object a, b;
        a.set("v", patient->get(field));
        b.set("v", record->get(field));
        CHECK(toJson(a) == toJson(b));
    }
    CHECK(patient->getArray("phones")->getElement<std::string>(0) == "+8801719000555");
    const auto conditions = patient->getArray("chronic_conditions");
    REQUIRE(conditions->size() == 2);
    CHECK(conditions->getObject(0)->getValue<std::string>("code") == "diabetes");

    // Every visit as the visit API serves it, with amendments and what they replaced.
    const auto visits = exported.json->getArray("visits");
    REQUIRE(visits->size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        const auto v = visits->getObject(static_cast<unsigned>(i));
        CHECK(v->getValue<std::string>("id") == s.visitIds[i]);
        const auto api = c.doctor->get("/api/v1/visits/" + s.visitIds[i] + "?include=previous_content").json;
        const auto content = v->getObject("content");
        for (const char* field : {"vitals", "complaints", "diagnoses", "notes", "investigations", "advice",
                                  "follow_up_date", "prescription"}) {
            INFO("visit " << i << " " << field);
            Object a, b;
            a.set("v", content->get(field));
            b.set("v", api->get(field));
            CHECK(toJson(a) == toJson(b));
        }
        Object a, b;
        a.set("v", v->get("amendments"));
        b.set("v", api->get("amendments"));
        CHECK(toJson(a) == toJson(b));
    }
    CHECK(visits->getObject(0)->getArray("amendments")->size() == 1);
    CHECK(visits->getObject(0)->getArray("amendments")->getObject(0)->getObject("previous_content")->getValue<std::string>(
              "advice") == "Less salt; walk daily");

    // Who may, and bad input.
    CHECK(c.reception->get("/api/v1/patients/" + s.patientId + "/export?format=json").status == 403);
    auto badFormat = c.doctor->get("/api/v1/patients/" + s.patientId + "/export?format=xml");
    CHECK(badFormat.status == 400);
    CHECK(badFormat.errorField() == "format");
    CHECK(c.admin->get("/api/v1/patients/999999/export").status == 404);

    // Every export is an audit event naming who exported which patient, never the content.
    auto events = c.admin->get("/api/v1/audit-events?action=patient.export&patient_id=" + s.patientId);
    REQUIRE(events.status == 200);
    const auto list = events.json->getArray("events");
    REQUIRE(list->size() >= 1);
    CHECK(list->getObject(0)->getValue<std::string>("actor_username") == "dr.rahman");
    CHECK(list->getObject(0)->getValue<std::string>("detail").find("Roundtrip") == std::string::npos);

    // The whole clinic, streamed as a tar archive: admins only.
    auto archive = c.admin->get("/api/v1/clinic/export?format=json");
    INFO(archive.status << " " << archive.body.substr(0, 200));
    REQUIRE(archive.status == 200);
    CHECK(archive.header("Content-Type") == "application/x-tar");
    REQUIRE(archive.body.size() > 1024);
    CHECK(archive.body.compare(257, 5, "ustar") == 0);
    CHECK(archive.body.find("patients/" + s.patientId + ".json") != std::string::npos);
    CHECK(archive.body.find("clinic.json") != std::string::npos);
    CHECK(archive.body.find("Rafiqa Roundtrip") != std::string::npos);
    CHECK(archive.body.size() % 512 == 0);  // complete: ends on a block with its end marker
    CHECK(archive.body.substr(archive.body.size() - 1024) == std::string(1024, '\0'));
    CHECK(c.doctor->get("/api/v1/clinic/export").status == 403);
    CHECK(c.admin->get("/api/v1/clinic/export?format=xml").status == 400);
    auto clinicEvents = c.admin->get("/api/v1/audit-events?action=clinic.export");
    REQUIRE(clinicEvents.status == 200);
    CHECK(clinicEvents.json->getArray("events")->size() >= 2);  // started and finished

    // The printable summary, in English and Bangla.
    auto print = c.doctor->get("/api/v1/patients/" + s.patientId + "/summary-print");
    REQUIRE(print.status == 200);
    CHECK(print.header("Content-Type").rfind("text/html", 0) == 0);
    CHECK(print.body.find("Rafiqa Roundtrip") != std::string::npos);
    CHECK(print.body.find("নাম") != std::string::npos);
    CHECK(print.body.find("Metformin") != std::string::npos);
    CHECK(c.reception->get("/api/v1/patients/" + s.patientId + "/summary-print").status == 403);
}

TEST_CASE("the access log says who read or changed the record, when and what", "[integration][rights][access]") {
    RightsClinic c;
    const auto s = seedPatient(c, "Wanda Watched", "01719000666");
    REQUIRE(c.reception->get("/api/v1/patients/" + s.patientId).status == 200);
    REQUIRE(c.admin->get("/api/v1/patients/" + s.patientId + "/export?format=fhir").status == 200);

    auto log = c.doctor->get("/api/v1/patients/" + s.patientId + "/access-log");
    INFO(log.describe());
    REQUIRE(log.status == 200);
    const auto entries = log.json->getArray("entries");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const auto e = entries->getObject(static_cast<unsigned>(i));
        seen.insert(e->getValue<std::string>("who") + " " + e->getValue<std::string>("what"));
    }
    CHECK(seen.count("reception registered the patient"));
    CHECK(seen.count("reception read the record"));
    CHECK(seen.count("dr.rahman amended a visit"));
    CHECK(seen.count("admin exported the record"));
    // Newest first.
    CHECK(entries->getObject(0)->getValue<std::string>("action") == "patient.export");
    CHECK(c.reception->get("/api/v1/patients/" + s.patientId + "/access-log").status == 403);
    CHECK(c.doctor->get("/api/v1/patients/999999/access-log").status == 404);
    // Looking at the log is itself in the log.
    auto again = c.doctor->get("/api/v1/patients/" + s.patientId + "/access-log?limit=1");
    REQUIRE(again.status == 200);
    CHECK(again.json->getArray("entries")->getObject(0)->getValue<std::string>("action") == "patient.access_log");
}

TEST_CASE("the access log names who saw the patient in a search's results, and no search that did not show them",
          "[integration][rights][access]") {
    RightsClinic c;
    auto registered = [&](const std::string& name, const std::string& phone) {
        auto r = c.reception->post("/api/v1/patients", 
            json({{"name", name}, {"phone", phone}, {"sex", "female"}, {"age_years", 40}}));
        INFO(r.describe());
        REQUIRE(r.status == 201);
        return r.json->getValue<std::string>("id");
    };
    const auto seen = registered("Serafina Searchley", "01719000444");
    const auto other = registered("Octavia Otherton", "01719000555");
    REQUIRE(listsPatient(c.doctor->get("/api/v1/patients?q=Searchley"), seen));
    REQUIRE(listsPatient(c.reception->get("/api/v1/patients?q=9000444"), seen));
    REQUIRE(listsPatient(c.reception->get("/api/v1/patients?q=Otherton"), other));
    REQUIRE(c.reception->get("/api/v1/patients?q=Nobodyhere").status == 200);

    // Every search entry of a patient's log, as "who what", with the whole log paged one entry at a time.
    auto searchesOf = [&](const std::string& patient) {
        std::vector<std::string> out;
        std::optional<std::string> before;
        std::set<std::string> eventIds;
        for (int page = 0; page < 100; ++page) {
            auto r = c.admin->get("/api/v1/patients/" + patient + "/access-log?limit=1" +
                                  (before ? "&before_id=" + *before : std::string()));
            INFO(r.describe());
            REQUIRE(r.status == 200);
            const auto entries = r.json->getArray("entries");
            for (std::size_t i = 0; i < entries->size(); ++i) {
                const auto e = entries->getObject(static_cast<unsigned>(i));
                CHECK(eventIds.insert(e->getValue<std::string>("event_id")).second);  // no entry twice
                if (e->getValue<std::string>("action") == "patient.search")
                    out.push_back(e->getValue<std::string>("who") + " " + e->getValue<std::string>("what"));
            }
            if (r.json->isNull("next_before_id")) break;
            before = r.json->getValue<std::string>("next_before_id");
        }
        return out;
    };
    // Newest first: the front desk's phone search, then the doctor's name search.
    CHECK(searchesOf(seen) == std::vector<std::string>{"reception saw the patient in search results",
                                                       "dr.rahman saw the patient in search results"});
    CHECK(searchesOf(other) == std::vector<std::string>{"reception saw the patient in search results"});

    // The index holds ids only, one row per patient shown.
    REQUIRE(c.hub.stop().exitedWith(0));
    SqliteFile db(c.dir.database(), SqliteFile::Mode::ReadOnly);
    CHECK(db.queryInteger("SELECT count(*) FROM audit_patients_shown WHERE patient_id = " + seen) == 2);
    CHECK(db.queryInteger("SELECT count(*) FROM audit_patients_shown WHERE patient_id = " + other) == 1);
    CHECK(c.dir.cli({"audit", "verify"}).succeeded());
}

TEST_CASE("clinic-hub export writes one patient or the whole clinic, and clinic-hub retention run anonymises what is due",
          "[integration][rights][cli]") {
    RightsClinic c;
    const auto s = seedPatient(c, "Cleo Commandline", "01719000777");
    TempDir out;

    const auto one = c.dir.cli({"export", "--patient", s.patientId, "--format", "json", "--out", (out / "p.json").string()});
    INFO(one.out << one.err);
    REQUIRE(one.succeeded());
    const auto doc = parseObject(readFile(out / "p.json"));
    REQUIRE(doc);
    CHECK(doc->getObject("patient")->getValue<std::string>("name") == "Cleo Commandline");

    const auto all = c.dir.cli({"export", "--all", "--format", "json", "--out", (out / "clinic.tar").string()});
    INFO(all.out << all.err);
    REQUIRE(all.succeeded());
    requireProgram("tar", "tar");
    const auto listing = runProgram({"tar", "-tf", (out / "clinic.tar").string()});
    REQUIRE(listing.succeeded());
    CHECK(listing.out.find("patients/" + s.patientId + ".json") != std::string::npos);
    CHECK(listing.out.find("clinic.json") != std::string::npos);

    // Usage mistakes name the option and write nothing.
    const auto both = c.dir.cli({"export", "--all", "--patient", "1", "--format", "json", "--out", (out / "x").string()});
    CHECK_FALSE(both.succeeded());
    CHECK((both.err + both.out).find("--patient") != std::string::npos);
    const auto badFormat = c.dir.cli({"export", "--all", "--format", "xml", "--out", (out / "x").string()});
    CHECK_FALSE(badFormat.succeeded());
    CHECK((badFormat.err + badFormat.out).find("--format") != std::string::npos);
    const auto unknown = c.dir.cli({"export", "--patient", "999999", "--format", "json", "--out", (out / "x").string()});
    CHECK_FALSE(unknown.succeeded());
    CHECK_FALSE(std::filesystem::exists(out / "x"));

    // Retention: off by default, so a run does nothing.
    const auto off = c.dir.cli({"retention", "run"});
    INFO(off.out << off.err);
    REQUIRE(off.succeeded());
    CHECK(off.out.find("off") != std::string::npos);
    REQUIRE(c.admin->patch("/api/v1/retention-policy", R"({"auto_anonymise_after_years":10})").status == 200);
    REQUIRE(c.hub.stop().exitedWith(0));
    {
        // The patient was last seen 11 years ago.
        SqliteFile db(c.dir.database(), SqliteFile::Mode::ReadWrite);
        const std::string shift = std::to_string(11LL * 366 * 24 * 3600);
        db.execute("UPDATE patients SET created_at = created_at - " + shift + " WHERE id = " + s.patientId);
        db.execute("UPDATE visits SET created_at = created_at - " + shift + " WHERE patient_id = " + s.patientId);
    }
    const auto run = c.dir.cli({"retention", "run"});
    INFO(run.out << run.err);
    REQUIRE(run.succeeded());
    CHECK(run.out.find("anonymised 1 ") != std::string::npos);
    {
        SqliteFile db(c.dir.database(), SqliteFile::Mode::ReadOnly);
        CHECK(db.queryText("SELECT name FROM patients WHERE id = " + s.patientId) == "Anonymised patient");
        CHECK(db.queryInteger("SELECT count(*) FROM retention_runs WHERE anonymised = 1") == 1);
        // The others (registered today) were not due.
        CHECK(db.queryInteger("SELECT count(*) FROM patients WHERE name = 'Anonymised patient'") == 1);
    }
    checkForgotten(c.dir, {"Commandline", "1719000777"});
    const auto verify = c.dir.cli({"audit", "verify"});
    CHECK(verify.succeeded());
}
