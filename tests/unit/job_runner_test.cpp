// The job runner on an injected clock and a real database: what runs when,
// one run at a time (in this process and across processes), cancellation at
// shutdown, and failures recorded without stopping the next run.
#include "hub/jobs/job_lock.h"
#include "hub/jobs/job_runner.h"
#include "hub/store/database.h"
#include "hub/store/job_repository.h"

#include "store_test_support.h"
#include "support/catch.h"
#include "support/clinic_time.h"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

using namespace hub;
using namespace hub::jobs;
using namespace std::chrono_literals;
using hub::testing::dhaka;

namespace {


// A gate a test opens when it wants a blocked job to go on.
class Gate {
public:
    void open() {
        {
            std::lock_guard lock(mutex_);
            open_ = true;
        }
        changed_.notify_all();
    }
    void wait() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return open_; });
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    bool open_ = false;
};

struct World {
    testing::TempDir dir;
    std::unique_ptr<store::Database> db = store::Database::open(dir.file("clinic-hub.db"));
    ManualClock clock{dhaka(0, 9)};
    std::string zone = "Asia/Dhaka";
    JobRunner runner{JobEnvironment{*db, clock, dir.path()}, [this] { return zone; }};

    std::optional<store::JobRunRecord> record(const std::string& name) {
        return db->read([&](store::Connection& c) { return store::JobRepository(c).find(name); });
    }
};

Job counting(std::string name, Schedule schedule, std::atomic<int>& runs) {
    return Job{std::move(name), "counts its runs", [schedule] { return schedule; },
               [&runs](const CancelToken&) { return "run " + std::to_string(++runs); }};
}

}  // namespace

TEST_CASE("a daily job runs once per night across midnight in the clinic's timezone", "[jobs][runner]") {
    for (const std::string zone : {"Asia/Dhaka", "Asia/Kolkata"}) {
        INFO(zone);
        World w;
        w.zone = zone;
        const auto offset = zone == "Asia/Kolkata" ? 30min : 0min;  // Kolkata's midnight is 30 min later
        std::atomic<int> runs = 0;
        w.runner.add(counting("nightly", Schedule::daily({23 * 60, 1 * 60}), runs));  // 23:00-01:00

        w.clock.set(dhaka(0, 22, 59) + offset);
        w.runner.tick();
        w.runner.waitIdle();
        CHECK(runs == 0);

        w.clock.set(dhaka(0, 23, 0) + offset);
        w.runner.tick();
        w.runner.waitIdle();
        CHECK(runs == 1);
        const auto first = w.record("nightly");
        REQUIRE(first);
        CHECK(first->outcome == "succeeded");
        CHECK(first->detail == "run 1");
        CHECK(first->startedAt == dhaka(0, 23) + offset);

        // After the clinic's midnight, still the same night's window: no second run.
        for (const auto t : {dhaka(0, 23, 30), dhaka(1, 0, 0), dhaka(1, 0, 59), dhaka(1, 12, 0)}) {
            w.clock.set(t + offset);
            w.runner.tick();
            w.runner.waitIdle();
        }
        CHECK(runs == 1);

        w.clock.set(dhaka(1, 23, 0) + offset);
        w.runner.tick();
        w.runner.waitIdle();
        CHECK(runs == 2);
    }
}

TEST_CASE("an interval job runs every period, an on-demand job only when asked", "[jobs][runner]") {
    World w;
    std::atomic<int> every = 0, onDemand = 0;
    w.runner.add(counting("every-ten", Schedule::every(10min), every));
    w.runner.add(counting("by-hand", Schedule::onDemand(), onDemand));

    w.runner.tick();
    w.runner.waitIdle();
    CHECK(every == 1);
    w.clock.advance(9min);
    w.runner.tick();
    w.runner.waitIdle();
    CHECK(every == 1);
    w.clock.advance(1min);
    w.runner.tick();
    w.runner.waitIdle();
    CHECK(every == 2);
    CHECK(onDemand == 0);

    CHECK(w.runner.runNow("by-hand") == JobRunner::Start::Started);
    w.runner.waitIdle();
    CHECK(onDemand == 1);
    CHECK(w.runner.runNow("no-such-job") == JobRunner::Start::UnknownJob);

    const auto jobs = w.runner.list();
    REQUIRE(jobs.size() == 2);
    CHECK(jobs[0].name == "every-ten");
    CHECK(jobs[0].schedule == "every 600 s");
    REQUIRE(jobs[0].nextRun);
    CHECK(*jobs[0].nextRun == w.clock.now() + 10min);
    CHECK(jobs[1].name == "by-hand");
    CHECK_FALSE(jobs[1].nextRun);
    REQUIRE(jobs[1].last);
    CHECK(jobs[1].last->outcome == "succeeded");
}

