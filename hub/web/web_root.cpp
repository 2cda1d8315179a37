#include "hub/web/web_root.h"

#include "hub/core/error.h"
#include "hub/tls/digest.h"

#include <Poco/DeflatingStream.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

namespace hub::web {
namespace {

namespace fs = std::filesystem;

// Compressing below this saves less than one TCP segment's worth.
constexpr std::size_t minGzipBytes = 512;

bool compressible(std::string_view contentType) {
    return contentType.starts_with("text/") || contentType.starts_with("application/json") ||
           contentType.starts_with("application/manifest+json") || contentType.starts_with("image/svg+xml") ||
           contentType == "font/ttf" || contentType == "audio/wav";
}

std::string gzipOf(const std::string& body) {
    std::ostringstream out;
    {
        Poco::DeflatingOutputStream gz(out, Poco::DeflatingStreamBuf::STREAM_GZIP, 9);
        gz.write(body.data(), static_cast<std::streamsize>(body.size()));
        gz.close();
    }
    return out.str();
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::Unavailable, "[web] root: cannot read " + path.string());
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool hidden(const fs::path& p) { return !p.filename().empty() && p.filename().string().front() == '.'; }

}  // namespace

std::optional<std::string> contentTypeFor(std::string_view name) {
    static const std::pair<std::string_view, std::string_view> types[] = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".webmanifest", "application/manifest+json; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".ttf", "font/ttf"},
        {".woff2", "font/woff2"},
        {".wav", "audio/wav"},
        {".txt", "text/plain; charset=utf-8"},
    };
    const auto dot = name.rfind('.');
    if (dot == std::string_view::npos) return std::nullopt;
    const std::string_view ext = name.substr(dot);
    for (const auto& [e, type] : types)
        if (e == ext) return std::string(type);
    return std::nullopt;
}

Asset makeAsset(std::string contentType, std::string body) {
    Asset a;
    a.etag = "\"" + tls::sha256Hex(body).substr(0, 32) + "\"";
    if (compressible(contentType) && body.size() >= minGzipBytes) {
        std::string gz = gzipOf(body);
        // Where it pays: at least a tenth smaller, or the client's inflate is wasted work.
        if (gz.size() * 10 < body.size() * 9) a.gzip = std::move(gz);
    }
    a.contentType = std::move(contentType);
    a.body = std::move(body);
    return a;
}

WebRoot WebRoot::load(const fs::path& root, std::span<const WebApp> apps) {
    WebRoot w;
    w.root_ = root;
    w.apps_ = apps;
    for (const auto& app : apps) {
        const fs::path dir = root / app.folder;
        std::error_code ec;
        if (!fs::is_directory(dir, ec))
            throw Error(ErrorCode::Unavailable, "[web] root: " + dir.string() +
                                                    " is missing (set [web] root to the directory holding " +
                                                    std::string(app.folder) + "/, or install the package's www)");
        App loaded{app, {}, {}};
        std::string manifest;  // name and hash of every file, in order: the app's version
        for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::follow_directory_symlink);
             it != fs::recursive_directory_iterator(); ++it) {
            if (hidden(it->path())) {
                if (it->is_directory()) it.disable_recursion_pending();
                continue;
            }
            if (it->is_directory()) continue;
            // Lexically: fs::relative resolves symlinks, and the fonts are links into fonts-noto-core.
            const std::string relative = it->path().lexically_relative(dir).generic_string();
            if (it.depth() > 1)
                throw Error(ErrorCode::Unavailable, "[web] root: " + it->path().string() +
                                                        ": a web app's files lie at most one folder deep");
            const auto type = contentTypeFor(relative);
            if (!type)
                throw Error(ErrorCode::Unavailable,
                            "[web] root: " + it->path().string() + ": the hub serves no files of this kind");
            Asset asset = makeAsset(*type, readFile(it->path()));
            loaded.files.emplace(relative, std::move(asset));
        }
        for (const auto& [name, asset] : loaded.files) manifest += name + " " + asset.etag + "\n";
        loaded.version = tls::sha256Hex(manifest).substr(0, 16);
        w.loaded_.push_back(std::move(loaded));
    }
    return w;
}

const WebRoot::App& WebRoot::appFor(std::string_view folder) const {
    for (const auto& a : loaded_)
        if (a.app.folder == folder) return a;
    throw std::logic_error("no web app " + std::string(folder));
}

const Asset* WebRoot::find(std::string_view folder, std::string_view relative) const {
    const auto& files = appFor(folder).files;
    const auto it = files.find(relative);
    return it == files.end() ? nullptr : &it->second;
}

const std::string& WebRoot::version(std::string_view folder) const { return appFor(folder).version; }

std::string WebRoot::url(std::string_view folder, std::string_view relative) const {
    const App& a = appFor(folder);
    std::string out(a.app.url);
    if (a.app.versioned) out += "/" + a.version;
    return out + "/" + std::string(relative);
}

Asset WebRoot::page(std::string_view folder, std::string_view file) const {
    const App& a = appFor(folder);
    const Asset* original = find(folder, file);
    if (!original) throw std::logic_error("web app " + std::string(folder) + " has no " + std::string(file));
    std::string html = original->body;
    if (a.app.versioned) {
        // Only attribute values that start with the app's URL: src="/app/…", href="/app/…".
        for (const char quote : {'"', '\''}) {
            const std::string from = std::string(1, quote) + std::string(a.app.url) + "/";
            const std::string to = from + a.version + "/";
            for (auto at = html.find(from); at != std::string::npos; at = html.find(from, at + to.size()))
                html.replace(at, from.size(), to);
        }
    }
    return makeAsset(original->contentType, std::move(html));
}

fs::path defaultWebRoot() {
    // A program run from the build tree (a checkout, the tests) serves the
    // checkout's files, even on a box where the package is installed too.
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    const std::string buildDir = CLINIC_HUB_BUILD_DIR;
    if (!ec && self.string().rfind(buildDir + "/", 0) == 0) return fs::path(buildDir) / "www";
    return CLINIC_HUB_INSTALLED_WEB_ROOT;
}

}  // namespace hub::web
