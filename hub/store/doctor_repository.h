#pragma once
// Doctors' profiles: a doctor is a staff account with role doctor plus this row.
#include "hub/core/clock.h"
#include "hub/domain/clinic.h"
#include "hub/store/connection.h"

#include <optional>
#include <vector>

namespace hub::store {

class DoctorRepository {
public:
    explicit DoctorRepository(Connection& c) : c_(c) {}

    // Inserts or replaces staffId's profile. Throws Error(Conflict, field
    // "doctor.token_prefix") when another doctor has the prefix.
    void save(const domain::DoctorProfile& doctor, TimePoint at);
    std::optional<domain::DoctorProfile> find(long long staffId);
    // Ordered by name; active is false for disabled accounts.
    std::vector<domain::DoctorProfile> list();

private:
    Connection& c_;
};

}  // namespace hub::store
