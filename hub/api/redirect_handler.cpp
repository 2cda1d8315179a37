#include "hub/api/redirect_handler.h"

#include "hub/core/error.h"
#include "hub/core/text.h"

#include <Poco/Exception.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/URI.h>

#include <algorithm>
#include <charconv>
#include <vector>

namespace hub::api {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isLetterOrDigit(char c) { return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The parts of "a.b.c" between the dots, empty ones included.
std::vector<std::string_view> dotSeparated(std::string_view text) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const std::size_t dot = text.find('.', start);
        parts.push_back(text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos) return parts;
        start = dot + 1;
    }
}

// What a browser's URL parser would read as a number ("1", "0x7f"): a name ending in
// one is taken for an IPv4 address ("0x7f.0.0.1" is 127.0.0.1), so it is not a name.
bool isNumericLabel(std::string_view label) {
    const bool hex = label.size() > 1 && label[0] == '0' && (label[1] == 'x' || label[1] == 'X');
    const std::string_view digits = hex ? label.substr(2) : label;
    return std::all_of(digits.begin(), digits.end(), [hex](char c) {
        return isDigit(c) || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
    });
}

// RFC 1123 labels of letters, digits and inner hyphens, 1-63 characters each.
bool isHostName(std::string_view host) {
    if (host.size() > 253) return false;
    const auto labels = dotSeparated(host);
    if (isNumericLabel(labels.back())) return false;
    return std::all_of(labels.begin(), labels.end(), [](std::string_view label) {
        return !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-' &&
               std::all_of(label.begin(), label.end(), [](char c) { return isLetterOrDigit(c) || c == '-'; });
    });
}

// Exactly four decimal parts of at most 255 (inet_aton would also take "127.1" or "0x7f.1").
bool isIpv4(std::string_view host) {
    const auto parts = dotSeparated(host);
    return parts.size() == 4 && std::all_of(parts.begin(), parts.end(), [](std::string_view part) {
               int value = 256;
               if (part.empty() || part.size() > 3 || !std::all_of(part.begin(), part.end(), isDigit)) return false;
               std::from_chars(part.data(), part.data() + part.size(), value);
               return value <= 255;
           });
}

// "[...]" holding an IPv6 address without a zone (a zone is meaningless to another device).
bool isBracketedIpv6(std::string_view host) {
    if (host.size() < 4 || host.front() != '[' || host.back() != ']') return false;
    const std::string_view inner = host.substr(1, host.size() - 2);
    if (!std::all_of(inner.begin(), inner.end(), [](char c) {
            return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
        }))
        return false;
    Poco::Net::IPAddress address;
    return Poco::Net::IPAddress::tryParse(std::string(inner), address) &&
           address.family() == Poco::Net::IPAddress::IPv6;
}

bool isPort(std::string_view text) {
    if (text.empty() || text.size() > 5 || !std::all_of(text.begin(), text.end(), isDigit)) return false;
    int port = 0;
    std::from_chars(text.data(), text.data() + text.size(), port);
    return port >= 1 && port <= 65535;
}

}  // namespace

std::optional<std::string> hostFromHeader(std::string_view header) {
    std::string_view host = header;
    // The port follows the last ':' after a bracketed address, or the only ':' otherwise.
    const std::size_t close = header.rfind(']');
    const std::size_t colon = header.find(':', close == std::string_view::npos ? 0 : close);
    if (colon != std::string_view::npos) {
        if (!isPort(header.substr(colon + 1))) return std::nullopt;
        host = header.substr(0, colon);
    }
    const bool numeric = !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
        return isDigit(c) || c == '.';
    });
    // All-digit labels are an IPv4 address or nothing: "1.2.3.999" is not a name either.
    const bool valid = numeric ? isIpv4(host) : (isBracketedIpv6(host) || isHostName(host));
    if (!valid) return std::nullopt;
    return std::string(host);
}

std::string httpsLocation(const std::string& hostHeader, const std::string& target, const std::string& fallbackHost,
                          int httpsPort) {
    const std::string host = hostFromHeader(hostHeader).value_or(fallbackHost);
    const std::string path = target.empty() || target.front() != '/' ? "/" : target;
    return webUrl("https", host, httpsPort, path);
}

RedirectHandler::RedirectHandler(std::string fallbackHost, int httpsPort, const Router& router,
                                 const RequestPipeline& pipeline)
    : fallbackHost_(std::move(fallbackHost)), httpsPort_(httpsPort), router_(router), pipeline_(pipeline) {}

bool RedirectHandler::servedPlain(const net::HttpRequest& req) const {
    try {
        return router_.match(req.getMethod(), Poco::URI(req.getURI()).getPath()).route->plainHttp;
    } catch (const Error&) {  // unknown path or method: HTTPS answers it properly
        return false;
    } catch (const Poco::SyntaxException&) {
        return false;
    }
}

void RedirectHandler::handle(net::HttpRequest& req, net::HttpResponse& resp) const {
    if (servedPlain(req)) return pipeline_.handle(req, resp);
    // 308 to HTTPS: it keeps the method and body, so a POST is not silently turned into a GET.
    // No Host header (HTTP/1.0) falls back to the hub's name.
    resp.set("X-Content-Type-Options", "nosniff");
    resp.set("Referrer-Policy", "no-referrer");
    resp.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_PERMANENT_REDIRECT, "Permanent Redirect");
    resp.set("Location", httpsLocation(req.get(Poco::Net::HTTPRequest::HOST, ""), req.getURI(), fallbackHost_, httpsPort_));
}

}  // namespace hub::api
