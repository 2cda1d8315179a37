#pragma once
// A token bucket per key (a client address, a session): each key may spend
// `burst` requests at once and earns them back at `refill` per second. Used
// where a public endpoint must not be hammered or searched by guessing (the
// patient's tracking link) and where bulk reads must stay slow (patient
// search per session). In memory only, bounded in size, thread-safe.
#include "hub/core/clock.h"

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hub {

struct RateLimit {
    double burst = 60;    // requests a quiet key may make at once
    double refill = 1;    // requests earned back per second
    std::size_t maxKeys = 10'000;  // the fullest (quietest) buckets are forgotten beyond it
};

class RateLimiter {
public:
    RateLimiter(const Clock& clock, RateLimit limit);

    // Spends one request of key's bucket, or throws
    // Error(TooManyRequests).withRetryAfter(seconds until one is earned back);
    // `what` names the limit in the message ("tracking requests from this address").
    void take(std::string_view key, std::string_view what);
    // Like take() but only checks: throws when key's bucket is empty.
    void check(std::string_view key, std::string_view what) const;

    std::size_t trackedKeys() const;

private:
    struct Bucket {
        double tokens = 0;
        TimePoint updated{};
    };
    double level(const Bucket& b, TimePoint now) const;
    [[noreturn]] void refuse(double tokens, std::string_view what) const;
    void makeRoom(TimePoint now);  // REQUIRES: mutex_ held

    const Clock& clock_;
    RateLimit limit_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;  // REQUIRES: mutex_ held
};

}  // namespace hub
