#include "hub/api/routes/auth_routes.h"

#include "hub/api/gate.h"
#include "hub/api/routes/json_mapping.h"
#include "hub/api/routes/session_gate.h"
#include "hub/auth/session_service.h"
#include "hub/domain/permissions.h"

namespace hub::api {
namespace {

// HttpOnly: scripts cannot read it; Secure: never sent over plain HTTP;
// SameSite=Strict: another site cannot make the browser send it; Path=/ and
// no Domain, as the name's __Host- prefix requires.
std::string sessionCookie(const std::string& token, long long maxAgeSeconds) {
    return std::string(sessionCookieName) + "=" + token + "; Path=/; Max-Age=" + std::to_string(maxAgeSeconds) +
           "; HttpOnly; Secure; SameSite=Strict";
}

std::string clearedCookie() { return sessionCookie("", 0); }

}  // namespace

std::vector<Route> authRoutes(auth::StaffService& staff, auth::SessionService& sessions,
                              std::chrono::seconds sessionLifetime) {
    std::vector<Route> routes;

    Route login = publicRoute("POST", "/api/v1/auth/login", "login", "Sign in with username and password");
    login.tag = "auth";
    login.requestBody = object({
        required("username", withLength(string(), 1, 64)),
        required("password", withFormat(withLength(string(), 1, 256), "password")),
    });
    login.responseBody = object({
        required("csrf_token", string("send as X-CSRF-Token on every request that changes something")),
        required("user", staffSchema()),
        required("expires_at", withFormat(string(), "date-time")),
    });
    login.errorStatuses = {401, 429, 503};  // 503: no turn to check the password in time (Retry-After)
    login.handler = [&staff, sessionLifetime](ApiRequest& r) {
        const auto result = staff.login(r.body->getValue<std::string>("username"),
                                        r.body->getValue<std::string>("password"), r.clientAddress,
                                        r.http.get("User-Agent", "").substr(0, 200));
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("csrf_token", result.csrfToken);
        body->set("user", staffJson(result.staff));
        body->set("expires_at", formatRfc3339(result.expiresAt));
        return ApiResponse::ok(body).header("Set-Cookie", sessionCookie(result.token, sessionLifetime.count()));
    };
    routes.push_back(std::move(login));

    Route logout = staffRoute("POST", "/api/v1/auth/logout", domain::Operation::Logout, "End this session");
    logout.tag = "auth";
    logout.successStatus = 204;
    logout.handler = [&sessions](ApiRequest& r) {
        sessions.logout(r.sessionToken);
        return ApiResponse::noContent().header("Set-Cookie", clearedCookie());
    };
    routes.push_back(std::move(logout));

    Route logoutAll = staffRoute("POST", "/api/v1/auth/logout-all", domain::Operation::LogoutAll,
                                 "End every session of the signed-in staff member, on every device");
    logoutAll.tag = "auth";
    logoutAll.responseBody = object({required("ended_sessions", integer())});
    logoutAll.handler = [&sessions](ApiRequest& r) {
        const int ended = sessions.logoutAll(r.staff().staffId);
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("ended_sessions", ended);
        return ApiResponse::ok(body).header("Set-Cookie", clearedCookie());
    };
    routes.push_back(std::move(logoutAll));

    Route whoami = staffRoute("GET", "/api/v1/auth/me", domain::Operation::Whoami,
                              "The signed-in staff member, the operations their role may use, and the session's "
                              "CSRF token (an app reloaded in the browser still holds the cookie, not the token)");
    whoami.tag = "auth";
    whoami.responseBody = object({required("user", object({
                                                       required("id", string()),
                                                       required("username", string()),
                                                       required("display_name", string()),
                                                       required("role", string()),
                                                       required("language", enumeration(domain::hubLanguageNames,
                                                           "the language of their screens")),
                                                   })),
                                  required("permissions", arrayOf(string("an operationId this role may call"))),
                                  required("csrf_token", string("send as X-CSRF-Token on every request that "
                                                                "changes something"))});
    whoami.handler = [](ApiRequest& r) {
        // Answered from the session alone: this is the hot path of every app start.
        const Caller& c = r.staff();
        Poco::JSON::Object::Ptr user = new Poco::JSON::Object;
        user->set("id", idString(c.staffId));
        user->set("username", c.username);
        user->set("display_name", c.displayName);
        user->set("role", std::string(domain::roleName(c.role)));
        user->set("language", std::string(domain::languageName(c.language)));
        // What the app offers follows the permission table; the router still checks every call.
        Poco::JSON::Array::Ptr permissions = new Poco::JSON::Array;
        for (const auto op : domain::allOperations())
            if (domain::roleMayPerform(c.role, op)) permissions->add(std::string(domain::operationName(op)));
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("user", user);
        body->set("permissions", permissions);
        // Derived from the cookie's token, so only its holder can read it back.
        body->set("csrf_token", auth::SessionService::csrfTokenFor(r.sessionToken));
        return ApiResponse::ok(body);
    };
    routes.push_back(std::move(whoami));

    Route preferences = staffRoute("PATCH", "/api/v1/auth/me", domain::Operation::UpdateMyPreferences,
                                   "Set one's own preferences: the language of one's screens, kept on the hub so "
                                   "it follows the staff member to any device (whoami returns it)");
    preferences.tag = "auth";
    preferences.requestBody = object({
        required("language", enumeration(domain::hubLanguageNames, "en: English, bn: Bangla")),
    });
    preferences.responseBody = object({required("language", enumeration(domain::hubLanguageNames))});
    preferences.handler = [&staff](ApiRequest& r) {
        auth::StaffPreferences change;
        change.language = parseNamed(r.body->getValue<std::string>("language"), domain::parseLanguage, "language");
        const auto me = staff.updateOwnPreferences(actorFor(r), change);
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("language", std::string(domain::languageName(me.language)));
        return ApiResponse::ok(body);
    };
    routes.push_back(std::move(preferences));

    Route password = staffRoute("POST", "/api/v1/auth/password", domain::Operation::ChangeOwnPassword,
                                "Change one's own password; other sessions end");
    password.tag = "auth";
    password.requestBody = object({
        required("current_password", withFormat(withLength(string(), 1, 256), "password")),
        required("new_password", withFormat(withLength(string(), 1, 256), "password")),
    });
    password.successStatus = 204;
    password.handler = [&staff](ApiRequest& r) {
        staff.changeOwnPassword(actorFor(r), r.body->getValue<std::string>("current_password"),
                                r.body->getValue<std::string>("new_password"));
        return ApiResponse::noContent();
    };
    routes.push_back(std::move(password));
    return routes;
}

}  // namespace hub::api
