#pragma once
// Slows down password guessing. Failures are counted per account and per client
// address; once either reaches its limit within the window, further attempts
// are refused (HTTP 429 with Retry-After) for a lock-out that starts at 30 s
// and doubles with each further failure, up to 15 minutes. In memory only: a
// restart forgets it, which costs an attacker a reboot per few guesses.
#include "hub/core/clock.h"

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hub::auth {

struct ThrottlePolicy {
    int accountFailures = 5;    // consecutive failures on one username
    int addressFailures = 20;   // failures from one client address, any username
    Seconds window{15 * 60};    // failures older than this are forgotten
    Seconds firstLockout{30};
    Seconds maxLockout{15 * 60};
    std::size_t maxEntries = 10'000;  // per kind; the oldest are evicted beyond it
};

// Thread-safe.
class LoginThrottle {
public:
    explicit LoginThrottle(const Clock& clock, ThrottlePolicy policy = {});

    // Throws Error(TooManyRequests).withRetryAfter(seconds) while the account
    // or the address is locked out.
    void check(std::string_view username, std::string_view clientAddress) const;
    void recordFailure(std::string_view username, std::string_view clientAddress);
    // Clears the account's failures. The address keeps its count: a valid
    // login of one's own must not reset a guessing run against other accounts.
    void recordSuccess(std::string_view username);

    std::size_t trackedAccounts() const;
    std::size_t trackedAddresses() const;

private:
    struct Entry {
        int failures = 0;
        TimePoint lastFailure{};
        TimePoint lockedUntil{};
    };
    using Table = std::unordered_map<std::string, Entry>;

    void fail(Table& table, std::string key, int limit, std::string_view what, std::string_view who);
    void makeRoom(Table& table, TimePoint now);  // REQUIRES: mutex_ held

    const Clock& clock_;
    ThrottlePolicy policy_;
    mutable std::mutex mutex_;
    Table accounts_;   // REQUIRES: mutex_ held
    Table addresses_;  // REQUIRES: mutex_ held
};

}  // namespace hub::auth
