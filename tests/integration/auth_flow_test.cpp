// Signing in and out against the real daemon: the cookie, the CSRF token, the
// throttle, and sessions that end when they should.
#include "test_support.h"

using namespace hub::it;

TEST_CASE("signing in sets an HttpOnly, Secure, SameSite=Strict cookie and returns the CSRF token and the user",
          "[integration][auth]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto client = hub.client();
    const auto r = client->login("dr.rahman", demoPassword);
    INFO(r.describe());
    REQUIRE(r.status == 200);

    const auto cookies = r.headerValues("Set-Cookie");
    REQUIRE(cookies.size() == 1);
    const std::string& cookie = cookies.front();
    CAPTURE(cookie);
    CHECK(cookie.rfind("__Host-clinic_hub_session=", 0) == 0);
    CHECK(client->sessionToken().size() >= 32);
    CHECK(cookie.find("; HttpOnly") != std::string::npos);
    CHECK(cookie.find("; Secure") != std::string::npos);
    CHECK(cookie.find("; SameSite=Strict") != std::string::npos);
    CHECK(cookie.find("; Path=/") != std::string::npos);
    // __Host- rules: Secure, Path=/ and no Domain, or a browser drops the cookie.
    CHECK(cookie.find("Domain") == std::string::npos);
    CHECK(cookie.find("domain") == std::string::npos);
    // The token under the old name (without the prefix) opens nothing.
    const auto oldName = hub.client()->request("GET", "/api/v1/auth/me", std::nullopt,
                                               {{"Cookie", "clinic_hub_session=" + client->sessionToken()}});
    CHECK(oldName.status == 401);

    REQUIRE(r.json);
    CHECK(r.json->getValue<std::string>("csrf_token").size() >= 16);
    CHECK(r.json->getValue<std::string>("csrf_token") != client->sessionToken());
    CHECK_FALSE(r.json->getValue<std::string>("expires_at").empty());
    const auto user = r.json->getObject("user");
    REQUIRE(user);
    CHECK(user->getValue<std::string>("username") == "dr.rahman");
    CHECK(user->getValue<std::string>("role") == "doctor");
    CHECK_FALSE(user->getValue<bool>("disabled"));
    CHECK_FALSE(user->has("password_hash"));
    CHECK(r.body.find("argon2") == std::string::npos);

    const auto me = client->get("/api/v1/auth/me");
    INFO(me.describe());
    REQUIRE(me.status == 200);
    CHECK(me.json->getObject("user")->getValue<std::string>("username") == "dr.rahman");
    CHECK(me.json->getObject("user")->getValue<std::string>("role") == "doctor");
}

TEST_CASE("a wrong password and an unknown username are refused with the same 401", "[integration][auth]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto client = hub.client();
    const auto wrongPassword = client->login("dr.sen", "not-the-password");
    const auto unknownUser = client->login("nobody.here", "not-the-password");
    INFO(wrongPassword.describe() << "\n" << unknownUser.describe());
    CHECK(wrongPassword.status == 401);
    CHECK(unknownUser.status == 401);
    checkErrorShape(wrongPassword);
    CHECK(wrongPassword.errorCode() == unknownUser.errorCode());
    CHECK(wrongPassword.errorMessage() == unknownUser.errorMessage());
    CHECK(wrongPassword.body == unknownUser.body);
    CHECK_FALSE(wrongPassword.hasHeader("Set-Cookie"));
    CHECK_FALSE(unknownUser.hasHeader("Set-Cookie"));
}

TEST_CASE("after five failed sign-ins the account is locked: 429 with Retry-After, even for the right password",
          "[integration][auth]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto client = hub.client();
    for (int i = 1; i <= 5; ++i) {
        const auto r = client->login("reception", "wrong-password-" + std::to_string(i));
        INFO("attempt " << i << ": " << r.describe());
        REQUIRE(r.status == 401);
    }
    const auto locked = client->login("reception", demoPassword);
    INFO(locked.describe());
    REQUIRE(locked.status == 429);
    checkErrorShape(locked);
    const std::string retryAfter = locked.header("Retry-After");
    REQUIRE_FALSE(retryAfter.empty());
    CHECK(std::stoi(retryAfter) > 0);
    CHECK(std::stoi(retryAfter) <= 15 * 60);
    CHECK_FALSE(locked.hasHeader("Set-Cookie"));

    // The lock is on that account: a colleague at the same desk still signs in.
    CHECK(client->login("cashier", demoPassword).status == 200);
}

