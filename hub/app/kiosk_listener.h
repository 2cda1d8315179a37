#pragma once
// The waiting-room TV on the box's own HDMI reaches the hub over plain HTTP on
// loopback: a browser treats http://127.0.0.1 as a secure context, so the kiosk
// needs no certificate. The listener binds 127.0.0.1 and ::1 only and serves
// only what a display needs: the TV page, its assets and the public display
// endpoints; the staff API is not there at all (404).
#include "hub/api/gate.h"
#include "hub/api/request_pipeline.h"
#include "hub/api/router.h"

#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace hub::app {

// The public routes under /display/ and /api/v1/display/.
std::vector<api::Route> kioskRoutes(const std::vector<api::Route>& routes);

class KioskListener {
public:
    // Starts listening; throws (Poco::Net::NetException) when 127.0.0.1:port is
    // taken. ::1 is best effort: a box without IPv6 still gets its kiosk.
    KioskListener(const std::vector<api::Route>& routes, api::RequestGate& gate, std::uint16_t port,
                  api::PipelineOptions options);
    ~KioskListener();
    KioskListener(const KioskListener&) = delete;
    KioskListener& operator=(const KioskListener&) = delete;

    // Stops accepting and closes open connections (a TV's stream included).
    void stop();

    const std::string& url() const { return url_; }

private:
    api::Router router_;
    api::RequestPipeline pipeline_;
    Poco::ThreadPool workers_;
    std::vector<std::unique_ptr<Poco::Net::HTTPServer>> servers_;
    std::string url_;
};

}  // namespace hub::app
