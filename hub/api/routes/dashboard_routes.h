#pragma once
#include "hub/api/route.h"
#include "hub/opd/dashboard_service.h"

namespace hub::api {

// getDashboard (GET /api/v1/dashboard): today's counts per doctor and the
// patients of each of the last 30 clinic days, for the owner's overview.
std::vector<Route> dashboardRoutes(opd::DashboardService& dashboard);

}  // namespace hub::api
