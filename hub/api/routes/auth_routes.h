#pragma once
#include "hub/api/route.h"
#include "hub/auth/session_service.h"
#include "hub/auth/staff_service.h"

namespace hub::api {

// login, logout, logoutAll, whoami, changeOwnPassword.
std::vector<Route> authRoutes(auth::StaffService& staff, auth::SessionService& sessions,
                              std::chrono::seconds sessionLifetime);

}  // namespace hub::api
