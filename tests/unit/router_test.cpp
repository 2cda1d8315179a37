#include "hub/api/router.h"
#include "hub/core/error.h"

#include "support/catch.h"

#include <algorithm>

using namespace hub::api;
using hub::domain::Operation;

namespace {
std::vector<Route> sampleRoutes() {
    return {
        publicRoute("POST", "/api/v1/auth/login", "login", "Sign in"),
        staffRoute("GET", "/api/v1/staff", Operation::ListStaff, "List staff"),
        staffRoute("POST", "/api/v1/staff", Operation::CreateStaff, "Add staff"),
        staffRoute("PATCH", "/api/v1/staff/{id}", Operation::UpdateStaff, "Change staff"),
    };
}
}  // namespace

TEST_CASE("routes match by method and path, with path parameters", "[router]") {
    const Router router(sampleRoutes());
    auto m = router.match("PATCH", "/api/v1/staff/42");
    CHECK(m.route->operationId == "updateStaff");
    CHECK(m.pathParams.at("id") == "42");
    CHECK(router.match("POST", "/api/v1/staff").route->operationId == "createStaff");
    CHECK(router.match("GET", "/api/v1/staff/").route->operationId == "listStaff");
}

TEST_CASE("an unknown path is not found and a wrong method is not allowed", "[router]") {
    const Router router(sampleRoutes());
    try {
        router.match("GET", "/api/v1/nothing");
        FAIL("matched an unknown path");
    } catch (const hub::Error& e) {
        CHECK(e.code() == hub::ErrorCode::NotFound);
    }
    try {
        router.match("DELETE", "/api/v1/staff");
        FAIL("matched a wrong method");
    } catch (const hub::Error& e) {
        CHECK(e.code() == hub::ErrorCode::MethodNotAllowed);
        CHECK(std::string(e.what()) == "GET, POST");
    }
}

TEST_CASE("a staff route's operationId is its permission table name", "[router]") {
    const auto r = staffRoute("GET", "/x", Operation::ListAuditEvents, "x");
    CHECK(r.operationId == "listAuditEvents");
    CHECK(r.access == Access::Staff);
}

TEST_CASE("the routing table refuses duplicates and routes without a permission", "[router]") {
    auto routes = sampleRoutes();
    routes.push_back(publicRoute("GET", "/api/v1/staff", "again", "dup"));
    CHECK_THROWS_AS(Router(routes), std::logic_error);
    auto bad = sampleRoutes();
    Route unguarded = publicRoute("GET", "/api/v1/secret", "secret", "x");
    unguarded.access = Access::Staff;  // staff-only but names no operation
    bad.push_back(unguarded);
    CHECK_THROWS_AS(Router(bad), std::logic_error);
}

namespace {

Route asset(std::string path, std::string operationId) {
    return publicRoute("GET", std::move(path), std::move(operationId), "x");
}

std::string operationFor(const Router& router, const std::string& method, const std::string& path) {
    return router.match(method, path).route->operationId;
}

}  // namespace

TEST_CASE("a literal segment beats a parameter, whatever the order of the routing table", "[router]") {
    // The waiting-room page's chime and its other files, and a display by key:
    // three patterns that all match /display/assets/chime.wav or /display/x/y.
    const std::vector<Route> inOrder = {
        asset("/display/assets/chime.wav", "getChime"),
        asset("/display/assets/{file}", "getDisplayAsset"),
        asset("/display/{key}/{file}", "getDisplayFile"),
    };
    for (const bool reversed : {false, true}) {
        auto routes = inOrder;
        if (reversed) std::reverse(routes.begin(), routes.end());
        const Router router(routes);
        INFO((reversed ? "parameters first" : "literals first"));
        CHECK(operationFor(router, "GET", "/display/assets/chime.wav") == "getChime");
        const auto file = router.match("GET", "/display/assets/app.js");
        CHECK(file.route->operationId == "getDisplayAsset");
        CHECK(file.pathParams.at("file") == "app.js");
        const auto byKey = router.match("GET", "/display/k3y/app.js");
        CHECK(byKey.route->operationId == "getDisplayFile");
        CHECK(byKey.pathParams.at("key") == "k3y");
    }
}

TEST_CASE("the first segment that differs decides which pattern is more specific", "[router]") {
    for (const bool reversed : {false, true}) {
        std::vector<Route> routes = {
            staffRoute("POST", "/api/v1/tokens/{id}/vitals", Operation::RecordVitals, "x"),
            staffRoute("POST", "/api/v1/tokens/new/{what}", Operation::CheckIn, "x"),
        };
        if (reversed) std::reverse(routes.begin(), routes.end());
        const Router router(routes);
        CHECK(operationFor(router, "POST", "/api/v1/tokens/new/vitals") == "checkIn");
        CHECK(operationFor(router, "POST", "/api/v1/tokens/7/vitals") == "recordVitals");
    }
}

TEST_CASE("the best-matching path answers 405 for another method, even if a vaguer pattern has it", "[router]") {
    const Router router({asset("/display/assets/chime.wav", "getChime"),
                         publicRoute("POST", "/display/assets/{file}", "postAsset", "x")});
    try {
        router.match("POST", "/display/assets/chime.wav");
        FAIL("a parameter pattern shadowed the literal one");
    } catch (const hub::Error& e) {
        CHECK(e.code() == hub::ErrorCode::MethodNotAllowed);
        CHECK(std::string(e.what()) == "GET");
    }
    CHECK(operationFor(router, "POST", "/display/assets/other.js") == "postAsset");
}

TEST_CASE("two patterns that match the same paths are refused when the router is built", "[router]") {
    auto routes = sampleRoutes();
    routes.push_back(publicRoute("GET", "/api/v1/staff/{staffId}", "getStaffMember", "same shape as {id}"));
    try {
        Router router(routes);
        FAIL("overlapping routes were accepted");
    } catch (const std::logic_error& e) {
        CHECK(std::string(e.what()).find("/api/v1/staff/{id}") != std::string::npos);
        CHECK(std::string(e.what()).find("/api/v1/staff/{staffId}") != std::string::npos);
    }
    // The same pattern with another method is one path with two operations, not an overlap.
    auto fine = sampleRoutes();
    fine.push_back(publicRoute("GET", "/api/v1/staff/{id}", "getStaffMember", "read one"));
    CHECK_NOTHROW(Router(fine));
}
