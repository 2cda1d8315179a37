#pragma once
// How the job runner tells a running job to stop (at shutdown). A job checks
// cancelled() between steps of its work, or pauses with waitFor(), which
// returns early when the runner cancels.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace hub::jobs {

class CancelToken {
public:
    bool cancelled() const { return flag_.load(); }
    void cancel();
    // Waits for `d` of real time or until cancelled; true when cancelled.
    bool waitFor(std::chrono::milliseconds d) const;
    // For code that takes the flag itself (SyncService::runOnce, the S3 client).
    const std::atomic<bool>* flag() const { return &flag_; }

private:
    std::atomic<bool> flag_{false};
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
};

}  // namespace hub::jobs
