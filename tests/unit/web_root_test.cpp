// The static-asset server's files (hub/web): what is read from the web root,
// how each file is typed, hashed and compressed, and how a page pins its links.
#include "hub/core/error.h"
#include "hub/web/web_root.h"

#include "support/catch.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <regex>

using namespace hub::web;
namespace fs = std::filesystem;

namespace {

// A web root in a temporary directory, removed with the object.
struct TempRoot {
    fs::path dir = fs::temp_directory_path() / ("web-root-test-" + std::to_string(std::random_device{}()));
    TempRoot() { fs::create_directories(dir); }
    ~TempRoot() { fs::remove_all(dir); }
    void write(const std::string& relative, const std::string& text) const {
        fs::create_directories((dir / relative).parent_path());
        std::ofstream(dir / relative, std::ios::binary) << text;
    }
};

const WebApp testApps[] = {{"app", "/app"}, {"fonts", "/fonts", false, true}};

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("every file of an app is read with its content type and an ETag", "[web]") {
    TempRoot root;
    root.write("app/index.html", "<!doctype html><script type=\"module\" src=\"/app/main.js\"></script>");
    root.write("app/main.js", "import { x } from './vendor/lib.js';\n");
    root.write("app/vendor/lib.js", "export const x = 1;\n");
    root.write("app/manifest.webmanifest", "{}");
    root.write("app/icon.svg", "<svg/>");
    root.write("app/.hidden/secret.key", "never served");
    root.write("fonts/a.ttf", "not really a font");
    const WebRoot web = WebRoot::load(root.dir, testApps);

    REQUIRE(web.find("app", "main.js"));
    CHECK(web.find("app", "main.js")->contentType == "text/javascript; charset=utf-8");
    CHECK(web.find("app", "vendor/lib.js")->body == "export const x = 1;\n");
    CHECK(web.find("app", "manifest.webmanifest")->contentType == "application/manifest+json; charset=utf-8");
    CHECK(web.find("app", "icon.svg")->contentType == "image/svg+xml");
    CHECK(web.find("fonts", "a.ttf")->contentType == "font/ttf");
    CHECK(web.find("app", ".hidden/secret.key") == nullptr);
    CHECK(web.find("app", "missing.js") == nullptr);
    CHECK(std::regex_match(web.find("app", "main.js")->etag, std::regex("\"[0-9a-f]{32}\"")));
    CHECK(web.find("app", "main.js")->etag != web.find("app", "vendor/lib.js")->etag);
}

TEST_CASE("an app's version is a hash over all its files, so any change moves every URL", "[web]") {
    TempRoot root;
    root.write("app/index.html", "<link rel=\"stylesheet\" href=\"/app/app.css\">");
    root.write("app/app.css", "body { color: black; }");
    root.write("fonts/a.ttf", "x");
    const WebRoot before = WebRoot::load(root.dir, testApps);
    CHECK(std::regex_match(before.version("app"), std::regex("[0-9a-f]{16}")));
    CHECK(before.url("app", "app.css") == "/app/" + before.version("app") + "/app.css");
    CHECK(before.url("fonts", "a.ttf") == "/fonts/a.ttf");  // unversioned: linked by name from several apps

    root.write("app/app.css", "body { color: navy; }");
    const WebRoot after = WebRoot::load(root.dir, testApps);
    CHECK(after.version("app") != before.version("app"));
    root.write("app/app.css", "body { color: black; }");
    CHECK(WebRoot::load(root.dir, testApps).version("app") == before.version("app"));
}

TEST_CASE("a page's links into its app are pinned to the version, others are left alone", "[web]") {
    TempRoot root;
    root.write("app/index.html",
               "<link rel=\"manifest\" href='/app/manifest.webmanifest'>\n"
               "<script type=\"module\" src=\"/app/main.js\"></script>\n"
               "<link rel=\"preload\" href=\"/fonts/a.ttf\">\n<a href=\"/application\">x</a>");
    root.write("app/main.js", "");
    root.write("app/manifest.webmanifest", "{}");
    root.write("fonts/a.ttf", "x");
    const WebRoot web = WebRoot::load(root.dir, testApps);
    const std::string v = web.version("app");
    const Asset page = web.page("app");
    CHECK(page.body.find("src=\"/app/" + v + "/main.js\"") != std::string::npos);
    CHECK(page.body.find("href='/app/" + v + "/manifest.webmanifest'") != std::string::npos);
    CHECK(page.body.find("href=\"/fonts/a.ttf\"") != std::string::npos);
    CHECK(page.body.find("href=\"/application\"") != std::string::npos);
    CHECK(page.contentType == "text/html; charset=utf-8");
    CHECK(page.etag != web.find("app", "index.html")->etag);
}

TEST_CASE("a file is kept gzipped only where that pays", "[web]") {
    const Asset text = makeAsset("text/javascript; charset=utf-8", std::string(4000, 'a'));
    REQUIRE_FALSE(text.gzip.empty());
    CHECK(text.gzip.size() < 200);
    CHECK(text.gzip.substr(0, 2) == std::string("\x1f\x8b"));  // the gzip magic
    CHECK(makeAsset("text/css; charset=utf-8", "tiny").gzip.empty());  // below one segment
    CHECK(makeAsset("image/png", std::string(4000, 'a')).gzip.empty());  // already compressed kinds
    std::mt19937 random(7);
    std::string noise(4000, '\0');
    for (auto& c : noise) c = static_cast<char>(random());
    CHECK(makeAsset("text/plain; charset=utf-8", noise).gzip.empty());  // would not shrink a tenth
}

TEST_CASE("the web root refuses what it cannot serve correctly, naming the file", "[web]") {
    TempRoot root;
    root.write("fonts/a.ttf", "x");
    SECTION("a missing app folder names [web] root and the folder") {
        try {
            WebRoot::load(root.dir, testApps);
            FAIL("loaded without the app folder");
        } catch (const hub::Error& e) {
            CHECK(std::string(e.what()).find("[web] root") != std::string::npos);
            CHECK(std::string(e.what()).find("app") != std::string::npos);
        }
    }
    SECTION("a file of a kind the hub has no content type for") {
        root.write("app/index.html", "");
        root.write("app/notes.docx", "");
        CHECK_THROWS_WITH(WebRoot::load(root.dir, testApps), Catch::Contains("notes.docx"));
    }
    SECTION("a file deeper than one sub-folder") {
        root.write("app/index.html", "");
        root.write("app/a/b/c.js", "");
        CHECK_THROWS_WITH(WebRoot::load(root.dir, testApps), Catch::Contains("c.js"));
    }
}

TEST_CASE("content types by file name", "[web]") {
    CHECK(contentTypeFor("index.html") == "text/html; charset=utf-8");
    CHECK(contentTypeFor("a.b.css") == "text/css; charset=utf-8");
    CHECK(contentTypeFor("x.mjs") == "text/javascript; charset=utf-8");
    CHECK(contentTypeFor("icon-192.png") == "image/png");
    CHECK(contentTypeFor("chime.wav") == "audio/wav");
    CHECK_FALSE(contentTypeFor("Makefile").has_value());
    CHECK_FALSE(contentTypeFor("app.exe").has_value());
}

// The CSP (script-src 'self') runs no inline script, so every page the hub
// ships must load its code from files: no inline <script>, no inline import map.
TEST_CASE("the shipped web apps load and their pages hold no inline script", "[web]") {
    const WebRoot web = WebRoot::load(fs::path(CLINIC_HUB_BINARY_DIR) / "www");
    for (const auto& app : web.apps()) {
        INFO(app.folder);
        CHECK(web.version(app.folder).size() == 16);
    }
    for (const auto& [folder, page] : {std::pair{"staff", "index.html"}, std::pair{"display", "index.html"}}) {
        const std::string html = readAll(fs::path(CLINIC_HUB_BINARY_DIR) / "www" / folder / page);
        INFO(folder << "/" << page);
        REQUIRE_FALSE(html.empty());
        const std::regex script("<script\\b([^>]*)>", std::regex::icase);
        int scripts = 0;
        for (auto it = std::sregex_iterator(html.begin(), html.end(), script); it != std::sregex_iterator(); ++it) {
            ++scripts;
            const std::string attributes = (*it)[1];
            CHECK(attributes.find("src=") != std::string::npos);
            CHECK(attributes.find("importmap") == std::string::npos);
        }
        CHECK(scripts >= 1);
        CHECK(html.find(" style=") == std::string::npos);  // style-src 'self': no inline styles either
        CHECK_FALSE(std::regex_search(html, std::regex("\\son[a-z]+\\s*=", std::regex::icase)));  // no onclick=
    }
}

TEST_CASE("files linked from elsewhere are served under their link's name", "[web]") {
    // As the fonts are: links into fonts-noto-core, whose targets have other names.
    TempRoot root;
    TempRoot elsewhere;
    elsewhere.write("NotoSans-Regular.ttf", "the font's bytes");
    root.write("app/index.html", "<!doctype html>");
    fs::create_directories(root.dir / "fonts");
    fs::create_symlink(elsewhere.dir / "NotoSans-Regular.ttf", root.dir / "fonts/noto-sans.ttf");
    const WebRoot web = WebRoot::load(root.dir, testApps);
    REQUIRE(web.find("fonts", "noto-sans.ttf"));
    CHECK(web.find("fonts", "noto-sans.ttf")->body == "the font's bytes");
}
