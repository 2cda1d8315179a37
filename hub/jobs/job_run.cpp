#include "hub/jobs/job_run.h"

#include "hub/core/log.h"
#include "hub/jobs/job_lock.h"
#include "hub/store/job_repository.h"

#include <chrono>

namespace hub::jobs {
namespace {

// The detail column is for a person to read; a runaway error text is cut.
std::string shortened(std::string text) {
    constexpr std::size_t limit = 2000;
    if (text.size() > limit) text.resize(limit);
    return text;
}

void record(const JobEnvironment& env, const std::string& name, const char* outcome, const std::string& detail) {
    env.db.write([&](store::Connection& tx) {
        store::JobRepository(tx).finished(name, env.clock.now(), outcome, shortened(detail));
    });
}

}  // namespace

std::string runRecorded(const JobEnvironment& env, const Job& job, const CancelToken& cancel) {
    auto lock = JobLock::tryAcquire(jobLockFile(env.dataDir, job.name));
    if (!lock) throw JobBusy(job.name);
    const TimePoint started = env.clock.now();
    env.db.write([&](store::Connection& tx) { store::JobRepository(tx).started(job.name, started); });
    const auto tookMs = [&] {
        return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(env.clock.now() - started).count());
    };
    std::string report;
    try {
        report = job.run(cancel);
    } catch (const std::exception& e) {
        const bool cancelled = cancel.cancelled();
        record(env, job.name, cancelled ? kCancelled : kFailed, e.what());
        if (cancelled)
            log::info("jobs", job.name + ": cancelled at shutdown (" + e.what() + ")");
        else
            log::warning("jobs", job.name + ": failed after " + tookMs() + " ms: " + e.what());
        throw;
    }
    // A job that returns once cancelled may have stopped short: say so.
    const char* outcome = cancel.cancelled() ? kCancelled : kSucceeded;
    record(env, job.name, outcome, report);
    log::info("jobs", job.name + ": " + outcome + " in " + tookMs() + " ms" + (report.empty() ? "" : ": " + report));
    return report;
}

}  // namespace hub::jobs
