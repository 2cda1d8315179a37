#pragma once
// The sync as the rest of the hub uses it: one run now (runOnce, the work of
// the "sync" job, which the daemon's job runner and `clinic-hub sync now` run
// through jobs::runRecorded: sync_job.h), the settings, and the status with the
// schedule's view of it. Everything lives in the data directory, so the daemon
// and the CLI see the same state; the job's lock keeps their runs from overlapping.
#include "hub/core/clock.h"
#include "hub/core/random.h"
#include "hub/sync/sealed_object.h"
#include "hub/sync/sync_schedule.h"
#include "hub/sync/sync_settings.h"
#include "hub/sync/sync_status.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>

namespace hub::sync {

// Absent fields stay as they are.
struct SettingsChange {
    std::optional<std::string> endpoint, bucket, prefix, region, caFile, accessKeyId, secretKey, window;
    std::optional<bool> pathStyle;
    std::optional<int> retentionDaily, retentionWeekly, retentionMonthly, fullEveryDays;
    std::optional<long long> bandwidthLimitKiBps;
};

struct StatusView {
    bool configured = false;
    bool running = false;            // a run holds the lock now (this process or another)
    SyncStatus status;
    std::optional<TimePoint> nextRun;
    int missedNights = 0;
    bool overdue = false;            // missedNights >= SyncSchedule::kOverdueNights
};

// The data key and its wrapped form, as `sync init` left them in the data directory.
struct LocalKeys {
    DataKey key;
    std::string wrapped;
};
LocalKeys loadLocalKeys(const SyncPaths& paths);
void saveLocalKeys(const SyncPaths& paths, const DataKey& key, const std::string& wrapped);

class SyncService {
public:
    // clinicTimezone is asked each time the schedule is consulted (an admin
    // may change the clinic's timezone while the hub runs).
    // random: the injected source (SystemRandom in the daemon and the CLI).
    SyncService(std::filesystem::path dataDir, const Clock& clock, Random& random,
                std::function<std::string()> clinicTimezone);

    bool configured() const;

    // One run in the calling thread, recorded in the status either way.
    // REQUIRES: the sync job's lock held (run it as the job: sync_job.h).
    // Throws SyncError: NotConfigured, Cancelled (cancel was set), or what the run met.
    RunReport runOnce(const std::atomic<bool>* cancel = nullptr);

    SyncSettings settings() const;  // SyncError(NotConfigured) when not set up
    // Validates (Error(InvalidInput) naming the field) and saves; the next run uses it.
    SyncSettings updateSettings(const SettingsChange& change);

    StatusView status() const;
    // For /healthz: sync is set up and has missed kOverdueNights nights or more.
    bool syncOverdue() const;
    const SyncPaths& paths() const { return paths_; }
    // The nightly window while sync is set up (the job runner's schedule).
    std::optional<SyncWindow> window() const;

private:
    SyncSchedule schedule(const SyncSettings& settings) const;

    SyncPaths paths_;
    const Clock& clock_;
    Random& random_;
    std::function<std::string()> clinicTimezone_;
};

}  // namespace hub::sync
