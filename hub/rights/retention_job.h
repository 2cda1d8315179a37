#pragma once
// Retention as a job of the runner (hub/jobs): "retention", nightly at
// 00:30-04:00 clinic time (before the sync's default window, so a night's
// anonymisations reach the cloud copy the same night). Its report is the
// run's detail in listJobs and `clinic-hub status`. The daemon registers it;
// `clinic-hub retention run` runs the same job through jobs::runRecorded, so
// the two never overlap.
#include "hub/jobs/job.h"
#include "hub/rights/retention_service.h"

#include <optional>

namespace hub::rights {

inline constexpr const char* kRetentionJobName = "retention";

// lastReport, when given, receives each run's report (the CLI prints it).
jobs::Job retentionJob(RetentionService& retention, std::optional<RetentionReport>* lastReport = nullptr);

}  // namespace hub::rights
