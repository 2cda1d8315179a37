#include "hub/api/routes/welcome_routes.h"

#include "hub/onboarding/trust_profile.h"
#include "hub/onboarding/welcome_page.h"
#include "hub/qr/qr_code.h"

#include <memory>

namespace hub::api {

namespace {

Route onboardingRoute(std::string_view path, std::string operationId, std::string summary,
                      std::string contentType) {
    Route r = publicRoute("GET", std::string(path), std::move(operationId), std::move(summary));
    r.tag = "onboarding";
    r.rawContentType = std::move(contentType);
    r.plainHttp = true;
    return r;
}

// A file the browser saves under `filename` rather than shows.
ApiResponse attachment(const std::string& contentType, std::string body, const std::string& filename) {
    return ApiResponse::bytes(contentType, std::move(body))
        .header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
}

}  // namespace

std::vector<Route> welcomeRoutes(WelcomeInfo info) {
    using namespace onboarding;
    // Shared by every handler; the routing table outlives none of them.
    const auto shared = std::make_shared<const WelcomeInfo>(std::move(info));
    std::vector<Route> routes;

    Route page = onboardingRoute(welcomePath, "getWelcomePage",
                                 "How to trust the hub on a staff device, in English or Bangla", "text/html");
    page.queryParameters = {{"lang",
                             enumeration(domain::hubLanguageNames, "default: the browser's first language, else en"),
                             false}};
    page.handler = [shared](ApiRequest& r) {
        WelcomePage p;
        const auto asked = r.queryValue("lang");
        p.language = asked ? domain::parseLanguage(*asked).value_or(Language::English)
                           : preferredLanguage(r.http.get("Accept-Language", "")).value_or(Language::English);
        p.hub = shared->addresses();
        p.fingerprint = shared->fingerprint;
        p.stylesheetUrl = shared->stylesheetUrl;
        return ApiResponse::bytes("text/html; charset=utf-8", renderWelcomeHtml(p)).header("Vary", "Accept-Language");
    };
    routes.push_back(std::move(page));

    Route der = onboardingRoute(rootDerPath, "getRootCertificateDer",
                                "The root certificate as DER, for Android, Windows and ChromeOS",
                                "application/x-x509-ca-cert");
    der.handler = [shared](ApiRequest&) {
        return attachment("application/x-x509-ca-cert", shared->rootDer, "clinic-hub-root-ca.crt");
    };
    routes.push_back(std::move(der));

    Route pem = onboardingRoute(rootPemPath, "getRootCertificatePem", "The root certificate as PEM text",
                                "application/x-pem-file");
    pem.handler = [shared](ApiRequest&) {
        return attachment("application/x-pem-file", shared->rootPem, "clinic-hub-root-ca.pem");
    };
    routes.push_back(std::move(pem));

    Route profile = onboardingRoute(trustProfilePath, "getTrustProfile",
                                    "An Apple configuration profile that installs the root (iPhone, iPad, Mac)",
                                    "application/x-apple-aspen-config");
    profile.handler = [shared](ApiRequest&) {
        return attachment("application/x-apple-aspen-config",
                          appleTrustProfile(shared->rootDer, shared->addresses().localName()),
                          "clinic-hub.mobileconfig");
    };
    routes.push_back(std::move(profile));

    Route fingerprintQr = onboardingRoute(fingerprintQrPath, "getFingerprintQr",
                                          "The root's SHA-256 fingerprint as a QR code", "image/svg+xml");
    fingerprintQr.handler = [shared](ApiRequest&) {
        return ApiResponse::bytes("image/svg+xml",
                                  qr::QrCode::encode(shared->fingerprint).svg("SHA-256 " + shared->fingerprint));
    };
    routes.push_back(std::move(fingerprintQr));

    Route setUpQr = onboardingRoute(setUpQrPath, "getWelcomeQr",
                                    "A QR code of this page's address, for the waiting-room TV's staff set-up code",
                                    "image/svg+xml");
    setUpQr.handler = [shared](ApiRequest&) {
        const std::string url = setUpUrl(shared->addresses(), welcomePath);
        return ApiResponse::bytes("image/svg+xml", qr::QrCode::encode(url).svg(url));
    };
    routes.push_back(std::move(setUpQr));
    return routes;
}

}  // namespace hub::api
