#pragma once
// The plain-HTTP listener. A device that does not trust the hub's root yet cannot
// open anything over HTTPS without a warning, so this port serves the routes marked
// plainHttp (the welcome page, its downloads, the root certificate) through the
// ordinary request pipeline, and redirects everything else to HTTPS.
#include "hub/api/request_pipeline.h"
#include "hub/api/router.h"

#include <optional>
#include <string>
#include <string_view>

namespace hub::api {

class RedirectHandler {
public:
    // REQUIRES: router and pipeline outlive the handler.
    RedirectHandler(std::string fallbackHost, int httpsPort, const Router& router, const RequestPipeline& pipeline);
    void handle(net::HttpRequest& request, net::HttpResponse& response) const;

private:
    bool servedPlain(const net::HttpRequest& request) const;

    std::string fallbackHost_;
    int httpsPort_;
    const Router& router_;
    const RequestPipeline& pipeline_;
};

// The host of a Host header of the form `name`, `IPv4` or `[IPv6]`, each with an
// optional port (1-65535); nullopt for anything else ("https://evil.com",
// "a@b", "evil.com/x", "[fe80::1%eth0]", "1.2.3.999", an empty header).
std::optional<std::string> hostFromHeader(std::string_view hostHeader);

// The https:// URL for a request that arrived with this Host header and target.
// A Host header that hostFromHeader() refuses is replaced by the fallback, so the
// redirect cannot be pointed at another site.
std::string httpsLocation(const std::string& hostHeader, const std::string& target, const std::string& fallbackHost,
                          int httpsPort);

}  // namespace hub::api
