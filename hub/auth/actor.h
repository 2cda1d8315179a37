#pragma once
// Who is asking: built by the API layer from the authenticated session (or by
// the CLI), passed to every service call so the service can check the role
// and write the audit event.
#include "hub/domain/staff.h"

#include <string>

namespace hub::auth {

struct ActorContext {
    long long staffId = 0;
    std::string username;
    domain::Role role = domain::Role::Receptionist;
    std::string clientAddress;
    long long sessionId = 0;  // the session the request came in on (0 for none)
};

}  // namespace hub::auth
