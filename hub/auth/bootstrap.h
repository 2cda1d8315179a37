#pragma once
// Account operations for the command line (clinic-hub init, clinic-hub user
// passwd|disable|enable|unlock). They run in the CLI's own process, so a running
// daemon notices ended sessions at its next revalidation (SessionPolicy::
// touchInterval), not instantly. Audited with actor "cli".
#include "hub/audit/audit_log.h"
#include "hub/auth/password_hasher.h"
#include "hub/core/clock.h"
#include "hub/core/random.h"
#include "hub/domain/clinic.h"
#include "hub/domain/staff.h"
#include "hub/store/database.h"

#include <optional>
#include <string>
#include <string_view>

namespace hub::auth {

struct AdminToolContext {
    store::Database& db;
    const Clock& clock;
    const PasswordHasher& hasher;
    audit::AuditLog& audit;
};

bool isInitialized(store::Database& db);

struct ClinicSetup {
    std::string timezone = "Asia/Dhaka";  // IANA name
    bool demo = false;                    // a demo clinic, never a real one
    // Where the box's id comes from (randomness is injected like the clock);
    // the kernel's (SystemRandom) when none is given.
    Random* random = nullptr;
};

// Creates the clinic row and its first admin in one transaction. Throws
// Conflict if the clinic is already initialised, InvalidInput naming
// "clinic_name", "username" or "password" for bad values.
domain::StaffMember initializeClinic(const AdminToolContext& ctx, std::string_view clinicName,
                                     std::string_view adminUsername, std::string_view adminPassword,
                                     const ClinicSetup& setup = {});

// Adds a staff account (clinic-hub user add). InvalidInput naming "username",
// "display_name", "role" or "password"; Conflict on "username" if taken.
// A doctor needs a profile with at least a token prefix ("doctor.token_prefix").
domain::StaffMember addStaffByUsername(const AdminToolContext& ctx, std::string_view username,
                                       std::string_view displayName, std::string_view role,
                                       std::string_view password,
                                       std::optional<domain::DoctorProfile> doctor = std::nullopt);

// Sets a new password and ends the member's sessions. NotFound for an unknown username.
void setPasswordByUsername(const AdminToolContext& ctx, std::string_view username, std::string_view newPassword);

// Disabling ends the member's sessions; the last active admin cannot be disabled (Conflict).
void setDisabledByUsername(const AdminToolContext& ctx, std::string_view username, bool disabled);

// Lifts the account's sign-in lock-out (clinic-hub user unlock). The lock-out
// lives in the database, which a running daemon consults before refusing a
// locked account, so this takes effect at the owner's next attempt. Returns
// whether it was locked. NotFound for an unknown username.
bool unlockByUsername(const AdminToolContext& ctx, std::string_view username);

}  // namespace hub::auth
