#pragma once
// Signed-in sessions: 256-bit random tokens of which only SHA-256 hashes are
// stored, with idle and absolute expiry, a CSRF token per session, and
// revocation (logout, log out everywhere, disabled accounts). The CSRF token is
// derived from the session token (csrfTokenFor), so whoami can return it.
//
// authenticate() is on every request's path, so it normally answers from an
// in-memory cache without touching the database. Once per touchInterval per
// session it writes last_seen_at and re-reads the session and the staff member,
// so a change made by another process (the CLI disabling a user) takes effect
// within touchInterval. Changes made through this process evict the cache at
// once (forgetStaff, logout, logoutAll).
#include "hub/core/clock.h"
#include "hub/core/random.h"
#include "hub/domain/staff.h"
#include "hub/store/connection.h"
#include "hub/store/database.h"
#include "hub/store/session_repository.h"
#include "hub/store/staff_repository.h"

#include <atomic>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace hub::auth {

struct SessionPolicy {
    Seconds idle{30 * 60};            // signed out after this long without a request
    Seconds absolute{12 * 60 * 60};   // signed out this long after sign-in, whatever happens
    Seconds touchInterval{60};        // last_seen_at is written at most this often
    std::size_t maxCached = 10'000;   // sessions kept in memory
};

// What the caller of login() hands to the client. The tokens exist only here.
struct NewSession {
    std::string token;      // goes in the session cookie
    std::string csrfToken;  // the client echoes it in X-CSRF-Token
    store::SessionRecord session;
};

struct AuthenticatedSession {
    long long sessionId = 0;
    domain::StaffMember staff;
    std::string csrfHash;  // SHA-256 of the CSRF token, raw bytes
    TimePoint expiresAt{};
};

// Thread-safe.
class SessionService {
public:
    // Session and CSRF tokens come from random.
    SessionService(store::Database& db, const Clock& clock, Random& random, SessionPolicy policy = {});

    // Starts a session for staff. REQUIRES: tx is a Database::write connection,
    // so the session commits with the login's audit event.
    NewSession create(store::Connection& tx, const domain::StaffMember& staff, std::string_view clientAddress,
                      std::string_view userAgent);

    // Throws Error(Unauthenticated) for a token that is unknown, expired (idle
    // or absolute), revoked, or whose staff member is disabled.
    AuthenticatedSession authenticate(std::string_view token);

    // For long-lived streams, asked again and again after the request that
    // opened them: true while the session is neither ended nor expired and is
    // still held by an enabled staff member of `role`. Reads the database (a
    // change made by another process counts) and, unlike authenticate, does
    // not count as activity: an open stream alone never keeps a session alive.
    bool stillValid(std::string_view token, domain::Role role);

    // The session's CSRF token: HMAC-SHA256 keyed by the session token, so it
    // can be handed out again (whoami, after a reload of the app) by whoever
    // holds the HttpOnly cookie, and by no one else. Only its hash is stored.
    static std::string csrfTokenFor(std::string_view sessionToken);

    // Throws Error(Forbidden) unless csrfHeader is the session's CSRF token.
    static void checkCsrf(const AuthenticatedSession& session, std::string_view csrfHeader);

    void logout(std::string_view token);  // a no-op for an unknown token
    // Ends all sessions of staffId except keepSessionId (0 keeps none); returns how many.
    int logoutAll(long long staffId, long long keepSessionId = 0);
    // Drops staffId's cached sessions so the next request re-reads them.
    // REQUIRES: called after the transaction that changed the staff member or
    // removed their sessions has committed.
    void forgetStaff(long long staffId);
    // Deletes expired sessions from the database and the cache; returns how many rows.
    int purgeExpired();

    std::size_t cachedSessions() const;

private:
    struct Cached {
        AuthenticatedSession auth;
        std::atomic<long long> lastSeen;       // unix seconds, newest request
        std::atomic<long long> lastPersisted;  // unix seconds, last database round trip
    };

    // The session with this token hash and its staff member, as stored; none if either is gone.
    std::optional<std::pair<store::SessionRecord, store::StaffRecord>> readSession(const std::string& tokenHash);
    std::shared_ptr<Cached> loadFromDatabase(const std::string& tokenHash, TimePoint now);
    void revalidate(const std::string& tokenHash, Cached& cached, TimePoint now);
    // Past the absolute expiry, or idle for policy_.idle since lastSeen (unix seconds).
    bool expiredAt(TimePoint expiresAt, long long lastSeen, TimePoint now) const;
    bool expired(const Cached& cached, TimePoint now) const;
    void evict(const std::string& tokenHash);

    store::Database& db_;
    const Clock& clock_;
    Random& random_;
    SessionPolicy policy_;

    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<Cached>> cache_;  // by token hash; REQUIRES: mutex_
    // Bumped by every eviction; a load that raced with one is not cached.
    std::atomic<unsigned long long> generation_{0};
};

}  // namespace hub::auth
