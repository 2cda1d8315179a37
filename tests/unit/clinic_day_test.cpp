#include "hub/core/error.h"
#include "hub/domain/clinic_day.h"

#include "support/catch.h"

using namespace hub::domain;
using hub::fromUnixSeconds;
using hub::toUnixSeconds;

// 2026-11-24T18:00:00Z is midnight in Dhaka (UTC+6).
const long long dhakaMidnight = 1'795'543'200;

TEST_CASE("the clinic day turns at midnight in Dhaka, not at UTC midnight", "[clinic_day]") {
    const auto before = clinicDayAt(fromUnixSeconds(dhakaMidnight - 1), "Asia/Dhaka");
    const auto after = clinicDayAt(fromUnixSeconds(dhakaMidnight), "Asia/Dhaka");
    CHECK(before.date == "2026-11-24");
    CHECK(after.date == "2026-11-25");
    CHECK(toUnixSeconds(before.end) == dhakaMidnight);
    CHECK(toUnixSeconds(after.start) == dhakaMidnight);
    CHECK(toUnixSeconds(after.end) - toUnixSeconds(after.start) == 86400);
    CHECK(after.utcOffsetMinutes == 360);
}

TEST_CASE("Indian clinics use their half-hour offset", "[clinic_day]") {
    // Kolkata midnight is 30 minutes before Dhaka's.
    const auto d = clinicDayAt(fromUnixSeconds(dhakaMidnight + 1800), "Asia/Kolkata");
    CHECK(d.date == "2026-11-25");
    CHECK(toUnixSeconds(d.start) == dhakaMidnight + 1800);
    CHECK(d.utcOffsetMinutes == 330);
    CHECK(clinicDayAt(fromUnixSeconds(dhakaMidnight + 1799), "Asia/Kolkata").date == "2026-11-24");
}

TEST_CASE("an unknown timezone is an input error naming the field", "[clinic_day]") {
    CHECK_FALSE(isKnownTimezone("Asia/Dacca_"));
    CHECK(isKnownTimezone("Asia/Dhaka"));
    try {
        clinicDayAt(fromUnixSeconds(0), "Mars/Olympus");
        FAIL("accepted an unknown timezone");
    } catch (const hub::Error& e) {
        CHECK(e.field() == "timezone");
    }
}
