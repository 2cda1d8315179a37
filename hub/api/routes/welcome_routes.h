#pragma once
#include "hub/api/route.h"
#include "hub/onboarding/hub_addresses.h"

#include <functional>
#include <string>

namespace hub::api {

// What the onboarding routes serve, supplied by the daemon. The root does not
// change while the hub runs; the addresses may (DHCP, a renamed host), so they
// are asked for on each request.
struct WelcomeInfo {
    std::string rootPem;
    std::string rootDer;
    std::string fingerprint;  // "AB:CD:…", SHA-256 over rootDer
    std::function<onboarding::HubAddresses()> addresses;
    std::string stylesheetUrl;  // the welcome app's welcome.css, as the static-asset server serves it
};

// Public, and served on the plain-HTTP port too (a device that does not trust
// the hub yet must be able to read them): getWelcomePage (GET /welcome?lang=en|bn),
// getRootCertificateDer, getRootCertificatePem,
// getTrustProfile (.mobileconfig), getFingerprintQr and getWelcomeQr (the
// TV's "Staff: scan to set up" code).
std::vector<Route> welcomeRoutes(WelcomeInfo info);

}  // namespace hub::api
