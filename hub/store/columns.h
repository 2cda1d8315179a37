#pragma once
// Optional values in and out of SQLite: NULL means "not recorded". One place
// for the conversions, so every repository maps NULL, ids, times and readings
// the same way.
#include "hub/core/clock.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>

namespace hub::store {

// T: int, long long (ids), double (readings) or TimePoint (Unix seconds).
template <typename T>
void bindOptional(SQLite::Statement& q, int index, const std::optional<T>& value) {
    if (!value) q.bind(index);
    else if constexpr (std::is_same_v<T, TimePoint>) q.bind(index, static_cast<int64_t>(toUnixSeconds(*value)));
    else if constexpr (std::is_same_v<T, double> || std::is_same_v<T, int>) q.bind(index, *value);
    else q.bind(index, static_cast<int64_t>(*value));
}

// T: int, long long (ids), double, TimePoint or std::string.
template <typename T>
std::optional<T> optionalColumn(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    if constexpr (std::is_same_v<T, TimePoint>) return fromUnixSeconds(c.getInt64());
    else if constexpr (std::is_same_v<T, double>) return c.getDouble();
    else if constexpr (std::is_same_v<T, int>) return c.getInt();
    else if constexpr (std::is_same_v<T, std::string>) return c.getString();
    else return c.getInt64();
}

}  // namespace hub::store
