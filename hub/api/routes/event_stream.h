#pragma once
// Opening a Server-Sent-Events answer over the stream hub, shared by the staff
// and the display streams: take a place (503 when the hub is full, 429 when
// the device or the owner holds its share), resume after
// the client's Last-Event-ID while the journal still covers it, otherwise start
// with what the caller says (a snapshot, a reset), then follow the topic.
#include "hub/api/route.h"
#include "hub/events/event_journal.h"
#include "hub/events/stream_hub.h"

#include <functional>
#include <string>

namespace hub::api {

struct StreamStart {
    std::string frames;     // sent first, after "retry: 3000"
    long long afterId = 0;  // the journal id the stream continues from
};

// reconnecting: the client sent a Last-Event-ID the journal cannot resume from
// (too old, from before a restart, or not a number).
using StreamStarter = std::function<StreamStart(bool reconnecting)>;

// owner: whose streams these are for the per-owner limit ("session:12", "display:3").
// stillAllowed: see StreamHub::adopt (empty: the stream lives until the client leaves).
ApiResponse openEventStream(const ApiRequest& request, events::StreamHub& hub, const events::EventJournal& journal,
                            std::string topic, const std::string& owner, const StreamStarter& start,
                            std::function<bool()> stillAllowed = {});

// Documents a route as a text/event-stream answer.
void declareEventStream(Route& route);

}  // namespace hub::api
