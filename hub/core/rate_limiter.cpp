#include "hub/core/rate_limiter.h"

#include "hub/core/error.h"

#include <algorithm>
#include <cmath>

namespace hub {
namespace {

// Keys are bounded so that odd client addresses cannot eat memory.
constexpr std::size_t maxKeyBytes = 64;
std::string keyOf(std::string_view s) { return std::string(s.substr(0, maxKeyBytes)); }

}  // namespace

RateLimiter::RateLimiter(const Clock& clock, RateLimit limit) : clock_(clock), limit_(limit) {}

double RateLimiter::level(const Bucket& b, TimePoint now) const {
    const double elapsed = std::chrono::duration<double>(now - b.updated).count();
    return std::min(limit_.burst, b.tokens + std::max(elapsed, 0.0) * limit_.refill);
}

void RateLimiter::refuse(double tokens, std::string_view what) const {
    const int wait = std::max(1, static_cast<int>(std::ceil((1.0 - tokens) / limit_.refill)));
    throw Error(ErrorCode::TooManyRequests,
                "too many " + std::string(what) + "; try again in " + std::to_string(wait) + " seconds")
        .withRetryAfter(wait);
}

void RateLimiter::take(std::string_view key, std::string_view what) {
    const TimePoint now = clock_.now();
    std::lock_guard lock(mutex_);
    auto it = buckets_.find(keyOf(key));
    if (it == buckets_.end()) {
        makeRoom(now);
        it = buckets_.emplace(keyOf(key), Bucket{limit_.burst, now}).first;
    }
    Bucket& b = it->second;
    b.tokens = level(b, now);
    b.updated = now;
    if (b.tokens < 1.0) refuse(b.tokens, what);
    b.tokens -= 1.0;
}

void RateLimiter::check(std::string_view key, std::string_view what) const {
    const TimePoint now = clock_.now();
    std::lock_guard lock(mutex_);
    const auto it = buckets_.find(keyOf(key));
    if (it == buckets_.end()) return;
    const double tokens = level(it->second, now);
    if (tokens < 1.0) refuse(tokens, what);
}

void RateLimiter::makeRoom(TimePoint now) {
    if (buckets_.size() < limit_.maxKeys) return;
    // A bucket that has refilled completely says nothing a fresh one would not.
    std::erase_if(buckets_, [&](const auto& kv) { return level(kv.second, now) >= limit_.burst; });
    if (buckets_.size() < limit_.maxKeys) return;
    auto fullest = std::max_element(buckets_.begin(), buckets_.end(), [&](const auto& a, const auto& b) {
        return level(a.second, now) < level(b.second, now);
    });
    buckets_.erase(fullest);
}

std::size_t RateLimiter::trackedKeys() const {
    std::lock_guard lock(mutex_);
    return buckets_.size();
}

}  // namespace hub
