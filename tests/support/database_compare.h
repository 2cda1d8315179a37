#pragma once
// Row-for-row comparison of two SQLite files, as a restore test needs it:
// every table of either file (sqlite_sequence included), compared with EXCEPT
// both ways. Full-text index shadow tables are left out: a restore rebuilds
// the index, whose internal segments then differ while its answers do not.
#include <filesystem>
#include <string>
#include <vector>

namespace hub::testing {

// One line per table that differs ("visits: 3 rows only in a, 0 only in b"); empty when equal.
std::vector<std::string> databaseDifferences(const std::filesystem::path& a, const std::filesystem::path& b);

// How many tables the comparison covered (to show it compared something).
std::size_t comparedTableCount(const std::filesystem::path& a);

}  // namespace hub::testing
