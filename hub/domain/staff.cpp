#include "hub/domain/staff.h"

#include "hub/core/text.h"

#include <algorithm>

namespace hub::domain {

std::string_view roleName(Role role) {
    switch (role) {
        case Role::Admin: return "admin";
        case Role::Doctor: return "doctor";
        case Role::Receptionist: return "receptionist";
        case Role::Nurse: return "nurse";
        case Role::Cashier: return "cashier";
    }
    return "receptionist";
}

std::optional<Role> parseRole(std::string_view name) {
    for (Role r : allRoles)
        if (roleName(r) == name) return r;
    return std::nullopt;
}

std::optional<std::string> checkUsername(std::string_view u) {
    if (u.size() < 3 || u.size() > 32) return "must be 3 to 32 characters";
    if (u[0] < 'a' || u[0] > 'z') return "must start with a lower-case letter";
    const bool ok = std::all_of(u.begin(), u.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
    if (!ok) return "may contain only a-z, 0-9, '.', '_' and '-'";
    return std::nullopt;
}

namespace {

bool hasControlCharacter(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7F;
    });
}

}  // namespace

std::optional<std::string> checkDisplayName(std::string_view name) {
    if (name.empty() || name.size() > 100) return "must be 1 to 100 bytes";
    if (!utf8Length(name)) return "must be valid UTF-8";
    if (hasControlCharacter(name)) return "must not contain control characters";
    return std::nullopt;
}

std::optional<std::string> checkPassword(std::string_view password, std::string_view username) {
    const auto length = utf8Length(password);
    if (!length) return "must be valid UTF-8";
    if (*length < minPasswordLength)
        return "must be at least " + std::to_string(minPasswordLength) + " characters";
    if (password.size() > 256) return "must be at most 256 bytes";
    if (password == username) return "must not be the username";
    return std::nullopt;
}

}  // namespace hub::domain
