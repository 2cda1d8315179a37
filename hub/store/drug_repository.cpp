#include "hub/store/drug_repository.h"

#include "hub/core/error.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <algorithm>

namespace hub::store {
namespace {

// A LIKE pattern matching text as a prefix, with '\' as the escape character.
std::string prefixPattern(std::string_view text) {
    std::string pattern;
    for (char ch : text) {
        if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
        pattern += ch;
    }
    return pattern + '%';
}

Drug drugFrom(SQLite::Statement& q) {
    return {q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
            q.getColumn(3).getString(), q.getColumn(4).getString()};
}

// Runs an insert or update of drug d, naming "name" when it duplicates another row.
void execUnique(SQLite::Statement& q, const Drug& d) {
    try {
        q.exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE)
            throw Error(ErrorCode::Conflict,
                        "the formulary already lists " + d.name + " " + d.strength + " " + d.form, "name");
        throw;
    }
}

}  // namespace

std::vector<Drug> DrugRepository::searchByPrefix(std::string_view prefix, int limit) {
    // Both columns are COLLATE NOCASE, so each LIKE is an index range (see migration 5).
    auto q = c_.prepare(
        "SELECT id, name, generic_name, strength, form FROM drugs "
        "WHERE name LIKE ?1 ESCAPE '\\' OR generic_name LIKE ?1 ESCAPE '\\' "
        "ORDER BY name, strength, form LIMIT ?2");
    q->bind(1, prefixPattern(prefix));
    q->bind(2, std::clamp(limit, 1, maxDrugResults));
    std::vector<Drug> drugs;
    while (q->executeStep())
        drugs.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getString(), q->getColumn(2).getString(),
                         q->getColumn(3).getString(), q->getColumn(4).getString()});
    return drugs;
}

long long DrugRepository::add(const Drug& d) {
    auto q = c_.prepare(
        "INSERT INTO drugs (name, generic_name, strength, form) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (name, strength, form) DO UPDATE SET generic_name = generic_name RETURNING id");
    q->bind(1, d.name);
    q->bind(2, d.genericName);
    q->bind(3, d.strength);
    q->bind(4, d.form);
    q->executeStep();
    return q->getColumn(0).getInt64();
}

long long DrugRepository::count() {
    auto q = c_.prepare("SELECT count(*) FROM drugs");
    q->executeStep();
    return q->getColumn(0).getInt64();
}

std::optional<Drug> DrugRepository::find(long long id) {
    auto q = c_.prepare("SELECT id, name, generic_name, strength, form FROM drugs WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    if (!q->executeStep()) return std::nullopt;
    return drugFrom(*q);
}

long long DrugRepository::insert(const Drug& d) {
    auto q = c_.prepare("INSERT INTO drugs (name, generic_name, strength, form) VALUES (?1, ?2, ?3, ?4)");
    q->bind(1, d.name);
    q->bind(2, d.genericName);
    q->bind(3, d.strength);
    q->bind(4, d.form);
    execUnique(*q, d);
    return c_.lastInsertRowid();
}

bool DrugRepository::update(const Drug& d) {
    auto q = c_.prepare("UPDATE drugs SET name = ?2, generic_name = ?3, strength = ?4, form = ?5 WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(d.id));
    q->bind(2, d.name);
    q->bind(3, d.genericName);
    q->bind(4, d.strength);
    q->bind(5, d.form);
    execUnique(*q, d);
    return c_.changes() > 0;
}

bool DrugRepository::remove(long long id) {
    auto q = c_.prepare("DELETE FROM drugs WHERE id = ?1");
    q->bind(1, static_cast<int64_t>(id));
    q->exec();
    return c_.changes() > 0;
}

}  // namespace hub::store
