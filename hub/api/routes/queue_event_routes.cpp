#include "hub/api/routes/queue_event_routes.h"

#include "hub/api/routes/event_stream.h"
#include "hub/display/queue_feed.h"

namespace hub::api {

std::vector<Route> queueEventRoutes(events::EventJournal& journal, events::StreamHub& hub,
                                    auth::SessionService& sessions) {
    Route events = staffRoute("GET", "/api/v1/queue/events", domain::Operation::QueueEvents,
                              "Server-Sent Events of every queue change: `queue` events "
                              "{type, token_id, doctor_id, label, clinic_day, at}; with a Last-Event-ID too old "
                              "to resume from, one `reset` event {event_id} first (refetch getQueue); a `day` event "
                              "{clinic_day} when the clinic's day turns at its midnight. The stream "
                              "closes within a heartbeat (15 s) once its session ends (sign-out, expiry, a disabled "
                              "account or a changed role)");
    events.tag = "queue";
    declareEventStream(events);
    events.handler = [&journal, &hub, &sessions](ApiRequest& r) {
        auto starter = [&journal](bool reconnecting) {
            const long long now = journal.lastId();
            StreamStart start{{}, now};
            if (reconnecting) start.frames = events::sseFrame(now, "reset", R"({"event_id":)" + std::to_string(now) + "}");
            return start;
        };
        // A staff-only answer must not outlive the session that opened it.
        auto sessionHolds = [&sessions, token = r.sessionToken, role = r.staff().role] {
            return sessions.stillValid(token, role);
        };
        return openEventStream(r, hub, journal, display::staffTopic, "session:" + std::to_string(r.staff().sessionId),
                               starter, sessionHolds);
    };
    return {events};
}

}  // namespace hub::api
