#pragma once
// The waiting-room TV on the box's own HDMI reaches the hub over plain HTTP on
// loopback: a browser treats http://127.0.0.1 as a secure context, so the kiosk
// needs no certificate. The listener binds 127.0.0.1 and ::1 only and serves
// only what a display needs: the TV page, its assets and the public display
// endpoints; the staff API is not there at all (404). It runs on the hub's one
// connection server, beside the HTTPS and plain-HTTP listeners.
#include "hub/api/gate.h"
#include "hub/api/request_pipeline.h"
#include "hub/api/router.h"
#include "hub/net/http_server.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hub::app {

// The public routes under /display/ and /api/v1/display/.
std::vector<api::Route> kioskRoutes(const std::vector<api::Route>& routes);

class KioskListener {
public:
    // Listens on server at once; throws (Poco::Net::NetException) when
    // 127.0.0.1:port is taken. ::1 is best effort: a box without IPv6 still
    // gets its kiosk. REQUIRES: outlives the server's serving.
    KioskListener(const std::vector<api::Route>& routes, api::RequestGate& gate, Random& random,
                  net::HttpServer& server, std::uint16_t port, net::RequestLimits limits);
    KioskListener(const KioskListener&) = delete;
    KioskListener& operator=(const KioskListener&) = delete;

    const std::string& url() const { return url_; }

private:
    api::Router router_;
    api::RequestPipeline pipeline_;
    std::string url_;
};

}  // namespace hub::app
