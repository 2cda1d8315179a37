#pragma once
// Fixed instants in the demo clinics' timezones, for tests that run schedules
// on an injected clock: Dhaka (UTC+6) and Kolkata (UTC+5:30), neither with DST.
#include "hub/core/clock.h"

#include <chrono>

namespace hub::testing {

// 2026-11-24 00:00 in Dhaka is 2026-11-23 18:00 UTC.
inline const TimePoint dhakaMidnight = fromUnixSeconds(1795456800);

// `hour:minute` in Dhaka, `day` days after 2026-11-24.
inline TimePoint dhaka(int day, int hour, int minute = 0) {
    return dhakaMidnight + std::chrono::hours(24 * day + hour) + std::chrono::minutes(minute);
}

// The same wall-clock time in Kolkata: its midnight comes 30 minutes after Dhaka's.
inline TimePoint kolkata(int day, int hour, int minute = 0) { return dhaka(day, hour, minute) + std::chrono::minutes(30); }

}  // namespace hub::testing
