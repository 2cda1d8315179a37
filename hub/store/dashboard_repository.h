#pragma once
// Counts for the owner's dashboard, read from the tokens: no patient is named.
#include "hub/store/connection.h"

#include <string>
#include <vector>

namespace hub::store {

struct DoctorDayCounts {
    long long doctorId = 0;
    int waiting = 0;           // waiting or called, not yet seen
    int seen = 0;              // consultations completed
    int inConsultation = 0;
    double averageWaitSeconds = 0;  // check-in (place in the queue) to being called; 0 when none was called
    int called = 0;            // how many the average is over
};

struct DayCount {
    std::string clinicDay;  // "2026-11-24"
    int patients = 0;       // distinct patients with a token that was not cancelled
};

class DashboardRepository {
public:
    explicit DashboardRepository(Connection& c) : c_(c) {}

    // Every doctor with a token on clinicDay, by doctor id.
    std::vector<DoctorDayCounts> countsForDay(const std::string& clinicDay);
    // Days from firstDay to lastDay (inclusive, "YYYY-MM-DD") that had patients, in order.
    std::vector<DayCount> patientsPerDay(const std::string& firstDay, const std::string& lastDay);

private:
    Connection& c_;
};

}  // namespace hub::store
