#pragma once
// When the nightly sync runs: inside a window of the clinic's night (default
// 01:00-05:00 in its timezone), once per night, and after a failure again
// with backoff (5, 10, 20, 40, 60, 60 ... minutes) while the window lasts.
// A pure type over an injected clock's time, so the job runner (and tests)
// can ask it without waiting for a night to pass.
#include "hub/core/clock.h"
#include "hub/sync/sync_settings.h"
#include "hub/sync/sync_status.h"

#include <string>

namespace hub::sync {

struct WindowOccurrence {
    TimePoint start;
    TimePoint end;
};

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
    WindowOccurrence windowStartingOn(TimePoint dayStart) const;

    SyncWindow window_;
    std::string timezone_;
};

// The wait before retry number `failures` (1 = after the first failure).
std::chrono::minutes retryBackoff(int failures);

}  // namespace hub::sync
