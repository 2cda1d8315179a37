#include "hub/store/drug_repository.h"

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

}  // namespace hub::store
