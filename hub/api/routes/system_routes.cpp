#include "hub/api/routes/system_routes.h"

namespace hub::api {

std::vector<Route> systemRoutes(const SystemInfo& info) {
    std::vector<Route> routes;

    Route health = publicRoute("GET", "/healthz", "getHealth", "Liveness and database state, for monitors: degraded when the database fails (503) or the cloud sync has missed three nights (200)");
    health.tag = "system";
    health.responseBody = object({
        required("status", enumeration({"ok", "degraded"})),
        required("version", string()),
        required("uptime_seconds", integer()),
        required("time", withFormat(string(), "date-time")),
        required("database", object({
                                 required("status", enumeration({"ok", "error"})),
                                 optional("schema_version", integer()),
                                 optional("message", string()),
                             })),
    });
    health.handler = [&info](ApiRequest&) {
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        const auto db = info.databaseState();
        const bool ok = db->getValue<std::string>("status") == "ok";
        // An overdue sync degrades the hub's health but not its service: 200.
        body->set("status", ok && !(info.syncOverdue && info.syncOverdue()) ? "ok" : "degraded");
        body->set("version", CLINIC_HUB_VERSION);
        const auto now = info.clock.now();
        body->set("uptime_seconds", toUnixSeconds(now) - toUnixSeconds(info.startedAt));
        body->set("time", formatRfc3339(now));
        body->set("database", db);
        ApiResponse r = ApiResponse::ok(body);
        if (!ok) r.status = 503;
        return r;
    };
    routes.push_back(std::move(health));

    Route ca = publicRoute("GET", "/ca.crt", "getCaCertificate",
                           "The hub's root certificate, for staff devices to trust once");
    ca.tag = "system";
    ca.rawContentType = "application/x-pem-file";
    ca.plainHttp = true;  // a device fetches it before it trusts the hub
    ca.handler = [&info](ApiRequest&) {
        return ApiResponse::bytes("application/x-pem-file", info.rootCertificatePem())
            .header("Content-Disposition", "attachment; filename=\"clinic-hub-root-ca.crt\"");
    };
    routes.push_back(std::move(ca));

    Route crl = publicRoute("GET", "/ca.crl", "getCaCrl",
                            "The root's certificate revocation list (DER): the distribution point the server "
                            "certificate names, for clients that check revocation");
    crl.tag = "system";
    crl.rawContentType = "application/pkix-crl";
    crl.plainHttp = true;  // RFC 5280: CRLs are fetched over HTTP, they are signed
    crl.handler = [&info](ApiRequest&) { return ApiResponse::bytes("application/pkix-crl", info.rootCrlDer()); };
    routes.push_back(std::move(crl));
    return routes;
}

Route openApiRoute(std::function<std::string()> document) {
    Route r = publicRoute("GET", "/api/v1/openapi.json", "getOpenApi", "This API's OpenAPI 3 document");
    r.tag = "system";
    r.rawContentType = "application/json";
    r.handler = [document = std::move(document)](ApiRequest&) {
        return ApiResponse::bytes("application/json; charset=utf-8", document());
    };
    return r;
}

}  // namespace hub::api
