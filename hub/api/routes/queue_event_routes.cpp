#include "hub/api/routes/queue_event_routes.h"

#include "hub/api/routes/event_stream.h"
#include "hub/display/queue_feed.h"

namespace hub::api {

std::vector<Route> queueEventRoutes(events::EventJournal& journal, events::StreamHub& hub) {
    Route events = staffRoute("GET", "/api/v1/queue/events", domain::Operation::QueueEvents,
                              "Server-Sent Events of every queue change: `queue` events "
                              "{type, token_id, doctor_id, label, clinic_day, at}; with a Last-Event-ID too old "
                              "to resume from, one `reset` event {event_id} first (refetch getQueue)");
    events.tag = "queue";
    declareEventStream(events);
    events.handler = [&journal, &hub](ApiRequest& r) {
        return openEventStream(r, hub, journal, display::staffTopic, [&journal](bool reconnecting) {
            const long long now = journal.lastId();
            StreamStart start{{}, now};
            if (reconnecting) start.frames = events::sseFrame(now, "reset", R"({"event_id":)" + std::to_string(now) + "}");
            return start;
        });
    };
    return {events};
}

}  // namespace hub::api
