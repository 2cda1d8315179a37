#include "hub/api/routes/event_stream.h"

#include <Poco/NumberParser.h>
#include <Poco/String.h>

#include <memory>

namespace hub::api {

// How long a browser's EventSource waits before reconnecting.
constexpr const char* retryLine = "retry: 3000\n\n";

ApiResponse openEventStream(const ApiRequest& request, events::StreamHub& hub, const events::EventJournal& journal,
                            std::string topic, const std::string& owner, const StreamStarter& start,
                            std::function<bool()> stillAllowed) {
    // Shared so that the takeover stays copyable; it moves the place into the hub once.
    auto place = std::make_shared<events::StreamHub::Reservation>(hub.reserve(request.clientAddress, owner));
    const std::string lastEventId = Poco::trim(request.http.get("Last-Event-ID", ""));
    Poco::Int64 resumeFrom = 0;
    StreamStart first;
    if (!lastEventId.empty() && Poco::NumberParser::tryParse64(lastEventId, resumeFrom) && journal.covers(resumeFrom))
        first.afterId = resumeFrom;
    else
        first = start(!lastEventId.empty());
    return ApiResponse::eventStream([&hub, place, topic = std::move(topic), frames = retryLine + first.frames,
                                     afterId = first.afterId, stillAllowed = std::move(stillAllowed)](
                                        net::DetachedConnection connection, std::string head) {
        hub.adopt(std::move(*place), std::move(connection), head + frames, topic, afterId, stillAllowed);
    });
}

void declareEventStream(Route& route) {
    route.rawContentType = Route::eventStreamContentType;
    route.headerParameters.push_back(
        {"Last-Event-ID", string("the id of the last event received: resume after it (EventSource sends it by itself)")});
    route.errorStatuses.push_back(429);
    route.errorStatuses.push_back(503);
}

}  // namespace hub::api
