#include "hub/store/dashboard_repository.h"

namespace hub::store {

std::vector<DoctorDayCounts> DashboardRepository::countsForDay(const std::string& clinicDay) {
    auto q = c_.prepare(
        "SELECT doctor_id, "
        "  sum(state IN ('waiting', 'called')), sum(state = 'done'), sum(state = 'in_consultation'), "
        "  coalesce(avg(CASE WHEN called_at IS NOT NULL THEN called_at - queued_at END), 0), "
        "  count(called_at) "
        "FROM tokens WHERE clinic_day = ?1 GROUP BY doctor_id ORDER BY doctor_id");
    q->bind(1, clinicDay);
    std::vector<DoctorDayCounts> out;
    while (q->executeStep())
        out.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getInt(), q->getColumn(2).getInt(),
                       q->getColumn(3).getInt(), q->getColumn(4).getDouble(), q->getColumn(5).getInt()});
    return out;
}

std::vector<DayCount> DashboardRepository::patientsPerDay(const std::string& firstDay, const std::string& lastDay) {
    auto q = c_.prepare(
        "SELECT clinic_day, count(DISTINCT patient_id) FROM tokens "
        "WHERE clinic_day BETWEEN ?1 AND ?2 AND state <> 'cancelled' GROUP BY clinic_day ORDER BY clinic_day");
    q->bind(1, firstDay);
    q->bind(2, lastDay);
    std::vector<DayCount> out;
    while (q->executeStep()) out.push_back({q->getColumn(0).getString(), q->getColumn(1).getInt()});
    return out;
}

}  // namespace hub::store
