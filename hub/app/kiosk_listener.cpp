#include "hub/app/kiosk_listener.h"

#include "hub/core/log.h"
#include "hub/net/plain_transport.h"

#include <Poco/Exception.h>

namespace hub::app {
namespace {

bool startsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// The box's own browser: a TV page, its assets, its fonts and its stream, all from 127.0.0.1.
constexpr std::size_t kioskConnectionsPerAddress = 64;

}  // namespace

std::vector<api::Route> kioskRoutes(const std::vector<api::Route>& routes) {
    std::vector<api::Route> out;
    for (const auto& r : routes)
        if (r.access == api::Access::Public && (startsWith(r.path, "/display/") || startsWith(r.path, "/fonts/") ||
                                                startsWith(r.path, "/api/v1/display/")))
            out.push_back(r);
    return out;
}

KioskListener::KioskListener(const std::vector<api::Route>& routes, api::RequestGate& gate, Random& random,
                             net::HttpServer& server, std::uint16_t port, net::RequestLimits limits)
    : router_(kioskRoutes(routes)), pipeline_(router_, gate, random) {
    net::ListenerOptions options;
    options.name = "kiosk";
    options.transport = [](int fd) { return std::make_unique<net::PlainTransport>(fd); };
    options.handler = [this](net::HttpRequest& request, net::HttpResponse& response) {
        pipeline_.handle(request, response);
    };
    options.refusal = api::refuseRequest;
    options.connectionsPerAddress = kioskConnectionsPerAddress;
    options.requestLimits = limits;
    options.address = Poco::Net::SocketAddress("127.0.0.1", port);
    server.listen(options);
    try {
        options.address = Poco::Net::SocketAddress("::1", port);
        options.ipv6Only = true;
        server.listen(options);
    } catch (const Poco::Exception& e) {
        log::warning("kiosk", "not listening on [::1]:" + std::to_string(port) + ": " + e.displayText());
    }
    url_ = "http://127.0.0.1:" + std::to_string(port);
}

}  // namespace hub::app
