#pragma once
// Patients as the receptionist registers them. Plain values and the rules that
// make them valid; storage and transport live elsewhere.
#include "hub/core/clock.h"
#include "hub/domain/date.h"
#include "hub/domain/field_problem.h"
#include "hub/domain/language.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::domain {

enum class Sex { Female, Male, Other };
inline constexpr std::string_view sexNames[] = {"female", "male", "other"};  // in enum order
std::string_view sexName(Sex s);
std::optional<Sex> parseSex(std::string_view name);

inline constexpr std::string_view bloodGroups[] = {"A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"};


struct Patient {
    long long id = 0;
    std::string mrn;                  // "26-000123"
    std::string name;
    std::vector<std::string> phones;  // E.164, first is the one to call
    Sex sex = Sex::Other;
    std::optional<Date> birthDate;
    bool birthDateApproximate = false;
    std::string address;
    std::string guardian;
    std::string bloodGroup;           // "" when unknown
    std::string allergies;
    std::vector<std::string> chronicConditions;  // tags from the clinic's list
    bool consentSms = false;
    bool consentWhatsapp = false;
    Language preferredLanguage = Language::Bangla;
    TimePoint createdAt{}, updatedAt{};
};

// Record numbers: two-digit registration year and a six-digit serial.
std::string formatMrn(int year, long long serial);
bool looksLikeMrn(std::string_view text);  // "26-000123" or "26000123"

// Free-text person names: 1-100 bytes of UTF-8 with a letter in them, any script.
std::optional<std::string> checkPersonName(std::string_view name);

// The rules of a patient's record, one per field the receptionist fills in;
// each problem names the API's field. The service applies a client's fields
// with them (hub/opd/patient_service.cpp), as visits use checkVisitContent.
inline constexpr int maxAgeYears = 130;
inline constexpr std::size_t maxPhones = 5;
// The free-text fields and the most bytes each may hold.
struct PatientTextField {
    std::string_view field;  // the API's name
    std::size_t maxBytes;
};
inline constexpr PatientTextField addressField{"address", 300};
inline constexpr PatientTextField guardianField{"guardian", 100};
inline constexpr PatientTextField allergiesField{"allergies", 500};

// Leading, trailing and repeated inner whitespace removed: otherwise the same
// name would be two different names to duplicate detection and search.
std::string normalizeSpaces(std::string_view text);
// "name": normalised first (normalizeSpaces), then checkPersonName.
std::optional<FieldProblem> checkPatientName(std::string_view normalizedName);
// Valid UTF-8 within the field's bytes, no control characters but newlines.
std::optional<FieldProblem> checkPatientText(std::string_view value, const PatientTextField& field);
// "phones": one to maxPhones numbers.
std::optional<FieldProblem> checkPhoneCount(std::size_t count);
// "date_of_birth": not in the future, at most maxAgeYears ago.
std::optional<FieldProblem> checkBirthDate(const Date& birth, const Date& today);
// "age_years": 0 to maxAgeYears.
std::optional<FieldProblem> checkAgeYears(long long years);
// "blood_group": one of bloodGroups, or "" for unknown.
std::optional<FieldProblem> checkBloodGroup(std::string_view group);

// The API names of the fields that differ between two versions of a record,
// in declaration order ("name", "phones", "date_of_birth" ...). It compares
// every member of Patient: a member added to the struct without a place here
// does not compile (patient.cpp binds them all by structured binding).
std::vector<std::string_view> changedPatientFields(const Patient& was, const Patient& now);

// The chronic-condition tags a new clinic starts with; admins may edit the list.
std::vector<std::string> defaultChronicConditions();

}  // namespace hub::domain
