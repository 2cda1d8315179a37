#include "hub/api/routes/system_routes.h"

namespace hub::api {

std::string_view healthName(Health health) {
    switch (health) {
        case Health::Ok: return "ok";
        case Health::Degraded: return "degraded";
        case Health::Failing: return "failing";
    }
    return "failing";
}

std::vector<Route> systemRoutes(const SystemInfo& info) {
    std::vector<Route> routes;

    // Anyone on the clinic's network may ask, so the answer names no error,
    // path, schema or table: the operator's log has the details.
    Route health = publicRoute("GET", "/healthz", "getHealth",
                               "Whether the hub is ok, degraded (low disk space, or the cloud sync has missed three nights) or failing (503), its version "
                               "and uptime, for monitors");
    health.tag = "system";
    health.responseBody = object({
        required("status", enumeration({"ok", "degraded", "failing"})),
        required("version", string()),
        required("uptime_seconds", integer()),
    });
    health.errorStatuses = {503};
    health.errorBodies.emplace(503, *health.responseBody);
    health.handler = [&info](ApiRequest&) {
        const Health state = info.health();
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("status", std::string(healthName(state)));
        body->set("version", CLINIC_HUB_VERSION);
        body->set("uptime_seconds", toUnixSeconds(info.clock.now()) - toUnixSeconds(info.startedAt));
        ApiResponse r = ApiResponse::ok(body);
        if (state == Health::Failing) r.status = 503;
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
