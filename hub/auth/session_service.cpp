#include "hub/auth/session_service.h"

#include "hub/core/error.h"
#include "hub/core/random.h"
#include "hub/store/staff_repository.h"
#include "hub/core/text.h"
#include "hub/tls/digest.h"
#include "hub/tls/symmetric_crypto.h"

#include <mutex>
#include <optional>
#include <utility>

namespace hub::auth {
namespace {

constexpr std::size_t tokenBytes = 32;       // 256 bits
constexpr std::size_t maxTokenLength = 128;  // a real token is 43 characters
constexpr std::size_t maxUserAgentBytes = 256;
constexpr std::size_t maxAddressBytes = 64;

std::string hashOf(std::string_view token) {
    const tls::Sha256 h = tls::sha256(token);
    return std::string(reinterpret_cast<const char*>(h.data()), h.size());
}

Error unauthenticated(std::string message) { return Error(ErrorCode::Unauthenticated, std::move(message)); }

long long secondsOf(TimePoint t) { return toUnixSeconds(t); }

}  // namespace

SessionService::SessionService(store::Database& db, const Clock& clock, Random& random, SessionPolicy policy)
    : db_(db), clock_(clock), random_(random), policy_(policy) {}

NewSession SessionService::create(store::Connection& tx, const domain::StaffMember& staff,
                                  std::string_view clientAddress, std::string_view userAgent) {
    NewSession n;
    n.token = random_.token(tokenBytes);
    n.csrfToken = csrfTokenFor(n.token);
    const TimePoint now = fromUnixSeconds(secondsOf(clock_.now()));
    store::SessionRecord& r = n.session;
    r.tokenHash = hashOf(n.token);
    r.csrfHash = hashOf(n.csrfToken);
    r.staffId = staff.id;
    r.createdAt = now;
    r.lastSeenAt = now;
    r.expiresAt = now + policy_.absolute;
    r.clientAddress = std::string(clientAddress.substr(0, maxAddressBytes));
    r.userAgent = std::string(userAgent.substr(0, maxUserAgentBytes));
    r.id = store::SessionRepository(tx).insert(r);
    return n;
}

std::string SessionService::csrfTokenFor(std::string_view sessionToken) {
    return base64UrlEncode(tls::hmacSha256(sessionToken, "clinic-hub csrf v1"));
}

AuthenticatedSession SessionService::authenticate(std::string_view token) {
    if (token.empty() || token.size() > maxTokenLength) throw unauthenticated("sign in first");
    const std::string h = hashOf(token);
    const TimePoint now = clock_.now();

    std::shared_ptr<Cached> c;
    {
        std::shared_lock lock(mutex_);
        if (auto it = cache_.find(h); it != cache_.end()) c = it->second;
    }
    if (!c) c = loadFromDatabase(h, now);

    if (expired(*c, now)) {
        db_.write([&](store::Connection& tx) { store::SessionRepository(tx).remove(c->auth.sessionId); });
        evict(h);
        throw unauthenticated("your session has expired; sign in again");
    }
    const long long nowSec = secondsOf(now);
    long long seen = c->lastSeen.load();
    while (seen < nowSec && !c->lastSeen.compare_exchange_weak(seen, nowSec)) {
    }
    long long persisted = c->lastPersisted.load();
    // At most one request per session and interval pays for the database round trip.
    if (nowSec - persisted >= policy_.touchInterval.count() && c->lastPersisted.compare_exchange_strong(persisted, nowSec))
        revalidate(h, *c, now);
    return c->auth;
}

std::optional<std::pair<store::SessionRecord, store::StaffRecord>> SessionService::readSession(
    const std::string& tokenHash) {
    return db_.read([&](store::Connection& c) -> std::optional<std::pair<store::SessionRecord, store::StaffRecord>> {
        auto session = store::SessionRepository(c).findByTokenHash(tokenHash);
        if (!session) return std::nullopt;
        auto staff = store::StaffRepository(c).findById(session->staffId);
        if (!staff) return std::nullopt;
        return std::make_pair(std::move(*session), std::move(*staff));
    });
}

std::shared_ptr<SessionService::Cached> SessionService::loadFromDatabase(const std::string& tokenHash, TimePoint now) {
    const unsigned long long generation = generation_.load();
    const auto found = readSession(tokenHash);
    if (!found) throw unauthenticated("sign in first");
    const auto& [session, staff] = *found;
    if (staff.member.disabled) throw unauthenticated("this account is disabled");

    auto c = std::make_shared<Cached>();
    c->auth = AuthenticatedSession{session.id, staff.member, session.csrfHash, session.expiresAt};
    c->lastSeen = secondsOf(session.lastSeenAt);
    c->lastPersisted = secondsOf(session.lastSeenAt);

    std::unique_lock lock(mutex_);
    if (generation_.load() != generation) return c;  // an eviction raced with this load: do not cache
    if (auto it = cache_.find(tokenHash); it != cache_.end()) return it->second;
    if (cache_.size() >= policy_.maxCached) {
        std::erase_if(cache_, [&](const auto& kv) { return expired(*kv.second, now); });
        if (cache_.size() >= policy_.maxCached) cache_.clear();  // they reload on their next request
    }
    cache_.emplace(tokenHash, c);
    return c;
}

void SessionService::revalidate(const std::string& tokenHash, Cached& cached, TimePoint now) {
    enum class Outcome { Unchanged, StaffChanged, Ended };
    const Outcome outcome = db_.write([&](store::Connection& tx) {
        store::SessionRepository sessions(tx);
        if (!sessions.touch(cached.auth.sessionId, now)) return Outcome::Ended;
        const auto staff = store::StaffRepository(tx).findById(cached.auth.staff.id);
        if (!staff || staff->member.disabled) {
            sessions.remove(cached.auth.sessionId);
            return Outcome::Ended;
        }
        const domain::StaffMember& was = cached.auth.staff;
        if (staff->member.role != was.role || staff->member.username != was.username ||
            staff->member.displayName != was.displayName || staff->member.language != was.language)
            return Outcome::StaffChanged;
        return Outcome::Unchanged;
    });
    if (outcome == Outcome::Unchanged) return;
    evict(tokenHash);  // the next request reloads the staff member as they are now
    if (outcome == Outcome::Ended) throw unauthenticated("your session has ended; sign in again");
}

bool SessionService::stillValid(std::string_view token, domain::Role role) {
    if (token.empty() || token.size() > maxTokenLength) return false;
    const std::string h = hashOf(token);
    const auto found = readSession(h);
    if (!found) return false;
    const auto& [session, staff] = *found;
    if (staff.member.disabled || staff.member.role != role) return false;
    // The newest request is in the cache; the database lags it by up to touchInterval.
    long long lastSeen = secondsOf(session.lastSeenAt);
    {
        std::shared_lock lock(mutex_);
        if (auto it = cache_.find(h); it != cache_.end()) lastSeen = std::max(lastSeen, it->second->lastSeen.load());
    }
    return !expiredAt(session.expiresAt, lastSeen, clock_.now());
}

bool SessionService::expiredAt(TimePoint expiresAt, long long lastSeen, TimePoint now) const {
    const long long nowSec = secondsOf(now);
    return nowSec >= secondsOf(expiresAt) || nowSec - lastSeen >= policy_.idle.count();
}

bool SessionService::expired(const Cached& c, TimePoint now) const {
    return expiredAt(c.auth.expiresAt, c.lastSeen.load(), now);
}

void SessionService::evict(const std::string& tokenHash) {
    std::unique_lock lock(mutex_);
    cache_.erase(tokenHash);
    ++generation_;
}

void SessionService::checkCsrf(const AuthenticatedSession& session, std::string_view csrfHeader) {
    if (csrfHeader.empty())
        throw Error(ErrorCode::Forbidden, "this request changes data and needs the X-CSRF-Token header");
    if (csrfHeader.size() > maxTokenLength || !tls::constantTimeEqual(hashOf(csrfHeader), session.csrfHash))
        throw Error(ErrorCode::Forbidden, "the X-CSRF-Token header does not match this session; sign in again");
}

void SessionService::logout(std::string_view token) {
    if (token.empty() || token.size() > maxTokenLength) return;
    const std::string h = hashOf(token);
    db_.write([&](store::Connection& tx) {
        store::SessionRepository sessions(tx);
        if (auto s = sessions.findByTokenHash(h)) sessions.remove(s->id);
    });
    evict(h);
}

int SessionService::logoutAll(long long staffId, long long keepSessionId) {
    const int ended = db_.write(
        [&](store::Connection& tx) { return store::SessionRepository(tx).removeAllOf(staffId, keepSessionId); });
    std::unique_lock lock(mutex_);
    std::erase_if(cache_, [&](const auto& kv) {
        return kv.second->auth.staff.id == staffId && kv.second->auth.sessionId != keepSessionId;
    });
    ++generation_;
    return ended;
}

void SessionService::forgetStaff(long long staffId) {
    std::unique_lock lock(mutex_);
    std::erase_if(cache_, [&](const auto& kv) { return kv.second->auth.staff.id == staffId; });
    ++generation_;
}

int SessionService::purgeExpired() {
    const TimePoint now = clock_.now();
    const int removed = db_.write([&](store::Connection& tx) {
        // The margin covers last_seen_at lagging the cache by up to touchInterval.
        return store::SessionRepository(tx).removeExpired(now, policy_.idle + policy_.touchInterval);
    });
    std::unique_lock lock(mutex_);
    std::erase_if(cache_, [&](const auto& kv) { return expired(*kv.second, now); });
    ++generation_;
    return removed;
}

std::size_t SessionService::cachedSessions() const {
    std::shared_lock lock(mutex_);
    return cache_.size();
}

}  // namespace hub::auth
