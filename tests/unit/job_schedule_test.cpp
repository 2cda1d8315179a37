// The job runner's schedules on an injected time: a daily window in the
// clinic's timezone (across midnight, in Dhaka and in Kolkata, neither with
// DST), an interval, and on demand.
#include "hub/core/error.h"
#include "hub/jobs/job_schedule.h"

#include "support/catch.h"
#include "support/clinic_time.h"

using namespace hub;
using namespace hub::jobs;
using namespace std::chrono_literals;
using hub::testing::dhaka;
using hub::testing::dhakaMidnight;
using hub::testing::kolkata;

namespace {


PastRuns succeededAt(TimePoint t) {
    PastRuns p;
    p.lastStart = t - 1min;
    p.lastSuccess = t;
    return p;
}

}  // namespace

TEST_CASE("a daily window across midnight is one night in the clinic's timezone", "[jobs][schedule]") {
    REQUIRE(toUnixSeconds(dhakaMidnight) % 86400 == 18 * 3600);
    const auto night = Schedule::daily({22 * 60, 2 * 60});  // 22:00-02:00
    CHECK(night.describe() == "daily 22:00-02:00");

    SECTION("Asia/Dhaka") {
        CHECK(night.nextRun(dhaka(0, 21, 59), "Asia/Dhaka", {}) == dhaka(0, 22));
        CHECK(night.nextRun(dhaka(0, 23, 30), "Asia/Dhaka", {}) == dhaka(0, 23, 30));  // inside: due now
        // Past midnight the window that opened yesterday is still open.
        CHECK(night.nextRun(dhaka(1, 1, 30), "Asia/Dhaka", {}) == dhaka(1, 1, 30));
        // Done at 23:10: not again after midnight, next at 22:00 the next evening.
        CHECK(night.nextRun(dhaka(1, 1, 30), "Asia/Dhaka", succeededAt(dhaka(0, 23, 10))) == dhaka(1, 22));
        // Done at 00:40 (after the midnight inside the window): the same.
        CHECK(night.nextRun(dhaka(1, 1, 50), "Asia/Dhaka", succeededAt(dhaka(1, 0, 40))) == dhaka(1, 22));
        // Last night's success does not cover tonight.
        CHECK(night.nextRun(dhaka(1, 22, 5), "Asia/Dhaka", succeededAt(dhaka(0, 23, 10))) == dhaka(1, 22, 5));
    }
    SECTION("Asia/Kolkata: the same wall-clock window, half an hour later in absolute time") {
        CHECK(night.nextRun(dhaka(0, 22), "Asia/Kolkata", {}) == kolkata(0, 22));
        CHECK(night.nextRun(kolkata(1, 1, 59), "Asia/Kolkata", succeededAt(kolkata(0, 22, 1))) == kolkata(1, 22));
        // 02:15 in Dhaka is 01:45 in Kolkata: Kolkata's window is still open.
        CHECK(night.nextRun(dhaka(1, 2, 15), "Asia/Kolkata", {}) == dhaka(1, 2, 15));
        CHECK(night.nextRun(dhaka(1, 2, 15), "Asia/Dhaka", {}) == dhaka(1, 22));
    }
}

TEST_CASE("the midnight roll's window opens at the clinic's midnight", "[jobs][schedule]") {
    const auto roll = Schedule::daily({0, 6 * 60});
    const PastRuns yesterday = succeededAt(dhaka(0, 0, 1));
    CHECK(roll.nextRun(dhaka(0, 23, 59), "Asia/Dhaka", yesterday) == dhaka(1, 0));
    CHECK(roll.nextRun(dhaka(0, 23, 59), "Asia/Kolkata", yesterday) == kolkata(1, 0));
    CHECK(roll.nextRun(dhaka(1, 0), "Asia/Dhaka", yesterday) == dhaka(1, 0));
}

TEST_CASE("a failed daily run is retried with backoff while the window lasts", "[jobs][schedule]") {
    const auto night = Schedule::daily({60, 5 * 60});
    PastRuns failed;
    failed.lastStart = dhaka(0, 1);
    failed.lastFailure = dhaka(0, 1, 2);
    failed.consecutiveFailures = 1;
    CHECK(night.nextRun(dhaka(0, 1, 3), "Asia/Dhaka", failed) == dhaka(0, 1, 7));
    failed.consecutiveFailures = 3;
    CHECK(night.nextRun(dhaka(0, 1, 3), "Asia/Dhaka", failed) == dhaka(0, 1, 22));
    // A retry that would fall after the window waits for the next night.
    failed.lastFailure = dhaka(0, 4, 50);
    CHECK(night.nextRun(dhaka(0, 4, 51), "Asia/Dhaka", failed) == dhaka(1, 1));
    CHECK(retryBackoff(1) == 5min);
    CHECK(retryBackoff(9) == 60min);
}

TEST_CASE("an interval job runs at once the first time, then every period", "[jobs][schedule]") {
    const auto every = Schedule::every(10min);
    CHECK(every.describe() == "every 600 s");
    CHECK(every.nextRun(dhaka(0, 9), "Asia/Dhaka", {}) == dhaka(0, 9));
    PastRuns ran;
    ran.lastStart = dhaka(0, 9);
    CHECK(every.nextRun(dhaka(0, 9, 3), "Asia/Dhaka", ran) == dhaka(0, 9, 10));
    CHECK(every.nextRun(dhaka(0, 9, 30), "Asia/Dhaka", ran) == dhaka(0, 9, 30));
    // The clock was set back: run now rather than wait out the difference.
    CHECK(every.nextRun(dhaka(0, 8), "Asia/Dhaka", ran) == dhaka(0, 8));
}

TEST_CASE("an on-demand job has no next run", "[jobs][schedule]") {
    CHECK(Schedule::onDemand().describe() == "on demand");
    CHECK_FALSE(Schedule::onDemand().nextRun(dhaka(0, 9), "Asia/Dhaka", {}).has_value());
}

TEST_CASE("an unknown timezone is an error, not a run at a random hour", "[jobs][schedule]") {
    CHECK_THROWS_AS(Schedule::daily({0, 60}).nextRun(dhaka(0, 9), "Mars/Olympus", {}), Error);
}
