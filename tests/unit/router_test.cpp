#include "hub/api/router.h"
#include "hub/core/error.h"

#include "support/catch.h"

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
