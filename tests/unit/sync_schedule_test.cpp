// The nightly window in the clinic's timezone, retries with backoff, missed
// nights, and which restore points retention keeps: all on an injected time.
#include "hub/sync/pruning.h"
#include "hub/sync/sync_schedule.h"

#include "support/catch.h"
#include "support/clinic_time.h"

using namespace hub;
using namespace hub::sync;
using namespace std::chrono_literals;
using hub::testing::dhaka;
using hub::testing::dhakaMidnight;

namespace {


SyncStatus succeededAt(TimePoint t) {
    SyncStatus s;
    s.configuredAt = t - 24h * 30;
    RunReport r;
    r.finishedAt = t;
    s.lastSuccess = r;
    return s;
}

}  // namespace

TEST_CASE("the default window is 01:00-05:00 clinic time, and a run is due once per night", "[sync][schedule]") {
    REQUIRE(toUnixSeconds(dhakaMidnight) % 86400 == 18 * 3600);
    const SyncSchedule schedule(SyncWindow{}, "Asia/Dhaka");
    const auto w = schedule.windowAtOrAfter(dhaka(0, 0, 30));
    CHECK(w.start == dhaka(0, 1));
    CHECK(w.end == dhaka(0, 5));

    SyncStatus never;
    never.configuredAt = dhaka(-1, 12);
    CHECK(schedule.nextRun(dhaka(0, 0, 30), never) == dhaka(0, 1));
    CHECK_FALSE(schedule.due(dhaka(0, 0, 59), never));
    CHECK(schedule.due(dhaka(0, 1), never));
    CHECK(schedule.due(dhaka(0, 4, 59), never));
    // After the window closes, the next night.
    CHECK(schedule.nextRun(dhaka(0, 5), never) == dhaka(1, 1));

    // Once tonight's run succeeded, nothing until tomorrow night.
    const auto done = succeededAt(dhaka(0, 1, 20));
    CHECK_FALSE(schedule.due(dhaka(0, 2), done));
    CHECK(schedule.nextRun(dhaka(0, 2), done) == dhaka(1, 1));
    // A manual run in the afternoon does not replace tonight's.
    CHECK(schedule.due(dhaka(1, 1), succeededAt(dhaka(0, 15))));
}

TEST_CASE("a window across midnight (22:00-02:00) is one night", "[sync][schedule]") {
    const SyncSchedule schedule(SyncWindow{22 * 60, 2 * 60}, "Asia/Dhaka");
    const auto w = schedule.windowAtOrAfter(dhaka(1, 0, 30));  // after midnight: still yesterday's window
    CHECK(w.start == dhaka(0, 22));
    CHECK(w.end == dhaka(1, 2));
    SyncStatus s;
    s.configuredAt = dhaka(-5, 0);
    CHECK(schedule.due(dhaka(1, 0, 30), s));
    CHECK(schedule.nextRun(dhaka(1, 3), s) == dhaka(1, 22));
    CHECK_FALSE(schedule.due(dhaka(1, 1), succeededAt(dhaka(0, 23))));
}

TEST_CASE("the window follows the clinic's timezone", "[sync][schedule]") {
    // 01:00 in Kolkata (UTC+5:30) is half an hour after 01:00 in Dhaka.
    const auto dhakaWindow = SyncSchedule(SyncWindow{}, "Asia/Dhaka").windowAtOrAfter(dhaka(0, 0));
    const auto kolkataWindow = SyncSchedule(SyncWindow{}, "Asia/Kolkata").windowAtOrAfter(dhaka(0, 0));
    CHECK(kolkataWindow.start - dhakaWindow.start == 30min);
}

TEST_CASE("after a failure the window retries with backoff, then gives up until the next night", "[sync][schedule]") {
    CHECK(retryBackoff(1) == 5min);
    CHECK(retryBackoff(2) == 10min);
    CHECK(retryBackoff(3) == 20min);
    CHECK(retryBackoff(4) == 40min);
    CHECK(retryBackoff(5) == 60min);
    CHECK(retryBackoff(12) == 60min);

    const SyncSchedule schedule(SyncWindow{}, "Asia/Dhaka");
    SyncStatus s;
    s.configuredAt = dhaka(-3, 0);
    s.lastFailureAt = dhaka(0, 1);
    s.consecutiveFailures = 1;
    CHECK_FALSE(schedule.due(dhaka(0, 1, 4), s));
    CHECK(schedule.nextRun(dhaka(0, 1, 1), s) == dhaka(0, 1, 5));
    CHECK(schedule.due(dhaka(0, 1, 5), s));
    s.lastFailureAt = dhaka(0, 4, 30);
    s.consecutiveFailures = 6;
    CHECK(schedule.nextRun(dhaka(0, 4, 31), s) == dhaka(1, 1));  // 60 min would pass 05:00
    // A failure from last night does not delay tonight's first try.
    s.lastFailureAt = dhaka(-1, 4);
    CHECK(schedule.due(dhaka(0, 1), s));
}

TEST_CASE("missed nights count windows that ended without a success, and three make the sync overdue", "[sync][schedule]") {
    const SyncSchedule schedule(SyncWindow{}, "Asia/Dhaka");
    const auto s = succeededAt(dhaka(0, 1, 30));
    CHECK(schedule.missedNights(dhaka(0, 12), s) == 0);
    CHECK(schedule.missedNights(dhaka(1, 4), s) == 0);   // tonight's window is still open
    CHECK(schedule.missedNights(dhaka(1, 5), s) == 1);
    CHECK(schedule.missedNights(dhaka(2, 6), s) == 2);
    CHECK(schedule.missedNights(dhaka(3, 6), s) == SyncSchedule::kOverdueNights);
    SyncStatus fresh;
    fresh.configuredAt = dhaka(0, 10);
    CHECK(schedule.missedNights(dhaka(1, 6), fresh) == 1);
}

TEST_CASE("retention keeps the newest point of each recent day, week and month", "[sync][retention]") {
    std::vector<PointAge> points;
    // Two points a day for 100 days, starting on Monday 2026-01-05 (UTC).
    const TimePoint monday = fromUnixSeconds(1767571200);
    std::uint64_t seq = 0;
    for (int day = 0; day < 100; ++day)
        for (int h : {2, 14}) points.push_back({++seq, monday + std::chrono::hours(24 * day + h)});

    SECTION("dailies: the newest of each of the last 7 days") {
        const auto kept = selectKept(points, Retention{7, 0, 0});
        CHECK(kept == std::set<std::uint64_t>{200, 198, 196, 194, 192, 190, 188});
    }
    SECTION("weeklies: the newest of each of the last 4 weeks (Monday to Sunday)") {
        // Day 99 is Tuesday 2026-04-14; the weeks before end on Sundays, days 97, 90 and 83.
        const auto kept = selectKept(points, Retention{0, 4, 0});
        CHECK(kept == std::set<std::uint64_t>{200, 196, 182, 168});
    }
    SECTION("monthlies: the newest of each of the last 3 months") {
        // 2026-04-14 is day 99; March ends on day 85, February on day 54.
        const auto kept = selectKept(points, Retention{0, 0, 3});
        CHECK(kept == std::set<std::uint64_t>{200, 172, 110});
    }
    SECTION("nothing asked: only the newest survives") {
        CHECK(selectKept(points, Retention{0, 0, 0}) == std::set<std::uint64_t>{200});
    }
    CHECK(selectKept({}, Retention{}).empty());
}
