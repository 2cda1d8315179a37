// The tracking link's code and the absolute URLs printed on a slip: plain
// HTTP (patients' phones do not trust the hub's root), the hub's own address
// and name only.
#include "hub/slip/tracking_link.h"

#include "support/catch.h"

#include <set>

using namespace hub::slip;

namespace {
const HubNames names{"clinic-hub", 8443, 8080};
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

TEST_CASE("the slip links to the hub's address over plain HTTP, which any phone on the Wi-Fi opens", "[tracking]") {
    SECTION("the hub's address goes in the QR code, the .local name under it") {
        const auto l = trackingLinks(names, {"192.168.1.10"}, code);
        CHECK(l.primary == "http://192.168.1.10:8080/t/" + code);
        CHECK(l.alternate == "http://clinic-hub.local:8080/t/" + code);
    }
    SECTION("the configured host name, lower-cased") {
        CHECK(trackingLinks({"Clinic-Hub", 8443, 8080}, {"10.0.0.2"}, code).alternate ==
              "http://clinic-hub.local:8080/t/" + code);
    }
    SECTION("port 80 is left out") {
        CHECK(trackingLinks({"clinic-hub", 443, 80}, {"10.0.0.2"}, code).primary == "http://10.0.0.2/t/" + code);
    }
    SECTION("without a plain-HTTP listener the link is HTTPS, and port 443 is left out") {
        CHECK(trackingLinks({"clinic-hub", 9443, 0}, {"10.0.0.2"}, code).primary == "https://10.0.0.2:9443/t/" + code);
        CHECK(trackingLinks({"clinic-hub", 443, 0}, {"10.0.0.2"}, code).alternate == "https://clinic-hub.local/t/" + code);
    }
}

TEST_CASE("an address no phone could reach never goes on paper", "[tracking]") {
    for (const char* address : {"127.0.0.1", "0.0.0.0", "::1", "fd00::5", "", "not-an-address"}) {
        INFO(address);
        const auto l = trackingLinks(names, {std::string(address)}, code);
        CHECK(l.primary == "http://clinic-hub.local:8080/t/" + code);
        CHECK(l.alternate.empty());
    }
}
