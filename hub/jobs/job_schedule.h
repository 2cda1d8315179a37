#pragma once
// When a job runs, in the clinic's timezone: inside a daily window (once per
// night, again with backoff after a failure while the window lasts), every so
// often, or only on demand. Pure functions of an injected clock's time and the
// job's past runs, so a midnight in Asia/Dhaka is a test, not a wait.
#include "hub/core/clock.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hub::jobs {

// Minutes after the clinic's local midnight. An end before the start is a
// window across midnight ("22:00-02:00"); across a DST change the window
// moves with the clock on the wall, which is what the clinic expects.
struct DailyWindow {
    int startMinute = 0;
    int endMinute = 0;
};

struct WindowOccurrence {
    TimePoint start;
    TimePoint end;
};

// The occurrence of the window that contains t, or else the next one.
WindowOccurrence windowAtOrAfter(const DailyWindow& window, std::string_view timezone, TimePoint t);

// The wait before retry number `failures` (1 = after the first failure):
// 5, 10, 20, 40, 60, 60 ... minutes.
std::chrono::minutes retryBackoff(int failures);

// What the schedule needs to know of the runs so far.
struct PastRuns {
    std::optional<TimePoint> lastStart;
    std::optional<TimePoint> lastSuccess;  // when the last successful run ended
    std::optional<TimePoint> lastFailure;  // when the last failed run ended
    int consecutiveFailures = 0;
};

class Schedule {
public:
    enum class Kind { Daily, Interval, OnDemand };

    static Schedule daily(DailyWindow window);
    static Schedule every(std::chrono::seconds period);
    static Schedule onDemand();

    Kind kind() const { return kind_; }

    // When the job should start next: never earlier than now (equal to now
    // when a run is due at once); nullopt for a job that runs on demand only.
    // Throws hub::Error(InvalidInput) for an unknown timezone.
    std::optional<TimePoint> nextRun(TimePoint now, std::string_view timezone, const PastRuns& past) const;

    // "daily 01:00-05:00", "every 60 s", "on demand": for listJobs and the CLI.
    std::string describe() const;

private:
    Schedule(Kind kind, DailyWindow window, std::chrono::seconds period) : kind_(kind), window_(window), period_(period) {}

    Kind kind_;
    DailyWindow window_;
    std::chrono::seconds period_;
};

// The next daily run given the past runs (the rule Schedule::daily applies;
// the sync's status view asks it with the sync's own record of its runs).
TimePoint nextDailyRun(const DailyWindow& window, std::string_view timezone, TimePoint now, const PastRuns& past);

}  // namespace hub::jobs
