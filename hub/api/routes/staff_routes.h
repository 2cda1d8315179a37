#pragma once
#include "hub/api/route.h"
#include "hub/auth/staff_service.h"

namespace hub::api {

// listStaff, createStaff, updateStaff.
std::vector<Route> staffRoutes(auth::StaffService& staff);

}  // namespace hub::api
