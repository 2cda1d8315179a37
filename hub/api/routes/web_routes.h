#pragma once
// The one static-asset server's routes: every browser asset the hub ships,
// from hub/web's WebRoot (docs/webapp.md). Each app in hub/web/web_apps.h gets
//   get<App>Asset        GET <url>/{version}/{file}
//   get<App>FolderAsset  GET <url>/{version}/{folder}/{file}
// (or <url>/{file} ... for an unversioned app), and the staff app's page is
// getStaffApp, GET /. Every answer has an ETag and is revalidated with
// If-None-Match (304); an answer whose URL carries the app's current version
// is immutable; gzip when the client accepts it and it pays.
#include "hub/api/route.h"
#include "hub/web/web_root.h"

#include <memory>

namespace hub::api {

std::vector<Route> webRoutes(std::shared_ptr<const web::WebRoot> root);

// An asset's answer to this request: 304 when If-None-Match names its ETag,
// else the body (gzip when accepted); Cache-Control immutable or no-cache.
ApiResponse assetResponse(const ApiRequest& r, const web::Asset& asset, bool immutable);

}  // namespace hub::api
