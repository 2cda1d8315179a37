#include "hub/rights/retention_job.h"

namespace hub::rights {

jobs::Job retentionJob(RetentionService& retention, std::optional<RetentionReport>* lastReport) {
    jobs::Job job;
    job.name = kRetentionJobName;
    job.description = "anonymises records past the retention policy's period (docs/privacy.md)";
    job.schedule = [] { return jobs::Schedule::daily({30, 4 * 60}); };
    job.run = [&retention, lastReport](const jobs::CancelToken&) -> std::string {
        // runRetention works in batches of its own and is not cut short: a
        // night's anonymisation is a few hundred records at most.
        const RetentionReport report = retention.runRetention();
        if (lastReport) *lastReport = report;
        if (!report.ran) return "automatic anonymisation is off";
        return "run " + std::to_string(report.run.id) + ": anonymised " + std::to_string(report.run.anonymised) +
               ", skipped " + std::to_string(report.run.skipped) +
               (report.run.detail.empty() ? "" : "\n" + report.run.detail);
    };
    return job;
}

}  // namespace hub::rights
