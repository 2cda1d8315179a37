#pragma once
// The onboarding page a technician opens on each staff device: downloads of the
// hub's root CA, its fingerprint (text and QR), how to trust it on Android,
// iPhone/iPad, Windows, macOS and ChromeOS, and the hub's addresses. One page of
// HTML with no script; its stylesheet and the Bangla font come from the hub, so
// it works on a clinic network without internet. The hub's Content-Security-Policy
// (default-src 'self') forbids inline styles, hence the separate stylesheet
// (hub/onboarding/web/welcome.css, served with the other browser assets).
#include "hub/onboarding/hub_addresses.h"
#include "hub/onboarding/welcome_text.h"

#include <optional>
#include <string>
#include <string_view>

namespace hub::onboarding {

// Where the hub serves the page and its files (public routes, on HTTP too).
inline constexpr std::string_view welcomePath = "/welcome";
inline constexpr std::string_view rootDerPath = "/welcome/clinic-hub-root-ca.crt";
inline constexpr std::string_view rootPemPath = "/welcome/clinic-hub-root-ca.pem";
inline constexpr std::string_view trustProfilePath = "/welcome/clinic-hub.mobileconfig";
inline constexpr std::string_view fingerprintQrPath = "/welcome/fingerprint-qr.svg";
inline constexpr std::string_view setUpQrPath = "/welcome/qr.svg";  // the TV's "Staff: scan to set up"

// The language a browser asks for first in Accept-Language, if the hub has
// its words (domain::hubLanguages).
std::optional<Language> preferredLanguage(std::string_view acceptLanguage);

struct WelcomePage {
    Language language = Language::English;
    HubAddresses hub;
    std::string fingerprint;  // "AB:CD:…", SHA-256 over the root's DER
    std::string stylesheetUrl;  // welcome.css as the static-asset server serves it (hub/web)
};

std::string renderWelcomeHtml(const WelcomePage& page);

}  // namespace hub::onboarding
