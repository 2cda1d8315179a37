#pragma once
// A vocabulary of the domain is an enum and a table of its names in enum
// order (sexNames, priorityNames, languageNames ...). These two functions are
// the one way to go between them, so a new vocabulary is an enum and a table.
#include <cstddef>
#include <optional>
#include <string_view>

namespace hub::domain {

template <typename E, std::size_t N>
constexpr std::string_view nameIn(const std::string_view (&names)[N], E value) {
    return names[static_cast<std::size_t>(value)];
}

template <typename E, std::size_t N>
constexpr std::optional<E> parseNameIn(const std::string_view (&names)[N], std::string_view name) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == name) return static_cast<E>(i);
    return std::nullopt;
}

}  // namespace hub::domain
