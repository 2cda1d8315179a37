#include "hub/sync/sync_job.h"

namespace hub::sync {

jobs::Job syncJob(SyncService& service, std::optional<RunReport>* lastReport) {
    jobs::Job job;
    job.name = kSyncJobName;
    job.description = "encrypted nightly copy of the clinic's records to the cloud store (docs/sync-format.md)";
    job.schedule = [&service] {
        const auto window = service.window();
        return window ? jobs::Schedule::daily(dailyWindow(*window)) : jobs::Schedule::onDemand();
    };
    job.run = [&service, lastReport](const jobs::CancelToken& cancel) {
        const RunReport report = service.runOnce(cancel.flag());
        if (lastReport) *lastReport = report;
        return "restore point " + std::to_string(report.sequence) + " (" + (report.full ? "full copy, " : "changes, ") +
               std::to_string(report.bytesUploaded) + " bytes in " + std::to_string(report.objectsUploaded) +
               " objects)" + (report.warning.empty() ? "" : "; warning: " + report.warning);
    };
    return job;
}

}  // namespace hub::sync
