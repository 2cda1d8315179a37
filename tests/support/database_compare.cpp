#include "support/database_compare.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <set>

namespace hub::testing {
namespace {

std::set<std::string> tablesOf(SQLite::Database& db, const std::string& schema) {
    std::set<std::string> virtualTables, tables;
    SQLite::Statement v(db, "SELECT name FROM " + schema + ".sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'");
    while (v.executeStep()) virtualTables.insert(v.getColumn(0).getString());
    SQLite::Statement q(db, "SELECT name FROM " + schema + ".sqlite_schema WHERE type = 'table'");
    while (q.executeStep()) {
        const std::string name = q.getColumn(0).getString();
        bool shadow = virtualTables.count(name) > 0;
        for (const auto& vt : virtualTables) shadow = shadow || name.rfind(vt + "_", 0) == 0;
        if (!shadow) tables.insert(name);
    }
    return tables;
}

long long count(SQLite::Database& db, const std::string& sql) {
    SQLite::Statement q(db, sql);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

}  // namespace

std::vector<std::string> databaseDifferences(const std::filesystem::path& a, const std::filesystem::path& b) {
    SQLite::Database db(a.string(), SQLite::OPEN_READONLY);
    db.exec("ATTACH DATABASE '" + b.string() + "' AS other");
    std::vector<std::string> out;
    const auto mine = tablesOf(db, "main"), theirs = tablesOf(db, "other");
    for (const auto& t : theirs)
        if (!mine.count(t)) out.push_back(t + ": only in " + b.string());
    for (const auto& t : mine) {
        if (!theirs.count(t)) {
            out.push_back(t + ": only in " + a.string());
            continue;
        }
        const std::string quoted = "\"" + t + "\"";
        const long long onlyA = count(db, "SELECT count(*) FROM (SELECT * FROM main." + quoted + " EXCEPT SELECT * FROM other." + quoted + ")");
        const long long onlyB = count(db, "SELECT count(*) FROM (SELECT * FROM other." + quoted + " EXCEPT SELECT * FROM main." + quoted + ")");
        const long long rowsA = count(db, "SELECT count(*) FROM main." + quoted);
        const long long rowsB = count(db, "SELECT count(*) FROM other." + quoted);
        if (onlyA || onlyB || rowsA != rowsB)
            out.push_back(t + ": " + std::to_string(onlyA) + " rows only in a, " + std::to_string(onlyB) +
                          " only in b (" + std::to_string(rowsA) + " vs " + std::to_string(rowsB) + ")");
    }
    return out;
}

std::size_t comparedTableCount(const std::filesystem::path& a) {
    SQLite::Database db(a.string(), SQLite::OPEN_READONLY);
    return tablesOf(db, "main").size();
}

}  // namespace hub::testing
