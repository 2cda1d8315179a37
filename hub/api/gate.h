#pragma once
// What the request pipeline needs from authentication, as an interface so the
// API layer depends on no storage and can be tested with a fake.
#include "hub/api/route.h"

#include <string>

namespace hub::api {

class RequestGate {
public:
    virtual ~RequestGate() = default;
    // The caller behind a session token; throws Error(Unauthenticated).
    virtual Caller authenticate(const std::string& sessionToken) = 0;
    // Throws Error(Forbidden) unless csrfHeader is the session's CSRF token.
    virtual void checkCsrf(const std::string& sessionToken, const std::string& csrfHeader) = 0;
    // A signed-in caller was refused an operation their role does not allow.
    virtual void recordDenied(const Caller& caller, const Route& route, const std::string& clientAddress) = 0;
};

// __Host-: a browser keeps the cookie only if it is Secure, has Path=/ and no
// Domain, so a neighbour on the same name (http://clinic-hub.local:8080, a
// subdomain) cannot plant or shadow the session cookie.
inline constexpr const char* sessionCookieName = "__Host-clinic_hub_session";
inline constexpr const char* csrfHeaderName = "X-CSRF-Token";

}  // namespace hub::api
