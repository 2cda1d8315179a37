#include "hub/store/staff_repository.h"

#include "hub/store/columns.h"
#include "hub/core/error.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

namespace hub::store {
namespace {

#define STAFF_COLUMNS "id, username, display_name, role, disabled, created_at, updated_at, password_changed_at, password_hash, language"

StaffRecord readStaff(SQLite::Statement& q) {
    StaffRecord r;
    r.member.id = q.getColumn(0).getInt64();
    r.member.username = q.getColumn(1).getString();
    r.member.displayName = q.getColumn(2).getString();
    const std::string role = q.getColumn(3).getString();
    const auto parsed = domain::parseRole(role);
    // The CHECK constraint makes this unreachable unless the file was edited by hand.
    if (!parsed) throw Error(ErrorCode::Internal, "staff " + std::to_string(r.member.id) + " has unknown role " + role);
    r.member.role = *parsed;
    r.member.disabled = q.getColumn(4).getInt() != 0;
    r.member.createdAt = fromUnixSeconds(q.getColumn(5).getInt64());
    r.updatedAt = fromUnixSeconds(q.getColumn(6).getInt64());
    r.passwordChangedAt = fromUnixSeconds(q.getColumn(7).getInt64());
    r.passwordHash = q.getColumn(8).getString();
    r.member.language = namedColumn(q.getColumn(9), domain::parseLanguage, "language");
    return r;
}

std::string text(std::string_view s) { return std::string(s); }
std::string text(domain::Role role) { return std::string(domain::roleName(role)); }

}  // namespace

long long StaffRepository::insert(const NewStaff& s) {
    auto q = c_.prepare(
        "INSERT INTO staff (username, display_name, role, password_hash, disabled, created_at, updated_at, "
        "password_changed_at) VALUES (?1, ?2, ?3, ?4, 0, ?5, ?5, ?5)");
    q->bind(1, s.username);
    q->bind(2, s.displayName);
    q->bind(3, text(s.role));
    q->bind(4, s.passwordHash);
    q->bind(5, static_cast<int64_t>(toUnixSeconds(s.at)));
    try {
        q->exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE)
            throw Error(ErrorCode::Conflict, "username '" + s.username + "' is already taken", "username");
        throw;
    }
    return c_.lastInsertRowid();
}

std::optional<StaffRecord> StaffRepository::findById(long long id) {
    auto q = c_.prepare("SELECT " STAFF_COLUMNS " FROM staff WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    if (!q->executeStep()) return std::nullopt;
    return readStaff(*q);
}

std::optional<StaffRecord> StaffRepository::findByUsername(std::string_view username) {
    auto q = c_.prepare("SELECT " STAFF_COLUMNS " FROM staff WHERE username = ?1");
    q->bind(1, text(username));
    if (!q->executeStep()) return std::nullopt;
    return readStaff(*q);
}

std::vector<StaffRecord> StaffRepository::list() {
    auto q = c_.prepare("SELECT " STAFF_COLUMNS " FROM staff ORDER BY username");
    std::vector<StaffRecord> all;
    while (q->executeStep()) all.push_back(readStaff(*q));
    return all;
}

bool StaffRepository::updateDisplayName(long long id, std::string_view displayName, TimePoint at) {
    auto q = c_.prepare("UPDATE staff SET display_name = ?2, updated_at = ?3 WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    q->bind(2, text(displayName));
    q->bind(3, static_cast<int64_t>(toUnixSeconds(at)));
    return q->exec() == 1;
}

bool StaffRepository::updateRole(long long id, domain::Role role, TimePoint at) {
    auto q = c_.prepare("UPDATE staff SET role = ?2, updated_at = ?3 WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    q->bind(2, text(role));
    q->bind(3, static_cast<int64_t>(toUnixSeconds(at)));
    return q->exec() == 1;
}

bool StaffRepository::setPassword(long long id, std::string_view passwordHash, TimePoint at) {
    auto q = c_.prepare(
        "UPDATE staff SET password_hash = ?2, password_changed_at = ?3, updated_at = ?3 WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    q->bind(2, text(passwordHash));
    q->bind(3, static_cast<int64_t>(toUnixSeconds(at)));
    return q->exec() == 1;
}

bool StaffRepository::setLanguage(long long id, domain::Language language, TimePoint at) {
    auto q = c_.prepare("UPDATE staff SET language = ?2, updated_at = ?3 WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    q->bind(2, text(domain::languageName(language)));
    q->bind(3, static_cast<int64_t>(toUnixSeconds(at)));
    return q->exec() == 1;
}

bool StaffRepository::rehashPassword(long long id, std::string_view passwordHash) {
    auto q = c_.prepare("UPDATE staff SET password_hash = ?2 WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    q->bind(2, text(passwordHash));
    return q->exec() == 1;
}

bool StaffRepository::setDisabled(long long id, bool disabled, TimePoint at) {
    auto q = c_.prepare("UPDATE staff SET disabled = ?2, updated_at = ?3 WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    q->bind(2, disabled ? 1 : 0);
    q->bind(3, static_cast<int64_t>(toUnixSeconds(at)));
    return q->exec() == 1;
}

int StaffRepository::countActiveAdmins() {
    auto q = c_.prepare("SELECT count(*) FROM staff WHERE role = 'admin' AND disabled = 0");
    q->executeStep();
    return q->getColumn(0).getInt();
}

}  // namespace hub::store
