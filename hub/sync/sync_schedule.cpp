#include "hub/sync/sync_schedule.h"

#include <algorithm>

namespace hub::sync {
namespace {

jobs::PastRuns pastRuns(const SyncStatus& status) {
    jobs::PastRuns past;
    past.lastStart = status.lastAttemptAt;
    if (status.lastSuccess) past.lastSuccess = status.lastSuccess->finishedAt;
    past.lastFailure = status.lastFailureAt;
    past.consecutiveFailures = status.consecutiveFailures;
    return past;
}

}  // namespace

SyncSchedule::SyncSchedule(SyncWindow window, std::string clinicTimezone)
    : window_(window), timezone_(std::move(clinicTimezone)) {}

WindowOccurrence SyncSchedule::windowAtOrAfter(TimePoint t) const {
    return jobs::windowAtOrAfter(dailyWindow(window_), timezone_, t);
}

TimePoint SyncSchedule::nextRun(TimePoint now, const SyncStatus& status) const {
    return jobs::nextDailyRun(dailyWindow(window_), timezone_, now, pastRuns(status));
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
