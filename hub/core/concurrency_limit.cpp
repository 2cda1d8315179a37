#include "hub/core/concurrency_limit.h"

#include "hub/core/error.h"

#include <algorithm>

namespace hub {

ConcurrencyLimit::Permit::~Permit() {
    if (limit_ != nullptr) limit_->leave();
}

ConcurrencyLimit::ConcurrencyLimit(std::size_t maxInside, std::chrono::milliseconds maxWait)
    : maxInside_(std::max<std::size_t>(maxInside, 1)), maxWait_(maxWait) {}

ConcurrencyLimit::Permit ConcurrencyLimit::enter(const std::string& what) {
    std::unique_lock lock(mutex_);
    if (!turn_.wait_for(lock, maxWait_, [&] { return inside_ < maxInside_; })) {
        // Those inside finish in well under a second each; a few seconds lets the queue drain.
        const auto waited = std::chrono::duration_cast<std::chrono::seconds>(maxWait_).count();
        const int retry = static_cast<int>(std::clamp<long long>(waited, 1, 10));
        throw Error(ErrorCode::Unavailable,
                    "the hub is busy with other " + what + "; try again in " + std::to_string(retry) + " seconds")
            .withRetryAfter(retry);
    }
    ++inside_;
    highWater_ = std::max(highWater_, inside_);
    return Permit(this);
}

void ConcurrencyLimit::leave() {
    {
        std::lock_guard lock(mutex_);
        --inside_;
    }
    turn_.notify_one();
}

std::size_t ConcurrencyLimit::inside() const {
    std::lock_guard lock(mutex_);
    return inside_;
}

std::size_t ConcurrencyLimit::mostInsideAtOnce() const {
    std::lock_guard lock(mutex_);
    return highWater_;
}

}  // namespace hub
