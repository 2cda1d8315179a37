#pragma once
// The patient's tracking link: its code (128 random bits, base64url) and the
// absolute URLs printed on the slip. Plain values: the API layer supplies
// what the staff device's request said, this decides what is safe to print.
#include <optional>
#include <string>
#include <string_view>

namespace hub::slip {

// 22 characters of base64url: 128 bits from the kernel's random source.
std::string newTrackingCode();
// True for text shaped like a code (22 base64url characters); anything else
// is refused before the database is asked.
bool wellFormedTrackingCode(std::string_view code);

// The hub's own names, from its configuration.
struct HubNames {
    std::string hostname;  // "clinic-hub": the hub is clinic-hub.local
    int httpsPort = 8443;
};

// Where the staff device's request reached the hub.
struct RequestOrigin {
    std::string hostHeader;    // as the browser sent it: "192.168.1.10:8443", "clinic-hub.local:8443"
    std::string localAddress;  // the hub's address on that connection: "192.168.1.10"
};

struct TrackingLinks {
    // In the QR code: the address the staff device used, when it is one of
    // the hub's (an IP address or <hostname>.local), else <hostname>.local.
    std::string primary;
    // The other form, printed under it: the IP address when the primary is
    // the .local name (Android before 12 cannot resolve .local), or the name
    // when the primary is an IP address. Empty when not known.
    std::string alternate;
};

TrackingLinks trackingLinks(const HubNames& hub, const RequestOrigin& origin, std::string_view code);

// "/t/<code>": the patient's page.
std::string trackingPath(std::string_view code);

}  // namespace hub::slip
