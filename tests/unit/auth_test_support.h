#pragma once
// A hub with cheap password hashing and a manual clock, for the auth tests.
#include "hub/audit/audit_log.h"
#include "hub/auth/bootstrap.h"
#include "hub/auth/login_throttle.h"
#include "hub/auth/password_hasher.h"
#include "hub/auth/session_service.h"
#include "hub/auth/staff_service.h"
#include "hub/store/audit_repository.h"
#include "hub/store/database.h"
#include "service_test_support.h"
#include "store_test_support.h"

namespace hub::testing {

// Production parameters cost ~50 ms per hash; tests use the cheapest legal ones.
inline constexpr auth::Argon2Params cheapArgon2{8, 1, 1};
inline const std::string adminPassword = "correct horse battery";

struct AuthFixture {
    TempDir dir;
    ManualClock clock{fromUnixSeconds(1'764'000'000)};
    std::unique_ptr<store::Database> db = store::Database::open(dir.file("hub.db"));
    auth::PasswordHasher hasher{cheapArgon2};
    auth::LoginThrottle throttle{clock};
    SeededRandom random{20251124};
    auth::SessionService sessions{*db, clock, random};
    audit::AuditLog audit{clock};
    auth::StaffService staff{*db, clock, hasher, throttle, sessions, audit};
    domain::StaffMember adminMember =
        auth::initializeClinic({*db, clock, hasher, audit}, "Shanti Clinic", "admin", adminPassword);
    auth::ActorContext admin{adminMember.id, "admin", domain::Role::Admin, "192.168.1.10", 0};

    int nextPrefix = 0;

    auth::ActorContext actorFor(const domain::StaffMember& m, long long sessionId = 0) const {
        return {m.id, m.username, m.role, "192.168.1.11", sessionId};
    }
    domain::StaffMember addStaff(const std::string& username, const std::string& role,
                                 const std::string& password = "a long enough password") {
        std::optional<auth::DoctorProfileInput> doctor;
        if (role == "doctor") {  // a doctor needs a profile with a unique token prefix
            doctor.emplace();
            doctor->tokenPrefix = std::string(1, static_cast<char>('A' + nextPrefix++ % 26));
        }
        return staff.createStaff(admin, {username, "Staff " + username, role, password, doctor});
    }
    std::vector<store::AuditRecord> auditTrail() { return auditTrailOf(*db); }
    store::AuditRecord lastAudit() { return auditTrail().back(); }
};

}  // namespace hub::testing
