// The API operations the admin screens need (issue 17), against the real
// daemon: the formulary (createDrug, updateDrug, deleteDrug), every doctor's
// templates (listClinicPrescriptionTemplates, deletePrescriptionTemplate),
// the audit log's time filters, and a display's TV address as a QR code
// (getDisplayQr). Bad input gets a 4xx naming the field.
#include "test_support.h"

using namespace hub::it;

namespace {

std::string str(const Poco::JSON::Object::Ptr& o, const std::string& key) { return o->getValue<std::string>(key); }

// The drugs listDrugs finds for prefix q, as "name|strength|form".
std::set<std::string> drugsFor(HubClient& client, const std::string& q) {
    const auto r = client.get("/api/v1/drugs?limit=50&q=" + q);
    INFO(r.describe());
    REQUIRE(r.status == 200);
    std::set<std::string> out;
    for (const auto& d : *r.json->getArray("drugs")) {
        const auto o = d.extract<Poco::JSON::Object::Ptr>();
        out.insert(str(o, "name") + "|" + str(o, "strength") + "|" + str(o, "form"));
    }
    return out;
}

void checkRefused(const HttpResult& r, int status, const std::string& field) {
    INFO(r.describe());
    checkErrorShape(r);
    CHECK(r.status == status);
    CHECK(r.errorField() == field);
}

}  // namespace

TEST_CASE("an admin keeps the formulary that doctors auto-complete from", "[integration][admin]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto admin = signedIn(hub, "admin");
    auto doctor = signedIn(hub, "dr.rahman");

    const auto created = admin->post("/api/v1/drugs", json({{"name", "  Napa Extra "}, {"generic_name", "Paracetamol"},
                                                            {"strength", "500 mg"}, {"form", "tablet"}}));
    INFO(created.describe());
    REQUIRE(created.status == 201);
    const std::string id = str(created.json, "id");
    CHECK(str(created.json, "name") == "Napa Extra");  // trimmed
    CHECK(drugsFor(*doctor, "napa").count("Napa Extra|500 mg|tablet") == 1);

    checkRefused(admin->post("/api/v1/drugs", json({{"name", "Napa Extra"}, {"strength", "500 mg"}, {"form", "tablet"}})),
                 409, "name");
    checkRefused(admin->post("/api/v1/drugs", json({{"name", "   "}})), 400, "name");
    checkRefused(admin->post("/api/v1/drugs", json({{"strength", "5 mg"}})), 400, "name");
    checkRefused(admin->post("/api/v1/drugs", json({{"name", "X"}, {"form", std::string(101, 'f')}})), 400, "form");
    checkRefused(admin->post("/api/v1/drugs", json({{"name", "X"}, {"strength", 5}})), 400, "strength");

    const auto renamed = admin->patch("/api/v1/drugs/" + id, json({{"strength", "665 mg"}}));
    INFO(renamed.describe());
    REQUIRE(renamed.status == 200);
    CHECK(str(renamed.json, "strength") == "665 mg");
    CHECK(str(renamed.json, "generic_name") == "Paracetamol");  // absent fields stay
    CHECK(drugsFor(*doctor, "napa").count("Napa Extra|665 mg|tablet") == 1);
    checkRefused(admin->patch("/api/v1/drugs/" + id, json({{"name", ""}})), 400, "name");
    checkRefused(admin->patch("/api/v1/drugs/abc", json({{"name", "Y"}})), 400, "id");
    CHECK(admin->patch("/api/v1/drugs/99999999", json({{"name", "Y"}})).status == 404);

    // Doctors pick from the formulary; they do not keep it.
    CHECK(doctor->post("/api/v1/drugs", json({{"name", "Doctor's own"}})).status == 403);
    CHECK(doctor->request("DELETE", "/api/v1/drugs/" + id).status == 403);

    const auto removed = admin->request("DELETE", "/api/v1/drugs/" + id);
    INFO(removed.describe());
    CHECK(removed.status == 204);
    CHECK(drugsFor(*doctor, "napa").count("Napa Extra|665 mg|tablet") == 0);
    CHECK(admin->request("DELETE", "/api/v1/drugs/" + id).status == 404);

    // Each change is in the audit log, findable by its action (the refused attempts too).
    const auto events = admin->get("/api/v1/audit-events?action=drug.create");
    REQUIRE(events.status == 200);
    std::set<std::string> succeeded;
    int refused = 0;
    for (const auto& v : *events.json->getArray("events")) {
        const auto e = v.extract<Poco::JSON::Object::Ptr>();
        if (str(e, "outcome") == "success") succeeded.insert(str(e, "object_id"));
        else ++refused;
    }
    CHECK(succeeded == std::set<std::string>{id});
    CHECK(refused >= 2);  // the duplicate and the blank name (the schema refuses the rest before any service)
}

