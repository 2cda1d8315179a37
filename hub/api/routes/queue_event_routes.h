#pragma once
#include "hub/api/route.h"
#include "hub/auth/session_service.h"
#include "hub/events/event_journal.h"
#include "hub/events/stream_hub.h"

namespace hub::api {

// queueEvents: the staff stream of queue changes (ids and labels, no names),
// closed once the session that opened it ends.
std::vector<Route> queueEventRoutes(events::EventJournal& journal, events::StreamHub& hub,
                                    auth::SessionService& sessions);

}  // namespace hub::api
