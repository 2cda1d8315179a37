#pragma once
// Patients' rights in plain values: the purposes a patient consents to, how a
// consent was recorded, and the states a deletion (anonymisation) request
// walks through with the one table of allowed steps.
#include <chrono>
#include <optional>
#include <span>
#include <string_view>

namespace hub::domain {

enum class ConsentPurpose { SmsReminders, WhatsappReminders, PrescriptionSharing, Research };
inline constexpr ConsentPurpose consentPurposes[] = {ConsentPurpose::SmsReminders, ConsentPurpose::WhatsappReminders,
                                                     ConsentPurpose::PrescriptionSharing, ConsentPurpose::Research};
inline constexpr std::string_view consentPurposeNames[] = {"sms_reminders", "whatsapp_reminders",
                                                           "prescription_sharing", "research"};  // in enum order
std::string_view consentPurposeName(ConsentPurpose p);  // "sms_reminders", ...
std::optional<ConsentPurpose> parseConsentPurpose(std::string_view name);

enum class ConsentMethod { Verbal, SignedForm, PatientChoice, Migrated };
inline constexpr std::string_view consentMethodNames[] = {"verbal", "signed_form", "patient_choice",
                                                          "migrated"};  // in enum order
std::string_view consentMethodName(ConsentMethod m);
// Staff may record verbal, signed_form and patient_choice (these, and what
// parseConsentMethod accepts); "migrated" is the migration's own.
inline constexpr std::string_view staffConsentMethodNames[] = {"verbal", "signed_form", "patient_choice"};
std::optional<ConsentMethod> parseConsentMethod(std::string_view name);

// requested -> eligibility_checked -> approved | rejected; approved -> executed.
// A request may also be rejected straight from requested (a reviewer who sees
// it is not the patient's wish need not wait for the check).
enum class DataRequestState { Requested, EligibilityChecked, Approved, Rejected, Executed };
inline constexpr std::string_view dataRequestStateNames[] = {"requested", "eligibility_checked", "approved",
                                                              "rejected", "executed"};  // in enum order
std::string_view dataRequestStateName(DataRequestState s);
std::optional<DataRequestState> parseDataRequestState(std::string_view name);
bool dataRequestMayMove(DataRequestState from, DataRequestState to);

inline constexpr std::string_view dataRequestChannels[] = {"in_person", "phone", "letter", "email"};

// A year of the retention policy (its minimum keep period, its automatic
// anonymisation): a Julian year of 365.25 days, so leap days are included and
// "5 years after the last visit" never ends a day early.
inline constexpr std::chrono::seconds retentionYear{365LL * 24 * 3600 + 6 * 3600};

}  // namespace hub::domain
