#include "hub/opd/clinic_service.h"

#include "hub/core/error.h"
#include "hub/core/patch.h"
#include "hub/domain/permissions.h"
#include "hub/service/audited.h"
#include "hub/service/clinic_today.h"
#include "hub/store/clinic_repository.h"
#include "hub/store/doctor_repository.h"

namespace hub::opd {

using service::requirePermission;

namespace {

ClinicView readView(store::Connection& c) {
    const auto record = service::requireClinic(c);
    return ClinicView{record.profile, record.demo, store::ClinicRepository(c).chronicConditions()};
}

}  // namespace

ClinicView ClinicService::getClinic(const auth::ActorContext& actor) {
    requirePermission(actor, domain::Operation::GetClinic);
    return db_.read(readView);
}

ClinicView ClinicService::updateClinic(const auth::ActorContext& actor, const ClinicUpdate& u) {
    requirePermission(actor, domain::Operation::UpdateClinic);
    ClinicView updated = db_.write([&](store::Connection& tx) {
        domain::ClinicProfile p = readView(tx).profile;
        assignIfPresent(p.name, u.name);
        assignIfPresent(p.nameBn, u.nameBn);
        assignIfPresent(p.address, u.address);
        assignIfPresent(p.phone, u.phone);
        assignIfPresent(p.email, u.email);
        assignIfPresent(p.timezone, u.timezone);
        assignIfPresent(p.country, u.country);
        assignIfPresent(p.languages, u.languages);
        assignIfPresent(p.letterheadTagline, u.letterheadTagline);
        assignIfPresent(p.letterheadFooter, u.letterheadFooter);
        assignIfPresent(p.registrationNumber, u.registrationNumber);
        if (u.tokenNumbering) {
            const auto n = domain::parseTokenNumbering(*u.tokenNumbering);
            if (!n) throw invalidInput("token_numbering", "token_numbering must be per_doctor or shared");
            p.tokenNumbering = *n;
        }
        if (auto problem = domain::checkClinicProfile(p))
            throw invalidInput(problem->field, problem->field + " " + problem->message);
        store::ClinicRepository(tx).updateProfile(p, clock_.now());
        audit_.append(tx, service::auditEventFor(actor, "clinic.update", "clinic", "1", audit::Outcome::Success));
        return readView(tx);
    });
    if (profileListener_) profileListener_(updated.profile);
    return updated;
}

domain::ClinicProfile ClinicService::profile() {
    return db_.read([](store::Connection& c) { return readView(c).profile; });
}

std::vector<domain::DoctorProfile> ClinicService::listDoctors(const auth::ActorContext& actor) {
    requirePermission(actor, domain::Operation::ListDoctors);
    return db_.read([](store::Connection& c) { return store::DoctorRepository(c).list(); });
}

}  // namespace hub::opd
