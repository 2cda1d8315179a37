#include "hub/opd/dashboard_service.h"

#include "hub/domain/clinic_day.h"
#include "hub/opd/clinic_service.h"
#include "hub/service/audited.h"
#include "hub/service/clinic_today.h"
#include "hub/core/error.h"
#include "hub/store/clinic_repository.h"
#include "hub/store/dashboard_repository.h"
#include "hub/store/doctor_repository.h"

#include <cmath>
#include <map>

namespace hub::opd {

constexpr int dashboardDays = 30;

Dashboard DashboardService::dashboard(const auth::ActorContext& actor) {
    service::requirePermission(actor, domain::Operation::GetDashboard);
    const TimePoint now = clock_.now();
    Dashboard out;
    db_.read([&](store::Connection& c) {
        const auto clinic = service::requireClinic(c);
        const std::string& zone = clinic.profile.timezone;
        const domain::ClinicDay today = domain::clinicDayAt(now, zone);
        out.clinicDay = today.date;
        // The clinic days of the last 30 days, each found from a time inside it (DST-safe: noon).
        std::vector<std::string> days;
        TimePoint at = today.start + std::chrono::hours(12);
        for (int i = 0; i < dashboardDays; ++i) {
            days.insert(days.begin(), domain::clinicDayAt(at, zone).date);
            at -= std::chrono::hours(24);
        }
        std::map<long long, store::DoctorDayCounts> counts;
        for (const auto& d : store::DashboardRepository(c).countsForDay(out.clinicDay)) counts[d.doctorId] = d;
        for (const auto& doctor : store::DoctorRepository(c).list()) {
            if (!doctor.active && !counts.count(doctor.staffId)) continue;
            DoctorToday row;
            row.doctorId = doctor.staffId;
            row.name = doctor.nameEn;
            if (const auto it = counts.find(row.doctorId); it != counts.end()) {
                row.waiting = it->second.waiting;
                row.inConsultation = it->second.inConsultation;
                row.seen = it->second.seen;
                row.averageWaitMinutes = static_cast<int>(std::lround(it->second.averageWaitSeconds / 60.0));
            }
            out.doctors.push_back(row);
        }
        std::map<std::string, int> perDay;
        for (const auto& d : store::DashboardRepository(c).patientsPerDay(days.front(), days.back()))
            perDay[d.clinicDay] = d.patients;
        for (const auto& day : days) out.patientsPerDay.emplace_back(day, perDay.count(day) ? perDay[day] : 0);
    });
    return out;
}

}  // namespace hub::opd
