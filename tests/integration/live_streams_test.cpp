// The live streams against the real daemon over TLS: the staff stream's order,
// ids and resume; the display's state and stream, which must never carry a
// patient's name, phone or record number; display administration; many open
// streams beside API calls; and a hub restart.
#include "event_stream_client.h"
#include "test_support.h"

#include <thread>

using namespace hub::it;
using namespace std::chrono_literals;

namespace {

std::string str(const Poco::JSON::Object::Ptr& o, const std::string& key) { return o->getValue<std::string>(key); }

// A demo clinic with a doctor of our own (so the morning queue does not interfere)
// and a patient whose name, phone and record number tests look for.
struct Clinic {
    explicit Clinic(HubOptions options = {}) : hub(dir, std::move(options)) { setUp(); }

    HubDataDir dir;
    HubProcess hub;
    std::unique_ptr<HubClient> admin = signedIn(hub, "admin");
    std::unique_ptr<HubClient> reception = signedIn(hub, "reception");
    std::unique_ptr<HubClient> doctor = hub.client();
    std::string doctorId;
    std::string patientId, patientName = "Zubaida Khatun", patientPhone = "+8801719876543", patientMrn;

    void setUp() {
        auto created = admin->request("POST", "/api/v1/staff",
                                      R"({"username":"dr.karim","display_name":"Dr. Karim","role":"doctor",
                                          "password":"a long enough password",
                                          "doctor":{"token_prefix":"K","room":"Room 9","qualifications":"MBBS"}})");
        REQUIRE(created.status == 201);
        doctorId = str(created.json, "id");
        REQUIRE(doctor->login("dr.karim", "a long enough password").status == 200);
        auto patient = reception->post("/api/v1/patients", json({{"name", patientName}, {"phone", "01719-876543"},
                                                                 {"sex", "female"}, {"age_years", 41}}));
        REQUIRE(patient.status == 201);
        patientId = str(patient.json, "id");
        patientMrn = str(patient.json, "mrn");
        REQUIRE(str(patient.json, "phone") == patientPhone);
    }

    std::string checkIn() {
        auto r = reception->post("/api/v1/tokens", json({{"patient_id", patientId}, {"doctor_id", doctorId}}));
        INFO(r.describe());
        REQUIRE(r.status == 201);
        return str(r.json, "id");
    }
    std::string callNext() {
        auto r = doctor->post("/api/v1/queue/call-next", json({{"doctor_id", doctorId}}));
        INFO(r.describe());
        REQUIRE(r.status == 200);
        return str(r.json, "id");
    }
    void move(const std::string& tokenId, const std::string& verb) {
        auto r = doctor->request("POST", "/api/v1/tokens/" + tokenId + "/" + verb);
        INFO(r.describe());
        REQUIRE(r.status == 200);
    }
    // A display of our doctor; returns {id, key}.
    std::pair<std::string, std::string> createDisplay(bool showInitial = false) {
        auto r = admin->post("/api/v1/displays", json({{"name", "Waiting room TV"},
                                                       {"doctor_ids", Poco::JSON::Array::Ptr(new Poco::JSON::Array)},
                                                       {"show_initial", showInitial}}));
        INFO(r.describe());
        REQUIRE(r.status == 201);
        CHECK(str(r.json, "key").size() == 22);
        CHECK(str(r.json, "url") == "/display/" + str(r.json, "key"));
        return {str(r.json, "id"), str(r.json, "key")};
    }
};

StreamEvent nextEvent(EventStreamClient& s, const std::string& type) {
    auto e = s.next(5s);
    INFO("waiting for a " << type << " event; received so far:\n" << s.raw());
    REQUIRE(e);
    CHECK(e->type == type);
    return *e;
}

