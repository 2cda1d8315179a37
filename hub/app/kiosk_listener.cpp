#include "hub/app/kiosk_listener.h"

#include "hub/core/log.h"

#include <Poco/Exception.h>
#include <Poco/Net/ServerSocket.h>

namespace hub::app {
namespace {

bool startsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// A TV or two, each with its stream and a few asset requests: a small pool.
constexpr int kioskThreads = 4;

Poco::Net::HTTPServerParams::Ptr kioskParams() {
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(kioskThreads);
    params->setMaxQueued(64);
    params->setKeepAlive(true);
    params->setServerName("clinic-hub");
    return params;
}

}  // namespace

std::vector<api::Route> kioskRoutes(const std::vector<api::Route>& routes) {
    std::vector<api::Route> out;
    for (const auto& r : routes)
        if (r.access == api::Access::Public && (startsWith(r.path, "/display/") || startsWith(r.path, "/api/v1/display/")))
            out.push_back(r);
    return out;
}

KioskListener::KioskListener(const std::vector<api::Route>& routes, api::RequestGate& gate, std::uint16_t port,
                             api::PipelineOptions options)
    : router_(kioskRoutes(routes)), pipeline_(router_, gate, options), workers_(1, kioskThreads, 60, 256 * 1024) {
    // Exclusive binds (no SO_REUSEPORT): a second hub on the same port must fail.
    Poco::Net::ServerSocket v4;
    v4.bind(Poco::Net::SocketAddress("127.0.0.1", port), true, false);
    v4.listen(16);
    servers_.push_back(std::make_unique<Poco::Net::HTTPServer>(new api::PipelineHandlerFactory(pipeline_), workers_,
                                                               v4, kioskParams()));
    try {
        Poco::Net::ServerSocket v6;
        v6.bind6(Poco::Net::SocketAddress("::1", port), true, false, true);
        v6.listen(16);
        servers_.push_back(std::make_unique<Poco::Net::HTTPServer>(new api::PipelineHandlerFactory(pipeline_),
                                                                   workers_, v6, kioskParams()));
    } catch (const Poco::Exception& e) {
        log::warning("kiosk", "not listening on [::1]:" + std::to_string(port) + ": " + e.displayText());
    }
    for (auto& server : servers_) server->start();
    url_ = "http://127.0.0.1:" + std::to_string(port);
}

KioskListener::~KioskListener() { stop(); }

void KioskListener::stop() {
    for (auto& server : servers_) server->stopAll(true);
    servers_.clear();
    workers_.joinAll();
}

}  // namespace hub::app
