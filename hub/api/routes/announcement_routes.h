#pragma once
#include "hub/api/route.h"
#include "hub/speech/announcement_service.h"

namespace hub::api {

// getAnnouncement (public, keyed by the display's secret) and getChime.
std::vector<Route> announcementRoutes(speech::AnnouncementService& announcements);

}  // namespace hub::api
