#pragma once
#include "hub/api/route.h"
#include "hub/opd/queue_service.h"

namespace hub::api {

// checkIn, getQueue, callNext, recallToken, skipToken, restoreToken,
// startConsultation, completeToken, cancelToken, transferToken, setTokenPriority,
// recordVitals.
std::vector<Route> queueRoutes(opd::QueueService& queue);

// The JSON shapes, for tests that check responses against them.
Schema tokenSchema();
Schema queueSchema();
Schema vitalsSchema();

}  // namespace hub::api
