#pragma once
// The clinic day: token numbers restart and tracking links expire at midnight
// in the clinic's own timezone (Asia/Dhaka by default), not at UTC midnight.
#include "hub/core/clock.h"
#include "hub/domain/date.h"

#include <string>
#include <string_view>

namespace hub::domain {

// True if name is a timezone in the system's tz database ("Asia/Kolkata").
bool isKnownTimezone(std::string_view name);

struct ClinicDay {
    std::string date;   // "2026-11-24"
    TimePoint start;    // local midnight that begins it
    TimePoint end;      // local midnight that ends it
    int utcOffsetMinutes = 0;  // at the instant asked about

    Date calendarDate() const;  // date as a Date
};

// The clinic day containing t. Throws hub::Error(InvalidInput, "timezone") for
// an unknown timezone.
ClinicDay clinicDayAt(TimePoint t, std::string_view timezone);

// Offset from UTC at t, for formatting times the clinic reads.
int utcOffsetMinutes(TimePoint t, std::string_view timezone);

}  // namespace hub::domain
