#pragma once
// The display's JSON, written once for every place it appears: the admin API,
// getDisplayState, and the events the streams carry (which the journal keeps
// as text, rendered once per event rather than once per connected screen).
#include "hub/display/display_projection.h"
#include "hub/opd/queue_events.h"

#include <Poco/JSON/Object.h>

#include <string>

namespace hub::display {

std::string displayUrl(const std::string& key);  // "/display/<key>"

// A display's settings; admins also see its key and url.
Poco::JSON::Object::Ptr displayJson(const domain::Display& display, bool withKey);
Poco::JSON::Object::Ptr doctorBoardJson(const DoctorBoard& board, bool withInitial);
Poco::JSON::Object::Ptr stateJson(const DisplayState& state);
// The display stream's queue event: { type, doctor_id, label, room, doctor }.
Poco::JSON::Object::Ptr displayQueueEventJson(const opd::QueueEvent& event, const DoctorBoard& board,
                                              bool withInitial);
// The staff stream's: { type, token_id, doctor_id, label, clinic_day, at } (ids, no names).
Poco::JSON::Object::Ptr staffQueueEventJson(const opd::QueueEvent& event, int utcOffsetMinutes);

}  // namespace hub::display