TEST_CASE("an admin sees every doctor's templates and removes any, a doctor only their own", "[integration][admin]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto admin = signedIn(hub, "admin");
    auto sen = signedIn(hub, "dr.sen");
    auto rahman = signedIn(hub, "dr.rahman");
    const auto made = sen->post("/api/v1/prescription-templates",
                                R"({"name":"Adult fever","items":[{"drug":"Paracetamol","strength":"500 mg",)"
                                R"("dose":"1+1+1","duration":"3 days"}]})");
    INFO(made.describe());
    REQUIRE(made.status == 201);
    const std::string id = str(made.json, "id");

    const auto all = admin->get("/api/v1/clinic/prescription-templates");
    INFO(all.describe());
    REQUIRE(all.status == 200);
    bool found = false;
    for (const auto& v : *all.json->getArray("templates")) {
        const auto o = v.extract<Poco::JSON::Object::Ptr>();
        if (str(o, "id") != id) continue;
        found = true;
        CHECK(str(o, "doctor_id") == sen->userId());
        CHECK(!str(o, "doctor_name").empty());
        CHECK(o->getArray("items")->size() == 1);
    }
    CHECK(found);
    CHECK(sen->get("/api/v1/clinic/prescription-templates").status == 403);

    checkRefused(rahman->request("DELETE", "/api/v1/prescription-templates/" + id), 403, "");
    checkRefused(admin->request("DELETE", "/api/v1/prescription-templates/x1"), 400, "id");
    CHECK(admin->request("DELETE", "/api/v1/prescription-templates/" + id).status == 204);
    CHECK(admin->request("DELETE", "/api/v1/prescription-templates/" + id).status == 404);
    CHECK(signedIn(hub, "reception")->request("DELETE", "/api/v1/prescription-templates/" + id).status == 403);

    // A doctor removes their own.
    const auto again = sen->post("/api/v1/prescription-templates",
                                 R"({"name":"HTN","items":[{"drug":"Amlodipine","dose":"1+0+0","duration":"1 month"}]})");
    REQUIRE(again.status == 201);
    CHECK(sen->request("DELETE", "/api/v1/prescription-templates/" + str(again.json, "id")).status == 204);
}

TEST_CASE("listAuditEvents filters by time as well as user and action", "[integration][admin]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto admin = signedIn(hub, "admin");
    const std::string username = uniqueUsername("nurse");
    REQUIRE(admin->post("/api/v1/staff", newStaffBody(username)).status == 201);

    const auto byUser = admin->get("/api/v1/audit-events?action=staff.create&actor_id=" + admin->userId() +
                                   "&from=2000-01-01T00:00:00Z&until=2199-01-01T00:00:00%2B06:00");
    INFO(byUser.describe());
    REQUIRE(byUser.status == 200);
    REQUIRE(byUser.json->getArray("events")->size() >= 1);
    CHECK(str(byUser.json->getArray("events")->getObject(0), "actor_username") == "admin");

    const auto future = admin->get("/api/v1/audit-events?from=2199-01-01T00:00:00Z");
    REQUIRE(future.status == 200);
    CHECK(future.json->getArray("events")->size() == 0);
    const auto past = admin->get("/api/v1/audit-events?until=2000-01-01T00:00:00.5Z");
    REQUIRE(past.status == 200);
    CHECK(past.json->getArray("events")->size() == 0);

    checkRefused(admin->get("/api/v1/audit-events?from=yesterday"), 400, "from");
    checkRefused(admin->get("/api/v1/audit-events?from=2026-12-03"), 400, "from");  // an instant, with its offset
    checkRefused(admin->get("/api/v1/audit-events?until=2026-13-03T00:00:00Z"), 400, "until");
    checkRefused(admin->get("/api/v1/audit-events?from=2026-12-03T00:00:00Z&until=2026-12-02T00:00:00Z"), 400,
                 "until");
    checkRefused(admin->get("/api/v1/audit-events?from=2999-01-01T00:00:00Z"), 400, "from");  // past the clock's end
    checkRefused(admin->get("/api/v1/audit-events?patient_id=abc"), 400, "patient_id");
}

TEST_CASE("getDisplayQr draws the display's TV address as an SVG QR code", "[integration][admin]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto admin = signedIn(hub, "admin");
    const auto created = admin->post("/api/v1/displays", json({{"name", "Waiting room"}}));
    INFO(created.describe());
    REQUIRE(created.status == 201);
    const std::string id = str(created.json, "id");
    const std::string url = str(created.json, "url");

    const auto qr = admin->get("/api/v1/displays/" + id + "/qr");
    INFO(qr.describe());
    REQUIRE(qr.status == 200);
    CHECK(qr.header("Content-Type").rfind("image/svg+xml", 0) == 0);
    CHECK(qr.header("Cache-Control") == "no-store");
    CHECK(qr.body.find("<svg") != std::string::npos);
    // The accessible name is the address itself: https, the name this request used, the display's path.
    CHECK(qr.body.find("aria-label=\"https://") != std::string::npos);
    CHECK(qr.body.find(url + "\"") != std::string::npos);

    // A re-keyed display's QR holds the new address.
    const auto rotated = admin->request("POST", "/api/v1/displays/" + id + "/key");
    REQUIRE(rotated.status == 200);
    const auto after = admin->get("/api/v1/displays/" + id + "/qr");
    REQUIRE(after.status == 200);
    CHECK(after.body.find(str(rotated.json, "url") + "\"") != std::string::npos);

    CHECK(admin->get("/api/v1/displays/99999/qr").status == 404);
    checkRefused(admin->get("/api/v1/displays/qr/qr"), 400, "id");
    checkRefused(admin->request("GET", "/api/v1/displays/" + id + "/qr", std::nullopt, {{"Host", "evil\"><x"}}), 400,
                 "Host");
    CHECK(signedIn(hub, "reception")->get("/api/v1/displays/" + id + "/qr").status == 403);
}
