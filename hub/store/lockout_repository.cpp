#include "hub/store/lockout_repository.h"

namespace hub::store {
namespace {

#define LOCKOUT_COLUMNS "kind, key, locked_at, locked_until, failures, last_address"

LockoutRecord readLockout(SQLite::Statement& q) {
    LockoutRecord r;
    r.kind = q.getColumn(0).getString();
    r.key = q.getColumn(1).getString();
    r.lockedAt = fromUnixSeconds(q.getColumn(2).getInt64());
    r.lockedUntil = fromUnixSeconds(q.getColumn(3).getInt64());
    r.failures = q.getColumn(4).getInt();
    r.lastAddress = q.getColumn(5).getString();
    return r;
}

int64_t seconds(TimePoint t) { return static_cast<int64_t>(toUnixSeconds(t)); }

}  // namespace

void LockoutRepository::save(const LockoutRecord& r) {
    auto q = c_.prepare("INSERT OR REPLACE INTO login_lockouts (" LOCKOUT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    q->bind(1, r.kind);
    q->bind(2, r.key);
    q->bind(3, seconds(r.lockedAt));
    // Rounded up: a lock stored to the second never ends before the one in memory.
    q->bind(4, static_cast<int64_t>(toUnixSeconds(r.lockedUntil + std::chrono::milliseconds(999))));
    q->bind(5, r.failures);
    q->bind(6, r.lastAddress);
    q->exec();
}

std::optional<LockoutRecord> LockoutRepository::find(std::string_view kind, std::string_view key) {
    auto q = c_.prepare("SELECT " LOCKOUT_COLUMNS " FROM login_lockouts WHERE kind = ?1 AND key = ?2");
    q->bind(1, std::string(kind));
    q->bind(2, std::string(key));
    if (!q->executeStep()) return std::nullopt;
    return readLockout(*q);
}

std::vector<LockoutRecord> LockoutRepository::activeAt(TimePoint now) {
    auto q = c_.prepare("SELECT " LOCKOUT_COLUMNS " FROM login_lockouts WHERE locked_until > ?1 ORDER BY locked_until");
    q->bind(1, seconds(now));
    std::vector<LockoutRecord> out;
    while (q->executeStep()) out.push_back(readLockout(*q));
    return out;
}

bool LockoutRepository::remove(std::string_view kind, std::string_view key) {
    auto q = c_.prepare("DELETE FROM login_lockouts WHERE kind = ?1 AND key = ?2");
    q->bind(1, std::string(kind));
    q->bind(2, std::string(key));
    return q->exec() > 0;
}

int LockoutRepository::removeExpired(TimePoint now) {
    auto q = c_.prepare("DELETE FROM login_lockouts WHERE locked_until <= ?1");
    q->bind(1, seconds(now));
    return q->exec();
}

}  // namespace hub::store
