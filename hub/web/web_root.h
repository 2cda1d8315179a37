#pragma once
// The one static-asset server's files: every browser asset the hub ships (the
// staff web app, the TV page, the welcome page's files, the fonts), read once
// from the web root at start and kept in memory with what each answer needs:
// content type, ETag, and a gzip copy where it pays.
//
// Why files in an install directory and not compiled in: the staff app is
// tens of files plus vendored npm modules, the fonts belong to Debian's
// fonts-noto-core (a symlink, upgraded with it), and a front-end change needs
// no C++ rebuild (docs/architecture.md, "Browser assets").
#include "hub/web/web_apps.h"

#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hub::web {

struct Asset {
    std::string contentType;
    std::string body;
    std::string gzip;  // empty when compressing does not pay
    std::string etag;  // quoted, from the content's SHA-256
};

// The file's content type from its name; nullopt for a kind the hub does not serve.
std::optional<std::string> contentTypeFor(std::string_view fileName);

class WebRoot {
public:
    // Reads every app's folder. Throws hub::Error(Unavailable) naming the
    // folder when one is missing, and the file when it is of a kind the hub
    // does not serve or lies deeper than one sub-folder.
    static WebRoot load(const std::filesystem::path& root, std::span<const WebApp> apps = webApps);

    const std::filesystem::path& root() const { return root_; }
    std::span<const WebApp> apps() const { return apps_; }

    // The file at `relative` ("main.js", "vendor/preact.js") of app `folder`; nullptr if none.
    const Asset* find(std::string_view folder, std::string_view relative) const;
    // The app's version: the first 16 hex digits of a hash over all its files.
    const std::string& version(std::string_view folder) const;
    // Where the browser gets a file: "/app/<version>/main.js", or "/fonts/x.ttf" unversioned.
    std::string url(std::string_view folder, std::string_view relative) const;
    // An HTML page of the app with every link into the app's URL pinned to its
    // version ("/app/x.js" -> "/app/<version>/x.js"); the page itself is
    // revalidated, everything it links is immutable.
    Asset page(std::string_view folder, std::string_view file = "index.html") const;

private:
    struct App {
        WebApp app;
        std::string version;
        std::map<std::string, Asset, std::less<>> files;
    };
    const App& appFor(std::string_view folder) const;

    std::filesystem::path root_;
    std::span<const WebApp> apps_;
    std::vector<App> loaded_;
};

// The built-in default of `[web] root`: /usr/share/clinic-hub/www when
// installed there, else the build tree's www (a checkout).
std::filesystem::path defaultWebRoot();

// Builds the asset from a file's bytes: ETag from its hash, gzip where it pays.
Asset makeAsset(std::string contentType, std::string body);

}  // namespace hub::web