void checkNoPatientData(const std::string& bytes, const Clinic& c) {
    INFO(bytes);
    CHECK(bytes.find(c.patientName) == std::string::npos);
    CHECK(bytes.find("Zubaida") == std::string::npos);
    CHECK(bytes.find(c.patientMrn) == std::string::npos);
    CHECK(bytes.find(c.patientPhone) == std::string::npos);
    CHECK(bytes.find("9876543") == std::string::npos);
    CHECK(bytes.find("\"patient") == std::string::npos);
}

}  // namespace

TEST_CASE("the staff stream sees check-in, call, start and complete in order with increasing ids",
          "[integration][streams]") {
    Clinic c;
    auto watcher = signedIn(c.hub, "nurse.akter");
    EventStreamClient stream(*watcher, "/api/v1/queue/events");
    REQUIRE(stream.status() == 200);
    CHECK(stream.response().header("Content-Type").rfind("text/event-stream", 0) == 0);
    CHECK(stream.response().header("Cache-Control") == "no-store");

    const std::string token = c.checkIn();
    c.callNext();
    c.move(token, "start");
    c.move(token, "complete");

    long long previous = 0;
    for (const char* type : {"check_in", "call", "start", "complete"}) {
        const auto e = nextEvent(stream, "queue");
        INFO(e.data);
        const auto data = e.json();
        REQUIRE(data);
        CHECK(str(data, "type") == type);
        CHECK(str(data, "token_id") == token);
        CHECK(str(data, "doctor_id") == c.doctorId);
        CHECK(str(data, "label") == "K-001");
        CHECK(data->has("clinic_day"));
        CHECK(data->has("at"));
        const long long id = std::stoll(e.id);
        CHECK(id > previous);
        previous = id;
    }
    CHECK(stream.retryMs() == 3000);
    checkNoPatientData(stream.raw(), c);

    // Without a session there is no staff stream.
    auto anonymous = c.hub.client();
    EventStreamClient refused(*anonymous, "/api/v1/queue/events");
    CHECK(refused.status() == 401);
    checkErrorShape(refused.response());
}

TEST_CASE("a staff stream reconnecting with Last-Event-ID gets exactly the events it missed, or a reset",
          "[integration][streams]") {
    Clinic c;
    std::string lastSeen;
    {
        EventStreamClient first(*c.reception, "/api/v1/queue/events");
        REQUIRE(first.status() == 200);
        c.checkIn();
        lastSeen = nextEvent(first, "queue").id;
    }
    const std::string token = c.checkIn();  // missed while away
    c.callNext();                          // missed too

    EventStreamClient resumed(*c.reception, "/api/v1/queue/events", {{"Last-Event-ID", lastSeen}});
    REQUIRE(resumed.status() == 200);
    const auto missed1 = nextEvent(resumed, "queue"), missed2 = nextEvent(resumed, "queue");
    CHECK(str(missed1.json(), "type") == "check_in");
    CHECK(str(missed1.json(), "token_id") == token);
    CHECK(str(missed2.json(), "type") == "call");
    // Ids are the journal's, shared with the display streams (the demo clinic has a TV): they grow, with gaps.
    CHECK(std::stoll(missed1.id) > std::stoll(lastSeen));
    CHECK(std::stoll(missed2.id) > std::stoll(missed1.id));
    CHECK_FALSE(resumed.next(500ms));  // nothing else

    // The API document says so, on both streams.
    const auto document = c.hub.client()->get("/api/v1/openapi.json");
    REQUIRE(document.json);
    for (const std::string path : {"/api/v1/queue/events", "/api/v1/display/{key}/events"}) {
        INFO(path);
        const auto params = document.json->getObject("paths")->getObject(path)->getObject("get")->getArray("parameters");
        REQUIRE(params);
        bool declared = false;
        for (std::size_t i = 0; i < params->size(); ++i) {
            const auto p = params->getObject(static_cast<unsigned>(i));
            declared = declared || (p->getValue<std::string>("name") == "Last-Event-ID" &&
                                    p->getValue<std::string>("in") == "header" && !p->getValue<bool>("required"));
        }
        CHECK(declared);
    }

    for (const std::string stale : {"12", "not-a-number"}) {
        EventStreamClient reset(*c.reception, "/api/v1/queue/events", {{"Last-Event-ID", stale}});
        REQUIRE(reset.status() == 200);
        const auto e = nextEvent(reset, "reset");
        CHECK(e.json()->getValue<long long>("event_id") == std::stoll(e.id));
    }
}

