#pragma once
#include "hub/api/route.h"
#include "hub/jobs/job_admin.h"

namespace hub::api {

// listJobs: the hub's background jobs, their schedules and last runs (admins).
std::vector<Route> jobRoutes(jobs::JobAdmin& admin);

}  // namespace hub::api