TEST_CASE("one run at a time per job", "[jobs][runner]") {
    World w;
    Gate release;
    std::atomic<int> started = 0;
    w.runner.add(Job{"slow", "waits for the test", [] { return Schedule::every(1min); },
                     [&](const CancelToken&) {
                         ++started;
                         release.wait();
                         return std::string("done");
                     }});
    w.runner.tick();
    // Due again and asked for again while the first run is in progress: nothing more starts.
    w.clock.advance(5min);
    w.runner.tick();
    CHECK(w.runner.runNow("slow") == JobRunner::Start::AlreadyRunning);
    const auto during = w.runner.list();
    REQUIRE(during.size() == 1);
    CHECK(during[0].running);
    release.open();
    w.runner.waitIdle();
    CHECK(started == 1);
    CHECK(w.record("slow")->outcome == "succeeded");
}

TEST_CASE("shutdown cancels a running job and records it as cancelled", "[jobs][runner]") {
    World w;
    std::atomic<bool> sawCancel = false;
    Gate running;
    w.runner.add(Job{"long", "works until cancelled", [] { return Schedule::onDemand(); },
                     [&](const CancelToken& cancel) -> std::string {
                         running.open();
                         // Real work checks the token between steps; this waits on it.
                         if (cancel.waitFor(std::chrono::hours(1))) {
                             sawCancel = true;
                             throw Error(ErrorCode::Unavailable, "stopped between steps");
                         }
                         return "finished";
                     }});
    REQUIRE(w.runner.runNow("long") == JobRunner::Start::Started);
    running.wait();
    CHECK(w.record("long")->outcome == "running");
    w.runner.stop();
    CHECK(sawCancel);
    const auto r = w.record("long");
    REQUIRE(r);
    CHECK(r->outcome == "cancelled");
    CHECK(r->detail == "stopped between steps");
    REQUIRE(r->finishedAt);
    CHECK(r->consecutiveFailures == 0);  // a shutdown is not the job's failure
    // Nothing starts after stop().
    CHECK(w.runner.runNow("long") == JobRunner::Start::Stopped);
}

TEST_CASE("a failing job records its error and the next run still happens", "[jobs][runner]") {
    World w;
    std::atomic<int> runs = 0;
    w.runner.add(Job{"flaky", "fails the first time", [] { return Schedule::every(1min); },
                     [&](const CancelToken&) -> std::string {
                         if (++runs == 1) throw Error(ErrorCode::Unavailable, "the printer is out of paper");
                         return "printed";
                     }});
    w.runner.tick();
    w.runner.waitIdle();
    auto r = w.record("flaky");
    REQUIRE(r);
    CHECK(r->outcome == "failed");
    CHECK(r->detail == "the printer is out of paper");
    CHECK(r->consecutiveFailures == 1);
    CHECK_FALSE(r->lastSuccessAt);

    w.clock.advance(1min);
    w.runner.tick();
    w.runner.waitIdle();
    r = w.record("flaky");
    CHECK(runs == 2);
    CHECK(r->outcome == "succeeded");
    CHECK(r->detail == "printed");
    CHECK(r->consecutiveFailures == 0);
    REQUIRE(r->lastSuccessAt);
    CHECK(*r->lastSuccessAt == w.clock.now());
}

TEST_CASE("a failed daily job is retried inside its window after the backoff", "[jobs][runner]") {
    World w;
    std::atomic<int> runs = 0;
    w.runner.add(Job{"nightly", "fails once", [] { return Schedule::daily({60, 5 * 60}); },
                     [&](const CancelToken&) -> std::string {
                         if (++runs == 1) throw Error(ErrorCode::Unavailable, "the cloud is unreachable");
                         return "uploaded";
                     }});
    w.clock.set(dhaka(1, 1));
    w.runner.tick();
    w.runner.waitIdle();
    w.clock.set(dhaka(1, 1, 4));
    w.runner.tick();
    w.runner.waitIdle();
    CHECK(runs == 1);  // backoff: 5 minutes after the first failure
    w.clock.set(dhaka(1, 1, 5));
    w.runner.tick();
    w.runner.waitIdle();
    CHECK(runs == 2);
    CHECK(w.record("nightly")->outcome == "succeeded");
}

TEST_CASE("a run in another process holds the job: none starts here until it ends", "[jobs][runner][lock]") {
    World w;
    std::atomic<int> runs = 0;
    w.runner.add(counting("sync", Schedule::every(1min), runs));
    const auto lockFile = jobLockFile(w.dir.path(), "sync");

    // A second process (the CLI's `sync now`) takes the job's lock and holds it until told.
    int ready[2], done[2];
    REQUIRE(::pipe(ready) == 0);
    REQUIRE(::pipe(done) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        auto lock = JobLock::tryAcquire(lockFile);
        const char state = lock ? 'L' : 'N';
        (void)!::write(ready[1], &state, 1);
        char ignored;
        (void)!::read(done[0], &ignored, 1);
        ::_exit(0);
    }
    char state = 0;
    REQUIRE(::read(ready[0], &state, 1) == 1);
    REQUIRE(state == 'L');

    CHECK(jobLockHeld(lockFile));
    CHECK(w.runner.runNow("sync") == JobRunner::Start::AlreadyRunning);
    CHECK_THROWS_AS(runRecorded(JobEnvironment{*w.db, w.clock, w.dir.path()},
                                counting("sync", Schedule::onDemand(), runs), CancelToken{}),
                    JobBusy);
    w.runner.tick();  // due, but the lock is taken: the run gives way
    w.runner.waitIdle();
    CHECK(runs == 0);
    CHECK_FALSE(w.record("sync"));  // a run that never started records nothing
    REQUIRE(w.runner.list().size() == 1);
    CHECK(w.runner.list()[0].running);

    (void)!::write(done[1], "x", 1);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    for (int fd : {ready[0], ready[1], done[0], done[1]}) ::close(fd);

    CHECK_FALSE(jobLockHeld(lockFile));
    w.runner.tick();
    w.runner.waitIdle();
    CHECK(runs == 1);
}

