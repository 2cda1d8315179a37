#include "hub/slip/tracking_link.h"

#include "hub/core/text.h"

#include <Poco/Net/IPAddress.h>

#include <algorithm>
#include <cctype>

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

std::string url(const HubNames& hub, const std::string& host, std::string_view code) {
    if (hub.httpPort != 0) return webUrl("http", host, hub.httpPort, trackingPath(code));
    return webUrl("https", host, hub.httpsPort, trackingPath(code));
}

}  // namespace

std::string newTrackingCode(Random& random) { return random.token(codeBytes); }

bool wellFormedTrackingCode(std::string_view code) {
    return code.size() == codeLength && std::all_of(code.begin(), code.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_';
           });
}

std::string trackingPath(std::string_view code) { return "/t/" + std::string(code); }

TrackingLinks trackingLinks(const HubNames& hub, const RequestOrigin& origin, std::string_view code) {
    // Only the hub's own names go on paper, whatever Host header the request
    // carried: a forged one must not send patients to somebody else's site.
    const std::string name = lower(hub.hostname) + ".local";
    if (reachableIpv4(origin.localAddress)) return {url(hub, origin.localAddress, code), url(hub, name, code)};
    return {url(hub, name, code), std::string()};
}

}  // namespace hub::slip
