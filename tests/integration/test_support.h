#pragma once
// What the integration test files share beyond the harness: the demo clinic's
// accounts, JSON helpers and Catch2 checks used everywhere.
#include "child_process.h"
#include "hub_client.h"
#include "hub_process.h"

#include "support/catch.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <initializer_list>
#include <set>
#include <string>
#include <utility>

namespace hub::it {

// One demo account per role (see hub/cli/demo_command.cpp).
struct RoleAccount {
    std::string role;
    std::string username;
};
inline const std::vector<RoleAccount> demoAccounts = {
    {"admin", "admin"},      {"doctor", "dr.rahman"}, {"receptionist", "reception"},
    {"nurse", "nurse.akter"}, {"cashier", "cashier"},
};

// A JSON object's text from name/value pairs: json({{"role", "doctor"}}).
inline std::string json(std::initializer_list<std::pair<std::string, Poco::Dynamic::Var>> members) {
    Poco::JSON::Object o;
    for (const auto& [name, value] : members) o.set(name, value);
    return toJson(o);
}

// A username no other call in this process has used.
inline std::string uniqueUsername(const std::string& prefix = "staff") {
    static std::atomic<int> counter{0};
    return prefix + std::to_string(++counter);
}

inline std::string newStaffBody(const std::string& username, const std::string& role = "nurse",
                                const std::string& password = "a-fine-password-1") {
    return json({{"username", username}, {"display_name", "Staff " + username}, {"role", role}, {"password", password}});
}

// A client signed in as `username`, or a test failure naming why not.
inline std::unique_ptr<HubClient> signedIn(const HubProcess& hub, const std::string& username,
                                           const std::string& password = demoPassword) {
    auto client = hub.client();
    const auto r = client->login(username, password);
    INFO("login as " << username << ": " << r.describe());
    REQUIRE(r.status == 200);
    return client;
}

// Usernames in GET /api/v1/staff.
inline std::set<std::string> staffUsernames(HubClient& admin) {
    const auto r = admin.get("/api/v1/staff");
    INFO(r.describe());
    REQUIRE(r.status == 200);
    std::set<std::string> names;
    const auto staff = r.json->getArray("staff");
    for (std::size_t i = 0; i < staff->size(); ++i)
        names.insert(staff->getObject(static_cast<unsigned>(i))->getValue<std::string>("username"));
    return names;
}

// Every error the API sends has exactly this shape: {"error":{"code","message"[,"field"]}}.
inline void checkErrorShape(const HttpResult& r) {
    INFO(r.describe());
    REQUIRE(r.json);
    CHECK(r.json->size() == 1);
    REQUIRE(r.json->has("error"));
    const auto error = r.json->getObject("error");
    REQUIRE(error);
    CHECK(error->has("code"));
    CHECK(error->has("message"));
    CHECK_FALSE(r.errorCode().empty());
    CHECK_FALSE(r.errorMessage().empty());
    for (const auto& name : error->getNames()) CHECK((name == "code" || name == "message" || name == "field"));
    CHECK(r.header("Content-Type").rfind("application/json", 0) == 0);
}

inline void checkStillHealthy(const HubProcess& hub) {
    auto client = hub.client();
    const auto r = client->get("/healthz");
    INFO(r.describe());
    CHECK(r.status == 200);
    REQUIRE(r.json);
    CHECK(r.json->getValue<std::string>("status") == "ok");
}

// The integration tests rely on a few Debian tools as independent checkers. A
// missing one is reported as SKIPPED and the test fails: it did not pass.
inline void requireProgram(const std::string& program, const std::string& package) {
    if (haveProgram(program)) return;
    WARN("SKIPPED: '" << program << "' is not installed (apt-get install " << package
                      << "; packaging/dev/lib.sh lists it in TEST_PACKAGES)");
    FAIL("required tool missing: " << program);
}

struct PlainReply {
    int status = 0;
    Poco::Net::HTTPResponse headers;
    std::string body;
};

// One GET over plain HTTP, as a device that does not trust the hub's root
// (a patient's phone, the kiosk's Chromium) reaches it.
inline PlainReply plainGet(const std::string& host, int port, const std::string& path) {
    Poco::Net::HTTPClientSession session(host, static_cast<Poco::UInt16>(port));
    session.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path, Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    PlainReply reply;
    Poco::StreamCopier::copyToString(session.receiveResponse(reply.headers), reply.body);
    reply.status = reply.headers.getStatus();
    return reply;
}

}  // namespace hub::it
