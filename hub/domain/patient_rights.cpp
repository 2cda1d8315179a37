#include "hub/domain/patient_rights.h"

#include <array>
#include <utility>

namespace hub::domain {
namespace {

constexpr std::pair<ConsentPurpose, std::string_view> purposeNames[] = {
    {ConsentPurpose::SmsReminders, "sms_reminders"},
    {ConsentPurpose::WhatsappReminders, "whatsapp_reminders"},
    {ConsentPurpose::PrescriptionSharing, "prescription_sharing"},
    {ConsentPurpose::Research, "research"},
};

constexpr std::pair<ConsentMethod, std::string_view> methodNames[] = {
    {ConsentMethod::Verbal, "verbal"},
    {ConsentMethod::SignedForm, "signed_form"},
    {ConsentMethod::PatientChoice, "patient_choice"},
    {ConsentMethod::Migrated, "migrated"},
};

constexpr std::pair<DataRequestState, std::string_view> stateNames[] = {
    {DataRequestState::Requested, "requested"},
    {DataRequestState::EligibilityChecked, "eligibility_checked"},
    {DataRequestState::Approved, "approved"},
    {DataRequestState::Rejected, "rejected"},
    {DataRequestState::Executed, "executed"},
};

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

template <typename E, std::size_t N>
std::string_view nameOf(const std::pair<E, std::string_view> (&table)[N], E value) {
    for (const auto& [v, n] : table)
        if (v == value) return n;
    return "";
}

template <typename E, std::size_t N>
std::optional<E> parse(const std::pair<E, std::string_view> (&table)[N], std::string_view name) {
    for (const auto& [v, n] : table)
        if (n == name) return v;
    return std::nullopt;
}

}  // namespace

std::string_view consentPurposeName(ConsentPurpose p) { return nameOf(purposeNames, p); }
std::optional<ConsentPurpose> parseConsentPurpose(std::string_view name) { return parse(purposeNames, name); }
std::string_view consentMethodName(ConsentMethod m) { return nameOf(methodNames, m); }
std::optional<ConsentMethod> parseConsentMethod(std::string_view name) {
    auto m = parse(methodNames, name);
    if (m == ConsentMethod::Migrated) return std::nullopt;
    return m;
}
std::string_view dataRequestStateName(DataRequestState s) { return nameOf(stateNames, s); }
std::optional<DataRequestState> parseDataRequestState(std::string_view name) { return parse(stateNames, name); }

bool dataRequestMayMove(DataRequestState from, DataRequestState to) {
    for (const auto& [f, t] : steps)
        if (f == from && t == to) return true;
    return false;
}

}  // namespace hub::domain
