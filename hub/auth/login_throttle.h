#pragma once
// Slows down password guessing. Within any window (15 minutes) at most
// accountFailures (5) guesses are checked for one username and at most
// addressFailures (20) from one client address, however many arrive at once:
// an attempt reserves a place BEFORE its password is hashed (begin), and the
// place counts against the limit until the attempt settles as a failure (it
// stays counted for the window) or a success (it is given back). Once a key
// has used up its places it is locked until its oldest failure leaves the
// window; attempts are refused (HTTP 429 with Retry-After) without hashing.
//
// The throttle is memory; a lock-out is also kept in the database by the
// caller (StaffService) so that it survives a restart and so that an admin, or
// `clinic-hub user unlock` from another process, can lift it: before refusing a
// locked key the throttle asks `stillLocked`, and forgets the lock if the
// database no longer has it.
#include "hub/core/clock.h"

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hub::auth {

struct ThrottlePolicy {
    int accountFailures = 5;    // guesses checked per username per window
    int addressFailures = 20;   // guesses checked per client address per window, any username
    Seconds window{15 * 60};
    std::size_t maxEntries = 10'000;  // per kind; the quietest are forgotten beyond it
};

enum class ThrottleKind { Account, Address };
std::string_view throttleKindName(ThrottleKind kind);  // "account", "address"

// A key that used up its places: refused until `until`.
struct Lockout {
    ThrottleKind kind = ThrottleKind::Account;
    std::string key;  // the username as typed (cut to 64 bytes), or the client address
    TimePoint until{};
    int failures = 0;  // failures inside the window when it locked
};

// Thread-safe.
class LoginThrottle {
public:
    // Asked before refusing a locked key: false when the lock was lifted
    // elsewhere (the database no longer holds it).
    using StillLocked = std::function<bool(ThrottleKind kind, const std::string& key)>;

    // One reserved place for an attempt. Settle it with failed() or
    // succeeded(); destroyed unsettled (the check never ran: the hashing queue
    // was full, an internal error) it gives its place back uncounted.
    class Attempt {
    public:
        Attempt(Attempt&& other) noexcept;
        Attempt& operator=(Attempt&&) = delete;
        Attempt(const Attempt&) = delete;
        ~Attempt();

        // Counts the failure; returns the lock-outs it started (none, the
        // account's, the address's or both) for the caller to persist and audit.
        std::vector<Lockout> failed();
        // Clears the account's failures. The address keeps its count: a
        // valid login of one's own must not reset a guessing run against others.
        void succeeded();

    private:
        friend class LoginThrottle;
        Attempt(LoginThrottle* throttle, std::string account, std::string address);
        LoginThrottle* throttle_;
        std::string account_, address_;
    };

    explicit LoginThrottle(const Clock& clock, ThrottlePolicy policy = {});

    // Reserves a place for an attempt by username from clientAddress, or throws
    // Error(TooManyRequests).withRetryAfter(seconds): while the account or the
    // address is locked, or while attempts already in flight hold its last places.
    Attempt begin(std::string_view username, std::string_view clientAddress, const StillLocked& stillLocked = {});

    // A lock-out read back from the database at start.
    void restore(const Lockout& lockout);
    // Forgets the key's failures and lock (an admin unlocked it).
    void unlock(ThrottleKind kind, std::string_view key);
    // The key a username or address is tracked under (bounded in length).
    static std::string keyOf(std::string_view text);

    const ThrottlePolicy& policy() const { return policy_; }
    std::size_t trackedAccounts() const;
    std::size_t trackedAddresses() const;

private:
    struct Entry {
        std::deque<TimePoint> failures;  // inside the window, oldest first
        int inFlight = 0;
        TimePoint lockedUntil{};
    };
    using Table = std::unordered_map<std::string, Entry>;
    enum class Refusal { None, Locked, Busy };

    Table& table(ThrottleKind kind) { return kind == ThrottleKind::Account ? accounts_ : addresses_; }
    int limit(ThrottleKind kind) const {
        return kind == ThrottleKind::Account ? policy_.accountFailures : policy_.addressFailures;
    }
    // REQUIRES: mutex_ held.
    void prune(Entry& e, TimePoint now) const;
    Refusal refusal(ThrottleKind kind, Entry& e, TimePoint now) const;
    Entry& entry(ThrottleKind kind, const std::string& key, TimePoint now);
    void forgetIfIdle(ThrottleKind kind, const std::string& key, TimePoint now);
    std::optional<Lockout> fail(ThrottleKind kind, const std::string& key, TimePoint now);
    void release(const std::string& account, const std::string& address);
    std::vector<Lockout> settleFailure(const std::string& account, const std::string& address);
    void settleSuccess(const std::string& account, const std::string& address);

    const Clock& clock_;
    ThrottlePolicy policy_;
    mutable std::mutex mutex_;
    Table accounts_;   // REQUIRES: mutex_ held
    Table addresses_;  // REQUIRES: mutex_ held
};

}  // namespace hub::auth
