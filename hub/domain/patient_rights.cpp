#include "hub/domain/patient_rights.h"

#include "hub/domain/names.h"

#include <array>
#include <utility>

namespace hub::domain {
namespace {

static_assert(std::size(consentPurposeNames) == std::size(consentPurposes), "a name for every purpose");

using S = DataRequestState;
// clang-format off
constexpr std::pair<S, S> steps[] = {
    {S::Requested,          S::EligibilityChecked},
    {S::Requested,          S::Rejected},
    {S::EligibilityChecked, S::EligibilityChecked},  // checked again (a visit was closed since)
    {S::EligibilityChecked, S::Approved},
    {S::EligibilityChecked, S::Rejected},
    {S::Approved,           S::Executed},
};
// clang-format on

}  // namespace

std::string_view consentPurposeName(ConsentPurpose p) { return nameIn(consentPurposeNames, p); }
std::optional<ConsentPurpose> parseConsentPurpose(std::string_view name) {
    return parseNameIn<ConsentPurpose>(consentPurposeNames, name);
}
std::string_view consentMethodName(ConsentMethod m) { return nameIn(consentMethodNames, m); }
std::optional<ConsentMethod> parseConsentMethod(std::string_view name) {
    return parseNameIn<ConsentMethod>(staffConsentMethodNames, name);  // the same order: Migrated is last
}
std::string_view dataRequestStateName(DataRequestState s) { return nameIn(dataRequestStateNames, s); }
std::optional<DataRequestState> parseDataRequestState(std::string_view name) {
    return parseNameIn<DataRequestState>(dataRequestStateNames, name);
}

bool dataRequestMayMove(DataRequestState from, DataRequestState to) {
    for (const auto& [f, t] : steps)
        if (f == from && t == to) return true;
    return false;
}

}  // namespace hub::domain
