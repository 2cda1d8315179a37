#pragma once
#include "hub/api/route.h"
#include "hub/events/event_journal.h"
#include "hub/events/stream_hub.h"

namespace hub::api {

// queueEvents: the staff stream of queue changes (ids and labels, no names).
std::vector<Route> queueEventRoutes(events::EventJournal& journal, events::StreamHub& hub);

}  // namespace hub::api
