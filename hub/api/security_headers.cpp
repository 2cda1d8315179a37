#include "hub/api/security_headers.h"

namespace hub::api {

void addSecurityHeaders(Poco::Net::HTTPResponse& response) {
    response.set("Strict-Transport-Security", "max-age=86400");
    response.set("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                 "form-action 'self'; frame-ancestors 'none'");
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Referrer-Policy", "no-referrer");
    response.set("X-Frame-Options", "DENY");
    response.set("Cache-Control", "no-store");
}

}  // namespace hub::api
