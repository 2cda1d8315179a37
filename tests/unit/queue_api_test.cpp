// The queue routes in-process over plain loopback HTTP, with a fake gate over
// the fixture's staff and the real queue service: status codes, body shapes
// (checked against the routes' own response schemas), and errors naming fields.
#include "api_test_support.h"
#include "queue_test_support.h"

#include "hub/api/openapi.h"
#include "hub/api/routes/queue_routes.h"

#include "support/catch.h"

using namespace hub;
using namespace hub::api;
using namespace hub::testing;

namespace {

Caller callerOf(const domain::StaffMember& m) { return {m.id, m.username, m.displayName, m.role, 0}; }

using Reply = hub::testing::HttpReply;

struct Server {
    QueueFixture f;
    FakeGate gate;
    LoopbackApi api{queueRoutes(f.queue), gate};

    Server() {
        gate.callers = {{"admin", callerOf(f.adminMember)}, {"reception", callerOf(f.receptionistMember)},
                        {"nurse", callerOf(f.nurseMember)},   {"dr-a", callerOf(f.doctorA)},
                        {"dr-b", callerOf(f.doctorB)}};
    }

    // Sends a request; a successful JSON reply is checked against the route's response schema.
    Reply send(const std::string& method, const std::string& uri, const std::string& who,
               const std::string& body = {}) {
        Reply reply = api.send(method, uri, who, body);
        if (reply.status < 300) {
            const auto match = api.router().match(method, uri.substr(0, uri.find('?')));
            REQUIRE(match.route);
            CHECK(match.route->successStatus == reply.status);
            api.checkShape(match.route->operationId, reply);
        }
        return reply;
    }
    Reply post(const std::string& uri, const std::string& who, const std::string& body = {}) {
        return send("POST", uri, who, body);
    }

    std::string id(long long n) const { return "\"" + std::to_string(n) + "\""; }
    Reply checkIn(long long patient, long long doctor, const std::string& extra = {}) {
        return post("/api/v1/tokens", "reception",
                    "{\"patient_id\":" + id(patient) + ",\"doctor_id\":" + id(doctor) + extra + "}");
    }
    std::string checkInNew(long long doctor) { return checkIn(f.addPatient(), doctor).get("id"); }
    std::string tokenPath(const std::string& tokenId, const std::string& verb) const {
        return "/api/v1/tokens/" + tokenId + "/" + verb;
    }
};

}  // namespace

TEST_CASE("checkIn issues a token with its label, place and estimated wait", "[queue-api]") {
    Server s;
    const long long patient = s.f.addPatient("Rina Begum");
    auto r = s.checkIn(patient, s.f.doctorA.id);
    REQUIRE(r.status == 201);
    const auto t = r.json();
    CHECK(t->getValue<std::string>("label") == "A-001");
    CHECK(t->get("id").isString());
    CHECK(t->getValue<std::string>("doctor_id") == std::to_string(s.f.doctorA.id));
    CHECK(t->getValue<std::string>("state") == "waiting");
    CHECK(t->getValue<std::string>("priority") == "normal");
    CHECK(t->getValue<int>("position") == 1);
    CHECK(t->getValue<int>("estimated_wait_minutes") == 0);
    CHECK(t->getObject("patient")->getValue<std::string>("name") == "Rina Begum");
    CHECK(t->getObject("patient")->getValue<std::string>("mrn") == "26-100001");
    CHECK(t->getValue<std::string>("queued_at") == "2026-11-24T09:00:00+06:00");

    auto priority = s.checkIn(s.f.addPatient(), s.f.doctorA.id, R"(,"priority":"elderly")");
    CHECK(priority.status == 201);
    CHECK(priority.json()->getValue<int>("position") == 1);
    CHECK(priority.json()->getValue<int>("estimated_wait_minutes") == 0);
    CHECK(s.checkIn(s.f.addPatient(), s.f.doctorA.id).json()->getValue<int>("estimated_wait_minutes") == 10);
}

