#include "hub/domain/permissions.h"

#include <catch2/catch.hpp>

#include <set>

using namespace hub::domain;

TEST_CASE("every operation has a unique operationId", "[permissions]") {
    std::set<std::string_view> names;
    for (Operation op : allOperations()) names.insert(operationName(op));
    CHECK(names.size() == allOperations().size());
    CHECK(operationName(Operation::ListStaff) == "listStaff");
}

TEST_CASE("any signed-in role may act on its own session", "[permissions]") {
    for (Role role : allRoles) {
        CHECK(roleMayPerform(role, Operation::Whoami));
        CHECK(roleMayPerform(role, Operation::Logout));
        CHECK(roleMayPerform(role, Operation::LogoutAll));
        CHECK(roleMayPerform(role, Operation::ChangeOwnPassword));
    }
}

TEST_CASE("only admins manage staff and read the audit trail", "[permissions]") {
    for (Operation op : {Operation::ListStaff, Operation::CreateStaff, Operation::UpdateStaff,
                         Operation::ListAuditEvents}) {
        CHECK(roleMayPerform(Role::Admin, op));
        for (Role role : {Role::Doctor, Role::Receptionist, Role::Nurse, Role::Cashier})
            CHECK_FALSE(roleMayPerform(role, op));
    }
}
