#pragma once
// The rights services act on a patient named in the path: NotFound (404)
// unless they exist.
#include "hub/store/connection.h"

namespace hub::rights {

void requirePatient(store::Connection& c, long long patientId);

}  // namespace hub::rights