TEST_CASE("a staff stream closes within a heartbeat of its session's sign-out, and only that one",
          "[integration][streams]") {
    Clinic c;
    auto other = signedIn(c.hub, "reception");  // the same account on a second device
    EventStreamClient leaving(*c.reception, "/api/v1/queue/events");
    EventStreamClient staying(*other, "/api/v1/queue/events");
    REQUIRE(leaving.status() == 200);
    REQUIRE(staying.status() == 200);

    const auto out = c.reception->request("POST", "/api/v1/auth/logout");
    REQUIRE(out.status == 204);
    // The hub rechecks streams at every heartbeat (15 s).
    CHECK(leaving.closedWithin(20s));

    // The other device's stream goes on.
    REQUIRE(c.admin->post("/api/v1/tokens", json({{"patient_id", c.patientId}, {"doctor_id", c.doctorId}})).status ==
            201);
    CHECK(str(nextEvent(staying, "queue").json(), "type") == "check_in");
}

TEST_CASE("a display given a new key, or removed, drops its screens and its old URL stops working",
          "[integration][streams]") {
    Clinic c;
    const auto [id, key] = c.createDisplay();
    auto tv = c.hub.client();
    EventStreamClient screen(*tv, "/api/v1/display/" + key + "/events");
    REQUIRE(screen.status() == 200);
    REQUIRE(nextEvent(screen, "snapshot").json()->getObject("display")->getValue<std::string>("id") == id);

    CHECK(c.reception->request("POST", "/api/v1/displays/" + id + "/key").status == 403);
    const auto rotated = c.admin->request("POST", "/api/v1/displays/" + id + "/key");
    INFO(rotated.describe());
    REQUIRE(rotated.status == 200);
    const std::string newKey = str(rotated.json, "key");
    CHECK(newKey != key);
    CHECK(str(rotated.json, "url") == "/display/" + newKey);

    CHECK(screen.closedWithin(20s));  // at the next heartbeat
    CHECK(tv->get("/api/v1/display/" + key + "/state").status == 404);
    CHECK(EventStreamClient(*tv, "/api/v1/display/" + key + "/events").status() == 404);
    CHECK(tv->get("/api/v1/display/" + newKey + "/state").status == 200);

    EventStreamClient renewed(*tv, "/api/v1/display/" + newKey + "/events");
    REQUIRE(renewed.status() == 200);
    CHECK(c.admin->request("DELETE", "/api/v1/displays/" + id).status == 204);
    CHECK(renewed.closedWithin(20s));
    CHECK(tv->get("/api/v1/display/" + newKey + "/state").status == 404);
    const auto again = c.admin->request("DELETE", "/api/v1/displays/" + id);
    CHECK(again.status == 404);
    CHECK(again.errorField() == "id");
}

