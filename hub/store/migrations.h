#pragma once
// Versioned schema migrations. PRAGMA user_version holds the version of the
// last migration applied; Database::open applies the missing ones in one
// transaction. Never edit a migration that has shipped: add a new one.
#include <span>
#include <string_view>

namespace hub::store {

struct Migration {
    int version;            // 1, 2, 3 ... without gaps
    std::string_view sql;   // one or more statements
};

std::span<const Migration> migrations();

}  // namespace hub::store
