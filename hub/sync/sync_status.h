#pragma once
// The outcome of the last runs (<data>/sync/status.json), written by whichever
// process ran (the daemon or `clinic-hub sync now`) and read by the admin API,
// /healthz and `clinic-hub sync status`.
#include "hub/core/clock.h"
#include "hub/sync/sync_settings.h"

#include <cstdint>
#include <optional>
#include <string>

namespace hub::sync {

struct RunReport {
    std::uint64_t sequence = 0;
    bool full = false;
    std::uint64_t bytesUploaded = 0;
    std::uint64_t objectsUploaded = 0;
    std::uint64_t plainBytes = 0;  // the database copy's or the changeset's size before compression
    std::chrono::milliseconds duration{0};
    TimePoint finishedAt{};
    std::uint64_t objectsPruned = 0;
    std::string warning;  // e.g. pruning failed after the restore point was committed
};

struct SyncStatus {
    TimePoint configuredAt{};
    std::optional<TimePoint> lastAttemptAt;
    std::optional<RunReport> lastSuccess;
    std::optional<TimePoint> lastFailureAt;
    std::string lastError;        // "" after a success
    int consecutiveFailures = 0;
};

SyncStatus loadStatus(const SyncPaths& paths);  // an empty status when there is none
void saveStatus(const SyncPaths& paths, const SyncStatus& status);

}  // namespace hub::sync
