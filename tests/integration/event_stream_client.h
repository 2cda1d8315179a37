#pragma once
// A Server-Sent-Events client for the real daemon, as a TV or a staff screen
// would be: one TLS connection per stream, the session cookie when signed in,
// Last-Event-ID when resuming. Keeps every byte it received, so tests can
// search the raw stream (e.g. for a patient's name that must never be there).
#include "hub_client.h"

#include <Poco/JSON/Object.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <optional>
#include <string>

namespace hub::it {

struct StreamEvent {
    std::string id;
    std::string type;  // the event: field ("message" when absent)
    std::string data;
    Poco::JSON::Object::Ptr json() const { return parseObject(data); }
};

class EventStreamClient {
public:
    // Opens `path` (sending client's session cookie, if any, and extraHeaders)
    // and reads the response head. A non-200 answer is read whole: see response().
    EventStreamClient(HubClient& client, const std::string& path, const Headers& extraHeaders = {},
                      std::chrono::milliseconds timeout = std::chrono::seconds(10));

    int status() const { return response_.status; }
    // Status, headers and (for an error) the JSON body.
    const HttpResult& response() const { return response_; }

    // The next event, or nullopt when none arrives in time or the server closed the stream.
    std::optional<StreamEvent> next(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    // True once the server has closed the connection (waits up to timeout for it).
    bool closedWithin(std::chrono::milliseconds timeout);

    int heartbeats() const { return heartbeats_; }
    int retryMs() const { return retryMs_; }
    const std::string& raw() const { return raw_; }  // everything received, head included
    void close() { socket_.close(); }

private:
    bool readMore(std::chrono::milliseconds timeout);  // false: nothing came, or the server closed
    std::optional<StreamEvent> parseFrame();

    Poco::Net::StreamSocket socket_;
    HttpResult response_;
    std::string raw_;
    std::string pending_;  // received body bytes not parsed yet
    bool closed_ = false;
    int heartbeats_ = 0;
    int retryMs_ = 0;
};

}  // namespace hub::it
