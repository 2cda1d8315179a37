#pragma once
// The TV page's files (display/web), embedded into the binary at build time by
// display/embed_web_assets.cmake.
#include <span>
#include <string_view>

namespace hub::display {

struct WebAsset {
    std::string_view name;         // "display.css", as in /display/assets/<name>
    std::string_view contentType;
    std::string_view body;
    std::string_view hash;         // the first 16 hex digits of the file's SHA-256
};

std::span<const WebAsset> webAssets();

// nullptr when there is no such file.
const WebAsset* findWebAsset(std::string_view name);

}  // namespace hub::display
