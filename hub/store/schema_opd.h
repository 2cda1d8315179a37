#pragma once
#include <string_view>

// SQL of the OPD day's migrations; listed in order in migrations.cpp.
namespace hub::store::schema {

extern const std::string_view clinicProfile;  // 2
extern const std::string_view patients;       // 3
extern const std::string_view queues;         // 4
extern const std::string_view visits;         // 5

}  // namespace hub::store::schema
