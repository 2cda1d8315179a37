#pragma once
#include "hub/api/route.h"
#include "hub/core/clock.h"

#include <functional>

namespace hub::api {

// What the public system endpoints report, supplied by the daemon.
struct SystemInfo {
    const Clock& clock;
    TimePoint startedAt;
    std::function<std::string()> rootCertificatePem;  // for /ca.crt (also on the plain-HTTP port)
    std::function<std::string()> rootCrlDer;          // for /ca.crl (likewise)
    // {"status": "ok"|"error", "schema_version": N, ...}; must not throw.
    std::function<Poco::JSON::Object::Ptr()> databaseState;
    // True when the cloud sync is set up and has missed three nights: the hub
    // still serves, but someone should look. Must not throw.
    std::function<bool()> syncOverdue;
};

// getHealth (/healthz), getCaCertificate (/ca.crt), getCaCrl (/ca.crl). getOpenApi is added by
// the API assembly because it needs the finished routing table.
std::vector<Route> systemRoutes(const SystemInfo& info);

// getOpenApi: serves a document built once from the routing table.
Route openApiRoute(std::function<std::string()> document);

}  // namespace hub::api