TEST_CASE("logout ends the session: the same cookie is refused afterwards", "[integration][auth]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto client = signedIn(hub, "nurse.akter");
    REQUIRE(client->get("/api/v1/auth/me").status == 200);

    const auto out = client->request("POST", "/api/v1/auth/logout");
    INFO(out.describe());
    REQUIRE(out.status == 204);
    const auto cleared = out.header("Set-Cookie");
    CHECK(cleared.rfind("__Host-clinic_hub_session=;", 0) == 0);
    CHECK(cleared.find("Max-Age=0") != std::string::npos);

    // The client keeps sending the old token, as a stolen copy would.
    const auto after = client->get("/api/v1/auth/me");
    INFO(after.describe());
    CHECK(after.status == 401);
    checkErrorShape(after);
}

TEST_CASE("logout-all ends the member's sessions on every device", "[integration][auth]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto phone = signedIn(hub, "dr.sen");
    auto desk = signedIn(hub, "dr.sen");
    auto colleague = signedIn(hub, "dr.rahman");
    REQUIRE(desk->get("/api/v1/auth/me").status == 200);

    const auto r = phone->request("POST", "/api/v1/auth/logout-all");
    INFO(r.describe());
    REQUIRE(r.status == 200);
    CHECK(r.json->getValue<int>("ended_sessions") >= 2);

    CHECK(desk->get("/api/v1/auth/me").status == 401);
    CHECK(phone->get("/api/v1/auth/me").status == 401);
    CHECK(colleague->get("/api/v1/auth/me").status == 200);
}

TEST_CASE("a state-changing request without the right X-CSRF-Token is refused with 403 and changes nothing",
          "[integration][auth]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto admin = signedIn(hub, "admin");
    auto other = signedIn(hub, "admin");  // a second session: its token must not work for the first

    const std::string missing = uniqueUsername("nocsrf"), wrong = uniqueUsername("badcsrf"),
                      foreign = uniqueUsername("foreigncsrf");
    const auto withoutToken = admin->request("POST", "/api/v1/staff", newStaffBody(missing), {}, false);
    const auto wrongToken =
        admin->request("POST", "/api/v1/staff", newStaffBody(wrong), {{"X-CSRF-Token", "not-the-token"}}, false);
    const auto otherSessionsToken = admin->request("POST", "/api/v1/staff", newStaffBody(foreign),
                                                   {{"X-CSRF-Token", other->csrfToken()}}, false);
    for (const auto* r : {&withoutToken, &wrongToken, &otherSessionsToken}) {
        INFO(r->describe());
        CHECK(r->status == 403);
        checkErrorShape(*r);
    }
    const auto disable = admin->request("PATCH", "/api/v1/staff/" + other->userId(), json({{"disabled", true}}),
                                        {}, false);
    CHECK(disable.status == 403);

    const auto names = staffUsernames(*admin);
    CHECK(names.count(missing) == 0);
    CHECK(names.count(wrong) == 0);
    CHECK(names.count(foreign) == 0);
    CHECK(admin->get("/api/v1/auth/me").status == 200);

    // With the token the same request goes through: the refusal was about CSRF.
    CHECK(admin->post("/api/v1/staff", newStaffBody(missing)).status == 201);
}

TEST_CASE("requests without a session cookie, or with a made-up one, are refused with 401", "[integration][auth]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto client = hub.client();
    for (const auto* path : {"/api/v1/auth/me", "/api/v1/staff", "/api/v1/audit-events"}) {
        const auto r = client->get(path);
        INFO(path << ": " << r.describe());
        CHECK(r.status == 401);
        checkErrorShape(r);
    }
    client->setSession(std::string(64, 'a'), "x");
    const auto forged = client->get("/api/v1/auth/me");
    CHECK(forged.status == 401);
}
