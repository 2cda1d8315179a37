// Onboarding staff devices: the addresses the hub offers, the Apple profile,
// the welcome page in both languages, and the plain-HTTP port's Host handling.
#include "hub/api/redirect_handler.h"
#include "hub/api/router.h"
#include "hub/onboarding/hub_addresses.h"
#include "hub/onboarding/trust_profile.h"
#include "hub/onboarding/welcome_page.h"
#include "support/apple_profile.h"

#include "support/catch.h"

#include <fstream>
#include <iterator>

#include <regex>

using namespace hub::onboarding;

namespace {

HubAddresses clinicHub() {
    HubAddresses hub;
    hub.hostname = "clinic-hub";
    hub.addresses = {"192.168.1.20", "fd00::5"};
    hub.httpsPort = 8443;
    hub.httpPort = 8080;
    return hub;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("devices get the .local URL and one URL per reachable address", "[welcome]") {
    HubAddresses hub = clinicHub();
    CHECK(nameUrl(hub) == "https://clinic-hub.local:8443/");
    CHECK(addressUrls(hub) == std::vector<std::string>{"https://192.168.1.20:8443/", "https://[fd00::5]:8443/"});
    CHECK(nameUrl(hub, "/welcome") == "https://clinic-hub.local:8443/welcome");
    hub.httpsPort = 443;
    CHECK(nameUrl(hub) == "https://clinic-hub.local/");
    CHECK(addressUrls(hub).front() == "https://192.168.1.20/");
}

TEST_CASE("the set-up QR's URL opens on a phone that trusts nothing and may not resolve .local", "[welcome]") {
    HubAddresses hub = clinicHub();
    CHECK(setUpUrl(hub, welcomePath) == "http://192.168.1.20:8080/welcome");
    hub.httpPort = 80;
    CHECK(setUpUrl(hub, welcomePath) == "http://192.168.1.20/welcome");
    hub.httpPort = 0;  // no plain-HTTP listener: HTTPS, with a warning the page explains
    CHECK(setUpUrl(hub, welcomePath) == "https://192.168.1.20:8443/welcome");
    hub.addresses.clear();
    CHECK(setUpUrl(hub, welcomePath) == "https://clinic-hub.local:8443/welcome");
}

TEST_CASE("reachable addresses: the listen address, or the box's private ones", "[welcome]") {
    const std::vector<std::string> interfaces = {"127.0.0.1", "::1",         "fe80::1%eth0", "10.0.0.7",
                                                 "8.8.8.8",   "192.168.1.20", "fd00::5",      "10.0.0.7",
                                                 "169.254.3.4"};
    SECTION("listening everywhere: private IPv4 first, then IPv6; no loopback, link-local, public or repeats") {
        CHECK(reachableAddresses("0.0.0.0", interfaces) ==
              std::vector<std::string>{"10.0.0.7", "192.168.1.20", "fd00::5"});
        CHECK(reachableAddresses("::", interfaces) == reachableAddresses("0.0.0.0", interfaces));
    }
    SECTION("listening on one address: only that one") {
        CHECK(reachableAddresses("127.0.0.1", interfaces) == std::vector<std::string>{"127.0.0.1"});
        CHECK(reachableAddresses("192.168.1.20", interfaces) == std::vector<std::string>{"192.168.1.20"});
    }
}

TEST_CASE("the Apple profile is a plist with one root payload holding the DER", "[welcome]") {
    const std::string der("\x30\x82\x01\x0a\x00\xff some certificate bytes", 30);
    const auto profile = hub::test::parsePlist(appleTrustProfile(der, "clinic-hub.local"));
    CHECK(profile.strings.at("PayloadType") == "Configuration");
    CHECK(profile.strings.at("PayloadVersion") == "1");
    CHECK(profile.strings.at("PayloadDisplayName") == "Clinic Hub (clinic-hub.local)");
    REQUIRE(profile.arrays.at("PayloadContent").size() == 1);
    const auto& root = profile.arrays.at("PayloadContent").front();
    CHECK(root.strings.at("PayloadType") == "com.apple.security.root");
    CHECK(root.data.at("PayloadContent") == der);
    CHECK(root.strings.at("PayloadIdentifier").rfind(profile.strings.at("PayloadIdentifier") + ".", 0) == 0);

    const std::regex uuid("[0-9A-F]{8}-[0-9A-F]{4}-8[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}");
    CHECK(std::regex_match(profile.strings.at("PayloadUUID"), uuid));
    CHECK(std::regex_match(root.strings.at("PayloadUUID"), uuid));
    CHECK(profile.strings.at("PayloadUUID") != root.strings.at("PayloadUUID"));

    SECTION("the same root gives the same profile; another root another one") {
        CHECK(appleTrustProfile(der, "clinic-hub.local") == appleTrustProfile(der, "clinic-hub.local"));
        const auto other = hub::test::parsePlist(appleTrustProfile(der + "x", "clinic-hub.local"));
        CHECK(other.strings.at("PayloadUUID") != profile.strings.at("PayloadUUID"));
        CHECK(other.strings.at("PayloadIdentifier") != profile.strings.at("PayloadIdentifier"));
    }
    SECTION("a hub name with markup in it stays text") {
        const auto odd = hub::test::parsePlist(appleTrustProfile(der, "a<b>&c"));
        CHECK(odd.strings.at("PayloadDisplayName") == "Clinic Hub (a<b>&c)");
    }
}

TEST_CASE("the welcome page in English and Bangla covers every platform, the downloads and the addresses",
          "[welcome]") {
    WelcomePage page;
    page.hub = clinicHub();
    page.fingerprint = "AB:CD:EF";
    for (const auto language : {Language::English, Language::Bangla}) {
        page.language = language;
        const std::string html = renderWelcomeHtml(page);
        const bool bn = language == Language::Bangla;
        INFO((bn ? "bn" : "en"));
        CHECK(html.find(bn ? "<html lang=\"bn\">" : "<html lang=\"en\">") != std::string::npos);
        for (const char* platform : {"android", "ios", "windows", "macos", "chromeos"})
            CHECK(html.find("<details id=\"" + std::string(platform) + "\">") != std::string::npos);
        for (const auto path : {rootDerPath, rootPemPath, trustProfilePath})
            CHECK(count(html, "href=\"" + std::string(path) + "\"") == 1);
        CHECK(html.find("<code id=\"sha256\">AB:CD:EF</code>") != std::string::npos);
        CHECK(html.find("src=\"" + std::string(fingerprintQrPath) + "\"") != std::string::npos);
        CHECK(html.find("href=\"https://clinic-hub.local:8443/\"") != std::string::npos);
        CHECK(html.find("href=\"https://192.168.1.20:8443/\"") != std::string::npos);
        CHECK(html.find("href=\"https://[fd00::5]:8443/\"") != std::string::npos);
        CHECK(html.find("Certificate Trust Settings") != std::string::npos);  // the iOS step people miss
        // No script, no inline style (the CSP would block them), nothing from another site.
        CHECK(html.find("<script") == std::string::npos);
        CHECK(html.find("style=") == std::string::npos);
        CHECK(html.find("<style") == std::string::npos);
        CHECK(std::regex_search(html, std::regex("(src|href)=\"https?://(?!clinic-hub\\.local|192\\.168|\\[fd00)")) ==
              false);
    }
    page.language = Language::Bangla;
    const std::string bn = renderWelcomeHtml(page);
    CHECK(bn.find("হাবের সার্টিফিকেট ডাউনলোড করুন") != std::string::npos);
    CHECK(bn.find("ফিঙ্গারপ্রিন্ট") != std::string::npos);
    CHECK(bn.find("aria-current=\"page\">বাংলা</a>") != std::string::npos);
}

TEST_CASE("the welcome page escapes the host name it shows", "[welcome]") {
    WelcomePage page;
    page.hub = clinicHub();
    page.hub.hostname = "x\"><script>alert(1)</script>";
    const std::string html = renderWelcomeHtml(page);
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;") != std::string::npos);
}

TEST_CASE("the page's language: ?lang= first, then the browser's first language, else English", "[welcome]") {
    CHECK(preferredLanguage("bn-BD,bn;q=0.9,en-US;q=0.8") == Language::Bangla);
    CHECK(preferredLanguage("bn") == Language::Bangla);
    CHECK(preferredLanguage("en-GB,bn;q=0.5") == Language::English);
    CHECK_FALSE(preferredLanguage("hi-IN,bn;q=0.9").has_value());
    CHECK_FALSE(preferredLanguage("").has_value());
}

TEST_CASE("the stylesheet loads the Bangla font from the hub and nothing from elsewhere", "[welcome]") {
    std::ifstream in(std::string(CLINIC_HUB_SOURCE_DIR) + "/hub/onboarding/web/welcome.css");
    const std::string css((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE_FALSE(css.empty());
    CHECK(css.find("url('/fonts/noto-sans-bengali.ttf')") != std::string::npos);
    CHECK(css.find("http") == std::string::npos);
    CHECK(css.find("@import") == std::string::npos);
}

TEST_CASE("a Host header is kept only as name, IPv4 or [IPv6] with an optional port", "[welcome][redirect]") {
    using hub::api::hostFromHeader;
    for (const auto& [header, host] : std::vector<std::pair<std::string, std::string>>{
             {"clinic-hub.local", "clinic-hub.local"},
             {"clinic-hub.local:8080", "clinic-hub.local"},
             {"Clinic-Hub", "Clinic-Hub"},
             {"box1.clinic-2.local", "box1.clinic-2.local"},
             {"localhost:1", "localhost"},
             {"192.168.1.20:65535", "192.168.1.20"},
             {"[fd00::5]", "[fd00::5]"},
             {"[::1]:8080", "[::1]"},
             {"[::ffff:192.168.1.2]", "[::ffff:192.168.1.2]"},
         }) {
        INFO(header);
        CHECK(hostFromHeader(header) == host);
    }
    for (const std::string& header : std::vector<std::string>{"", "https://evil.com", "evil.com/x", "evil.com@clinic-hub.local", "evil.com:", "evil.com:0",
          "evil.com:65536", "evil.com:80:80", "evil.com:8o", "evil com", "evil.com.", ".evil.com", "a..b", "-evil.com",
          "evil-.com", "1.2.3.999", "1.2.3", "127.1", "0x7f.0.0.1", "evil.0x1", "evil.123", "::1", "[::1", "[fe80::1%eth0]", "[evil.com]",
          "[1.2.3.4]", "ev_il.com", std::string(64, 'a') + ".local", "evil.com\r\nX: y"}) {
        INFO("'" << header << "'");
        CHECK_FALSE(hostFromHeader(header).has_value());
    }
}

TEST_CASE("the redirect keeps a good host and replaces anything else with the hub's name", "[welcome][redirect]") {
    using hub::api::httpsLocation;
    CHECK(httpsLocation("clinic-hub.local:8080", "/app?x=1", "fallback.local", 8443) ==
          "https://clinic-hub.local:8443/app?x=1");
    CHECK(httpsLocation("[fd00::5]:8080", "/", "fallback.local", 443) == "https://[fd00::5]/");
    CHECK(httpsLocation("https://evil.com", "/path", "clinic-hub.local", 8443) == "https://clinic-hub.local:8443/path");
    CHECK(httpsLocation("", "no-slash", "clinic-hub.local", 8443) == "https://clinic-hub.local:8443/");
}

TEST_CASE("a staff route cannot be served over plain HTTP", "[welcome][redirect]") {
    using namespace hub::api;
    Route staff = staffRoute("GET", "/api/v1/staff", hub::domain::Operation::ListStaff, "List staff");
    staff.plainHttp = true;
    CHECK_THROWS_AS(Router({staff}), std::logic_error);
    Route page = publicRoute("GET", "/welcome", "getWelcomePage", "x");
    page.plainHttp = true;
    CHECK_NOTHROW(Router({page}));
}
