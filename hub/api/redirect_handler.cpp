#include "hub/api/redirect_handler.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <algorithm>

namespace hub::api {

namespace {

bool plainHost(const std::string& host) {
    return !host.empty() && host.size() <= 253 && std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
               c == '-' || c == ':' || c == '[' || c == ']';
    });
}

std::string stripPort(const std::string& hostHeader) {
    if (!hostHeader.empty() && hostHeader.front() == '[') {  // [v6]:port
        const auto close = hostHeader.find(']');
        return close == std::string::npos ? std::string() : hostHeader.substr(0, close + 1);
    }
    return hostHeader.substr(0, hostHeader.find(':'));
}

class RedirectHandler final : public Poco::Net::HTTPRequestHandler {
public:
    // Exactly one of location (redirect) and certificate (serve it) is non-empty.
    RedirectHandler(std::string location, std::string certificate)
        : location_(std::move(location)), certificate_(std::move(certificate)) {}

    void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& resp) override {
        resp.set("X-Content-Type-Options", "nosniff");
        resp.set("Referrer-Policy", "no-referrer");
        if (!certificate_.empty()) {
            resp.setContentType("application/x-pem-file");
            resp.set("Content-Disposition", "attachment; filename=\"clinic-hub-root-ca.crt\"");
            resp.setContentLength(static_cast<std::streamsize>(certificate_.size()));
            resp.sendBuffer(certificate_.data(), certificate_.size());
            return;
        }
        // 308 keeps the method and body, so a POST is not silently turned into a GET.
        resp.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_PERMANENT_REDIRECT, "Permanent Redirect");
        resp.set("Location", location_);
        resp.setContentLength(0);
        resp.send();
    }

private:
    std::string location_;
    std::string certificate_;
};

}  // namespace

std::string httpsLocation(const std::string& hostHeader, const std::string& target, const std::string& fallbackHost,
                          int httpsPort) {
    std::string host = stripPort(hostHeader);
    if (!plainHost(host)) host = fallbackHost;
    std::string path = target.empty() || target.front() != '/' ? "/" : target;
    return "https://" + host + (httpsPort == 443 ? "" : ":" + std::to_string(httpsPort)) + path;
}

RedirectHandlerFactory::RedirectHandlerFactory(std::string fallbackHost, int httpsPort,
                                               std::function<std::string()> rootCertificatePem)
    : fallbackHost_(std::move(fallbackHost)), httpsPort_(httpsPort), rootCertificatePem_(std::move(rootCertificatePem)) {}

Poco::Net::HTTPRequestHandler* RedirectHandlerFactory::createRequestHandler(const Poco::Net::HTTPServerRequest& req) {
    const std::string target = req.getURI();
    if (req.getMethod() == "GET" && target.substr(0, target.find('?')) == "/ca.crt")
        return new RedirectHandler({}, rootCertificatePem_());
    // No Host header (HTTP/1.0) falls back to the hub's name; getHost() would throw and POCO answer 500.
    return new RedirectHandler(
        httpsLocation(req.get(Poco::Net::HTTPRequest::HOST, ""), target, fallbackHost_, httpsPort_), {});
}

}  // namespace hub::api
