// The waiting-room TV page as the real daemon serves it: over HTTPS to any TV on
// the clinic network, and over the kiosk listener, which is plain HTTP on
// loopback only and carries nothing of the staff API.
#include "test_support.h"

#include <fstream>
#include <regex>
#include <sstream>

using namespace hub::it;

namespace {

// A well-formed display key (22 base64url characters); the page does not
// check that a display has it (its script asks getDisplayState).
const std::string someKey = "Jx0123456789abcdefGH_-";

// Local addresses (hex, as /proc/net/tcp* writes them) listening on `port`.
std::vector<std::string> listeningAddresses(int port) {
    std::vector<std::string> out;
    char portHex[8];
    std::snprintf(portHex, sizeof portHex, "%04X", port);
    for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        std::ifstream in(table);
        std::string line;
        std::getline(in, line);  // header
        while (std::getline(in, line)) {
            std::istringstream fields(line);
            std::string slot, local, remote, state;
            fields >> slot >> local >> remote >> state;
            const auto colon = local.rfind(':');
            if (state == "0A" && local.substr(colon + 1) == portHex) out.push_back(local.substr(0, colon));
        }
    }
    return out;
}

HubOptions withKiosk(int kioskPort) {
    HubOptions options;
    options.extraArgs = {"--kiosk-port", std::to_string(kioskPort)};
    return options;
}

// The path of a versioned asset link in the page ("" if none): /display/assets/<version>/<file>.
std::string linkTo(const std::string& html, const std::string& file) {
    std::smatch m;
    const std::regex re("\"(/display/assets/[0-9a-f]{16}/" + std::regex_replace(file, std::regex("\\."), "\\.") + ")\"");
    return std::regex_search(html, m, re) ? m[1].str() : "";
}

}  // namespace

TEST_CASE("the kiosk listener binds loopback only and serves the TV page over plain HTTP", "[integration][display]") {
    HubDataDir dir;
    const int kioskPort = freeLoopbackPort();
    HubProcess hub(dir, withKiosk(kioskPort));

    const auto addresses = listeningAddresses(kioskPort);
    INFO("listening on port " << kioskPort << ":");
    REQUIRE_FALSE(addresses.empty());
    for (const auto& a : addresses) {
        INFO(a);
        // 127.0.0.1 and ::1 as /proc/net writes them (host byte order words).
        CHECK((a == "0100007F" || a == "00000000000000000000000001000000"));
    }

    const auto page = plainGet("127.0.0.1", kioskPort, "/display/" + someKey);
    INFO(page.body);
    REQUIRE(page.status == 200);
    CHECK(page.headers.getContentType().rfind("text/html", 0) == 0);
    CHECK(page.body.find("id=\"doctors\"") != std::string::npos);
    const std::string script = linkTo(page.body, "main.js");
    REQUIRE_FALSE(script.empty());
    const auto js = plainGet("127.0.0.1", kioskPort, script);
    CHECK(js.status == 200);
    CHECK(js.headers.getContentType().rfind("text/javascript", 0) == 0);
    CHECK(plainGet("::1", kioskPort, "/display/" + someKey).status == 200);
    CHECK(plainGet("127.0.0.1", kioskPort, "/fonts/noto-sans.ttf").status == 200);  // the page's font, on loopback too
}

TEST_CASE("the kiosk listener has nothing of the staff API", "[integration][display]") {
    HubDataDir dir;
    const int kioskPort = freeLoopbackPort();
    HubProcess hub(dir, withKiosk(kioskPort));
    for (const std::string path : {"/api/v1/staff", "/api/v1/queue?doctor_id=2", "/api/v1/patients", "/healthz",
                                   "/api/v1/openapi.json", "/ca.crt"}) {
        const auto r = plainGet("127.0.0.1", kioskPort, path);
        INFO(path << ": " << r.body);
        CHECK(r.status == 404);
    }
    // The staff API is still there on HTTPS, of course.
    CHECK(signedIn(hub, "admin")->get("/api/v1/staff").status == 200);
}

TEST_CASE("the TV page pins its assets by hash and revalidates the rest by ETag", "[integration][display]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto tv = hub.client();

    const auto page = tv->get("/display/" + someKey);
    INFO(page.describe());
    REQUIRE(page.status == 200);
    CHECK(page.header("Cache-Control") == "no-cache");
    CHECK(page.header("Content-Security-Policy").find("default-src 'self'") != std::string::npos);
    const std::string etag = page.header("ETag");
    REQUIRE_FALSE(etag.empty());
    const auto again = tv->request("GET", "/display/" + someKey, std::nullopt, {{"If-None-Match", etag}});
    CHECK(again.status == 304);
    CHECK(again.body.empty());

    SECTION("a pinned asset is cached for a year; its relative imports carry the same version") {
        const std::string css = linkTo(page.body, "display.css");
        REQUIRE_FALSE(css.empty());
        const auto pinned = tv->get(css);
        CHECK(pinned.status == 200);
        CHECK(pinned.header("Content-Type").rfind("text/css", 0) == 0);
        CHECK(pinned.header("Cache-Control") == "public, max-age=31536000, immutable");
        // main.js imports ./board.js: the browser asks for it under the same version.
        const std::string script = linkTo(page.body, "main.js");
        REQUIRE_FALSE(script.empty());
        const std::string module = script.substr(0, script.rfind('/')) + "/board.js";
        const auto board = tv->get(module);
        CHECK(board.status == 200);
        CHECK(board.header("Cache-Control") == "public, max-age=31536000, immutable");
        const auto revalidated = tv->request("GET", module, std::nullopt, {{"If-None-Match", board.header("ETag")}});
        CHECK(revalidated.status == 304);
        const auto stale = tv->request("GET", module, std::nullopt, {{"If-None-Match", "\"old\""}});
        CHECK(stale.status == 200);
        CHECK(stale.body == board.body);
    }
    SECTION("the hub's chime is not shadowed by the page's own files") {
        const auto chime = tv->get("/display/assets/chime.wav");
        CHECK(chime.status == 200);
        CHECK(chime.header("Content-Type") == "audio/wav");
    }
    SECTION("the Bangla font comes from the hub, once, at /fonts/") {
        const auto font = tv->get("/fonts/noto-sans-bengali.ttf");
        INFO(font.header("Content-Type"));
        REQUIRE(font.status == 200);
        CHECK(font.header("Content-Type") == "font/ttf");
        CHECK(font.body.size() > 50'000);
        CHECK(font.header("Cache-Control") == "no-cache");
        CHECK_FALSE(font.header("ETag").empty());
        CHECK(tv->get("/display/assets/fonts/noto-sans-bengali.ttf").status == 404);
        CHECK(tv->get("/assets/fonts/noto-sans-bengali.ttf").status == 404);
    }
    SECTION("unknown files and malformed keys are 404 naming the field") {
        const std::string version = linkTo(page.body, "main.js").substr(std::string("/display/assets/").size(), 16);
        const auto file = tv->get("/display/assets/" + version + "/secret.txt");
        checkErrorShape(file);
        CHECK(file.status == 404);
        CHECK(file.errorField() == "file");
        const auto font = tv->get("/fonts/..%2F..%2Fetc%2Fpasswd");
        CHECK(font.status == 404);
        const auto key = tv->get("/display/not-a-key");
        checkErrorShape(key);
        CHECK(key.status == 404);
        CHECK(key.errorField() == "key");
        const auto query = tv->get("/display/" + someKey + "?debug=1");
        CHECK(query.status == 400);
        CHECK(query.errorField() == "debug");
    }
}
