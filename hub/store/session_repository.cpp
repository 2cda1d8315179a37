#include "hub/store/session_repository.h"

namespace hub::store {
namespace {

#define SESSION_COLUMNS \
    "id, token_hash, csrf_hash, staff_id, created_at, last_seen_at, expires_at, client_address, user_agent"

std::string blob(const SQLite::Column& c) {
    return std::string(static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes()));
}

SessionRecord readSession(SQLite::Statement& q) {
    SessionRecord s;
    s.id = q.getColumn(0).getInt64();
    s.tokenHash = blob(q.getColumn(1));
    s.csrfHash = blob(q.getColumn(2));
    s.staffId = q.getColumn(3).getInt64();
    s.createdAt = fromUnixSeconds(q.getColumn(4).getInt64());
    s.lastSeenAt = fromUnixSeconds(q.getColumn(5).getInt64());
    s.expiresAt = fromUnixSeconds(q.getColumn(6).getInt64());
    s.clientAddress = q.getColumn(7).getString();
    s.userAgent = q.getColumn(8).getString();
    return s;
}

int64_t seconds(TimePoint t) { return static_cast<int64_t>(toUnixSeconds(t)); }

void bindBlob(SQLite::Statement& q, int index, std::string_view bytes) {
    q.bind(index, bytes.data(), static_cast<int>(bytes.size()));
}

}  // namespace

long long SessionRepository::insert(const SessionRecord& s) {
    auto q = c_.prepare(
        "INSERT INTO sessions (token_hash, csrf_hash, staff_id, created_at, last_seen_at, expires_at, "
        "client_address, user_agent) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    bindBlob(*q, 1, s.tokenHash);
    bindBlob(*q, 2, s.csrfHash);
    q->bind(3, static_cast<int64_t>(s.staffId));
    q->bind(4, seconds(s.createdAt));
    q->bind(5, seconds(s.lastSeenAt));
    q->bind(6, seconds(s.expiresAt));
    q->bind(7, s.clientAddress);
    q->bind(8, s.userAgent);
    q->exec();
    return c_.lastInsertRowid();
}

std::optional<SessionRecord> SessionRepository::findByTokenHash(std::string_view tokenHash) {
    auto q = c_.prepare("SELECT " SESSION_COLUMNS " FROM sessions WHERE token_hash = ?1");
    bindBlob(*q, 1, tokenHash);
    if (!q->executeStep()) return std::nullopt;
    return readSession(*q);
}

std::optional<SessionRecord> SessionRepository::findById(long long id) {
    auto q = c_.prepare("SELECT " SESSION_COLUMNS " FROM sessions WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    if (!q->executeStep()) return std::nullopt;
    return readSession(*q);
}

bool SessionRepository::touch(long long id, TimePoint lastSeenAt) {
    auto q = c_.prepare("UPDATE sessions SET last_seen_at = max(last_seen_at, ?2) WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    q->bind(2, seconds(lastSeenAt));
    return q->exec() == 1;
}

bool SessionRepository::remove(long long id) {
    auto q = c_.prepare("DELETE FROM sessions WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    return q->exec() == 1;
}

int SessionRepository::removeAllOf(long long staffId, long long keepSessionId) {
    auto q = c_.prepare("DELETE FROM sessions WHERE staff_id = ?1 AND id <> ?2");
    q->bind(1, static_cast<int64_t>(staffId));
    q->bind(2, static_cast<int64_t>(keepSessionId));
    return q->exec();
}

int SessionRepository::removeExpired(TimePoint now, Seconds idle) {
    auto q = c_.prepare("DELETE FROM sessions WHERE expires_at <= ?1 OR last_seen_at <= ?2");
    q->bind(1, seconds(now));
    q->bind(2, seconds(now) - static_cast<int64_t>(idle.count()));
    return q->exec();
}

}  // namespace hub::store
