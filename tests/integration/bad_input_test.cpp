// Bad input against the live daemon: every refusal is a 4xx with the one error
// shape and names the field at fault; nothing is a 5xx; the daemon stays healthy.
#include "test_support.h"

#include <Poco/String.h>

using namespace hub::it;

namespace {

// The daemon logs every 500 it sends ("internal error", "unhandled exception").
void checkNoInternalErrors(const HubProcess& hub) {
    const std::string log = hub.log();
    INFO(log);
    CHECK(log.find("internal error") == std::string::npos);
    CHECK(log.find("unhandled exception") == std::string::npos);
}

struct BadBody {
    std::string what;
    std::string body;
    std::string field;
};

}  // namespace

TEST_CASE("malformed JSON, a wrong type, a missing field or an unknown field is refused with 400 naming the field",
          "[integration][input]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto admin = signedIn(hub, "admin");

    const std::vector<BadBody> cases = {
        {"malformed JSON", R"({"username": "nadia", )", "body"},
        {"not JSON at all", "username=nadia&role=nurse", "body"},
        {"an array instead of an object", R"(["nadia"])", "body"},
        {"a number for a string", R"({"username":5,"display_name":"N","role":"nurse","password":"a-fine-password-1"})",
         "username"},
        {"null for a required string",
         R"({"username":"nadia","display_name":null,"role":"nurse","password":"a-fine-password-1"})", "display_name"},
        {"a missing field", R"({"username":"nadia","display_name":"N","role":"nurse"})", "password"},
        {"an unknown field",
         R"({"username":"nadia","display_name":"N","role":"nurse","password":"a-fine-password-1","nickname":"x"})",
         "nickname"},
        {"a value outside the enumeration",
         R"({"username":"nadia","display_name":"N","role":"surgeon","password":"a-fine-password-1"})", "role"},
        {"an invalid username", R"({"username":"9lives","display_name":"N","role":"nurse","password":"a-fine-password-1"})",
         "username"},
    };
    for (const auto& c : cases) {
        const auto r = admin->post("/api/v1/staff", c.body);
        INFO(c.what << ": " << c.body << " -> " << r.describe());
        CHECK(r.status == 400);
        checkErrorShape(r);
        CHECK(r.errorCode() == "invalid_input");
        CHECK(r.errorField() == c.field);
    }

    SECTION("on a public route too") {
        auto anonymous = hub.client();
        const auto missing = anonymous->post("/api/v1/auth/login", R"({"username":"admin"})");
        CHECK(missing.status == 400);
        CHECK(missing.errorField() == "password");
        const auto wrongType = anonymous->post("/api/v1/auth/login", R"({"username":"admin","password":12345678901})");
        CHECK(wrongType.status == 400);
        CHECK(wrongType.errorField() == "password");
        const auto none = anonymous->request("POST", "/api/v1/auth/login");
        CHECK(none.status == 400);
        CHECK(none.errorField() == "body");
    }

    SECTION("in query parameters and path parameters") {
        const std::vector<std::pair<std::string, std::string>> urls = {
            {"/api/v1/audit-events?limit=abc", "limit"},   {"/api/v1/audit-events?limit=0", "limit"},
            {"/api/v1/audit-events?limit=501", "limit"},   {"/api/v1/audit-events?colour=red", "colour"},
            {"/api/v1/audit-events?limit=1&limit=2", "limit"},
        };
        for (const auto& [url, field] : urls) {
            const auto r = admin->get(url);
            INFO(url << " -> " << r.describe());
            CHECK(r.status == 400);
            checkErrorShape(r);
            CHECK(r.errorField() == field);
        }
        for (const std::string id : {"abc", "0", "-1", "1.5", "99999999999999999999"}) {
            const auto r = admin->patch("/api/v1/staff/" + id, R"({"display_name":"X"})");
            INFO(id << " -> " << r.describe());
            CHECK(r.status == 400);
            CHECK(r.errorField() == "id");
        }
        const auto missing = admin->patch("/api/v1/staff/999999", R"({"display_name":"X"})");
        CHECK(missing.status == 404);
        checkErrorShape(missing);
    }

    checkStillHealthy(hub);
    checkNoInternalErrors(hub);
}

TEST_CASE("a body larger than --max-body-bytes is refused with 413", "[integration][input]") {
    HubDataDir dir;
    HubProcess hub(dir, HubOptions{{"--max-body-bytes", "4k"}});
    auto admin = signedIn(hub, "admin");
    const std::string padding(5000, ' ');
    const std::string oversized = "{" + padding + R"("username":"bigbody","display_name":"B","role":"nurse",)" +
                                  R"("password":"a-fine-password-1"})";

    SECTION("announced by Content-Length, refused before the body is read") {
        auto socket = admin->connect();
        const std::string response = rawExchange(
            socket, "POST /api/v1/staff HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    "Cookie: __Host-clinic_hub_session=" + admin->sessionToken() + "\r\nX-CSRF-Token: " + admin->csrfToken() +
                    "\r\nContent-Length: 100000\r\n\r\n");
        INFO(response);
        CHECK(response.rfind("HTTP/1.1 413", 0) == 0);
        CHECK(Poco::toLower(response).find("connection: close") != std::string::npos);
        const auto body = parseObject(response.substr(response.find("\r\n\r\n") + 4));
        REQUIRE(body);
        CHECK(body->getObject("error")->getValue<std::string>("code") == "payload_too_large");
        CHECK(body->getObject("error")->getValue<std::string>("field") == "body");
    }

    SECTION("sent in chunks with no length announced") {
        const auto r = admin->request("POST", "/api/v1/staff", oversized, {{"Transfer-Encoding", "chunked"}});
        INFO(r.describe());
        CHECK(r.status == 413);
        checkErrorShape(r);
        CHECK(r.errorField() == "body");
    }

    SECTION("sent whole with its Content-Length") {
        const auto r = admin->post("/api/v1/staff", oversized);
        INFO(r.describe());
        CHECK(r.status == 413);
        checkErrorShape(r);
    }

    SECTION("a body just under the limit is accepted") {
        const std::string fits = "{" + std::string(3000, ' ') + R"("username":"smallbody","display_name":"S",)" +
                                 R"("role":"nurse","password":"a-fine-password-1"})";
        CHECK(admin->post("/api/v1/staff", fits).status == 201);
    }

    CHECK(staffUsernames(*admin).count("bigbody") == 0);
    checkStillHealthy(hub);
    checkNoInternalErrors(hub);
}

