// The tracking link's code and the absolute URLs printed on a slip: only the
// hub's own names go on paper, whatever Host header a request carried.
#include "hub/slip/tracking_link.h"

#include <catch2/catch.hpp>

#include <set>

using namespace hub::slip;

namespace {
const HubNames names{"clinic-hub", 8443};
const std::string code = "Jx3kQ9v2LmP0aZ7yT1bRcw";
}  // namespace

TEST_CASE("a tracking code is 128 random bits in 22 URL-safe characters", "[tracking]") {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        const std::string c = newTrackingCode();
        CHECK(c.size() == 22);
        CHECK(wellFormedTrackingCode(c));
        seen.insert(c);
    }
    CHECK(seen.size() == 200);
    CHECK_FALSE(wellFormedTrackingCode(code + "A"));
    CHECK_FALSE(wellFormedTrackingCode("Jx3kQ9v2LmP0aZ7yT1bR/w"));
    CHECK_FALSE(wellFormedTrackingCode(""));
}

TEST_CASE("the slip links to the address the receptionist's browser used", "[tracking]") {
    SECTION("an IP address goes in the QR code, the .local name under it") {
        const auto l = trackingLinks(names, {"192.168.1.10:8443", "192.168.1.10"}, code);
        CHECK(l.primary == "https://192.168.1.10:8443/t/" + code);
        CHECK(l.alternate == "https://clinic-hub.local:8443/t/" + code);
    }
    SECTION("the .local name goes in the QR code, the IP address under it for older Android phones") {
        const auto l = trackingLinks(names, {"Clinic-Hub.local:9443", "192.168.1.10"}, code);
        CHECK(l.primary == "https://clinic-hub.local:9443/t/" + code);
        CHECK(l.alternate == "https://192.168.1.10:9443/t/" + code);
    }
    SECTION("port 443 is left out") {
        CHECK(trackingLinks(names, {"clinic-hub.local", "10.0.0.2"}, code).primary == "https://clinic-hub.local/t/" + code);
    }
}

TEST_CASE("a Host header that is not the hub's own never reaches the paper", "[tracking]") {
    for (const char* host : {"evil.example:8443", "192.168.1.99:8443", "clinic-hub.local:99999",
                                   "clinic-hub.local:80x", "", "[::1]:8443", "127.0.0.1:8443"}) {
        INFO(host);
        const auto l = trackingLinks(names, {std::string(host), "192.168.1.10"}, code);
        CHECK(l.primary == "https://clinic-hub.local:8443/t/" + code);
        CHECK(l.alternate == "https://192.168.1.10:8443/t/" + code);
    }
    // A request over loopback has no address a phone could use.
    CHECK(trackingLinks(names, {"localhost:8443", "127.0.0.1"}, code).alternate.empty());
}
