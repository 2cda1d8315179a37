// The one static-asset server as the real daemon answers it: the staff app at
// "/", every app's files with ETag revalidation (304), immutable caching only
// under the app's content hash, gzip when asked for and worth it, the right
// content types and the CSP on every answer.
#include "test_support.h"

#include <regex>

using namespace hub::it;

namespace {

// Every src="…" and href="…" of a page.
std::vector<std::string> linksOf(const std::string& html) {
    std::vector<std::string> out;
    const std::regex re("(?:src|href)=\"([^\"]+)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1]);
    return out;
}

}  // namespace

TEST_CASE("the staff app is served at / and links only its own hashed files", "[integration][web]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto browser = hub.client();
    const auto page = browser->get("/");
    INFO(page.describe());
    REQUIRE(page.status == 200);
    CHECK(page.header("Content-Type") == "text/html; charset=utf-8");
    CHECK(page.header("Cache-Control") == "no-cache");
    CHECK(page.header("Content-Security-Policy").find("default-src 'self'") != std::string::npos);
    CHECK(page.header("Content-Security-Policy").find("unsafe-inline") == std::string::npos);
    const auto again = browser->request("GET", "/", std::nullopt, {{"If-None-Match", page.header("ETag")}});
    CHECK(again.status == 304);
    CHECK(again.body.empty());

    const auto links = linksOf(page.body);
    REQUIRE(links.size() >= 3);  // the stylesheet, the module, the manifest, icons
    const std::regex hashed("/app/[0-9a-f]{16}/[A-Za-z0-9._/-]+");
    for (const auto& link : links) {
        INFO(link);
        CHECK(std::regex_match(link, hashed));
        const auto file = browser->get(link);
        CHECK(file.status == 200);
        CHECK(file.header("Cache-Control") == "public, max-age=31536000, immutable");
        CHECK_FALSE(file.header("ETag").empty());
        CHECK(file.header("X-Content-Type-Options") == "nosniff");
    }
}

TEST_CASE("asset answers: types, 304, immutable only under the current hash, gzip by Accept-Encoding",
          "[integration][web]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto browser = hub.client();
    const std::string page = browser->get("/").body;
    std::smatch m;
    REQUIRE(std::regex_search(page, m, std::regex("/app/([0-9a-f]{16})/")));
    const std::string version = m[1];
    const std::string main = "/app/" + version + "/main.js";

    SECTION("content types by kind") {
        CHECK(browser->get(main).header("Content-Type") == "text/javascript; charset=utf-8");
        CHECK(browser->get("/app/" + version + "/app.css").header("Content-Type") == "text/css; charset=utf-8");
        CHECK(browser->get("/app/" + version + "/manifest.webmanifest").header("Content-Type") ==
              "application/manifest+json; charset=utf-8");
        CHECK(browser->get("/app/" + version + "/icons/icon-192.png").header("Content-Type") == "image/png");
        CHECK(browser->get("/app/" + version + "/vendor/preact.js").header("Content-Type") ==
              "text/javascript; charset=utf-8");
        CHECK(browser->get("/fonts/noto-sans-bengali.ttf").header("Content-Type") == "font/ttf");
    }
    SECTION("If-None-Match with the ETag is 304 without a body; another tag gets the file") {
        const auto first = browser->get(main);
        const auto cached = browser->request("GET", main, std::nullopt, {{"If-None-Match", first.header("ETag")}});
        CHECK(cached.status == 304);
        CHECK(cached.body.empty());
        CHECK(cached.header("Cache-Control") == "public, max-age=31536000, immutable");
        const auto other = browser->request("GET", main, std::nullopt, {{"If-None-Match", "\"0000\""}});
        CHECK(other.status == 200);
        CHECK(other.body == first.body);
        const auto font = browser->get("/fonts/noto-sans.ttf");
        CHECK(font.header("Cache-Control") == "no-cache");  // no hash in its name: revalidated
        CHECK(browser->request("GET", "/fonts/noto-sans.ttf", std::nullopt, {{"If-None-Match", font.header("ETag")}})
                  .status == 304);
    }
    SECTION("another version's URL is a 404 naming the version, never a stale immutable answer") {
        const auto old = browser->get("/app/0123456789abcdef/main.js");
        checkErrorShape(old);
        CHECK(old.status == 404);
        CHECK(old.errorField() == "version");
        CHECK(old.header("Cache-Control") == "no-store");
        const auto missing = browser->get("/app/" + version + "/nothing.js");
        CHECK(missing.status == 404);
        CHECK(missing.errorField() == "file");
    }
    SECTION("gzip when accepted and it pays; identity otherwise; a tag per encoding") {
        const auto plain = browser->get(main);
        const auto gz = browser->request("GET", main, std::nullopt, {{"Accept-Encoding", "gzip, deflate, br"}});
        CHECK(gz.status == 200);
        CHECK(gz.header("Content-Encoding") == "gzip");
        CHECK(gz.header("Vary") == "Accept-Encoding");
        CHECK(gz.body.size() < plain.body.size());
        CHECK(gz.body.substr(0, 2) == std::string("\x1f\x8b"));
        CHECK(gz.header("ETag") != plain.header("ETag"));
        CHECK(plain.header("Content-Encoding").empty());
        const auto refused = browser->request("GET", main, std::nullopt, {{"Accept-Encoding", "gzip;q=0"}});
        CHECK(refused.header("Content-Encoding").empty());
        const auto revalidated = browser->request("GET", main, std::nullopt,
                                                  {{"Accept-Encoding", "gzip"}, {"If-None-Match", gz.header("ETag")}});
        CHECK(revalidated.status == 304);
        // A PNG is compressed already: never gzipped again.
        const auto icon = browser->request("GET", "/app/" + version + "/icons/icon-192.png", std::nullopt,
                                           {{"Accept-Encoding", "gzip"}});
        CHECK(icon.header("Content-Encoding").empty());
    }
}

TEST_CASE("the service worker: a stable URL, revalidated, naming the app's current version", "[integration][web]") {
    HubDataDir dir;
    HubProcess hub(dir);
    auto browser = hub.client();
    std::smatch m;
    const std::string page = browser->get("/").body;
    REQUIRE(std::regex_search(page, m, std::regex("/app/([0-9a-f]{16})/")));
    const std::string version = m[1];

    const auto sw = browser->get("/sw.js");
    INFO(sw.describe());
    REQUIRE(sw.status == 200);
    CHECK(sw.header("Content-Type") == "text/javascript; charset=utf-8");
    // Not immutable: the browser must see a new version's worker at the same URL.
    CHECK(sw.header("Cache-Control") == "no-cache");
    CHECK(browser->request("GET", "/sw.js", std::nullopt, {{"If-None-Match", sw.header("ETag")}}).status == 304);
    // Its shell is this version's files; it never names the API.
    CHECK(sw.body.find("'/app/" + version + "/'") != std::string::npos);
    CHECK(sw.body.find("'/app/'") == std::string::npos);
    CHECK(sw.body.find("/api/") == std::string::npos);
    // The page registers it (install.js), and the manifest is linked.
    CHECK(browser->get("/app/" + version + "/install.js").body.find("register('/sw.js'") != std::string::npos);
    CHECK(page.find("/app/" + version + "/manifest.webmanifest") != std::string::npos);
}
