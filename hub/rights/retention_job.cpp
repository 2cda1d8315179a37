#include "hub/rights/retention_job.h"

namespace hub::rights {

jobs::Job retentionJob(RetentionService& retention, std::optional<RetentionReport>* lastReport) {
    jobs::Job job;
    job.name = kRetentionJobName;
    job.description = "anonymises records past the retention policy's period (docs/privacy.md)";
    job.schedule = [] { return jobs::Schedule::daily({30, 4 * 60}); };
    job.run = [&retention, lastReport](const jobs::CancelToken& cancel) -> std::string {
        // Stopped between records at shutdown: the run returns what it did and
        // jobs::runRecorded records it as cancelled (the window's next look
        // runs it again; the records not reached are still due).
        const RetentionReport report = retention.runRetention(cancel.flag());
        if (lastReport) *lastReport = report;
        if (!report.ran) return "automatic anonymisation is off";
        return "run " + std::to_string(report.run.id) + ": anonymised " + std::to_string(report.run.anonymised) +
               ", skipped " + std::to_string(report.run.skipped) +
               (report.run.detail.empty() ? "" : "\n" + report.run.detail);
    };
    return job;
}

}  // namespace hub::rights