TEST_CASE("checkIn refuses bad input naming the field", "[queue-api]") {
    Server s;
    const long long patient = s.f.addPatient();
    auto vip = s.checkIn(patient, s.f.doctorA.id, R"(,"priority":"vip")");
    CHECK(vip.status == 400);
    CHECK(vip.errorField() == "priority");
    // Ids named in the body that name nothing: 422 naming the field (a 404 is for the path).
    auto unknownDoctor = s.checkIn(patient, 9999);
    CHECK(unknownDoctor.status == 422);
    CHECK(unknownDoctor.errorCode() == "unknown_reference");
    CHECK(unknownDoctor.errorField() == "doctor_id");
    auto unknownPatient = s.checkIn(9999, s.f.doctorA.id);
    CHECK(unknownPatient.status == 422);
    CHECK(unknownPatient.errorField() == "patient_id");
    auto notAnId = s.post("/api/v1/tokens", "reception", R"({"patient_id":"abc","doctor_id":"1"})");
    CHECK(notAnId.status == 400);
    CHECK(notAnId.errorField() == "patient_id");
    auto numeric = s.post("/api/v1/tokens", "reception", R"({"patient_id":1,"doctor_id":"1"})");
    CHECK(numeric.status == 400);
    CHECK(numeric.errorField() == "patient_id");
    auto missing = s.post("/api/v1/tokens", "reception", "{\"patient_id\":" + s.id(patient) + "}");
    CHECK(missing.status == 400);
    CHECK(missing.errorField() == "doctor_id");

    auth::setDisabledByUsername({*s.f.db, s.f.clock, s.f.hasher, s.f.audit}, "dr.rahman", true);
    auto disabled = s.checkIn(patient, s.f.doctorA.id);
    CHECK(disabled.status == 409);
    CHECK(disabled.errorField() == "doctor_id");
    // A cashier has no business checking patients in: refused before the handler.
    s.gate.callers["cashier"] = {99, "cashier", "Cashier", domain::Role::Cashier, 0};
    CHECK(s.post("/api/v1/tokens", "cashier", "{}").status == 403);
    CHECK(s.gate.denied == 1);
}

TEST_CASE("getQueue shows now serving, waiting in call order and the finished tokens", "[queue-api]") {
    Server s;
    const auto first = s.checkInNew(s.f.doctorA.id);
    const auto second = s.checkInNew(s.f.doctorA.id);
    const auto third = s.checkInNew(s.f.doctorA.id);
    s.checkIn(s.f.addPatient(), s.f.doctorA.id, R"(,"priority":"emergency")");
    s.checkInNew(s.f.doctorB.id);
    CHECK(s.post("/api/v1/queue/call-next", "reception", "{\"doctor_id\":" + s.id(s.f.doctorA.id) + "}").status == 200);
    CHECK(s.post(s.tokenPath(third, "cancel"), "reception").status == 200);

    auto r = s.send("GET", "/api/v1/queue?doctor_id=" + std::to_string(s.f.doctorA.id), "reception");
    REQUIRE(r.status == 200);
    const auto q = r.json();
    CHECK(q->getValue<std::string>("clinic_day") == "2026-11-24");
    CHECK(q->getValue<int>("average_consultation_minutes") == 5);
    const auto serving = q->getArray("now_serving");
    REQUIRE(serving->size() == 1);
    CHECK(serving->getObject(0)->getValue<std::string>("label") == "A-004");  // the emergency went first
    CHECK(serving->getObject(0)->getValue<std::string>("state") == "called");
    CHECK_FALSE(serving->getObject(0)->has("position"));
    const auto waiting = q->getArray("waiting");
    REQUIRE(waiting->size() == 2);
    CHECK(waiting->getObject(0)->getValue<std::string>("id") == first);
    CHECK(waiting->getObject(0)->getValue<int>("position") == 1);
    CHECK(waiting->getObject(0)->getValue<int>("estimated_wait_minutes") == 5);
    CHECK(waiting->getObject(1)->getValue<std::string>("id") == second);
    CHECK(waiting->getObject(1)->getObject("patient")->has("name"));
    const auto finished = q->getArray("finished");
    REQUIRE(finished->size() == 1);
    CHECK(finished->getObject(0)->getValue<std::string>("state") == "cancelled");
    CHECK(finished->getObject(0)->has("finished_at"));

    auto missing = s.send("GET", "/api/v1/queue", "reception");
    CHECK(missing.status == 400);
    CHECK(missing.errorField() == "doctor_id");
    auto unknown = s.send("GET", "/api/v1/queue?doctor_id=9999", "reception");
    CHECK(unknown.status == 404);
    CHECK(unknown.errorField() == "doctor_id");
    CHECK(s.send("GET", "/api/v1/queue?doctor_id=x", "reception").errorField() == "doctor_id");
}

