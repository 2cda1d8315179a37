#pragma once
// The patient's tracking link: its code (128 random bits, base64url) and the
// absolute URLs printed on the slip. Plain values: the API layer supplies
// what the staff device's request said, this decides what is safe to print.
#include "hub/core/random.h"

#include <string>
#include <string_view>

namespace hub::slip {

// 22 characters of base64url: 128 bits from random.
std::string newTrackingCode(Random& random);
// True for text shaped like a code (22 base64url characters); anything else
// is refused before the database is asked.
bool wellFormedTrackingCode(std::string_view code);

// The hub's own names and ports, from its configuration.
struct HubNames {
    std::string hostname;  // "clinic-hub": the hub is clinic-hub.local
    int httpsPort = 8443;
    int httpPort = 8080;   // the plain-HTTP listener; 0 when there is none
};

// Where the staff device's request reached the hub.
struct RequestOrigin {
    std::string localAddress;  // the hub's address on that connection: "192.168.1.10"
};

// The patient's phone does not trust the hub's root certificate, so an HTTPS
// link would open on a certificate warning. The link is plain HTTP on the
// hub's HTTP port (the tracking page and its stylesheet are served there);
// HTTPS only when the hub has no plain-HTTP listener.
struct TrackingLinks {
    // In the QR code: the hub's IP address on the receptionist's connection,
    // which every phone on the clinic's Wi-Fi can open (Android before 12
    // cannot resolve .local, and a staff phone that learnt HSTS for the name
    // would turn http://clinic-hub.local:8080 into HTTPS on the HTTP port).
    // The .local name when no such address is known (a loopback request).
    std::string primary;
    // Printed under it: the .local name when the primary is the address.
    // Empty otherwise.
    std::string alternate;
};

TrackingLinks trackingLinks(const HubNames& hub, const RequestOrigin& origin, std::string_view code);

// "/t/<code>": the patient's page.
std::string trackingPath(std::string_view code);

}  // namespace hub::slip
