#include "hub/api/routes/web_routes.h"

#include "hub/core/error.h"

#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <cctype>

namespace hub::api {
namespace {

constexpr const char* revalidate = "no-cache";
constexpr const char* forever = "public, max-age=31536000, immutable";

// Accept-Encoding names gzip (or *) without q=0.
bool acceptsGzip(const std::string& header) {
    Poco::StringTokenizer items(header, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& item : items) {
        Poco::StringTokenizer parts(item, ";", Poco::StringTokenizer::TOK_TRIM);
        const std::string coding = Poco::toLower(parts[0]);
        if (coding != "gzip" && coding != "*") continue;
        double q = 1;
        for (std::size_t i = 1; i < parts.count(); ++i)
            if (Poco::toLower(parts[i]).rfind("q=", 0) == 0 && !Poco::NumberParser::tryParseFloat(parts[i].substr(2), q))
                q = 0;
        return q > 0;
    }
    return false;
}

// "staff" -> "Staff"
std::string capitalised(std::string_view s) {
    std::string out(s);
    if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

Route assetRoute(const std::shared_ptr<const web::WebRoot>& root, const web::WebApp& app, bool inFolder) {
    std::string path(app.url);
    if (app.versioned) path += "/{version}";
    if (inFolder) path += "/{folder}";
    path += "/{file}";
    const std::string name = capitalised(app.folder);
    Route r = publicRoute("GET", path, "get" + name + (inFolder ? "FolderAsset" : "Asset"),
                          "A file of the " + std::string(app.folder) + " web app (" +
                              (app.versioned ? "immutable under its version" : "revalidated by ETag") + ")");
    r.tag = "web";
    r.rawContentType = "application/octet-stream";
    r.errorStatuses = {404};
    r.plainHttp = app.plainHttp;
    r.handler = [root, folder = std::string(app.folder), versioned = app.versioned, inFolder](ApiRequest& rq) {
        const std::string relative = inFolder ? rq.path("folder") + "/" + rq.path("file") : rq.path("file");
        const web::Asset* asset = root->find(folder, relative);
        if (!asset) throw Error(ErrorCode::NotFound, "the " + folder + " web app has no file " + relative, "file");
        if (versioned && rq.path("version") != root->version(folder))
            throw Error(ErrorCode::NotFound, "this hub serves another version of the " + folder +
                                                 " web app; reload the page",
                        "version");
        return assetResponse(rq, *asset, versioned);
    };
    return r;
}

}  // namespace

ApiResponse assetResponse(const ApiRequest& r, const web::Asset& asset, bool immutable) {
    const bool gzip = !asset.gzip.empty() && acceptsGzip(r.http.get("Accept-Encoding", ""));
    // Each encoding is its own representation, so its own entity tag.
    const std::string etag = gzip ? asset.etag.substr(0, asset.etag.size() - 1) + "-gz\"" : asset.etag;
    ApiResponse out;
    if (r.http.get("If-None-Match", "") == etag)
        out.status = 304;
    else
        out = ApiResponse::bytes(asset.contentType, gzip ? asset.gzip : asset.body);
    out.header("ETag", etag).header("Cache-Control", immutable ? forever : revalidate);
    if (!asset.gzip.empty()) out.header("Vary", "Accept-Encoding");
    if (gzip && out.status != 304) out.header("Content-Encoding", "gzip");
    return out;
}

std::vector<Route> webRoutes(std::shared_ptr<const web::WebRoot> root) {
    std::vector<Route> routes;
    for (const auto& app : root->apps()) {
        routes.push_back(assetRoute(root, app, false));
        routes.push_back(assetRoute(root, app, true));
    }
    Route page = publicRoute("GET", "/", "getStaffApp", "The staff web app (sign in, then the screens of one's role)");
    page.tag = "web";
    page.rawContentType = "text/html";
    page.handler = [root, html = std::make_shared<const web::Asset>(root->page("staff"))](ApiRequest& r) {
        return assetResponse(r, *html, false);
    };
    routes.push_back(std::move(page));

    // The staff app's service worker at a URL that never changes (a worker is
    // identified by its script URL, and its default scope is the script's
    // folder: "/" here), revalidated on every check. Its text names the app's
    // current version ("/app/" -> "/app/<version>/"), so a new version of the
    // app is a new worker, which replaces the old one and its cache.
    Route worker = publicRoute("GET", "/sw.js", "getStaffServiceWorker",
                               "The staff web app's service worker (caches the app shell only, never API answers)");
    worker.tag = "web";
    worker.rawContentType = "text/javascript";
    worker.handler = [script = std::make_shared<const web::Asset>(root->page("staff", "sw.js"))](ApiRequest& r) {
        return assetResponse(r, *script, false);
    };
    routes.push_back(std::move(worker));
    return routes;
}

}  // namespace hub::api
