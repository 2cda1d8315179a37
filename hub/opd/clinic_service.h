#pragma once
// The clinic's profile and its doctors, as every screen and printout needs them.
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/core/clock.h"
#include "hub/domain/clinic.h"
#include "hub/domain/permissions.h"
#include "hub/store/clinic_repository.h"
#include "hub/store/database.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hub::opd {

struct ClinicView {
    domain::ClinicProfile profile;
    bool demo = false;
    std::vector<store::ChronicCondition> chronicConditions;
};

// Fields absent from the request stay as they are.
struct ClinicUpdate {
    std::optional<std::string> name, nameBn, address, phone, email, timezone, country;
    std::optional<std::vector<domain::Language>> languages;
    std::optional<std::string> letterheadTagline, letterheadFooter, registrationNumber, tokenNumbering;
};

class ClinicService {
public:
    ClinicService(store::Database& db, const Clock& clock, audit::AuditLog& audit)
        : db_(db), clock_(clock), audit_(audit) {}

    ClinicView getClinic(const auth::ActorContext& actor);
    ClinicView updateClinic(const auth::ActorContext& actor, const ClinicUpdate& update);
    std::vector<domain::DoctorProfile> listDoctors(const auth::ActorContext& actor);

    // The profile as the hub itself needs it (to advertise the clinic's name),
    // not on behalf of a staff member.
    domain::ClinicProfile profile();

    // Called with the new profile after each committed update, on the thread that
    // made it: the daemon re-advertises the clinic's name at once. Set it before
    // the service is shared between threads.
    using ProfileListener = std::function<void(const domain::ClinicProfile&)>;
    void onProfileChanged(ProfileListener listener) { profileListener_ = std::move(listener); }

private:
    store::Database& db_;
    const Clock& clock_;
    audit::AuditLog& audit_;
    ProfileListener profileListener_;
};

}  // namespace hub::opd