TEST_CASE("display state and display stream carry token labels, doctors and rooms, never a patient's name, phone "
          "or record number",
          "[integration][streams][display]") {
    Clinic c;
    c.checkIn();
    c.checkIn();
    std::string called = c.callNext();
    int number = 1;
    for (const bool showInitial : {false, true}) {
        INFO("show_initial " << showInitial);
        const auto [id, key] = c.createDisplay(showInitial);
        auto tv = c.hub.client();
        auto state = tv->get("/api/v1/display/" + key + "/state");
        INFO(state.describe());
        REQUIRE(state.status == 200);
        checkNoPatientData(state.body, c);
        CHECK((state.body.find("\"initial\":\"Z\"") != std::string::npos) == showInitial);
        const auto doctors = state.json->getArray("doctors");
        bool found = false;
        for (std::size_t i = 0; i < doctors->size(); ++i) {
            const auto d = doctors->getObject(static_cast<unsigned>(i));
            if (str(d, "doctor_id") != c.doctorId) continue;
            found = true;
            CHECK(str(d, "room") == "Room 9");
            CHECK(str(d->getObject("now_serving"), "label") == "K-00" + std::to_string(number));
            CHECK(d->getValue<int>("waiting_count") == 1);
            CHECK(str(d->getArray("next")->getObject(0), "label") == "K-00" + std::to_string(number + 1));
        }
        CHECK(found);

        EventStreamClient stream(*tv, "/api/v1/display/" + key + "/events");
        REQUIRE(stream.status() == 200);
        const auto snapshot = nextEvent(stream, "snapshot");
        CHECK(snapshot.json()->getObject("display")->getValue<std::string>("id") == id);
        c.checkIn();
        c.move(called, "skip");
        called = c.callNext();
        ++number;
        for (const char* type : {"check_in", "skip"}) CHECK(str(nextEvent(stream, "queue").json(), "type") == type);
        const auto call = nextEvent(stream, "queue");
        const std::string label = "K-00" + std::to_string(number);
        CHECK(str(call.json(), "type") == "call");
        CHECK(str(call.json(), "label") == label);
        CHECK(str(call.json(), "room") == "Room 9");
        CHECK(str(call.json()->getObject("doctor")->getObject("now_serving"), "label") == label);
        checkNoPatientData(stream.raw(), c);
        CHECK((stream.raw().find("\"initial\":\"Z\"") != std::string::npos) == showInitial);
        CHECK(stream.raw().find("\"key\"") == std::string::npos);
    }
}

TEST_CASE("displays are configured by admins only, bad settings name their field, and a change reaches open screens",
          "[integration][display]") {
    Clinic c;
    CHECK(c.reception->post("/api/v1/displays", json({{"name", "TV"}})).status == 403);
    CHECK(c.reception->get("/api/v1/displays").status == 403);

    struct Bad {
        std::string body;
        std::string field;
        int status = 400;
    };
    const std::vector<Bad> bad = {
        {json({{"name", ""}}), "name"},
        {json({{"name", "TV"}, {"theme", "neon"}}), "theme"},
        {json({{"name", "TV"}, {"languages", "fr"}}), "languages"},
        {R"({"name":"TV","doctor_ids":["999"]})", "doctor_ids", 422},  // well formed, names no doctor
        {R"({"name":"TV","doctor_ids":["x"]})", "doctor_ids[0]"},
        {R"({"name":"TV","doctor_ids":["2","2"]})", "doctor_ids"},
        {R"({"name":"TV","colour":"red"})", "colour"},
    };
    for (const auto& b : bad) {
        const auto r = c.admin->post("/api/v1/displays", b.body);
        INFO(b.body << " -> " << r.describe());
        CHECK(r.status == b.status);
        checkErrorShape(r);
        CHECK(r.errorField() == b.field);
    }
    const auto missing = c.admin->patch("/api/v1/displays/999", json({{"notice", "x"}}));
    CHECK(missing.status == 404);
    CHECK(missing.errorField() == "id");
    const auto unknownKey = c.hub.client()->get("/api/v1/display/AAAAAAAAAAAAAAAAAAAAAA/state");
    CHECK(unknownKey.status == 404);
    CHECK(unknownKey.errorField() == "key");
    auto tvClient = c.hub.client();
    EventStreamClient noStream(*tvClient, "/api/v1/display/AAAAAAAAAAAAAAAAAAAAAA/events");
    CHECK(noStream.status() == 404);
    CHECK(noStream.response().errorField() == "key");

    const auto [id, key] = c.createDisplay();
    EventStreamClient tv(*tvClient, "/api/v1/display/" + key + "/events");
    nextEvent(tv, "snapshot");
    const auto changed = c.admin->patch("/api/v1/displays/" + id,
                                        json({{"notice", "Friday: closed"}, {"theme", "light"}}));
    INFO(changed.describe());
    REQUIRE(changed.status == 200);
    const auto display = nextEvent(tv, "display");
    CHECK(str(display.json(), "notice") == "Friday: closed");
    CHECK(str(display.json(), "theme") == "light");
    CHECK_FALSE(display.json()->has("key"));
    const auto snapshot = nextEvent(tv, "snapshot");
    CHECK(str(snapshot.json()->getObject("display"), "notice") == "Friday: closed");

    const auto listed = c.admin->get("/api/v1/displays");
    REQUIRE(listed.status == 200);
    CHECK(listed.body.find(key) != std::string::npos);
    CHECK(listed.body.find("Friday: closed") != std::string::npos);
}

