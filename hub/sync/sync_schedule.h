#pragma once
// The nightly sync's window as its status shows it: the next run and the
// nights missed. The rule itself (once per night inside the window, again with
// backoff after a failure while the window lasts) is the job runner's daily
// schedule (hub/jobs/job_schedule.h), which starts the runs; this asks it with
// the sync's own record of its runs (status.json), which the CLI's runs update too.
#include "hub/core/clock.h"
#include "hub/jobs/job_schedule.h"
#include "hub/sync/sync_settings.h"
#include "hub/sync/sync_status.h"

#include <string>

namespace hub::sync {

using jobs::WindowOccurrence;
using jobs::retryBackoff;

// The sync's window as the job runner's daily schedule.
inline jobs::DailyWindow dailyWindow(const SyncWindow& w) { return {w.startMinute, w.endMinute}; }

class SyncSchedule {
public:
    SyncSchedule(SyncWindow window, std::string clinicTimezone);

    // The occurrence of the window that contains t, or else the next one.
    WindowOccurrence windowAtOrAfter(TimePoint t) const;

    // When the next run should start given what the runs so far did. Never
    // earlier than now; equal to now when a run is due at once.
    TimePoint nextRun(TimePoint now, const SyncStatus& status) const;
    bool due(TimePoint now, const SyncStatus& status) const { return nextRun(now, status) <= now; }

    // How many windows have ended since the last success (or since sync was
    // set up, if it never succeeded). /healthz says degraded from 3.
    int missedNights(TimePoint now, const SyncStatus& status) const;

    static constexpr int kOverdueNights = 3;

private:
    SyncWindow window_;
    std::string timezone_;
};

}  // namespace hub::sync
