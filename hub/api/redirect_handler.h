#pragma once
// The plain-HTTP listener: it serves only the root certificate (a device cannot
// fetch it over HTTPS before it trusts it) and redirects everything else to HTTPS.
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <functional>
#include <string>

namespace hub::api {

class RedirectHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    RedirectHandlerFactory(std::string fallbackHost, int httpsPort, std::function<std::string()> rootCertificatePem);
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    std::string fallbackHost_;
    int httpsPort_;
    std::function<std::string()> rootCertificatePem_;
};

// The https:// URL for a request that arrived with this Host header and target.
// A Host header that is not a plain host name or address is replaced by the
// fallback, so the redirect cannot be pointed at another site.
std::string httpsLocation(const std::string& hostHeader, const std::string& target, const std::string& fallbackHost,
                          int httpsPort);

}  // namespace hub::api