TEST_CASE("callNext calls the first waiting token, or says why it cannot", "[queue-api]") {
    Server s;
    const std::string body = "{\"doctor_id\":" + s.id(s.f.doctorA.id) + "}";
    auto empty = s.post("/api/v1/queue/call-next", "reception", body);
    CHECK(empty.status == 409);
    CHECK(empty.errorMessage() == "no one is waiting in this queue");
    const auto first = s.checkInNew(s.f.doctorA.id);
    s.checkInNew(s.f.doctorA.id);
    auto called = s.post("/api/v1/queue/call-next", "dr-a", body);
    REQUIRE(called.status == 200);
    CHECK(called.get("id") == first);
    CHECK(called.get("state") == "called");
    CHECK(called.json()->has("called_at"));
    auto again = s.post("/api/v1/queue/call-next", "reception", body);
    CHECK(again.status == 409);
    CHECK(again.errorMessage().find("A-001 has been called") != std::string::npos);
    auto unknown = s.post("/api/v1/queue/call-next", "reception", R"({"doctor_id":"9999"})");
    CHECK(unknown.status == 422);
    CHECK(unknown.errorField() == "doctor_id");
}

TEST_CASE("a token's moves: recall, skip, restore, start, complete, cancel", "[queue-api]") {
    Server s;
    const auto t = s.checkInNew(s.f.doctorA.id);
    const std::string callBody = "{\"doctor_id\":" + s.id(s.f.doctorA.id) + "}";

    auto neverCalled = s.post(s.tokenPath(t, "complete"), "dr-a");
    CHECK(neverCalled.status == 409);
    CHECK(neverCalled.errorMessage() == "token A-001 is waiting and cannot complete");

    s.post("/api/v1/queue/call-next", "reception", callBody);
    auto recalled = s.post(s.tokenPath(t, "recall"), "reception");
    CHECK(recalled.status == 200);
    CHECK(recalled.json()->getValue<int>("recall_count") == 1);
    auto skipped = s.post(s.tokenPath(t, "skip"), "reception");
    CHECK(skipped.status == 200);
    CHECK(skipped.get("state") == "skipped");
    auto restored = s.post(s.tokenPath(t, "restore"), "reception");
    CHECK(restored.status == 200);
    CHECK(restored.get("state") == "waiting");
    CHECK(restored.json()->getValue<int>("position") == 1);

    CHECK(s.post(s.tokenPath(t, "start"), "reception").status == 403);  // doctors only
    CHECK(s.post(s.tokenPath(t, "start"), "dr-b").status == 403);       // and only the token's own
    auto started = s.post(s.tokenPath(t, "start"), "dr-a");
    REQUIRE(started.status == 200);
    CHECK(started.get("state") == "in_consultation");
    CHECK(started.json()->get("visit_id").isString());

    const auto other = s.checkInNew(s.f.doctorA.id);
    auto second = s.post(s.tokenPath(other, "start"), "dr-a");
    CHECK(second.status == 409);
    CHECK(second.errorMessage() == "A-001 is already in consultation with this doctor");

    auto completed = s.post(s.tokenPath(t, "complete"), "dr-a");
    CHECK(completed.status == 200);
    CHECK(completed.get("state") == "done");
    CHECK(completed.get("visit_id") == started.get("visit_id"));

    auto cancelled = s.post(s.tokenPath(other, "cancel"), "reception");
    CHECK(cancelled.status == 200);
    CHECK(cancelled.get("state") == "cancelled");
    CHECK(s.post(s.tokenPath(other, "cancel"), "reception").status == 409);

    auto unknown = s.post(s.tokenPath("9999", "skip"), "reception");
    CHECK(unknown.status == 404);
    CHECK(unknown.errorField() == "id");
    CHECK(s.post(s.tokenPath("x", "skip"), "reception").errorField() == "id");
    auto withBody = s.post(s.tokenPath(t, "cancel"), "reception", "{}");
    CHECK(withBody.status == 400);
    CHECK(withBody.errorField() == "body");
}

