#include "hub/slip/tracking_link.h"

#include "hub/core/random.h"

#include <Poco/Net/IPAddress.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace hub::slip {
namespace {

constexpr std::size_t codeBytes = 16;   // 128 bits
constexpr std::size_t codeLength = 22;  // unpadded base64url of 16 bytes

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// An IPv4 address other than loopback or 0.0.0.0, which a phone on the
// clinic's network could reach.
bool reachableIpv4(const std::string& text) {
    Poco::Net::IPAddress ip;
    return Poco::Net::IPAddress::tryParse(text, ip) && ip.family() == Poco::Net::AddressFamily::IPv4 &&
           !ip.isLoopback() && !ip.isWildcard();
}

struct HostAndPort {
    std::string host;
    std::optional<int> port;
};

// "name:port", "1.2.3.4", "[::1]:8443"; the host is lower-cased.
HostAndPort splitHost(std::string_view header) {
    HostAndPort out;
    std::string_view portText;
    if (!header.empty() && header.front() == '[') {
        const auto close = header.find(']');
        if (close == std::string_view::npos) return {};
        out.host = lower(header.substr(0, close + 1));
        if (close + 1 < header.size() && header[close + 1] == ':') portText = header.substr(close + 2);
    } else {
        const auto colon = header.find(':');
        out.host = lower(header.substr(0, colon));
        if (colon != std::string_view::npos) portText = header.substr(colon + 1);
    }
    if (!portText.empty()) {
        int port = 0;
        const auto [end, ec] = std::from_chars(portText.data(), portText.data() + portText.size(), port);
        if (ec != std::errc() || end != portText.data() + portText.size() || port < 1 || port > 65535) return {};
        out.port = port;
    }
    return out;
}

std::string url(const std::string& host, int port, std::string_view code) {
    return "https://" + host + (port == 443 ? "" : ":" + std::to_string(port)) + trackingPath(code);
}

}  // namespace

std::string newTrackingCode() { return randomToken(codeBytes); }

bool wellFormedTrackingCode(std::string_view code) {
    return code.size() == codeLength && std::all_of(code.begin(), code.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_';
           });
}

std::string trackingPath(std::string_view code) { return "/t/" + std::string(code); }

TrackingLinks trackingLinks(const HubNames& hub, const RequestOrigin& origin, std::string_view code) {
    const std::string name = lower(hub.hostname) + ".local";
    const HostAndPort used = splitHost(origin.hostHeader);
    // Only names that are the hub's own go on paper: a forged Host header must
    // not send patients to somebody else's site.
    const bool usedName = used.host == name;
    const bool usedIp = reachableIpv4(used.host) && used.host == origin.localAddress;
    const int port = (usedName || usedIp) ? used.port.value_or(443) : hub.httpsPort;
    const std::string ip = reachableIpv4(origin.localAddress) ? origin.localAddress : std::string();

    if (usedIp) return {url(used.host, port, code), url(name, port, code)};
    return {url(name, port, code), ip.empty() ? std::string() : url(ip, port, code)};
}

}  // namespace hub::slip
