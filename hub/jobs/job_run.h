#pragma once
// One run of a job in the calling thread: under the job's lock (so a run in
// another process, the CLI's or the daemon's, cannot overlap it), recorded in
// the database (start, end, outcome, report or error) and logged. The runner
// calls it on its threads; `clinic-hub sync now` calls it directly.
#include "hub/core/error.h"
#include "hub/jobs/job.h"
#include "hub/store/database.h"
#include "hub/store/job_repository.h"

#include <chrono>
#include <filesystem>
#include <optional>

namespace hub::jobs {

struct JobEnvironment {
    store::Database& db;
    const Clock& clock;
    std::filesystem::path dataDir;  // where <data>/jobs/<name>.lock lives
};

// Another run of the job holds its lock (this process or another). 409.
class JobBusy : public Error {
public:
    explicit JobBusy(const std::string& job)
        : Error(ErrorCode::Conflict, "the job '" + job + "' is already running (in the hub or from the command line)") {}
};

// The outcomes kept in job_runs.outcome.
inline constexpr const char* kSucceeded = "succeeded";
inline constexpr const char* kFailed = "failed";
inline constexpr const char* kCancelled = "cancelled";
inline constexpr const char* kRunning = "running";
// Shown, never stored: a "running" record whose lock nobody holds (its process died).
inline constexpr const char* kInterrupted = "interrupted";

// Runs the job once. Returns its report; throws JobBusy without running it,
// or, after recording the failure (or the cancellation: a run that ends, or
// throws, once the token is cancelled), the job's own exception. The job is
// marked running in job_runs at its start and its end is recorded: for daily
// and on-demand jobs, whose record tells the schedule after a restart that
// tonight's run happened, and which run rarely.
std::string runRecorded(const JobEnvironment& env, const Job& job, const CancelToken& cancel);

// An unchanged record this old is written again, so `clinic-hub status` (which
// reads only the database) still sees an idle hub's runner at work.
inline constexpr std::chrono::minutes kUnchangedRecordRefresh{60};

// The same, for an interval job (the runner's upkeep, every minute or few): a
// run is written to job_runs only when it changes what the row says - another
// outcome or report, any failure or cancellation - or the row is older than
// kUnchangedRecordRefresh; then in one transaction, with no "running" mark
// before it. At rest the upkeep jobs find the same thing every time, and each
// write is an fsync on the SD card. Returns the run when it was not written
// (the row holds an older run with the same outcome and report), for the
// runner to keep in memory; nullopt when job_runs holds it. Throws as runRecorded.
std::optional<store::JobRunRecord> runRecordingChanges(const JobEnvironment& env, const Job& job,
                                                       const CancelToken& cancel);

}  // namespace hub::jobs
