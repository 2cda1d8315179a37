#pragma once
// The nightly cloud sync as a job of the runner (hub/jobs): "sync", daily in
// the sync's window while it is set up (on demand until then), its work
// SyncService::runOnce with the runner's cancel token. The daemon registers it;
// `clinic-hub sync now` runs the same job through jobs::runRecorded, so the
// two never overlap and both runs appear in the job's record.
#include "hub/jobs/job.h"
#include "hub/sync/sync_service.h"

#include <optional>

namespace hub::sync {

inline constexpr const char* kSyncJobName = "sync";

// lastReport, when given, receives each run's report (the CLI prints it).
jobs::Job syncJob(SyncService& service, std::optional<RunReport>* lastReport = nullptr);

}  // namespace hub::sync
