#pragma once
#include "hub/api/route.h"

#include <filesystem>

namespace hub::api {

// Debian's fonts-noto-core puts the Noto fonts here.
inline const std::filesystem::path defaultNotoFontDir = "/usr/share/fonts/truetype/noto";

// The waiting-room TV page, public like the display endpoints it reads:
//   getDisplayPage   GET /display/{key}               the page (the key is read by its script)
//   getDisplayAsset  GET /display/assets/{file}       scripts and styles embedded in the binary
//   getDisplayFont   GET /display/assets/fonts/{file} Noto Sans (Latin and Bengali) from fontDir
// The page links its assets with ?v=<hash>; such a request is cached for a year,
// any other is revalidated by ETag (If-None-Match → 304).
std::vector<Route> displayPageRoutes(std::filesystem::path fontDir = defaultNotoFontDir);

}  // namespace hub::api
