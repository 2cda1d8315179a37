#pragma once
// Signed-in sessions. Tokens are never stored: only their SHA-256 hashes
// (32 raw bytes), so a copy of the database cannot be used to sign in.
#include "hub/core/clock.h"
#include "hub/store/connection.h"

#include <optional>
#include <string>
#include <string_view>

namespace hub::store {

struct SessionRecord {
    long long id = 0;
    std::string tokenHash;  // SHA-256 of the session token, raw bytes
    std::string csrfHash;   // SHA-256 of the CSRF token, raw bytes
    long long staffId = 0;
    TimePoint createdAt{};
    TimePoint lastSeenAt{};
    TimePoint expiresAt{};  // absolute expiry
    std::string clientAddress;
    std::string userAgent;
};

class SessionRepository {
public:
    explicit SessionRepository(Connection& c) : c_(c) {}

    long long insert(const SessionRecord& session);  // record.id is ignored; returns the new id
    std::optional<SessionRecord> findByTokenHash(std::string_view tokenHash);
    std::optional<SessionRecord> findById(long long id);
    bool touch(long long id, TimePoint lastSeenAt);  // false if the session is gone
    bool remove(long long id);
    // Ends every session of a staff member except keepSessionId (0 keeps none).
    int removeAllOf(long long staffId, long long keepSessionId = 0);
    // Removes sessions past their absolute expiry or idle for longer than idle.
    int removeExpired(TimePoint now, Seconds idle);

private:
    Connection& c_;
};

}  // namespace hub::store
