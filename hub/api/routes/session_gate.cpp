#include "hub/api/routes/session_gate.h"

#include "hub/service/audited.h"

namespace hub::api {

Caller SessionGate::authenticate(const std::string& sessionToken) {
    const auto s = sessions_.authenticate(sessionToken);
    return Caller{s.staff.id, s.staff.username, s.staff.displayName, s.staff.role, s.sessionId, s.staff.language};
}

void SessionGate::checkCsrf(const std::string& sessionToken, const std::string& csrfHeader) {
    auth::SessionService::checkCsrf(sessions_.authenticate(sessionToken), csrfHeader);
}

void SessionGate::recordDenied(const Caller& caller, const Route& route, const std::string& clientAddress) {
    const auth::ActorContext actor{caller.staffId, caller.username, caller.role, clientAddress, caller.sessionId};
    db_.write([&](store::Connection& tx) {
        audit_.append(tx, service::auditEventFor(actor, route.operationId, "", "", audit::Outcome::Denied));
    });
}

auth::ActorContext actorFor(const ApiRequest& request) {
    const Caller& c = request.staff();
    return auth::ActorContext{c.staffId, c.username, c.role, request.clientAddress, c.sessionId};
}

}  // namespace hub::api
