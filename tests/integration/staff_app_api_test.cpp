// The API operations the staff web app needs, against the real daemon:
// whoami's permissions and CSRF token (the app after a reload), re-ordering a
// waiting token by priority, the ICD-10 look-up and the owner's dashboard.
#include "test_support.h"

using namespace hub::it;

namespace {

std::string str(const Poco::JSON::Object::Ptr& o, const std::string& key) { return o->getValue<std::string>(key); }

std::set<std::string> permissionsOf(HubClient& client) {
    const auto me = client.get("/api/v1/auth/me");
    INFO(me.describe());
    REQUIRE(me.status == 200);
    std::set<std::string> out;
    for (const auto& p : *me.json->getArray("permissions")) out.insert(p.toString());
    return out;
}

// A new patient checked in to doctorId; returns the token's id.
std::string checkedIn(HubClient& desk, const std::string& doctorId, const std::string& phone,
                      const std::string& priority = "normal") {
    const auto p = desk.post("/api/v1/patients", json({{"name", "Patient " + phone}, {"phone", phone},
                                                        {"sex", "female"}, {"age_years", 30}}));
    INFO(p.describe());
    REQUIRE(p.status == 201);
    const auto t = desk.post("/api/v1/tokens", json({{"patient_id", str(p.json, "id")}, {"doctor_id", doctorId},
                                                     {"priority", priority}}));
    INFO(t.describe());
    REQUIRE(t.status == 201);
    return str(t.json, "id");
}

std::vector<std::string> waitingIds(HubClient& client, const std::string& doctorId) {
    const auto q = client.get("/api/v1/queue?doctor_id=" + doctorId);
    INFO(q.describe());
    REQUIRE(q.status == 200);
    std::vector<std::string> ids;
    const auto waiting = q.json->getArray("waiting");
    for (std::size_t i = 0; i < waiting->size(); ++i)
        ids.push_back(str(waiting->getObject(static_cast<unsigned>(i)), "id"));
    return ids;
}

}  // namespace

TEST_CASE("whoami gives the app its role's operations and the session's CSRF token", "[integration][web]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto reception = signedIn(hub, "reception");
    const std::string csrfFromLogin = reception->csrfToken();

    const auto me = reception->get("/api/v1/auth/me");
    INFO(me.describe());
    REQUIRE(me.status == 200);
    CHECK(str(me.json, "csrf_token") == csrfFromLogin);
    const auto mine = permissionsOf(*reception);
    CHECK(mine.count("searchPatients") == 1);
    CHECK(mine.count("checkIn") == 1);
    CHECK(mine.count("setTokenPriority") == 1);
    CHECK(mine.count("createVisit") == 0);
    CHECK(mine.count("getDashboard") == 0);
    CHECK(mine.count("searchDiagnosisCodes") == 0);
    auto doctor = signedIn(hub, "dr.rahman");
    CHECK(permissionsOf(*doctor).count("searchDiagnosisCodes") == 1);

    SECTION("a reloaded app, holding only the cookie, writes with the token whoami returns") {
        reception->setSession(reception->sessionToken(), str(me.json, "csrf_token"));
        const auto r = reception->post("/api/v1/patients", json({{"name", "After Reload"}, {"phone", "01712000111"},
                                                                 {"sex", "male"}, {"age_years", 40}}));
        INFO(r.describe());
        CHECK(r.status == 201);
    }
    SECTION("another session's token is refused") {
        reception->setSession(reception->sessionToken(), doctor->csrfToken());
        const auto r = reception->post("/api/v1/patients", json({{"name", "Wrong Token"}, {"phone", "01712000112"},
                                                                 {"sex", "male"}, {"age_years", 41}}));
        checkErrorShape(r);
        CHECK(r.status == 403);
    }
}

TEST_CASE("setTokenPriority moves a waiting token ahead and back, not once it is called", "[integration][web]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto desk = signedIn(hub, "reception");
    auto doctor = signedIn(hub, "dr.sen");
    const std::string doctorId = doctor->userId();
    // The demo clinic's morning may hold tokens: compare the order of ours only.
    const std::string a = checkedIn(*desk, doctorId, "01712000201");
    const std::string b = checkedIn(*desk, doctorId, "01712000202");
    const auto order = [&] {
        std::vector<std::string> ours;
        for (const auto& id : waitingIds(*desk, doctorId))
            if (id == a || id == b) ours.push_back(id);
        return ours;
    };
    REQUIRE(order() == std::vector<std::string>{a, b});

    auto moved = desk->post("/api/v1/tokens/" + b + "/priority", json({{"priority", "emergency"}}));
    INFO(moved.describe());
    REQUIRE(moved.status == 200);
    CHECK(str(moved.json, "priority") == "emergency");
    CHECK(order() == std::vector<std::string>{b, a});
    REQUIRE(desk->post("/api/v1/tokens/" + b + "/priority", json({{"priority", "normal"}})).status == 200);
    CHECK(order() == std::vector<std::string>{a, b});

    const auto unknown = desk->post("/api/v1/tokens/" + b + "/priority", json({{"priority", "vip"}}));
    checkErrorShape(unknown);
    CHECK(unknown.status == 400);
    CHECK(unknown.errorField() == "priority");
    const auto missing = desk->post("/api/v1/tokens/999999/priority", json({{"priority", "normal"}}));
    checkErrorShape(missing);
    CHECK(missing.status == 404);
    auto nurse = signedIn(hub, "nurse.akter");
    CHECK(nurse->post("/api/v1/tokens/" + b + "/priority", json({{"priority", "emergency"}})).status == 403);

    const auto cancelled = desk->request("POST", "/api/v1/tokens/" + a + "/cancel");
    REQUIRE(cancelled.status == 200);
    const auto late = desk->post("/api/v1/tokens/" + a + "/priority", json({{"priority", "emergency"}}));
    checkErrorShape(late);
    CHECK(late.status == 409);
}

