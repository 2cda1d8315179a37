#pragma once
// Optional values in and out of SQLite: NULL means "not recorded". One place
// for the conversions, so every repository maps NULL, ids, times and readings
// the same way.
#include "hub/core/clock.h"

#include "hub/core/error.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

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

// Every row q returns, each as read(q) makes it: the one loop of a listing.
template <typename Read>
auto allRows(SQLite::Statement& q, Read&& read) {
    std::vector<std::decay_t<decltype(read(q))>> rows;
    while (q.executeStep()) rows.push_back(read(q));
    return rows;
}

// The first row q returns as read(q) makes it, if there is one: a lookup.
template <typename Read>
auto firstRow(SQLite::Statement& q, Read&& read) -> std::optional<std::decay_t<decltype(read(q))>> {
    if (!q.executeStep()) return std::nullopt;
    return read(q);
}

// A column holding one of a domain vocabulary's names ("cancelled", "female",
// "bn"), read with the domain's parser. The tables' CHECK constraints make an
// unknown name unreachable unless the file was edited by hand: Internal, naming
// what it is and the text.
template <typename T>
T namedColumn(const SQLite::Column& c, std::optional<T> (*parse)(std::string_view), std::string_view what) {
    const std::string text = c.getString();
    if (const auto value = parse(text)) return *value;
    throw Error(ErrorCode::Internal, "unknown " + std::string(what) + " in the database: " + text);
}

}  // namespace hub::store
