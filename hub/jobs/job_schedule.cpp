#include "hub/jobs/job_schedule.h"

#include "hub/domain/clinic_day.h"

#include <algorithm>
#include <cstdio>

namespace hub::jobs {
namespace {

WindowOccurrence windowStartingOn(const DailyWindow& w, TimePoint dayStart) {
    const auto start = dayStart + std::chrono::minutes(w.startMinute);
    const int length = (w.endMinute - w.startMinute + 1440) % 1440;
    return {start, start + std::chrono::minutes(length)};
}

std::string hhmm(int minute) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", (minute / 60) % 24, minute % 60);
    return text;
}

}  // namespace

WindowOccurrence windowAtOrAfter(const DailyWindow& window, std::string_view timezone, TimePoint t) {
    // The window that began on the previous clinic day may still be open
    // (a window past midnight), so look one day back first.
    const auto today = domain::clinicDayAt(t, timezone);
    const auto yesterday = domain::clinicDayAt(today.start - std::chrono::hours(1), timezone);
    for (const auto& day : {yesterday.start, today.start}) {
        const auto w = windowStartingOn(window, day);
        if (t < w.end) return w;
    }
    return windowStartingOn(window, domain::clinicDayAt(today.end + std::chrono::hours(1), timezone).start);
}

std::chrono::minutes retryBackoff(int failures) {
    if (failures <= 0) return std::chrono::minutes(0);
    const int shift = std::min(failures - 1, 4);
    return std::min(std::chrono::minutes(5 << shift), std::chrono::minutes(60));
}

TimePoint nextDailyRun(const DailyWindow& window, std::string_view timezone, TimePoint now, const PastRuns& past) {
    const WindowOccurrence w = windowAtOrAfter(window, timezone, now);
    if (now < w.start) return w.start;
    const auto next = [&] { return windowAtOrAfter(window, timezone, w.end).start; };
    if (past.lastSuccess && *past.lastSuccess >= w.start) return next();
    if (past.consecutiveFailures > 0 && past.lastFailure && *past.lastFailure >= w.start) {
        const TimePoint retry = *past.lastFailure + retryBackoff(past.consecutiveFailures);
        if (retry >= w.end) return next();
        return std::max(retry, now);
    }
    return now;
}

Schedule Schedule::daily(DailyWindow window) { return Schedule(Kind::Daily, window, {}); }
Schedule Schedule::every(std::chrono::seconds period) { return Schedule(Kind::Interval, {}, period); }
Schedule Schedule::onDemand() { return Schedule(Kind::OnDemand, {}, {}); }

std::optional<TimePoint> Schedule::nextRun(TimePoint now, std::string_view timezone, const PastRuns& past) const {
    switch (kind_) {
        case Kind::Daily: return nextDailyRun(window_, timezone, now, past);
        case Kind::Interval:
            // A start in the future means the clock was set back: run now
            // rather than wait out the difference.
            if (!past.lastStart || *past.lastStart > now) return now;
            return std::max(*past.lastStart + period_, now);
        case Kind::OnDemand: return std::nullopt;
    }
    return std::nullopt;
}

std::string Schedule::describe() const {
    switch (kind_) {
        case Kind::Daily: return "daily " + hhmm(window_.startMinute) + "-" + hhmm(window_.endMinute);
        case Kind::Interval: return "every " + std::to_string(period_.count()) + " s";
        case Kind::OnDemand: return "on demand";
    }
    return "";
}

}  // namespace hub::jobs
