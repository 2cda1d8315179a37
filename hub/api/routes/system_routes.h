#pragma once
#include "hub/api/route.h"
#include "hub/core/clock.h"

#include <functional>

namespace hub::api {

// What /healthz says, for monitors and `clinic-hub status`.
enum class Health {
    Ok,        // serving
    Degraded,  // serving, but needs attention soon (disk below its warning level)
    Failing,   // not doing its job: the database does not answer, or the disk is at its floor
};
std::string_view healthName(Health health);  // "ok", "degraded", "failing"

// What the public system endpoints report, supplied by the daemon.
struct SystemInfo {
    const Clock& clock;
    TimePoint startedAt;
    std::function<std::string()> rootCertificatePem;  // for /ca.crt (also on the plain-HTTP port)
    std::function<std::string()> rootCrlDer;          // for /ca.crl (likewise)
    std::function<Health()> health;                    // must not throw
};

// getHealth (/healthz: the status, the version and the uptime, nothing more,
// since anyone may ask; 503 when failing), getCaCertificate (/ca.crt), getCaCrl (/ca.crl). getOpenApi is added by
// the API assembly because it needs the finished routing table.
std::vector<Route> systemRoutes(const SystemInfo& info);

// getOpenApi: serves a document built once from the routing table.
Route openApiRoute(std::function<std::string()> document);

}  // namespace hub::api
