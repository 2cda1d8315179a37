#pragma once
#include "hub/api/route.h"
#include "hub/web/web_root.h"

#include <memory>

namespace hub::api {

// The waiting-room TV page, public like the display endpoints it reads:
//   getDisplayPage  GET /display/{key}  the page (the key is read by its script)
// Its scripts, styles and fonts are the static-asset server's (web_routes.h):
// the page links them pinned to the display app's version.
std::vector<Route> displayPageRoutes(std::shared_ptr<const web::WebRoot> root);

}  // namespace hub::api