TEST_CASE("an unknown route answers 404 and a wrong method 405, both with the error shape", "[integration][input]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto client = hub.client();
    // "/" is the staff app's page (getStaffApp), not an unknown route.
    for (const auto* path : {"/nothing-here", "/api", "/api/v1", "/api/v1/staff/1/extra", "/api/v2/staff", "/healthz/x",
                             "/api/v1/STAFF", "/api/v1/patients-that-do-not-exist"}) {
        const auto r = client->get(path);
        INFO(path << " -> " << r.describe());
        CHECK(r.status == 404);
        checkErrorShape(r);
        CHECK(r.errorCode() == "not_found");
    }
    for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
             {"DELETE", "/api/v1/staff"}, {"GET", "/api/v1/auth/login"}, {"PUT", "/api/v1/staff/1"},
             {"POST", "/healthz"}, {"PATCH", "/api/v1/audit-events"}}) {
        const auto r = client->request(method, path);
        INFO(method << " " << path << " -> " << r.describe());
        CHECK(r.status == 405);
        checkErrorShape(r);
        CHECK_FALSE(r.header("Allow").empty());
    }
    checkStillHealthy(hub);
}

TEST_CASE("garbage on the wire never makes the daemon answer 5xx or stop serving", "[integration][input]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto client = hub.client();
    const std::vector<std::string> requests = {
        "GET /%zz HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Long: " + std::string(70000, 'a') + "\r\n\r\n",
        "BREW /coffee HTCPCP/1.0\r\n\r\n",
        "\x01\x02\x03 garbage\r\n\r\n",
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Length: -5\r\n\r\n",
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "GET /api/v1/auth/me HTTP/1.1\r\nHost: localhost\r\nCookie: __Host-clinic_hub_session=" + std::string(5000, 'x') +
            "\r\n\r\n",
    };
    for (const auto& request : requests) {
        auto socket = client->connect();
        const std::string response = rawExchange(socket, request, std::chrono::seconds(5));
        INFO(request.substr(0, 120) << "\n -> " << response.substr(0, 400));
        // A 4xx, or the connection simply closed; never a 5xx.
        CHECK((response.empty() || response.rfind("HTTP/1.1 4", 0) == 0 || response.rfind("HTTP/1.0 4", 0) == 0));
    }
    // Plain HTTP on the HTTPS port: the handshake fails, nothing else happens.
    auto plain = connectPlain(hub.httpsPort());
    rawExchange(plain, "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n", std::chrono::seconds(5));

    checkStillHealthy(hub);
    checkNoInternalErrors(hub);
}

TEST_CASE("a page on another site cannot sign in or change anything: 415 for a form's body, 403 for a foreign Origin",
          "[integration][input]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto visitor = hub.client();
    const std::string credentials = json({{"username", "admin"}, {"password", demoPassword}});
    // What an HTML form posts without a preflight: text/plain, urlencoded, multipart.
    for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
        const auto r = visitor->request("POST", "/api/v1/auth/login", credentials, {{"Content-Type", type}});
        INFO(type << ": " << r.describe());
        CHECK(r.status == 415);
        checkErrorShape(r);
        CHECK(r.errorField() == "Content-Type");
        CHECK(r.header("Set-Cookie").empty());
    }
    const auto foreign = visitor->request("POST", "/api/v1/auth/login", credentials, {{"Origin", "https://evil.example"}});
    INFO(foreign.describe());
    CHECK(foreign.status == 403);
    CHECK(foreign.errorField() == "Origin");
    const auto crossSite = visitor->request("POST", "/api/v1/auth/login", credentials, {{"Sec-Fetch-Site", "cross-site"}});
    CHECK(crossSite.status == 403);

    // Signed in, the same: a foreign page riding the staff member's cookie changes nothing.
    auto admin = signedIn(hub, "admin");
    const auto change = admin->request("POST", "/api/v1/staff", newStaffBody(uniqueUsername()),
                                       {{"Origin", "http://clinic-hub.local.evil.example"}});
    CHECK(change.status == 403);
    // The hub's own origin (as the browser names it) is fine.
    const auto own = admin->request("POST", "/api/v1/staff", newStaffBody(uniqueUsername()),
                                    {{"Origin", "https://localhost:" + std::to_string(hub.httpsPort())},
                                     {"Sec-Fetch-Site", "same-origin"}});
    INFO(own.describe());
    CHECK(own.status == 201);
    checkNoInternalErrors(hub);
}
