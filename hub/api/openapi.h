#pragma once
// The OpenAPI 3 document, generated from the routing table: every route with its
// operationId, parameters, request and response schemas, and (as x-roles) the
// roles the permission table allows.
#include "hub/api/route.h"

#include <Poco/JSON/Object.h>

namespace hub::api {

Poco::JSON::Object::Ptr buildOpenApiDocument(const std::vector<Route>& routes, const std::string& version);

// The error body every 4xx/5xx carries.
Schema errorSchema();

}  // namespace hub::api
