#include "hub/jobs/job_runner.h"

#include "hub/core/log.h"
#include "hub/jobs/job_lock.h"

namespace hub::jobs {

JobRunner::JobRunner(JobEnvironment env, std::function<std::string()> clinicTimezone)
    : env_(std::move(env)), clinicTimezone_(std::move(clinicTimezone)) {}

JobRunner::~JobRunner() { stop(); }

void JobRunner::add(Job job) {
    std::lock_guard lock(mutex_);
    for (const auto& s : slots_)
        if (s.job.name == job.name) throw Error(ErrorCode::Internal, "two jobs named " + job.name);
    slots_.push_back(Slot{std::move(job), false, {}, std::nullopt});
}

void JobRunner::start(std::chrono::milliseconds lookEvery) {
    std::lock_guard lock(mutex_);
    if (stopped_ || scheduler_.joinable()) return;
    scheduler_ = std::thread([this, lookEvery] {
        std::unique_lock wait(mutex_);
        while (!stopped_) {
            wait.unlock();
            tick();
            wait.lock();
            changed_.wait_for(wait, lookEvery, [this] { return stopped_ || nudged_; });
            nudged_ = false;
        }
    });
}

void JobRunner::nudge() {
    {
        std::lock_guard lock(mutex_);
        nudged_ = true;
    }
    changed_.notify_all();
}

void JobRunner::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopped_ && !scheduler_.joinable()) return;
        stopped_ = true;
    }
    cancel_.cancel();
    changed_.notify_all();
    if (scheduler_.joinable()) scheduler_.join();
    waitIdle();
    std::lock_guard lock(mutex_);
    for (auto& s : slots_)
        if (s.thread.joinable()) s.thread.join();
}

JobRunner::Slot* JobRunner::find(std::string_view name) {
    for (auto& s : slots_)
        if (s.job.name == name) return &s;
    return nullptr;
}

PastRuns JobRunner::pastRuns(const std::optional<store::JobRunRecord>& r) const {
    PastRuns past;
    if (!r) return past;
    past.lastStart = r->startedAt;
    past.lastSuccess = r->lastSuccessAt;
    if (r->outcome == kFailed) past.lastFailure = r->finishedAt;
    past.consecutiveFailures = r->consecutiveFailures;
    return past;
}

std::optional<store::JobRunRecord> JobRunner::latestRun(const Slot& slot,
                                                      const std::map<std::string, store::JobRunRecord>& records) {
    const auto it = records.find(slot.job.name);
    std::optional<store::JobRunRecord> recorded =
        it == records.end() ? std::nullopt : std::optional(it->second);
    // Another process may have run the job since (it writes every run it makes).
    if (slot.unwritten && (!recorded || slot.unwritten->startedAt >= recorded->startedAt)) return slot.unwritten;
    return recorded;
}

void JobRunner::tick() {
    // The records first, outside the lock: another process may have run a job.
    std::map<std::string, store::JobRunRecord> records;
    try {
        for (auto& r : env_.db.read([](store::Connection& c) { return store::JobRepository(c).list(); }))
            records.emplace(r.name, std::move(r));
    } catch (const std::exception& e) {
        log::error("jobs", std::string("cannot read the jobs' last runs: ") + e.what());
        return;
    }
    const TimePoint now = env_.clock.now();
    std::string timezone;
    try {
        timezone = clinicTimezone_();
    } catch (const std::exception& e) {
        log::error("jobs", std::string("cannot read the clinic's timezone: ") + e.what());
        return;
    }
    std::lock_guard lock(mutex_);
    for (auto& slot : slots_) {
        if (stopped_) return;
        if (slot.running) continue;
        try {
            const auto next = slot.job.schedule().nextRun(now, timezone, pastRuns(latestRun(slot, records)));
            if (next && *next <= now) launch(slot);
        } catch (const std::exception& e) {
            // One job's broken schedule must not stop the others.
            log::error("jobs", slot.job.name + ": cannot decide whether to run: " + e.what());
        }
    }
}

void JobRunner::launch(Slot& slot) {
    if (slot.thread.joinable()) slot.thread.join();  // the last run's thread has finished
    slot.running = true;
    const bool changesOnly = slot.job.schedule().kind() == Schedule::Kind::Interval;
    slot.thread = std::thread([this, &slot, changesOnly] {
        std::optional<store::JobRunRecord> unwritten;
        bool ran = false;
        try {
            if (changesOnly)
                unwritten = runRecordingChanges(env_, slot.job, cancel_);
            else
                runRecorded(env_, slot.job, cancel_);
            ran = true;
        } catch (const JobBusy&) {
            log::info("jobs", slot.job.name + ": not started, a run from another process holds its lock");
        } catch (const std::exception&) {
            ran = true;  // recorded and logged; the schedule decides when to try again
        }
        {
            std::lock_guard lock(mutex_);
            slot.running = false;
            if (ran) slot.unwritten = std::move(unwritten);  // none: job_runs holds this run
        }
        changed_.notify_all();
    });
}

JobRunner::Start JobRunner::runNow(std::string_view name) {
    std::lock_guard lock(mutex_);
    Slot* slot = find(name);
    if (!slot) return Start::UnknownJob;
    if (stopped_) return Start::Stopped;
    if (slot->running || jobLockHeld(jobLockFile(env_.dataDir, name))) return Start::AlreadyRunning;
    launch(*slot);
    return Start::Started;
}

void JobRunner::waitIdle() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] {
        for (const auto& s : slots_)
            if (s.running) return false;
        return true;
    });
}

std::string shownOutcome(const store::JobRunRecord& record, bool running) {
    if (record.outcome == kRunning && !running) return kInterrupted;
    return record.outcome;
}

std::vector<JobView> JobRunner::list() const {
    std::map<std::string, store::JobRunRecord> records;
    for (auto& r : env_.db.read([](store::Connection& c) { return store::JobRepository(c).list(); }))
        records.emplace(r.name, std::move(r));
    const TimePoint now = env_.clock.now();
    const std::string timezone = clinicTimezone_();
    std::vector<JobView> out;
    std::lock_guard lock(mutex_);
    for (const auto& slot : slots_) {
        JobView v;
        v.name = slot.job.name;
        v.description = slot.job.description;
        const Schedule schedule = slot.job.schedule();
        v.schedule = schedule.describe();
        v.running = slot.running || jobLockHeld(jobLockFile(env_.dataDir, slot.job.name));
        if (auto last = latestRun(slot, records)) {
            v.last = std::move(last);
            v.last->outcome = shownOutcome(*v.last, v.running);
        }
        if (!v.running) v.nextRun = schedule.nextRun(now, timezone, pastRuns(v.last));
        out.push_back(std::move(v));
    }
    return out;
}

}  // namespace hub::jobs