TEST_CASE("250 open display streams do not keep an API call from answering, and every stream gets the call",
          "[integration][streams][load]") {
    // 250 screens on one display key from one address: the per-device and
    // per-display stream limits (8 and 4) are lifted, the total (500) is not.
    Clinic c(HubOptions{{"--streams-per-address", "1000", "--streams-per-session", "1000",
                         "--connections-per-address", "1000"}});
    const auto [id, key] = c.createDisplay();
    auto tvClient = c.hub.client();
    std::vector<std::unique_ptr<EventStreamClient>> screens;
    for (int i = 0; i < 250; ++i) {
        screens.push_back(std::make_unique<EventStreamClient>(*tvClient, "/api/v1/display/" + key + "/events"));
        REQUIRE(screens.back()->status() == 200);
    }
    // The workers are free: requests on new connections answer.
    auto fresh = signedIn(c.hub, "reception");
    CHECK(fresh->get("/api/v1/auth/me").status == 200);
    c.checkIn();
    int gotIt = 0;
    for (auto& s : screens) {
        const auto snapshot = s->next(10s);
        const auto queued = s->next(10s);
        gotIt += snapshot && snapshot->type == "snapshot" && queued && queued->type == "queue";
    }
    CHECK(gotIt == 250);
}

TEST_CASE("after a hub restart a screen's old Last-Event-ID gets a snapshot and a staff screen a reset",
          "[integration][streams][daemon]") {
    Clinic c;
    const auto [id, key] = c.createDisplay();
    auto tvClient = c.hub.client();
    std::string lastSeen;
    {
        EventStreamClient tv(*tvClient, "/api/v1/display/" + key + "/events");
        nextEvent(tv, "snapshot");
        c.checkIn();
        lastSeen = nextEvent(tv, "queue").id;
        EventStreamClient staff(*c.reception, "/api/v1/queue/events");
        REQUIRE(staff.status() == 200);
        // SIGTERM with streams open stops promptly and closes them.
        const auto started = std::chrono::steady_clock::now();
        CHECK(c.hub.stop(8s).exitedWith(0));
        CHECK(std::chrono::steady_clock::now() - started < 8s);
        CHECK(tv.closedWithin(2s));
        CHECK(staff.closedWithin(2s));
    }
    c.hub.restart();
    tvClient = c.hub.client();
    EventStreamClient tv(*tvClient, "/api/v1/display/" + key + "/events", {{"Last-Event-ID", lastSeen}});
    REQUIRE(tv.status() == 200);
    const auto snapshot = nextEvent(tv, "snapshot");
    CHECK(snapshot.id != lastSeen);
    CHECK(snapshot.json()->getValue<long long>("event_id") == std::stoll(snapshot.id));

    auto staffClient = signedIn(c.hub, "reception");
    EventStreamClient staff(*staffClient, "/api/v1/queue/events", {{"Last-Event-ID", lastSeen}});
    nextEvent(staff, "reset");
}
