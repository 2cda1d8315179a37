#pragma once
// A partial update (PATCH) carries only the fields the client changes; each is
// an optional. Copying "if sent" in one place keeps every merge the same.
#include <optional>

namespace hub {

template <typename T>
void assignIfPresent(T& field, const std::optional<T>& value) {
    if (value) field = *value;
}

}  // namespace hub
