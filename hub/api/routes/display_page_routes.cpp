#include "hub/api/routes/display_page_routes.h"

#include "hub/core/error.h"
#include "display/web_assets.h"

#include <array>
#include <cctype>
#include <fstream>
#include <functional>
#include <iterator>
#include <system_error>

namespace hub::api {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view assetPrefix = "/display/assets/";
constexpr const char* revalidate = "no-cache";
constexpr const char* forever = "public, max-age=31536000, immutable";
// A Debian upgrade may replace a font; a day is short enough and saves the TV
// refetching 500 kB on every reload.
constexpr const char* aDay = "public, max-age=86400";

struct FontFile {
    std::string_view name;  // as served
    std::string_view file;  // in fontDir
};
constexpr std::array<FontFile, 4> fonts = {{
    {"noto-sans.ttf", "NotoSans-Regular.ttf"},
    {"noto-sans-bold.ttf", "NotoSans-Bold.ttf"},
    {"noto-sans-bengali.ttf", "NotoSansBengali-Regular.ttf"},
    {"noto-sans-bengali-bold.ttf", "NotoSansBengali-Bold.ttf"},
}};

std::string entityTag(std::string_view tag) { return "\"" + std::string(tag) + "\""; }

// 304 when the client already holds this version; otherwise the body from make().
ApiResponse conditional(const ApiRequest& r, const std::string& etag, const char* cacheControl,
                        const std::function<ApiResponse()>& make) {
    ApiResponse out;
    if (r.http.get("If-None-Match", "") == etag)
        out.status = 304;
    else
        out = make();
    out.header("ETag", etag).header("Cache-Control", cacheControl);
    return out;
}

// index.html with every link to an embedded asset pinned to that asset's hash,
// so a new hub version is picked up by the next reload and never half-mixed.
std::string versionedPage() {
    const auto* page = display::findWebAsset("index.html");
    if (!page) throw std::logic_error("display/web/index.html is not embedded");
    std::string html(page->body);
    for (const auto& asset : display::webAssets()) {
        const std::string link = std::string(assetPrefix) + std::string(asset.name) + "\"";
        const std::string pinned = std::string(assetPrefix) + std::string(asset.name) + "?v=" +
                                   std::string(asset.hash) + "\"";
        for (auto at = html.find(link); at != std::string::npos; at = html.find(link, at + pinned.size()))
            html.replace(at, link.size(), pinned);
    }
    return html;
}

// The contract's display key: 128 random bits in base64url, 22 characters.
bool looksLikeDisplayKey(const std::string& key) {
    if (key.size() != 22) return false;
    for (const char c : key)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
    return true;
}

Route pageRoute() {
    Route page = publicRoute("GET", "/display/{key}", "getDisplayPage",
                             "The waiting-room TV page for one display (open it full-screen on the TV)");
    page.tag = "display";
    page.rawContentType = "text/html";
    page.errorStatuses = {404};
    const std::string html = versionedPage();
    page.handler = [html, etag = entityTag(std::to_string(std::hash<std::string>{}(html)))](ApiRequest& r) {
        if (!looksLikeDisplayKey(r.path("key")))
            throw Error(ErrorCode::NotFound, "no display has this key; copy the display's URL from the admin page",
                        "key");
        return conditional(r, etag, revalidate, [&] { return ApiResponse::bytes("text/html; charset=utf-8", html); });
    };
    return page;
}

Route assetRoute() {
    Route asset = publicRoute("GET", std::string(assetPrefix) + "{file}", "getDisplayAsset",
                              "A script or stylesheet of the TV page");
    asset.tag = "display";
    asset.rawContentType = "text/javascript";
    asset.queryParameters = {{"v", string("the file's version, as the page links it"), false}};
    asset.errorStatuses = {404};
    asset.handler = [](ApiRequest& r) {
        const auto* file = display::findWebAsset(r.path("file"));
        if (!file) throw Error(ErrorCode::NotFound, "the TV page has no file " + r.path("file"), "file");
        const bool pinned = r.queryValue("v") == std::string(file->hash);
        return conditional(r, entityTag(file->hash), pinned ? forever : revalidate, [file] {
            return ApiResponse::bytes(std::string(file->contentType), std::string(file->body));
        });
    };
    return asset;
}

Route fontRoute(fs::path fontDir) {
    Route font = publicRoute("GET", std::string(assetPrefix) + "fonts/{file}", "getDisplayFont",
                             "Noto Sans and Noto Sans Bengali, so the TV shows Bangla without the internet");
    font.tag = "display";
    font.rawContentType = "font/ttf";
    font.errorStatuses = {404};
    font.handler = [fontDir = std::move(fontDir)](ApiRequest& r) {
        const FontFile* known = nullptr;
        for (const auto& f : fonts)
            if (f.name == r.path("file")) known = &f;
        if (!known) throw Error(ErrorCode::NotFound, "the TV page has no font " + r.path("file"), "file");
        const fs::path path = fontDir / known->file;
        std::error_code ec;
        const auto size = fs::file_size(path, ec);
        const auto modified = fs::last_write_time(path, ec);
        if (ec) throw notFound("the font " + path.string() + " is not installed on this hub (Debian package fonts-noto-core)");
        const std::string etag = entityTag(std::to_string(size) + "-" +
                                        std::to_string(modified.time_since_epoch().count()));
        return conditional(r, etag, aDay, [&] {
            std::ifstream in(path, std::ios::binary);
            if (!in) throw notFound("cannot read the font " + path.string());
            return ApiResponse::bytes("font/ttf",
                                      std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
        });
    };
    return font;
}

}  // namespace

std::vector<Route> displayPageRoutes(fs::path fontDir) {
    return {pageRoute(), assetRoute(), fontRoute(std::move(fontDir))};
}

}  // namespace hub::api
