#pragma once
// Calendar dates as the clinic writes them ("2026-11-24"): birth dates,
// follow-ups, the clinic day. No time and no timezone: see clinic_day.h for
// which date it is now in the clinic.
#include <optional>
#include <string>
#include <string_view>

namespace hub::domain {

struct Date {
    int year = 0, month = 0, day = 0;
    std::string iso() const;  // "YYYY-MM-DD"
    auto operator<=>(const Date&) const = default;
};
std::optional<Date> parseIsoDate(std::string_view text);  // validates the calendar

// Whole years between birth and on.
int ageInYears(const Date& birth, const Date& on);
// An age told instead of a birth date becomes a birth date that many years
// before today, marked approximate.
Date approximateBirthDate(int ageYears, const Date& today);

}  // namespace hub::domain
