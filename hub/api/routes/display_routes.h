#pragma once
#include "hub/api/route.h"
#include "hub/display/display_service.h"
#include "hub/events/event_journal.h"
#include "hub/events/stream_hub.h"

namespace hub::api {

// listDisplays, createDisplay, updateDisplay (admins); getDisplayState and
// displayEvents (public, by the display's key).
std::vector<Route> displayRoutes(display::DisplayService& displays, events::EventJournal& journal,
                                 events::StreamHub& hub);

// The JSON shapes, for tests that check responses against them.
Schema displaySchema(bool withKey);
Schema displayStateSchema();

}  // namespace hub::api
