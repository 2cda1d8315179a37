#pragma once
// The owner's overview (getDashboard): today's counts per doctor and the
// number of patients on each of the last 30 clinic days. Counts only, so no
// audit event: no patient is read.
#include "hub/auth/actor.h"
#include "hub/core/clock.h"
#include "hub/store/database.h"

#include <string>
#include <vector>

namespace hub::opd {

struct DoctorToday {
    long long doctorId = 0;
    std::string name;
    int waiting = 0, inConsultation = 0, seen = 0;
    int averageWaitMinutes = 0;  // check-in to call, over the tokens called today
};

struct Dashboard {
    std::string clinicDay;
    std::vector<DoctorToday> doctors;  // every active doctor, even with no patient yet
    std::vector<std::pair<std::string, int>> patientsPerDay;  // 30 days up to today, oldest first, zeros included
};

class DashboardService {
public:
    DashboardService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    Dashboard dashboard(const auth::ActorContext& actor);

private:
    store::Database& db_;
    const Clock& clock_;
};

}  // namespace hub::opd
