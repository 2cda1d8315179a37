#include "hub/auth/login_throttle.h"

#include "hub/core/error.h"
#include "hub/core/log.h"
#include "hub/domain/staff.h"

#include <algorithm>
#include <utility>

namespace hub::auth {
namespace {

// Keys are bounded so that a flood of long usernames cannot eat memory.
constexpr std::size_t maxKeyBytes = 64;
// Attempts in flight settle within a second or two (one argon2id check each).
constexpr int busyRetrySeconds = 5;

int secondsUntil(TimePoint now, TimePoint until) {
    const auto left = std::chrono::ceil<Seconds>(until - now).count();
    return static_cast<int>(std::max<long long>(left, 1));
}

std::string minutesText(int seconds) {
    const int minutes = (seconds + 59) / 60;
    return minutes <= 1 ? "a minute" : std::to_string(minutes) + " minutes";
}

}  // namespace

std::string_view throttleKindName(ThrottleKind kind) {
    return kind == ThrottleKind::Account ? "account" : "address";
}

std::string LoginThrottle::keyOf(std::string_view text) { return std::string(text.substr(0, maxKeyBytes)); }

LoginThrottle::LoginThrottle(const Clock& clock, ThrottlePolicy policy) : clock_(clock), policy_(policy) {}

// --- Attempt -----------------------------------------------------------------

LoginThrottle::Attempt::Attempt(LoginThrottle* throttle, std::string account, std::string address)
    : throttle_(throttle), account_(std::move(account)), address_(std::move(address)) {}

LoginThrottle::Attempt::Attempt(Attempt&& other) noexcept
    : throttle_(other.throttle_), account_(std::move(other.account_)), address_(std::move(other.address_)) {
    other.throttle_ = nullptr;
}

LoginThrottle::Attempt::~Attempt() {
    if (throttle_ != nullptr) throttle_->release(account_, address_);
}

std::vector<Lockout> LoginThrottle::Attempt::failed() {
    if (throttle_ == nullptr) return {};
    LoginThrottle* t = std::exchange(throttle_, nullptr);
    return t->settleFailure(account_, address_);
}

void LoginThrottle::Attempt::succeeded() {
    if (throttle_ == nullptr) return;
    std::exchange(throttle_, nullptr)->settleSuccess(account_, address_);
}

// --- the table ---------------------------------------------------------------

void LoginThrottle::prune(Entry& e, TimePoint now) const {
    while (!e.failures.empty() && now - e.failures.front() >= policy_.window) e.failures.pop_front();
}

LoginThrottle::Refusal LoginThrottle::refusal(ThrottleKind kind, Entry& e, TimePoint now) const {
    prune(e, now);
    if (now < e.lockedUntil) return Refusal::Locked;
    const int used = static_cast<int>(e.failures.size());
    if (used >= limit(kind)) return Refusal::Locked;  // lockedUntil is front + window; kept for safety
    if (used + e.inFlight >= limit(kind)) return Refusal::Busy;
    return Refusal::None;
}

LoginThrottle::Entry& LoginThrottle::entry(ThrottleKind kind, const std::string& key, TimePoint now) {
    Table& t = table(kind);
    if (auto it = t.find(key); it != t.end()) return it->second;
    if (t.size() >= policy_.maxEntries) {
        for (auto it = t.begin(); it != t.end();) {
            prune(it->second, now);
            const bool idle = it->second.inFlight == 0 && it->second.failures.empty() && now >= it->second.lockedUntil;
            it = idle ? t.erase(it) : std::next(it);
        }
    }
    if (t.size() >= policy_.maxEntries) {
        // Still full of recent failures: forget the one quietest for longest
        // (never one with an attempt in flight: its settlement needs the entry).
        auto lastSeen = [](const Entry& e) { return e.failures.empty() ? e.lockedUntil : e.failures.back(); };
        auto quietest = t.end();
        for (auto it = t.begin(); it != t.end(); ++it) {
            if (it->second.inFlight > 0) continue;
            if (quietest == t.end() || lastSeen(it->second) < lastSeen(quietest->second)) quietest = it;
        }
        if (quietest != t.end()) t.erase(quietest);
    }
    return t[key];
}

void LoginThrottle::forgetIfIdle(ThrottleKind kind, const std::string& key, TimePoint now) {
    Table& t = table(kind);
    const auto it = t.find(key);
    if (it == t.end()) return;
    prune(it->second, now);
    if (it->second.inFlight == 0 && it->second.failures.empty() && now >= it->second.lockedUntil) t.erase(it);
}

LoginThrottle::Attempt LoginThrottle::begin(std::string_view username, std::string_view clientAddress,
                                            const StillLocked& stillLocked) {
    const std::string account = keyOf(username), address = keyOf(clientAddress);
    for (int round = 0;; ++round) {
        const TimePoint now = clock_.now();
        Refusal onAccount, onAddress;
        TimePoint accountUntil{}, addressUntil{};
        int accountFailures = 0;
        {
            std::lock_guard lock(mutex_);
            Entry& a = entry(ThrottleKind::Account, account, now);
            Entry& b = entry(ThrottleKind::Address, address, now);
            onAccount = refusal(ThrottleKind::Account, a, now);
            onAddress = refusal(ThrottleKind::Address, b, now);
            if (onAccount == Refusal::None && onAddress == Refusal::None) {
                ++a.inFlight;
                ++b.inFlight;
                return Attempt(this, account, address);
            }
            auto until = [&](const Entry& e) {
                return std::max(e.lockedUntil, e.failures.empty() ? TimePoint{} : e.failures.front() + policy_.window);
            };
            accountUntil = until(a);
            addressUntil = until(b);
            accountFailures = static_cast<int>(a.failures.size());
            forgetIfIdle(ThrottleKind::Account, account, now);
            forgetIfIdle(ThrottleKind::Address, address, now);
        }
        // A lock may have been lifted by an admin or the CLI: the database says.
        // Asked outside the lock, and once: a second round only follows a lift.
        if (round == 0 && stillLocked) {
            bool lifted = false;
            if (onAccount == Refusal::Locked && !stillLocked(ThrottleKind::Account, account)) {
                unlock(ThrottleKind::Account, account);
                lifted = true;
            }
            if (onAddress == Refusal::Locked && !stillLocked(ThrottleKind::Address, address)) {
                unlock(ThrottleKind::Address, address);
                lifted = true;
            }
            if (lifted) continue;
        }
        if (onAccount == Refusal::Locked) {
            const int wait = secondsUntil(now, accountUntil);
            throw Error(ErrorCode::TooManyRequests,
                        "this account is locked after " +
                            std::to_string(std::max(accountFailures, policy_.accountFailures)) +
                            " failed sign-ins; try again in " + minutesText(wait) +
                            ", or ask an admin to unlock it")
                .withRetryAfter(wait);
        }
        if (onAddress == Refusal::Locked) {
            const int wait = secondsUntil(now, addressUntil);
            throw Error(ErrorCode::TooManyRequests,
                        "too many failed sign-ins from this address; try again in " + minutesText(wait))
                .withRetryAfter(wait);
        }
        throw Error(ErrorCode::TooManyRequests, "other sign-ins with this name or from this address are being "
                                                "checked; try again in a few seconds")
            .withRetryAfter(busyRetrySeconds);
    }
}

std::optional<Lockout> LoginThrottle::fail(ThrottleKind kind, const std::string& key, TimePoint now) {
    Entry& e = table(kind)[key];
    --e.inFlight;
    prune(e, now);
    const bool wasLocked = now < e.lockedUntil;
    e.failures.push_back(now);
    if (static_cast<int>(e.failures.size()) < limit(kind) || wasLocked) return std::nullopt;
    e.lockedUntil = e.failures.front() + policy_.window;
    return Lockout{kind, key, e.lockedUntil, static_cast<int>(e.failures.size())};
}

std::vector<Lockout> LoginThrottle::settleFailure(const std::string& account, const std::string& address) {
    const TimePoint now = clock_.now();
    std::vector<Lockout> started;
    {
        std::lock_guard lock(mutex_);
        if (auto l = fail(ThrottleKind::Account, account, now)) started.push_back(std::move(*l));
        if (auto l = fail(ThrottleKind::Address, address, now)) started.push_back(std::move(*l));
    }
    for (const auto& l : started) {
        // Only names that could be real are logged: anything else may be a
        // password typed into the wrong box.
        const std::string who = l.kind == ThrottleKind::Address ? l.key
                                : domain::checkUsername(l.key) ? std::string("(an invalid username)")
                                                               : "'" + l.key + "'";
        log::warning("auth", "sign-in locked for " + std::string(throttleKindName(l.kind)) + " " + who + " for " +
                                 std::to_string(secondsUntil(now, l.until)) + " s after " +
                                 std::to_string(l.failures) + " failures" +
                                 (l.kind == ThrottleKind::Account ? " (last from " + address + ")" : ""));
    }
    return started;
}

void LoginThrottle::settleSuccess(const std::string& account, const std::string& address) {
    const TimePoint now = clock_.now();
    std::lock_guard lock(mutex_);
    Entry& a = accounts_[account];
    --a.inFlight;
    a.failures.clear();
    a.lockedUntil = {};
    --addresses_[address].inFlight;
    forgetIfIdle(ThrottleKind::Account, account, now);
    forgetIfIdle(ThrottleKind::Address, address, now);
}

void LoginThrottle::release(const std::string& account, const std::string& address) {
    const TimePoint now = clock_.now();
    std::lock_guard lock(mutex_);
    --accounts_[account].inFlight;
    --addresses_[address].inFlight;
    forgetIfIdle(ThrottleKind::Account, account, now);
    forgetIfIdle(ThrottleKind::Address, address, now);
}

void LoginThrottle::restore(const Lockout& lockout) {
    const TimePoint now = clock_.now();
    if (now >= lockout.until) return;
    std::lock_guard lock(mutex_);
    Entry& e = entry(lockout.kind, keyOf(lockout.key), now);
    e.lockedUntil = std::max(e.lockedUntil, lockout.until);
}

void LoginThrottle::unlock(ThrottleKind kind, std::string_view key) {
    const TimePoint now = clock_.now();
    std::lock_guard lock(mutex_);
    Table& t = table(kind);
    const auto it = t.find(keyOf(key));
    if (it == t.end()) return;
    it->second.failures.clear();
    it->second.lockedUntil = {};
    forgetIfIdle(kind, it->first, now);
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
