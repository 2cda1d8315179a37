#include "hub/auth/login_throttle.h"

#include "hub/core/error.h"
#include "hub/core/log.h"
#include "hub/domain/staff.h"

#include <algorithm>

namespace hub::auth {
namespace {

// Keys are bounded so that a flood of long usernames cannot eat memory.
constexpr std::size_t maxKeyBytes = 64;
std::string key(std::string_view s) { return std::string(s.substr(0, maxKeyBytes)); }

int secondsUntil(TimePoint now, TimePoint until) {
    const auto left = std::chrono::ceil<Seconds>(until - now).count();
    return static_cast<int>(std::max<long long>(left, 1));
}

}  // namespace

LoginThrottle::LoginThrottle(const Clock& clock, ThrottlePolicy policy) : clock_(clock), policy_(policy) {}

void LoginThrottle::check(std::string_view username, std::string_view clientAddress) const {
    const TimePoint now = clock_.now();
    std::lock_guard lock(mutex_);
    TimePoint until{};
    if (auto it = accounts_.find(key(username)); it != accounts_.end()) until = std::max(until, it->second.lockedUntil);
    if (auto it = addresses_.find(key(clientAddress)); it != addresses_.end())
        until = std::max(until, it->second.lockedUntil);
    if (now < until) {
        const int wait = secondsUntil(now, until);
        throw Error(ErrorCode::TooManyRequests,
                    "too many failed sign-ins; try again in " + std::to_string(wait) + " seconds")
            .withRetryAfter(wait);
    }
}

void LoginThrottle::recordFailure(std::string_view username, std::string_view clientAddress) {
    std::lock_guard lock(mutex_);
    // Only log usernames that could be real: anything else may be garbage or
    // a password typed into the wrong box.
    const std::string who = domain::checkUsername(username) ? "an invalid username" : "'" + std::string(username) + "'";
    fail(accounts_, key(username), policy_.accountFailures, "account", who);
    fail(addresses_, key(clientAddress), policy_.addressFailures, "address", std::string(clientAddress));
}

void LoginThrottle::recordSuccess(std::string_view username) {
    std::lock_guard lock(mutex_);
    accounts_.erase(key(username));
}

void LoginThrottle::fail(Table& table, std::string k, int limit, std::string_view what, std::string_view who) {
    const TimePoint now = clock_.now();
    if (table.find(k) == table.end()) makeRoom(table, now);
    Entry& e = table[std::move(k)];
    if (now - std::max(e.lastFailure, e.lockedUntil) > policy_.window) e.failures = 0;
    ++e.failures;
    e.lastFailure = now;
    if (e.failures < limit) return;

    const int doublings = std::min(e.failures - limit, 30);
    const Seconds lockout = std::min<Seconds>(policy_.firstLockout * (1L << doublings), policy_.maxLockout);
    e.lockedUntil = now + lockout;
    log::warning("auth", "sign-in locked for " + std::string(what) + " " + std::string(who) + " for " +
                             std::to_string(lockout.count()) + " s after " + std::to_string(e.failures) +
                             " failures");
}

void LoginThrottle::makeRoom(Table& table, TimePoint now) {
    if (table.size() < policy_.maxEntries) return;
    std::erase_if(table, [&](const auto& kv) {
        return now >= kv.second.lockedUntil && now - kv.second.lastFailure > policy_.window;
    });
    if (table.size() < policy_.maxEntries) return;
    // Still full of recent failures: forget the one quietest for longest.
    auto oldest = std::min_element(table.begin(), table.end(), [](const auto& a, const auto& b) {
        return a.second.lastFailure < b.second.lastFailure;
    });
    table.erase(oldest);
}

std::size_t LoginThrottle::trackedAccounts() const {
    std::lock_guard lock(mutex_);
    return accounts_.size();
}

std::size_t LoginThrottle::trackedAddresses() const {
    std::lock_guard lock(mutex_);
    return addresses_.size();
}

}  // namespace hub::auth
