#include "hub/service/clinic_today.h"

namespace hub::service {

Error clinicNotInitialised() {
    return Error(ErrorCode::Unavailable, "the clinic is not initialised (clinic-hub init)");
}

store::ClinicRecord requireClinic(store::Connection& c) {
    auto clinic = store::ClinicRepository(c).get();
    if (!clinic) throw clinicNotInitialised();
    return std::move(*clinic);
}

ClinicToday clinicToday(store::Connection& c, TimePoint now) {
    store::ClinicRecord clinic = requireClinic(c);
    const domain::ClinicDay day = domain::clinicDayAt(now, clinic.profile.timezone);
    return {std::move(clinic.profile), day};
}

domain::Date clinicDateAt(store::Connection& c, TimePoint t) { return clinicToday(c, t).date(); }

}  // namespace hub::service
