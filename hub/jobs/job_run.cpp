#include "hub/jobs/job_run.h"

#include "hub/core/log.h"
#include "hub/jobs/job_lock.h"
#include "hub/store/job_repository.h"

#include <chrono>
#include <string_view>

namespace hub::jobs {
namespace {

// The detail column is for a person to read; a runaway error text is cut.
std::string shortened(std::string text) {
    constexpr std::size_t limit = 2000;
    if (text.size() > limit) text.resize(limit);
    return text;
}

enum class Recording { EveryRun, Changes };

// The run's record as job_runs would hold it after an unchanged success.
store::JobRunRecord unchangedRun(const std::string& name, TimePoint started, TimePoint finished, std::string detail) {
    return {name, started, finished, kSucceeded, std::move(detail), finished, 0};
}

// One run under the job's lock (runRecorded, runRecordingChanges). unwritten,
// for Recording::Changes: receives the run when it was not written.
std::string runAndRecord(const JobEnvironment& env, const Job& job, const CancelToken& cancel, Recording recording,
                         std::optional<store::JobRunRecord>* unwritten) {
    auto lock = JobLock::tryAcquire(jobLockFile(env.dataDir, job.name));
    if (!lock) throw JobBusy(job.name);
    const TimePoint started = env.clock.now();
    std::optional<store::JobRunRecord> before;
    if (recording == Recording::EveryRun)
        env.db.write([&](store::Connection& tx) { store::JobRepository(tx).started(job.name, started); });
    else
        before = env.db.read([&](store::Connection& c) { return store::JobRepository(c).find(job.name); });
    // The end of the run: its start too when it was not marked running.
    const auto record = [&](const char* outcome, const std::string& detail) {
        env.db.write([&](store::Connection& tx) {
            store::JobRepository repo(tx);
            if (recording == Recording::Changes) repo.started(job.name, started);
            repo.finished(job.name, env.clock.now(), outcome, shortened(detail));
        });
    };
    const auto tookMs = [&] {
        return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(env.clock.now() - started).count());
    };
    std::string report;
    try {
        report = job.run(cancel);
    } catch (const std::exception& e) {
        const bool cancelled = cancel.cancelled();
        record(cancelled ? kCancelled : kFailed, e.what());
        if (cancelled)
            log::info("jobs", job.name + ": cancelled at shutdown (" + e.what() + ")");
        else
            log::warning("jobs", job.name + ": failed after " + tookMs() + " ms: " + e.what());
        throw;
    }
    // A job that returns once cancelled may have stopped short: say so.
    const char* outcome = cancel.cancelled() ? kCancelled : kSucceeded;
    const bool unchanged = recording == Recording::Changes && outcome == std::string_view(kSucceeded) && before &&
                           before->outcome == kSucceeded && before->detail == shortened(report) &&
                           started >= before->startedAt && started - before->startedAt < kUnchangedRecordRefresh;
    if (unchanged) {
        // Nothing new to say; the log keeps quiet about routine upkeep as well.
        if (unwritten) *unwritten = unchangedRun(job.name, started, env.clock.now(), shortened(report));
        return report;
    }
    record(outcome, report);
    log::info("jobs", job.name + ": " + outcome + " in " + tookMs() + " ms" + (report.empty() ? "" : ": " + report));
    return report;
}

}  // namespace

std::string runRecorded(const JobEnvironment& env, const Job& job, const CancelToken& cancel) {
    return runAndRecord(env, job, cancel, Recording::EveryRun, nullptr);
}

std::optional<store::JobRunRecord> runRecordingChanges(const JobEnvironment& env, const Job& job,
                                                       const CancelToken& cancel) {
    std::optional<store::JobRunRecord> unwritten;
    runAndRecord(env, job, cancel, Recording::Changes, &unwritten);
    return unwritten;
}

}  // namespace hub::jobs
