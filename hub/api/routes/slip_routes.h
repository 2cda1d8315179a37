#pragma once
#include "hub/api/route.h"
#include "hub/slip/slip_service.h"
#include "hub/slip/tracking_service.h"

namespace hub::api {

// getTokenSlip, printTokenSlip, and their stylesheet.
std::vector<Route> slipRoutes(slip::SlipService& slips);
// trackToken, the patient's page /t/{code} and its stylesheet: public.
std::vector<Route> trackingRoutes(slip::TrackingService& tracking);

// The JSON shape of trackToken, for tests.
Schema trackingSchema();

}  // namespace hub::api
