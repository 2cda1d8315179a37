#pragma once
// Sign-in lock-outs as stored (login_lockouts): one row per locked username or
// client address. The throttle in hub/auth decides; this only keeps the rows.
#include "hub/core/clock.h"
#include "hub/store/connection.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::store {

struct LockoutRecord {
    std::string kind;  // "account" or "address"
    std::string key;   // the username as typed (bounded), or the address
    TimePoint lockedAt{};
    TimePoint lockedUntil{};
    int failures = 0;
    std::string lastAddress;  // where the failure that locked it came from
};

class LockoutRepository {
public:
    explicit LockoutRepository(Connection& c) : c_(c) {}

    void save(const LockoutRecord& record);  // replaces the key's row
    std::optional<LockoutRecord> find(std::string_view kind, std::string_view key);
    std::vector<LockoutRecord> activeAt(TimePoint now);  // locked_until > now
    bool remove(std::string_view kind, std::string_view key);
    int removeExpired(TimePoint now);

private:
    Connection& c_;
};

}  // namespace hub::store
