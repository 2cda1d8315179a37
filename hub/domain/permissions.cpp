#include "hub/domain/permissions.h"

#include <array>

namespace hub::domain {
namespace {

struct Grant {
    Operation op;
    std::string_view name;
    // admin, doctor, receptionist, nurse, cashier
    std::array<bool, 5> allowed;
};

constexpr bool Y = true, N = false;

// clang-format off
constexpr Grant grants[] = {
    //  operation                    operationId          adm doc rec nur cas
    {Operation::Whoami,            "whoami",            {Y,  Y,  Y,  Y,  Y}},
    {Operation::Logout,            "logout",            {Y,  Y,  Y,  Y,  Y}},
    {Operation::LogoutAll,         "logoutAll",         {Y,  Y,  Y,  Y,  Y}},
    {Operation::ChangeOwnPassword, "changeOwnPassword", {Y,  Y,  Y,  Y,  Y}},
    {Operation::ListStaff,         "listStaff",         {Y,  N,  N,  N,  N}},
    {Operation::CreateStaff,       "createStaff",       {Y,  N,  N,  N,  N}},
    {Operation::UpdateStaff,       "updateStaff",       {Y,  N,  N,  N,  N}},
    {Operation::ListAuditEvents,   "listAuditEvents",   {Y,  N,  N,  N,  N}},
};
// clang-format on

constexpr std::size_t roleIndex(Role role) { return static_cast<std::size_t>(role); }

// The table is indexed by Operation: a row out of order would grant the wrong thing.
constexpr bool tableInEnumOrder() {
    for (std::size_t i = 0; i < std::size(grants); ++i)
        if (static_cast<std::size_t>(grants[i].op) != i) return false;
    return true;
}
static_assert(tableInEnumOrder(), "grants[] must list every Operation once, in declaration order");

constexpr auto operations = [] {
    std::array<Operation, std::size(grants)> ops{};
    for (std::size_t i = 0; i < ops.size(); ++i) ops[i] = grants[i].op;
    return ops;
}();

const Grant& grantFor(Operation op) { return grants[static_cast<std::size_t>(op)]; }

}  // namespace

std::span<const Operation> allOperations() { return operations; }

std::string_view operationName(Operation op) { return grantFor(op).name; }

bool roleMayPerform(Role role, Operation op) { return grantFor(op).allowed[roleIndex(role)]; }

}  // namespace hub::domain
