#include "hub/domain/clinic_day.h"

#include "hub/core/error.h"

#include <date/tz.h>

namespace hub::domain {
namespace {

const date::time_zone* zone(std::string_view name) {
    try {
        return date::locate_zone(std::string(name));
    } catch (const std::runtime_error&) {
        throw invalidInput("timezone", "unknown timezone '" + std::string(name) + "'");
    }
}

}  // namespace

bool isKnownTimezone(std::string_view name) {
    try {
        zone(name);
        return true;
    } catch (const Error&) {
        return false;
    }
}

ClinicDay clinicDayAt(TimePoint t, std::string_view timezone) {
    const auto* tz = zone(timezone);
    const auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(t);
    const auto local = tz->to_local(seconds);
    const auto localMidnight = date::floor<date::days>(local);
    ClinicDay day;
    day.date = date::format("%F", date::year_month_day(localMidnight));
    // choose::earliest: where a DST change skips or repeats midnight, take the first.
    day.start = tz->to_sys(date::local_seconds(localMidnight), date::choose::earliest);
    day.end = tz->to_sys(date::local_seconds(localMidnight + date::days(1)), date::choose::earliest);
    day.utcOffsetMinutes = utcOffsetMinutes(t, timezone);
    return day;
}

Date ClinicDay::calendarDate() const {
    // date was formatted from a calendar day just above: it always parses.
    return *parseIsoDate(date);
}

int utcOffsetMinutes(TimePoint t, std::string_view timezone) {
    const auto info = zone(timezone)->get_info(std::chrono::time_point_cast<std::chrono::seconds>(t));
    return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(info.offset).count());
}

}  // namespace hub::domain
