#pragma once
// Staff use cases: sign-in and account administration. Every change and every
// read of staff accounts writes its audit event in the same transaction as
// the change; refused and failed attempts are audited too.
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/auth/login_throttle.h"
#include "hub/auth/password_hasher.h"
#include "hub/auth/session_service.h"
#include "hub/auth/sign_in_audit.h"
#include "hub/core/clock.h"
#include "hub/domain/clinic.h"
#include "hub/domain/staff.h"
#include "hub/store/database.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::auth {

struct LoginResult {
    std::string token;
    std::string csrfToken;
    long long sessionId = 0;
    TimePoint expiresAt{};
    domain::StaffMember staff;
};

// A doctor's profile as sent by a client; absent fields keep their value (or
// the default on creation). Errors name "doctor.<field>".
struct DoctorProfileInput {
    std::optional<std::string> nameEn, nameBn, qualifications, registrationNumber, specialty, room, tokenPrefix,
        schedule;
    std::optional<long long> consultationFee;
};

// Field names match the API's JSON, so errors name what the client sent.
struct NewStaffRequest {
    std::string username;
    std::string displayName;  // "display_name"
    std::string role;         // "admin", "doctor", ...
    std::string password;
    std::optional<DoctorProfileInput> doctor;  // required for, and only for, role doctor
};

struct StaffUpdate {
    std::optional<std::string> displayName;
    std::optional<std::string> role;
    std::optional<bool> disabled;
    std::optional<std::string> password;  // set by an admin: ends the member's sessions
    std::optional<DoctorProfileInput> doctor;
};

// What staff members set for themselves (updateMyPreferences); unset fields stay.
struct StaffPreferences {
    std::optional<domain::Language> language;  // one of domain::hubLanguages
};

struct UnlockResult {
    domain::StaffMember staff;
    bool wasLocked = false;
    TimePoint lockedUntil{};  // when wasLocked: when the lock would have ended
};

class StaffService {
public:
    // Reads the lock-outs still in force from the database into throttle.
    StaffService(store::Database& db, const Clock& clock, const PasswordHasher& hasher, LoginThrottle& throttle,
                 SessionService& sessions, audit::AuditLog& audit, SignInAuditPolicy signInAudit = {});

    // Unknown username and wrong password give the same error and take about
    // the same time. Throws Unauthenticated; TooManyRequests when throttled
    // (nothing is hashed then); Unavailable when no turn to hash the password
    // came in time. A lock-out this attempt starts is stored and audited at
    // once (who, from where); failed and refused attempts are audited per
    // address and minute (SignInAudit).
    LoginResult login(std::string_view username, std::string_view password, std::string_view clientAddress,
                      std::string_view userAgent);

    // Lifts staffId's sign-in lock-out (and forgets its failures). Admins only.
    UnlockResult unlockAccount(const ActorContext& actor, long long staffId);
    // Periodic upkeep: writes the ended periods of failed sign-ins and deletes
    // lock-outs that have run out.
    void upkeep();
    // Writes every open period of failed sign-ins, so a reader of the trail sees them.
    void flushSignInAudit() { signIns_.flush(true); }

    domain::StaffMember createStaff(const ActorContext& actor, const NewStaffRequest& request);
    // A disabled member's sessions end. The last active admin cannot be
    // disabled or given another role (Conflict).
    domain::StaffMember updateStaff(const ActorContext& actor, long long staffId, const StaffUpdate& update);
    std::vector<domain::StaffMember> listStaff(const ActorContext& actor);
    // The doctor's profile of staffId, if they have one.
    std::optional<domain::DoctorProfile> doctorProfile(long long staffId);
    // Admins may read anyone; everyone may read themselves.
    domain::StaffMember getStaff(const ActorContext& actor, long long staffId);
    // Ends the actor's other sessions. A wrong current password is an
    // InvalidInput on "current_password" and counts as a failed sign-in.
    void changeOwnPassword(const ActorContext& actor, std::string_view currentPassword,
                           std::string_view newPassword);
    // The actor's own preferences (the language of their screens). An
    // unknown language is an InvalidInput on "language".
    domain::StaffMember updateOwnPreferences(const ActorContext& actor, const StaffPreferences& preferences);

private:
    void auditAttempt(const audit::AuditEvent& event);
    // True while the database still holds the lock-out (an admin or the CLI may have lifted it).
    bool stillLocked(ThrottleKind kind, const std::string& key);
    // Stores and audits the lock-outs a failure started. username: as typed;
    // staff: the account it names, if any.
    void recordLockouts(const std::vector<Lockout>& lockouts, std::string_view username,
                        const std::optional<domain::StaffMember>& staff, std::string_view clientAddress);
    LoginThrottle::Attempt beginAttempt(std::string_view username, std::string_view clientAddress);

    store::Database& db_;
    const Clock& clock_;
    const PasswordHasher& hasher_;
    LoginThrottle& throttle_;
    SessionService& sessions_;
    audit::AuditLog& audit_;
    SignInAudit signIns_;
    std::string dummyHash_;  // verified against for unknown usernames, to even out timing
};

}  // namespace hub::auth
