#pragma once
// Staff accounts in the clinic's words: who works here and in which role.
#include "hub/core/clock.h"
#include "hub/domain/language.h"

#include <optional>
#include <string>
#include <string_view>

namespace hub::domain {

enum class Role { Admin, Doctor, Receptionist, Nurse, Cashier };

inline constexpr Role allRoles[] = {Role::Admin, Role::Doctor, Role::Receptionist, Role::Nurse,
                                    Role::Cashier};

std::string_view roleName(Role role);                  // "admin", "doctor", ...
std::optional<Role> parseRole(std::string_view name);  // nullopt if unknown


struct StaffMember {
    long long id = 0;
    std::string username;
    std::string displayName;
    Role role = Role::Receptionist;
    bool disabled = false;
    TimePoint createdAt{};
    Language language = Language::English;  // of their screens: one of hubLanguages, their own choice
};

// Usernames: 3-32 characters of a-z, 0-9, '.', '_', '-', starting with a letter.
// Returns a message saying what is wrong, or nullopt when valid.
std::optional<std::string> checkUsername(std::string_view username);

// Display names: 1-100 bytes of UTF-8 without control characters.
std::optional<std::string> checkDisplayName(std::string_view displayName);

// Passwords: at least minPasswordLength characters (code points), at most 256
// bytes, not the username. Length is what makes a password strong; composition
// rules only make people write them down (NIST SP 800-63B).
inline constexpr std::size_t minPasswordLength = 10;
std::optional<std::string> checkPassword(std::string_view password, std::string_view username);

}  // namespace hub::domain
