#include "hub/api/routes/display_page_routes.h"

#include "hub/api/routes/web_routes.h"
#include "hub/core/error.h"

#include <cctype>

namespace hub::api {
namespace {

// The contract's display key: 128 random bits in base64url, 22 characters.
bool looksLikeDisplayKey(const std::string& key) {
    if (key.size() != 22) return false;
    for (const char c : key)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
    return true;
}

}  // namespace

std::vector<Route> displayPageRoutes(std::shared_ptr<const web::WebRoot> root) {
    Route page = publicRoute("GET", "/display/{key}", "getDisplayPage",
                             "The waiting-room TV page for one display (open it full-screen on the TV)");
    page.tag = "display";
    page.rawContentType = "text/html";
    page.errorStatuses = {404};
    page.handler = [html = std::make_shared<const web::Asset>(root->page("display"))](ApiRequest& r) {
        if (!looksLikeDisplayKey(r.path("key")))
            throw Error(ErrorCode::NotFound, "no display has this key; copy the display's URL from the admin page",
                        "key");
        return assetResponse(r, *html, false);
    };
    return {page};
}

}  // namespace hub::api
