#pragma once
// The hub's scheduler for background work. One thread of its own looks at the
// schedules (in the clinic's timezone, on the injected clock) and starts each
// due job on a thread of the job's own, so a long nightly sync never delays the
// midnight roll, and none of it runs on the thread that pings the systemd
// watchdog. One run at a time per job: here by a flag, across processes by the
// job's lock (job_lock.h). stop() cancels the runs in progress (their token)
// and waits for them; they are recorded as cancelled. Interval jobs record
// only runs that change their row (runRecordingChanges); the runner keeps the
// latest run in memory, so its schedule and listJobs see every run.
#include "hub/jobs/job.h"
#include "hub/jobs/job_run.h"
#include "hub/store/job_repository.h"

#include <condition_variable>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

namespace hub::jobs {

struct JobView {
    std::string name;
    std::string description;
    std::string schedule;                 // Schedule::describe()
    bool running = false;                 // a run holds the job's lock now (here or in another process)
    std::optional<store::JobRunRecord> last;  // outcome "interrupted" when its process died mid-run
    std::optional<TimePoint> nextRun;     // none for an on-demand job
};

class JobRunner {
public:
    // clinicTimezone is asked at each look at the schedules (an admin may change it).
    JobRunner(JobEnvironment env, std::function<std::string()> clinicTimezone);
    ~JobRunner();
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    // Before start(). Names are unique.
    void add(Job job);

    // Starts the scheduler thread, which calls tick() every `lookEvery` of real
    // time and when nudged. Tests do not start it: they move the clock and tick().
    void start(std::chrono::milliseconds lookEvery = std::chrono::seconds(15));
    // Asks the scheduler thread to look at the schedules now (SIGHUP).
    void nudge();
    // Cancels every run in progress, waits for them and the scheduler thread.
    // Nothing starts afterwards.
    void stop();

    // Starts every job that is due at the clock's now and not running.
    void tick();

    enum class Start { Started, AlreadyRunning, UnknownJob, Stopped };
    // An on-demand run (the admin's "sync now"), in the background.
    Start runNow(std::string_view name);

    // Every job with its last run (from the database) and its next run.
    std::vector<JobView> list() const;

    // Waits until no run started here is in progress (tests, and stop()).
    void waitIdle();

private:
    struct Slot {
        Job job;
        bool running = false;
        std::thread thread;
        // The latest run when job_runs holds an older one (an unchanged interval run).
        std::optional<store::JobRunRecord> unwritten;
    };

    Slot* find(std::string_view name);
    // REQUIRES: mutex_ held, slot not running.
    void launch(Slot& slot);
    PastRuns pastRuns(const std::optional<store::JobRunRecord>& record) const;
    // The job's latest run: the database's record, or the slot's unwritten run
    // when that is newer. REQUIRES: mutex_ held.
    static std::optional<store::JobRunRecord> latestRun(const Slot& slot,
                                                        const std::map<std::string, store::JobRunRecord>& records);

    JobEnvironment env_;
    std::function<std::string()> clinicTimezone_;
    CancelToken cancel_;  // one for all runs: shutdown cancels every one

    mutable std::mutex mutex_;  // guards slots_' state, stopped_, nudged_
    std::condition_variable changed_;
    std::list<Slot> slots_;     // a list: slots never move while their threads run
    bool stopped_ = false;
    bool nudged_ = false;
    std::thread scheduler_;
};

// The outcome a listing shows for a record: "running" with no process behind it
// (the lock is free) is "interrupted".
std::string shownOutcome(const store::JobRunRecord& record, bool running);

}  // namespace hub::jobs
