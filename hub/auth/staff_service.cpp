#include "hub/auth/staff_service.h"

#include "hub/core/error.h"
#include "hub/core/patch.h"
#include "hub/core/random.h"
#include "hub/domain/permissions.h"
#include "hub/service/audited.h"
#include "hub/store/doctor_repository.h"
#include "hub/store/lockout_repository.h"
#include "hub/store/session_repository.h"
#include "hub/store/staff_repository.h"

namespace hub::auth {
namespace {

using audit::Outcome;
using domain::Operation;

constexpr std::size_t maxTypedUsernameBytes = 64;  // longer cannot exist; bounds audit rows
constexpr std::size_t maxPasswordBytes = 1024;     // above checkPassword's limit; bounds hashing work

const std::string rolesList = "admin, doctor, receptionist, nurse, cashier";

// Domain checks say "must be ..."; prefix the field so the message stands alone.
void check(const std::optional<std::string>& problem, const std::string& field) {
    if (problem) throw invalidInput(field, field + " " + *problem);
}

domain::Role parseRoleField(const std::string& role) {
    auto parsed = domain::parseRole(role);
    if (!parsed) throw invalidInput("role", "role must be one of " + rolesList);
    return *parsed;
}

Error wrongCredentials() { return Error(ErrorCode::Unauthenticated, "wrong username or password"); }

}  // namespace

StaffService::StaffService(store::Database& db, const Clock& clock, const PasswordHasher& hasher,
                           LoginThrottle& throttle, SessionService& sessions, audit::AuditLog& audit,
                           SignInAuditPolicy signInAudit)
    : db_(db), clock_(clock), hasher_(hasher), throttle_(throttle), sessions_(sessions), audit_(audit),
      signIns_(db, clock, audit, signInAudit), dummyHash_(hasher.hash(randomToken(16))) {
    const auto active = db_.read([&](store::Connection& c) { return store::LockoutRepository(c).activeAt(clock_.now()); });
    for (const auto& l : active)
        throttle_.restore(Lockout{l.kind == "address" ? ThrottleKind::Address : ThrottleKind::Account, l.key,
                                  l.lockedUntil, l.failures});
}

bool StaffService::stillLocked(ThrottleKind kind, const std::string& key) {
    const auto row = db_.read(
        [&](store::Connection& c) { return store::LockoutRepository(c).find(throttleKindName(kind), key); });
    return row && row->lockedUntil > clock_.now();
}

LoginThrottle::Attempt StaffService::beginAttempt(std::string_view username, std::string_view clientAddress) {
    return throttle_.begin(username, clientAddress,
                           [this](ThrottleKind kind, const std::string& key) { return stillLocked(kind, key); });
}

void StaffService::recordLockouts(const std::vector<Lockout>& lockouts, std::string_view username,
                                  const std::optional<domain::StaffMember>& staff, std::string_view clientAddress) {
    if (lockouts.empty()) return;
    const TimePoint now = clock_.now();
    db_.write([&](store::Connection& tx) {
        store::LockoutRepository repo(tx);
        for (const auto& l : lockouts) {
            const bool account = l.kind == ThrottleKind::Account;
            // A name that is no account has nothing to protect across a
            // restart, and may be a password typed into the wrong box: its
            // lock stays in memory only.
            if (!account || staff)
                repo.save({std::string(throttleKindName(l.kind)), l.key, now, l.until, l.failures,
                           std::string(clientAddress)});
            audit::AuditEvent e;
            e.action = "login.locked";
            e.objectType = account ? "account" : "address";
            e.objectId = account ? storedUsername(username, staff.has_value()) : l.key;
            e.actorUsername = storedUsername(username, staff.has_value());
            if (staff) {
                e.actorId = staff->id;
                e.actorRole = std::string(domain::roleName(staff->role));
            }
            e.clientAddress = std::string(clientAddress);
            e.outcome = Outcome::Denied;
            e.detail = std::string(account ? "account" : "address") + " locked until " + formatRfc3339(l.until) +
                       " after " + std::to_string(l.failures) + " failed sign-ins within " +
                       std::to_string(throttle_.policy().window.count() / 60) + " minutes; the last from " +
                       std::string(clientAddress);
            audit_.append(tx, e);
        }
    });
}

void StaffService::upkeep() {
    signIns_.flush();
    db_.write([&](store::Connection& tx) { store::LockoutRepository(tx).removeExpired(clock_.now()); });
}

void StaffService::auditAttempt(const audit::AuditEvent& event) {
    db_.write([&](store::Connection& tx) { audit_.append(tx, event); });
}

LoginResult StaffService::login(std::string_view username, std::string_view password, std::string_view clientAddress,
                                std::string_view userAgent) {
    signIns_.flush();  // periods that ended since the last attempt
    std::optional<store::StaffRecord> staff;
    const auto lookUp = [&] {
        if (username.size() <= maxTypedUsernameBytes && !domain::checkUsername(username))
            staff = db_.read([&](store::Connection& c) { return store::StaffRepository(c).findByUsername(username); });
    };
    const auto noteFailure = [&](SignInAudit::Kind kind) {
        signIns_.note(clientAddress, storedUsername(username, staff.has_value()),
                      staff ? std::optional(staff->member.id) : std::nullopt, kind);
    };

    // A place among the few guesses allowed is reserved before any hashing.
    std::optional<LoginThrottle::Attempt> attempt;
    try {
        attempt.emplace(beginAttempt(username, clientAddress));
    } catch (const Error& e) {
        lookUp();
        noteFailure(SignInAudit::Kind::Throttled);
        throw;
    }

    lookUp();
    // Unknown users are checked against a dummy hash so both failures cost the same.
    const std::string_view checked = password.substr(0, maxPasswordBytes);
    bool matches = false;
    try {
        matches = hasher_.verify(checked, staff ? staff->passwordHash : dummyHash_);
    } catch (const Error& e) {
        if (e.code() == ErrorCode::Unavailable) noteFailure(SignInAudit::Kind::Busy);
        throw;  // the attempt gives its place back: it was never checked
    }
    if (!staff || !matches || password.size() > maxPasswordBytes) {
        const auto lockouts = attempt->failed();
        recordLockouts(lockouts, username, staff ? std::optional(staff->member) : std::nullopt, clientAddress);
        noteFailure(staff ? SignInAudit::Kind::WrongPassword : SignInAudit::Kind::UnknownUsername);
        throw wrongCredentials();
    }
    attempt->succeeded();
    auto event = [&](Outcome outcome, std::string detail, const store::StaffRecord& member) {
        audit::AuditEvent e;
        e.action = "login";
        e.objectType = "session";
        e.actorUsername = member.member.username;
        e.actorId = member.member.id;
        e.actorRole = std::string(domain::roleName(member.member.role));
        e.clientAddress = std::string(clientAddress);
        e.outcome = outcome;
        e.detail = std::move(detail);
        return e;
    };
    if (staff->member.disabled) {
        auditAttempt(event(Outcome::Failure, "account disabled", *staff));
        throw Error(ErrorCode::Unauthenticated, "this account is disabled; ask the clinic's admin");
    }

    // Hashes made under older parameters are upgraded while we hold the password.
    std::optional<std::string> upgraded;
    if (hasher_.needsRehash(staff->passwordHash)) upgraded = hasher_.hash(password);

    return db_.write([&](store::Connection& tx) {
        store::StaffRepository repo(tx);
        // The account may have changed while the password was being checked.
        const auto current = repo.findById(staff->member.id);
        if (!current || current->member.disabled || current->passwordHash != staff->passwordHash)
            throw wrongCredentials();
        if (upgraded) repo.rehashPassword(current->member.id, *upgraded);
        NewSession session = sessions_.create(tx, current->member, clientAddress, userAgent);
        audit::AuditEvent e = event(Outcome::Success, "", *current);
        e.objectId = std::to_string(session.session.id);
        audit_.append(tx, e);
        return LoginResult{std::move(session.token), std::move(session.csrfToken), session.session.id,
                           session.session.expiresAt, current->member};
    });
}

UnlockResult StaffService::unlockAccount(const ActorContext& actor, long long staffId) {
    const std::string objectId = std::to_string(staffId);
    auto result = service::audited(db_, audit_, actor, {Operation::UnlockAccount, "staff.unlock", "staff", objectId}, [&] {
        return db_.write([&](store::Connection& tx) {
            const auto target = store::StaffRepository(tx).findById(staffId);
            if (!target) throw notFound("no staff member with id " + objectId);
            store::LockoutRepository lockouts(tx);
            const auto lock = lockouts.find(throttleKindName(ThrottleKind::Account), target->member.username);
            UnlockResult r{target->member, lock && lock->lockedUntil > clock_.now(), {}};
            if (r.wasLocked) r.lockedUntil = lock->lockedUntil;
            if (lock) lockouts.remove(throttleKindName(ThrottleKind::Account), target->member.username);
            audit::AuditEvent e = service::auditEventFor(actor, "staff.unlock", "staff", objectId, Outcome::Success);
            e.detail = r.wasLocked ? "lifted the sign-in lock-out of '" + target->member.username + "' (until " +
                                         formatRfc3339(r.lockedUntil) + ")"
                                   : "'" + target->member.username + "' was not locked; failures forgotten";
            audit_.append(tx, e);
            return r;
        });
    });
    throttle_.unlock(ThrottleKind::Account, result.staff.username);
    return result;
}

namespace {

// Merges a client's doctor fields into profile and validates the result.
void applyDoctorInput(domain::DoctorProfile& profile, const DoctorProfileInput& in) {
    assignIfPresent(profile.nameEn, in.nameEn);
    assignIfPresent(profile.nameBn, in.nameBn);
    assignIfPresent(profile.qualifications, in.qualifications);
    assignIfPresent(profile.registrationNumber, in.registrationNumber);
    assignIfPresent(profile.specialty, in.specialty);
    assignIfPresent(profile.room, in.room);
    assignIfPresent(profile.tokenPrefix, in.tokenPrefix);
    assignIfPresent(profile.schedule, in.schedule);
    assignIfPresent(profile.consultationFee, in.consultationFee);
    if (auto problem = domain::checkDoctorProfile(profile))
        throw invalidInput("doctor." + problem->field, "doctor." + problem->field + " " + problem->message);
}

}  // namespace

std::optional<domain::DoctorProfile> StaffService::doctorProfile(long long staffId) {
    return db_.read([&](store::Connection& c) { return store::DoctorRepository(c).find(staffId); });
}

domain::StaffMember StaffService::createStaff(const ActorContext& actor, const NewStaffRequest& request) {
    return service::audited(db_, audit_, actor, {Operation::CreateStaff, "staff.create", "staff", ""}, [&] {
        check(domain::checkUsername(request.username), "username");
        check(domain::checkDisplayName(request.displayName), "display_name");
        const domain::Role role = parseRoleField(request.role);
        check(domain::checkPassword(request.password, request.username), "password");
        std::optional<domain::DoctorProfile> doctor;
        if (role == domain::Role::Doctor) {
            if (!request.doctor)
                throw invalidInput("doctor", "doctor is required for role doctor (at least its token_prefix)");
            doctor.emplace();
            doctor->nameEn = request.displayName;
            applyDoctorInput(*doctor, *request.doctor);
        } else if (request.doctor) {
            throw invalidInput("doctor", "doctor is only for staff with role doctor");
        }
        const std::string hash = hasher_.hash(request.password);

        return db_.write([&](store::Connection& tx) {
            store::StaffRepository repo(tx);
            if (repo.findByUsername(request.username))
                throw Error(ErrorCode::Conflict, "username '" + request.username + "' is already taken", "username");
            const long long id = repo.insert({request.username, request.displayName, role, hash, clock_.now()});
            if (doctor) {
                doctor->staffId = id;
                store::DoctorRepository(tx).save(*doctor, clock_.now());
            }
            audit::AuditEvent e = service::auditEventFor(actor, "staff.create", "staff", std::to_string(id), Outcome::Success);
            e.detail = "role=" + request.role;
            audit_.append(tx, e);
            return repo.findById(id)->member;
        });
    });
}

domain::StaffMember StaffService::updateStaff(const ActorContext& actor, long long staffId, const StaffUpdate& update) {
    const std::string objectId = std::to_string(staffId);
    return service::audited(db_, audit_, actor, {Operation::UpdateStaff, "staff.update", "staff", objectId}, [&] {
        if (update.displayName) check(domain::checkDisplayName(*update.displayName), "display_name");
        std::optional<domain::Role> role;
        if (update.role) role = parseRoleField(*update.role);
        std::optional<std::string> newHash;
        if (update.password) {
            const auto target =
                db_.read([&](store::Connection& c) { return store::StaffRepository(c).findById(staffId); });
            if (!target) throw notFound("no staff member with id " + objectId);
            check(domain::checkPassword(*update.password, target->member.username), "password");
            newHash = hasher_.hash(*update.password);
        }

        auto updated = db_.write([&](store::Connection& tx) {
            store::StaffRepository repo(tx);
            const auto target = repo.findById(staffId);
            if (!target) throw notFound("no staff member with id " + objectId);
            const domain::StaffMember& was = target->member;
            const TimePoint now = clock_.now();
            const bool disabling = update.disabled.value_or(was.disabled) && !was.disabled;
            const bool demoting = role && *role != domain::Role::Admin && was.role == domain::Role::Admin;
            if ((disabling || demoting) && was.role == domain::Role::Admin && !was.disabled &&
                repo.countActiveAdmins() <= 1) {
                throw Error(ErrorCode::Conflict,
                            "'" + was.username + "' is the last active admin; make someone else admin first",
                            disabling ? "disabled" : "role");
            }
            std::string changed;
            if (update.displayName && *update.displayName != was.displayName) {
                repo.updateDisplayName(staffId, *update.displayName, now);
                changed += "display_name ";
            }
            if (role && *role != was.role) {
                repo.updateRole(staffId, *role, now);
                changed += "role=" + std::string(domain::roleName(*role)) + " ";
            }
            if (update.disabled && *update.disabled != was.disabled) {
                repo.setDisabled(staffId, *update.disabled, now);
                changed += *update.disabled ? "disabled " : "enabled ";
            }
            if (newHash) {
                repo.setPassword(staffId, *newHash, now);
                changed += "password ";
            }
            const domain::Role newRole = role.value_or(was.role);
            store::DoctorRepository doctors(tx);
            auto profile = doctors.find(staffId);
            if (update.doctor) {
                if (newRole != domain::Role::Doctor)
                    throw invalidInput("doctor", "doctor is only for staff with role doctor");
                if (!profile) {
                    profile.emplace();
                    profile->staffId = staffId;
                    profile->nameEn = update.displayName.value_or(was.displayName);
                }
                applyDoctorInput(*profile, *update.doctor);
                doctors.save(*profile, now);
                changed += "doctor ";
            } else if (newRole == domain::Role::Doctor && !profile) {
                throw invalidInput("doctor", "doctor is required to make this account a doctor");
            }
            // A disabled account, or one whose password an admin reset, is signed out everywhere.
            if (disabling || newHash) store::SessionRepository(tx).removeAllOf(staffId);
            audit::AuditEvent e = service::auditEventFor(actor, "staff.update", "staff", objectId, Outcome::Success);
            e.detail = changed.empty() ? "no change" : changed.substr(0, changed.size() - 1);
            audit_.append(tx, e);
            return repo.findById(staffId)->member;
        });
        sessions_.forgetStaff(staffId);
        return updated;
    });
}

std::vector<domain::StaffMember> StaffService::listStaff(const ActorContext& actor) {
    return service::audited(db_, audit_, actor, {Operation::ListStaff, "staff.list", "staff", ""}, [&] {
        return db_.write([&](store::Connection& tx) {
            std::vector<domain::StaffMember> all;
            for (auto& r : store::StaffRepository(tx).list()) all.push_back(std::move(r.member));
            audit::AuditEvent e = service::auditEventFor(actor, "staff.list", "staff", "", Outcome::Success);
            e.detail = std::to_string(all.size()) + " staff";
            audit_.append(tx, e);
            return all;
        });
    });
}

domain::StaffMember StaffService::getStaff(const ActorContext& actor, long long staffId) {
    const std::string objectId = std::to_string(staffId);
    // Not the permission table alone: everyone may read themselves.
    return service::audited(db_, audit_, actor, {std::nullopt, "staff.read", "staff", objectId}, [&] {
        if (actor.staffId != staffId) service::requirePermission(actor, Operation::ListStaff);
        return db_.write([&](store::Connection& tx) {
            auto found = store::StaffRepository(tx).findById(staffId);
            if (!found) throw notFound("no staff member with id " + objectId);
            audit_.append(tx, service::auditEventFor(actor, "staff.read", "staff", objectId, Outcome::Success));
            return found->member;
        });
    });
}

void StaffService::changeOwnPassword(const ActorContext& actor, std::string_view currentPassword,
                                     std::string_view newPassword) {
    const std::string objectId = std::to_string(actor.staffId);
    service::audited(db_, audit_, actor, {Operation::ChangeOwnPassword, "staff.password_change", "staff", objectId}, [&] {
        auto attempt = beginAttempt(actor.username, actor.clientAddress);
        const auto me = db_.read([&](store::Connection& c) { return store::StaffRepository(c).findById(actor.staffId); });
        if (!me) throw Error(ErrorCode::Unauthenticated, "sign in first");
        if (currentPassword.size() > maxPasswordBytes || !hasher_.verify(currentPassword, me->passwordHash)) {
            recordLockouts(attempt.failed(), actor.username, me->member, actor.clientAddress);
            throw invalidInput("current_password", "the current password is wrong");
        }
        attempt.succeeded();
        check(domain::checkPassword(newPassword, me->member.username), "password");
        const std::string hash = hasher_.hash(newPassword);
        db_.write([&](store::Connection& tx) {
            store::StaffRepository(tx).setPassword(actor.staffId, hash, clock_.now());
            const int ended = store::SessionRepository(tx).removeAllOf(actor.staffId, actor.sessionId);
            audit::AuditEvent e =
                service::auditEventFor(actor, "staff.password_change", "staff", objectId, Outcome::Success);
            e.detail = "ended " + std::to_string(ended) + " other sessions";
            audit_.append(tx, e);
        });
        sessions_.forgetStaff(actor.staffId);
    });
}

domain::StaffMember StaffService::updateOwnPreferences(const ActorContext& actor,
                                                      const StaffPreferences& preferences) {
    const std::string objectId = std::to_string(actor.staffId);
    return service::audited(
        db_, audit_, actor, {Operation::UpdateMyPreferences, "staff.preferences", "staff", objectId}, [&] {
            if (preferences.language && !domain::hasOwnWords(*preferences.language))
                throw invalidInput("language", "the staff app has no screens in that language: en or bn");
            auto updated = db_.write([&](store::Connection& tx) {
                store::StaffRepository repo(tx);
                if (preferences.language) repo.setLanguage(actor.staffId, *preferences.language, clock_.now());
                const auto me = repo.findById(actor.staffId);
                if (!me) throw Error(ErrorCode::Unauthenticated, "sign in first");
                audit::AuditEvent e =
                    service::auditEventFor(actor, "staff.preferences", "staff", objectId, Outcome::Success);
                e.detail = "language=" + std::string(domain::languageName(me->member.language));
                audit_.append(tx, e);
                return me->member;
            });
            // Cached sessions hold the member as they were; whoami must answer the new language.
            sessions_.forgetStaff(actor.staffId);
            return updated;
        });
}

}  // namespace hub::auth
