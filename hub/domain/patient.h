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

// The chronic-condition tags a new clinic starts with; admins may edit the list.
std::vector<std::string> defaultChronicConditions();

}  // namespace hub::domain