TEST_CASE("transferToken returns the new token in the other doctor's queue", "[queue-api]") {
    Server s;
    const long long patient = s.f.addPatient();
    const auto original = s.checkIn(patient, s.f.doctorA.id);
    s.f.clock.advance(std::chrono::minutes(15));
    s.checkInNew(s.f.doctorB.id);
    auto moved = s.post(s.tokenPath(original.get("id"), "transfer"), "reception",
                        "{\"doctor_id\":" + s.id(s.f.doctorB.id) + "}");
    REQUIRE(moved.status == 201);
    const auto t = moved.json();
    CHECK(t->getValue<std::string>("label") == "B-002");
    CHECK(t->getValue<std::string>("doctor_id") == std::to_string(s.f.doctorB.id));
    CHECK(t->getObject("patient")->getValue<std::string>("id") == std::to_string(patient));
    CHECK(t->getValue<std::string>("transferred_from") == original.get("id"));
    CHECK(t->getValue<std::string>("queued_at") == original.get("queued_at"));
    CHECK(t->getValue<std::string>("checked_in_at") == "2026-11-24T09:15:00+06:00");
    CHECK(t->getValue<int>("position") == 1);  // ahead of B-001, who came later

    auto again = s.post(s.tokenPath(original.get("id"), "transfer"), "reception",
                        "{\"doctor_id\":" + s.id(s.f.doctorB.id) + "}");
    CHECK(again.status == 409);
    auto unknownDoctor = s.post(s.tokenPath(t->getValue<std::string>("id"), "transfer"), "reception",
                                R"({"doctor_id":"9999"})");
    CHECK(unknownDoctor.status == 422);
    CHECK(unknownDoctor.errorField() == "doctor_id");
    auto sameDoctor = s.post(s.tokenPath(t->getValue<std::string>("id"), "transfer"), "reception",
                             "{\"doctor_id\":" + s.id(s.f.doctorB.id) + "}");
    CHECK(sameDoctor.status == 409);
    CHECK(sameDoctor.errorField() == "doctor_id");
    CHECK(s.post(s.tokenPath("9999", "transfer"), "reception", R"({"doctor_id":"1"})").status == 404);
}

TEST_CASE("recordVitals stores plausible vitals and names the implausible field", "[queue-api]") {
    Server s;
    const auto t = s.checkInNew(s.f.doctorA.id);
    auto r = s.post(s.tokenPath(t, "vitals"), "nurse",
                    R"({"bp_systolic":130,"bp_diastolic":85,"pulse":78,"temperature_f":98.6,"weight_kg":62,"spo2":98})");
    REQUIRE(r.status == 201);
    const auto v = r.json();
    CHECK(v->getValue<std::string>("token_id") == t);
    CHECK(v->getValue<int>("pulse") == 78);
    CHECK(v->getValue<double>("temperature_f") == Approx(98.6));
    CHECK(v->getValue<double>("weight_kg") == Approx(62.0));
    CHECK_FALSE(v->has("height_cm"));
    CHECK(v->getValue<std::string>("recorded_by") == std::to_string(s.f.nurseMember.id));

    auto pulse = s.post(s.tokenPath(t, "vitals"), "nurse", R"({"pulse":720})");
    CHECK(pulse.status == 400);
    CHECK(pulse.errorField() == "vitals.pulse");
    auto huge = s.post(s.tokenPath(t, "vitals"), "nurse", R"({"spo2":99999999999})");
    CHECK(huge.status == 400);
    CHECK(huge.errorField() == "vitals.spo2");
    // 2^63 does not fit the signed 64-bit integer the API reads: the schema refuses it (was 500).
    auto beyond = s.post(s.tokenPath(t, "vitals"), "nurse", R"({"spo2":9223372036854775808})");
    CHECK(beyond.status == 400);
    CHECK(beyond.errorField() == "spo2");
    auto halfBp = s.post(s.tokenPath(t, "vitals"), "nurse", R"({"bp_systolic":120})");
    CHECK(halfBp.errorField() == "vitals.bp_diastolic");
    auto wrongType = s.post(s.tokenPath(t, "vitals"), "nurse", R"({"pulse":"fast"})");
    CHECK(wrongType.status == 400);
    CHECK(wrongType.errorField() == "pulse");
    auto empty = s.post(s.tokenPath(t, "vitals"), "nurse", "{}");
    CHECK(empty.status == 400);
    CHECK(empty.errorField() == "vitals");
    auto unknown = s.post(s.tokenPath("9999", "vitals"), "nurse", R"({"pulse":80})");
    CHECK(unknown.status == 404);
    CHECK(unknown.errorField() == "id");
    CHECK(s.post(s.tokenPath(t, "vitals"), "reception", R"({"pulse":80})").status == 403);
}

TEST_CASE("the queue routes are in the OpenAPI document with their schemas", "[queue-api][openapi]") {
    QueueFixture f;
    const auto routes = queueRoutes(f.queue);
    const auto doc = buildOpenApiDocument(routes, "test");
    std::set<std::string> ids;
    for (const auto& r : routes) {
        ids.insert(r.operationId);
        CHECK(r.responseBody);
    }
    CHECK(ids == std::set<std::string>{"checkIn", "getQueue", "callNext", "recallToken", "skipToken", "restoreToken",
                                       "startConsultation", "completeToken", "cancelToken", "transferToken",
                                       "setTokenPriority", "recordVitals"});
    CHECK(doc->getObject("paths")->has("/api/v1/tokens/{id}/transfer"));
}
