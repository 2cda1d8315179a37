#include "hub/auth/bootstrap.h"

#include "hub/core/error.h"
#include "hub/core/random.h"
#include "hub/core/text.h"
#include "hub/store/clinic_repository.h"
#include "hub/store/doctor_repository.h"
#include "hub/store/lockout_repository.h"
#include "hub/store/session_repository.h"
#include "hub/store/staff_repository.h"

#include <string>

namespace hub::auth {
namespace {

audit::AuditEvent cliEvent(std::string_view action, long long staffId, std::string detail) {
    audit::AuditEvent e;
    e.actorUsername = "cli";
    e.action = std::string(action);
    e.objectType = "staff";
    e.objectId = std::to_string(staffId);
    e.clientAddress = "local";
    e.detail = std::move(detail);
    return e;
}

void check(const std::optional<std::string>& problem, const std::string& field) {
    if (problem) throw invalidInput(field, field + " " + *problem);
}

store::StaffRecord requireStaff(store::StaffRepository& repo, std::string_view username) {
    auto found = repo.findByUsername(username);
    if (!found) throw notFound("no staff member named '" + std::string(username) + "'");
    return std::move(*found);
}

}  // namespace

bool isInitialized(store::Database& db) {
    return db.read([](store::Connection& c) { return store::ClinicRepository(c).get().has_value(); });
}

domain::StaffMember initializeClinic(const AdminToolContext& ctx, std::string_view clinicName,
                                     std::string_view adminUsername, std::string_view adminPassword,
                                     const ClinicSetup& setup) {
    check(domain::checkDisplayName(clinicName), "clinic_name");
    check(domain::checkUsername(adminUsername), "username");
    check(domain::checkPassword(adminPassword, adminUsername), "password");
    if (isInitialized(ctx.db)) throw conflict("the clinic is already initialised");
    const std::string hash = ctx.hasher.hash(adminPassword);

    return ctx.db.write([&](store::Connection& tx) {
        const TimePoint now = ctx.clock.now();
        store::ClinicRecord clinic;
        clinic.profile.name = std::string(clinicName);
        SystemRandom kernel;
        const auto box = (setup.random ? *setup.random : static_cast<Random&>(kernel)).bytes(16);
        clinic.boxId = hexEncode(std::string_view(reinterpret_cast<const char*>(box.data()), box.size()));
        clinic.createdAt = now;
        clinic.profile.timezone = setup.timezone;
        clinic.demo = setup.demo;
        store::ClinicRepository(tx).create(clinic);  // Conflict if another init won the race

        store::StaffRepository staff(tx);
        const long long id =
            staff.insert({std::string(adminUsername), std::string(adminUsername), domain::Role::Admin, hash, now});
        ctx.audit.append(tx, cliEvent("clinic.initialize", id, "first admin created"));
        return staff.findById(id)->member;
    });
}

domain::StaffMember addStaffByUsername(const AdminToolContext& ctx, std::string_view username,
                                       std::string_view displayName, std::string_view role,
                                       std::string_view password, std::optional<domain::DoctorProfile> doctor) {
    check(domain::checkUsername(username), "username");
    check(domain::checkDisplayName(displayName), "display_name");
    const auto parsedRole = domain::parseRole(role);
    if (!parsedRole) throw invalidInput("role", "role must be admin, doctor, receptionist, nurse or cashier");
    check(domain::checkPassword(password, username), "password");
    if ((*parsedRole == domain::Role::Doctor) != doctor.has_value())
        throw invalidInput("doctor", doctor ? "only doctors have a doctor profile"
                                            : "a doctor needs a profile with a token prefix");
    if (doctor) {
        if (doctor->nameEn.empty()) doctor->nameEn = std::string(displayName);
        if (auto problem = domain::checkDoctorProfile(*doctor))
            throw invalidInput("doctor." + problem->field, "doctor." + problem->field + " " + problem->message);
    }
    const std::string hash = ctx.hasher.hash(password);
    return ctx.db.write([&](store::Connection& tx) {
        store::StaffRepository staff(tx);
        const long long id = staff.insert({std::string(username), std::string(displayName), *parsedRole, hash,
                                           ctx.clock.now()});
        if (doctor) {
            doctor->staffId = id;
            store::DoctorRepository(tx).save(*doctor, ctx.clock.now());
        }
        ctx.audit.append(tx, cliEvent("staff.create", id, "role=" + std::string(role)));
        return staff.findById(id)->member;
    });
}

void setPasswordByUsername(const AdminToolContext& ctx, std::string_view username, std::string_view newPassword) {
    check(domain::checkPassword(newPassword, username), "password");
    const std::string hash = ctx.hasher.hash(newPassword);
    ctx.db.write([&](store::Connection& tx) {
        store::StaffRepository repo(tx);
        const auto target = requireStaff(repo, username);
        repo.setPassword(target.member.id, hash, ctx.clock.now());
        const int ended = store::SessionRepository(tx).removeAllOf(target.member.id);
        ctx.audit.append(tx, cliEvent("staff.update", target.member.id,
                                      "password; ended " + std::to_string(ended) + " sessions"));
    });
}

void setDisabledByUsername(const AdminToolContext& ctx, std::string_view username, bool disabled) {
    ctx.db.write([&](store::Connection& tx) {
        store::StaffRepository repo(tx);
        const auto target = requireStaff(repo, username);
        const domain::StaffMember& m = target.member;
        if (disabled && !m.disabled && m.role == domain::Role::Admin && repo.countActiveAdmins() <= 1)
            throw Error(ErrorCode::Conflict, "'" + m.username + "' is the last active admin", "disabled");
        repo.setDisabled(m.id, disabled, ctx.clock.now());
        int ended = 0;
        if (disabled) ended = store::SessionRepository(tx).removeAllOf(m.id);
        ctx.audit.append(tx, cliEvent("staff.update", m.id,
                                      disabled ? "disabled; ended " + std::to_string(ended) + " sessions" : "enabled"));
    });
}

bool unlockByUsername(const AdminToolContext& ctx, std::string_view username) {
    return ctx.db.write([&](store::Connection& tx) {
        store::StaffRepository repo(tx);
        const auto target = requireStaff(repo, username);
        store::LockoutRepository lockouts(tx);
        const auto lock = lockouts.find("account", target.member.username);
        const bool wasLocked = lock && lock->lockedUntil > ctx.clock.now();
        if (lock) lockouts.remove("account", target.member.username);
        ctx.audit.append(tx, cliEvent("staff.unlock", target.member.id,
                                      wasLocked ? "lifted the sign-in lock-out (until " +
                                                      formatRfc3339(lock->lockedUntil) + ")"
                                                : "was not locked"));
        return wasLocked;
    });
}

}  // namespace hub::auth
