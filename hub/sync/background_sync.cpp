#include "hub/sync/background_sync.h"

#include "hub/core/log.h"
#include "hub/sync/sync_lock.h"

namespace hub::sync {

BackgroundSync::~BackgroundSync() { stop(); }

void BackgroundSync::tick() {
    try {
        if (!busy_.load() && service_.due()) start();
    } catch (const std::exception& e) {
        log::error("sync", std::string("cannot decide whether to sync: ") + e.what());
    }
}

bool BackgroundSync::runNow() {
    if (busy_.load() || syncRunInProgress(service_.paths().lock())) return false;
    return start();
}

bool BackgroundSync::start() {
    std::lock_guard lock(mutex_);
    if (stopped_ || busy_.exchange(true)) return false;
    if (thread_.joinable()) thread_.join();  // the last run's thread has finished
    thread_ = std::thread([this] {
        try {
            service_.runOnce(&cancel_);
        } catch (const std::exception&) {
            // Recorded in the status and logged by runOnce; the schedule retries.
        }
        busy_.store(false);
    });
    return true;
}

void BackgroundSync::stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    cancel_.store(true);
    if (thread_.joinable()) thread_.join();
}

}  // namespace hub::sync
