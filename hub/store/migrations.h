#pragma once
// Versioned schema migrations, one file each: hub/store/migrations/NNNN_what.sql
// (see the README there). PRAGMA user_version holds the version of the last
// migration applied; Database::open applies the missing ones in one
// transaction. A migration that has shipped is history: never edit it (its
// text is pinned by a test), add a new one.
#include <span>
#include <string_view>

namespace hub::store {

struct Migration {
    int version;            // 1, 2, 3 ... without gaps: the file's number
    std::string_view name;  // the file's name without .sql, "0003_patients"
    std::string_view sql;   // one or more statements
};

std::span<const Migration> migrations();

}  // namespace hub::store
