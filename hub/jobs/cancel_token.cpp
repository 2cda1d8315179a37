#include "hub/jobs/cancel_token.h"

namespace hub::jobs {

void CancelToken::cancel() {
    {
        std::lock_guard lock(mutex_);
        flag_.store(true);
    }
    changed_.notify_all();
}

bool CancelToken::waitFor(std::chrono::milliseconds d) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, d, [this] { return flag_.load(); });
}

}  // namespace hub::jobs
