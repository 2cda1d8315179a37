#include "hub/sync/sync_schedule.h"

#include "hub/domain/clinic_day.h"

#include <algorithm>

namespace hub::sync {
namespace {

constexpr auto kDay = std::chrono::hours(24);

}  // namespace

std::chrono::minutes retryBackoff(int failures) {
    if (failures <= 0) return std::chrono::minutes(0);
    const int shift = std::min(failures - 1, 4);
    return std::min(std::chrono::minutes(5 << shift), std::chrono::minutes(60));
}

SyncSchedule::SyncSchedule(SyncWindow window, std::string clinicTimezone)
    : window_(window), timezone_(std::move(clinicTimezone)) {}

WindowOccurrence SyncSchedule::windowStartingOn(TimePoint dayStart) const {
    // Minutes from local midnight; across a DST change the window shifts with
    // the clock on the wall, which is what the clinic expects.
    const auto start = dayStart + std::chrono::minutes(window_.startMinute);
    const int length = (window_.endMinute - window_.startMinute + 1440) % 1440;
    return {start, start + std::chrono::minutes(length)};
}

WindowOccurrence SyncSchedule::windowAtOrAfter(TimePoint t) const {
    // The window that began on the previous clinic day may still be open
    // (a window past midnight), so look one day back first.
    const auto today = domain::clinicDayAt(t, timezone_);
    const auto yesterday = domain::clinicDayAt(today.start - std::chrono::hours(1), timezone_);
    for (const auto& day : {yesterday.start, today.start}) {
        const auto w = windowStartingOn(day);
        if (t < w.end) return w;
    }
    return windowStartingOn(domain::clinicDayAt(today.end + std::chrono::hours(1), timezone_).start);
}

TimePoint SyncSchedule::nextRun(TimePoint now, const SyncStatus& status) const {
    const WindowOccurrence w = windowAtOrAfter(now);
    if (now < w.start) return w.start;
    const auto next = [&] { return windowAtOrAfter(w.end).start; };
    if (status.lastSuccess && status.lastSuccess->finishedAt >= w.start) return next();
    if (status.consecutiveFailures > 0 && status.lastFailureAt && *status.lastFailureAt >= w.start) {
        const TimePoint retry = *status.lastFailureAt + retryBackoff(status.consecutiveFailures);
        if (retry >= w.end) return next();
        return std::max(retry, now);
    }
    return now;
}

int SyncSchedule::missedNights(TimePoint now, const SyncStatus& status) const {
    TimePoint since = status.configuredAt;
    if (status.lastSuccess) since = std::max(since, status.lastSuccess->finishedAt);
    int missed = 0;
    for (WindowOccurrence w = windowAtOrAfter(since); w.end <= now && missed < 1000; w = windowAtOrAfter(w.end)) {
        if (w.start < since && since < w.end) continue;  // the success fell inside this night's window
        ++missed;
    }
    return missed;
}

}  // namespace hub::sync
