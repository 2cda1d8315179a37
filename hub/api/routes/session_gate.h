#pragma once
// The request pipeline's gate over the real session service and audit log.
#include "hub/api/gate.h"
#include "hub/audit/audit_log.h"
#include "hub/auth/actor.h"
#include "hub/auth/session_service.h"
#include "hub/store/database.h"

namespace hub::api {

class SessionGate final : public RequestGate {
public:
    SessionGate(auth::SessionService& sessions, store::Database& db, audit::AuditLog& audit)
        : sessions_(sessions), db_(db), audit_(audit) {}

    Caller authenticate(const std::string& sessionToken) override;
    void checkCsrf(const std::string& sessionToken, const std::string& csrfHeader) override;
    void recordDenied(const Caller& caller, const Route& route, const std::string& clientAddress) override;

private:
    auth::SessionService& sessions_;
    store::Database& db_;
    audit::AuditLog& audit_;
};

// The service layer's view of a caller.
auth::ActorContext actorFor(const ApiRequest& request);

}  // namespace hub::api
