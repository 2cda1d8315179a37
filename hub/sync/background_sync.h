#pragma once
// Runs the sync off the caller's thread: the daemon's once-a-minute upkeep
// calls tick() (a run starts when the schedule wants one), the admin API calls
// runNow(). One run at a time; stop() cancels a run in progress (it gives up
// between objects, within a second of a request) and waits for it. Until the
// job runner of issue 15 lands this is the sync's scheduler; then its job
// calls SyncService::runOnce on the runner's thread and this goes away.
#include "hub/sync/sync_service.h"

#include <atomic>
#include <mutex>
#include <thread>

namespace hub::sync {

class BackgroundSync {
public:
    explicit BackgroundSync(SyncService& service) : service_(service) {}
    ~BackgroundSync();
    BackgroundSync(const BackgroundSync&) = delete;
    BackgroundSync& operator=(const BackgroundSync&) = delete;

    void tick();
    // false when a run is already in progress (here or in another process).
    bool runNow();
    void stop();
    bool running() const { return busy_.load(); }

private:
    bool start();

    SyncService& service_;
    std::mutex mutex_;  // guards thread_ and stopped_
    std::thread thread_;
    bool stopped_ = false;
    std::atomic<bool> busy_{false};
    std::atomic<bool> cancel_{false};
};

}  // namespace hub::sync