TEST_CASE("a run whose process died shows as interrupted, and the job runs again", "[jobs][runner]") {
    World w;
    w.db->write([&](store::Connection& tx) { store::JobRepository(tx).started("sync", dhaka(0, 2)); });
    std::atomic<int> runs = 0;
    w.runner.add(counting("sync", Schedule::every(1min), runs));
    const auto before = w.runner.list();
    REQUIRE(before.size() == 1);
    CHECK_FALSE(before[0].running);
    REQUIRE(before[0].last);
    CHECK(before[0].last->outcome == "interrupted");
    w.runner.tick();
    w.runner.waitIdle();
    CHECK(runs == 1);
}

TEST_CASE("an interval job's unchanged runs are not written, a change, a failure or an hour old row is, and listJobs sees every run",
          "[jobs][runner][quiet]") {
    World w;
    std::mutex mutex;
    std::string says = "ok";
    std::atomic<int> runs = 0;
    std::atomic<bool> fail = false;
    w.runner.add(Job{"disk-check", "says what it finds", [] { return Schedule::every(1min); },
                     [&](const CancelToken&) -> std::string {
                         ++runs;
                         if (fail) throw Error(ErrorCode::Unavailable, "cannot stat the disk");
                         std::lock_guard lock(mutex);
                         return says;
                     }});
    const auto step = [&](std::chrono::seconds by) {
        w.clock.advance(by);
        w.runner.tick();
        w.runner.waitIdle();
    };
    const TimePoint first = w.clock.now();
    step(0s);
    REQUIRE(w.record("disk-check"));
    CHECK(w.record("disk-check")->startedAt == first);  // a first run is news

    // The same finding a minute later: it ran, the row did not change.
    step(1min);
    CHECK(runs == 2);
    CHECK(w.record("disk-check")->startedAt == first);
    // The runner knows: listJobs shows this run and schedules from it.
    auto listed = w.runner.list();
    REQUIRE(listed.size() == 1);
    REQUIRE(listed[0].last);
    CHECK(listed[0].last->startedAt == w.clock.now());
    CHECK(listed[0].last->outcome == "succeeded");
    CHECK(listed[0].last->detail == "ok");
    REQUIRE(listed[0].nextRun);
    CHECK(*listed[0].nextRun == w.clock.now() + 1min);
    step(30s);
    CHECK(runs == 2);  // not due again before its minute

    // A new finding is written.
    {
        std::lock_guard lock(mutex);
        says = "low";
    }
    step(30s);
    CHECK(runs == 3);
    CHECK(w.record("disk-check")->startedAt == w.clock.now());
    CHECK(w.record("disk-check")->detail == "low");

    // A failure always is, and so is the first success after it.
    fail = true;
    step(1min);
    CHECK(w.record("disk-check")->outcome == "failed");
    CHECK(w.record("disk-check")->consecutiveFailures == 1);
    fail = false;
    step(1min);
    CHECK(w.record("disk-check")->outcome == "succeeded");
    CHECK(w.record("disk-check")->consecutiveFailures == 0);
    const TimePoint written = w.clock.now();

    // The same finding for most of an hour writes nothing; then the row is refreshed.
    for (int minute = 1; minute < 60; ++minute) step(1min);
    CHECK(w.record("disk-check")->startedAt == written);
    step(1min);
    CHECK(w.record("disk-check")->startedAt == w.clock.now());
    CHECK(w.record("disk-check")->detail == "low");
}

TEST_CASE("an on-demand job writes every run, even one that says the same as the last", "[jobs][runner][quiet]") {
    World w;
    std::atomic<int> runs = 0;
    w.runner.add(Job{"same-report", "always says the same", [] { return Schedule::onDemand(); },
                     [&](const CancelToken&) -> std::string {
                         ++runs;
                         return "nothing to do";
                     }});
    REQUIRE(w.runner.runNow("same-report") == JobRunner::Start::Started);
    w.runner.waitIdle();
    w.clock.advance(1min);
    REQUIRE(w.runner.runNow("same-report") == JobRunner::Start::Started);
    w.runner.waitIdle();
    CHECK(runs == 2);
    CHECK(w.record("same-report")->startedAt == w.clock.now());
}
