#pragma once
#include "hub/api/route.h"
#include "hub/opd/clinic_service.h"

namespace hub::api {

// getClinic, updateClinic, listDoctors.
std::vector<Route> clinicRoutes(opd::ClinicService& clinic);

}  // namespace hub::api