TEST_CASE("searchDiagnosisCodes finds ICD-10 codes by code and by title words", "[integration][web]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto doctor = signedIn(hub, "dr.rahman");
    const auto byCode = doctor->get("/api/v1/diagnosis-codes?q=e119");
    INFO(byCode.describe());
    REQUIRE(byCode.status == 200);
    const auto codes = byCode.json->getArray("codes");
    REQUIRE(codes->size() >= 1);
    CHECK(str(codes->getObject(0), "code") == "E11.9");

    const auto byWords = doctor->get("/api/v1/diagnosis-codes?q=dengue%20fever&limit=3");
    REQUIRE(byWords.status == 200);
    const auto found = byWords.json->getArray("codes");
    REQUIRE(found->size() >= 1);
    CHECK(found->size() <= 3);
    for (std::size_t i = 0; i < found->size(); ++i)
        CHECK(str(found->getObject(static_cast<unsigned>(i)), "title").find("engue") != std::string::npos);

    const auto empty = doctor->get("/api/v1/diagnosis-codes?q=");
    checkErrorShape(empty);
    CHECK(empty.status == 400);
    CHECK(empty.errorField() == "q");
    const auto tooMany = doctor->get("/api/v1/diagnosis-codes?q=fever&limit=51");
    checkErrorShape(tooMany);
    CHECK(tooMany.status == 400);
    CHECK(tooMany.errorField() == "limit");
    CHECK(signedIn(hub, "reception")->get("/api/v1/diagnosis-codes?q=fever").status == 403);
}

TEST_CASE("getDashboard counts today's tokens per doctor and patients per day", "[integration][web]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto admin = signedIn(hub, "admin");
    auto desk = signedIn(hub, "reception");
    auto doctor = signedIn(hub, "dr.sen");
    const auto before = admin->get("/api/v1/dashboard");
    INFO(before.describe());
    REQUIRE(before.status == 200);
    const auto waitingOf = [&](const HttpResult& r) {
        const auto doctors = r.json->getArray("doctors");
        for (std::size_t i = 0; i < doctors->size(); ++i) {
            const auto d = doctors->getObject(static_cast<unsigned>(i));
            if (str(d, "doctor_id") == doctor->userId()) return d->getValue<int>("waiting");
        }
        FAIL("the dashboard has no row for dr.sen");
        return -1;
    };
    const auto days = before.json->getArray("patients_per_day");
    REQUIRE(days->size() == 30);
    CHECK(str(days->getObject(29), "date") == str(before.json, "clinic_day"));
    const int todayBefore = days->getObject(29)->getValue<int>("patients");

    checkedIn(*desk, doctor->userId(), "01712000301");
    const auto after = admin->get("/api/v1/dashboard");
    REQUIRE(after.status == 200);
    CHECK(waitingOf(after) == waitingOf(before) + 1);
    CHECK(after.json->getArray("patients_per_day")->getObject(29)->getValue<int>("patients") == todayBefore + 1);
    CHECK(desk->get("/api/v1/dashboard").status == 403);
}

TEST_CASE("updateMyPreferences keeps a staff member's language on the hub, for every session", "[integration][web]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto reception = signedIn(hub, "reception");
    auto language = [](HubClient& c) {
        const auto me = c.get("/api/v1/auth/me");
        INFO(me.describe());
        REQUIRE(me.status == 200);
        return str(me.json->getObject("user"), "language");
    };
    CHECK(language(*reception) == "en");  // until they choose

    const auto set = reception->patch("/api/v1/auth/me", json({{"language", "bn"}}));
    INFO(set.describe());
    REQUIRE(set.status == 200);
    CHECK(str(set.json, "language") == "bn");
    // At once in this session (whoami answers from the session cache) ...
    CHECK(language(*reception) == "bn");
    // ... on another device, and after the hub restarts.
    auto phone = signedIn(hub, "reception");
    CHECK(language(*phone) == "bn");
    // One's own only: the doctor still has English.
    auto doctor = signedIn(hub, "dr.rahman");
    CHECK(language(*doctor) == "en");
    hub.stop();
    hub.restart();
    auto later = signedIn(hub, "reception");
    CHECK(language(*later) == "bn");

    SECTION("a language the app does not have is a 400 naming the field") {
        for (const std::string body : {R"({"language":"fr"})", R"({"language":""})", R"({"language":7})", R"({})",
                                       R"({"language":"bn","theme":"dark"})"}) {
            INFO(body);
            const auto r = later->patch("/api/v1/auth/me", body);
            checkErrorShape(r);
            CHECK(r.status == 400);
            CHECK((r.body.find("language") != std::string::npos || r.body.find("theme") != std::string::npos));
        }
        CHECK(language(*later) == "bn");
    }
    SECTION("without the CSRF token or a session it is refused") {
        later->setSession(later->sessionToken(), "not-the-token");
        CHECK(later->patch("/api/v1/auth/me", json({{"language", "en"}})).status == 403);
        auto anonymous = hub.client();
        CHECK(anonymous->patch("/api/v1/auth/me", json({{"language", "en"}})).status == 401);
        CHECK(language(*phone) == "bn");
    }
}
